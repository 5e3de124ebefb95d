"""Unit tests for nnlab.snapshot, the one reader of run snapshots: the metric, layer labels,
ended statuses, per-layer statistics and the gradient ratio (first / last hidden layer) on
small hand-made snapshots with known values."""

import json

import numpy as np
import pytest

from nnlab import snapshot
from nnlab.config import RunConfig
from nnlab.jobs import pending_snapshot

LABELS = ["L1", "L2", "L3", "out"]


def make(task: str = "classification", status: str = "running") -> dict:
    """Three hidden layers and the output; two epochs and three steps of known gradient norms."""
    return {
        "label": "sigmoid", "status": status, "config": {"activation": "sigmoid", "epochs": 10},
        "dataset": {"task": task, "classes": ["a", "b"] if task == "classification" else [], "is_2d": True},
        "layers": [{"label": lbl} for lbl in LABELS],
        "history": {"epoch": [1, 2], "loss": [0.9, 0.5],
                    "grad_norm": [[1e-4, 1e-3, 1e-2, 0.5], [2e-4, 1e-3, 4e-2, 0.5]],
                    "dead_fraction": [[0.0, 0.5, 0.25, 0.0], [0.1, 0.2, 0.3, 0.0]]},
        "steps": {"step": [1, 2, 3], "grad_norm": [[1.0, 1.0, 1.0, 1.0], [3e-3, 1.0, 0.6, 9.0],
                                                   [6e-3, 1.0, 0.3, 9.0]]},
        "progress": {"epoch": 2, "fraction": 0.2}, "timing": {"steps_per_epoch": 4},
    }


def test_metric_follows_the_task():
    assert snapshot.metric(make("classification")) == "accuracy"
    assert snapshot.metric(make("regression")) == "mae"
    queued = pending_snapshot(RunConfig(), "queued")  # no data set yet
    assert snapshot.metric(queued) == "accuracy"
    assert snapshot.shared_metric([queued, make("regression")]) == "mae"  # the first run whose data is known
    assert snapshot.shared_metric([queued]) == "accuracy"


def test_layer_labels_and_hidden_labels():
    snap = make()
    assert snapshot.layer_labels(snap) == LABELS
    assert snapshot.hidden_labels(snap) == ["L1", "L2", "L3"]
    assert snapshot.layer_labels(pending_snapshot(RunConfig(), "queued")) == []


@pytest.mark.parametrize("status, ended", [("queued", False), ("running", False), ("paused", False),
                                           ("finished", True), ("stopped", True), ("diverged", True),
                                           ("failed", True)])
def test_ended_statuses(status, ended):
    assert snapshot.is_ended(make(status=status)) is ended
    assert set(snapshot.ENDED) == {"finished", "stopped", "diverged", "failed"}
    assert set(snapshot.ENDED) <= set(snapshot.STATUSES)


def test_all_ended_and_numbers():
    assert snapshot.all_ended([make(status="finished"), make(status="diverged")])
    assert not snapshot.all_ended([make(status="finished"), make(status="running")])
    assert snapshot.has_numbers(make())
    assert not snapshot.has_numbers(pending_snapshot(RunConfig(), "queued"))
    assert snapshot.status({}) == "queued"


def test_gradient_ratio_is_first_over_last_hidden_layer():
    snap = make()
    # latest epoch: L1 = 2e-4, last hidden L3 = 4e-2 (the output's 0.5 is not used)
    assert snapshot.gradient_ratio(snap) == pytest.approx(2e-4 / 4e-2)
    assert snapshot.gradient_ratio(snap, epoch=1) == pytest.approx(1e-4 / 1e-2)
    assert snapshot.gradient_ratio(snap, epoch=99) == pytest.approx(5e-3)  # past the end: the latest
    # the latest step (what the Train page's profile shows): 6e-3 / 0.3
    assert snapshot.gradient_ratio(snap, latest_step=True) == pytest.approx(0.02)
    assert snapshot.ratio_layers(snap) == ("L1", "L3")
    epochs, ratios = snapshot.gradient_ratio_series(snap)
    assert epochs == [1, 2] and ratios == pytest.approx([1e-2, 5e-3])


