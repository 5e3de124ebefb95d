"""Histograms over time (``nnlab.histograms``): bins, in-graph counts against NumPy, frames in
the record and in its JSON, and the chart built from them."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from nnlab import datasets, engine, histograms
from nnlab.compiled import TrainerPool
from nnlab.config import RunConfig
from nnlab.histograms import KINDS, N_BINS
from nnlab.model import Architecture
from nnlab.record import RunRecord

# -- bins --------------------------------------------------------------------------------------


def test_linear_edges_keep_natural_bounds_and_leave_room_on_open_sides():
    e = histograms.linear_edges(-0.2, 0.4)
    assert len(e) == N_BINS + 1 and e.dtype == np.float32
    assert e[0] == pytest.approx(-0.6) and e[-1] == pytest.approx(0.6)  # ±1.5 × the largest magnitude
    e = histograms.linear_edges(0.1, 0.9, histograms.natural_bounds("sigmoid"))
    assert (e[0], e[-1]) == (0.0, 1.0)
    e = histograms.linear_edges(0.0, 2.0, histograms.natural_bounds("relu"))
    assert e[0] == 0.0 and e[-1] == pytest.approx(3.0)
    assert histograms.natural_bounds("softmax") == (0.0, 1.0)
    assert histograms.natural_bounds("tanh") == (-1.0, 1.0)
    assert histograms.natural_bounds("leaky_relu") == (-math.inf, math.inf)
    e = histograms.linear_edges(0.0, 0.0)  # a layer that starts all zero
    assert (e[0], e[-1]) == (-1.0, 1.0)
    assert np.all(np.diff(e) > 0)


def test_gradient_edges_are_decades_on_a_log_scale_above_zero():
    e = histograms.gradient_edges(0.03)  # top: one decade above 10^-1
    assert e[0] == 0.0 and e[-1] == pytest.approx(1.0)
    assert e[1] == pytest.approx(10.0 ** -9, rel=1e-6)
    logs = np.log10(e[1:].astype(np.float64))
    assert np.allclose(np.diff(logs), 1 / histograms.GRAD_BINS_PER_DECADE, atol=1e-5)
    ext = np.zeros((len(KINDS), 2, 2))
    ext[KINDS.index("grad")] = [[0.0, 1e-5], [0.0, 0.2]]  # one range for every layer, from the largest
    edges = histograms.edges_from_extents(ext, ["relu", "softmax"])
    assert np.array_equal(edges[3, 0], edges[3, 1]) and edges[3, 0, -1] == pytest.approx(10.0)


def test_reference_counts_put_outliers_in_the_edge_bins():
    edges = np.linspace(-1, 1, N_BINS + 1).astype(np.float32)
    counts = histograms.reference_counts([-5.0, -1.0, 0.0, 0.999, 1.0, 7.0], edges)
    assert counts.sum() == 6 and counts[0] == 2 and counts[-1] == 3 and counts[N_BINS // 2] == 1


# -- in-graph counts against NumPy on the same tensors --------------------------------------------

def _independent_tensors(trainer, x, y):
    """Weights, z, f(z) and kernel gradients of every Dense layer, computed here with the Keras
    layers and a GradientTape, not through the trainer's own functions."""
    import tensorflow as tf

    model = trainer.model
    n_hidden = len(trainer.arch.widths)
    dense = [model.get_layer(f"dense_{i}") for i in range(1, n_hidden + 2)]
    with tf.GradientTape() as tape:
        h, pres, posts = tf.constant(x), [], []
        for i in range(n_hidden):
            z = dense[i](h)
            h = model.get_layer(f"act_{i + 1}")(z)
            pres.append(z)
            posts.append(h)
        logits = dense[-1](h)
        probs = tf.nn.softmax(logits)
        pres.append(logits)
        posts.append(probs)
        loss = tf.keras.losses.SparseCategoricalCrossentropy()(tf.constant(y), probs)
    grads = tape.gradient(loss, [d.kernel for d in dense])
    return {"weights": [d.kernel.numpy() for d in dense], "pre": [p.numpy() for p in pres],
            "post": [p.numpy() for p in posts], "grad": [np.abs(g.numpy()) for g in grads]}


