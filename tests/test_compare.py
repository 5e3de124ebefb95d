"""Comparison logic and charts: variant configs, identical initial weights, summary and
ensemble maths on real small runs (read through their snapshots), chart traces (one per
run), log axes and colours."""

import numpy as np
import pytest

from nnlab import comparison, snapshot
from nnlab.charts import comparison as compare_charts
from nnlab.compiled import TrainerPool
from nnlab.config import RunConfig
from nnlab.limits import Limits
from nnlab.model import build_model
from nnlab.scheduler import Scheduler

ACTS = ["sigmoid", "relu", "tanh"]
TINY = RunConfig(dataset="spiral", n_samples=400, depth=4, width=8, epochs=8, batch_size=32, learning_rate=0.01)


# --------------------------------------------------------------------------- variant configs
def test_variables_table_and_defaults():
    assert list(comparison.VARIABLES) == ["activation", "initializer", "optimizer", "depth", "batch_size",
                                      "learning_rate", "dropout", "batchnorm", "seed"]
    assert comparison.VARIABLES["activation"].defaults == ("sigmoid", "tanh", "relu", "elu", "gelu", "swish")
    assert all(isinstance(d, int) for d in comparison.VARIABLES["depth"].defaults)
    for var in comparison.VARIABLES.values():
        assert set(var.defaults) <= set(var.choices)
        assert comparison.MIN_VALUES <= len(var.defaults) <= comparison.MAX_VALUES
        assert var.name in var.exclude


@pytest.mark.parametrize("variable", list(comparison.VARIABLES))
def test_variant_configs_change_only_the_compared_field(variable):
    base = RunConfig(dataset="moons", depth=3, width=12, seed=7, learning_rate=0.03, dropout=0.1)
    values = comparison.VARIABLES[variable].defaults
    variants = comparison.variant_configs(base, variable, values)
    assert [label for label, _ in variants] == [comparison.run_label(variable, v) for v in values]
    for (_, cfg), value in zip(variants, values):
        assert getattr(cfg, variable) == value
        for field in ("dataset", "seed", "learning_rate", "dropout", "n_samples", "batch_size", "epochs", "width"):
            if field != variable:
                assert getattr(cfg, field) == getattr(base, field), field


def test_variant_configs_validation_and_duplicates():
    base = RunConfig()
    assert [lbl for lbl, _ in comparison.variant_configs(base, "activation", ["relu", "relu", "tanh"])] == ["relu", "tanh"]
    with pytest.raises(ValueError, match="between 2 and 8"):
        comparison.variant_configs(base, "activation", ["relu"])
    with pytest.raises(ValueError, match="between 2 and 8"):
        comparison.variant_configs(base, "depth", list(range(1, 10)))
    with pytest.raises(ValueError, match="unknown activation"):
        comparison.variant_configs(base, "activation", ["relu", "nope"])
    with pytest.raises(ValueError, match="unknown variable"):
        comparison.variant_configs(base, "colour", ["a", "b"])
    per_layer = base.replace(depth=2, layer_activations=("relu", "tanh"), layer_widths=(32, 16))
    (_, a), (_, b) = comparison.variant_configs(per_layer, "activation", ["sigmoid", "elu"])
    assert a.hidden_activations == ("sigmoid", "sigmoid") and b.hidden_activations == ("elu", "elu")
    (_, d1), (_, d5) = comparison.variant_configs(per_layer, "depth", [1, 5])
    assert d1.hidden_widths == (32,) and d5.hidden_widths == (32,) * 5


# --------------------------------------------------------------------------- identical initial weights
def _weights(cfg, input_dim=2, n_out=2):
    return [np.asarray(w) for w in build_model(cfg, input_dim, n_out, "classification").get_weights()]


@pytest.mark.parametrize("variable", ["activation", "optimizer"])
def test_compared_runs_start_from_identical_weights(variable):
    base = RunConfig(depth=3, width=8, seed=3)
    values = comparison.VARIABLES[variable].defaults
    weights = [_weights(cfg) for _, cfg in comparison.variant_configs(base, variable, values)]
    for other in weights[1:]:
        assert len(other) == len(weights[0])
        for w0, w in zip(weights[0], other):
            np.testing.assert_array_equal(w0, w)
    different_seed = _weights(base.replace(seed=4))
    assert not np.array_equal(different_seed[0], weights[0][0])


