"""Plotly figures of a comparison (the Compare page), built from the runs' snapshots.

Pure functions ``list[snapshot] (+ lang, …) -> go.Figure``; no Streamlit. Each run is one
trace named by its label (e.g. "sigmoid") in a colour fixed by that label (``run_colors``),
the same in every chart. Figures have titles, axis titles with units, a legend, fonts
sized for a projector, log axes where values span decades, and at most ``MAX_POINTS``
points per trace (per-step series keep their noise: ``step_indices``). ``live_figures`` is the set the Compare page draws for one frame.

Like ``nnlab.charts.run``, each builder reads the runs through ``nnlab.snapshot``, writes a
plain spec and lets ``nnlab.charts.base.style`` make the ``go.Figure`` once, at the end: the
live Compare page rebuilds six or seven of these per redraw for every student watching.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from nnlab import snapshot
from nnlab.charts import base
from nnlab.charts.base import (
    CLASS_COLORS,
    SUBPLOT_TITLE_SIZE,
    axis,
    boundary_heatmap,
    downsample_indices,
    figure_spec,
    hline,
    is_empty,
    metric_axis,
    metric_scale,
    pick,
    positive,
    scaled,
    style,
    subplot_grid,
    waiting,
)
from nnlab.i18n import t

MAX_POINTS = 400  # per run: up to eight runs share a chart
LOSS_VIEWS = ("epoch", "step")  # the Compare page's loss chart: validation loss per epoch, training loss per step
PALETTE = (base.RED, base.ORANGE, base.BLUE, base.GREEN, base.PURPLE, base.BROWN, base.PINK, base.CYAN, base.GREY,
           base.OLIVE)
# Well-known runs keep their colour whatever else is compared: sigmoid is always red, ReLU blue.
PREFERRED = {"sigmoid": base.RED, "tanh": base.ORANGE, "relu": base.BLUE, "elu": base.GREEN, "gelu": base.PURPLE,
             "swish": base.BROWN, "leaky_relu": base.CYAN, "selu": base.PINK}


# -- helpers ---------------------------------------------------------------------------------

def run_colors(labels) -> dict[str, str]:
    """label → colour: the preferred colour when free, else the next unused palette colour."""
    out: dict[str, str] = {}
    for label in labels:
        want = PREFERRED.get(label)
        if want and want not in out.values():
            out[label] = want
    free = [c for c in PALETTE if c not in out.values()]
    for i, label in enumerate(lbl for lbl in labels if lbl not in out):
        out[label] = free[i % len(free)] if free else PALETTE[i % len(PALETTE)]
    return {label: out[label] for label in labels}


def _runs(snaps: list[dict]) -> list[tuple[dict, str, str]]:
    """(snapshot, label, colour) of each run, its colour fixed by its label (``run_colors``)."""
    labels = [snapshot.label(s) for s in snaps]
    colors = run_colors(labels)
    return [(snap, label, colors[label]) for snap, label in zip(snaps, labels)]


def _per_epoch(snap: dict, key: str, scale: float = 1.0) -> tuple[list, list]:
    epochs, values = snapshot.epochs(snap), snapshot.epoch_series(snap, key)
    idx = downsample_indices(min(len(epochs), len(values)), MAX_POINTS)
    return pick(epochs, idx), scaled(pick(values, idx), scale)


def _line(x, y, label: str, color: str, hover: str) -> dict:
    return {"type": "scatter", "x": x, "y": y, "mode": "lines+markers" if len(x) <= 60 else "lines", "name": label,
            "legendgroup": label, "line": {"color": color, "width": 3}, "marker": {"size": 6},
            "hovertemplate": f"{label}: {hover}<extra></extra>"}


def _epoch_lines(snaps: list[dict], key: str, scale: float, hover: str) -> list[dict]:
    return [_line(*_per_epoch(snap, key, scale), label, color, hover) for snap, label, color in _runs(snaps)]


# -- per-epoch curves ------------------------------------------------------------------------

def val_loss_figure(snaps: list[dict], lang: str = "en") -> go.Figure:
    """Validation loss per epoch, one line per run."""
    data = _epoch_lines(snaps, "val_loss", 1.0, "%{y:.4f}")
    loss = "compare.chart.loss.ce" if snapshot.shared_metric(snaps) == "accuracy" else "compare.chart.loss.mse"
    spec = figure_spec(data, axis(t("compare.chart.epoch", lang), rangemode="tozero"),
                       axis(t(loss, lang), rangemode="tozero"))
    if is_empty(data):
        waiting(spec, lang)
    return style(spec, t("compare.chart.val_loss.title", lang))


def step_indices(values, max_points: int = MAX_POINTS) -> list[int]:
    """At most ``max_points`` indices of a per-step series, in order, that keep its noise: the
    series is cut into about ``max_points / 2`` runs of consecutive steps and each run keeps its
    lowest and its highest step (a min/max envelope), plus the first and the last step. Evenly
    spread samples or bucket means would smooth away exactly the spikes a small batch makes.
    Missing values are never picked."""
    n = len(values)
    finite = [i for i in range(n) if values[i] is not None and math.isfinite(values[i])]
    if len(finite) <= max_points:
        return finite
    y = np.asarray([values[i] for i in finite], dtype=float)
    keep = {0, len(finite) - 1}
    for bucket in np.array_split(np.arange(len(finite)), max(1, (max_points - 2) // 2)):
        keep |= {int(bucket[np.argmin(y[bucket])]), int(bucket[np.argmax(y[bucket])])}
    return [finite[i] for i in sorted(keep)]


LOG_SPAN = 100.0  # a per-step loss whose highest and lowest points differ more than this: log y-axis


def step_loss_figure(snaps: list[dict], lang: str = "en") -> go.Figure:
    """Training loss of every step, one thin line per run, at x = step ÷ steps per epoch (in
    epochs), so runs with different batch sizes line up: a run of batch 8 draws many jittery
    points per epoch, batch 150 a few smooth ones. At most ``MAX_POINTS`` points per run,
    chosen by ``step_indices`` (the noise stays visible). A log y-axis when the losses span
    more than two decades."""
    data = []
    for snap, label, color in _runs(snaps):
        per_epoch = snapshot.steps_per_epoch(snap)
        steps, losses = snapshot.step_numbers(snap), snapshot.step_series(snap, "loss")
        n = min(len(steps), len(losses)) if per_epoch else 0
        idx = step_indices(losses[:n])
        data.append({"type": "scatter", "x": [steps[i] / per_epoch for i in idx], "y": pick(losses, idx),
                     "mode": "lines", "name": label, "legendgroup": label, "line": {"color": color, "width": 1.5},
                     "opacity": 0.85, "hovertemplate": f"{label}: %{{x:.2f}} → %{{y:.4f}}<extra></extra>"})
    values = [v for tr in data for v in tr["y"] if v is not None and v > 0]
    log = bool(values) and max(values) / min(values) > LOG_SPAN
    loss = "compare.chart.step_loss.ce" if snapshot.shared_metric(snaps) == "accuracy" else "compare.chart.step_loss.mse"
    yaxis = axis(t(loss, lang), type="log") if log else axis(t(loss, lang), rangemode="tozero")
    if log:
        for tr in data:
            tr["y"] = positive(tr["y"])
    spec = figure_spec(data, axis(t("compare.chart.step_epoch", lang), rangemode="tozero"), yaxis)
    if is_empty(data):
        waiting(spec, lang)
    return style(spec, t("compare.chart.step_loss.title", lang), subtitle=t("compare.chart.step_loss.subtitle", lang))


def val_metric_figure(snaps: list[dict], lang: str = "en", target: float | None = None) -> go.Figure:
    """Validation accuracy (%) or MAE per epoch, one line per run; ``target`` (accuracy as a
    fraction, or MAE) is drawn as a dashed line."""
    metric = snapshot.shared_metric(snaps)
    scale = metric_scale(metric)
    data = _epoch_lines(snaps, f"val_{metric}", scale, "%{y:.1f}%" if metric == "accuracy" else "%{y:.3f}")
    spec = figure_spec(data, axis(t("compare.chart.epoch", lang), rangemode="tozero"),
                       metric_axis(metric, t(f"compare.chart.{metric}.y", lang)))
    if is_empty(data):
        waiting(spec, lang)
    if target is not None:
        hline(spec, target * scale, {"color": "#444", "dash": "dash", "width": 2}, t("compare.chart.target", lang))
    return style(spec, t(f"compare.chart.val_{metric}.title", lang))


# -- gradients -------------------------------------------------------------------------------

def _layer_order(snaps: list[dict]) -> list[str]:
    """Hidden-layer labels of the deepest run, then "out": the shared x-axis of layer charts."""
    hidden: list[str] = []
    out = []
    for snap in snaps:
        labels = snapshot.layer_labels(snap)
        if len(labels) - 1 > len(hidden):
            hidden = labels[:-1]
        if labels and labels[-1] not in out:
            out = [labels[-1]]
    return hidden + out


def gradient_profile_figure(snaps: list[dict], lang: str = "en", epoch: int | None = None) -> go.Figure:
    """x = layer (input → output), y = weight-gradient norm (log), one line per run, at
    ``epoch`` (None = each run's latest). Vanishing gradients show as lines that drop
    towards the input side."""
    data = []
    shown = []
    for snap, label, color in _runs(snaps):
        labels, values, at = snapshot.layer_stat(snap, "grad_norm", epoch)
        data.append(_line(labels[: len(values)], positive(values), label, color, "%{x} %{y:.2e}"))
        if at is not None:
            shown.append(at)
    spec = figure_spec(data, axis(t("compare.chart.layer_axis", lang), type="category", categoryorder="array",
                                  categoryarray=_layer_order(snaps)),
                 axis(t("compare.chart.grad.y", lang), type="log"))
    if not shown:
        waiting(spec, lang)
    when = t("compare.chart.latest", lang) if epoch is None else t("compare.chart.at_epoch", lang, epoch=epoch)
    return style(spec, t("compare.chart.profile.title", lang, when=when), height=460)


def gradient_ratio_figure(snaps: list[dict], lang: str = "en") -> go.Figure:
    """The gradient ratio (first / last hidden layer, ``nnlab.snapshot.gradient_ratio``) per
    epoch on a log y-axis, one line per run; 1 = even. A run with one hidden layer has none."""
    data = []
    for snap, label, color in _runs(snaps):
        epochs, ratios = snapshot.gradient_ratio_series(snap)
        idx = downsample_indices(len(ratios), MAX_POINTS)
        data.append(_line(pick(epochs, idx), positive(pick(ratios, idx)), label, color, "%{y:.2e}"))
    spec = figure_spec(data, axis(t("compare.chart.epoch", lang), rangemode="tozero"),
                       axis(t("compare.chart.ratio.y", lang), type="log"))
    if is_empty(data):
        waiting(spec, lang)
    hline(spec, 1.0, {"color": "#888", "dash": "dot", "width": 2})
    return style(spec, t("compare.chart.ratio.title", lang), height=460)


def activity_figure(snaps: list[dict], stat: str = "dead_fraction", lang: str = "en",
                    epoch: int | None = None) -> go.Figure:
    """Dead (``dead_fraction``) or saturated (``saturated_fraction``) units in % per hidden
    layer, one group of bars per layer, one bar colour per run."""
    data = []
    any_data = False
    for snap, label, color in _runs(snaps):
        labels, values = snapshot.hidden_percent(snap, stat, epoch)
        any_data = any_data or bool(values)
        data.append({"type": "bar", "x": labels[: len(values)], "y": [v or 0.0 for v in values], "name": label,
                     "legendgroup": label, "marker": {"color": color},
                     "hovertemplate": f"{label} %{{x}}: %{{y:.1f}}%<extra></extra>"})
    spec = figure_spec(data, axis(t("compare.chart.hidden_axis", lang), type="category", categoryorder="array",
                                  categoryarray=_layer_order(snaps)[:-1]),
                 axis(t(f"compare.chart.{stat}.y", lang), range=[0, 105]), barmode="group", bargap=0.15)
    if not any_data:
        waiting(spec, lang)
    return style(spec, t(f"compare.chart.{stat}.title", lang), height=420)


def test_metric_figure(snaps: list[dict], lang: str = "en") -> go.Figure:
    """The final test accuracy (%) or MAE of each ended run, one bar per run in run order (a
    ladder of configurations reads left to right), the value written on the bar. A linear
    axis from zero: the bars' lengths compare honestly."""
    metric = snapshot.shared_metric(snaps)
    scale = metric_scale(metric)
    data = []
    for snap, label, color in _runs(snaps):
        value = snapshot.finite((snap.get("test") or {}).get(metric))
        if value is None:
            continue
        shown = value * scale
        data.append({"type": "bar", "x": [label], "y": [shown], "name": label, "legendgroup": label,
                     "marker": {"color": color}, "text": [f"{shown:.1f}%" if metric == "accuracy" else f"{shown:.3f}"],
                     "textposition": "outside", "cliponaxis": False, "textfont": {"size": base.LABEL_SIZE},
                     "hovertemplate": f"{label}: %{{y:.2f}}<extra></extra>"})
    top = 105 if metric == "accuracy" else max([d["y"][0] for d in data] or [1.0]) * 1.2
    spec = figure_spec(data, axis(t("compare.chart.run_axis", lang), type="category"),
                       axis(t(f"compare.chart.test_{metric}.y", lang), range=[0, top]), showlegend=False)
    if not data:
        waiting(spec, lang)
    return style(spec, t(f"compare.chart.test_{metric}.title", lang), height=420)


# -- decision boundaries ------------------------------------------------------------------

def boundaries_figure(snaps: list[dict], data=None, lang: str = "en", columns: int = 3,
                      max_points: int = 300) -> go.Figure:
    """Small multiples: each run's decision boundary (P(class 1), or the predicted class)
    with up to ``max_points`` training points, one panel per run."""
    n = max(1, len(snaps))
    cols = min(columns, n)
    rows = math.ceil(n / cols)
    runs = _runs(snaps)
    titles = [f"<span style='color:{color}'><b>{label}</b></span>" for _, label, color in runs]
    layout = subplot_grid(rows, cols, titles, horizontal_spacing=0.04, vertical_spacing=0.08 if rows > 1 else 0.05,
                          title_size=SUBPLOT_TITLE_SIZE)
    for name, ax in layout.items():
        if name != "annotations":  # every axis: no tick labels, the plane drawn to scale
            ax |= {"showticklabels": False, "constrain": "domain"}
    for i in range(n):
        suffix = "" if i == 0 else str(i + 1)
        layout[f"yaxis{suffix}"] |= {"scaleanchor": f"x{suffix}", "scaleratio": 1}
    classes = list(getattr(data, "class_names", None) or [])
    points = None
    if data is not None:
        idx = downsample_indices(len(data.x_train), max_points)
        points = (np.asarray(data.x_train)[idx], np.asarray(data.y_train)[idx].astype(int))
    traces = []
    for i, (snap, label, _) in enumerate(runs):
        cell = {"xaxis": f"x{i + 1}" if i else "x", "yaxis": f"y{i + 1}" if i else "y"}
        b = snap.get("boundary")
        if b:
            k = int(np.nanmax(np.asarray(b["z"], dtype=float))) + 1 if b.get("kind") != "probability" else 2
            heat = boundary_heatmap(b, classes, lang, opacity=(0.8, 0.5), k=k) | {"name": label}
            if b.get("kind") == "probability":
                heat |= {"showscale": i == 0}
                heat["colorbar"]["len"] = 0.8
            traces.append(heat | cell)
        if points is not None:
            traces.append({"type": "scatter", "x": points[0][:, 0], "y": points[0][:, 1], "mode": "markers",
                           "showlegend": False, "name": t("compare.chart.boundary.points", lang),
                           "marker": {"color": [CLASS_COLORS[k % len(CLASS_COLORS)] for k in points[1]],
                                      "size": 5, "line": {"color": "white", "width": 0.5}},
                           "hoverinfo": "skip"} | cell)
    spec = {"data": traces, "layout": layout}
    if not any(s.get("boundary") for s in snaps):
        waiting(spec, lang)
    return style(spec, t("compare.chart.boundary.title", lang), height=330 * rows + 90, legend=False)


# -- the Compare page's set ----------------------------------------------------------------------

def live_figures(frames: list[dict], data=None, lang: str = "en", target: float | None = None,
                 epoch: int | None = None, loss: str = "epoch") -> dict[str, go.Figure]:
    """The Compare page's live figures of one frame of every run: the loss (``loss="epoch"``:
    validation loss per epoch; ``"step"``: training loss per step) and the validation metric
    (``target`` drawn on it), the gradient profile and activity bars at ``epoch`` (None =
    latest), the gradient ratio and, for a 2-D data set, each run's decision boundary over
    ``data``'s training points."""
    figs = {"loss": step_loss_figure(frames, lang) if loss == "step" else val_loss_figure(frames, lang),
            "metric": val_metric_figure(frames, lang, target=target),
            "profile": gradient_profile_figure(frames, lang, epoch=epoch),
            "ratio": gradient_ratio_figure(frames, lang),
            "dead": activity_figure(frames, "dead_fraction", lang, epoch=epoch),
            "saturated": activity_figure(frames, "saturated_fraction", lang, epoch=epoch)}
    if any(snapshot.is_2d(f) for f in frames):
        figs["boundaries"] = boundaries_figure(frames, data, lang)
    return figs


__all__ = ["LOG_SPAN", "LOSS_VIEWS", "MAX_POINTS", "activity_figure", "step_indices", "step_loss_figure", "test_metric_figure", "boundaries_figure", "gradient_profile_figure", "gradient_ratio_figure",
           "live_figures", "run_colors", "val_loss_figure", "val_metric_figure"]
