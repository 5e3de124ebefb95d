"""End-to-end: lessons in headless Chromium against a real ``streamlit run`` server, on a
1280×720 projector viewport.

- A shared Korean lesson link (``/compare?lesson=vanishing_gradients&lang=ko&epochs=10``) on
  a fresh server opens Compare with the lesson box in Korean above the controls, the
  lesson's settings (10 layers; sigmoid and ReLU), and after Compare the charts and then the
  verdict with its numbers.
- Home in Korean shows the lessons as cards under their topic headings; a card's link opens
  its lesson on its page, in Korean, with ``?lesson=`` in the URL.
Screenshots go to ``artifacts/screenshots/lessons-*.png``. Skips when Chromium or Playwright
is missing, unless NNLAB_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import (  # noqa: E402
    browser_marks,
    browser_page,
    full_screenshot,
    screenshot_path,
    streamlit_server,
    wait_for_app,
)

from nnlab import lessons  # noqa: E402
from nnlab.config import FIELD_SPECS  # noqa: E402
from nnlab.i18n import display_name, t  # noqa: E402
from nnlab.ui.lessons import first_sentences  # noqa: E402

pytestmark = browser_marks()
KO = "ko"
MAIN = "[data-testid='stMain']"
CHARTS_JS = "() => document.querySelectorAll(\"[data-testid='stMain'] .js-plotly-plot\").length"


def test_a_shared_korean_compare_lesson_link_opens_runs_and_says_what_was_seen():
    with streamlit_server(timeout=90) as url, browser_page(width=1280, height=720) as page:
        page.goto(url + "/compare?lesson=vanishing_gradients&lang=ko&epochs=10")
        wait_for_app(page, timeout=120_000)
        query = parse_qs(urlparse(page.url).query)
        assert query.get("lesson") == ["vanishing_gradients"] and query.get("lang") == ["ko"]
        assert query.get("epochs") == ["10"]
        box = page.locator(".st-key-lesson_box_compare")
        box.get_by_text(t("lesson.vanishing_gradients.title", KO)).first.wait_for()
        watch = first_sentences(t("lesson.vanishing_gradients.watch", KO))
        assert box.get_by_text(watch, exact=False).first.is_visible()
        assert box.is_visible() and box.bounding_box()["y"] < 720  # on the first screen of a projector

        depth = page.locator("[data-testid='stSidebar'] [data-testid='stSlider']").filter(
            has_text=t(FIELD_SPECS["depth"].label, KO)).first
        assert depth.locator("[data-testid='stSliderThumbValue']").inner_text().strip() == "10"
        picked = page.locator(f"{MAIN} [data-testid='stMultiSelect']").first.inner_text().split("\n")
        names = [display_name("activation", a, KO) for a in ("sigmoid", "relu")]
        assert [line.strip() for line in picked if line.strip() in names] == names, picked
        page.mouse.move(5, 5)
        page.screenshot(path=str(screenshot_path("lessons-compare-open-ko")))

        page.locator(".st-key-compare_btn button").first.click()
        page.wait_for_function(f"() => ({CHARTS_JS})() >= 4", timeout=180_000)
        held = t("lesson.claim.held", KO, text="").strip()
        box.get_by_text(held, exact=False).first.wait_for(timeout=240_000)  # every run finished and checked
        wait_for_app(page, timeout=60_000)
        verdict = box.locator("[data-testid='stAlertContentSuccess']").inner_text()
        assert "sigmoid" in verdict and "ReLU" in verdict, verdict  # the numbers of both runs
        assert page.locator("[data-testid='stException']").count() == 0
        page.mouse.move(5, 5)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(screenshot_path("lessons-compare-verdict-ko")))
        full_screenshot(page, screenshot_path("lessons-compare-verdict-ko-full"))


def test_home_in_korean_shows_the_lesson_cards_a_card_opens_its_lesson_and_a_phone_reads_it():
    with streamlit_server(env={"NNLAB_PREWARM": "0"}) as url:
        with browser_page(width=1280, height=720) as page:
            page.goto(url + "/?lang=ko")
            wait_for_app(page, timeout=60_000)
            page.get_by_text(t("lesson.home.heading", KO), exact=True).first.wait_for()
            main = page.locator(MAIN)
            for topic in lessons.TOPICS:
                assert main.get_by_text(t(f"lesson.topic.{topic}", KO), exact=True).count() == 1
            for name in lessons.names():
                assert main.get_by_text(t(f"lesson.{name}.title", KO), exact=True).count() == 1, name
            page.get_by_text(t("lesson.topic.lecture", KO), exact=True).first.scroll_into_view_if_needed()
            page.mouse.move(5, 5)
            page.screenshot(path=str(screenshot_path("lessons-home-ko")))
            full_screenshot(page, screenshot_path("lessons-home-ko-full"))

            card = main.locator("[data-testid='stVerticalBlockBorderWrapper'], [data-testid='stVerticalBlock']").filter(
                has_text=t("lesson.zero_init.title", KO)).last
            card.locator("[data-testid='stPageLink'] a").first.click()
            page.wait_for_url("**/train?*")
            wait_for_app(page, timeout=60_000)
            query = parse_qs(urlparse(page.url).query)
            assert query.get("lesson") == ["zero_init"] and query.get("lang") == ["ko"], page.url
            page.locator(".st-key-lesson_box_train").get_by_text(t("lesson.zero_init.title", KO)).first.wait_for()
            assert page.locator("[data-testid='stException']").count() == 0

        with browser_page(width=390, height=844) as phone:  # the same lesson box, readable on a phone
            phone.goto(url + "/compare?lesson=vanishing_gradients&lang=ko")
            wait_for_app(phone, timeout=60_000)
            box = phone.locator(".st-key-lesson_box_compare")
            box.get_by_text(t("lesson.vanishing_gradients.title", KO)).first.wait_for()
            assert phone.evaluate("() => document.scrollingElement.scrollWidth") <= 390  # nothing sticks out sideways
            box.get_by_role("button", name=t("lesson.btn.reset", KO)).first.wait_for(state="visible")
            phone.screenshot(path=str(screenshot_path("lessons-compare-phone-ko")))
