"""End-to-end: presenter mode on a 1280×720 projector and the copied link, in headless
Chromium against a real ``streamlit run`` server.

- A teacher opens a Korean Compare lesson in presenter mode, presses the lesson box's own
  Run button, and the charts come up on the first screen with projector-sized text (tick
  labels ≥ 18 px); the advanced controls are not in the sidebar.
- "Copy link" puts the address of the page as shown on the clipboard; a student's fresh
  browser opening it gets the same page: lesson, compared values, settings, presenter mode.
Screenshots: ``artifacts/screenshots/presenter-compare-ko*.png`` (the README's comes from
here). Skips when Chromium or Playwright is missing, unless NNLAB_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import (  # noqa: E402
    browser_marks,
    browser_page,
    chart_problems,
    screenshot_path,
    streamlit_server,
    wait_for_app,
)

from nnlab.config import FIELD_SPECS  # noqa: E402
from nnlab.i18n import display_name, t  # noqa: E402

pytestmark = browser_marks()
KO = "ko"
MAIN = "[data-testid='stMain']"
SIDEBAR = "[data-testid='stSidebar']"
CHART_TOPS = "() => Array.from(document.querySelectorAll(\"[data-testid='stMain'] .js-plotly-plot\"))" \
             ".map(e => e.getBoundingClientRect().top)"


def picked_values(page) -> list[str]:
    lines = page.locator(f"{MAIN} [data-testid='stMultiSelect']").first.inner_text().split("\n")
    return [line.strip() for line in lines if line.strip()]


def test_presenter_mode_on_a_projector_and_its_link_in_a_students_browser():
    with streamlit_server(timeout=90) as url:
        with browser_page(width=1280, height=720) as page:
            page.context.grant_permissions(["clipboard-read", "clipboard-write"])
            page.goto(url + "/compare?lesson=vanishing_gradients&lang=ko&present=1")
            wait_for_app(page, timeout=120_000)
            box = page.locator(".st-key-lesson_box_compare")
            box.get_by_text(t("lesson.vanishing_gradients.title", KO)).first.wait_for()
            labels = page.locator(f"{SIDEBAR} [data-testid='stWidgetLabel']")
            assert labels.get_by_text(t(FIELD_SPECS["depth"].label, KO), exact=True).count() == 1
            assert labels.get_by_text(t(FIELD_SPECS["seed"].label, KO), exact=True).count() == 0  # hidden
            watch = box.locator("[class*='st-key-lesson_text_'] p").first  # the lesson's text, large
            assert float(watch.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 22
            page.mouse.move(5, 5)
            page.screenshot(path=str(screenshot_path("presenter-compare-ko-open")))

            run = box.get_by_role("button", name=t("lesson.btn.run", KO))
            assert run.bounding_box()["y"] < 720  # the one button to press, on the first screen
            run.click()
            page.wait_for_function(f"() => ({CHART_TOPS})().length >= 4", timeout=180_000)
            page.wait_for_timeout(4000)  # a few epochs drawn
            page.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollTo(0, 0)")
            page.mouse.move(5, 5)
            page.screenshot(path=str(screenshot_path("presenter-compare-ko")))
            tops = page.evaluate(CHART_TOPS)
            assert min(tops) < 560, tops  # the first charts start on the projector's first screen
            problems = chart_problems(page, min_tick_px=18, min_text_px=15)
            assert not problems, problems
            held = t("lesson.claim.held", KO, text="").strip()
            box.get_by_text(held, exact=False).first.wait_for(timeout=240_000)  # the runs ended, the claim held

            # the teacher adds a run and changes a setting: the link follows
            values = page.locator(f"{MAIN} [data-testid='stMultiSelect']").first
            values.click()
            page.keyboard.type("Tanh")
            page.keyboard.press("Enter")
            page.keyboard.press("Escape")
            page.wait_for_function("() => location.search.includes('values=')", timeout=30_000)
            epochs = page.locator(f"{SIDEBAR} [data-testid='stNumberInput']").filter(
                has_text=t(FIELD_SPECS["epochs"].label, KO)).first.locator("input")
            epochs.fill("20")
            epochs.press("Enter")
            page.wait_for_function("() => location.search.includes('epochs=20')", timeout=30_000)

            page.get_by_text(t("share.copy", KO)).first.click()
            page.get_by_text(t("share.copied", KO)).first.wait_for()
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == page.url, (copied, page.url)
            query = parse_qs(urlparse(copied).query)
            assert query["lesson"] == ["vanishing_gradients"] and query["present"] == ["1"]
            assert query["values"] == ["sigmoid,relu,tanh"] and query["epochs"] == ["20"]

        with browser_page(width=1280, height=720) as student:  # a fresh browser: nothing in common but the link
            student.goto(copied)
            wait_for_app(student, timeout=120_000)
            student.locator(".st-key-lesson_box_compare").get_by_text(
                t("lesson.vanishing_gradients.title", KO)).first.wait_for()
            names = [display_name("activation", a, KO) for a in ("sigmoid", "relu", "tanh")]
            assert [v for v in picked_values(student) if v in names] == names
            switch = student.locator(f"{SIDEBAR} input[role=switch][aria-label=\"{t('present.toggle', KO)}\"]")
            assert switch.is_checked()  # presenter mode
            assert student.locator(f"{MAIN} h1").first.is_hidden()  # and its projector layout
            epochs = student.locator(f"{SIDEBAR} [data-testid='stNumberInput']").filter(
                has_text=t(FIELD_SPECS["epochs"].label, KO)).first.locator("input")
            assert epochs.input_value() == "20"
            assert parse_qs(urlparse(student.url).query) == query  # the page writes back the same link
            assert student.locator("[data-testid='stException']").count() == 0
