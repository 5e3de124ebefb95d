"""End-to-end: the Sweep page in headless Chromium against a real ``streamlit run`` server,
in Korean, on a 1280×720 projector and a 390×844 phone.

A sweep file written by ``nnlab.sweep.run_sweep`` (the lesson's Glorot & Bengio grid,
``tests/data/sweep_glorot.csv``) is opened through "Open a sweep file": the heatmap (nine
cells with their values), the parallel coordinates and the best configurations are drawn,
every chart text is large enough, no label runs into another and nothing is cut off. On
the phone the parallel coordinates give way to a note (they need a wider screen). The
projector's view of the heatmap is copied to ``docs/sweep-page-ko.png`` for the README.
Skips when Chromium or Playwright is missing, unless NNLAB_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import (  # noqa: E402
    PHONE_UA,
    browser_marks,
    browser_page,
    chart_problems,
    clipped_texts,
    full_screenshot,
    overlapping_chart_labels,
    plotly_figures,
    screenshot_path,
    streamlit_server,
    wait_for_app,
)

from nnlab.i18n import t  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SWEEP_CSV = ROOT / "tests" / "data" / "sweep_glorot.csv"
DOCS_SHOT = ROOT / "docs" / "sweep-page-ko.png"
pytestmark = browser_marks()


@pytest.fixture(scope="module")
def server():
    with streamlit_server(timeout=90) as url:
        yield url


def open_file(page, url: str) -> None:
    """The Sweep page in Korean with the lesson's sweep file opened; waits for its three charts."""
    page.goto(url + "/sweep?lang=ko")
    wait_for_app(page, timeout=60_000)
    page.get_by_text(t("sweep.file.open", "ko")).first.click()
    page.locator(".st-key-sweep_upload input[type='file']").set_input_files(str(SWEEP_CSV))
    page.locator(".st-key-sweep_file_best .js-plotly-plot").wait_for(timeout=60_000)
    wait_for_app(page, timeout=60_000)
    page.wait_for_timeout(800)  # charts settle to the column width


def heatmap_cells(page) -> list[str]:
    return page.evaluate("() => Array.from(document.querySelectorAll("
                         "\".st-key-sweep_file_heatmap .js-plotly-plot .heatmaplayer text\")).map(n => n.textContent)")


def check_legible(page, charts: int = 3) -> None:
    assert len(plotly_figures(page)) == charts
    assert chart_problems(page, min_tick_px=14, min_text_px=12) == []
    assert overlapping_chart_labels(page) == []
    # (the file input's own value, "C:\\fakepath\\…", is never shown: the uploader draws the name)
    assert [c for c in clipped_texts(page) if "fakepath" not in c] == []
    assert page.locator("[data-testid='stException']").count() == 0


def test_a_sweep_file_in_korean_on_a_projector(server):
    with browser_page(width=1280, height=720, locale="ko-KR") as page:
        open_file(page, server)
        cells = heatmap_cells(page)
        assert len(cells) == 9 and cells[:3] == ["50.0", "50.0", "50.0"]  # sigmoid at 5 layers: chance
        check_legible(page)
        titles = " ".join(f["title"] for f in plotly_figures(page))
        assert "테스트 정확도" in titles and "가중치 초기화" in titles
        # the projector's screen: the file's heading, the pickers and the heatmap
        page.get_by_role("heading", name="sweep_glorot.csv", exact=False).first.evaluate(
            "el => el.scrollIntoView({block: 'start'})")
        page.mouse.move(5, 5)  # no chart toolbar shown by the pointer resting over a chart
        page.wait_for_timeout(800)
        shot = screenshot_path("sweep-page-ko")
        page.screenshot(path=str(shot))
        DOCS_SHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, DOCS_SHOT)
        full_screenshot(page, screenshot_path("sweep-page-ko-full"))


def test_a_sweep_file_in_korean_on_a_phone(server):
    with browser_page(width=390, height=844, locale="ko-KR") as page:
        context = page.context.browser.new_context(viewport={"width": 390, "height": 844}, user_agent=PHONE_UA,
                                                   is_mobile=True, has_touch=True)
        try:
            phone = context.new_page()
            open_file(phone, server)
            check_legible(phone, charts=2)  # heatmap and best; parallel coordinates need a wider screen
            phone.get_by_text(t("sweep.view.parallel_phone", "ko")).wait_for()
            assert phone.evaluate("() => document.scrollingElement.scrollWidth") <= 390  # nothing sticks out
            full_screenshot(phone, screenshot_path("sweep-page-phone-ko"))
        finally:
            context.close()


def test_a_tiny_grid_runs_live_in_the_browser(server):
    """Run sweep: the progress bar counts the trials while the fragment polls, the heatmap
    fills in, and when the last trial ends the page shows every view without a reload."""
    query = ("dataset=xor&n_samples=100&epochs=40&width=4&depth=1&fields=activation"
             "&grid.activation=sigmoid,relu,tanh&seeds=1")
    with browser_page(width=1280, height=720) as page:
        page.goto(f"{server}/sweep?{query}")
        wait_for_app(page, timeout=60_000)
        page.get_by_text("3 trials", exact=False).first.wait_for()
        page.locator(".st-key-sweep_start button").first.click()
        page.get_by_text("of 3 trials", exact=False).first.wait_for(timeout=60_000)
        page.locator(".st-key-sweep_run_heatmap .js-plotly-plot").wait_for(timeout=120_000)  # filling in
        full_screenshot(page, screenshot_path("sweep-running"))
        page.get_by_text("All 3 trials done", exact=False).first.wait_for(timeout=180_000)
        page.locator(".st-key-sweep_run_best .js-plotly-plot").wait_for(timeout=30_000)
        wait_for_app(page, timeout=60_000)
        cells = page.evaluate("() => Array.from(document.querySelectorAll("
                              "\".st-key-sweep_run_heatmap .js-plotly-plot .heatmaplayer text\"))"
                              ".map(n => n.textContent)")
        assert len(cells) == 3 and all(c != "–" for c in cells)
        assert page.locator("[data-testid='stException']").count() == 0
        full_screenshot(page, screenshot_path("sweep-finished"))
