"""The one base of every NN Lab chart: style, fonts, colours and the helpers the builders share.

``nnlab.charts.run`` (Train), ``nnlab.charts.comparison`` (Compare) and ``nnlab.charts.teaching``
(explorer, neuron, softmax) build on this module and copy nothing from each other: the
look (projector-sized text, compact legends, honest log axes), the named colours and the
class colours, the decision boundary's colour scale, downsampling, gaps for log axes, axis
and subplot-grid dicts and the "waiting" note. Pure Plotly, no Streamlit. The builders read
runs through ``nnlab.snapshot``.

The live builders assemble a figure as a plain spec, ``{"data": [trace dicts with "type"],
"layout": {...}}`` with explicit nested dicts, and ``style(spec, title)`` finishes it and wraps
it once in a ``go.Figure`` without a second validation pass: Plotly's object model
(``add_trace``, ``update_layout``, magic-underscore paths) cost more than ten times the data
work, and thirty browsers redraw those charts every few seconds on one small server. The
teaching pages still build with graph objects: ``style`` takes a ``go.Figure`` as well.

Targets, at 1280×720 on a projector: tick labels ≥ 14 px, chart titles ≥ 18 px, every text
≥ 12 px. Legends are one horizontal block under the plot (anchored to the figure's bottom
edge so Plotly grows the bottom margin instead of covering the axis title). A log axis gets
labelled decades, or 1-2-5 ticks when it spans less than two decades, and always shows at
least one decade so that a 1.3× difference does not look like 20×. No chart draws bars on a
log axis (a bar needs a zero, which a log axis does not have).
"""

from __future__ import annotations

import math
import re

import numpy as np
import plotly.colors
import plotly.graph_objects as go

from nnlab.i18n import t

TITLE_SIZE = 20
FONT_SIZE = 16  # axis titles and the default for any text
TICK_SIZE = 16
LEGEND_SIZE = 15
HOVER_SIZE = 15
TEXT_SIZE = 14  # the least for annotations
LABEL_SIZE = 15  # value labels drawn on marks (bars, dots)
SUBPLOT_TITLE_SIZE = 18
MIN_TEXT = 13  # Plotly hides a bar label rather than shrink it below this
MAX_POINTS = 500  # points per trace, at most (a comparison's traces: fewer, see nnlab.charts.comparison)

# Named colours (D3's category10), so every palette below says which colour it means.
BLUE, ORANGE, GREEN, RED, PURPLE = "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"
BROWN, PINK, GREY, OLIVE, CYAN = "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
# Playground-like class colours: orange for class 0, blue for class 1, then more.
CLASS_COLORS = ("#f59322", "#0877bd", GREEN, PURPLE, BROWN, PINK, CYAN, OLIVE, GREY, RED)
_AXIS = {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8", "zerolinewidth": 2,
         "ticks": "", "automargin": True, "title": {"standoff": 15}}
# The layout half of Plotly's "plotly_white": setting the full template copied its defaults for
# every trace type on each figure, which made a live chart ~5× slower to build.
TEMPLATE = {"layout": {
    "colorway": ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880",
                 "#FF97FF", "#FECB52"],
    "font": {"color": "#2a3f5f"}, "hoverlabel": {"align": "left"}, "paper_bgcolor": "white",
    "plot_bgcolor": "white", "xaxis": _AXIS, "yaxis": _AXIS}}
MAX_LOG_TICKS = 7
TITLE_CHARS = 46  # a longer title is wrapped onto two lines (phones, half-width columns)
_AXIS_NAME = re.compile("[xy]axis[0-9]*")


# -- building blocks of a spec -----------------------------------------------------------------

def axis(title: str | None = None, **settings) -> dict:
    """An axis dict: ``axis("Epoch", rangemode="tozero")`` → ``{"title": {"text": "Epoch"}, ...}``."""
    return {"title": {"text": title}, **settings} if title is not None else dict(settings)


def figure_spec(data: list[dict], xaxis: dict, yaxis: dict, **layout) -> dict:
    """A figure spec: ``{"data": data, "layout": {"xaxis": xaxis, "yaxis": yaxis, **layout}}``."""
    return {"data": data, "layout": {"xaxis": xaxis, "yaxis": yaxis, **layout}}


