"""NumPy maths for the teaching pages (activation explorer, single neuron, softmax/backprop).

Owns: NumPy versions of the initializer rules (``sample_weights``), the derivative chain
through depth (``depth_chain``), activation timing (``time_activation``), the single-neuron
trainer with the lecture's hand rule and true gradient descent (``neuron_train``), softmax
step by step (``softmax_steps``) and one forward/backward pass of a 2-2-1 network
(``tiny_net_forward_backward``). Pure functions, no Streamlit; the only TensorFlow code
(``train_iris_softmax``) imports Keras inside the function, so importing this module is fast.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from nnlab import activations, initializers

# Keras' truncated normal (cut at 2σ) has a smaller spread than its σ: divide by this to correct.
_TRUNC_STD = 0.87962566103423978


# --------------------------------------------------------------------------- initializers
def _truncated_normal(rng: np.random.Generator, std: float, shape) -> np.ndarray:
    out = rng.standard_normal(shape)
    bad = np.abs(out) > 2.0
    while bad.any():
        out[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(out) > 2.0
    return out * std


def _orthogonal(rng: np.random.Generator, shape, gain: float) -> np.ndarray:
    rows, cols = shape
    a = rng.standard_normal((max(rows, cols), min(rows, cols)))
    q, r = np.linalg.qr(a)
    q *= np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    return gain * q[:rows, :cols]


def sample_weights(name: str, shape: tuple[int, int], rng: np.random.Generator,
                   param: float = 0.0) -> np.ndarray:
    """Draw a (fan_in, fan_out) weight matrix with the rule of initializer ``name``.

    Names, aliases and the optional parameter (stddev, limit, value, orthogonal gain; 0
    meaning its default) are those of ``nnlab.initializers``: NumPy versions of the same
    rules the Keras runs use.
    """
    fan_in, fan_out = int(shape[0]), int(shape[1])
    init = initializers.get(name)  # an unknown name raises registry.UnknownName
    key, value = init.name, init.param_value(param)
    if key == "zeros":
        return np.zeros(shape)
    if key == "constant":
        return np.full(shape, value)
    if key == "random_normal":
        return rng.normal(0.0, value, shape)
    if key == "random_uniform":
        return rng.uniform(-value, value, shape)
    if key == "orthogonal":
        return _orthogonal(rng, shape, value)
    scale_fan = {
        "glorot_uniform": (1.0, fan_in + fan_out, "u", 2.0),
        "glorot_normal": (1.0, fan_in + fan_out, "n", 2.0),
        "he_uniform": (2.0, fan_in, "u", 1.0),
        "he_normal": (2.0, fan_in, "n", 1.0),
        "lecun_uniform": (1.0, fan_in, "u", 1.0),
        "lecun_normal": (1.0, fan_in, "n", 1.0),
    }
    scale, fan, kind, mult = scale_fan[key]
    variance = scale * mult / fan  # glorot: 2/(fan_in+fan_out); he: 2/fan_in; lecun: 1/fan_in
    if kind == "u":
        limit = np.sqrt(3.0 * variance)
        return rng.uniform(-limit, limit, shape)
    return _truncated_normal(rng, np.sqrt(variance) / _TRUNC_STD, shape)


# --------------------------------------------------------------------------- depth
@dataclass
class DepthChain:
    """Gradient through ``depth`` layers; index k = number of layers passed back from the output."""

    activation: str
    layers: np.ndarray  # 0..L
    best_case: np.ndarray  # (max |f'|)^k
    grad_norm: np.ndarray  # ||dL/da|| after k layers, output gradient has norm 1
    mean_slope: np.ndarray  # mean |f'(z)| of the layer passed at step k (nan at k=0)
    slope_product: np.ndarray  # cumulative product of mean_slope (weights left out)


def depth_chain(activation: str, depth: int, initializer: str = "glorot_uniform", width: int = 64,
                seed: int = 0, init_param: float = 0.0) -> DepthChain:
    """Push a random input through ``depth`` random dense layers, then a unit gradient back.

    Forward: a_l = f(a_{l-1} W_l). Backward: g_{l-1} = (g_l * f'(z_l)) W_l^T. Returns the
    gradient norm after each layer and the best case (max |f'|)^k for comparison.
    """
    act = activations.get(activation)
    rng = np.random.default_rng(seed)
    a = rng.standard_normal(width)
    weights, pre = [], []
    with np.errstate(all="ignore"):
        for _ in range(depth):
            w = sample_weights(initializer, (width, width), rng, init_param)
            z = a @ w
            weights.append(w)
            pre.append(z)
            a = act.f(z)
        g = rng.standard_normal(width)
        g /= np.linalg.norm(g)
        norms, slopes = [1.0], [np.nan]
        for w, z in zip(reversed(weights), reversed(pre)):
            d = act.df(z)
            slopes.append(float(np.mean(np.abs(d))))
            g = (g * d) @ w.T
            norms.append(float(np.linalg.norm(g)))
    layers = np.arange(depth + 1)
    slopes_arr = np.array(slopes)
    product = np.concatenate([[1.0], np.cumprod(slopes_arr[1:])])
    return DepthChain(activation, layers, float(act.max_slope) ** layers.astype(float),
                      np.array(norms), slopes_arr, product)


def time_activation(name: str, n: int = 1_000_000, repeats: int = 2, budget: float = 0.03) -> float:
    """Best time (seconds) to evaluate the NumPy f of ``name`` on ``n`` values.

    Runs at least ``repeats`` times and keeps going while the total stays under ``budget``
    seconds, so fast functions (ReLU, well under 1 ms) get many tries and a stable minimum.
    """
    f = activations.get(name).f
    x = np.linspace(-5.0, 5.0, int(n))
    best, total, count = np.inf, 0.0, 0
    while count < repeats or (total < budget and count < 200):
        start = time.perf_counter()
        f(x)
        elapsed = time.perf_counter() - start
        best, total, count = min(best, elapsed), total + elapsed, count + 1
    return best


def derivative_at_zero(name: str) -> tuple[float, float]:
    """(f'(0⁻), f'(0⁺)): equal for a smooth function, different at a kink such as ReLU's."""
    act = activations.get(name)
    if 0.0 in act.kinks:
        return float(act.df(np.array(-1e-9))), float(act.df(np.array(1e-9)))
    v = float(act.df(np.array(0.0)))
    return v, v


# --------------------------------------------------------------------------- single neuron
RULES = ("hand", "gradient")


@dataclass
class NeuronRun:
    """Per-step arrays (length steps + 1, index 0 = before training) of one update rule."""

    rule: str
    w: np.ndarray
    b: np.ndarray
    output: np.ndarray
    error: np.ndarray  # target - output
    slope: np.ndarray  # f'(w·x + b)

    @property
    def loss(self) -> np.ndarray:
        return 0.5 * self.error**2


def initial_neuron_weights(distribution: str = "normal", seed: int = 0) -> tuple[float, float]:
    """(w0, b0) drawn like the lecture: ``normal`` = N(0, 1), ``uniform`` = U(0, 1)."""
    rng = np.random.default_rng(seed)
    if distribution == "uniform":
        w, b = rng.uniform(0.0, 1.0, 2)
    elif distribution == "normal":
        w, b = rng.normal(0.0, 1.0, 2)
    else:
        raise ValueError(f"distribution must be 'normal' or 'uniform', not {distribution!r}")
    return float(w), float(b)


def neuron_train(x: float, target: float, activation: str = "sigmoid", use_bias: bool = False,
                 w0: float = 0.5, b0: float = 0.0, lr: float = 0.1, steps: int = 100) -> dict[str, NeuronRun]:
    """Train y = f(w·x + b) on one (x, target) pair with both rules; returns {rule: NeuronRun}.

    ``hand``: the lecture's rule w += lr·x·error, b += lr·1·error (no derivative).
    ``gradient``: gradient descent on L = ½(target − y)²: w += lr·x·error·f'(z), b likewise.
    Without a bias, b stays 0.
    """
    act = activations.get(activation)
    runs = {}
    with np.errstate(all="ignore"):
        for rule in RULES:
            w, b = float(w0), float(b0) if use_bias else 0.0
            ws, bs, outs, errs, slopes = [], [], [], [], []
            for step in range(steps + 1):
                z = w * x + b
                y = float(act.f(np.array(z)))
                d = float(act.df(np.array(z)))
                err = target - y
                ws.append(w)
                bs.append(b)
                outs.append(y)
                errs.append(err)
                slopes.append(d)
                if step == steps:
                    break
                delta = err if rule == "hand" else err * d
                w += lr * x * delta
                if use_bias:
                    b += lr * 1.0 * delta
            runs[rule] = NeuronRun(rule, np.array(ws), np.array(bs), np.array(outs), np.array(errs), np.array(slopes))
    return runs


# --------------------------------------------------------------------------- softmax
def softmax_steps(logits) -> dict[str, np.ndarray | float]:
    """Softmax computed the way it is taught: subtract the max, exponentiate, sum, divide."""
    z = np.asarray(logits, dtype=float)
    shifted = z - z.max()
    e = np.exp(shifted)
    total = float(e.sum())
    return {"logits": z, "max": float(z.max()), "shifted": shifted, "exp": e, "sum": total,
            "probs": e / total, "exp_raw": np.exp(np.clip(z, None, 700.0))}


# --------------------------------------------------------------------------- 2-2-1 network
TINY_PARAMS = ("w1", "w2", "w3", "w4", "b1", "b2", "w5", "w6", "b3")
TINY_DEFAULTS = {"x1": 0.05, "x2": 0.10, "y": 0.01, "lr": 0.5,
                 "w1": 0.15, "w2": 0.20, "w3": 0.25, "w4": 0.30, "b1": 0.35, "b2": 0.35,
                 "w5": 0.40, "w6": 0.45, "b3": 0.60}
# Edges: w1 x1→h1, w2 x2→h1, w3 x1→h2, w4 x2→h2, w5 h1→o, w6 h2→o; b1, b2, b3 the biases.


def _sig(z: float) -> float:
    return float(activations.get("sigmoid").f(np.array(z)))


def tiny_net_loss(p: dict, x1: float, x2: float, y: float) -> float:
    """L = ½(o − y)² of the 2-2-1 sigmoid network with parameters ``p``."""
    h1 = _sig(p["w1"] * x1 + p["w2"] * x2 + p["b1"])
    h2 = _sig(p["w3"] * x1 + p["w4"] * x2 + p["b2"])
    o = _sig(p["w5"] * h1 + p["w6"] * h2 + p["b3"])
    return 0.5 * (o - y) ** 2


def tiny_net_forward_backward(p: dict, x1: float, x2: float, y: float, lr: float = 0.5) -> dict:
    """One forward pass, one backward pass (chain rule) and one update of the 2-2-1 network.

    Returns ``forward`` (z and activation of every unit, loss), ``chains`` (for every
    parameter: the chain-rule factors as (symbol, value) pairs), ``grads`` (their products),
    ``updated`` parameters and ``loss_after``.
    """
    zh1 = p["w1"] * x1 + p["w2"] * x2 + p["b1"]
    zh2 = p["w3"] * x1 + p["w4"] * x2 + p["b2"]
    h1, h2 = _sig(zh1), _sig(zh2)
    zo = p["w5"] * h1 + p["w6"] * h2 + p["b3"]
    o = _sig(zo)
    loss = 0.5 * (o - y) ** 2
    dl_do = o - y
    do_dz = o * (1.0 - o)
    dh1, dh2 = h1 * (1.0 - h1), h2 * (1.0 - h2)
    top = [("∂L/∂o", dl_do), ("∂o/∂z_o", do_dz)]
    via_h1 = top + [("∂z_o/∂h_1", p["w5"]), ("∂h_1/∂z_h1", dh1)]
    via_h2 = top + [("∂z_o/∂h_2", p["w6"]), ("∂h_2/∂z_h2", dh2)]
    chains = {
        "w5": top + [("∂z_o/∂w_5", h1)],
        "w6": top + [("∂z_o/∂w_6", h2)],
        "b3": top + [("∂z_o/∂b_3", 1.0)],
        "w1": via_h1 + [("∂z_h1/∂w_1", x1)],
        "w2": via_h1 + [("∂z_h1/∂w_2", x2)],
        "b1": via_h1 + [("∂z_h1/∂b_1", 1.0)],
        "w3": via_h2 + [("∂z_h2/∂w_3", x1)],
        "w4": via_h2 + [("∂z_h2/∂w_4", x2)],
        "b2": via_h2 + [("∂z_h2/∂b_2", 1.0)],
    }
    grads = {k: float(np.prod([v for _, v in chain])) for k, chain in chains.items()}
    updated = {k: float(p[k]) - lr * grads[k] for k in TINY_PARAMS}
    forward = {"x1": x1, "x2": x2, "y": y, "z_h1": zh1, "h1": h1, "z_h2": zh2, "h2": h2,
               "z_o": zo, "o": o, "loss": loss}
    return {"forward": forward, "chains": chains, "grads": grads, "updated": updated,
            "loss_after": tiny_net_loss(updated, x1, x2, y)}


# --------------------------------------------------------------------------- iris (TensorFlow, lazy)
def train_iris_softmax(seed: int = 0, epochs: int = 300) -> dict:
    """Train a seeded 4→3 softmax model on iris (lecture 003) and return its weights.

    Imports Keras and scikit-learn here, never at module import. Returns ``W`` (4×3), ``b``
    (3), the raw ``X`` and ``y``, names, the final accuracy and ``predict`` (the model's own
    probabilities for every row) so a page can check its hand computation against Keras.
    """
    from sklearn.datasets import load_iris

    from nnlab.tf_import import import_keras

    keras = import_keras()

    iris = load_iris()
    x = iris.data.astype("float32")
    y = iris.target.astype("int32")
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(3, activation="softmax", kernel_initializer=keras.initializers.GlorotUniform(seed=seed)),
    ])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(x, y, epochs=epochs, batch_size=len(x), shuffle=False, verbose=0)
    w, b = model.get_weights()
    return {"W": np.asarray(w, dtype=float), "b": np.asarray(b, dtype=float), "X": x.astype(float), "y": y,
            "feature_names": list(iris.feature_names), "class_names": list(iris.target_names),
            "accuracy": float(history.history["accuracy"][-1]),
            "predict": np.asarray(model.predict(x, verbose=0), dtype=float)}


def _latex_symbol(symbol: str) -> str:
    """'∂z_h1/∂w_1' → '\\frac{\\partial z_{h1}}{\\partial w_{1}}'."""
    def one(part: str) -> str:
        part = part.replace("∂", "")
        if "_" in part:
            base, sub = part.split("_", 1)
            return f"{base}_{{{sub}}}"
        return part

    top, bottom = symbol.split("/")
    return rf"\frac{{\partial {one(top)}}}{{\partial {one(bottom)}}}"


def chain_rule_latex(param: str, chain: list[tuple[str, float]], grad: float) -> str:
    """Two aligned LaTeX lines: ∂L/∂param = product of the chain's symbols, then = numbers = grad."""
    symbols = r" \cdot ".join(_latex_symbol(s) for s, _ in chain)
    numbers = r" \cdot ".join(f"({v:.4f})" for _, v in chain)
    lhs = _latex_symbol("∂L/∂" + param[0] + "_" + param[1:])
    return rf"\begin{{aligned}}{lhs} &= {symbols} \\ &= {numbers} = {grad:.6g}\end{{aligned}}"
