"""Activation registry: one table, one entry per activation.

Each entry has a display name, a one-line explanation, its formula (LaTeX), NumPy
``f(x)`` and ``f'(x)`` for teaching pages, a few properties, and a factory for the Keras
layer that applies it. Adding an activation is adding one ``Activation(...)`` row.
NumPy only at import time; Keras is imported when a layer is made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy as np

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
LEAKY_SLOPE = 0.01


@dataclass(frozen=True)
class Activation:
    name: str
    display: str
    summary: str
    summary_ko: str
    latex: str
    f: Callable[[np.ndarray], np.ndarray]
    df: Callable[[np.ndarray], np.ndarray]
    output_range: str
    zero_centred: bool
    monotonic: bool
    saturating: bool
    smooth: bool
    max_slope: float  # max |f'(x)|: the best case per layer in a chain of derivatives
    keras_name: str  # name understood by keras.layers.Activation, or "" when layer_factory is set
    kinks: tuple[float, ...] = ()  # points where f' is not defined (skip them in checks)
    layer_factory: Callable[[str], object] | None = field(default=None, compare=False)

    def keras_layer(self, name: str):
        """A new Keras layer that applies this activation (serializable in .keras files)."""
        import keras

        if self.layer_factory is not None:
            return self.layer_factory(name)
        return keras.layers.Activation(self.keras_name, name=name)


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # overflow-free form of 1/(1+e^-x)


def _softplus(x):
    return np.logaddexp(0.0, x)


def _gelu(x):
    return x * _normal_cdf(x)


def _dgelu(x):
    return _normal_cdf(x) + x * np.exp(-0.5 * x**2) / np.sqrt(2.0 * np.pi)


def _normal_cdf(x):
    from scipy.special import erf  # SciPy comes with scikit-learn

    return 0.5 * (1.0 + erf(x / np.sqrt(2.0)))


def _mish(x):
    return x * np.tanh(_softplus(x))


def _dmish(x):
    t = np.tanh(_softplus(x))
    return t + x * (1.0 - t**2) * _sigmoid(x)


def _leaky_layer(name):
    import keras

    return keras.layers.LeakyReLU(negative_slope=LEAKY_SLOPE, name=name)


def _where(x, neg, pos):
    return np.where(x > 0, pos, neg)


REGISTRY: dict[str, Activation] = {a.name: a for a in [
    Activation(
        "linear", "Linear (identity)",
        "Passes the input through unchanged: stacking linear layers is still one linear map.",
        "입력을 그대로 내보냅니다. 선형 층을 아무리 쌓아도 하나의 선형 변환일 뿐입니다.",
        r"f(x) = x",
        lambda x: x, lambda x: np.ones_like(x),
        "(-∞, ∞)", True, True, False, True, 1.0, "linear"),
    Activation(
        "sigmoid", "Sigmoid",
        "Squashes to (0, 1); its slope is at most 0.25, so gradients shrink layer after layer.",
        "출력을 0과 1 사이로 압축합니다. 기울기가 최대 0.25라서 층을 지날수록 기울기가 사라집니다.",
        r"f(x) = \frac{1}{1 + e^{-x}}",
        _sigmoid, lambda x: _sigmoid(x) * (1.0 - _sigmoid(x)),
        "(0, 1)", False, True, True, True, 0.25, "sigmoid"),
    Activation(
        "tanh", "Tanh",
        "Squashes to (-1, 1) and is zero-centred; still saturates for large |x|.",
        "출력을 -1과 1 사이로 압축하고 평균이 0 근처입니다. 입력이 크면 여전히 포화됩니다.",
        r"f(x) = \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        np.tanh, lambda x: 1.0 - np.tanh(x) ** 2,
        "(-1, 1)", True, True, True, True, 1.0, "tanh"),
    Activation(
        "relu", "ReLU",
        "Zero for negative inputs, identity for positive: slope 1 keeps gradients alive, but units can die.",
        "음수는 0, 양수는 그대로 내보냅니다. 기울기 1이 기울기 소실을 막지만, 뉴런이 죽을 수 있습니다.",
        r"f(x) = \max(0, x)",
        lambda x: np.maximum(x, 0.0), lambda x: _where(x, 0.0, 1.0),
        "[0, ∞)", False, True, False, False, 1.0, "relu", kinks=(0.0,)),
    Activation(
        "leaky_relu", "Leaky ReLU",
        "Like ReLU but with a small slope (0.01) for negative inputs, so no unit is ever fully dead.",
        "ReLU와 같지만 음수 쪽에 작은 기울기(0.01)를 두어 뉴런이 완전히 죽지 않습니다.",
        r"f(x) = \max(0.01x, x)",
        lambda x: _where(x, LEAKY_SLOPE * x, x), lambda x: _where(x, LEAKY_SLOPE, 1.0),
        "(-∞, ∞)", False, True, False, False, 1.0, "", kinks=(0.0,), layer_factory=_leaky_layer),
    Activation(
        "elu", "ELU",
        "ReLU for positive inputs, a smooth exponential curve down to -1 for negative ones.",
        "양수는 ReLU와 같고, 음수는 -1까지 부드럽게 내려가는 지수 곡선입니다.",
        r"f(x) = \begin{cases} x & x > 0 \\ e^{x} - 1 & x \le 0 \end{cases}",
        lambda x: _where(x, np.expm1(np.minimum(x, 0.0)), x),
        lambda x: _where(x, np.exp(np.minimum(x, 0.0)), 1.0),
        "(-1, ∞)", False, True, False, False, 1.0, "elu", kinks=(0.0,)),
    Activation(
        "selu", "SELU",
        "A scaled ELU that keeps activations near mean 0 and variance 1 (self-normalising) with LeCun init.",
        "스케일을 조정한 ELU로, LeCun 초기화와 함께 쓰면 활성값의 평균 0, 분산 1을 유지합니다.",
        r"f(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
        lambda x: SELU_SCALE * _where(x, SELU_ALPHA * np.expm1(np.minimum(x, 0.0)), x),
        lambda x: SELU_SCALE * _where(x, SELU_ALPHA * np.exp(np.minimum(x, 0.0)), 1.0),
        "(-1.758, ∞)", False, True, False, False, SELU_SCALE * SELU_ALPHA, "selu", kinks=(0.0,)),
    Activation(
        "gelu", "GELU",
        "Weights the input by how likely it is to be positive: a smooth ReLU used in Transformers.",
        "입력이 양수일 확률만큼 입력을 통과시키는 부드러운 ReLU입니다(트랜스포머에서 사용).",
        r"f(x) = x \, \Phi(x) = \tfrac{x}{2} \left(1 + \operatorname{erf}\!\left(x / \sqrt{2}\right)\right)",
        _gelu, _dgelu,
        "[-0.17, ∞)", False, False, False, True, 1.129, "gelu"),
    Activation(
        "swish", "Swish / SiLU",
        "x times sigmoid(x): smooth, dips slightly below zero, found by automated search to beat ReLU.",
        "x에 sigmoid(x)를 곱한 함수로, 부드럽고 0 아래로 살짝 내려갑니다. 자동 탐색으로 찾은 ReLU 대안입니다.",
        r"f(x) = x \cdot \sigma(x) = \frac{x}{1 + e^{-x}}",
        lambda x: x * _sigmoid(x),
        lambda x: _sigmoid(x) * (1.0 + x * (1.0 - _sigmoid(x))),
        "[-0.28, ∞)", False, False, False, True, 1.0998, "silu"),
    Activation(
        "mish", "Mish",
        "x times tanh(softplus(x)): smooth and non-monotonic, similar to swish.",
        "x에 tanh(softplus(x))를 곱한 함수로, swish와 비슷하게 부드럽고 단조롭지 않습니다.",
        r"f(x) = x \tanh(\ln(1 + e^{x}))",
        _mish, _dmish,
        "[-0.31, ∞)", False, False, False, True, 1.0886, "mish"),
    Activation(
        "softplus", "Softplus",
        "A smooth version of ReLU: log(1 + e^x); its slope is the sigmoid.",
        "ReLU를 부드럽게 만든 log(1 + e^x)이며, 기울기가 바로 sigmoid입니다.",
        r"f(x) = \ln(1 + e^{x})",
        _softplus, _sigmoid,
        "(0, ∞)", False, True, False, True, 1.0, "softplus"),
    Activation(
        "softsign", "Softsign",
        "x / (1 + |x|): like tanh but approaches ±1 slowly (polynomially), so it saturates more gently.",
        "x / (1 + |x|)로 tanh와 비슷하지만 ±1에 천천히 다가가 포화가 완만합니다.",
        r"f(x) = \frac{x}{1 + |x|}",
        lambda x: x / (1.0 + np.abs(x)), lambda x: 1.0 / (1.0 + np.abs(x)) ** 2,
        "(-1, 1)", True, True, True, True, 1.0, "softsign"),
    Activation(
        "hard_sigmoid", "Hard sigmoid",
        "A cheap piecewise-linear sigmoid: 0 below -3, 1 above 3, a straight line in between.",
        "계산이 싼 구간별 직선 sigmoid입니다. -3 아래는 0, 3 위는 1, 그 사이는 직선입니다.",
        r"f(x) = \max\!\left(0, \min\!\left(1, \tfrac{x}{6} + \tfrac{1}{2}\right)\right)",
        lambda x: np.clip(x / 6.0 + 0.5, 0.0, 1.0),
        lambda x: np.where(np.abs(x) < 3.0, 1.0 / 6.0, 0.0),
        "[0, 1]", False, True, True, False, 1.0 / 6.0, "hard_sigmoid", kinks=(-3.0, 3.0)),
    Activation(
        "relu6", "ReLU6",
        "ReLU capped at 6, used in mobile networks to keep activations small.",
        "최댓값을 6으로 제한한 ReLU로, 모바일 신경망에서 활성값을 작게 유지하려고 씁니다.",
        r"f(x) = \min(\max(0, x), 6)",
        lambda x: np.clip(x, 0.0, 6.0), lambda x: np.where((x > 0) & (x < 6), 1.0, 0.0),
        "[0, 6]", False, True, True, False, 1.0, "relu6", kinks=(0.0, 6.0)),
]}

ALIASES = {"silu": "swish", "identity": "linear", "leakyrelu": "leaky_relu"}


def names() -> list[str]:
    return list(REGISTRY)


@cache
def saturation_intervals(name: str, threshold: float = 0.05) -> tuple[tuple[float, float], ...]:
    """Where |f'(z)| < threshold · max|f'|, as (low, high) intervals (±inf for open ends).

    Found once from the NumPy derivative on a fine grid and refined by bisection, so the
    training loop can count saturated units with a few comparisons instead of
    differentiating the activation again. Beyond |z| = 60 every registered f' is flat.
    """
    act = get(name)
    limit = threshold * act.max_slope

    def low(x):
        return np.abs(act.df(np.asarray(x, dtype=np.float64))) < limit

    grid = np.linspace(-60.0, 60.0, 240001)
    inside = low(grid)
    edges = []
    for i in np.flatnonzero(inside[1:] != inside[:-1]):
        a, b = grid[i], grid[i + 1]
        for _ in range(60):  # bisect to the exact crossing
            mid = 0.5 * (a + b)
            if low(mid) == inside[i]:
                a = mid
            else:
                b = mid
        edges.append(0.5 * (a + b))
    bounds = ([-np.inf] if inside[0] else []) + edges + ([np.inf] if inside[-1] else [])
    return tuple((float(bounds[j]), float(bounds[j + 1])) for j in range(0, len(bounds), 2))


def get(name: str) -> Activation:
    """Look up an activation by name or alias; the error lists the valid names."""
    key = ALIASES.get(name.lower(), name.lower()) if isinstance(name, str) else name
    try:
        return REGISTRY[key]
    except KeyError:
        raise KeyError(f"unknown activation {name!r}; choose one of: {', '.join(REGISTRY)}") from None
