"""Plotly figures of one training run (the Train page), built from its snapshot.

Pure functions: ``snapshot dict (+ lang) -> go.Figure``; no Streamlit here. Every figure
has a title, axis titles with units and a legend in the chosen language, fonts sized for
a projector, and at most ``MAX_POINTS`` points per trace (long series are downsampled).
``live_figures`` is the set the Train page draws for one frame.

Each builder reads the run through ``nnlab.snapshot``, writes its figure as a plain spec
(trace and axis dicts) and lets ``nnlab.charts.base.style`` turn it into the ``go.Figure``
in one step: the live Train page rebuilds seven of these per redraw for every student.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from nnlab import snapshot
from nnlab.charts.base import (
    BLUE,
    CLASS_COLORS,
    LABEL_SIZE,
    MAX_POINTS,
    ORANGE,
    RED,
    axis,
    boundary_heatmap,
    downsample_indices,
    figure_spec,
    metric_axis,
    metric_scale,
    named_colorscale,
    pick,
    positive,
    scaled,
    short_number,
    style,
    waiting,
)
from nnlab.i18n import t

TRAIN_COLOR, VAL_COLOR = BLUE, RED
STEP_COLOR = "#6baed6"  # per-step loss: a lighter blue behind the per-epoch line
VIRIDIS, BLUES = named_colorscale("Viridis"), named_colorscale("Blues")


# -- helpers ---------------------------------------------------------------------------------

def log_buckets(x: list, rows: list[list], n_buckets: int) -> tuple[list, list[list]]:
    """Average ``rows`` (points × layers, positive numbers) over at most ``n_buckets`` consecutive
    buckets in log space (a geometric mean), so per-step noise does not hide the trend; ``x`` is
    the bucket's last value. Non-positive and missing values are ignored (all missing → None)."""
    n = len(x)
    if n <= n_buckets:
        return list(x), [positive(r) for r in rows]
    edges = np.linspace(0, n, n_buckets + 1).round().astype(int)
    keep = edges[1:] > edges[:-1]
    starts, ends = edges[:-1][keep], edges[1:][keep]
    arr = np.array(rows, dtype=float)  # None → nan
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(arr > 0, np.log10(arr), np.nan)
    finite = np.isfinite(logs)
    logs[np.isnan(logs)] = 0.0  # summed as np.nansum would: an infinite value still spoils its bucket
    # All buckets at once, adding the j-th row of each on pass j (the order, and so the rounding,
    # of a per-bucket np.nansum; a Python loop over 150 buckets cost more than the whole chart).
    sums = np.zeros((len(starts), logs.shape[1]))
    counts = np.zeros(sums.shape, dtype=int)
    for j in range(int((ends - starts).max())):
        inside = starts + j < ends
        at = (starts + j)[inside]
        sums[inside] += logs[at]
        counts[inside] += finite[at]
    with np.errstate(invalid="ignore"):
        means = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    return ([x[b - 1] for b in ends],
            [[float(10.0 ** m) if math.isfinite(m) else None for m in row] for row in means])


def layer_colors(n: int) -> list[str]:
    """One colour per layer from input (dark purple) to output (orange): depth reads as colour."""
    return list(_layer_colors(n))


@lru_cache(maxsize=64)
def _layer_colors(n: int) -> tuple[str, ...]:
    if n <= 1:
        return ("#0d0887",)
    return tuple(sample_colorscale("Plasma", [0.85 * i / (n - 1) for i in range(n)]))


# -- loss and metric --------------------------------------------------------------------------

def loss_figure(snap: dict, lang: str = "en") -> go.Figure:
    """Training loss per step (thin), training and validation loss per epoch; x in epochs."""
    data = []
    per_epoch = snapshot.steps_per_epoch(snap)
    step_x = snapshot.step_numbers(snap)
    epochs = snapshot.epochs(snap)
    if step_x and per_epoch:
        idx = downsample_indices(len(step_x))
        # Behind the per-epoch lines the noisy per-step line is pale; before the first epoch
        # ends it is the only line and must read on its own.
        data.append({"type": "scatter", "x": [step_x[i] / per_epoch for i in idx], "y": pick(snapshot.step_series(snap, "loss"), idx),
                     "mode": "lines", "name": t("charts.train_steps", lang),
                     "line": {"color": STEP_COLOR if epochs else TRAIN_COLOR, "width": 2 if epochs else 3},
                     "opacity": 0.8 if epochs else 1.0})
    if epochs:
        idx = downsample_indices(len(epochs))
        x = pick(epochs, idx)
        data.append({"type": "scatter", "x": x, "y": pick(snapshot.epoch_series(snap, "loss"), idx), "mode": "lines+markers",
                     "name": t("charts.train", lang), "line": {"color": TRAIN_COLOR, "width": 3},
                     "marker": {"size": 5}})
        data.append({"type": "scatter", "x": x, "y": pick(snapshot.epoch_series(snap, "val_loss"), idx), "mode": "lines+markers",
                     "name": t("charts.val", lang), "line": {"color": VAL_COLOR, "width": 3, "dash": "dot"},
                     "marker": {"size": 5}})
    loss_name = t("charts.loss.ce" if snapshot.metric(snap) == "accuracy" else "charts.loss.mse", lang)
    spec = figure_spec(data, axis(t("charts.epoch", lang), rangemode="tozero"), axis(loss_name, rangemode="tozero"))
    if not data:
        waiting(spec, lang)
    return style(spec, t("charts.loss.title", lang))