def test_depths_share_weights_wherever_shapes_match():
    base = RunConfig(width=8, seed=5)
    (_, d2), (_, d4) = comparison.variant_configs(base, "depth", [2, 4])
    w2, w4 = _weights(d2), _weights(d4)
    # [kernel, bias] per Dense layer: dense_1 (2×8), dense_2 (8×8), then the output layer (8×2).
    np.testing.assert_array_equal(w2[0], w4[0])  # first layer
    np.testing.assert_array_equal(w2[2], w4[2])  # second layer, 8×8
    np.testing.assert_array_equal(w2[-2], w4[-2])  # output layer
    assert w4[4].shape == (8, 8) and not np.array_equal(w4[4], w4[2])  # deeper layers are new draws


def test_initializer_comparison_differs_only_in_weights():
    base = RunConfig(depth=2, width=8, seed=1)
    variants = comparison.variant_configs(base, "initializer", ["glorot_uniform", "he_normal"])
    a, b = (_weights(cfg) for _, cfg in variants)
    assert [w.shape for w in a] == [w.shape for w in b]
    assert not np.array_equal(a[0], b[0])


# --------------------------------------------------------------------------- real small runs
@pytest.fixture(scope="module")
def runs(spiral_data):
    variants = comparison.variant_configs(TINY, "activation", ACTS)
    manager = Scheduler(TrainerPool(), limits=Limits(max_active_runs=1))
    jobs = manager.submit_group([c for _, c in variants], data=spiral_data, labels=[lbl for lbl, _ in variants])
    for job in jobs:
        assert job.wait(timeout=180)
    return jobs


def test_group_runs_share_split_and_start(runs):
    snaps = [j.snapshot() for j in runs]
    assert [s["label"] for s in snaps] == ACTS
    assert all(s["status"] == "finished" for s in snaps)
    assert len({s["dataset"]["n_train"] for s in snaps}) == 1
    first_steps = [s["steps"]["step"][0] for s in snaps]
    assert first_steps == [1, 1, 1]


def test_summary_rows_match_the_history(runs):
    snaps = [j.snapshot() for j in runs]
    rows = comparison.summary_rows(snaps, target_metric=0.0)
    assert [r["run"] for r in rows] == ACTS
    assert all(set(r) == set(comparison.SUMMARY_COLUMNS) for r in rows)
    for row, snap in zip(rows, snaps):
        h = snap["history"]
        assert row["train"] == pytest.approx(h["accuracy"][-1])
        assert row["val"] == pytest.approx(h["val_accuracy"][-1])
        assert row["test"] == pytest.approx(snap["test"]["accuracy"])
        assert row["best_epoch"] == h["epoch"][int(np.argmax(h["val_accuracy"]))]
        assert row["epochs_to_target"] == 1 and row["seconds_to_target"] == pytest.approx(h["seconds"][0])
        assert row["epochs"] == TINY.epochs and row["seconds"] > 0 and row["samples_per_second"] > 0
        g = h["grad_norm"][-1]
        assert row["grad_ratio"] == pytest.approx(g[0] / g[-2])  # first / last hidden layer (L1 / L4)
        assert row["dead_pct"] == pytest.approx(100 * np.mean(h["dead_fraction"][-1][:-1]))
        assert row["saturated_pct"] == pytest.approx(100 * np.mean(h["saturated_fraction"][-1][:-1]))
        assert row["diverged"] is False
    never = comparison.summary_rows(snaps, target_metric=1.01)
    assert all(r["epochs_to_target"] is None and r["seconds_to_target"] is None for r in never)
    # sigmoid's first layer gets a smaller share of the gradient than ReLU's
    by_run = {r["run"]: r for r in rows}
    assert by_run["sigmoid"]["grad_ratio"] < by_run["relu"]["grad_ratio"]
    assert by_run["sigmoid"]["dead_pct"] == 0.0  # a sigmoid is never exactly 0
    # ReLU's zero slope counts as saturated too: every dead unit is also saturated
    assert by_run["relu"]["saturated_pct"] >= by_run["relu"]["dead_pct"] - 1e-9


