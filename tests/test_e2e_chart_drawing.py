"""How the browser draws NN Lab's charts (``nnlab/ui/plot_component/chart.js``), in headless
Chromium: plotly.js is loaded ahead on a page that has no chart yet (so the first chart after
a click does not wait for 4.8 MB of script), and charts that arrive together are drawn one
per task, so the browser can paint the first before the others are done."""

from __future__ import annotations

import textwrap

import pytest
from browser_support import browser_page, streamlit_server, unavailable_reason, wait_for_app

pytestmark = pytest.mark.skipif(unavailable_reason() is not None, reason=unavailable_reason() or "")

# Counts Plotly.react calls and, for each, how many calls had been made when a task queued at
# its call ran: 1 + its index if the next chart waited for a later task, more if it did not.
REACT_SPY = """
window.__reacts = [];
let plotly;
Object.defineProperty(window, "Plotly", {
  configurable: true,
  get() { return plotly; },
  set(value) {
    const react = value.react;
    value.react = function (gd, data, layout, config) {
      const entry = { title: layout && layout.title && layout.title.text, callsBeforeNextTask: null };
      window.__reacts.push(entry);
      setTimeout(() => { entry.callsBeforeNextTask = window.__reacts.length; }, 0);
      return react.call(this, gd, data, layout, config);
    };
    plotly = value;
  },
});
"""

CHARTS = textwrap.dedent("""
    import plotly.graph_objects as go
    import streamlit as st

    from nnlab.ui import plots

    for i in range(8):
        fig = go.Figure(go.Scatter(x=list(range(50)), y=[(x * (i + 1)) % 7 for x in range(50)]),
                        layout={"title": {"text": f"chart {i}"}, "height": 300})
        plots.show(fig, key=f"chart{i}")
""")


def test_charts_that_arrive_together_are_drawn_one_per_task(tmp_path):
    script = tmp_path / "charts.py"
    script.write_text(CHARTS)
    with streamlit_server(str(script), env={"NNLAB_PREWARM": "0"}) as url, \
            browser_page(width=1280, height=720) as page:
        page.add_init_script(REACT_SPY)
        page.goto(url)
        wait_for_app(page, ready="[data-testid='stMain'] .js-plotly-plot")
        page.wait_for_function("() => window.__reacts.length >= 8 && "
                               "window.__reacts.every(e => e.callsBeforeNextTask !== null)", timeout=30_000)
        reacts = page.evaluate("() => window.__reacts")
        assert sorted(r["title"] for r in reacts) == sorted(f"chart {i}" for i in range(8))
        # All eight were waiting for plotly.js when it arrived; back to back they would be one
        # task (the first call's queued task would run after all eight calls).
        assert [r["callsBeforeNextTask"] for r in reacts] == list(range(1, 9)), reacts
        assert page.evaluate("() => document.querySelectorAll('.nnlab-chart[data-error]').length") == 0


def test_plotly_js_is_loaded_ahead_on_a_page_without_charts():
    with streamlit_server(env={"NNLAB_PREWARM": "0"}) as url, browser_page(width=1280, height=720) as page:
        page.goto(url + "/")
        wait_for_app(page)
        assert page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length") == 0
        page.wait_for_function("() => window.Plotly && typeof window.Plotly.react === 'function'", timeout=20_000)
        loaded = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)"
                               ".filter(n => n.endsWith('/plotly.min.js'))")
        assert len(loaded) == 1, loaded
        # the element that asks for it takes no room in the sidebar
        box = page.locator("[data-testid='stSidebar'] .st-key-plotly_preload").bounding_box()
        assert box is None or box["height"] <= 1, box
