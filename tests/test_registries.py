"""Registries: one lookup for all (aliases, case folding, one error with a catalog code);
every activation's NumPy f/f' agrees with Keras and with autodiff; every initializer draws
what its rule says; every activation, initializer and optimizer trains."""

import numpy as np
import pytest

from nnlab import activations, datasets, i18n, initializers, optimizers, presets
from nnlab.config import RunConfig
from nnlab.registry import Registry, UnknownName


def _grid(act):
    x = np.linspace(-6.0, 6.0, 2401)
    for kink in act.kinks:
        x = x[np.abs(x - kink) > 1e-3]
    return x


@pytest.mark.parametrize("name", activations.names())
def test_numpy_activation_matches_keras_forward_and_autodiff(name):
    import tensorflow as tf

    act = activations.get(name)
    x = _grid(act)
    layer = act.keras_layer("probe")
    xt = tf.constant(x, tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        y = layer(xt)
    dy = tape.gradient(y, xt).numpy()
    np.testing.assert_allclose(act.f(x), y.numpy(), atol=1e-5, rtol=1e-5, err_msg=f"{name} f(x)")
    np.testing.assert_allclose(act.df(x), dy, atol=1e-5, rtol=1e-5, err_msg=f"{name} f'(x)")


@pytest.mark.parametrize("name", activations.names())
def test_max_slope_is_the_largest_derivative(name):
    act = activations.get(name)
    x = np.linspace(-20, 20, 400001)
    assert np.max(np.abs(act.df(x))) == pytest.approx(act.max_slope, rel=2e-3)


def test_sigmoid_slope_ceiling_is_a_quarter():
    assert activations.get("sigmoid").df(np.array([0.0]))[0] == 0.25


def test_aliases_and_unknown_names():
    assert activations.get("silu").name == "swish"
    with pytest.raises(KeyError, match="choose one of"):
        activations.get("maxoutt")


@pytest.mark.parametrize("module,alias,name", [
    (activations, " SiLU ", "swish"), (activations, "ReLU", "relu"), (initializers, "Xavier", "glorot_uniform"),
    (initializers, "normal", "random_normal"), (optimizers, "ADAM", "adam"), (datasets, "Spiral", "spiral"),
    (presets, "IRIS", "iris"),
])
def test_every_registry_folds_case_and_follows_aliases(module, alias, name):
    assert module.get(alias).name == name
    assert module.names() == list(module.REGISTRY) and alias not in module.names()  # names() lists canonical names


@pytest.mark.parametrize("module,kind", [(activations, "activation"), (initializers, "initializer"),
                                         (optimizers, "optimizer"), (datasets, "dataset"), (presets, "preset")])
def test_every_registry_raises_the_same_error_with_a_code_and_the_valid_names(module, kind):
    with pytest.raises(UnknownName) as info:
        module.get("nope")
    err = info.value
    assert isinstance(err, KeyError) and err.code == "registry.err.unknown"
    assert err.params == {"kind": kind, "name": "nope", "choices": module.names()}
    assert str(err) == f"unknown {kind} 'nope'; choose one of: {', '.join(module.names())}"
    korean = err.text("ko")
    assert i18n.t(f"registry.kind.{kind}", "ko") in korean and "고르세요" in korean
    with pytest.raises(UnknownName):
        module.get(None)


def test_a_registry_refuses_duplicate_names_and_dangling_aliases():
    row = activations.get("relu")
    with pytest.raises(ValueError):
        Registry("activation", "act", [row, row])
    with pytest.raises(ValueError):
        Registry("activation", "act", [row], aliases={"rectifier": "nope"})
    with pytest.raises(ValueError):
        Registry("activation", "act", [row], aliases={"RELU": "relu"})  # shadows a name


def test_teaching_draws_with_the_registry_names_aliases_and_defaults():
    from nnlab import teaching

    rng = lambda: np.random.default_rng(0)  # noqa: E731
    np.testing.assert_array_equal(teaching.sample_weights("xavier", (4, 3), rng()),
                                  teaching.sample_weights("glorot_uniform", (4, 3), rng()))
    assert np.all(teaching.sample_weights("constant", (2, 2), rng()) == initializers.get("constant").param_default)
    with pytest.raises(UnknownName):
        teaching.sample_weights("nope", (2, 2), rng())


@pytest.mark.parametrize("name,expected_std", [
    ("glorot_uniform", np.sqrt(2 / (200 + 100))),
    ("glorot_normal", np.sqrt(2 / (200 + 100))),
    ("he_normal", np.sqrt(2 / 200)),
    ("he_uniform", np.sqrt(2 / 200)),
    ("lecun_normal", np.sqrt(1 / 200)),
    ("random_normal", 0.05),
    ("random_uniform", 0.05 / np.sqrt(3)),
])
def test_initializer_spread_follows_its_rule(name, expected_std):
    w = np.asarray(initializers.get(name).make(0.0, seed=1)((200, 100)))
    assert w.std() == pytest.approx(expected_std, rel=0.06)
    assert abs(w.mean()) < 0.1 * expected_std


def test_constant_zeros_orthogonal_and_param():
    assert np.all(np.asarray(initializers.get("zeros").make(0.0, 1)((5, 4))) == 0)
    assert np.allclose(np.asarray(initializers.get("constant").make(0.3, 1)((5, 4))), 0.3)
    q = np.asarray(initializers.get("orthogonal").make(0.0, 1)((6, 6)))
    np.testing.assert_allclose(q.T @ q, np.eye(6), atol=1e-5)
    w = np.asarray(initializers.get("random_normal").make(1.0, 1)((300, 300)))
    assert w.std() == pytest.approx(1.0, rel=0.03)


def test_same_seed_same_weights_other_seed_differs():
    make = initializers.get("he_normal").make
    a, b, c = (np.asarray(make(0.0, s)((20, 10))) for s in (5, 5, 6))
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def _train_one(xor_data, **changes):
    from nnlab import engine

    cfg = RunConfig(dataset="xor", depth=2, width=8, epochs=1, batch_size=16, **changes)
    snap = engine.run(cfg, xor_data).snapshot()
    assert snap["status"] == "finished", snap["error"]
    assert len(snap["steps"]["step"]) >= 1 and np.isfinite(snap["steps"]["loss"][0])
    return snap


@pytest.mark.parametrize("name", activations.names())
def test_every_activation_trains(xor_data, name):
    snap = _train_one(xor_data, activation=name)
    assert [layer["activation"] for layer in snap["layers"]] == [name, name, "softmax"]


@pytest.mark.parametrize("name", initializers.names())
def test_every_initializer_trains(xor_data, name):
    _train_one(xor_data, initializer=name, activation="tanh")


@pytest.mark.parametrize("name", optimizers.names())
def test_every_optimizer_trains_and_moves_the_weights(xor_data, name):
    snap = _train_one(xor_data, optimizer=name, learning_rate=0.01)
    assert snap["history"]["weight_norm"][0][0] > 0


@pytest.mark.parametrize("name", activations.names())
def test_saturation_intervals_match_the_derivative(name):
    act = activations.get(name)
    x = np.linspace(-30, 30, 60001)
    x = x[np.all([np.abs(x - k) > 1e-6 for k in act.kinks] or [np.ones_like(x, bool)], axis=0)]
    expected = np.abs(act.df(x)) < 0.05 * act.max_slope
    got = np.zeros_like(x, bool)
    for low, high in activations.saturation_intervals(name):
        got |= (x > low) & (x < high)
    assert np.mean(got != expected) < 1e-4  # only grid points on an exact boundary may differ