def test_summary_of_pending_and_diverged_runs():
    pending = {"label": "x", "status": "queued", "dataset": None, "layers": [], "history": {"epoch": []},
               "steps": {"step": []}, "test": {}, "timing": {}, "progress": {}}
    row = comparison.summary_rows([pending, dict(pending, status="diverged")], 0.9)
    assert row[0]["train"] is None and row[0]["grad_ratio"] is None and row[0]["epochs"] == 0
    assert row[1]["diverged"] is True


def test_ensemble_averages_probabilities(runs, spiral_data):
    snaps = [j.snapshot() for j in runs]
    result = comparison.ensemble(snaps)  # test outputs and labels from the snapshots, not the records
    assert result["members"] == ACTS
    np.testing.assert_array_equal(snapshot.true_test_classes(snaps[0]), spiral_data.y_test)
    probs = np.mean([j.record.test_output for j in runs], axis=0)
    assert result["ensemble_accuracy"] == pytest.approx(np.mean(probs.argmax(1) == spiral_data.y_test))
    tests = {j.label: j.snapshot()["test"]["accuracy"] for j in runs}
    best = max(tests, key=tests.get)
    assert result["best_single"]["accuracy"] == pytest.approx(tests[best], abs=1e-6)
    assert result["single"][best] == pytest.approx(tests[best], abs=1e-6)


def test_ensemble_maths_on_hand_made_probabilities():
    y = np.array([0, 1, 1, 0])
    a = np.array([[0.9, 0.1], [0.3, 0.7], [0.6, 0.4], [0.6, 0.4]])  # 3/4 (wrong on the third)
    b = np.array([[0.6, 0.4], [0.55, 0.45], [0.1, 0.9], [0.7, 0.3]])  # 3/4 (wrong on the second)
    result = comparison.ensemble_accuracy({"a": a, "b": b}, y)
    assert result["ensemble_accuracy"] == 1.0
    assert result["best_single"] == {"label": "a", "accuracy": 0.75}
    bad = np.full((4, 2), np.nan)
    only_one = comparison.ensemble_accuracy({"a": a, "nan": bad}, y)
    assert only_one["ensemble_accuracy"] is None and only_one["members"] == ["a"]


def _ended(label: str, status: str, probs, y, task: str = "classification") -> dict:
    return {"label": label, "status": status, "dataset": {"task": task}, "test_output": np.asarray(probs),
            "predictions": {"y_true": list(y), "y_pred": list(np.argmax(probs, axis=1))}}


def test_ensemble_reads_finished_classification_snapshots_only():
    y = [0, 1, 1, 0]
    a = [[0.9, 0.1], [0.3, 0.7], [0.6, 0.4], [0.6, 0.4]]
    b = [[0.6, 0.4], [0.55, 0.45], [0.1, 0.9], [0.7, 0.3]]
    wrong = [[0.1, 0.9], [0.9, 0.1], [0.9, 0.1], [0.1, 0.9]]
    snaps = [_ended("a", "finished", a, y), _ended("b", "finished", b, y), _ended("c", "stopped", wrong, y),
             {"label": "d", "status": "running", "dataset": {"task": "classification"}}]
    result = comparison.ensemble(snaps)
    assert result["members"] == ["a", "b"] and result["ensemble_accuracy"] == 1.0
    assert comparison.ensemble(snaps, statuses=("finished", "stopped"))["members"] == ["a", "b", "c"]
    assert comparison.ensemble([_ended("r", "finished", a, y, task="regression")] * 2)["members"] == []


# --------------------------------------------------------------------------- extraction
def test_gradient_profile_and_epoch_choice(runs):
    snap = runs[0].snapshot()
    labels, latest = snapshot.gradient_profile(snap)
    assert labels == ["L1", "L2", "L3", "L4", "out"] and len(latest) == 5
    assert latest == pytest.approx(snap["history"]["grad_norm"][-1])
    _, first = snapshot.gradient_profile(snap, epoch=1)
    assert first == pytest.approx(snap["history"]["grad_norm"][0])
    _, clipped = snapshot.gradient_profile(snap, epoch=999)
    assert clipped == latest
    epochs, ratios = snapshot.gradient_ratio_series(snap)
    assert epochs == list(range(1, TINY.epochs + 1)) and len(ratios) == TINY.epochs
    hidden, dead = snapshot.hidden_percent(snap, "dead_fraction")
    assert hidden == ["L1", "L2", "L3", "L4"] and all(0 <= v <= 100 for v in dead)


