"""The instrumented training loop measures what it claims and trains like model.fit."""

import numpy as np
import pytest

from nnlab import engine
from nnlab.compiled import STAT_NAMES
from nnlab.config import RunConfig
from nnlab.datasets import Dataset
from nnlab.model import Architecture, build_model


def _classification_data(n_train=200, dim=6, k=3, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n_train + 80, dim)).astype(np.float32)
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(np.int32) + (x[:, 2] > 1).astype(np.int32)
    return Dataset("synthetic", "classification", x[:n_train], y[:n_train], x[n_train:n_train + 40],
                   y[n_train:n_train + 40], x[n_train + 40:], y[n_train + 40:],
                   [f"f{i}" for i in range(dim)], [str(i) for i in range(k)])


def test_gradient_norms_equal_an_independent_gradient_tape():
    import keras
    import tensorflow as tf

    data = _classification_data()
    cfg = RunConfig(depth=3, width=12, activation="tanh", initializer="glorot_uniform", optimizer="sgd",
                    learning_rate=0.1, batch_size=50, seed=3)
    arch = Architecture.of(cfg, data.input_dim, data.n_outputs, data.task)
    pool = engine.default_pool()
    trainer = pool.acquire(arch, "sgd")
    try:
        trainer.reset(cfg.initializer, cfg.init_param, cfg.seed, cfg.learning_rate)
        idx = engine.epoch_batches(len(data.x_train), cfg.batch_size, cfg.seed, 0)[:1]
        _, _, stats, _, _ = trainer.train_steps(tf.constant(data.x_train), tf.constant(data.y_train),
                                                tf.constant(idx), 0, 1, 0, cfg.seed, np.ones(1, bool),
                                                tf.constant(data.x_val), tf.constant(data.y_val), 1)
        stats = stats[0]
    finally:
        pool.release(trainer)

    model = build_model(cfg, data.input_dim, data.n_outputs, data.task)
    xb, yb = data.x_train[idx[0]], data.y_train[idx[0]]
    with tf.GradientTape() as tape:
        loss = keras.losses.SparseCategoricalCrossentropy()(yb, model(xb, training=True))
    kernels = [model.get_layer(n).kernel for n in arch.dense_names]
    biases = [model.get_layer(n).bias for n in arch.dense_names]
    grads = tape.gradient(loss, kernels + biases)
    expected_kernel = [np.linalg.norm(g.numpy()) for g in grads[: len(kernels)]]
    expected_bias = [np.linalg.norm(g.numpy()) for g in grads[len(kernels):]]
    expected_mean_abs = [np.abs(g.numpy()).mean() for g in grads[: len(kernels)]]
    np.testing.assert_allclose(stats[:, STAT_NAMES.index("grad_norm")], expected_kernel, rtol=1e-4)
    np.testing.assert_allclose(stats[:, STAT_NAMES.index("bias_grad_norm")], expected_bias, rtol=1e-4)
    np.testing.assert_allclose(stats[:, STAT_NAMES.index("grad_mean_abs")], expected_mean_abs, rtol=1e-4)
    np.testing.assert_allclose(stats[:, STAT_NAMES.index("weight_norm")],
                               [np.linalg.norm(k.numpy()) for k in kernels], rtol=1e-5)
    # tanh saturation: |1 - tanh(z)^2| < 5% of 1, computed independently from the first layer
    z1 = model.get_layer("dense_1")(xb).numpy()
    expected_saturated = np.mean(1 - np.tanh(z1) ** 2 < 0.05)
    assert stats[0, STAT_NAMES.index("saturated_fraction")] == pytest.approx(expected_saturated, abs=1e-6)


