"""End-to-end: the Compare page in headless Chromium against a real ``streamlit run`` server.

Open the page with the spiral set and 8 layers, keep the default six activations, click
Compare, see at least two live traces while the runs train, then read the gradient
profile from Plotly's DOM and check that sigmoid's first layer sits orders of magnitude
below ReLU's early in training. Screenshots go to ``artifacts/screenshots/``; the final
one is copied to ``docs/compare-page.png``. Skips when Chromium or Playwright is missing,
unless NNLAB_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import re
import shutil
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import (  # noqa: E402
    browser_marks,
    browser_page,
    full_screenshot,
    screenshot_path,
    streamlit_server,
    wait_for_app,
)

from nnlab.i18n import display_name  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DOCS_SHOT = ROOT / "docs" / "compare-page.png"
pytestmark = browser_marks()

SIX = ["sigmoid", "tanh", "relu", "elu", "gelu", "swish"]
SHOWN = [display_name("activation", a) for a in SIX]  # the charts name runs by display name
PLOTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => ({
    title: (p.layout && p.layout.title && p.layout.title.text) || '',
    traces: (p.data || []).map(d => ({name: d.name || '', type: d.type || 'scatter',
                                      x: Array.from(d.x || []), y: Array.from(d.y || [])}))}))"""


def plots(page) -> dict[str, list[dict]]:
    """Chart title (HTML removed) → its traces."""
    return {re.sub(r"<[^>]+>", "", p["title"]): p["traces"] for p in page.evaluate(PLOTS_JS)}


def chart(page, prefix: str) -> list[dict]:
    return next((traces for title, traces in plots(page).items() if title.startswith(prefix)), [])


def wait_until(predicate, timeout: float, poll: float = 0.5):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(poll)
    raise AssertionError(f"condition not met within {timeout} s")


@pytest.fixture(scope="module")
def server():
    with streamlit_server(timeout=90) as url:
        # Open / once first, so the test below does not also time the server's first page run.
        with browser_page() as page:
            page.goto(url + "/")
            wait_for_app(page, timeout=60_000)
        yield url


def test_compare_six_activations_live(server):
    with browser_page(width=1500, height=1000) as page:
        page.goto(f"{server}/compare?dataset=spiral&depth=8&epochs=300")
        wait_for_app(page, timeout=60_000)
        assert page.get_by_text("identical initial weights", exact=False).first.is_visible()
        page.locator(".st-key-compare_btn button").first.click()

        def live_traces():
            traces = chart(page, "Validation loss per epoch")
            return len([tr for tr in traces if len(tr["x"]) >= 1]) >= 2 and traces

        traces = wait_until(live_traces, timeout=180)
        assert [tr["name"] for tr in traces] == SHOWN
        assert page.locator(".st-key-compare_stop_all button").first.is_enabled()  # still training: live
        assert page.locator("[data-testid='stException']").count() == 0
        page.mouse.move(5, 5)
        full_screenshot(page, screenshot_path("compare_live"))

        page.get_by_text("Ensemble test accuracy").wait_for(timeout=240_000)  # every run finished
        wait_for_app(page, timeout=60_000)
        assert page.locator("[data-testid='stDataFrame']").count() == 1
        ratio = {tr["name"]: tr["y"] for tr in chart(page, "Gradient ratio L1 / last hidden")}
        assert list(ratio) == SHOWN
        assert max(y for y in ratio["Sigmoid"][:3] if y) < 1e-3  # vanished at the start
        assert min(y for y in ratio["ReLU"][:3] if y) > 1e-2

        # The gradient profile at epoch 1: sigmoid's first layer orders of magnitude below ReLU's.
        thumb = page.locator(".st-key-compare_profile_epoch input[type='range']").first
        thumb.focus()
        page.keyboard.press("ArrowRight")
        wait_for_app(page, timeout=60_000)
        wait_until(lambda: any(t.startswith("Gradient profile (epoch 1)") for t in plots(page)), 30)
        profile = {tr["name"]: tr["y"] for tr in chart(page, "Gradient profile")}
        gap = profile["ReLU"][0] / profile["Sigmoid"][0]
        assert gap > 100, f"ReLU's first-layer gradient is only {gap:.1f}× sigmoid's"
        assert page.get_by_text("orders of magnitude", exact=False).first.is_visible()
        assert page.locator("[data-testid='stException']").count() == 0
        page.mouse.move(5, 5)  # no tooltip in the picture
        shot = full_screenshot(page, screenshot_path("compare_done"))
        DOCS_SHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, DOCS_SHOT)
