"""The Python side of NN Lab's chart component (``nnlab.ui.plots``): the JSON it sends for a
figure, that a redrawn chart keeps its element identity (so the browser updates it in place
instead of remounting it), and that its assets, plotly.js included, are where Streamlit
serves them from."""

from __future__ import annotations

import base64
import json
import re
import textwrap
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from chart_elements import chart_elements, chart_figures, chart_key
from streamlit.testing.v1 import AppTest

from nnlab.ui import plots


def _figure() -> go.Figure:
    return go.Figure(go.Scatter(x=[0, 1, 2], y=np.array([0.5, 0.25, 0.125]), name="loss"),
                     layout={"height": 320, "title": {"text": "Loss"}, "font": {"size": 17}})


def test_figure_json_carries_data_layout_toolbar_and_a_stable_uirevision():
    sent = json.loads(plots.figure_json(_figure(), key="train_loss", labels={"fullscreen": "Full screen"}))
    assert set(sent) == {"data", "layout", "config", "labels"}
    (trace,) = sent["data"]
    assert (trace["type"], trace["name"], trace["x"]) == ("scatter", "loss", [0, 1, 2])
    # numpy arrays travel as Plotly's typed arrays (base64), as st.plotly_chart sends them
    assert trace["y"]["dtype"] == "f8"
    assert np.frombuffer(base64.b64decode(trace["y"]["bdata"]), "f8").tolist() == [0.5, 0.25, 0.125]
    assert sent["layout"]["height"] == 320 and sent["layout"]["font"] == {"size": 17}  # the figure's own style
    assert sent["layout"]["uirevision"] == "train_loss"  # zoom survives redraws of this chart
    assert sent["config"] == plots.CONFIG
    assert sent["config"]["toImageButtonOptions"] == {"format": "png", "scale": 2}
    assert sent["config"]["displayModeBar"] == "hover" and sent["config"]["responsive"] is True
    assert sent["labels"] == {"fullscreen": "Full screen"}


def test_a_figure_that_sets_its_own_uirevision_keeps_it_and_is_not_changed():
    fig = {"data": [{"type": "bar", "x": [1, 2], "y": [3, 4]}], "layout": {"uirevision": "run-7"}}
    sent = json.loads(plots.figure_json(fig, key="k"))
    assert sent["layout"]["uirevision"] == "run-7"
    assert fig == {"data": [{"type": "bar", "x": [1, 2], "y": [3, 4]}], "layout": {"uirevision": "run-7"}}
    assert json.loads(plots.figure_json({"data": [], "layout": {}}, key="k"))["layout"]["uirevision"] == "k"


def test_a_figure_on_the_default_template_gets_plotly_colours_not_streamlit_placeholders():
    import plotly.io as pio
    import streamlit  # noqa: F401 — makes Streamlit's template (placeholder colours) Plotly's default

    assert pio.templates.default == "streamlit"
    text = plots.figure_json(go.Figure(go.Scatter(y=[1, 2])), key="k")
    assert not re.search(r'"#0000[0-4][0-9]"', text)  # its front end swapped these; nothing does here
    template = json.loads(text)["layout"]["template"]
    assert template["layout"]["colorway"][:2] == ["#636efa", "#EF553B"]  # Plotly's own, as theme=None showed


SCRIPT = textwrap.dedent("""
    import plotly.graph_objects as go
    import streamlit as st
    from nnlab.ui.plots import show

    n = st.session_state["n"] = st.session_state.get("n", 2) + 1
    left, right = st.columns(2)
    show(go.Figure(go.Scatter(x=list(range(n)), y=list(range(n))), layout={"title": {"text": "A"}}),
         key="grows", where=left)
    show(go.Figure(go.Heatmap(z=[[1, 2], [3, n]])), key="heat")
""")


def test_show_sends_the_figure_to_the_chart_component_and_a_redraw_keeps_its_identity(tmp_path: Path):
    script = tmp_path / "page.py"
    script.write_text(SCRIPT)
    at = AppTest.from_file(str(script)).run(timeout=30)
    assert not at.exception, at.exception
    assert not at.get("plotly_chart")
    first = chart_elements(at)
    assert [chart_key(el) for el in first] == ["grows", "heat"]
    proto = first[0].proto
    assert (proto.js_source_path, proto.css_source_path, proto.isolate_styles) == ("chart.js", "chart.css", False)
    assert not proto.js_content  # the script is an asset, fetched once, not sent with every redraw
    assert proto.bytes.decode() == plots.figure_json(
        go.Figure(go.Scatter(x=[0, 1, 2], y=[0, 1, 2]), layout={"title": {"text": "A"}}),
        key="grows", labels={"fullscreen": "Full screen (Esc to leave)"})
    ids = [el.proto.id for el in first]

    at.run(timeout=30)  # the figures change (n = 4): same elements, new data
    again = chart_figures(at)
    assert [el.proto.id for el in chart_elements(at)] == ids
    assert again[0]["data"][0]["x"] == [0, 1, 2, 3] and again[1]["data"][0]["z"] == [[1, 2], [3, 4]]


def test_the_assets_and_plotly_js_are_registered_where_streamlit_serves_them():
    from streamlit.components.v2.component_manager import BidiComponentManager
    from streamlit.web.server.component_file_utils import build_safe_abspath

    from nnlab.ui import streamlit_internals

    manager = BidiComponentManager()
    streamlit_internals.register_component_assets(manager, plots.PROJECT, "chart", plots.ASSETS)
    streamlit_internals.register_component_assets(manager, plots.PROJECT, "plotlyjs", plots.PLOTLY_JS.parent)
    chart_root = manager.get_component_path(plots.COMPONENT)
    library_root = manager.get_component_path(plots.LIBRARY)
    assert manager.get(plots.COMPONENT) is not None and manager.get(plots.LIBRARY) is not None
    assert Path(build_safe_abspath(chart_root, "chart.js")).read_text().count("Plotly.react") >= 1
    assert Path(build_safe_abspath(chart_root, "chart.css")).exists()
    plotly_js = Path(build_safe_abspath(library_root, "plotly.min.js"))
    assert plotly_js == plots.PLOTLY_JS.resolve() and plotly_js.stat().st_size > 1_000_000
    with pytest.raises(streamlit_internals.StreamlitInternalsChanged, match="register_from_manifest"):
        streamlit_internals.register_component_assets(object(), plots.PROJECT, "chart", plots.ASSETS)
    # chart.js finds plotly.js beside its own URL: /_stcore/bidi-components/<LIBRARY>/plotly.min.js
    assert f'"../{plots.LIBRARY}/plotly.min.js"' in (plots.ASSETS / "chart.js").read_text()
