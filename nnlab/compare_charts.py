"""Plotly figures of a comparison, built from the runs' snapshots (see ``nnlab.record``).

Pure functions ``list[snapshot] (+ lang, …) -> go.Figure``; no Streamlit. Each run is one
trace named by its label (``snap["label"]``, e.g. "sigmoid") in a colour fixed by that
label (``run_colors``), the same in every chart. Figures have titles, axis titles with
units, a legend, fonts sized for a projector, log axes where values span decades, and at
most ``MAX_POINTS`` points per trace.

Like ``nnlab.charts``, each builder writes a plain spec (trace and axis dicts, see
``nnlab.chart_style``) and ``style()`` makes the ``go.Figure`` once, at the end: the live
Compare page rebuilds six or seven of these per redraw for every student watching.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from nnlab import compare
from nnlab.chart_style import axis, figure_spec, hline, positive, style, subplot_grid, waiting
from nnlab.chart_style import downsample_indices as _downsample
from nnlab.i18n import t

MAX_POINTS = 400
PALETTE = ("#d62728", "#ff7f0e", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#7f7f7f", "#bcbd22")
# Well-known runs keep their colour whatever else is compared: sigmoid is always red, ReLU blue.
PREFERRED = {"sigmoid": "#d62728", "tanh": "#ff7f0e", "relu": "#1f77b4", "elu": "#2ca02c", "gelu": "#9467bd",
             "swish": "#8c564b", "leaky_relu": "#17becf", "selu": "#e377c2"}
CLASS_COLORS = ("#f59322", "#0877bd", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22")


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


def label_of(snap: dict) -> str:
    return str(snap.get("label") or (snap.get("config") or {}).get("activation") or "?")


def downsample_indices(n: int, max_points: int = MAX_POINTS) -> np.ndarray:
    """At most ``max_points`` evenly spread indices of ``range(n)``, first and last kept."""
    return _downsample(n, max_points)


def _waiting(spec: dict, lang: str) -> dict:
    return waiting(spec, t("compare.chart.waiting", lang))


def _metric(snaps: list[dict]) -> str:
    for snap in snaps:
        if snap.get("dataset"):
            return compare.metric_of(snap)
    return "accuracy"


def _per_epoch(snap: dict, key: str, scale: float = 1.0) -> tuple[list, list]:
    h = snap.get("history") or {}
    epochs, values = h.get("epoch") or [], h.get(key) or []
    idx = downsample_indices(min(len(epochs), len(values)))
    return ([epochs[i] for i in idx],
            [None if values[i] is None else values[i] * scale for i in idx])


def _line(x, y, label: str, color: str, hover: str) -> dict:
    return {"type": "scatter", "x": x, "y": y, "mode": "lines+markers" if len(x) <= 60 else "lines", "name": label,
            "legendgroup": label, "line": {"color": color, "width": 3}, "marker": {"size": 6},
            "hovertemplate": f"{label}: {hover}<extra></extra>"}


def _epoch_lines(snaps: list[dict], key: str, scale: float, hover: str) -> list[dict]:
    colors = run_colors([label_of(s) for s in snaps])
    traces = []
    for snap in snaps:
        label = label_of(snap)
        x, y = _per_epoch(snap, key, scale)
        traces.append(_line(x, y, label, colors[label], hover))
    return traces


# -- per-epoch curves ------------------------------------------------------------------------

def val_loss_figure(snaps: list[dict], lang: str = "en") -> go.Figure:
    """Validation loss per epoch, one line per run."""
    data = _epoch_lines(snaps, "val_loss", 1.0, "%{y:.4f}")
    loss = "compare.chart.loss.ce" if _metric(snaps) == "accuracy" else "compare.chart.loss.mse"
    spec = figure_spec(data, axis(t("compare.chart.epoch", lang), rangemode="tozero"),
                       axis(t(loss, lang), rangemode="tozero"))
    if not any(len(tr["x"]) for tr in data):
        _waiting(spec, lang)
    return style(spec, t("compare.chart.val_loss.title", lang))


def val_metric_figure(snaps: list[dict], lang: str = "en", target: float | None = None) -> go.Figure:
    """Validation accuracy (%) or MAE per epoch, one line per run; ``target`` (accuracy as a
    fraction, or MAE) is drawn as a dashed line."""
    metric = _metric(snaps)
    scale = 100.0 if metric == "accuracy" else 1.0
    data = _epoch_lines(snaps, f"val_{metric}", scale, "%{y:.1f}%" if metric == "accuracy" else "%{y:.3f}")
    if metric == "accuracy":
        yaxis = axis(t("compare.chart.accuracy.y", lang), range=[0, 101])
    else:
        yaxis = axis(t("compare.chart.mae.y", lang), rangemode="tozero")
    spec = figure_spec(data, axis(t("compare.chart.epoch", lang), rangemode="tozero"), yaxis)
    if not any(len(tr["x"]) for tr in data):
        _waiting(spec, lang)
    if target is not None:
        hline(spec, target * scale, {"color": "#444", "dash": "dash", "width": 2}, t("compare.chart.target", lang))
    return style(spec, t(f"compare.chart.val_{metric}.title", lang))


# -- gradients -------------------------------------------------------------------------------

def _layer_order(snaps: list[dict]) -> list[str]:
    """Hidden-layer labels of the deepest run, then "out": the shared x-axis of layer charts."""
    hidden: list[str] = []
    out = []
    for snap in snaps:
        labels = compare.layer_labels(snap)
        if len(labels) - 1 > len(hidden):
            hidden = labels[:-1]
        if labels and labels[-1] not in out:
            out = [labels[-1]]
    return hidden + out


def gradient_profile_figure(snaps: list[dict], lang: str = "en", epoch: int | None = None) -> go.Figure:
    """x = layer (input → output), y = weight-gradient norm (log), one line per run, at
    ``epoch`` (None = each run's latest). Vanishing gradients show as lines that drop
    towards the input side."""
    colors = run_colors([label_of(s) for s in snaps])
    data = []
    shown = []
    for snap in snaps:
        label = label_of(snap)
        labels, values, at = compare.layer_stat(snap, "grad_norm", epoch)
        data.append(_line(labels[: len(values)], positive(values), label, colors[label], "%{x} %{y:.2e}"))
        if at is not None:
            shown.append(at)
    spec = figure_spec(data, axis(t("compare.chart.layer_axis", lang), type="category", categoryorder="array",
                                  categoryarray=_layer_order(snaps)),
                 axis(t("compare.chart.grad.y", lang), type="log"))
    if not shown:
        _waiting(spec, lang)
    when = t("compare.chart.latest", lang) if epoch is None else t("compare.chart.at_epoch", lang, epoch=epoch)
    return style(spec, t("compare.chart.profile.title", lang, when=when), height=460)


def gradient_ratio_figure(snaps: list[dict], lang: str = "en") -> go.Figure:
    """First-layer / last-layer gradient norm per epoch (log y), one line per run; 1 = even."""
    colors = run_colors([label_of(s) for s in snaps])
    data = []
    for snap in snaps:
        label = label_of(snap)
        epochs, ratios = compare.gradient_ratio_series(snap)
        idx = downsample_indices(len(ratios))
        data.append(_line([epochs[i] for i in idx], positive([ratios[i] for i in idx]), label, colors[label],
                          "%{y:.2e}"))
    spec = figure_spec(data, axis(t("compare.chart.epoch", lang), rangemode="tozero"),
                       axis(t("compare.chart.ratio.y", lang), type="log"))
    if not any(len(tr["x"]) for tr in data):
        _waiting(spec, lang)
    hline(spec, 1.0, {"color": "#888", "dash": "dot", "width": 2})
    return style(spec, t("compare.chart.ratio.title", lang), height=460)


def activity_figure(snaps: list[dict], stat: str = "dead_fraction", lang: str = "en",
                    epoch: int | None = None) -> go.Figure:
    """Dead (``dead_fraction``) or saturated (``saturated_fraction``) units in % per hidden
    layer, one group of bars per layer, one bar colour per run."""
    colors = run_colors([label_of(s) for s in snaps])
    data = []
    any_data = False
    for snap in snaps:
        label = label_of(snap)
        labels, values = compare.hidden_percent(snap, stat, epoch)
        any_data = any_data or bool(values)
        data.append({"type": "bar", "x": labels[: len(values)], "y": [v or 0.0 for v in values], "name": label,
                     "legendgroup": label, "marker": {"color": colors[label]},
                     "hovertemplate": f"{label} %{{x}}: %{{y:.1f}}%<extra></extra>"})
    spec = figure_spec(data, axis(t("compare.chart.hidden_axis", lang), type="category", categoryorder="array",
                                  categoryarray=_layer_order(snaps)[:-1]),
                 axis(t(f"compare.chart.{stat}.y", lang), range=[0, 105]), barmode="group", bargap=0.15)
    if not any_data:
        _waiting(spec, lang)
    return style(spec, t(f"compare.chart.{stat}.title", lang), height=420)


# -- decision boundaries ------------------------------------------------------------------

def boundaries_figure(snaps: list[dict], data=None, lang: str = "en", columns: int = 3,
                      max_points: int = 300) -> go.Figure:
    """Small multiples: each run's decision boundary (P(class 1), or the predicted class)
    with up to ``max_points`` training points, one panel per run."""
    n = max(1, len(snaps))
    cols = min(columns, n)
    rows = math.ceil(n / cols)
    colors = run_colors([label_of(s) for s in snaps])
    titles = [f"<span style='color:{colors[label_of(s)]}'><b>{label_of(s)}</b></span>" for s in snaps]
    layout = subplot_grid(rows, cols, titles, horizontal_spacing=0.04, vertical_spacing=0.08 if rows > 1 else 0.05,
                          title_size=18)
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
    for i, snap in enumerate(snaps):
        cell = {"xaxis": f"x{i + 1}" if i else "x", "yaxis": f"y{i + 1}" if i else "y"}
        b = snap.get("boundary")
        if b:
            heat = {"type": "heatmap", "x": b["x"], "y": b["y"], "z": b["z"], "name": label_of(snap)}
            if b.get("kind") == "probability":
                scale = [[0.0, CLASS_COLORS[0]], [0.5, "#ffffff"], [1.0, CLASS_COLORS[1]]]
                cls = classes[1] if len(classes) > 1 else "1"
                heat |= {"zmin": 0, "zmax": 1, "colorscale": scale, "opacity": 0.8, "showscale": i == 0,
                         "colorbar": {"title": {"text": t("compare.chart.boundary.prob", lang, cls=cls)}, "len": 0.8},
                         "hovertemplate": "x1 %{x:.2f}, x2 %{y:.2f}: %{z:.2f}<extra></extra>"}
            else:
                k = max(2, len(classes), int(np.nanmax(np.asarray(b["z"], dtype=float))) + 1)
                scale = []
                for j in range(k):
                    color = CLASS_COLORS[j % len(CLASS_COLORS)]
                    scale += [[j / k, color], [(j + 1) / k, color]]
                heat |= {"zmin": -0.5, "zmax": k - 0.5, "colorscale": scale, "opacity": 0.5, "showscale": False,
                         "hovertemplate": "x1 %{x:.2f}, x2 %{y:.2f}: %{z}<extra></extra>"}
            traces.append(heat | cell)
        if points is not None:
            traces.append({"type": "scatter", "x": points[0][:, 0], "y": points[0][:, 1], "mode": "markers",
                           "showlegend": False, "name": t("compare.chart.boundary.points", lang),
                           "marker": {"color": [CLASS_COLORS[k % len(CLASS_COLORS)] for k in points[1]],
                                      "size": 5, "line": {"color": "white", "width": 0.5}},
                           "hoverinfo": "skip"} | cell)
    spec = {"data": traces, "layout": layout}
    if not any(s.get("boundary") for s in snaps):
        _waiting(spec, lang)
    return style(spec, t("compare.chart.boundary.title", lang), height=330 * rows + 90, legend=False)


__all__ = ["MAX_POINTS", "activity_figure", "boundaries_figure", "downsample_indices", "gradient_profile_figure",
           "gradient_ratio_figure", "label_of", "run_colors", "val_loss_figure", "val_metric_figure"]
