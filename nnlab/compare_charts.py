"""Plotly figures of a comparison, built from the runs' snapshots (see ``nnlab.record``).

Pure functions ``list[snapshot] (+ lang, …) -> go.Figure``; no Streamlit. Each run is one
trace named by its label (``snap["label"]``, e.g. "sigmoid") in a colour fixed by that
label (``run_colors``), the same in every chart. Figures have titles, axis titles with
units, a legend, fonts sized for a projector, log axes where values span decades, and at
most ``MAX_POINTS`` points per trace.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from nnlab import compare
from nnlab.chart_style import downsample_indices as _downsample
from nnlab.chart_style import positive, style, waiting
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


def _waiting(fig: go.Figure, lang: str) -> go.Figure:
    return waiting(fig, t("compare.chart.waiting", lang))


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


def _line(x, y, label: str, color: str, hover: str) -> go.Scatter:
    return go.Scatter(x=x, y=y, mode="lines+markers" if len(x) <= 60 else "lines", name=label,
                      legendgroup=label, line={"color": color, "width": 3}, marker={"size": 6},
                      hovertemplate=f"{label}: {hover}<extra></extra>")


def _epoch_figure(snaps: list[dict], key: str, scale: float, hover: str) -> go.Figure:
    colors = run_colors([label_of(s) for s in snaps])
    fig = go.Figure()
    for snap in snaps:
        label = label_of(snap)
        x, y = _per_epoch(snap, key, scale)
        fig.add_trace(_line(x, y, label, colors[label], hover))
    return fig


# -- per-epoch curves ------------------------------------------------------------------------

def val_loss_figure(snaps: list[dict], lang: str = "en") -> go.Figure:
    """Validation loss per epoch, one line per run."""
    fig = _epoch_figure(snaps, "val_loss", 1.0, "%{y:.4f}")
    if not any(tr.x is not None and len(tr.x) for tr in fig.data):
        _waiting(fig, lang)
    metric = _metric(snaps)
    fig.update_xaxes(title_text=t("compare.chart.epoch", lang), rangemode="tozero")
    fig.update_yaxes(title_text=t("compare.chart.loss.ce" if metric == "accuracy" else "compare.chart.loss.mse",
                                  lang), rangemode="tozero")
    return style(fig, t("compare.chart.val_loss.title", lang))


def val_metric_figure(snaps: list[dict], lang: str = "en", target: float | None = None) -> go.Figure:
    """Validation accuracy (%) or MAE per epoch, one line per run; ``target`` (accuracy as a
    fraction, or MAE) is drawn as a dashed line."""
    metric = _metric(snaps)
    scale = 100.0 if metric == "accuracy" else 1.0
    fig = _epoch_figure(snaps, f"val_{metric}", scale, "%{y:.1f}%" if metric == "accuracy" else "%{y:.3f}")
    if not any(tr.x is not None and len(tr.x) for tr in fig.data):
        _waiting(fig, lang)
    if target is not None:
        fig.add_hline(y=target * scale, line={"color": "#444", "dash": "dash", "width": 2},
                      annotation_text=t("compare.chart.target", lang), annotation_position="bottom right")
    fig.update_xaxes(title_text=t("compare.chart.epoch", lang), rangemode="tozero")
    if metric == "accuracy":
        fig.update_yaxes(title_text=t("compare.chart.accuracy.y", lang), range=[0, 101])
    else:
        fig.update_yaxes(title_text=t("compare.chart.mae.y", lang), rangemode="tozero")
    return style(fig, t(f"compare.chart.val_{metric}.title", lang))


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
    fig = go.Figure()
    shown = []
    for snap in snaps:
        label = label_of(snap)
        labels, values, at = compare.layer_stat(snap, "grad_norm", epoch)
        fig.add_trace(_line(labels[: len(values)], positive(values), label, colors[label], "%{x} %{y:.2e}"))
        if at is not None:
            shown.append(at)
    if not shown:
        _waiting(fig, lang)
    order = _layer_order(snaps)
    fig.update_xaxes(title_text=t("compare.chart.layer_axis", lang), type="category", categoryorder="array",
                     categoryarray=order)
    fig.update_yaxes(type="log", title_text=t("compare.chart.grad.y", lang))
    when = t("compare.chart.latest", lang) if epoch is None else t("compare.chart.at_epoch", lang, epoch=epoch)
    return style(fig, t("compare.chart.profile.title", lang, when=when), height=460)


def gradient_ratio_figure(snaps: list[dict], lang: str = "en") -> go.Figure:
    """First-layer / last-layer gradient norm per epoch (log y), one line per run; 1 = even."""
    colors = run_colors([label_of(s) for s in snaps])
    fig = go.Figure()
    for snap in snaps:
        label = label_of(snap)
        epochs, ratios = compare.gradient_ratio_series(snap)
        idx = downsample_indices(len(ratios))
        fig.add_trace(_line([epochs[i] for i in idx], positive([ratios[i] for i in idx]), label, colors[label],
                            "%{y:.2e}"))
    if not any(tr.x is not None and len(tr.x) for tr in fig.data):
        _waiting(fig, lang)
    fig.add_hline(y=1.0, line={"color": "#888", "dash": "dot", "width": 2})
    fig.update_xaxes(title_text=t("compare.chart.epoch", lang), rangemode="tozero")
    fig.update_yaxes(type="log", title_text=t("compare.chart.ratio.y", lang))
    return style(fig, t("compare.chart.ratio.title", lang), height=460)


def activity_figure(snaps: list[dict], stat: str = "dead_fraction", lang: str = "en",
                    epoch: int | None = None) -> go.Figure:
    """Dead (``dead_fraction``) or saturated (``saturated_fraction``) units in % per hidden
    layer, one group of bars per layer, one bar colour per run."""
    colors = run_colors([label_of(s) for s in snaps])
    fig = go.Figure()
    any_data = False
    for snap in snaps:
        label = label_of(snap)
        labels, values = compare.hidden_percent(snap, stat, epoch)
        any_data = any_data or bool(values)
        fig.add_trace(go.Bar(x=labels[: len(values)], y=[v or 0.0 for v in values], name=label, legendgroup=label,
                             marker={"color": colors[label]},
                             hovertemplate=f"{label} %{{x}}: %{{y:.1f}}%<extra></extra>"))
    if not any_data:
        _waiting(fig, lang)
    fig.update_layout(barmode="group", bargap=0.15)
    fig.update_xaxes(title_text=t("compare.chart.hidden_axis", lang), type="category", categoryorder="array",
                     categoryarray=_layer_order(snaps)[:-1])
    fig.update_yaxes(title_text=t(f"compare.chart.{stat}.y", lang), range=[0, 105])
    return style(fig, t(f"compare.chart.{stat}.title", lang), height=420)


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
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.04,
                        vertical_spacing=0.08 if rows > 1 else 0.05)
    classes = list(getattr(data, "class_names", None) or [])
    points = None
    if data is not None:
        idx = downsample_indices(len(data.x_train), max_points)
        points = (np.asarray(data.x_train)[idx], np.asarray(data.y_train)[idx].astype(int))
    for i, snap in enumerate(snaps):
        r, c = i // cols + 1, i % cols + 1
        b = snap.get("boundary")
        if b:
            if b.get("kind") == "probability":
                scale = [[0.0, CLASS_COLORS[0]], [0.5, "#ffffff"], [1.0, CLASS_COLORS[1]]]
                heat = go.Heatmap(x=b["x"], y=b["y"], z=b["z"], zmin=0, zmax=1, colorscale=scale, opacity=0.8,
                                  showscale=i == 0, name=label_of(snap),
                                  colorbar={"title": {"text": t("compare.chart.boundary.prob", lang,
                                                                cls=classes[1] if len(classes) > 1 else "1")},
                                            "len": 0.8},
                                  hovertemplate="x1 %{x:.2f}, x2 %{y:.2f}: %{z:.2f}<extra></extra>")
            else:
                k = max(2, len(classes), int(np.nanmax(np.asarray(b["z"], dtype=float))) + 1)
                scale = []
                for j in range(k):
                    color = CLASS_COLORS[j % len(CLASS_COLORS)]
                    scale += [[j / k, color], [(j + 1) / k, color]]
                heat = go.Heatmap(x=b["x"], y=b["y"], z=b["z"], zmin=-0.5, zmax=k - 0.5, colorscale=scale,
                                  opacity=0.5, showscale=False, name=label_of(snap),
                                  hovertemplate="x1 %{x:.2f}, x2 %{y:.2f}: %{z}<extra></extra>")
            fig.add_trace(heat, row=r, col=c)
        if points is not None:
            fig.add_trace(go.Scatter(x=points[0][:, 0], y=points[0][:, 1], mode="markers", showlegend=False,
                                     name=t("compare.chart.boundary.points", lang),
                                     marker={"color": [CLASS_COLORS[k % len(CLASS_COLORS)] for k in points[1]],
                                             "size": 5, "line": {"color": "white", "width": 0.5}},
                                     hoverinfo="skip"), row=r, col=c)
    fig.update_xaxes(showticklabels=False, constrain="domain")
    fig.update_yaxes(showticklabels=False, constrain="domain")
    for i in range(n):
        axis = "" if i == 0 else str(i + 1)
        fig.layout[f"yaxis{axis}"].update(scaleanchor=f"x{axis}", scaleratio=1)
    fig.update_annotations(font={"size": 18})
    if not any(s.get("boundary") for s in snaps):
        _waiting(fig, lang)
    return style(fig, t("compare.chart.boundary.title", lang), height=330 * rows + 90, legend=False)


__all__ = ["MAX_POINTS", "activity_figure", "boundaries_figure", "downsample_indices", "gradient_profile_figure",
           "gradient_ratio_figure", "label_of", "run_colors", "val_loss_figure", "val_metric_figure"]
