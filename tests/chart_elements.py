"""The charts of an AppTest run, as ``nnlab.ui.plots.show`` drew them.

``show`` draws through NN Lab's chart component (an ``st.components.v2`` element named
``nnlab.chart`` whose bytes are the figure JSON), so the figures are not
``at.get("plotly_chart")``. Use::

    from chart_elements import chart_figures, chart_elements

    for fig in chart_figures(at):          # data, layout, config (and the key)
        fig["layout"]["title"]["text"]
"""

from __future__ import annotations

import json

from nnlab.ui.plots import COMPONENT, PRELOAD


def chart_elements(at) -> list:
    """The chart component's elements in the app (in page order), without the one that
    only loads plotly.js ahead (``plots.preload_plotly``, in every page's sidebar)."""
    return [el for el in at.get("bidi_component")
            if el.proto.component_name == COMPONENT and el.proto.bytes != PRELOAD.encode()]


def chart_key(element) -> str:
    """The ``key=`` a chart was drawn with (its element id ends with ``-<key>``)."""
    parts = element.proto.id.split("-", 2)
    return parts[2] if len(parts) == 3 else ""


def chart_figure(element) -> dict:
    """One element's figure: ``data``, ``layout``, ``config``, ``labels`` and its ``key``."""
    return {**json.loads(element.proto.bytes.decode()), "key": chart_key(element)}


def chart_figures(at) -> list[dict]:
    """Every chart's figure (see ``chart_figure``), in page order."""
    return [chart_figure(el) for el in chart_elements(at)]


def chart_figures_by_title(at) -> dict[str, dict]:
    """Every chart's figure by its title text (a later chart with the same title wins)."""
    return {((fig["layout"].get("title") or {}).get("text") or ""): fig for fig in chart_figures(at)}
