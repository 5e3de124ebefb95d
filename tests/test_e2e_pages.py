"""End-to-end: NN Lab's pages in Streamlit's own ``pages/`` multipage mode, in headless
Chromium against a real ``streamlit run`` server.

- A fresh server's very first visit to a deep link (``/train?depth=4&lang=ko``) lands on the
  Train page, in Korean, with the link's settings, and Train works on the first click (a
  fresh server for that test: the first visit is the case that used to need a rerun).
- The sidebar lists the pages by their localized names, not Streamlit's list of file names;
  each link navigates, on a desktop and on a phone, and the language stays; ``/`` is home.
- Streamlit's Deploy button is not shown.
Skips when Chromium or Playwright is missing, unless NNLAB_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from browser_support import browser_marks, browser_page, streamlit_server, wait_for_app

from nnlab.i18n import t
from nnlab.ui.common import PAGES

pytestmark = browser_marks()

NAV = "[data-testid='stSidebar'] [data-testid='stPageLink']"
# Trace names of every Plotly chart in the main area that has data
TRACES_JS = """() => Array.from(document.querySelectorAll("[data-testid='stMain'] .js-plotly-plot"))
  .flatMap(el => (el._fullData || []).filter(d => (d.x || d.z || []).length).map(d => d.name || ''))"""


def nav_labels(page) -> list[str]:
    return [" ".join(text.split()[1:]) for text in page.locator(NAV).all_inner_texts()]  # minus the icon


def assert_no_streamlit_chrome(page) -> None:
    """Neither Streamlit's own page list (file names) nor its Deploy button."""
    assert page.locator("[data-testid='stSidebarNav']").count() == 0
    assert page.locator("[data-testid='stAppDeployButton']").count() == 0
    assert page.get_by_role("button", name="Deploy").count() == 0


def test_a_deep_link_on_a_fresh_server_lands_on_its_page_with_its_settings_and_train_works():
    with streamlit_server() as url, browser_page(width=1400, height=900) as page:
        page.goto(url + "/train?depth=4&epochs=20&lang=ko")
        wait_for_app(page, timeout=120_000)
        assert urlparse(page.url).path == "/train"
        assert parse_qs(urlparse(page.url).query).get("depth") == ["4"]
        page.get_by_role("heading", name=t("train.title", "ko")).first.wait_for()
        assert nav_labels(page) == [t(f"nav.{name}", "ko") for _, name, _ in PAGES]
        assert_no_streamlit_chrome(page)
        summary = page.locator("[data-testid='stMain'] [data-testid='stCaptionContainer']").first.inner_text()
        assert "4 × " in summary and "20" in summary, summary  # the link's depth and epochs

        page.locator(".st-key-train_btn button:visible").first.click()  # once: the first click trains
        page.wait_for_function(f"() => ({TRACES_JS})().includes('L4')", timeout=120_000)
        traces = set(page.evaluate(TRACES_JS))
        assert {"L1", "L2", "L3", "L4"} <= traces and "L5" not in traces  # four hidden layers


@pytest.fixture(scope="module")
def server():
    with streamlit_server(env={"NNLAB_PREWARM": "0"}) as url:  # no training here
        yield url


def test_home_and_the_localized_page_list_navigate_on_a_desktop(server):
    with browser_page(width=1280, height=720) as page:
        page.goto(server + "/")
        wait_for_app(page)
        page.get_by_role("heading", name=t("app.title")).first.wait_for()
        assert nav_labels(page) == [t(f"nav.{name}") for _, name, _ in PAGES]
        assert_no_streamlit_chrome(page)

        page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox'] input").click()
        page.get_by_role("option", name="한국어").click()
        wait_for_app(page)
        for path, name, _ in PAGES[1:]:
            page.locator(NAV).filter(has_text=t(f"nav.{name}", "ko")).click()
            page.wait_for_url(f"**/{name}*")
            wait_for_app(page)
            assert urlparse(page.url).path == f"/{name}", path
            assert parse_qs(urlparse(page.url).query).get("lang") == ["ko"]  # the language stays
            assert nav_labels(page) == [t(f"nav.{n}", "ko") for _, n, _ in PAGES]
        page.locator(NAV).filter(has_text=t("nav.home", "ko")).click()
        page.wait_for_function("() => location.pathname === '/'")
        wait_for_app(page)
        page.get_by_role("heading", name=t("home.pages", "ko")).first.wait_for()


def test_on_a_phone_a_page_link_navigates(server):
    """On a phone the sidebar starts closed; a link in it opens its page. (Unlike the list
    ``st.navigation`` draws, ``st.page_link`` leaves the sidebar open after navigating; a tap
    on the page or « closes it.)"""
    with browser_page(width=390, height=844) as page:
        page.goto(server + "/explorer")
        wait_for_app(page)
        sidebar = page.locator("[data-testid='stSidebar']")
        assert sidebar.get_attribute("data-collapsed") == "true"
        page.locator("[data-testid='stExpandSidebarButton']").click()
        page.wait_for_function("() => document.querySelector(\"[data-testid='stSidebar']\")"
                               ".getAttribute('data-collapsed') === 'false'")
        page.locator(NAV).filter(has_text=t("nav.neuron")).click()
        page.wait_for_url("**/neuron*")
        wait_for_app(page)
        page.get_by_role("heading", name=t("neuron.title")).first.wait_for()
