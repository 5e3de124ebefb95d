"""Unit tests for nnlab.teaching (NumPy maths of the teaching pages) and nnlab.charts.teaching."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nnlab import activations, initializers, teaching  # noqa: E402
from nnlab.charts import teaching as charts  # noqa: E402


# --------------------------------------------------------------------------- initializers
@pytest.mark.parametrize("name", initializers.names())
def test_every_registry_initializer_has_a_numpy_rule(name):
    w = teaching.sample_weights(name, (64, 32), np.random.default_rng(0))
    assert w.shape == (64, 32)
    assert np.all(np.isfinite(w))


@pytest.mark.parametrize("name, expected_std", [
    ("glorot_uniform", np.sqrt(2 / (300 + 200))), ("glorot_normal", np.sqrt(2 / (300 + 200))),
    ("he_normal", np.sqrt(2 / 300)), ("he_uniform", np.sqrt(2 / 300)),
    ("lecun_normal", np.sqrt(1 / 300)), ("lecun_uniform", np.sqrt(1 / 300)),
    ("random_normal", 0.05), ("random_uniform", 0.05 / np.sqrt(3)),
])
def test_initializer_variance_follows_its_rule(name, expected_std):
    w = teaching.sample_weights(name, (300, 200), np.random.default_rng(1))
    assert w.std() == pytest.approx(expected_std, rel=0.03)
    assert abs(w.mean()) < 0.1 * expected_std


def test_initializers_are_seeded_and_truncated():
    a = teaching.sample_weights("he_normal", (50, 50), np.random.default_rng(7))
    b = teaching.sample_weights("he_normal", (50, 50), np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)
    std = np.sqrt(2 / 50) / 0.87962566103423978
    assert np.abs(a).max() <= 2 * std + 1e-12  # truncated at 2σ like Keras


def test_orthogonal_and_constant_and_unknown():
    q = teaching.sample_weights("orthogonal", (40, 40), np.random.default_rng(0))
    np.testing.assert_allclose(q.T @ q, np.eye(40), atol=1e-10)
    assert np.all(teaching.sample_weights("constant", (3, 3), np.random.default_rng(0)) == 0.1)
    assert np.all(teaching.sample_weights("zeros", (3, 3), np.random.default_rng(0)) == 0)
    with pytest.raises(KeyError):
        teaching.sample_weights("nope", (3, 3), np.random.default_rng(0))


# --------------------------------------------------------------------------- depth
def test_sigmoid_best_case_through_ten_layers():
    chain = teaching.depth_chain("sigmoid", 10)
    assert chain.best_case[-1] == pytest.approx(0.25**10)
    assert f"{chain.best_case[-1]:.2e}" == "9.54e-07"
    assert len(chain.layers) == len(chain.grad_norm) == 11
    assert chain.grad_norm[0] == 1.0


def test_sigmoid_vanishes_but_relu_with_he_does_not():
    sig = teaching.depth_chain("sigmoid", 20, "glorot_uniform", 128, seed=0)
    relu = teaching.depth_chain("relu", 20, "he_normal", 128, seed=0)
    assert sig.grad_norm[-1] < 1e-6
    assert 0.1 < relu.grad_norm[-1] < 10


def test_linear_orthogonal_chain_keeps_the_norm():
    chain = teaching.depth_chain("linear", 30, "orthogonal", 32, seed=3)
    np.testing.assert_allclose(chain.grad_norm, 1.0, rtol=1e-9)


def test_zero_init_kills_the_gradient():
    chain = teaching.depth_chain("tanh", 5, "zeros", 16)
    assert np.all(chain.grad_norm[1:] == 0)


def test_depth_chain_is_seeded():
    a = teaching.depth_chain("gelu", 12, "he_uniform", 32, seed=5)
    b = teaching.depth_chain("gelu", 12, "he_uniform", 32, seed=5)
    np.testing.assert_array_equal(a.grad_norm, b.grad_norm)


def test_derivative_at_zero_and_timing():
    assert teaching.derivative_at_zero("relu") == (0.0, 1.0)
    assert teaching.derivative_at_zero("sigmoid") == (0.25, 0.25)
    assert teaching.time_activation("relu", n=10_000, repeats=1, budget=0.0) > 0


# --------------------------------------------------------------------------- neuron
def test_lecture_sigmoid_neuron_loss_decreases():
    w0, _ = teaching.initial_neuron_weights("normal", 0)
    runs = teaching.neuron_train(1.0, 0.0, "sigmoid", False, w0, 0.0, 0.1, 1000)
    for run in runs.values():
        assert np.all(np.diff(run.loss) <= 1e-15)
        assert run.loss[-1] < 0.05 * run.loss[0]
        assert np.all(run.b == 0)


def test_bias_fits_the_case_the_bias_free_neuron_cannot():
    w0, b0 = teaching.initial_neuron_weights("normal", 0)
    without = teaching.neuron_train(0.0, 1.0, "sigmoid", False, w0, b0, 0.1, 1000)
    with_bias = teaching.neuron_train(0.0, 1.0, "sigmoid", True, w0, b0, 0.1, 1000)
    for rule in teaching.RULES:
        np.testing.assert_allclose(without[rule].error, 0.5)  # stuck at sigmoid(0) = 0.5
        assert abs(with_bias[rule].error[-1]) < 0.1
        assert with_bias[rule].b[-1] > with_bias[rule].b[0]


def test_dead_relu_stalls_under_gradient_descent_but_not_the_hand_rule():
    runs = teaching.neuron_train(1.0, 1.0, "relu", False, -0.65, 0.0, 0.1, 100)
    assert np.all(runs["gradient"].w == -0.65)
    assert abs(runs["hand"].error[-1]) < 0.01


def test_gradient_rule_is_true_gradient_descent():
    # one step of the gradient rule equals w - lr · dL/dw with dL/dw from finite differences
    act = activations.get("tanh")
    x, y, w, b, lr, eps = 0.7, 0.3, 0.4, -0.2, 0.1, 1e-6

    def loss(w_, b_):
        return 0.5 * (y - act.f(np.array(w_ * x + b_))) ** 2

    runs = teaching.neuron_train(x, y, "tanh", True, w, b, lr, 1)
    dw = (loss(w + eps, b) - loss(w - eps, b)) / (2 * eps)
    db = (loss(w, b + eps) - loss(w, b - eps)) / (2 * eps)
    assert runs["gradient"].w[1] == pytest.approx(w - lr * dw, abs=1e-9)
    assert runs["gradient"].b[1] == pytest.approx(b - lr * db, abs=1e-9)
    linear = teaching.neuron_train(x, y, "linear", True, w, b, lr, 20)  # f' = 1: both rules coincide
    np.testing.assert_allclose(linear["hand"].w, linear["gradient"].w)


def test_initial_weights():
    assert teaching.initial_neuron_weights("normal", 3) == teaching.initial_neuron_weights("normal", 3)
    w, b = teaching.initial_neuron_weights("uniform", 1)
    assert 0 <= w < 1 and 0 <= b < 1
    with pytest.raises(ValueError):
        teaching.initial_neuron_weights("cauchy", 0)


# --------------------------------------------------------------------------- softmax
def test_softmax_of_one_two_three():
    steps = teaching.softmax_steps([1, 2, 3])
    assert [f"{p:.4f}" for p in steps["probs"]] == ["0.0900", "0.2447", "0.6652"]
    assert steps["sum"] == pytest.approx(np.exp(-2) + np.exp(-1) + 1)
    assert steps["probs"].sum() == pytest.approx(1.0)


def test_softmax_is_shift_invariant_and_overflow_free():
    big = teaching.softmax_steps([1000.0, 1001.0, 1002.0])["probs"]
    np.testing.assert_allclose(big, teaching.softmax_steps([1, 2, 3])["probs"])
    assert np.all(np.isfinite(big))


# --------------------------------------------------------------------------- tiny network
def _random_params(seed):
    rng = np.random.default_rng(seed)
    return {k: float(v) for k, v in zip(teaching.TINY_PARAMS, rng.normal(0, 1, len(teaching.TINY_PARAMS)))}


@pytest.mark.parametrize("seed", [None, 0, 1, 2])
def test_backprop_partials_equal_finite_differences(seed):
    p = dict(teaching.TINY_DEFAULTS) if seed is None else _random_params(seed)
    x1, x2, y = (0.05, 0.10, 0.01) if seed is None else (0.8, -1.3, 0.9)
    result = teaching.tiny_net_forward_backward(p, x1, x2, y, 0.5)
    eps = 1e-6
    for k in teaching.TINY_PARAMS:
        up, down = dict(p), dict(p)
        up[k] += eps
        down[k] -= eps
        numeric = (teaching.tiny_net_loss(up, x1, x2, y) - teaching.tiny_net_loss(down, x1, x2, y)) / (2 * eps)
        assert result["grads"][k] == pytest.approx(numeric, rel=1e-5, abs=1e-10), k
        assert result["grads"][k] == pytest.approx(np.prod([v for _, v in result["chains"][k]]))


def test_tiny_net_known_numbers_and_update_lowers_loss():
    r = teaching.tiny_net_forward_backward(teaching.TINY_DEFAULTS, 0.05, 0.10, 0.01, 0.5)
    assert r["forward"]["h1"] == pytest.approx(0.593269992, abs=1e-8)
    assert r["forward"]["o"] == pytest.approx(0.751365070, abs=1e-8)
    assert r["grads"]["w5"] == pytest.approx(0.082167041, abs=1e-8)
    assert r["updated"]["w5"] == pytest.approx(0.40 - 0.5 * 0.082167041, abs=1e-8)
    assert r["loss_after"] < r["forward"]["loss"]


def test_chain_rule_latex():
    r = teaching.tiny_net_forward_backward(teaching.TINY_DEFAULTS, 0.05, 0.10, 0.01)
    line = teaching.chain_rule_latex("w1", r["chains"]["w1"], r["grads"]["w1"])
    assert line.startswith(r"\begin{aligned}\frac{\partial L}{\partial w_{1}} &=")
    assert r"\frac{\partial h_{1}}{\partial z_{h1}}" in line
    assert line.count(r"\cdot") == 8


# --------------------------------------------------------------------------- charts
def test_charts_have_titles_axes_and_log_scale():
    fig = charts.activation_figure(["sigmoid", "relu"], -5, 5)
    assert len(fig.data) == 4 and fig.layout.title.text
    assert fig.layout.xaxis.title.text == "x" and fig.layout.yaxis2.title.text == "f′(x)"
    depth = charts.depth_figure([teaching.depth_chain("sigmoid", 10), teaching.depth_chain("relu", 10)])
    assert depth.layout.yaxis.type == "log" and depth.layout.yaxis.title.text and depth.layout.xaxis.title.text
    assert len(depth.data) == 4
    runs = teaching.neuron_train(1.0, 0.0, "sigmoid", True, 0.5, 0.1, 0.1, 20)
    assert len(charts.neuron_figure(runs, 5, "ko").data) == 6
    r = teaching.tiny_net_forward_backward(teaching.TINY_DEFAULTS, 0.05, 0.10, 0.01)
    net = charts.network_figure(teaching.TINY_DEFAULTS, r)
    texts = " ".join(a.text for a in net.layout.annotations)
    assert "0.1500" in texts and "∂L/∂w5" in texts
    bars = charts.softmax_figure(teaching.softmax_steps([1, 2, 3]), ["a", "b", "c"])
    assert list(bars.data[0].text) == ["0.0900", "0.2447", "0.6652"]


def test_teaching_modules_do_not_import_tensorflow():
    code = ("import sys; import nnlab.teaching, nnlab.charts.teaching; "
            "print('tensorflow' in sys.modules or 'keras' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- iris (TensorFlow, slow)
def test_iris_softmax_by_hand_matches_predict():
    pytest.importorskip("keras")
    pytest.importorskip("sklearn")
    iris = teaching.train_iris_softmax(seed=0, epochs=100)
    logits = iris["X"] @ iris["W"] + iris["b"]
    by_hand = np.array([teaching.softmax_steps(z)["probs"] for z in logits])
    np.testing.assert_allclose(by_hand, iris["predict"], atol=1e-5)
    assert iris["accuracy"] > 0.8
