"""The histograms-over-time figure: one layer's distribution of one kind, epoch by epoch.

TensorBoard's histogram view in its "offset" mode, as ridges: one filled curve per recorded
epoch, each on its own baseline at its epoch on the y axis (earlier epochs higher up, later
ones lower and in front), coloured from light (early) to dark (late); the frame being shown
(the latest, or the replay's epoch) is outlined in orange. The height of a curve is the
share of the values in each bin, on one scale for every curve, so a curve that narrows
really holds its values closer together. The x axis spans the run's fixed bins
(``nnlab.histograms``): values, or |gradient| on a log axis (gradients of different layers
differ by decades); the gradient's first bin, [0, bottom of the axis), cannot sit on a log
axis and is given as a share in the subtitle.

At most ``MAX_RIDGES`` curves are drawn (evenly chosen, the first and the shown one always)
so the figure stays readable on a projector and cheap to redraw. Pure: snapshot → Figure.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from nnlab import snapshot
from nnlab.charts.base import ORANGE, axis, figure_spec, log_axis, style, waiting
from nnlab.i18n import t

MAX_RIDGES = 12
OVERLAP = 1.8  # the tallest curve rises this many baseline gaps


def pick_frames(frames: list, most: int = MAX_RIDGES) -> list:
    """At most ``most`` frames, evenly spread, always the first and the last."""
    if len(frames) <= most:
        return list(frames)
    idx = np.unique(np.round(np.linspace(0, len(frames) - 1, most)).astype(int))
    return [frames[i] for i in idx]


def _ridge_colors(n: int) -> list[str]:
    if n == 1:
        return sample_colorscale("Blues", [0.85])
    return sample_colorscale("Blues", [0.3 + 0.65 * i / (n - 1) for i in range(n)])


def _counts_fit(frame: dict, kind: str, layer: int, n_bins: int) -> bool:
    """True if ``frame`` has ``n_bins`` finite, non-negative counts of ``kind`` in ``layer``."""
    try:
        counts = snapshot.histogram_counts(frame, kind, layer)
    except (KeyError, IndexError, TypeError, ValueError):
        return False
    return counts.shape == (n_bins,) and bool(np.all(counts >= 0)) and isinstance(frame.get("epoch"), int)


def _decade(v: float) -> str:
    return f"10<sup>{int(round(math.log10(v)))}</sup>" if v > 0 else "0"


def histogram_figure(snap: dict, layer: int = 0, kind: str = "weights", lang: str = "en",
                     epoch: int | None = None) -> go.Figure:
    """Ridges of ``kind`` ("weights", "pre", "post", "grad") in Dense layer ``layer`` (0 = L1,
    the last = the output layer) for every recorded epoch up to ``epoch`` (None = latest)."""
    labels = snapshot.layer_labels(snap)
    name = labels[layer] if 0 <= layer < len(labels) else "?"
    kind_name = t(f"hist.kind.{kind}", lang)
    title = t("hist.title", lang, layer=name, kind=kind_name)
    frames = snapshot.histogram_frames(snap, epoch)
    try:
        edges_all = snapshot.histogram_edges(snap, kind)
    except (TypeError, ValueError):  # a hand-edited or truncated file: draw nothing rather than fail
        edges_all = None
    if edges_all is not None and 0 <= layer < len(edges_all):
        frames = [f for f in frames if _counts_fit(f, kind, layer, len(edges_all[layer]) - 1)]
    log = snapshot.histogram_scale(snap, kind) == "log"
    data: list[dict] = []
    subtitle = None
    if frames and edges_all is not None and 0 <= layer < len(edges_all) and edges_all.ndim == 2:
        edges = edges_all[layer]
        shown = pick_frames(frames)
        shares = []
        for f in shown:
            counts = snapshot.histogram_counts(f, kind, layer).astype(float)
            shares.append(counts / max(counts.sum(), 1.0))
        shares = np.array(shares)
        drawn = shares[:, 1:] if log else shares  # the log axis cannot show the bin that starts at 0
        if log:
            centres = np.sqrt(edges[1:-1] * edges[2:])
            x_outline = np.concatenate([[edges[1]], centres, [edges[-1]]])
        else:
            centres = (edges[:-1] + edges[1:]) / 2
            x_outline = np.concatenate([[edges[0]], centres, [edges[-1]]])
        epochs = [f["epoch"] for f in shown]
        gap = float(np.median(np.diff(epochs))) if len(epochs) > 1 else 1.0
        height = OVERLAP * gap / max(float(drawn.max()), 1e-12)
        colors = _ridge_colors(len(shown))
        for i, (e, share) in enumerate(zip(epochs, drawn)):
            last = i == len(shown) - 1
            y_outline = [e] + [e - height * s for s in share] + [e]
            data.append({
                "type": "scatter", "x": x_outline.tolist(), "y": y_outline, "mode": "lines", "fill": "toself",
                "fillcolor": colors[i], "line": {"color": ORANGE if last else "white", "width": 3 if last else 1},
                "name": t("hist.legend.epoch", lang, epoch=e), "showlegend": i == 0 or last,
                "customdata": [0.0] + (100 * share).tolist() + [0.0],
                "hovertemplate": t("hist.hover", lang, epoch=e) + "<extra></extra>"})
        n_values = int(snapshot.histogram_counts(shown[-1], kind, layer).sum())
        if log:
            subtitle = t("hist.sub.below", lang, share=f"{100 * shares[-1, 0]:.0f}%", bottom=_decade(edges[1]),
                         epoch=epochs[-1])
        else:
            subtitle = t("hist.sub.values", lang, n=f"{n_values:,}")
        x_axis = (axis(t(f"hist.x.{kind}", lang), **log_axis([edges[1], edges[-1]], min_decades=1.0)) if log
                  else axis(t(f"hist.x.{kind}", lang), range=[float(edges[0]), float(edges[-1])]))
        top = epochs[0] - OVERLAP * gap * 1.1
        y_axis = axis(t("hist.y", lang), range=[epochs[-1] + 0.3 * gap, top], zeroline=False)
    else:
        x_axis, y_axis = axis(t(f"hist.x.{kind}", lang)), axis(t("hist.y", lang))
    spec = figure_spec(data, x_axis, y_axis)
    if not data:
        waiting(spec, lang)
    return style(spec, title, height=520, subtitle=subtitle)


__all__ = ["MAX_RIDGES", "histogram_figure", "pick_frames"]
