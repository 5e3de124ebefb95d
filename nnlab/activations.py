"""Activation registry: one table, one entry per activation.

Each entry has its formula (LaTeX), NumPy ``f(x)`` and ``f'(x)`` for teaching pages, a few
properties, and a factory for the Keras layer that applies it; its display name and
one-line explanation are catalog texts (``act.<name>.display`` / ``.summary`` in
``nnlab/i18n/registries.py``). Adding an activation is adding one ``Activation(...)`` row
and its two texts. Lookup (aliases, case folding, the error) is ``nnlab.registry``.
NumPy only at import time; Keras is imported when a layer is made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from nnlab.registry import Entry, Registry

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
LEAKY_SLOPE = 0.01


@dataclass(frozen=True)
class Activation(Entry):
    PREFIX = "act"

    name: str
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
        from nnlab.tf_import import import_keras

        keras = import_keras()

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
    from nnlab.tf_import import import_keras

    keras = import_keras()

    return keras.layers.LeakyReLU(negative_slope=LEAKY_SLOPE, name=name)


def _where(x, neg, pos):
    return np.where(x > 0, pos, neg)


REGISTRY: Registry[Activation] = Registry("activation", "act", [
    Activation(
        "linear",
        r"f(x) = x",
        lambda x: x, lambda x: np.ones_like(x),
        "(-∞, ∞)", True, True, False, True, 1.0, "linear"),
    Activation(
        "sigmoid",
        r"f(x) = \frac{1}{1 + e^{-x}}",
        _sigmoid, lambda x: _sigmoid(x) * (1.0 - _sigmoid(x)),
        "(0, 1)", False, True, True, True, 0.25, "sigmoid"),
    Activation(
        "tanh",
        r"f(x) = \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        np.tanh, lambda x: 1.0 - np.tanh(x) ** 2,
        "(-1, 1)", True, True, True, True, 1.0, "tanh"),
    Activation(
        "relu",
        r"f(x) = \max(0, x)",
        lambda x: np.maximum(x, 0.0), lambda x: _where(x, 0.0, 1.0),
        "[0, ∞)", False, True, False, False, 1.0, "relu", kinks=(0.0,)),
    Activation(
        "leaky_relu",
        r"f(x) = \max(0.01x, x)",
        lambda x: _where(x, LEAKY_SLOPE * x, x), lambda x: _where(x, LEAKY_SLOPE, 1.0),
        "(-∞, ∞)", False, True, False, False, 1.0, "", kinks=(0.0,), layer_factory=_leaky_layer),
    Activation(
        "elu",
        r"f(x) = \begin{cases} x & x > 0 \\ e^{x} - 1 & x \le 0 \end{cases}",
        lambda x: _where(x, np.expm1(np.minimum(x, 0.0)), x),
        lambda x: _where(x, np.exp(np.minimum(x, 0.0)), 1.0),
        "(-1, ∞)", False, True, False, False, 1.0, "elu", kinks=(0.0,)),
    Activation(
        "selu",
        r"f(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
        lambda x: SELU_SCALE * _where(x, SELU_ALPHA * np.expm1(np.minimum(x, 0.0)), x),
        lambda x: SELU_SCALE * _where(x, SELU_ALPHA * np.exp(np.minimum(x, 0.0)), 1.0),
        "(-1.758, ∞)", False, True, False, False, SELU_SCALE * SELU_ALPHA, "selu", kinks=(0.0,)),
    Activation(
        "gelu",
        r"f(x) = x \, \Phi(x) = \tfrac{x}{2} \left(1 + \operatorname{erf}\!\left(x / \sqrt{2}\right)\right)",
        _gelu, _dgelu,
        "[-0.17, ∞)", False, False, False, True, 1.129, "gelu"),
    Activation(
        "swish",
        r"f(x) = x \cdot \sigma(x) = \frac{x}{1 + e^{-x}}",
        lambda x: x * _sigmoid(x),
        lambda x: _sigmoid(x) * (1.0 + x * (1.0 - _sigmoid(x))),
        "[-0.28, ∞)", False, False, False, True, 1.0998, "silu"),
    Activation(
        "mish",
        r"f(x) = x \tanh(\ln(1 + e^{x}))",
        _mish, _dmish,
        "[-0.31, ∞)", False, False, False, True, 1.0886, "mish"),
    Activation(
        "softplus",
        r"f(x) = \ln(1 + e^{x})",
        _softplus, _sigmoid,
        "(0, ∞)", False, True, False, True, 1.0, "softplus"),
    Activation(
        "softsign",
        r"f(x) = \frac{x}{1 + |x|}",
        lambda x: x / (1.0 + np.abs(x)), lambda x: 1.0 / (1.0 + np.abs(x)) ** 2,
        "(-1, 1)", True, True, True, True, 1.0, "softsign"),
    Activation(
        "hard_sigmoid",
        r"f(x) = \max\!\left(0, \min\!\left(1, \tfrac{x}{6} + \tfrac{1}{2}\right)\right)",
        lambda x: np.clip(x / 6.0 + 0.5, 0.0, 1.0),
        lambda x: np.where(np.abs(x) < 3.0, 1.0 / 6.0, 0.0),
        "[0, 1]", False, True, True, False, 1.0 / 6.0, "hard_sigmoid", kinks=(-3.0, 3.0)),
    Activation(
        "relu6",
        r"f(x) = \min(\max(0, x), 6)",
        lambda x: np.clip(x, 0.0, 6.0), lambda x: np.where((x > 0) & (x < 6), 1.0, 0.0),
        "[0, 6]", False, True, True, False, 1.0, "relu6", kinks=(0.0, 6.0)),
], aliases={"silu": "swish", "identity": "linear", "leakyrelu": "leaky_relu"})

names = REGISTRY.names
get = REGISTRY.get  # by name or alias, any case; an unknown name raises registry.UnknownName (a KeyError)


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
