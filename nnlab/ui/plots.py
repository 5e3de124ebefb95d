"""How every page puts a Plotly figure on screen: ``show(fig, key=...)``.

The figures come styled from the chart builders (``nnlab.chart_style``); this only makes
sure Streamlit leaves that style alone and that Plotly's toolbar stays out of the way.

- ``theme=None``: with the default ``theme="streamlit"`` Streamlit's front end writes its own
  defaults into the figure's template (fonts of about 12.75 px for ticks, legend and body
  text, a 16 px left-aligned bold title, zero left/right margins, no x grid, its own
  colourway), which undoes the projector-sized text.
- Toolbar: only on hover (not a permanent strip over the title), no Plotly logo, and only
  the buttons a student can use: Streamlit's fullscreen, zoom (the figures start with
  dragging off, so a swipe over a chart scrolls the page on a phone), reset the axes, and
  download as PNG (at twice the size, sharp on slides). The builders draw it as a slim
  column in the right margin, so on a phone, where a tap leaves it shown, it covers
  neither the title nor the legend.
"""

from __future__ import annotations

import streamlit as st

# Every Plotly 2D button except zoom, reset and download (Streamlit adds fullscreen itself).
_REMOVE = ["pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d",
           "hoverClosestCartesian", "hoverCompareCartesian", "toggleSpikelines", "toggleHover", "resetViews"]
CONFIG = {
    "displaylogo": False,
    "displayModeBar": "hover",
    "modeBarButtonsToRemove": _REMOVE,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "scrollZoom": False,
    "responsive": True,
}


def is_phone() -> bool:
    """Whether the page is open on a phone: its browser says "Mobi" in the User-Agent, as
    iPhone and Android phones do (tablets and desktops do not). Only for figures that cannot
    shrink to a phone's width, such as the network diagram; everything else just stretches."""
    try:
        return "Mobi" in (st.context.headers.get("User-Agent") or "")
    except Exception:  # noqa: BLE001 — no request (bare mode, tests): not a phone
        return False


def show(fig, *, key: str, where=None) -> None:
    """Draw ``fig`` across the width of ``where`` (a column or container; default: the page)."""
    (where or st).plotly_chart(fig, key=key, theme=None, config=CONFIG, width="stretch")


__all__ = ["CONFIG", "is_phone", "show"]
