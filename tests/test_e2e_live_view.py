"""End-to-end: what a class sees on the Train and Compare pages, in Korean, on a 1280×720
projector and a 390×844 phone.

- The default run (spiral 3×16, 100 epochs) unfolds: its charts show at least five
  intermediate states at the default pace, and at no frame during the run is there a copy
  of a chart (more charts than once settled, or two for one key) or a blank chart (one
  that had data and has none, or is gone): each chart is updated in place.
- A chart the user zoomed keeps its zoom while the run goes on redrawing it.
- The first chart is inside the first screen after pressing Train (projector and phone).
- Chart rules: no bar on a log axis, tick labels ≥ 14 px at 1280×720, no chart text below
  12 px, no colliding value labels, no text clipped with an ellipsis.
Skips when Chromium or Playwright is missing, unless NNLAB_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import time

import pytest
from browser_support import (  # noqa: E402
    browser_marks,
    browser_page,
    chart_problems,
    chart_watch,
    clipped_texts,
    overlapping_chart_labels,
    screenshot_path,
    streamlit_server,
    wait_for_app,
    watch_charts,
)

from nnlab import i18n
from nnlab.i18n import t

pytestmark = browser_marks()

# Per chart: how many points its fullest trace has, whether it has any data, and where it starts.
CHARTS_JS = """() => Array.from(document.querySelectorAll("[data-testid='stMain'] .js-plotly-plot")).map(el => ({
  title: ((el._fullLayout || {}).title || {}).text || '',
  key: ((el.closest('[class*="st-key-"]') || {}).className || '').split(' ').filter(c => c.startsWith('st-key-'))[0]
       || '',
  points: Math.max(0, ...(el._fullData || []).map(d => (d.x || d.z || []).length || 0)),
  lengths: (el._fullData || []).map(d => (d.x || d.z || []).length || 0),
  top: el.getBoundingClientRect().top,
}))"""


@pytest.fixture(scope="module")
def server():
    with streamlit_server(env={"NNLAB_PREWARM": "1"}) as url:
        with browser_page(width=1280, height=720) as page:  # bring TensorFlow up before timing anything
            page.goto(url + "/train?lang=ko&epochs=2")
            wait_for_app(page)
            page.locator(".st-key-train_btn button:visible").first.click()
            page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length > 0",
                                   timeout=180_000)
        yield url


def _charts(page) -> list[dict]:
    return page.evaluate(CHARTS_JS)


def _loss_points(charts: list[dict]) -> int | None:
    """Epochs drawn in the loss chart (its per-epoch lines; the per-step line is bucketed)."""
    loss = [c for c in charts if c["title"] == t("charts.loss.title", "ko")]
    lengths = [n for n in loss[0]["lengths"] if n] if loss else []
    return min(lengths) if lengths else None


def test_the_default_run_unfolds_on_a_projector_without_blanks_or_copies(server):
    with browser_page(width=1280, height=720) as page:
        page.goto(server + "/train?lang=ko&epochs=100")
        wait_for_app(page)
        watch_charts(page)  # every animation frame from here on: copies and blanks
        page.locator(".st-key-train_btn button:visible").first.click()
        clicked = time.monotonic()
        states, first_top = set(), None
        deadline = clicked + 120
        while time.monotonic() < deadline:
            charts = _charts(page)
            if charts and first_top is None:
                first_top = min(c["top"] for c in charts)
                first_chart_after = time.monotonic() - clicked
            n = _loss_points(charts)
            if n:
                states.add(n)
            if n is not None and n >= 100 and page.locator("[data-testid='stApp'][data-test-script-state="
                                                                "'notRunning']").count():
                break
            page.wait_for_timeout(250)
        page.screenshot(path=str(screenshot_path("live-view-projector-ko")))
        print(f"\nfirst chart {first_chart_after:.1f} s after Train at y = {first_top:.0f} px; "
              f"loss chart states seen: {sorted(states)}")
        assert first_top is not None and first_top < 720, "the first chart starts inside the first screen"
        intermediate = {n for n in states if 0 < n < max(states)}
        assert len(intermediate) >= 5, f"the run unfolded in only {len(intermediate)} intermediate states"
        page.wait_for_timeout(1000)
        settled = _charts(page)
        seen = chart_watch(page)
        print(f"checked {seen['frames']} frames; most charts at once {seen['most']}, settled {len(settled)}")
        # 7 live charts, the neuron maps and the diagram ("Inside the network"), the confusion matrix
        # (the distributions over time are drawn only when their expander is opened)
        assert len(settled) == 10, [c["title"] for c in settled]
        assert len({c["key"] for c in settled}) == 10, [c["key"] for c in settled]
        # Each redraw updates a chart in place: st.plotly_chart remounted a chart whose figure
        # changed and kept the old one (faded) beside it until the new one was drawn.
        assert seen["frames"] > 100, seen
        assert seen["most"] <= len(settled), f"transient copies: {seen['most']} charts at once; {seen['copies']}"
        assert not seen["copies"], f"one key had several charts: {seen['copies']}"
        assert not seen["blanks"], f"charts went blank after being drawn: {seen['blanks']}"
        assert chart_problems(page) == []
        assert overlapping_chart_labels(page) == []
        assert clipped_texts(page) == []


# The loss chart: its element (marked once, to tell an update from a remount), its x range
# and whether the user changed it, and how many epochs it shows.
LOSS_JS = """mark => { const el = document.querySelector(".st-key-train_loss .js-plotly-plot");
  if (!el || !el._fullLayout) return null;
  if (mark) el.__nnlabMark = mark;
  const lengths = (el._fullData || []).map(d => (d.x || []).length).filter(n => n);
  return {mark: el.__nnlabMark || null, range: el._fullLayout.xaxis.range.slice(),
          autorange: el._fullLayout.xaxis.autorange, epochs: lengths.length ? Math.min(...lengths) : 0}; }"""


def test_a_zoomed_chart_keeps_its_zoom_while_the_run_redraws_it(server):
    with browser_page(width=1280, height=720) as page:
        page.goto(server + "/train?lang=ko&epochs=100")
        wait_for_app(page)
        page.locator(".st-key-train_pace button").filter(has_text=t("play.slow", "ko")).first.click()
        wait_for_app(page)
        page.locator(".st-key-train_btn button:visible").first.click()
        page.wait_for_function(f"() => ({LOSS_JS})(null)?.epochs >= 5", timeout=120_000)
        chart = page.locator(".st-key-train_loss .js-plotly-plot")
        chart.scroll_into_view_if_needed()
        chart.hover()
        chart.locator(".modebar-btn[data-attr='dragmode'][data-val='zoom']").click()
        box = chart.locator(".nsewdrag").first.bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + 5)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] - 5, steps=8)
        page.mouse.up()
        zoomed = page.evaluate(LOSS_JS, "zoomed")
        assert zoomed["autorange"] is False, zoomed
        later = zoomed
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and later["epochs"] < min(100, zoomed["epochs"] + 20):
            page.wait_for_timeout(250)
            later = page.evaluate(LOSS_JS, None)
        page.screenshot(path=str(screenshot_path("live-view-zoom-kept")))
        print(f"\nzoomed at {zoomed['epochs']} epochs to x = {zoomed['range']}; "
              f"at {later['epochs']} epochs x = {later['range']}")
        assert later["epochs"] >= zoomed["epochs"] + 10, "the run went on redrawing the chart"
        assert later["mark"] == "zoomed", "the chart was updated in place, not mounted anew"
        assert later["autorange"] is False
        assert later["range"] == pytest.approx(zoomed["range"], rel=1e-6), "the zoom was kept"


def test_on_a_phone_the_first_chart_is_in_the_first_screen_after_train(server):
    with browser_page(width=390, height=844) as page:
        page.goto(server + "/train?lang=ko&epochs=30")
        wait_for_app(page)
        summary = page.locator("[data-testid='stCaptionContainer']").first.inner_text()
        assert i18n.display_name("dataset", "spiral", "ko") in summary and "30" in summary  # what the link loaded
        page.locator(".st-key-train_btn button:visible").first.click()
        page.wait_for_function("() => document.querySelectorAll(\"[data-testid='stMain'] .js-plotly-plot\")"
                               ".length > 0", timeout=60_000)
        page.wait_for_timeout(500)
        top = min(c["top"] for c in _charts(page))
        page.screenshot(path=str(screenshot_path("live-view-phone-ko")))
        assert top < 844, f"first chart starts at {top:.0f} px, below a 844-px phone screen"
        assert chart_problems(page, min_tick_px=12) == []
        assert clipped_texts(page) == []


def test_compare_draws_its_overlays_in_the_first_screens_without_broken_text(server):
    with browser_page(width=1280, height=720) as page:
        page.goto(server + "/compare?lang=ko&epochs=20")
        wait_for_app(page)
        page.locator(".st-key-compare_btn button:visible").first.click()
        page.wait_for_function("() => document.querySelectorAll(\"[data-testid='stMain'] .js-plotly-plot\")"
                               ".length >= 6", timeout=120_000)
        page.wait_for_function("t => document.body.innerText.includes(t)",
                               arg=t("compare.summary.heading", "ko"), timeout=120_000)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(screenshot_path("live-view-compare-ko")))
        assert min(c["top"] for c in _charts(page)) < 720
        assert chart_problems(page) == []
        assert clipped_texts(page) == []