def metric_figure(snap: dict, lang: str = "en") -> go.Figure:
    """Accuracy (in %) or mean absolute error per epoch, training and validation."""
    metric = snapshot.metric(snap)
    scale = metric_scale(metric)
    data = []
    epochs = snapshot.epochs(snap)
    if epochs:
        idx = downsample_indices(len(epochs))
        x = pick(epochs, idx)
        for key, name, color, dash in ((metric, "charts.train", TRAIN_COLOR, None),
                                       (f"val_{metric}", "charts.val", VAL_COLOR, "dot")):
            y = scaled(pick(snapshot.epoch_series(snap, key) or [None] * len(epochs), idx), scale)
            line = {"color": color, "width": 3, "dash": dash} if dash else {"color": color, "width": 3}
            data.append({"type": "scatter", "x": x, "y": y, "mode": "lines+markers", "name": t(name, lang),
                         "line": line, "marker": {"size": 5}})
    spec = figure_spec(data, axis(t("charts.epoch", lang), rangemode="tozero"),
                       metric_axis(metric, t(f"charts.{metric}.y", lang)))
    if not epochs:
        waiting(spec, lang)
    return style(spec, t(f"charts.{metric}.title", lang))


# -- gradients ----------------------------------------------------------------------------------

def gradient_lines_figure(snap: dict, lang: str = "en", stat: str = "grad_norm", buckets: int = 150) -> go.Figure:
    """One line per layer: the weight-gradient norm over training steps, on a log y-axis.

    Long series are averaged over at most ``buckets`` runs of consecutive steps (geometric
    mean): per-step gradients are noisy, and the gap between layers is what matters."""
    labels = snapshot.layer_labels(snap)
    data = []
    step_x, rows = snapshot.stat_steps(snap, stat)
    if step_x and rows:
        x, rows = log_buckets(step_x, rows, min(buckets, MAX_POINTS))
        colors = layer_colors(len(labels))
        # Output layer first in the legend, so the legend reads top (output) to bottom (input).
        for j in reversed(range(len(labels))):
            data.append({"type": "scatter", "x": x, "y": [r[j] for r in rows], "mode": "lines", "name": labels[j],
                         "line": {"color": colors[j], "width": 2.5},
                         "hovertemplate": f"{labels[j]}: %{{y:.2e}}<extra></extra>"})
    spec = figure_spec(data, axis(t("charts.step", lang)), axis(t("charts.grad.y", lang), type="log"))
    if not (step_x and rows):
        waiting(spec, lang)
    return style(spec, t("charts.grad.lines.title", lang), height=460)


