"""How every page puts a Plotly figure on screen: ``show(fig, key=...)``.

The figures come styled from the chart builders (``nnlab.chart_style``); this draws them
without restyling, and keeps each chart in place while a live view redraws it.

- Drawing: a small ``st.components.v2`` component (``plot_component/chart.js``) keeps one
  Plotly div per key and calls ``Plotly.react`` with each new figure, so a redraw updates
  the chart in place. ``st.plotly_chart`` gives a chart a new identity whenever its figure
  changes (its element id hashes the figure, even with ``key=``), so every live redraw
  remounted it: the old chart stayed beside the new one, faded, until the new one was
  drawn, a heatmap blanked for a moment, and a user's zoom was lost.
- The figure travels as one JSON document (``figure_json``: data, layout, config) in the
  element's bytes. ``layout.uirevision`` defaults to the key, so Plotly keeps a user's zoom
  across redraws of that chart (a figure that sets its own ``uirevision`` decides itself).
- plotly.js comes from the installed plotly package (``plotly/package_data/plotly.min.js``,
  no CDN: classrooms may have no internet), loaded once per page, not sent with each
  redraw: from ``streamlit_app.py``'s own route (``nnlab.ui.plotly_asset``: compressed once,
  a 304 for a reopened tab), else from Streamlit's component asset route, which compresses
  it again for every tab; ``chart.js`` and ``chart.css`` are component assets, so a redraw
  sends only the figure and a few short paths.
- No theme: the figure's own fonts and colours are used as they are (Streamlit's chart
  theme wrote ~12.75 px fonts over the projector-sized text).
- Toolbar (``CONFIG``): only on hover (not a permanent strip over the title), no Plotly
  logo, no upload to Plotly Cloud, and only the buttons a student can use: zoom (the figures start with dragging off,
  so a swipe over a chart scrolls the page on a phone), reset the axes, download as PNG (at
  twice the size, sharp on slides), and full screen (added by ``chart.js``; Esc leaves).
  The builders draw it as a slim column in the right margin, so on a phone, where a tap
  leaves it shown, it covers neither the title nor the legend.
- Presenter mode (``nnlab.ui.presenter``) draws every chart's text and lines larger.
- Width follows the container (columns, a phone's 390 px); height is the figure's own.

Registering the assets uses Streamlit's component manifest machinery directly (what it
does for an installed package's ``pyproject.toml``), because NN Lab is an app, not an
installed package: ``nnlab.ui.streamlit_internals.register_component_assets``, which
raises ``StreamlitInternalsChanged`` if a Streamlit upgrade removed it.
"""

from __future__ import annotations

import re
import threading
import weakref
from pathlib import Path

import plotly
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from nnlab.charts.base import enlarge
from nnlab.ui import presenter
from nnlab.ui.common import t

# Every Plotly 2D button except zoom, reset and download (chart.js adds full screen).
_REMOVE = ["pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d",
           "hoverClosestCartesian", "hoverCompareCartesian", "toggleSpikelines", "toggleHover", "resetViews"]
CONFIG = {
    "displaylogo": False,
    "displayModeBar": "hover",
    "showSendToCloud": False,  # plotly.js 4 offers to upload the chart to Plotly Cloud by default
    "modeBarButtonsToRemove": _REMOVE,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "scrollZoom": False,
    "responsive": True,
}

PROJECT = "nnlab"
COMPONENT = f"{PROJECT}.chart"  # chart.js + chart.css, from nnlab/ui/plot_component/
LIBRARY = f"{PROJECT}.plotlyjs"  # plotly.min.js, from the plotly package (chart.js loads it)
ASSETS = Path(__file__).with_name("plot_component")
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PRELOAD = "preload"  # the figure text that only loads plotly.js (chart.js's PRELOAD)

_lock = threading.Lock()
_ready: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # component manager → mount callable


def is_phone() -> bool:
    """Whether the page is open on a phone: its browser says "Mobi" in the User-Agent, as
    iPhone and Android phones do (tablets and desktops do not). Only for figures that cannot
    shrink to a phone's width, such as the network diagram; everything else just stretches."""
    try:
        return "Mobi" in (st.context.headers.get("User-Agent") or "")
    except Exception:  # noqa: BLE001 — no request (bare mode, tests): not a phone
        return False


