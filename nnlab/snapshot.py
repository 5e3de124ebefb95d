"""Reading a run's snapshot: the one place that knows the snapshot's shape.

A snapshot is the plain dict ``TrainingJob.snapshot()`` / ``RunRecord.snapshot()`` returns
(schema in README.md; a replay frame, ``nnlab.replay.frame``, has the same shape). Pages,
chart builders (``nnlab.charts``) and the comparison logic (``nnlab.comparison``) read runs
only through these functions instead of poking the dict, so each fact is derived once:

- the run's label, status and whether it has ended (``ENDED``), whether numbers exist yet;
- the task's metric: ``"accuracy"`` (classification) or ``"mae"`` (regression);
- layer labels (``L1 … Ln, out``) and hidden-layer labels;
- per-epoch and per-step series, and per-layer statistics at an epoch or the latest step;
- **the gradient ratio**: the weight-gradient norm of the first hidden layer divided by
  that of the last hidden layer (L1 / Ln). Below 1e-3 the first layer hardly learns: the
  vanishing gradient. The output layer is left out because its gradient comes straight from
  the loss, through no activation's slope. A net with one hidden layer has no ratio (None).
- the test-set outputs (class probabilities) and labels, for the ensemble.

No Streamlit, no Plotly, no TensorFlow.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from nnlab.record import ENDED, STATUSES, metric_name

# -- the run ---------------------------------------------------------------------------------


def status(snap: dict) -> str:
    return snap.get("status") or "queued"


def is_ended(snap: dict) -> bool:
    """Finished, stopped, diverged or failed: it will not change any more."""
    return status(snap) in ENDED


def all_ended(snaps: Sequence[dict]) -> bool:
    return all(is_ended(s) for s in snaps)


def label(snap: dict) -> str:
    """The run's name in legends and tables: its label (e.g. "sigmoid", "depth=8")."""
    return str(snap.get("label") or config(snap).get("activation") or "?")


def config(snap: dict) -> dict:
    return snap.get("config") or {}


def total_epochs(snap: dict):
    """The epochs the run was set up for (``"?"`` if unknown)."""
    return config(snap).get("epochs", "?")


def progress(snap: dict) -> dict:
    return snap.get("progress") or {}


def dataset(snap: dict) -> dict:
    return snap.get("dataset") or {}


def has_dataset(snap: dict) -> bool:
    """False until the data is loaded (a queued run's snapshot knows no task yet)."""
    return bool(snap.get("dataset"))


def task(snap: dict) -> str:
    return dataset(snap).get("task") or "classification"


def is_2d(snap: dict) -> bool:
    return bool(dataset(snap).get("is_2d"))


def class_names(snap: dict) -> list:
    return list(dataset(snap).get("classes") or [])


def metric(snap: dict) -> str:
    """``"accuracy"`` for classification, ``"mae"`` for regression (``nnlab.record.metric_name``)."""
    return metric_name(task(snap))


def shared_metric(snaps: Sequence[dict]) -> str:
    """The metric of a group of runs on one data set: that of the first run whose data is
    loaded (accuracy until one is)."""
    return next((metric(s) for s in snaps if has_dataset(s)), metric_name("classification"))


# -- layers ----------------------------------------------------------------------------------

def layer_labels(snap: dict) -> list[str]:
    """One label per Dense layer, input side first: ``["L1", …, "Ln", "out"]``."""
    return [layer["label"] for layer in snap.get("layers") or []]


def hidden_labels(snap: dict) -> list[str]:
    """The hidden layers' labels (the output layer has no hidden activation)."""
    return layer_labels(snap)[:-1]


# -- series ----------------------------------------------------------------------------------

def history(snap: dict) -> dict:
    return snap.get("history") or {}


def epochs(snap: dict) -> list:
    """The epochs recorded so far (1-based)."""
    return list(history(snap).get("epoch") or [])


def trained_epochs(snap: dict) -> int:
    return len(history(snap).get("epoch") or [])


def epoch_series(snap: dict, key: str) -> list:
    """A per-epoch series (``"loss"``, ``"val_accuracy"``, ``"grad_norm"`` …); [] if absent."""
    return history(snap).get(key) or []


def steps(snap: dict) -> dict:
    return snap.get("steps") or {}


def step_numbers(snap: dict) -> list:
    return steps(snap).get("step") or []


def step_series(snap: dict, key: str) -> list:
    """A per-step series (``"loss"``, ``"grad_norm"`` …); [] if absent. A statistic's series
    has None where the step's statistics were not taken: ``stat_steps`` skips those."""
    return steps(snap).get(key) or []