def gradient_heatmap_figure(snap: dict, lang: str = "en", stat: str = "grad_norm") -> go.Figure:
    """Layer × epoch heatmap of the gradient norm on a log colour scale, input layer at the bottom."""
    labels = snapshot.layer_labels(snap)
    epochs = snapshot.epochs(snap)
    rows = snapshot.epoch_series(snap, stat)
    data = []
    if epochs and rows:
        idx = downsample_indices(len(epochs))
        z = np.array([[np.nan if v is None or v <= 0 else v for v in rows[i]] for i in idx], dtype=float).T
        with np.errstate(divide="ignore", invalid="ignore"):
            logz = np.log10(z)
        finite = logz[np.isfinite(logz)]
        lo, hi = (math.floor(finite.min()), math.ceil(finite.max())) if finite.size else (-3, 0)
        hi = max(hi, lo + 1)
        ticks = list(range(lo, hi + 1, max(1, (hi - lo + 5) // 6)))
        data.append({
            "type": "heatmap", "x": pick(epochs, idx), "y": labels,
            "z": np.where(np.isfinite(logz), logz, None).tolist(), "zmin": lo, "zmax": hi, "colorscale": VIRIDIS,
            "colorbar": {"title": {"text": t("charts.grad.colorbar", lang), "side": "right"},
                         "tickvals": ticks, "ticktext": [f"10<sup>{k}</sup>" for k in ticks]},
            "customdata": z.tolist(),
            "hovertemplate": t("charts.epoch", lang) + " %{x}, %{y}: %{customdata:.2e}<extra></extra>"})
    spec = figure_spec(data, axis(t("charts.epoch", lang)), axis(t("charts.layer_axis", lang), type="category"))
    if not data:
        waiting(spec, lang)
    return style(spec, t("charts.grad.heat.title", lang), height=440, legend=False)


def gradient_bar_figure(snap: dict, lang: str = "en", stat: str = "grad_norm") -> go.Figure:
    """A dot per layer: the gradient norm at the latest recorded step on a log y-axis.

    Dots, not bars: a bar needs a zero and a log axis has none, so bar lengths there are
    meaningless (a 1.3× gap looked 20×). A thin grey line joins the dots into the profile."""
    labels, latest, step = snapshot.latest_step_stat(snap, stat)
    data = []
    if step is not None:
        latest = positive(latest)
        data.append({
            "type": "scatter", "x": labels, "y": latest,
            "mode": "lines+markers+text" if len(labels) <= 8 else "lines+markers",
            "line": {"color": "#bbbbbb", "width": 2}, "name": t("charts.grad.y", lang),
            "marker": {"color": layer_colors(len(labels)), "size": 18, "line": {"color": "white", "width": 1.5}},
            "text": [short_number(v) if v else "" for v in latest], "textposition": "top center",
            "textfont": {"size": LABEL_SIZE}, "cliponaxis": False,
            "hovertemplate": "%{x}: %{y:.2e}<extra></extra>"})
    # Half a category of room at each end, so the first and last dots are not cut in half.
    xaxis = axis(t("charts.layer_axis_x", lang), type="category", range=[-0.5, max(len(labels), 1) - 0.5])
    spec = figure_spec(data, xaxis, axis(t("charts.grad.y", lang), type="log"))
    if step is None:
        waiting(spec, lang)
    title = t("charts.grad.bar.title", lang, step=step if step is not None else "–")
    return style(spec, title, height=440, legend=False)


def activation_stats_figure(snap: dict, lang: str = "en") -> go.Figure:
    """Saturated and dead units (%) per hidden layer at the latest recorded step."""
    labels = snapshot.hidden_labels(snap)  # the output layer has no hidden activation
    data = []
    sat, dead = snapshot.stat_steps(snap, "saturated_fraction")[1], snapshot.stat_steps(snap, "dead_fraction")[1]
    if sat and dead and labels:
        n = len(labels)
        for values, name, color in ((sat[-1][:n], "charts.act.saturated", ORANGE),
                                    (dead[-1][:n], "charts.act.dead", "#555555")):
            y = [100 * (v or 0) for v in values]
            # Value labels only while each fits over its own bar (style() hides any that would
            # shrink below MIN_TEXT, so neighbours never run together).
            bar = {"type": "bar", "x": labels, "y": y, "name": t(name, lang), "marker": {"color": color},
                   "textposition": "outside", "textfont": {"size": LABEL_SIZE}, "cliponaxis": False,
                   "hovertemplate": "%{x}: %{y:.1f}%<extra></extra>"}
            if n <= 12:
                bar["text"] = [f"{v:.0f}%" for v in y]
            data.append(bar)
    spec = figure_spec(data, axis(t("charts.layer_axis_x", lang), type="category"),
                       axis(t("charts.act.y", lang), range=[0, 105]), barmode="group")
    if not data:
        waiting(spec, lang)
    return style(spec, t("charts.act.title", lang), height=440)


# -- decision boundary ------------------------------------------------------------------------

def boundary_figure(snap: dict, data=None, lang: str = "en", max_points: int = 1000) -> go.Figure:
    """The model's output over the plane (``snap["boundary"]``) with the train and test points.

    ``data`` is a ``nnlab.datasets.Dataset`` (anything with x_train, y_train, x_test, y_test,
    class_names) in the same scaled units as the boundary grid; None draws the plane only.
    """
    b = snap.get("boundary")
    traces = []
    classes = list(getattr(data, "class_names", None) or snapshot.class_names(snap))
    if b:
        traces.append(boundary_heatmap(b, classes, lang, opacity=(0.75, 0.45)))
    if data is not None:
        for split, x_all, y_all, symbol in (("train", data.x_train, data.y_train, "circle"),
                                            ("test", data.x_test, data.y_test, "diamond")):
            idx = downsample_indices(len(x_all), max_points)
            x_all, y_all = np.asarray(x_all)[idx], np.asarray(y_all)[idx]
            for c in np.unique(y_all):
                m = y_all == c
                name = classes[int(c)] if int(c) < len(classes) else str(c)
                traces.append({
                    "type": "scatter", "x": x_all[m, 0], "y": x_all[m, 1], "mode": "markers",
                    "name": t(f"charts.boundary.{split}", lang, cls=name),
                    "marker": {"color": CLASS_COLORS[int(c) % len(CLASS_COLORS)], "symbol": symbol,
                               "size": 7 if split == "train" else 10,
                               "line": {"color": "white" if split == "train" else "black", "width": 1}}})
    spec = figure_spec(traces, axis(t("charts.boundary.x", lang), constrain="domain"),
                       axis(t("charts.boundary.y", lang), scaleanchor="x", scaleratio=1, constrain="domain"))
    if not traces:
        waiting(spec, lang)
    return style(spec, t("charts.boundary.title", lang), height=540)


# -- results ----------------------------------------------------------------------------------

def confusion_figure(snap: dict, lang: str = "en") -> go.Figure:
    """Confusion matrix of the test set: true class down, predicted class across, counts written in."""
    cm = snap.get("confusion_matrix") or []
    classes = snapshot.class_names(snap) or [str(i) for i in range(len(cm))]
    data = []
    if cm:
        data.append({"type": "heatmap", "z": cm, "x": classes, "y": classes, "colorscale": BLUES,
                     "texttemplate": "%{z}", "textfont": {"size": 16},
                     "colorbar": {"title": {"text": t("charts.cm.count", lang)}},
                     "hovertemplate": t("charts.cm.hover", lang) + "<extra></extra>"})
    spec = figure_spec(data, axis(t("charts.cm.x", lang), type="category", side="bottom"),
                       axis(t("charts.cm.y", lang), type="category", autorange="reversed"))
    return style(spec, t("charts.cm.title", lang), height=max(380, 40 * len(classes) + 160), legend=False)


def prediction_figure(snap: dict, lang: str = "en") -> go.Figure:
    """Regression: predicted against true value on the test set, with the y = x line."""
    p = snap.get("predictions") or {}
    y_true, y_pred = p.get("y_true") or [], p.get("y_pred") or []
    data = []
    if y_true:
        pairs = [(a, b) for a, b in zip(y_true, y_pred) if a is not None and b is not None]
        lo = min(min(a, b) for a, b in pairs) if pairs else 0.0
        hi = max(max(a, b) for a, b in pairs) if pairs else 1.0
        data.append({"type": "scatter", "x": [lo, hi], "y": [lo, hi], "mode": "lines",
                     "name": t("charts.pred.ideal", lang), "line": {"color": "#888", "dash": "dash", "width": 2}})
        data.append({"type": "scatter", "x": y_true, "y": y_pred, "mode": "markers",
                     "name": t("charts.pred.points", lang),
                     "marker": {"color": TRAIN_COLOR, "size": 8, "opacity": 0.7}})
    target = snapshot.dataset(snap).get("target") or ""
    spec = figure_spec(data, axis(t("charts.pred.x", lang, target=target).strip()),
                       axis(t("charts.pred.y", lang, target=target).strip()))
    return style(spec, t("charts.pred.title", lang), height=460)


def history_frame(snap: dict) -> pd.DataFrame:
    """Per-epoch history as a table: loss, metric, time and every per-layer statistic as columns."""
    h = snapshot.history(snap)
    epochs = snapshot.epochs(snap)
    labels = snapshot.layer_labels(snap)
    cols: dict[str, list] = {"epoch": epochs}
    for key, values in h.items():
        if key == "epoch" or not isinstance(values, list) or len(values) != len(epochs):
            continue
        if values and isinstance(values[0], list):
            for j, label in enumerate(labels):
                cols[f"{key}_{label}"] = [row[j] if j < len(row) else None for row in values]
        else:
            cols[key] = values
    return pd.DataFrame(cols)


# -- the Train page's set ------------------------------------------------------------------------

def live_figures(frame: dict, data=None, lang: str = "en", first_screen: bool = False) -> dict[str, go.Figure]:
    """The Train page's live figures of one frame: the loss and the gradient profile (the
    first screen), then the metric, gradient lines and heatmap, activations and, for a 2-D
    data set, the decision boundary over ``data``'s points. ``first_screen``: only the first
    two (a crowded server redraws the rest when the run ends)."""
    figs = {"loss": loss_figure(frame, lang), "profile": gradient_bar_figure(frame, lang)}
    if first_screen:
        return figs
    figs |= {"lines": gradient_lines_figure(frame, lang), "heat": gradient_heatmap_figure(frame, lang),
             "act": activation_stats_figure(frame, lang), "metric": metric_figure(frame, lang)}
    if snapshot.is_2d(frame):
        figs["boundary"] = boundary_figure(frame, data, lang)
    return figs


__all__ = ["MAX_POINTS", "activation_stats_figure", "boundary_figure", "confusion_figure", "downsample_indices",
           "gradient_bar_figure", "gradient_heatmap_figure", "gradient_lines_figure", "history_frame",
           "layer_colors", "live_figures", "log_buckets", "loss_figure", "metric_figure", "prediction_figure"]