@pytest.mark.parametrize("arch", [
    Architecture(2, 2, "classification", (8, 8), ("tanh", "relu"), False, 0.0, 0.0),
    # wide enough that kernels and activations are sampled (more than MAX_VALUES values)
    Architecture(300, 3, "classification", (128,), ("sigmoid",), False, 0.0, 0.0),
], ids=["small", "sampled"])
def test_in_graph_bins_equal_numpy_histograms_of_the_same_tensors(arch):
    import tensorflow as tf

    pool = TrainerPool(xla=False)
    trainer = pool.acquire(arch, "sgd")
    try:
        trainer.reset("he_normal", 0.0, 3, 0.1)
        rng = np.random.default_rng(0)
        x = rng.normal(size=(histograms.EVAL_ROWS, arch.input_dim)).astype(np.float32)
        y = rng.integers(0, arch.n_outputs, size=len(x)).astype(np.int32)
        acts = list(arch.activations) + ["softmax"]
        n_layers = len(acts)
        _, extents = trainer.histogram_counts(x, y, tf.zeros([len(KINDS), n_layers, N_BINS + 1]))
        edges = histograms.edges_from_extents(extents.numpy(), acts)
        counts = trainer.histogram_counts(x, y, tf.constant(edges))[0].numpy()
        tensors = _independent_tensors(trainer, x, y)
        for k, kind in enumerate(KINDS):
            for j in range(n_layers):
                expected = histograms.reference_counts(tensors[kind][j], edges[k, j])
                assert np.array_equal(counts[k, j], expected), (kind, j, counts[k, j], expected)
                assert counts[k, j].sum() == histograms.sample(tensors[kind][j].astype(np.float32)).size
        # the counts are not trivial: several bins hold values
        assert (counts[KINDS.index("weights"), 0] > 0).sum() > 5
        assert (counts[KINDS.index("grad"), 0, 1:] > 0).sum() > 3
        if arch.input_dim == 300:
            assert counts[0, 0].sum() < arch.input_dim * 128  # sampled
    finally:
        pool.release(trainer)


# -- frames: bounded, in the record, in the JSON ---------------------------------------------------

def test_planned_epochs_are_bounded_and_keep_the_start_and_the_end():
    assert histograms.planned_epochs(5) == {0, 1, 2, 3, 4, 5}
    plan = histograms.planned_epochs(5000)
    assert len(plan) <= histograms.MAX_FRAMES and {0, 5000} <= plan
    steps = np.diff(sorted(plan))
    assert steps[:-1].min() == steps[:-1].max()  # evenly spaced but the last


def _record(epochs: int = 10) -> RunRecord:
    config = RunConfig(dataset="xor", n_samples=40, depth=1, width=4, epochs=epochs)
    data = datasets.load(config)
    return RunRecord.start(config, data, Architecture.of(config, data.input_dim, data.n_outputs, data.task))


def test_a_long_run_keeps_at_most_max_frames_first_and_last_kept():
    record = _record(5000)
    edges = np.tile(np.linspace(-1, 1, N_BINS + 1, dtype=np.float32), (len(KINDS), 2, 1))
    record.set_histograms(edges, {k: "linear" for k in KINDS}, 40)
    for epoch in range(0, 501):
        record.add_histogram_frame(epoch, np.full((len(KINDS), 2, N_BINS), epoch, dtype=np.int32))
    frames = record.snapshot()["histograms"]["frames"]
    assert len(frames) <= histograms.MAX_FRAMES
    assert frames[0]["epoch"] == 0 and frames[-1]["epoch"] == 500
    assert [f["epoch"] for f in frames] == sorted({f["epoch"] for f in frames})
    assert frames[-1]["grad"][1, 3] == 500


def test_a_run_records_frames_in_its_snapshot_and_json():
    config = RunConfig(dataset="spiral", n_samples=200, depth=2, width=8, epochs=6, activation="tanh")
    data = datasets.load(config)
    record = engine.run(config, data, pool=TrainerPool(xla=False))
    h = record.snapshot()["histograms"]
    assert h["kinds"] == list(KINDS) and h["scales"]["grad"] == "log" and h["scales"]["weights"] == "linear"
    epochs = [f["epoch"] for f in h["frames"]]
    assert epochs[0] == 0 and epochs[-1] == 6 and set(epochs) <= histograms.planned_epochs(6)
    n_train = len(data.x_train)
    assert h["rows"] == min(n_train, histograms.EVAL_ROWS)
    for f in h["frames"]:
        assert f["weights"].shape == (3, N_BINS)
        assert f["weights"][0].sum() == 2 * 8 and f["weights"][2].sum() == 8 * 2  # every kernel weight counted
        assert f["pre"][1].sum() == h["rows"] * 8 and f["post"][2].sum() == h["rows"] * 2
    # the tanh layers' activations use tanh's own range, the output's softmax [0, 1]
    post = np.asarray(h["edges"]["post"])
    assert (post[0, 0], post[0, -1]) == (-1.0, 1.0) and (post[2, 0], post[2, -1]) == (0.0, 1.0)
    # training changed the weights' distribution
    assert not np.array_equal(h["frames"][0]["weights"][0], h["frames"][-1]["weights"][0]) or \
        not np.array_equal(h["frames"][0]["grad"][0], h["frames"][-1]["grad"][0])
    assert record.timing["histogram_seconds"] > 0
    saved = json.loads(record.to_json())["histograms"]
    assert [f["epoch"] for f in saved["frames"]] == epochs
    assert saved["frames"][-1]["grad"] == h["frames"][-1]["grad"].tolist()
    assert saved["edges"]["pre"] == h["edges"]["pre"]