def stat_steps(snap: dict, stat: str) -> tuple[list, list]:
    """(step numbers, per-layer rows) of the steps whose statistic ``stat`` was taken."""
    rows = step_series(snap, stat)
    pairs = [(s, r) for s, r in zip(step_numbers(snap), rows) if r is not None]
    return [s for s, _ in pairs], [r for _, r in pairs]


def has_numbers(snap: dict) -> bool:
    """True once the first chunk has trained: the charts have something to draw."""
    return bool(step_numbers(snap))


def steps_per_epoch(snap: dict) -> int:
    return (snap.get("timing") or {}).get("steps_per_epoch") or 0


def finite(v) -> float | None:
    """``v`` as a float, or None when it is missing, NaN or infinite."""
    return float(v) if v is not None and math.isfinite(float(v)) else None


def layer_stat(snap: dict, stat: str, epoch: int | None = None) -> tuple[list[str], list[float | None], int | None]:
    """(layer labels, per-layer ``stat`` averaged over an epoch, that epoch) at ``epoch``
    (1-based; None or too large = latest). Before the first epoch ends, the latest recorded
    step is used (epoch 0); with no numbers at all, ([labels], [], None)."""
    labels = layer_labels(snap)
    rows, done = epoch_series(snap, stat), epochs(snap)
    if rows and done:
        i = len(rows) - 1 if epoch is None else max(0, min(int(epoch), len(rows)) - 1)
        return labels, [finite(v) for v in rows[i]], done[i]
    _, rows = stat_steps(snap, stat)
    if rows:
        return labels, [finite(v) for v in rows[-1]], 0
    return labels, [], None


def latest_step_stat(snap: dict, stat: str) -> tuple[list[str], list[float | None], int | None]:
    """(layer labels, per-layer ``stat`` at the latest recorded step, that step); the values
    are [] and the step None before the first step."""
    numbers, rows = stat_steps(snap, stat)
    if not rows:
        return layer_labels(snap), [], None
    return layer_labels(snap), [finite(v) for v in rows[-1]], numbers[-1]


def gradient_profile(snap: dict, epoch: int | None = None) -> tuple[list[str], list[float | None]]:
    """Weight-gradient norm per Dense layer (input → output) at ``epoch`` (None = latest)."""
    labels, values, _ = layer_stat(snap, "grad_norm", epoch)
    return labels, values


def hidden_percent(snap: dict, stat: str, epoch: int | None = None) -> tuple[list[str], list[float | None]]:
    """(hidden-layer labels, ``stat`` in %) — stat is dead_fraction or saturated_fraction."""
    labels, values, _ = layer_stat(snap, stat, epoch)
    n = max(0, len(labels) - 1)  # the output layer has no hidden activation
    return labels[:n], [None if v is None else 100.0 * v for v in values[:n]]


# -- the gradient ratio ------------------------------------------------------------------------

def ratio_of(row: Sequence) -> float | None:
    """First hidden layer / last hidden layer of one per-layer row (input side first, the
    output layer last). None with fewer than two hidden layers or a missing/zero value."""
    if not row or len(row) < 3:
        return None
    first, last = finite(row[0]), finite(row[-2])
    if first is None or not last:
        return None
    return first / last


def ratio_layers(snap: dict) -> tuple[str, str] | None:
    """The labels the ratio compares, e.g. ("L1", "L10"); None with fewer than two hidden layers."""
    hidden = hidden_labels(snap)
    return (hidden[0], hidden[-1]) if len(hidden) >= 2 else None


def gradient_ratio(snap: dict, epoch: int | None = None, *, latest_step: bool = False) -> float | None:
    """The gradient ratio (see the module docstring) at ``epoch`` (epoch means, as
    ``layer_stat``), or at the latest recorded step with ``latest_step``."""
    if latest_step:
        _, values, _ = latest_step_stat(snap, "grad_norm")
    else:
        _, values, _ = layer_stat(snap, "grad_norm", epoch)
    return ratio_of(values)


def gradient_ratio_series(snap: dict) -> tuple[list[int], list[float | None]]:
    """(epochs, the gradient ratio of each epoch)."""
    return epochs(snap), [ratio_of(row) for row in epoch_series(snap, "grad_norm")]


# -- inside the network (neuron maps, diagram: nnlab.inside) -----------------------------------

def inside(snap: dict) -> dict | None:
    """The record's ``inside`` entry (grid axes, widths, activations, ``diagram`` kind, frames), or None."""
    return snap.get("inside") or None