# Streamlit sets Plotly's default template to its own, whose colours are placeholders that
# its front end swaps for real ones; with theme=None it swaps in Plotly's own defaults. A
# figure that keeps the default template (the builders set theirs) gets the same here.
_PLACEHOLDERS = dict(zip(
    [f"#{i:06d}" for i in (*range(1, 31), *range(32, 41))],
    ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52",
     "#0d0887", "#46039f", "#7201a8", "#9c179e", "#bd3786", "#d8576b", "#ed7953", "#fb9f3a", "#fdca26", "#f0f921",
     "#8e0152", "#c51b7d", "#de77ae", "#f1b6da", "#fde0ef", "#e6f5d0", "#b8e186", "#7fbc41", "#4d9221", "#276419",
     "#3D9970", "#FF4136", "#4499FF", "#B2B5BE", "#2a3f5f", "#2a3f5f", "#EBF0F8", "white", "#C8D4E3"]))
_PLACEHOLDER = re.compile(r'"(#0000[0-4][0-9])"')


def figure_spec(fig, *, key: str, labels: dict | None = None, scale: float = 1.0) -> dict:
    """What the component draws for ``fig`` (a ``go.Figure`` or a figure dict, which gets
    Plotly's default template as ``st.plotly_chart`` gives it): its data, its layout (with
    ``uirevision`` defaulting to ``key``), the toolbar ``config`` and the texts of the
    buttons ``chart.js`` adds (``labels``); ``scale`` > 1 enlarges its text and lines
    (presenter mode)."""
    spec = (fig if isinstance(fig, go.Figure) else go.Figure(fig, _validate=False)).to_plotly_json()
    enlarge(spec, scale)
    layout = dict(spec.get("layout") or {})
    layout.setdefault("uirevision", key)
    return {"data": list(spec.get("data") or []), "layout": layout, "config": CONFIG, "labels": labels or {}}


def figure_json(fig, *, key: str, labels: dict | None = None, scale: float = 1.0) -> str:
    """``figure_spec`` as the JSON text the component receives (numpy arrays as Plotly's
    base64 typed arrays, as ``st.plotly_chart`` sends them)."""
    text = pio.json.to_json_plotly(figure_spec(fig, key=key, labels=labels, scale=scale))
    if '"#0000' in text:
        text = _PLACEHOLDER.sub(lambda m: f'"{_PLACEHOLDERS.get(m.group(1), m.group(1))}"', text)
    return text


def _mount():
    """The component's mount callable for the running Streamlit runtime (each AppTest has
    its own), registering the assets with it on first use; None without a runtime."""
    from streamlit.components.v2 import component

    from nnlab.ui import streamlit_internals as internals

    if not internals.Runtime.exists():
        return None
    manager = internals.component_manager()
    with _lock:
        mount = _ready.get(manager)
        if mount is None:
            internals.register_component_assets(manager, PROJECT, "chart", ASSETS)
            internals.register_component_assets(manager, PROJECT, "plotlyjs", PLOTLY_JS.parent)
            mount = _ready[manager] = component(COMPONENT, js="chart.js", css="chart.css", isolate_styles=False)
        return mount


def preload_plotly() -> None:
    """Have the browser load plotly.js while the user reads the page (an empty element at
    the foot of the sidebar; ``chart.js`` loads it once the page is idle), so the first chart
    after a click does not wait for it. Streamlit's pages share one browser page: once loaded,
    every page's charts have it."""
    mount = _mount()
    if mount is not None:
        with st.sidebar:
            mount(key="plotly_preload", data=PRELOAD.encode(), height="content")


def show(fig, *, key: str, where=None) -> None:
    """Draw ``fig`` across the width of ``where`` (a column or container; default: the page).
    Without a Streamlit runtime (bare mode) it falls back to ``st.plotly_chart``."""
    mount = _mount()
    if mount is None:
        (where or st).plotly_chart(fig, key=key, theme=None, config=CONFIG, width="stretch")
        return
    data = figure_json(fig, key=key, labels={"fullscreen": t("plots.fullscreen")},
                       scale=presenter.chart_scale()).encode()
    if where is None:
        mount(key=key, data=data, width="stretch", height="content")
    else:
        with where:
            mount(key=key, data=data, width="stretch", height="content")


__all__ = ["CONFIG", "figure_json", "figure_spec", "is_phone", "preload_plotly", "show"]