@pytest.mark.parametrize("optimizer,width", [("sgd", 16), ("adam", 16), ("sgd", 256)])
def test_one_epoch_matches_model_fit_from_identical_weights_and_batch_order(optimizer, width):
    import keras

    from nnlab.compiled import XLA_MIN_WEIGHTS

    data = _classification_data(n_train=200, dim=200 if width > 16 else 6)
    cfg = RunConfig(depth=2, width=width, activation="relu", initializer="he_normal", optimizer=optimizer,
                    learning_rate=0.05 if optimizer == "sgd" else 0.01, batch_size=25, epochs=1, seed=1)
    arch = Architecture.of(cfg, data.input_dim, data.n_outputs, data.task)
    assert (arch.n_kernel_weights >= XLA_MIN_WEIGHTS) == (width > 16)  # both compiled paths are covered
    record = engine.run(cfg, data)
    ours = record.snapshot()

    from nnlab import optimizers

    model = build_model(cfg, data.input_dim, data.n_outputs, data.task)
    model.compile(optimizer=optimizers.get(optimizer).make(cfg.learning_rate),
                  loss=keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])
    order = engine.epoch_batches(len(data.x_train), cfg.batch_size, cfg.seed, 0).ravel()
    fit = model.fit(data.x_train[order], data.y_train[order], batch_size=cfg.batch_size, epochs=1,
                    shuffle=False, verbose=0)
    assert ours["history"]["loss"][0] == pytest.approx(fit.history["loss"][0], rel=1e-5)
    assert ours["history"]["accuracy"][0] == pytest.approx(fit.history["accuracy"][0], abs=1e-6)
    for ours_w, fit_w in zip(record.weights, model.get_weights()):
        np.testing.assert_allclose(ours_w, fit_w, atol=2e-5)


def test_vanishing_gradients_in_deep_sigmoid_but_not_relu(spiral_data):
    def first_over_last_hidden(activation, initializer):
        cfg = RunConfig(dataset="spiral", depth=10, width=16, activation=activation, initializer=initializer,
                        optimizer="sgd", learning_rate=0.1, batch_size=32, epochs=3, seed=0)
        grad = np.array(engine.run(cfg, spiral_data).snapshot()["history"]["grad_norm"][-1])
        return grad[0] / grad[9]  # layer 1 vs layer 10, the last hidden one

    sigmoid_ratio = first_over_last_hidden("sigmoid", "glorot_uniform")
    relu_ratio = first_over_last_hidden("relu", "he_normal")
    assert sigmoid_ratio < 1e-3, sigmoid_ratio  # orders of magnitude below
    assert relu_ratio > 0.1, relu_ratio


def test_same_seed_gives_identical_initial_weights_across_activations():
    data = _classification_data()
    a = build_model(RunConfig(activation="sigmoid", seed=7), data.input_dim, 3, data.task).get_weights()
    b = build_model(RunConfig(activation="relu", seed=7), data.input_dim, 3, data.task).get_weights()
    c = build_model(RunConfig(activation="relu", seed=8), data.input_dim, 3, data.task).get_weights()
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(a[0], c[0])


def test_layers_of_equal_shape_match_across_depths():
    data = _classification_data()
    shallow = build_model(RunConfig(depth=2, width=8, seed=4), data.input_dim, 3, data.task)
    deep = build_model(RunConfig(depth=4, width=8, seed=4), data.input_dim, 3, data.task)
    for name in ("dense_1", "dense_2"):
        assert np.array_equal(shallow.get_layer(name).kernel.numpy(), deep.get_layer(name).kernel.numpy())
    assert np.array_equal(shallow.get_layer("dense_3").kernel.numpy(), deep.get_layer("dense_5").kernel.numpy())


def test_poisoned_input_ends_as_diverged_with_step_and_hint():
    data = _classification_data()
    data.x_train = data.x_train.copy()
    data.x_train[:] = 3e38  # overflows float32 in the first matmul
    cfg = RunConfig(depth=2, width=8, optimizer="sgd", learning_rate=0.1, batch_size=20, epochs=5)
    snap = engine.run(cfg, data).snapshot()
    assert snap["status"] == "diverged"
    assert snap["diverged_at_step"] == 0
    assert "learning rate" in snap["hint"]
    assert len(snap["history"]["epoch"]) == 0


def test_high_learning_rate_diverges_on_regression():
    from nnlab import datasets

    data = datasets.load(RunConfig(dataset="diabetes", seed=0))
    cfg = RunConfig(dataset="diabetes", depth=3, width=64, activation="relu", optimizer="sgd",
                    learning_rate=10.0, batch_size=16, epochs=20)
    snap = engine.run(cfg, data).snapshot()
    assert snap["status"] == "diverged"
    assert snap["diverged_at_step"] is not None and snap["diverged_at_step"] < 20 * 20