# --------------------------------------------------------------------------- charts
def _count(fig, kind="scatter"):
    return sum(1 for tr in fig.data if tr.type == kind)


def test_charts_hold_one_trace_per_run_with_fixed_colours(runs, spiral_data):
    snaps = [j.snapshot() for j in runs]
    colors = compare_charts.run_colors(ACTS)
    assert colors["sigmoid"] == "#d62728" and colors["relu"] == "#1f77b4" and len(set(colors.values())) == 3
    figs = {
        "loss": compare_charts.val_loss_figure(snaps),
        "metric": compare_charts.val_metric_figure(snaps, target=0.8),
        "profile": compare_charts.gradient_profile_figure(snaps),
        "ratio": compare_charts.gradient_ratio_figure(snaps),
    }
    for name, fig in figs.items():
        assert [tr.name for tr in fig.data] == ACTS, name
        assert [tr.line.color for tr in fig.data] == [colors[a] for a in ACTS], name
        assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text, name
        assert fig.layout.font.size >= 14
    assert figs["profile"].layout.yaxis.type == "log" and figs["ratio"].layout.yaxis.type == "log"
    assert list(figs["profile"].data[0].x) == ["L1", "L2", "L3", "L4", "out"]
    assert figs["metric"].layout.yaxis.title.text == "Validation accuracy (%)"
    for stat in ("dead_fraction", "saturated_fraction"):
        fig = compare_charts.activity_figure(snaps, stat)
        assert [tr.name for tr in fig.data] == ACTS and _count(fig, "bar") == 3
        assert [tr.marker.color for tr in fig.data] == [colors[a] for a in ACTS]
    boundaries = compare_charts.boundaries_figure(snaps, spiral_data)
    assert _count(boundaries, "heatmap") == 3
    assert [a.text for a in boundaries.layout.annotations][:3] == [
        f"<span style='color:{colors[a]}'><b>{a}</b></span>" for a in ACTS]


def test_profile_chart_at_a_chosen_epoch_and_korean(runs):
    snaps = [j.snapshot() for j in runs]
    fig = compare_charts.gradient_profile_figure(snaps, "ko", epoch=2)
    assert "에포크 2" in fig.layout.title.text
    assert list(fig.data[1].y) == pytest.approx(snaps[1]["history"]["grad_norm"][1])


def test_charts_wait_before_numbers_and_downsample():
    pending = [{"label": a, "status": "queued", "dataset": None, "layers": [], "history": {"epoch": []},
                "steps": {"step": []}, "boundary": None} for a in ACTS]
    for fig in (compare_charts.val_loss_figure(pending), compare_charts.gradient_profile_figure(pending),
                compare_charts.activity_figure(pending), compare_charts.boundaries_figure(pending)):
        assert any("Waiting" in a.text for a in fig.layout.annotations)
    n = 3000
    long = {"label": "relu", "dataset": {"task": "classification"},
            "layers": [{"label": "L1"}, {"label": "L2"}, {"label": "out"}],
            "history": {"epoch": list(range(1, n + 1)), "val_loss": [1.0 / k for k in range(1, n + 1)],
                        "grad_norm": [[1e-3, 1.0, 5.0]] * n}}
    assert len(compare_charts.val_loss_figure([long]).data[0].x) <= compare_charts.MAX_POINTS
    ratio = compare_charts.gradient_ratio_figure([long]).data[0]
    assert len(ratio.x) <= compare_charts.MAX_POINTS and ratio.x[-1] == n and ratio.y[0] == pytest.approx(1e-3)


def test_depth_comparison_aligns_layers(spiral_data):
    snaps = []
    for depth in (2, 4):
        labels = [f"L{i}" for i in range(1, depth + 1)] + ["out"]
        snaps.append({"label": f"depth={depth}", "dataset": {"task": "classification"},
                      "layers": [{"label": lbl} for lbl in labels],
                      "history": {"epoch": [1], "grad_norm": [[0.1] * (depth + 1)]}})
    fig = compare_charts.gradient_profile_figure(snaps)
    assert list(fig.layout.xaxis.categoryarray) == ["L1", "L2", "L3", "L4", "out"]