def neuron_map_frames(snap: dict) -> list[dict]:
    """The frames with neuron maps, oldest first: ``{"epoch": e, "maps": [per hidden layer
    [units, ny, nx]], …}`` (arrays as the record keeps them: decode with ``nnlab.inside.decode``)."""
    return [f for f in (inside(snap) or {}).get("frames") or () if f.get("maps") is not None]


def diagram_frames(snap: dict) -> list[dict]:
    """The frames with diagram data, oldest first: ``{"epoch": e, "kernels", "unit_mean", "unit_grad"}``."""
    return [f for f in (inside(snap) or {}).get("frames") or ()
            if f.get("kernels") is not None or f.get("unit_mean") is not None]


def frame_at(frames: Sequence[dict], epoch: int | None = None) -> dict | None:
    """The frame recorded last at or before ``epoch`` (None = the latest); None before the first."""
    if not frames:
        return None
    if epoch is None:
        return frames[-1]
    best = None
    for f in frames:
        if f["epoch"] <= epoch:
            best = f
        else:
            break
    return best


# -- histograms over time (bins and format: nnlab.histograms) ---------------------------------

def histogram_kinds(snap: dict) -> list[str]:
    """The kinds recorded (``weights``, ``pre``, ``post``, ``grad``); [] for a run without histograms."""
    return list((snap.get("histograms") or {}).get("kinds") or [])


def histogram_scale(snap: dict, kind: str) -> str:
    """``"linear"`` (equal bins) or ``"log"`` (|value| in decades, the first bin [0, bottom))."""
    return ((snap.get("histograms") or {}).get("scales") or {}).get(kind, "linear")


def histogram_edges(snap: dict, kind: str) -> np.ndarray | None:
    """[layers, bins + 1] bin edges of ``kind``, fixed for the run; None without histograms."""
    edges = ((snap.get("histograms") or {}).get("edges") or {}).get(kind)
    return None if edges is None else np.asarray(edges, dtype=np.float64)


def histogram_frames(snap: dict, epoch: int | None = None) -> list[dict]:
    """The recorded frames up to ``epoch`` (None = all), oldest first: ``{"epoch": e, kind:
    counts [layers, bins] …}`` (NumPy from a live record, lists from a JSON file: use
    ``histogram_counts``)."""
    frames = (snap.get("histograms") or {}).get("frames") or []
    frames = [f for f in frames if isinstance(f, dict) and isinstance(f.get("epoch"), int)]
    return [f for f in frames if epoch is None or f["epoch"] <= epoch]


def histogram_counts(frame: dict, kind: str, layer: int) -> np.ndarray:
    """One frame's counts of ``kind`` in layer ``layer`` (0 = L1) as a NumPy array."""
    return np.asarray(frame[kind][layer], dtype=np.int64)


def shown_epoch(snap: dict) -> int | None:
    """The epoch a replay frame shows (``nnlab.replay.frame``), None for the live snapshot."""
    if not snap.get("replaying"):
        return None
    shown = progress(snap).get("epoch")  # set by the replay; a replayed history ends there too
    return int(shown) if shown is not None else trained_epochs(snap)


# -- test set --------------------------------------------------------------------------------

def output_on_test_set(snap: dict) -> np.ndarray | None:
    """The model's output on the test set once the run has ended (class probabilities,
    or predicted values), as the record keeps it; None before."""
    out = snap.get("test_output")
    return None if out is None else np.asarray(out)


def true_test_classes(snap: dict) -> np.ndarray | None:
    """The test set's true classes (classification runs that ended with a test pass)."""
    y = (snap.get("predictions") or {}).get("y_true")
    if y is None or task(snap) != "classification":
        return None
    return np.asarray(y, dtype=int)


__all__ = ["ENDED", "STATUSES", "all_ended", "class_names", "config", "dataset", "diagram_frames", "epoch_series",
           "epochs", "finite", "frame_at", "gradient_profile", "gradient_ratio", "gradient_ratio_series",
           "has_dataset", "has_numbers", "hidden_labels", "hidden_percent", "histogram_counts", "histogram_edges",
           "histogram_frames", "histogram_kinds", "histogram_scale", "history", "inside", "is_2d", "is_ended",
           "label", "latest_step_stat", "layer_labels", "layer_stat", "metric", "neuron_map_frames",
           "output_on_test_set", "progress", "ratio_layers", "ratio_of", "shared_metric", "shown_epoch", "status",
           "stat_steps", "step_numbers", "step_series", "steps", "steps_per_epoch", "task", "total_epochs", "trained_epochs",
           "true_test_classes"]