def test_record_has_documented_fields_and_a_working_keras_model(tmp_path, xor_data):
    import keras

    cfg = RunConfig(dataset="xor", depth=2, width=8, activation="tanh", epochs=4, batch_size=16,
                    dropout=0.2, batchnorm=True)
    record = engine.run(cfg, xor_data)
    snap = record.snapshot()
    h = snap["history"]
    assert h["epoch"] == [1, 2, 3, 4]
    for key in ("loss", "val_loss", "accuracy", "val_accuracy", *STAT_NAMES):
        assert len(h[key]) == 4, key
    for key in STAT_NAMES:
        assert len(h[key][0]) == 3, key  # two hidden layers + output, input side first
    assert [layer["name"] for layer in snap["layers"]] == ["dense_1", "dense_2", "dense_3"]
    assert snap["steps"]["step"][-1] == 4 * snap["timing"]["steps_per_epoch"]
    assert set(snap["test"]) == {"loss", "accuracy"}
    assert snap["timing"]["seconds"] > 0 and snap["timing"]["samples_per_second"] > 0
    assert np.array(snap["boundary"]["z"]).shape == (60, 60)
    assert sum(map(sum, snap["confusion_matrix"])) == len(xor_data.x_test)

    model = record.keras_model()
    probs = model.predict(xor_data.x_test, verbose=0)
    np.testing.assert_allclose(probs, record.test_output, atol=1e-5)
    path = tmp_path / "m.keras"
    model.save(path)
    again = keras.saving.load_model(path)
    np.testing.assert_allclose(again.predict(xor_data.x_test, verbose=0), probs, atol=1e-6)
    again.compile(loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    _, acc = again.evaluate(xor_data.x_test, xor_data.y_test, verbose=0)
    assert acc == pytest.approx(snap["test"]["accuracy"], abs=1e-6)


def test_training_learns_xor(xor_data):
    cfg = RunConfig(dataset="xor", depth=2, width=16, activation="relu", optimizer="adam",
                    learning_rate=0.03, epochs=60, batch_size=16)
    snap = engine.run(cfg, xor_data).snapshot()
    assert snap["test"]["accuracy"] >= 0.9
    assert snap["history"]["loss"][-1] < snap["history"]["loss"][0] / 3


def test_step_series_decimates_and_keeps_the_latest():
    from nnlab.record import StepSeries

    s = StepSeries(max_points=100)
    for step in range(1, 1002):
        s.add(step, float(step), np.zeros((2, len(STAT_NAMES))))
    assert len(s.step) <= 101
    assert s.step[-1] == 1001
    assert s.step == sorted(s.step)
    gaps = np.diff(s.step[:-1])
    assert len(set(gaps)) == 1  # evenly spaced apart from the latest point


def test_shuffle_off_repeats_the_first_epochs_batch_order_like_fit_without_shuffle():
    """``shuffle=False``: every epoch uses the same batches in the same order (Keras's
    ``fit(shuffle=False)`` on the first epoch's order); on, the later epochs differ."""
    import keras

    from nnlab import optimizers

    data = _classification_data(n_train=120)
    cfg = RunConfig(depth=2, width=8, activation="tanh", initializer="glorot_uniform", optimizer="sgd",
                    learning_rate=0.1, batch_size=20, epochs=3, seed=2, shuffle=False)
    fixed = engine.run(cfg, data)
    shuffled = engine.run(cfg.replace(shuffle=True), data)

    model = build_model(cfg, data.input_dim, data.n_outputs, data.task)
    model.compile(optimizer=optimizers.get("sgd").make(cfg.learning_rate),
                  loss=keras.losses.SparseCategoricalCrossentropy())
    order = engine.epoch_batches(len(data.x_train), cfg.batch_size, cfg.seed, 0).ravel()
    fit = model.fit(data.x_train[order], data.y_train[order], batch_size=cfg.batch_size, epochs=3, shuffle=False,
                    verbose=0)
    assert fixed.snapshot()["history"]["loss"] == pytest.approx(fit.history["loss"], rel=1e-5)
    for ours, theirs in zip(fixed.weights, model.get_weights()):
        np.testing.assert_allclose(ours, theirs, atol=2e-5)
    a, b = fixed.snapshot()["history"]["loss"], shuffled.snapshot()["history"]["loss"]
    assert a[0] == pytest.approx(b[0], rel=1e-6)  # the first epoch's order is the same
    assert a[1:] != pytest.approx(b[1:], rel=1e-6)
    assert not np.allclose(fixed.weights[0], shuffled.weights[0])


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "nesterov"])
def test_the_fused_sgd_update_gives_the_weights_of_keras_own_update(optimizer, spiral_data):
    """Without XLA, SGD's update is one fused kernel per variable (CompiledTrainer._apply_gradients);
    the weights after three epochs equal those of Keras's own SGD, bit for bit."""
    import tensorflow as tf

    from nnlab.compiled import CompiledTrainer
    from nnlab.model import Architecture

    cfg = RunConfig(dataset="spiral", depth=3, width=8, optimizer=optimizer, learning_rate=0.05, seed=2)
    arch = Architecture.of(cfg, spiral_data.input_dim, spiral_data.n_outputs, spiral_data.task)
    x, y = tf.constant(spiral_data.x_train), tf.constant(spiral_data.y_train)
    batches = tf.constant(np.concatenate([engine.epoch_batches(len(spiral_data.x_train), 32, 2, e) for e in range(3)]))
    steps_per_epoch = engine.epoch_batches(len(spiral_data.x_train), 32, 2, 0).shape[0]
    weights = []
    for fused in (True, False):
        trainer = CompiledTrainer(arch, cfg.optimizer, xla=False)
        if not fused:
            trainer._apply_gradients = lambda g, v, t=trainer: t.optimizer.apply_gradients(zip(g, v))
        trainer.reset(cfg.initializer, cfg.init_param, cfg.seed, cfg.learning_rate)
        trainer.train_steps(x, y, batches, 0, 3 * steps_per_epoch, 0, cfg.seed,
                            engine.sample_mask(cfg, steps_per_epoch), x, y, steps_per_epoch)
        assert int(trainer.optimizer.iterations.numpy()) == 3 * steps_per_epoch
        weights.append(trainer.weights())
    assert any(np.abs(w).sum() > 0 for w in weights[0])
    for a, b in zip(*weights):
        np.testing.assert_array_equal(a, b)


