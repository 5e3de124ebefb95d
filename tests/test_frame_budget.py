"""The one time budget of a run's frames (nnlab.frame_budget) and the sampled statistics
(nnlab.engine.stats_every): plans, shares, mandatory frames, and what a real run records."""

from __future__ import annotations

import numpy as np
import pytest

from nnlab import datasets, engine, snapshot
from nnlab.compiled import CompiledTrainer, TrainerPool, plain_runs
from nnlab.config import RunConfig
from nnlab.frame_budget import FrameBudget


def test_a_kind_plans_its_next_frame_so_its_cost_stays_within_its_share():
    budget = FrameBudget(total_epochs=1000, steps_per_epoch=10, budget=0.08)
    budget.add("boundary", stride=2)
    budget.add("inside", stride=5)  # two kinds: 4% each
    assert budget.due("boundary", 1) and budget.due("inside", 1)  # a kind's first frame, always
    budget.trained(1.0, 1000)  # 100 epochs in 1 s: 10 ms an epoch
    budget.took("boundary", 1, 0.002)  # 2 ms: fits 4% of 10 ms × 5 epochs
    assert [e for e in range(2, 12) if budget.due("boundary", e)] == list(range(6, 12))
    budget.took("inside", 1, 0.0001)  # cheap: its own stride (5) rules
    assert not budget.due("inside", 5) and budget.due("inside", 6)
    assert budget.due("boundary", 1000) and budget.due("inside", 1000)  # the last epoch, always
    assert budget.spent == pytest.approx(0.0021)


def test_tracing_is_not_counted_and_over_budget_only_the_floor_and_the_last_epoch_get_a_frame():
    budget = FrameBudget(total_epochs=50, steps_per_epoch=4, budget=0.1)
    budget.add("inside", stride=1, refresh=0.0)  # refresh 0 s: a frame at every epoch while within
    budget.trained(0.5, 40)
    budget.took("inside", 1, 3.0, traced=True)
    assert budget.spent == 0 and budget.cost("inside") is None and budget.due("inside", 2)
    budget.took("inside", 2, 0.2)  # 0.2 s > 10% of 0.5 s
    assert not budget.within()
    # over budget: a frame every ceil(50 / 4) = 13 epochs still, so a replay has MIN_FRAMES
    taken = []
    for e in range(3, 50):
        if budget.due("inside", e):
            taken.append(e)
            budget.took("inside", e, 0.2)
    assert taken == [15, 28, 41]
    assert budget.due("inside", 50)


def test_however_slow_the_frames_a_run_keeps_min_frames_of_every_kind(spiral_data, monkeypatch):
    """A class on one loaded server: frames that cost far more than the budget still leave a
    replay and the histograms over time at least MIN_FRAMES moments of the run, the same ones
    for the same settings."""
    from nnlab import frame_budget, histograms

    monkeypatch.setattr(frame_budget, "BUDGET", 1e-9)
    monkeypatch.setattr(engine, "FRAME_BUDGET", 1e-9)  # as if every frame were hugely expensive
    cfg = RunConfig(dataset="spiral", n_samples=300, depth=2, width=8, epochs=20, batch_size=32, seed=4)
    snap = engine.run(cfg, spiral_data).snapshot()
    boundary = [f["epoch"] for f in snap["boundary_frames"]]
    assert boundary == [1, 6, 11, 16, 20]
    hist = [f["epoch"] for f in snap["histograms"]["frames"]]
    assert len(hist) >= frame_budget.MIN_FRAMES and hist[0] == 0 and hist[-1] == 20, hist
    assert max(b - a for a, b in zip(hist, hist[1:])) <= frame_budget.floor_gap(20)
    assert histograms.Tracker.KIND == "histograms"


def test_a_negative_budget_takes_only_the_mandatory_frames():
    budget = FrameBudget(total_epochs=10, steps_per_epoch=4, budget=-1.0)
    budget.add("boundary", refresh=0.0)
    assert budget.due("boundary", 1)
    budget.took("boundary", 1, 0.0)
    assert [e for e in range(2, 11) if budget.due("boundary", e)] == [10]


@pytest.mark.parametrize("steps, per_epoch", [(1, 1), (3, 3), (4, 4), (11, 4), (30, 4), (64, 4), (100, 6),
                                              (600, 37)])