def test_histograms_can_be_switched_off(monkeypatch):
    monkeypatch.setattr(histograms, "ENABLED", False)
    config = RunConfig(dataset="xor", n_samples=40, depth=1, width=4, epochs=2)
    record = engine.run(config, datasets.load(config), pool=TrainerPool(xla=False))
    assert record.snapshot()["histograms"] is None
    assert json.loads(record.to_json())["histograms"] is None


# -- the chart ---------------------------------------------------------------------------------

def _hand_made_snapshot(n_frames: int = 5, replay_epoch: int | None = None) -> dict:
    """Two layers; weights spread out over the epochs; gradients shrink by a decade per epoch."""
    lin = np.linspace(-1, 1, N_BINS + 1)
    grad = histograms.gradient_edges(0.5)
    frames = []
    for e in range(n_frames):
        frame = {"epoch": e * 10}
        for kind in KINDS:
            counts = np.zeros((2, N_BINS), dtype=np.int32)
            if kind == "grad":
                counts[:, max(1, N_BINS - 5 - 4 * e)] = 90  # one decade lower each frame (up to 8)
                counts[:, 0] = 10  # below the axis
            else:
                counts[:, max(0, N_BINS // 2 - e): N_BINS // 2 + e + 1] = 12
            frame[kind] = counts.tolist()  # as a JSON file has them
        frames.append(frame)
    snap = {"layers": [{"label": "L1"}, {"label": "out"}], "status": "running",
            "histograms": {"kinds": list(KINDS), "scales": {k: "log" if k == "grad" else "linear" for k in KINDS},
                           "rows": 100, "edges": {k: [(grad if k == "grad" else lin).tolist()] * 2 for k in KINDS},
                           "frames": frames}}
    if replay_epoch is not None:
        snap |= {"replaying": True, "progress": {"epoch": replay_epoch}}
    return snap


def _ridges(fig):
    return [tr for tr in fig.to_plotly_json()["data"] if tr.get("fill") == "toself"]


def test_ridges_one_per_epoch_on_the_run_s_fixed_bins():
    from nnlab.charts.base import TICK_SIZE
    from nnlab.charts.histograms import histogram_figure

    fig = histogram_figure(_hand_made_snapshot(), layer=0, kind="weights")
    go_fig = fig.to_plotly_json()
    ridges = _ridges(fig)
    assert len(ridges) == 5
    assert [min(r["y"]) < r["y"][0] for r in ridges] == [True] * 5  # each rises above its baseline
    assert [r["y"][0] for r in ridges] == [0, 10, 20, 30, 40]  # baselines at the epochs
    layout = go_fig["layout"]
    assert layout["xaxis"]["range"] == [-1.0, 1.0]  # the fixed bins, not autoscaled
    assert layout["yaxis"]["range"][0] > layout["yaxis"]["range"][1]  # later epochs lower
    assert "L1" in layout["title"]["text"] and layout["xaxis"]["title"]["text"] == "Weight value"
    assert layout["yaxis"]["title"]["text"].startswith("Epoch")
    assert layout["xaxis"]["tickfont"]["size"] >= 14 and TICK_SIZE >= 14
    # the same height scale for all: the first (all in 1 bin) rises 9 times higher than the last (9 bins)
    heights = [r["y"][0] - min(r["y"]) for r in ridges]
    assert heights[0] == pytest.approx(heights[-1] * 9)
    assert heights[0] == pytest.approx(1.8 * 10)  # the tallest rises 1.8 baseline gaps (10 epochs)
    # shares: all in one bin in the first frame, 1/3 in each of three in the second
    assert max(ridges[0]["customdata"]) == pytest.approx(100) and max(ridges[1]["customdata"]) == pytest.approx(100 / 3)
    assert [r["showlegend"] for r in ridges] == [True, False, False, False, True]
    assert ridges[-1]["line"]["color"] != ridges[0]["line"]["color"]  # the shown epoch is outlined


def test_gradient_ridges_on_a_log_axis_with_the_zero_bin_as_a_share():
    from nnlab.charts.histograms import histogram_figure

    fig = histogram_figure(_hand_made_snapshot(), layer=1, kind="grad").to_plotly_json()
    assert fig["layout"]["xaxis"]["type"] == "log"
    ridges = [tr for tr in fig["data"] if tr.get("fill") == "toself"]
    peaks = [r["x"][int(np.argmin(r["y"]))] for r in ridges]
    assert all(b < a / 5 for a, b in zip(peaks, peaks[1:]))  # a decade lower each epoch
    assert min(min(r["x"]) for r in ridges) > 0  # nothing at 0 on the log axis
    assert "10%" in fig["layout"]["title"]["subtitle"]["text"]


def test_a_replay_draws_the_frames_up_to_its_epoch_and_thins_many_frames():
    from nnlab import snapshot
    from nnlab.charts.histograms import MAX_RIDGES, histogram_figure

    snap = _hand_made_snapshot(replay_epoch=25)
    fig = histogram_figure(snap, 0, "post", epoch=snapshot.shown_epoch(snap))
    assert [r["y"][0] for r in _ridges(fig)] == [0, 10, 20]
    many = _hand_made_snapshot(n_frames=40)
    epochs = [r["y"][0] for r in _ridges(histogram_figure(many, 0, "pre"))]
    assert len(epochs) == MAX_RIDGES and epochs[0] == 0 and epochs[-1] == 390


def test_without_frames_the_chart_waits_and_says_so_in_korean():
    from nnlab.charts.histograms import histogram_figure
    from nnlab.i18n import t

    fig = histogram_figure({"layers": [{"label": "L1"}]}, 0, "grad", lang="ko").to_plotly_json()
    assert not fig["data"]
    assert fig["layout"]["annotations"][0]["text"] == t("charts.waiting", "ko")
    assert fig["layout"]["title"]["text"].startswith("L1: 에포크")


def test_a_doubled_stride_drops_the_frames_off_its_grid():
    record = _record(100)
    edges = np.tile(np.linspace(-1, 1, N_BINS + 1, dtype=np.float32), (len(KINDS), 2, 1))
    record.set_histograms(edges, {k: "linear" for k in KINDS}, 40)
    for epoch in range(0, 10):
        record.add_histogram_frame(epoch, np.zeros((len(KINDS), 2, N_BINS), dtype=np.int32))
    record.add_histogram_frame(12, np.zeros((len(KINDS), 2, N_BINS), dtype=np.int32), stride=4)
    assert [f["epoch"] for f in record.snapshot()["histograms"]["frames"]] == [0, 4, 8, 12]


def test_a_damaged_record_draws_the_good_frames_and_never_fails():
    from nnlab.charts.histograms import histogram_figure

    snap = _hand_made_snapshot()
    frames = snap["histograms"]["frames"]
    frames[1]["weights"] = [[1, 2, 3]]  # wrong length
    frames[2]["weights"] = "garbage"
    del frames[3]["weights"]
    fig = histogram_figure(snap, 0, "weights")
    assert [r["y"][0] for r in _ridges(fig)] == [0, 40]
    snap["histograms"]["edges"]["pre"] = [["a", "b"]]
    assert not histogram_figure(snap, 0, "pre").to_plotly_json()["data"]
    assert not histogram_figure(snap, 5, "grad").to_plotly_json()["data"]  # no such layer


def test_the_stride_doubles_until_a_frame_costs_at_most_its_share_of_the_frame_budget():
    from nnlab.frame_budget import FrameBudget

    x = np.zeros((50, 2), dtype=np.float32)
    budget = FrameBudget(50, steps_per_epoch=10, budget=0.09)
    budget.add("boundary")
    budget.add("inside")  # three kinds of frames: the histograms' share is 3%
    tracker = histograms.Tracker(50, x, np.zeros(50, dtype=np.int32), 0, ["relu", "softmax"], budget)
    assert tracker.n_rows == 50 and tracker.stride == 1 and tracker.due(0) and tracker.due(50)
    tracker.edges = object()  # the bins are fixed
    budget.trained(1.0, 100)  # 10 epochs in 1 s of training: 0.1 s an epoch
    budget.took("histograms", 0, 0.5, traced=True)  # tracing: neither counted nor a measure
    budget.took("histograms", 1, 0.01)  # 10 ms a frame
    assert budget.spent == pytest.approx(0.01)
    # 10 ms > 3% of 0.1 s × stride until the stride is 4 (12 ms)
    assert tracker.due(10) is False
    assert tracker.stride == 4
    assert [e for e in range(11, 17) if tracker.due(e)] == [12, 16]
    assert tracker.due(50) and not tracker.due(49)  # the last epoch always
    budget.took("boundary", 12, 0.2)  # the frames together now cost 21% of the training time:
    assert not tracker.due(16) and tracker.due(50)  # only the last epoch still gets one