def named_colorscale(name: str) -> list[list]:
    """A Plotly sequential colour scale ("Viridis", "Blues") as the explicit ``[[0.0, colour], …]``
    list Plotly's validation would have turned the name into (the figure is not validated again)."""
    colors = getattr(plotly.colors.sequential, name)
    return [[i / (len(colors) - 1), c] for i, c in enumerate(colors)]


def subplot_grid(rows: int, cols: int, titles: list[str], horizontal_spacing: float,
                 vertical_spacing: float, title_size: int = 16) -> dict:
    """The layout of a ``rows`` × ``cols`` grid of x/y subplots, numbered row by row from the
    top left, with ``titles`` centred above the first cells: what ``plotly.subplots.make_subplots``
    builds, to the last bit of every domain. Traces go on cell ``i`` with ``"xaxis": "x{i+1}"``
    (``"x"`` for the first)."""
    width = (1.0 - horizontal_spacing * (cols - 1)) / cols
    height = (1.0 - vertical_spacing * (rows - 1)) / rows
    layout: dict = {}
    annotations = []
    for r in range(rows):
        below = rows - 1 - r  # rows under this one: the grid is filled from the top
        y0 = sum([height] * below) + below * vertical_spacing
        y_domain = [min(max(y, 0.0), 1.0) for y in (y0, y0 + height)]  # as make_subplots rounds
        for c in range(cols):
            x0 = sum([width] * c) + c * horizontal_spacing
            x_domain = [x0, x0 + width]
            i = r * cols + c
            suffix = str(i + 1) if i else ""
            layout[f"xaxis{suffix}"] = {"domain": x_domain, "anchor": f"y{suffix}"}
            layout[f"yaxis{suffix}"] = {"domain": y_domain, "anchor": f"x{suffix}"}
            if i < len(titles) and titles[i]:
                annotations.append({"y": y_domain[1], "xref": "paper", "x": sum(x_domain) / 2.0, "yref": "paper",
                                    "text": titles[i], "showarrow": False, "font": {"size": title_size},
                                    "xanchor": "center", "yanchor": "bottom"})
    layout["annotations"] = annotations
    return layout


def hline(spec: dict, y: float, line: dict, text: str | None = None) -> dict:
    """A horizontal line across the plot at ``y`` (what ``fig.add_hline`` draws), optionally
    labelled under its right end."""
    layout = spec["layout"]
    layout.setdefault("shapes", []).append({"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": y, "y1": y,
                                            "yref": "y", "line": line})
    if text is not None:
        layout.setdefault("annotations", []).append({"showarrow": False, "text": text, "x": 1, "xanchor": "right",
                                                     "xref": "x domain", "y": y, "yanchor": "top", "yref": "y"})
    return spec