def test_statistics_are_sampled_on_four_steps_of_every_epoch_or_one_in_16_in_the_middle_of_equal_shares(
        steps, per_epoch):
    mask = engine.sample_mask(RunConfig(), steps)
    assert mask.shape == (steps,) and mask.sum() == per_epoch
    taken = np.flatnonzero(mask)
    share = steps / per_epoch  # each sample in the middle of its share of the epoch
    assert np.all(np.abs(taken + 0.5 - share * (np.arange(per_epoch) + 0.5)) <= 0.5), taken
    assert engine.sample_mask(RunConfig(stats_every_step=True), steps).all()
    # the chunk's plain runs stop right before each sampled step and the epoch's last
    special = np.append(taken, steps - 1)
    runs = plain_runs(mask)
    assert [p + runs[p] for p in range(steps)] == [int(special[special >= p][0]) for p in range(steps)]
    # by step number: the same positions in every epoch, wherever a chunk starts
    for start in range(0, 3 * steps, max(1, steps // 3)):
        assert np.array_equal(engine.sampled_steps(start, steps, mask), np.roll(mask, -(start % steps)))


NOISY_NET = RunConfig(dataset="spiral", n_samples=400, depth=4, width=8, activation="tanh",
                      initializer="glorot_uniform", epochs=12, batch_size=16)


@pytest.fixture(scope="module", params=["over epochs", "sampled steps"])
def pair(request):
    """The same 4-layer tanh run with the app's statistics and with every-step statistics: as a
    small net, over whole epochs (with batches of 16, its gradients' norms vary by 2x from one
    batch to the next); with BatchNorm, on four sampled steps an epoch (with batches of 32:
    four samples of batches of 16 strayed up to 2.2x in an epoch)."""
    config = (NOISY_NET if request.param == "over epochs"
              else NOISY_NET.replace(batchnorm=True, batch_size=32, n_samples=800))
    data = datasets.load(config)
    pool = TrainerPool()
    sampled = engine.run(config, data, pool=pool).snapshot()
    exact = engine.run(config.replace(stats_every_step=True), data, pool=pool).snapshot()
    return request.param, sampled, exact


def test_sampled_statistics_leave_training_alone_and_keep_the_per_epoch_means_faithful(pair):
    mode, sampled, exact = pair
    assert sampled["timing"]["stats_over_epochs"] == (mode == "over epochs")
    per_epoch = 1 if mode == "over epochs" else engine.STATS_PER_EPOCH
    assert sampled["timing"]["stats_per_epoch"] == per_epoch
    assert exact["timing"]["stats_per_epoch"] == sampled["timing"]["steps_per_epoch"] > 8
    assert not exact["timing"]["stats_over_epochs"]
    # training itself is the same (up to float rounding: a step with statistics is a graph of its own)
    assert np.allclose(snapshot.epoch_series(sampled, "loss"), snapshot.epoch_series(exact, "loss"), rtol=1e-4)
    g_s = np.array(snapshot.epoch_series(sampled, "grad_norm"), dtype=float)
    g_e = np.array(snapshot.epoch_series(exact, "grad_norm"), dtype=float)
    assert g_s.shape == g_e.shape == (12, 5)
    # every per-epoch, per-layer gradient mean within a factor 2 of the exact one (the charts draw them
    # on log scales spanning decades), four-epoch means within 25%, the whole run's within 10%
    assert np.all(np.abs(np.log(g_s / g_e)) < np.log(2)), np.round(g_s / g_e, 2)
    windows = lambda g: g.reshape(3, 4, -1).mean(axis=1)  # noqa: E731
    assert np.allclose(windows(g_s), windows(g_e), rtol=0.25), np.round(windows(g_s) / windows(g_e), 2)
    assert np.allclose(g_s.mean(axis=0), g_e.mean(axis=0), rtol=0.1)
    # the first/last hidden layer ratio the pages state: within a quarter of a decade
    r_s, r_e = snapshot.gradient_ratio(sampled), snapshot.gradient_ratio(exact)
    assert abs(np.log10(r_s) - np.log10(r_e)) < 0.25
    for stat in ("saturated_fraction", "dead_fraction", "act_std"):
        assert np.allclose(snapshot.epoch_series(sampled, stat), snapshot.epoch_series(exact, stat), atol=0.1), stat
    w_s, w_e = (np.array(snapshot.epoch_series(s, "weight_norm"), float) for s in (sampled, exact))
    assert np.allclose(w_s, w_e, rtol=0.02)


def test_the_step_series_keeps_loss_at_every_step_and_statistics_at_sampled_steps(pair):
    mode, sampled, exact = pair
    steps = snapshot.step_numbers(sampled)
    assert steps == snapshot.step_numbers(exact) == list(range(1, len(steps) + 1))
    per_epoch = sampled["timing"]["steps_per_epoch"]
    mask = engine.sample_mask(RunConfig(), per_epoch)
    if mode == "over epochs":  # the passes between epochs, at each epoch's last step
        mask = np.arange(per_epoch) == per_epoch - 1
    taken = [s for s in steps if mask[(s - 1) % len(mask)]]
    rows = snapshot.step_series(sampled, "grad_norm")
    assert [s for s, r in zip(steps, rows) if r is not None] == taken
    stat_steps, stat_rows = snapshot.stat_steps(sampled, "grad_norm")
    assert stat_steps == taken and all(len(r) == 5 for r in stat_rows)
    assert snapshot.latest_step_stat(sampled, "grad_norm")[2] == stat_steps[-1]
    exact_rows = dict(zip(*snapshot.stat_steps(exact, "grad_norm")))
    if mode == "sampled steps":  # a sampled step's statistics are the exact run's at that step
        assert np.allclose(stat_rows[-1], exact_rows[stat_steps[-1]], rtol=1e-3)
    else:  # an epoch's means: halfway between the passes before and after it
        epochs = np.array(snapshot.epoch_series(sampled, "grad_norm"), float)
        between = np.array(stat_rows, float)
        assert np.allclose(epochs[1:], (between[:-1] + between[1:]) / 2, rtol=1e-5)


def test_a_pass_over_an_epoch_gives_each_batch_its_own_gradient():
    """CompiledTrainer._epoch_stats's batched products against one gradient per batch."""
    import tensorflow as tf

    from nnlab.model import Architecture

    config = NOISY_NET.replace(l2=0.01, activation="relu")
    data = datasets.load(config)
    arch = Architecture.of(config, data.input_dim, data.n_outputs, data.task)
    trainer = CompiledTrainer(arch, config.optimizer)
    assert trainer.epoch_stats
    trainer.reset(config.initializer, config.init_param, config.seed, config.learning_rate)
    rows = engine.epoch_batches(len(data.x_train), config.batch_size, config.seed, 0)[:5]
    x, y = tf.constant(data.x_train), tf.constant(data.y_train)
    flat = rows.reshape(-1)
    _, _, _, zs, outs, inputs, deltas = trainer._forward_backward(tf.gather(x, flat), tf.gather(y, flat),
                                                                  tf.constant(0, tf.int64), tf.constant(0, tf.int64),
                                                                  with_dense=True)
    whole = trainer._epoch_stats(len(rows), zs, outs, inputs, deltas).numpy()
    variables = trainer.model.trainable_variables
    per_batch = []
    for r in rows:
        with tf.GradientTape() as tape:
            y_pred, zs, outs = trainer._forward(tf.gather(x, r), True)
            loss, _ = trainer._loss_and_metric(tf.gather(y, r), y_pred)
        grads = dict(zip([id(v) for v in variables], tape.gradient(loss, variables)))
        per_batch.append(trainer._layer_stats(trainer._ordered_dense_grads(grads), zs, outs).numpy())
    per_batch = np.array(per_batch)  # [batches, layers, stats]
    assert np.allclose(whole[:, :4], per_batch[:, :, :4].mean(axis=0), rtol=1e-4)  # gradients and kernel norms
    assert not np.allclose(whole[:, 0], per_batch[0, :, 0], rtol=0.05)  # (the batches' gradients differ)
    _, zs, outs = trainer._forward(tf.gather(x, rows.reshape(-1)), True)
    assert np.allclose(whole[:, 4:], trainer._activation_columns(zs, outs).numpy(), atol=1e-6)


def test_chunks_that_span_epochs_train_and_evaluate_exactly_as_one_epoch_at_a_time(monkeypatch):
    """Short epochs are trained several per compiled call with an in-graph evaluation at each
    epoch's end; the record must not depend on how the steps were cut into calls."""
    import keras

    from nnlab.model import build_from_architecture

    config = RunConfig(dataset="spiral", n_samples=300, depth=3, width=8, epochs=15, batch_size=32, dropout=0.1)
    data = datasets.load(config)
    pool = TrainerPool()
    engine.run(config, data, pool=pool)  # traced: the timing below is a steady one
    calls = []
    train_steps = CompiledTrainer.train_steps
    monkeypatch.setattr(CompiledTrainer, "train_steps", lambda self, *a: calls.append(a[4]) or train_steps(self, *a))
    monkeypatch.setattr(engine, "FRAME_BUDGET", -1.0)  # no frames but the first and last: nothing stops a span
    monkeypatch.setattr(engine, "TARGET_CHUNK_SECONDS", 1e-9)  # one step per call
    stepwise = engine.run(config, data, pool=pool)
    assert set(calls[2:]) == {1}  # after the first two calls (8 steps at most: the first is not timed)
    calls.clear()
    monkeypatch.setattr(engine, "TARGET_CHUNK_SECONDS", 30.0)  # every epoch up to a frame in one call
    spanning = engine.run(config, data, pool=pool)
    steps = spanning.snapshot()["timing"]["steps_per_epoch"]
    assert max(calls) >= 5 * steps and len(calls) <= 4, calls  # after the first call, most of the run in one
    a, b = stepwise.snapshot(), spanning.snapshot()
    for key in ("loss", "accuracy", "val_loss", "val_accuracy", "grad_norm", "dead_fraction"):
        assert snapshot.epoch_series(a, key) == snapshot.epoch_series(b, key), key
    assert snapshot.step_series(a, "loss") == snapshot.step_series(b, "loss")
    assert [e for e in snapshot.epochs(b)] == list(range(1, 16))
    # the in-graph evaluation is the trained model's: the last epoch's validation loss, again by Keras
    model = build_from_architecture(spanning.architecture)
    model.set_weights(spanning.weights)
    val = keras.losses.SparseCategoricalCrossentropy()(data.y_val, model(data.x_val, training=False))
    assert snapshot.epoch_series(b, "val_loss")[-1] == pytest.approx(float(val), rel=1e-5)