def test_an_epochs_numbers_reach_the_charts_before_its_frames_which_hold_that_epochs_weights():
    """A chunk's last epoch has its frames taken at the start of the run's next turn, so its
    numbers are drawn without waiting for them (a new network's first frames trace); the
    frames are still those of the weights at that epoch's end."""
    from nnlab import datasets

    cfg = RunConfig(dataset="moons", n_samples=200, depth=2, width=8, epochs=6, seed=5)
    data = datasets.load(cfg)
    updates = []

    class Watch:
        def on_update(self, record):
            snap = record.snapshot()
            updates.append((len(snap["history"]["epoch"]), [f["epoch"] for f in snap["boundary_frames"]]))

    record = engine.run(cfg, data, observer=Watch())
    frames = {f["epoch"]: f for f in record.snapshot()["boundary_frames"]}
    drawn_early = [e for e in frames if 0 < e < cfg.epochs]
    assert drawn_early, frames.keys()
    for e in drawn_early:
        first = next(i for i, (epochs, _) in enumerate(updates) if epochs >= e)
        assert updates[first][0] == e and e not in updates[first][1], updates  # the numbers first …
        assert any(e in got for _, got in updates[first + 1:]), updates  # … its frame in a later update
    e = drawn_early[0]
    shorter = engine.run(cfg.replace(epochs=e), datasets.load(cfg.replace(epochs=e)))
    at_end = shorter.snapshot()["boundary_frames"][-1]
    assert at_end["epoch"] == e
    np.testing.assert_allclose(np.asarray(frames[e]["z"], float), np.asarray(at_end["z"], float), atol=2e-3)
