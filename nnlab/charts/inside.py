"""Figures of the inside of a network: neuron maps and the network diagram (Train page).

Pure functions ``snapshot (+ lang, epoch, choices) -> go.Figure``, reading the record's
``inside`` frames through ``nnlab.snapshot`` and the geometry and flags of ``nnlab.inside``.
``epoch=None`` draws the latest frame; an epoch draws the frame recorded last at or before
it (a replay). No Streamlit.

- ``neuron_maps_figure``: a grid of small heatmaps, one per hidden unit, a row per layer
  (or every recorded unit of one layer), each on its layer's shared colour range (stated in
  the row's label), with dead / saturated / flat units labelled on their tile.
- ``diagram_figure``: one node per unit for small networks (edges bucketed by the weight's
  sign and |w|, one trace per bucket; nodes filled by mean activation or gradient), or one
  box per layer for large ones (width, activation, gradient norm, dead and saturated share).
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from nnlab import i18n, inside, snapshot
from nnlab.charts.base import (
    CLASS_COLORS,
    TEXT_SIZE,
    axis,
    figure_spec,
    named_colorscale,
    short_number,
    style,
    waiting,
)
from nnlab.i18n import t

UNITS_PER_ROW = 8
MAX_MAP_ROWS = 10
POSITIVE, NEGATIVE = CLASS_COLORS[1], CLASS_COLORS[0]  # blue w > 0, orange w < 0 (as the Playground)
MAP_SCALE = [[0.0, CLASS_COLORS[0]], [0.5, "#ffffff"], [1.0, CLASS_COLORS[1]]]  # the boundary's colours
POSITIVE_SCALE = [[0.0, "#ffffff"], [1.0, CLASS_COLORS[1]]]  # a layer without negative outputs: white is 0


def quantize(tile, zmin: float, zmax: float) -> np.ndarray:
    """``tile`` as uint8 steps of the colour range ``zmin`` … ``zmax`` (0 = zmin, 255 = zmax)."""
    scaled = (np.asarray(tile, np.float32) - zmin) / ((zmax - zmin) or 1.0)
    return np.round(255 * np.clip(np.nan_to_num(scaled, nan=0.0), 0.0, 1.0)).astype(np.uint8)


def colour_range(lo: float, hi: float) -> tuple[float, float, list]:
    """(zmin, zmax, colour scale) of a layer whose outputs span ``lo`` … ``hi``: white at 0,
    blue for positive, orange for negative values (the boundary's colours), one scale for
    the whole layer; a layer without negative outputs runs from white (0) to blue (its max)."""
    if lo >= 0:
        return 0.0, hi if hi > 0 else 1.0, POSITIVE_SCALE
    reach = max(abs(lo), abs(hi))
    return -reach, reach, MAP_SCALE
VIRIDIS = named_colorscale("Viridis")
FLAG_COLOR = "#222222"
TILE_GAP = "#dfe3e8"


def _act_name(name: str, lang: str) -> str:
    return i18n.display_name("activation", name, lang)


def _layer_labels(snap: dict, n_hidden: int) -> list[str]:
    labels = snapshot.hidden_labels(snap)
    return labels if len(labels) == n_hidden else [f"L{i + 1}" for i in range(n_hidden)]


def _shown(epoch, frame) -> str:
    return str(frame["epoch"]) if frame is not None else ("–" if epoch is None else str(epoch))


# -- neuron maps ----------------------------------------------------------------------------------

def map_rows(widths_stored: list[int], layer: int | None, per_row: int = UNITS_PER_ROW) -> list[tuple[int, list[int]]]:
    """The tiles to draw as rows of (layer index, unit indices): the first ``per_row`` units of
    every layer (at most ``MAX_MAP_ROWS`` layers), or every stored unit of ``layer`` in rows of
    ``per_row``."""
    if layer is None:
        return [(i, list(range(min(per_row, n)))) for i, n in enumerate(widths_stored[:MAX_MAP_ROWS])]
    n = widths_stored[layer]
    return [(layer, list(range(s, min(s + per_row, n)))) for s in range(0, n, per_row)]


def neuron_maps_figure(snap: dict, lang: str = "en", epoch: int | None = None, layer: int | None = None,
                       per_row: int = UNITS_PER_ROW) -> go.Figure:
    """Each hidden unit's output over the input plane at ``epoch`` (None = latest): see the
    module docstring. ``layer`` (0-based hidden layer): all its recorded units instead."""
    meta = snapshot.inside(snap) or {}
    frame = snapshot.frame_at(snapshot.neuron_map_frames(snap), epoch)
    title = t("inside.maps.title", lang, epoch=_shown(epoch, frame))
    if frame is None or not meta.get("map_x"):
        spec = figure_spec([], axis(visible=False), axis(visible=False))
        return style(waiting(spec, lang), title, height=300, legend=False)
    maps = [inside.decode(m) for m in frame["maps"]]
    stored = [m.shape[0] for m in maps]
    if layer is not None and not 0 <= layer < len(maps):
        layer = None
    rows = map_rows(stored, layer, per_row)
    cols = max(1, max(len(units) for _, units in rows))
    widths, acts = meta.get("widths") or stored, meta.get("activations") or [""] * len(maps)
    labels = _layer_labels(snap, len(maps))
    nx, ny = len(meta["map_x"]), len(meta["map_y"])
    ranges = [inside.layer_range(m) for m in maps]
    flags = [inside.unit_flags(m, acts[i] if i < len(acts) else "") for i, m in enumerate(maps)]
    # Every tile on one pair of axes, tile (r, c) covering [c·STEP, c·STEP + 1] across and
    # [-r·ROW, -r·ROW + 1] up (room for the row's label above it): one axis pair instead of a
    # subplot per tile keeps a live redraw cheap (Plotly's layout objects were most of the time).
    step, row = 1.12, 1.42
    compact = per_row < UNITS_PER_ROW  # a phone: smaller tiles, and row labels that fit above four of them
    annotations, data = [], []
    for r, (li, units) in enumerate(rows):
        lo, hi = ranges[li]
        zmin, zmax, scale = colour_range(lo, hi)
        top = -r * row + 1.0
        if layer is None or r == 0:
            key = "inside.maps.row_more" if widths[li] > len(units) else "inside.maps.row"
            key = key.replace(".row", ".row_short") if compact else key
            annotations.append({"text": t(key, lang, layer=labels[li], activation=_act_name(acts[li], lang),
                                          lo=short_number(lo), hi=short_number(hi),
                                          shown=len(units) if layer is None else stored[li], total=widths[li]),
                                "x": 0, "xanchor": "left", "y": top, "yanchor": "bottom", "showarrow": False,
                                "font": {"size": 15}})
        for c, u in enumerate(units):
            name = t("inside.maps.hover", lang, layer=labels[li], unit=u + 1)
            # One byte per cell (the layer's colour range in 256 steps): sent as a typed array,
            # a tile costs 0.8 kB instead of ~4 kB of decimals, and the page redraws it every second.
            data.append({"type": "heatmap", "x0": c * step + 0.5 / nx, "dx": 1.0 / nx,
                         "y0": top - 1.0 + 0.5 / ny, "dy": 1.0 / ny,
                         "z": quantize(maps[li][u], zmin, zmax), "zmin": 0, "zmax": 255,
                         "colorscale": scale, "showscale": False, "name": name,
                         "hovertemplate": name + "<extra></extra>"})
            flag = flags[li][u]
            if flag:
                annotations.append({"text": t(f"inside.flag.{flag}", lang), "x": c * step + 0.5, "y": top - 0.5,
                                    "showarrow": False, "font": {"size": TEXT_SIZE, "color": FLAG_COLOR},
                                    "bgcolor": "rgba(255,255,255,0.8)"})
    bottom = -(len(rows) - 1) * row
    if len(rows) < len(stored) and layer is None:
        annotations.append({"text": t("inside.maps.layers_cut", lang, shown=len(rows), total=len(stored)), "x": 0,
                            "xanchor": "left", "y": bottom, "yanchor": "top", "yshift": -4, "showarrow": False})
    xaxis = axis(None, visible=False, fixedrange=True, range=[-0.02, cols * step - (step - 1.0) + 0.02])
    # headroom above the first row's label: in presenter mode (text 1.3×) a tighter top let the
    # label run into the subtitle above the plot
    yaxis = axis(None, visible=False, fixedrange=True, range=[bottom - 0.25, 1.4], scaleanchor="x",
                 constrain="domain", constraintoward="top")
    spec = figure_spec(data, xaxis, yaxis, annotations=annotations)
    # fewer tiles per row (a phone): smaller tiles, so shorter rows, and the subtitle, which a phone
    # cannot fit, is left to the page (``nnlab.ui.inside`` writes it under the chart)
    height = 110 + 100 * len(rows) if compact else 150 + 150 * len(rows)
    fig = style(spec, title, height=height, legend=False,
                subtitle=None if compact else t("inside.maps.subtitle", lang))
    fig.layout.margin.update(l=20, r=20, b=20)  # tiles have no axes to make room for
    fig.layout.plot_bgcolor = TILE_GAP  # a white tile (all 0) still shows its edges
    return fig


# -- the network diagram -----------------------------------------------------------------------------

def diagram_figure(snap: dict, lang: str = "en", epoch: int | None = None, fill: str = "activation") -> go.Figure:
    """The network at ``epoch`` (None = latest): one node per unit when the record has unit
    frames (small networks), else one box per layer. ``fill``: ``"activation"`` or ``"gradient"``."""
    meta = snapshot.inside(snap) or {}
    frame = snapshot.frame_at(snapshot.diagram_frames(snap), epoch)
    if meta.get("diagram") == "units" and frame is not None and frame.get("kernels") is not None:
        return unit_diagram_figure(snap, frame, lang, fill)
    if meta.get("diagram") == "units":  # before its first frame: the same chart, waiting
        spec = figure_spec([], axis(visible=False), axis(visible=False))
        return style(waiting(spec, lang), t("inside.diagram.title", lang, epoch=_shown(epoch, frame)), height=560,
                     legend=False)
    return layer_diagram_figure(snap, lang, epoch)


def _flags_of(snap: dict, frame: dict, n_hidden: int) -> list[list[str | None]]:
    """Per hidden layer, each unit's flag (``inside.unit_flags``): from the neuron maps of the
    same epoch when there are any (all units of a layer up to those recorded), else from the
    mean output (exactly 0 = dead)."""
    meta = snapshot.inside(snap) or {}
    acts = meta.get("activations") or [""] * n_hidden
    maps_frame = next((f for f in snapshot.neuron_map_frames(snap) if f["epoch"] == frame["epoch"]), None)
    out = []
    for i in range(n_hidden):
        if maps_frame is not None:
            out.append(inside.unit_flags(inside.decode(maps_frame["maps"][i]), acts[i]))
        else:
            means = inside.decode((frame.get("unit_mean") or [None] * (i + 1))[i])
            out.append([] if means is None else ["dead" if m == 0 else None for m in means])
    return out


def unit_diagram_figure(snap: dict, frame: dict, lang: str = "en", fill: str = "activation") -> go.Figure:
    """One node per unit (inputs, hidden units, outputs), edges from ``frame["kernels"]``."""
    kernels = [inside.decode(k) for k in frame["kernels"]]
    sizes = [kernels[0].shape[0]] + [k.shape[1] for k in kernels]
    n_hidden = len(kernels) - 1
    pos = inside.diagram_positions(sizes)
    hidden = _layer_labels(snap, n_hidden)
    columns = [t("inside.diagram.input", lang)] + hidden + ["out"]
    data = []
    for group in inside.edge_groups(kernels, pos):
        key = "inside.diagram.positive" if group["sign"] > 0 else "inside.diagram.negative"
        data.append({"type": "scatter", "x": group["x"], "y": group["y"], "mode": "lines", "hoverinfo": "skip",
                     "line": {"color": POSITIVE if group["sign"] > 0 else NEGATIVE, "width": group["width"]},
                     "opacity": 0.75, "legendgroup": "pos" if group["sign"] > 0 else "neg",
                     "name": t(key, lang, lo=short_number(group["range"][0]), hi=short_number(group["range"][1]))})
    # Edge values on hover: an invisible marker at each edge's middle (one trace for all edges).
    mx, my, mtext = [], [], []
    for li, k in enumerate(kernels):
        for i in range(k.shape[0]):
            for j in range(k.shape[1]):
                mx.append((pos[li][i, 0] + pos[li + 1][j, 0]) / 2)
                my.append((pos[li][i, 1] + pos[li + 1][j, 1]) / 2)
                mtext.append(t("inside.diagram.hover_edge", lang, src=f"{columns[li]} {i + 1}",
                               dst=f"{columns[li + 1]} {j + 1}", w=f"{k[i, j]:.3g}"))
    data.append({"type": "scatter", "x": mx, "y": my, "mode": "markers", "marker": {"size": 8, "opacity": 0},
                 "text": mtext, "hovertemplate": "%{text}<extra></extra>", "showlegend": False})
    features = i18n.feature_names(snapshot.dataset(snap).get("name") or "", snapshot.dataset(snap).get("features")
                                  or [f"x{i + 1}" for i in range(sizes[0])], lang)
    data.append({"type": "scatter", "x": pos[0][:, 0].tolist(), "y": pos[0][:, 1].tolist(), "mode": "markers",
                 "marker": {"size": 22, "color": "#dddddd", "line": {"color": "#555555", "width": 1.5}},
                 "text": [t("inside.diagram.hover_input", lang, name=n) for n in features[:sizes[0]]],
                 "hovertemplate": "%{text}<extra></extra>", "showlegend": False})
    means = [inside.decode(m) for m in frame.get("unit_mean") or []]
    grads = [inside.decode(g) for g in frame.get("unit_grad") or []]
    xs, ys, values, texts = [], [], [], []
    for li in range(1, len(sizes)):
        for u in range(sizes[li]):
            xs.append(float(pos[li][u, 0]))
            ys.append(float(pos[li][u, 1]))
            mean = means[li - 1][u] if li - 1 < len(means) else None
            grad = grads[li - 1][u] if li - 1 < len(grads) else None
            value = mean if fill == "activation" else (math.log10(grad) if grad and grad > 0 else None)
            values.append(None if value is None or not math.isfinite(value) else float(value))
            texts.append(t("inside.diagram.hover_unit", lang, layer=columns[li], unit=u + 1,
                           mean="–" if mean is None else f"{mean:.3g}", grad="–" if grad is None else f"{grad:.2e}"))
    if fill == "activation":
        finite = [v for v in values if v is not None] or [0.0]
        cmin, cmax, scale = colour_range(min(finite), max(finite))
        colors = {"colorscale": scale, "cmin": cmin, "cmax": cmax,
                  "colorbar": {"title": {"text": t("inside.diagram.colorbar.activation", lang)}}}
    else:
        finite = [v for v in values if v is not None] or [-3.0, 0.0]
        lo, hi = math.floor(min(finite)), math.ceil(max(finite))
        hi = max(hi, lo + 1)
        ticks = list(range(lo, hi + 1, max(1, (hi - lo + 4) // 5)))
        colors = {"colorscale": VIRIDIS, "cmin": lo, "cmax": hi,
                  "colorbar": {"title": {"text": t("inside.diagram.colorbar.gradient", lang)}, "tickvals": ticks,
                               "ticktext": [f"10<sup>{k}</sup>" for k in ticks]}}
    colors["colorbar"]["tickfont"] = {"size": 16}
    colors["colorbar"]["title"]["font"] = {"size": 15}
    colors["colorbar"]["title"]["side"] = "right"
    data.append({"type": "scatter", "x": xs, "y": ys, "mode": "markers", "text": texts,
                 "hovertemplate": "%{text}<extra></extra>", "showlegend": False,
                 "marker": {"size": 22, "color": [v if v is not None else float("nan") for v in values],
                            "line": {"color": "#555555", "width": 1.5}, "showscale": True, **colors}})
    flags = _flags_of(snap, frame, n_hidden)
    fx = [float(pos[li + 1][u, 0]) for li, row in enumerate(flags) for u, f in enumerate(row) if f in ("dead", "saturated")]
    fy = [float(pos[li + 1][u, 1]) for li, row in enumerate(flags) for u, f in enumerate(row) if f in ("dead", "saturated")]
    if fx:
        data.append({"type": "scatter", "x": fx, "y": fy, "mode": "markers", "hoverinfo": "skip",
                     "name": t("inside.diagram.flagged", lang),
                     "marker": {"symbol": "x-thin", "size": 16, "line": {"color": FLAG_COLOR, "width": 3}}})
    xaxis = axis(t("inside.diagram.x", lang), tickmode="array", tickvals=list(range(len(columns))), ticktext=columns,
                 range=[-0.4, len(columns) - 0.6], showgrid=False, zeroline=False, fixedrange=True)
    yaxis = axis(None, visible=False, range=[-0.08, 1.08], fixedrange=True)
    spec = figure_spec(data, xaxis, yaxis)
    subtitle = t("inside.diagram.subtitle", lang, fill=t(f"inside.fill.{fill}", lang))
    return style(spec, t("inside.diagram.title", lang, epoch=frame["epoch"]), height=560, subtitle=subtitle)


def layer_diagram_figure(snap: dict, lang: str = "en", epoch: int | None = None) -> go.Figure:
    """One box per layer (input, hidden layers, output): width and activation written in it,
    filled by the gradient norm (log colour scale), with the dead and saturated share; the
    per-layer statistics of the history at ``epoch`` (``snapshot.layer_stat``)."""
    layers = snap.get("layers") or []
    labels, grads, shown = snapshot.layer_stat(snap, "grad_norm", epoch)
    _, dead, _ = snapshot.layer_stat(snap, "dead_fraction", epoch)
    _, sat, _ = snapshot.layer_stat(snap, "saturated_fraction", epoch)
    title = t("inside.diagram.layers_title", lang, epoch="–" if shown is None else shown)
    if not layers or shown is None:
        spec = figure_spec([], axis(visible=False), axis(visible=False))
        return style(waiting(spec, lang), title, height=360, legend=False)
    n_in = len(snapshot.dataset(snap).get("features") or []) or None
    columns = [t("inside.diagram.input", lang)] + labels
    widths = [n_in] + [layer.get("width") for layer in layers]
    # Box size grows with the layer's width (log scale), and never past its share of the row
    # (about 700 px of plot at 1280 px with the sidebar open).
    top = max(math.log2(max(2, w or 2)) for w in widths)
    biggest = max(14.0, min(60.0, 0.75 * 700 / len(widths)))
    sizes = [biggest * (0.45 + 0.55 * math.log2(max(2, w or 2)) / top) for w in widths]
    logs = [math.log10(g) if g else None for g in grads]
    finite = [v for v in logs if v is not None] or [-3.0, 0.0]
    lo, hi = math.floor(min(finite)), math.ceil(max(finite))
    hi = max(hi, lo + 1)
    ticks = list(range(lo, hi + 1, max(1, (hi - lo + 4) // 5)))
    pct = lambda v: "–" if v is None else f"{100 * v:.0f}%"  # noqa: E731
    hover, text = [t("inside.diagram.hover_input", lang, name=str(n_in or "?"))], [str(n_in or "")]
    many = len(columns) > 8  # then the boxes say only their width; the rest is in the hover
    for i, layer in enumerate(layers):
        act = _act_name(layer.get("activation") or "", lang)
        g = grads[i] if i < len(grads) else None
        d = dead[i] if i < len(dead) and i < len(layers) - 1 else None
        s = sat[i] if i < len(sat) else None
        hover.append(t("inside.diagram.box_hover", lang, layer=labels[i], width=layer.get("width"), activation=act,
                       grad="–" if g is None else f"{g:.2e}", dead=pct(d), sat=pct(s)))
        text.append(str(layer.get("width")) if many else t("inside.diagram.box", lang, width=layer.get("width"),
                                                            activation=act))
    x = list(range(len(columns)))
    data = [{"type": "scatter", "x": x, "y": [0.5] * len(x), "mode": "lines", "hoverinfo": "skip",
             "line": {"color": "#999999", "width": 3}, "showlegend": False},
            {"type": "scatter", "x": x, "y": [0.5] * len(x), "mode": "markers+text", "text": text,
             "textposition": "bottom center", "textfont": {"size": 14}, "hovertext": hover,
             "hovertemplate": "%{hovertext}<extra></extra>", "showlegend": False, "cliponaxis": False,
             "marker": {"symbol": "square", "size": sizes, "line": {"color": "#333333", "width": 1.5},
                        "color": [float("nan")] + [v if v is not None else float("nan") for v in logs],
                        "colorscale": VIRIDIS, "cmin": lo, "cmax": hi, "showscale": True,
                        "colorbar": {"title": {"text": t("inside.diagram.grad_colorbar", lang), "side": "right",
                                               "font": {"size": 15}},
                                     "tickvals": ticks, "ticktext": [f"10<sup>{k}</sup>" for k in ticks],
                                     "tickfont": {"size": 16}}}}]
    if not many:
        stats = [""] + [t("inside.diagram.box_stats", lang, dead=pct(dead[i] if i < len(dead) else None),
                          sat=pct(sat[i] if i < len(sat) else None)) if i < len(layers) - 1 else ""
                        for i in range(len(layers))]
        data.append({"type": "scatter", "x": x, "y": [0.8] * len(x), "mode": "text", "text": stats,
                     "textposition": "middle center", "textfont": {"size": 14}, "hoverinfo": "skip", "showlegend": False,
                     "cliponaxis": False})
    xaxis = axis(t("inside.diagram.x", lang), tickmode="array", tickvals=x, ticktext=columns,
                 range=[-0.6, len(columns) - 0.4], showgrid=False, zeroline=False, fixedrange=True)
    yaxis = axis(None, visible=False, range=[0.0, 1.0], fixedrange=True)
    return style(figure_spec(data, xaxis, yaxis), title, height=400, legend=False,
                 subtitle=t("inside.diagram.layers_subtitle", lang))


__all__ = ["diagram_figure", "layer_diagram_figure", "map_rows", "neuron_maps_figure", "unit_diagram_figure"]