def waiting(spec: dict, lang: str) -> dict:
    """A grey note in the middle of an empty chart: waiting for the first numbers."""
    spec["layout"].setdefault("annotations", []).append(
        {"text": t("charts.waiting", lang), "showarrow": False, "font": {"size": 18, "color": "#666"},
         "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5})
    return spec


def is_empty(data: list[dict]) -> bool:
    """True if no trace has a point yet."""
    return not any(len(tr.get("x") if tr.get("x") is not None else ()) for tr in data)


# -- helpers the builders share ----------------------------------------------------------------

def downsample_indices(n: int, max_points: int = MAX_POINTS) -> np.ndarray:
    """At most ``max_points`` evenly spread indices of ``range(n)``, always keeping the first and last."""
    if n <= max_points:
        return np.arange(n)
    return np.unique(np.round(np.linspace(0, n - 1, max_points)).astype(int))


def pick(values, idx) -> list:
    """``values`` at the indices ``idx`` (from ``downsample_indices``)."""
    return [values[i] for i in idx]


def scaled(values, scale: float) -> list:
    """``values`` times ``scale``, missing values kept as gaps."""
    return [None if v is None else v * scale for v in values]


def metric_scale(metric: str) -> float:
    """Accuracy is recorded as a fraction and drawn in %; MAE as it is."""
    return 100.0 if metric == "accuracy" else 1.0


def metric_axis(metric: str, title: str) -> dict:
    """The value axis of a metric: accuracy from 0 to 100 % (a little room for the top line),
    MAE from 0."""
    return axis(title, range=[0, 101]) if metric == "accuracy" else axis(title, rangemode="tozero")


def positive(values) -> list:
    """Log axes cannot show 0, negatives or missing values: those become gaps."""
    return [v if v is not None and v > 0 and math.isfinite(v) else None for v in values]


def short_number(v: float) -> str:
    """A value label that stays short: 0.0421, 38.5, 1.2e-5."""
    if v == 0 or 1e-3 <= abs(v) < 1e4:
        return f"{v:.3g}"
    mantissa, exponent = f"{v:.1e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def _text_width(text: str) -> float:
    """Rough width in "Latin characters": Hangul and other wide characters count double."""
    return sum(2.0 if ord(ch) >= 0x1100 else 1.0 for ch in text)


def wrap_title(text: str, limit: int = TITLE_CHARS) -> str:
    """Break a long title once, at the space nearest its middle (Plotly never wraps titles)."""
    if "<br>" in text or _text_width(text) <= limit:
        return text
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return text
    middle = _text_width(text) / 2
    cut = min(spaces, key=lambda i: abs(_text_width(text[:i]) - middle))
    return text[:cut] + "<br>" + text[cut + 1:]


# -- the decision boundary's colours -------------------------------------------------------------

def boundary_heatmap(boundary: dict, classes: list, lang: str, opacity: tuple[float, float], k: int = 2) -> dict:
    """The heatmap trace of a decision boundary (``snap["boundary"]``) in the class colours:
    P(class 1) from class 0's colour through white to class 1's, or the predicted class of
    ``max(k, len(classes), 2)`` classes in flat bands. ``opacity``: (probability, classes)."""
    heat = {"type": "heatmap", "x": boundary["x"], "y": boundary["y"], "z": boundary["z"]}
    if boundary.get("kind") == "probability":
        cls = classes[1] if len(classes) > 1 else "1"
        return heat | {"zmin": 0, "zmax": 1, "colorscale": [[0.0, CLASS_COLORS[0]], [0.5, "#ffffff"],
                                                            [1.0, CLASS_COLORS[1]]],
                       "opacity": opacity[0], "colorbar": {"title": {"text": t("charts.boundary.prob", lang, cls=cls)}},
                       "hovertemplate": "x1 %{x:.2f}, x2 %{y:.2f}: %{z:.2f}<extra></extra>"}
    k = max(2, len(classes), k)
    scale = []
    for c in range(k):
        color = CLASS_COLORS[c % len(CLASS_COLORS)]
        scale += [[c / k, color], [(c + 1) / k, color]]
    return heat | {"zmin": -0.5, "zmax": k - 0.5, "colorscale": scale, "opacity": opacity[1], "showscale": False,
                   "hovertemplate": "x1 %{x:.2f}, x2 %{y:.2f}: %{z}<extra></extra>"}


# -- log axes ------------------------------------------------------------------------------------

def _tick_text(v: float) -> str:
    if 1e-3 <= v < 1e5:
        return f"{v:g}"
    mantissa, exponent = f"{v:.0e}".split("e")
    return f"{mantissa}×10<sup>{int(exponent)}</sup>" if mantissa != "1" else f"10<sup>{int(exponent)}</sup>"


def log_axis(values, min_decades: float = 1.0) -> dict:
    """Axis settings of a log axis showing ``values``.

    The range covers the positive values with a little room and at least ``min_decades``
    decades. Ticks: every decade, or every 2, 5, 10… decades when there are more than
    ``MAX_LOG_TICKS``; a range with fewer than two whole decades gets 1-2-5 ticks instead of
    Plotly's crowded "2 3 4 5" minor labels."""
    logs = [math.log10(v) for v in positive(values) if v is not None]
    if not logs:
        return {"type": "log", "range": [-3, 0], "dtick": 1, "tick0": 0, "exponentformat": "power"}
    lo, hi = min(logs), max(logs)
    if hi - lo < min_decades:
        mid = (lo + hi) / 2
        lo, hi = mid - min_decades / 2, mid + min_decades / 2
    pad = 0.06 * (hi - lo)
    lo, hi = lo - pad, hi + pad
    decades = [k for k in range(math.ceil(lo), math.floor(hi) + 1)]
    settings = {"type": "log", "range": [lo, hi], "exponentformat": "power", "minor": {"showgrid": False}}
    if len(decades) >= 2:
        step = next(s for s in (1, 2, 3, 5, 10, 20, 25, 50, 100, 200, 500, 1000)
                    if (hi - lo) / s <= MAX_LOG_TICKS or s == 1000)
        return {**settings, "dtick": step, "tick0": 0}
    ticks = [m * 10.0 ** k for k in range(math.floor(lo) - 1, math.ceil(hi) + 1) for m in (1, 2, 5)
             if lo <= math.log10(m) + k <= hi]
    return {**settings, "tickmode": "array", "tickvals": ticks, "ticktext": [_tick_text(v) for v in ticks]}


def _is_number(v) -> bool:
    return isinstance(v, (int, float, np.number)) and not isinstance(v, bool)


def _axis_values(spec: dict, axis_name: str, letter: str) -> list:
    """Every finite value the traces (and horizontal/vertical shapes) put on one axis."""
    ref = letter + axis_name[len(letter + "axis"):]  # "yaxis2" -> "y2"
    out: list = []
    for tr in spec["data"]:
        if (tr.get(f"{letter}axis") or letter) != ref:
            continue
        values = tr.get(letter)
        if values is not None:
            out.extend(v for v in np.asarray(values, dtype=object).ravel().tolist() if _is_number(v))
    for shape in spec["layout"].get("shapes") or ():
        if shape.get(f"{letter}ref") == ref:
            out.extend(v for v in (shape.get(f"{letter}0"), shape.get(f"{letter}1")) if _is_number(v))
    return out


def _fix_log_axes(spec: dict) -> None:
    layout = spec["layout"]
    for name, ax in layout.items():
        if (_AXIS_NAME.fullmatch(name) and ax and ax.get("type") == "log" and ax.get("tickvals") is None
                and ax.get("range") is None):
            _merge(ax, log_axis(_axis_values(spec, name, name[0])))


# -- the style itself ----------------------------------------------------------------------------

def _merge(target: dict, settings: dict) -> dict:
    """``settings`` written into ``target``, nested dicts merged key by key (as Plotly's update)."""
    for key, value in settings.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value
    return target


def _top_margin(layout: dict, title: str, subtitle: str | None) -> int:
    """Room above the plot for the title's lines, a subtitle and subplot titles."""
    subplot_titles = any(a.get("yref") == "paper" and a.get("yanchor") == "bottom" and (a.get("y") or 0) >= 1
                         for a in layout.get("annotations") or ())
    return 40 + 26 * (title.count("<br>") + 1) + (30 if subtitle else 0) + (24 if subplot_titles else 0)


def _spec_of(fig: go.Figure) -> dict:
    return {"data": [tr.to_plotly_json() for tr in fig.data], "layout": fig.layout.to_plotly_json()}


def style(spec: dict | go.Figure, title: str, height: int = 420, legend: bool = True,
          hovermode: str | bool = "closest", subtitle: str | None = None) -> go.Figure:
    """Title, fonts, legend, margins and log-axis ticks of a finished figure spec (call it
    last); returns the ``go.Figure`` the pages draw. ``spec`` may also be a ``go.Figure``.

    Sizes are set on every axis, the legend, hover labels and annotations explicitly, so a
    chart theme injected by the page (Streamlit's) cannot shrink them."""
    if isinstance(spec, go.Figure):
        spec = _spec_of(spec)
    layout = spec["layout"]
    wrapped = wrap_title(title)
    _merge(layout, {
        # y stays "auto" (centred in the top margin): with yanchor="top" Plotly clips a two-line title.
        "title": {"text": wrapped, "font": {"size": TITLE_SIZE}, "x": 0.02, "xanchor": "left",
                  "subtitle": {"text": wrap_title(subtitle or "", 60), "font": {"size": LEGEND_SIZE, "color": "#555"}}},
        "font": {"size": FONT_SIZE}, "height": height, "showlegend": legend,
        "hovermode": hovermode, "hoverlabel": {"font": {"size": HOVER_SIZE}},
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "yref": "container", "y": 0, "yanchor": "bottom",
                   "font": {"size": LEGEND_SIZE}},
        "margin": {"t": _top_margin(layout, wrapped, subtitle), "l": 80, "r": 30, "b": 70},
        "uniformtext": {"minsize": MIN_TEXT, "mode": "hide"},
        # Plotly's toolbar as a slim column in the right margin: over the title it hid the text.
        "modebar": {"orientation": "v", "bgcolor": "rgba(255,255,255,0.8)"},
        # No drag-to-zoom by default: Plotly cancels the touch that starts a drag, so on a phone
        # a swipe over a full-width chart could not scroll the page. The toolbar's zoom
        # button turns zooming on for one chart.
        "dragmode": False,
    })
    layout["template"] = TEMPLATE
    for letter in "xy":  # every axis, the default one even when the builder set nothing on it
        layout.setdefault(f"{letter}axis", {})
    for name, ax in layout.items():
        if _AXIS_NAME.fullmatch(name):
            _merge(ax, {"tickfont": {"size": TICK_SIZE}, "title": {"font": {"size": FONT_SIZE}}})
    for ann in layout.get("annotations") or ():
        font = ann.setdefault("font", {})
        if font.get("size") is None or font["size"] < TEXT_SIZE:
            font["size"] = TEXT_SIZE
    for tr in spec["data"]:
        if tr.get("type") in ("heatmap", "contour") and tr.get("showscale") is not False:
            # A title above the bar is wider than the bar and was cut off at the figure's edge.
            _merge(tr.setdefault("colorbar", {}), {"tickfont": {"size": TICK_SIZE},
                                                   "title": {"font": {"size": LEGEND_SIZE}, "side": "right"}})
    _fix_log_axes(spec)
    # The spec is built from known-good dicts (the tests validate every builder's output once):
    # no second validation pass, which would cost as much as building the figure did.
    return go.Figure(spec, _validate=False)


def _scale_fonts(node, factor: float) -> None:
    """Every ``size`` of a font dict in a layout (nested dicts and lists of dicts) times ``factor``."""
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in items:
        if isinstance(value, dict):
            if key in ("font", "tickfont") and isinstance(value.get("size"), (int, float)):
                value["size"] = round(value["size"] * factor, 1)
            _scale_fonts(value, factor)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            _scale_fonts(value, factor)


def enlarge(spec: dict, factor: float) -> dict:
    """Presenter mode's figure (``nnlab.ui.presenter``): every text, line and marker of a
    finished figure spec ``factor`` times larger, margins grown to fit; the height stays, so a
    page's layout does not move. Changes and returns ``spec``."""
    if factor == 1.0:
        return spec
    layout = spec.setdefault("layout", {})
    _scale_fonts(layout, factor)
    margin = layout.get("margin")
    if isinstance(margin, dict):
        for side in ("t", "l", "b"):
            if isinstance(margin.get(side), (int, float)):
                margin[side] = round(margin[side] * factor)
    for trace in spec.get("data") or ():
        if trace.get("type", "scatter") in ("scatter", "scattergl"):
            line = trace.setdefault("line", {})
            line["width"] = round((line.get("width") if isinstance(line.get("width"), (int, float)) else 2) * factor, 1)
        marker = trace.get("marker")
        if isinstance(marker, dict) and isinstance(marker.get("size"), (int, float)):
            marker["size"] = round(marker["size"] * factor, 1)
        for key in ("textfont", "insidetextfont", "outsidetextfont"):
            font = trace.get(key)
            if isinstance(font, dict) and isinstance(font.get("size"), (int, float)):
                font["size"] = round(font["size"] * factor, 1)
        _scale_fonts({k: v for k, v in trace.items() if k in ("colorbar", "hoverlabel")}, factor)
    return spec


__all__ = ["BLUE", "BROWN", "CLASS_COLORS", "CYAN", "FONT_SIZE", "GREEN", "GREY", "HOVER_SIZE", "LABEL_SIZE",
           "LEGEND_SIZE", "MAX_POINTS", "MIN_TEXT", "OLIVE", "ORANGE", "PINK", "PURPLE", "RED", "SUBPLOT_TITLE_SIZE",
           "TEXT_SIZE", "TICK_SIZE", "TITLE_SIZE", "axis", "boundary_heatmap", "downsample_indices", "enlarge", "figure_spec",
           "hline", "is_empty", "log_axis", "metric_axis", "metric_scale", "named_colorscale", "pick", "positive",
           "scaled", "short_number", "style", "subplot_grid", "waiting", "wrap_title"]
