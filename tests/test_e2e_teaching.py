"""Browser test of the explorer, single-neuron and softmax pages: a real ``streamlit run``
server, headless Chromium, key numbers visible, charts drawn and legible (no bar on a log
axis, projector-sized text, no text cut off) on a projector and a phone, a screenshot of each
page saved in artifacts/screenshots/."""

import re
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import (  # noqa: E402
    CHART,
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
    swipe_up,
    wait_for_app,
)

pytestmark = browser_marks()

# url path, text that must be visible, number of Plotly charts drawn
PAGES = {
    "explorer": ("9.54e-07", 2),
    "neuron": ("Step 1000 of 1000", 1),
    "softmax": ("0.0900, 0.2447, 0.6652", 2),
}


@pytest.fixture(scope="module")
def base_url():
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url):
    with browser_page() as p:
        # Open the entry page once first (deep links on a fresh server have their own test below)
        p.goto(base_url)
        wait_for_app(p)
        yield p


def _open(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.wait_for_selector(f"{CHART} .main-svg")


@pytest.mark.parametrize("name", list(PAGES))
def test_page_shows_its_key_number(page, base_url, name):
    text, charts = PAGES[name]
    _open(page, f"{base_url}/{name}")
    page.get_by_text(text, exact=False).filter(visible=True).first.wait_for(timeout=10_000)
    assert page.locator(CHART).count() == charts
    assert page.locator("[data-testid='stException']").count() == 0
    full_screenshot(page, screenshot_path(f"teaching_{name}"))


# The classroom's screens: the teacher's projector and a student's phone, in Korean (the
# longer labels), plus the projector in English. The phone is a real mobile browser (touch,
# mobile User-Agent), so pages that lay a figure out for phones are checked as phones get it.
SCREENS = {"projector-ko": (1280, 720, "ko", False), "phone-ko": (390, 844, "ko", True),
           "projector-en": (1280, 720, "en", False)}


def _screen(page, screen: str):
    width, height, _, phone = SCREENS[screen]
    extra = {"user_agent": PHONE_UA, "is_mobile": True, "has_touch": True} if phone else {}
    return page.context.browser.new_context(viewport={"width": width, "height": height}, **extra)


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("name", list(PAGES))
def test_charts_and_texts_are_legible(page, base_url, name, screen):
    """Issue 11: no bar on a log axis, tick labels ≥ 14 px, every chart text ≥ 12 px, no
    chart labels running into each other, and no label, option or button text cut off."""
    context = _screen(page, screen)
    try:
        view = context.new_page()
        _open(view, f"{base_url}/{name}?lang={SCREENS[screen][2]}")
        view.wait_for_timeout(500)  # charts settle to the column width
        figures = plotly_figures(view)
        assert len(figures) == PAGES[name][1]
        assert all(fig["tick_px"] or not fig["log_axes"] for fig in figures)  # the checks saw real ticks
        assert chart_problems(view, min_tick_px=14, min_text_px=12) == []
        assert overlapping_chart_labels(view) == []
        assert clipped_texts(view) == []
        full_screenshot(view, screenshot_path(f"teaching_{name}_{screen}"))
    finally:
        context.close()


def test_phone_swipe_over_a_chart_scrolls_the_page(page, base_url):
    """Issue 11.12: on a touch screen Plotly cancels a touch that starts a drag-zoom, so a
    student could not scroll past a full-width chart."""
    context = page.context.browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                               is_mobile=True)
    try:
        phone = context.new_page()
        _open(phone, f"{base_url}/explorer?lang=ko")
        chart = phone.locator(f"{CHART} .nsewdrag").first
        chart.scroll_into_view_if_needed()
        phone.wait_for_timeout(500)
        assert swipe_up(phone, chart) > 100
    finally:
        context.close()


def test_neuron_buttons_step_through_training(page, base_url):
    _open(page, f"{base_url}/neuron")
    page.get_by_role("button", name="Reset", exact=True).click()
    wait_for_app(page)
    page.get_by_text("Step 0 of 1000").wait_for()
    page.get_by_role("button", name="Step", exact=True).click()
    wait_for_app(page)
    page.get_by_text("Step 1 of 1000").wait_for()


def test_tiny_network_update_in_browser(page, base_url):
    _open(page, f"{base_url}/softmax")
    page.get_by_text("0.274811").first.wait_for()
    page.get_by_role("button", name="Apply one update").click()
    wait_for_app(page)
    page.get_by_text("0.258015").first.wait_for()


def test_korean_explorer(page, base_url):
    _open(page, f"{base_url}/explorer?lang=ko")
    page.get_by_text("활성화 함수 탐색").first.wait_for()
    full_screenshot(page, screenshot_path("teaching_explorer_ko"))


def test_deep_link_on_fresh_server_runs_the_page_setup(page):
    """The very first visit to /explorer on a fresh server draws the shared page set-up
    (language picker, translated page list), not Streamlit's list of the pages/ file names."""
    p = page  # one Playwright instance per module: a second sync one cannot run beside it
    with streamlit_server() as url:
        p.goto(f"{url}/explorer")
        wait_for_app(p, timeout=20_000)
        nav = p.locator("[data-testid='stSidebar'] [data-testid='stPageLink']")
        nav.filter(has_text="Activation explorer").wait_for(timeout=10_000)
        assert p.locator("[data-testid='stSidebarNav']").count() == 0  # Streamlit's own list is hidden
        assert p.locator("[data-testid='stSidebar']").get_by_text("explorer", exact=True).count() == 0
        p.get_by_text("9.54e-07", exact=False).first.wait_for(timeout=15_000)


def test_neuron_play_animates_and_pauses(page, base_url):
    _open(page, f"{base_url}/neuron")
    page.get_by_role("button", name="Reset", exact=True).click()
    wait_for_app(page)
    page.get_by_role("button", name="Play").click()
    # the fragment advances ~1/60 of the run every 0.2 s
    page.get_by_text(re.compile(r"Step ([1-9]\d+) of 1000")).first.wait_for(timeout=20_000)
    page.get_by_role("button", name="Pause").click()
    wait_for_app(page)

    def step_text():
        return page.get_by_text(re.compile(r"Step \d+ of 1000")).first.inner_text()

    # A fragment tick already in flight when Pause was clicked may still land: wait until
    # the step has settled (at most 5 s), then it must stay put while paused.
    shown, deadline = step_text(), time.monotonic() + 5
    while time.monotonic() < deadline:
        page.wait_for_timeout(500)
        now = step_text()
        if now == shown:
            break
        shown = now
    page.wait_for_timeout(1500)
    assert step_text() == shown