def test_gradient_ratio_before_the_first_epoch_uses_the_latest_step():
    snap = make()
    snap["history"] = {"epoch": []}
    assert snapshot.gradient_ratio(snap) == pytest.approx(6e-3 / 0.3)
    assert snapshot.gradient_ratio_series(snap) == ([], [])


def test_gradient_ratio_is_undefined_without_two_hidden_layers_or_a_value():
    one_hidden = {"layers": [{"label": "L1"}, {"label": "out"}], "history": {"epoch": [1], "grad_norm": [[0.1, 1.0]]}}
    assert snapshot.gradient_ratio(one_hidden) is None and snapshot.ratio_layers(one_hidden) is None
    assert snapshot.ratio_of([1.0, 0.0, 2.0]) is None  # last hidden layer's gradient is zero
    assert snapshot.ratio_of([None, 1.0, 2.0]) is None
    assert snapshot.ratio_of([float("nan"), 1.0, 2.0]) is None
    assert snapshot.ratio_of([]) is None
    assert snapshot.gradient_ratio(pending_snapshot(RunConfig(), "queued")) is None


def test_layer_stat_and_hidden_percent():
    snap = make()
    labels, values, epoch = snapshot.layer_stat(snap, "grad_norm", epoch=1)
    assert labels == LABELS and values == pytest.approx([1e-4, 1e-3, 1e-2, 0.5]) and epoch == 1
    hidden, dead = snapshot.hidden_percent(snap, "dead_fraction")
    assert hidden == ["L1", "L2", "L3"] and dead == pytest.approx([10.0, 20.0, 30.0])
    labels, values, step = snapshot.latest_step_stat(snap, "grad_norm")
    assert step == 3 and values == pytest.approx([6e-3, 1.0, 0.3, 9.0])
    assert snapshot.latest_step_stat(pending_snapshot(RunConfig(), "queued"), "grad_norm")[1:] == ([], None)


def test_series_and_run_facts():
    snap = make()
    assert snapshot.epochs(snap) == [1, 2] and snapshot.trained_epochs(snap) == 2
    assert snapshot.epoch_series(snap, "loss") == [0.9, 0.5] and snapshot.epoch_series(snap, "nope") == []
    assert snapshot.step_numbers(snap) == [1, 2, 3] and snapshot.steps_per_epoch(snap) == 4
    assert snapshot.label(snap) == "sigmoid" and snapshot.label({"config": {"activation": "relu"}}) == "relu"
    assert snapshot.total_epochs(snap) == 10 and snapshot.is_2d(snap) and snapshot.class_names(snap) == ["a", "b"]


def test_test_set_outputs_and_classes():
    snap = make(status="finished")
    assert snapshot.output_on_test_set(snap) is None and snapshot.true_test_classes(snap) is None
    snap["test_output"] = np.array([[0.2, 0.8], [0.7, 0.3]])
    snap["predictions"] = {"y_true": [1, 0], "y_pred": [1, 0]}
    np.testing.assert_array_equal(snapshot.output_on_test_set(snap), [[0.2, 0.8], [0.7, 0.3]])
    np.testing.assert_array_equal(snapshot.true_test_classes(snap), [1, 0])
    regression = dict(make("regression"), predictions={"y_true": [1.5], "y_pred": [1.4]})
    assert snapshot.true_test_classes(regression) is None


def test_a_record_snapshot_carries_the_test_output_but_its_json_does_not(xor_data):
    from nnlab import engine

    record = engine.run(RunConfig(dataset="xor", n_samples=200, depth=2, width=4, epochs=1), xor_data)
    snap = record.snapshot()
    assert snapshot.output_on_test_set(snap) is record.test_output
    assert snapshot.output_on_test_set(snap).shape == (len(xor_data.y_test), 2)
    np.testing.assert_array_equal(snapshot.true_test_classes(snap), xor_data.y_test)
    assert "test_output" not in json.loads(record.to_json())
