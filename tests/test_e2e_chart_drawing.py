"""How the browser draws NN Lab's charts (``nnlab/ui/plot_component/chart.js``), in headless
Chromium: plotly.js is loaded ahead on a page that has no chart yet (so the first chart after
a click does not wait for 4.8 MB of script), from NN Lab's own route (compressed once, a 304
for a reopened tab) or, under ``streamlit run app.py``, from Streamlit's component route; and
a chart below the fold keeps up while the ones on screen are redrawn faster than the browser
draws them."""

from __future__ import annotations

import gzip
import textwrap
import urllib.error
import urllib.request

import pytest
from browser_support import browser_page, streamlit_server, unavailable_reason, wait_for_app

from nnlab.ui.plotly_asset import PATH
from nnlab.ui.plots import PLOTLY_JS

pytestmark = pytest.mark.skipif(unavailable_reason() is not None, reason=unavailable_reason() or "")


def test_plotly_js_is_loaded_ahead_on_a_page_without_charts():
    with streamlit_server(env={"NNLAB_PREWARM": "0"}) as url, browser_page(width=1280, height=720) as page:
        page.goto(url + "/")
        wait_for_app(page)
        assert page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length") == 0
        page.wait_for_function("() => window.Plotly && typeof window.Plotly.react === 'function'", timeout=20_000)
        assert _plotly_requests(page) == [url + PATH]
        # the element that asks for it takes no room in the sidebar
        box = page.locator("[data-testid='stSidebar'] .st-key-plotly_preload").bounding_box()
        assert box is None or box["height"] <= 1, box

        plain = PLOTLY_JS.read_bytes()
        status, headers, body = _get(url + PATH, {"Accept-Encoding": "gzip, deflate, br"})
        assert (status, headers["Content-Encoding"]) == (200, "gzip")
        assert len(body) < len(plain) / 2 and gzip.decompress(body) == plain
        etag = headers["ETag"]
        assert etag.startswith('"') and headers["Cache-Control"] == "no-cache"
        assert _get(url + PATH, {"Accept-Encoding": "gzip"})[2] == body  # the same bytes, compressed once
        status, headers, body = _get(url + PATH, {"Accept-Encoding": "gzip", "If-None-Match": etag})
        assert (status, body, headers["ETag"]) == (304, b"", etag)  # a reopened tab downloads nothing
        status, headers, body = _get(url + PATH, {"Accept-Encoding": "identity"})
        assert (status, headers.get("Content-Encoding"), body) == (200, None, plain)


def test_without_nnlabs_route_plotly_js_comes_from_the_component_route():
    # `streamlit run app.py` serves no routes of NN Lab's own: chart.js falls back.
    with streamlit_server("app.py", env={"NNLAB_PREWARM": "0"}) as url, browser_page(width=1280, height=720) as page:
        page.goto(url + "/")
        wait_for_app(page)
        page.wait_for_function("() => window.Plotly && typeof window.Plotly.react === 'function'", timeout=20_000)
        assert _plotly_requests(page) == [url + PATH, url + "/_stcore/bidi-components/nnlab.plotlyjs/plotly.min.js"]


def _plotly_requests(page) -> list[str]:
    return page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)"
                         ".filter(n => n.endsWith('/plotly.min.js'))")


def _get(url: str, headers: dict):
    """(status, the response's headers (any case), body)."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


LIVE = textwrap.dedent("""
    import time

    import plotly.graph_objects as go
    import streamlit as st

    from nnlab.ui import plots

    @st.fragment(run_every=0.15)
    def live():
        n = int(time.monotonic() * 1000) % 10_000_000  # a new figure for every chart at every rerun
        for i in range(10):
            fig = go.Figure(go.Scatter(x=list(range(400)), y=[((x * (i + 3) + n) % 97) for x in range(400)]),
                            layout={"title": {"text": f"chart {i} at {n}"}, "height": 320})
            plots.show(fig, key=f"chart{i}")

    live()
""")


def test_a_chart_below_the_fold_keeps_up_while_the_charts_on_screen_are_redrawn(tmp_path):
    """Redraws come faster than the browser draws ten charts, and a chart below the fold still
    gets new figures (a queue that drew the charts on screen first starved it, 2026-12-03)."""
    script = tmp_path / "live_charts.py"
    script.write_text(LIVE)
    with streamlit_server(str(script), env={"NNLAB_PREWARM": "0"}) as url, \
            browser_page(width=1280, height=720) as page:
        page.goto(url)
        wait_for_app(page, ready="[data-testid='stMain'] .js-plotly-plot", timeout=60_000)
        titles_js = ("() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
                     ".map(p => (p.layout && p.layout.title && p.layout.title.text) || '')")
        page.wait_for_function(f"() => ({titles_js})().length === 10", timeout=30_000)
        last_seen = []
        for _ in range(12):
            page.wait_for_timeout(500)
            last_seen.append(page.evaluate(titles_js)[-1])
        assert len(set(last_seen)) >= 4, last_seen  # the last chart moved on, again and again
