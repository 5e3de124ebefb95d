"""End-to-end: the Train page's "Distributions over time" section in headless Chromium at a
projector's 1280×720, against a real ``streamlit run`` server.

Trains a 6-layer tanh net on the spiral, opens the section (closed, it draws no chart),
checks the ridges of L1's weights, switches to the weight gradient (a log axis), checks the
chart rules (ticks ≥ 14 px, no bars on log axes), and saves the section's screenshot to
``docs/histograms-train.png`` for the README. Skips when Chromium or Playwright is missing,
unless NNLAB_REQUIRE_BROWSER=1. Run it under the lock:
``flock /tmp/nnlab-browser.lock nice -n 15 python3 -m pytest tests/test_e2e_histograms.py -x -q``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from browser_support import browser_marks, browser_page, chart_problems, screenshot_path, streamlit_server, wait_for_app

from nnlab.i18n import t

ROOT = Path(__file__).resolve().parents[1]
DOCS_SHOT = ROOT / "docs" / "histograms-train.png"
pytestmark = browser_marks()

CHARTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => ({
    title: ((p.layout && p.layout.title && p.layout.title.text) || '').replace(/<[^>]+>/g, ''),
    ridges: (p.data || []).filter(d => d.fill === 'toself').length,
    xtype: (p._fullLayout && p._fullLayout.xaxis && p._fullLayout.xaxis.type) || ''}))"""


def hist_chart(page, title: str) -> dict | None:
    return next((c for c in page.evaluate(CHARTS_JS) if c["title"] == title), None)


def wait_chart(page, title: str, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        chart = hist_chart(page, title)
        if chart and chart["ridges"] >= 3:
            return chart
        page.wait_for_timeout(250)
    raise AssertionError(f"no chart {title!r}; charts: {page.evaluate(CHARTS_JS)}")


def test_distributions_over_time_on_a_projector():
    query = "dataset=spiral&depth=6&width=16&activation=tanh&initializer=glorot_uniform&epochs=80"
    with streamlit_server() as server, browser_page(width=1280, height=720) as page:
        page.goto(server + "/train?" + query)
        wait_for_app(page)
        page.locator("[data-testid='stMainBlockContainer'] button").filter(
            has_text=t("train.btn.train")).first.click()
        page.wait_for_function("t => document.body.innerText.includes(t)", arg=t("results.title"), timeout=180_000)
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
        weights_title = t("hist.title", layer="L1", kind=t("hist.kind.weights"))
        assert hist_chart(page, weights_title) is None  # closed: no figure built or drawn
        section = page.locator("[data-testid='stExpander']").filter(has_text=t("hist.heading")).first
        section.locator("summary").click()
        chart = wait_chart(page, weights_title)
        assert chart["xtype"] == "linear"
        section.locator("button").filter(has_text=t("hist.kind.grad")).first.click()
        grad_title = t("hist.title", layer="L1", kind=t("hist.kind.grad"))
        chart = wait_chart(page, grad_title)
        assert chart["xtype"] == "log" and 3 <= chart["ridges"] <= 12
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
        page.wait_for_timeout(1000)
        problems = [p for p in chart_problems(page) if re.search("epoch", p, re.I)]
        assert not problems, problems
        section.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        shot = screenshot_path("histograms-train")
        section.screenshot(path=str(shot))
        DOCS_SHOT.parent.mkdir(exist_ok=True)
        DOCS_SHOT.write_bytes(shot.read_bytes())
