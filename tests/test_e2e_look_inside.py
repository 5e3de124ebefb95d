"""End-to-end, in Korean: Compare's "Look inside one run" on a 1280×720 projector and a 390×844
phone, and the screenshots of issue 14's views for the README, in headless Chromium against a
real ``streamlit run`` server.

- Compare (projector): a tiny comparison (spiral, 2 × 8 units, ReLU against tanh) runs to
  the end; the section is folded (no neuron map drawn); opened, it draws the first run's 16
  tiles; choosing tanh redraws them for tanh and puts ``inside=tanh`` in the address; chart
  text is legible (ticks ≥ 14 px) and no text is cut off. The epoch scrubber moved back
  redraws the maps at that epoch. Screenshot: ``docs/compare-inside-ko.png``.
- Compare (phone, a mobile User-Agent): a link naming tanh opens the section on it; four
  tiles a row, nothing sticks out sideways.
- Train (projector): the neuron maps, the diagram, the histograms, a replayed epoch and
  "Show the code", each a screenshot in ``artifacts/screenshots/*-ko.png`` (the README's
  "Show the code" is ``docs/code-ko.png``); then presenter mode: the code is hidden, the maps
  are drawn larger.
Skips when Chromium or Playwright is missing, unless NNLAB_REQUIRE_BROWSER=1. Run it under
the lock: ``flock /tmp/nnlab-browser.lock nice -n 15 python3 -m pytest tests/test_e2e_look_inside.py -q``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from browser_support import (
    browser_marks,
    browser_page,
    chart_problems,
    clipped_texts,
    screenshot_path,
    streamlit_server,
    wait_for_app,
)
from test_e2e_inside import wait_for

from nnlab.i18n import display_name, t

ROOT = Path(__file__).resolve().parents[1]
KO = "ko"
pytestmark = browser_marks()
MAIN = "[data-testid='stMain']"
PHONE_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.0 Mobile/15E148 Safari/604.1")
COMPARE = "/compare?lang=ko&dataset=spiral&n_samples=400&depth=2&width=8&epochs=20&values=relu,tanh"

# each chart by the key it was drawn with (its element container's st-key-… class)
CHARTS_JS = """() => Array.from(document.querySelectorAll("[data-testid='stMain'] .js-plotly-plot")).map(p => ({
    key: (((p.closest('[class*="st-key-"]') || {}).className || '').split(' ')
          .filter(c => c.startsWith('st-key-'))[0] || '').slice(7),
    title: ((p.layout && p.layout.title && p.layout.title.text) || '').replace(/<[^>]+>/g, ''),
    heatmaps: (p.data || []).filter(d => d.type === 'heatmap').length,
    notes: ((p.layout || {}).annotations || []).map(a => a.text),
    width: p.getBoundingClientRect().width}))"""


# labels on a chart (annotations) that run into its title or subtitle
INTO_TITLE_JS = """key => {
  const el = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  const boxes = sel => Array.from(el.querySelectorAll(sel)).map(n => n.getBoundingClientRect()).filter(r => r.height);
  const titles = boxes('.g-gtitle text'), out = [];
  for (const n of el.querySelectorAll('.annotation')) {
    const a = n.getBoundingClientRect();
    if (titles.some(b => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1
                         && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1)) out.push(n.textContent);
  }
  return [titles.length, out];
}"""


def chart(page, key: str) -> dict | None:
    return next((c for c in page.evaluate(CHARTS_JS) if c["key"] == key), None)


def rows(fig: dict | None) -> list[str]:
    return [n for n in (fig or {}).get("notes", []) if " · " in (n or "")]


def button(page, label: str, where: str = MAIN):
    return page.locator(f"{where} button:visible").filter(has_text=label).first


def instant(page, key: str) -> None:
    """The replay's pace: instant (the charts show the latest numbers)."""
    page.locator(f".st-key-{key}_pace button:visible", has_text=t("play.instant", KO)).first.click()
    wait_for_app(page)


def to_top(page, selector: str, offset: int = 10) -> None:
    """Scroll the main area so ``selector`` starts ``offset`` px below the window's top."""
    page.evaluate("([sel, off]) => { const el = document.querySelector(sel);"
                  " document.querySelector(\"[data-testid='stMain']\").scrollBy(0, el.getBoundingClientRect().top - off); }",
                  [selector, offset])
    page.mouse.move(5, 5)
    page.wait_for_timeout(1000)


def shot(page, name: str, docs: bool = False) -> Path:
    path = screenshot_path(name)
    page.screenshot(path=str(path))
    if docs:
        shutil.copy(path, ROOT / "docs" / f"{name}.png")
    return path


def run_comparison(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page, timeout=120_000)
    instant(page, "compare")
    button(page, t("compare.btn.compare", KO)).click()
    page.wait_for_selector(".st-key-compare_replay_epoch", state="attached", timeout=240_000)  # ended: the scrubber
    wait_for_app(page, timeout=60_000)


@pytest.fixture(scope="module")
def server():
    with streamlit_server(timeout=90) as base_url:
        yield base_url


def test_compare_look_inside_one_run_on_a_projector(server):
    with browser_page(width=1280, height=720, locale="ko-KR") as page:
        run_comparison(page, server + COMPARE)
        assert chart(page, "compare_loss") is not None and chart(page, "compare_neuron_maps") is None  # folded
        section = page.locator(".st-key-compare_inside_open")
        section.locator("summary").first.click()
        relu = wait_for(page, lambda: (c := chart(page, "compare_neuron_maps")) and c["heatmaps"] == 16 and c)
        assert relu["title"].startswith(t("inside.maps.title", KO, epoch=20))
        assert all(display_name("activation", "relu", KO) in r for r in rows(relu)), rows(relu)
        assert wait_for(page, lambda: chart(page, "compare_diagram"), 15)  # drawn just after the maps
        section.locator("button").filter(has_text=display_name("activation", "tanh", KO)).first.click()
        tanh = wait_for(page, lambda: (c := chart(page, "compare_neuron_maps")) and "Tanh" in " ".join(rows(c)) and c)
        assert tanh["heatmaps"] == 16 and rows(tanh) != rows(relu)
        page.wait_for_function("() => location.search.includes('inside=tanh')", timeout=30_000)
        wait_for_app(page)
        page.wait_for_timeout(800)
        problems = chart_problems(page)
        assert not problems, problems
        assert clipped_texts(page) == [] and page.locator("[data-testid='stException']").count() == 0
        to_top(page, ".st-key-compare_inside_open", 70)
        shot(page, "compare-inside-ko", docs=True)

        page.locator(".st-key-compare_hist-open summary").first.click()
        hist = wait_for(page, lambda: chart(page, "compare_hist"))
        assert hist["title"] == t("hist.title", KO, layer="L1", kind=t("hist.kind.weights", KO))
        wait_for_app(page)
        page.locator(".st-key-compare_hist").evaluate("el => el.scrollIntoView({block: 'end'})")
        page.wait_for_timeout(1000)
        shot(page, "compare-inside-hist-ko")

        slider = page.locator(".st-key-compare_replay_epoch input[type='range']").first
        slider.focus()
        page.keyboard.press("Home")
        for _ in range(4):
            page.keyboard.press("ArrowRight")  # epoch 5
        back = wait_for(page, lambda: (c := chart(page, "compare_neuron_maps"))
                        and int(re.findall(r"\d+", c["title"])[-1]) <= 5 and c, 60)
        assert back["heatmaps"] == 16 and "Tanh" in " ".join(rows(back))


def test_compare_look_inside_on_a_phone(server):
    with browser_page(width=390, height=844, locale="ko-KR") as first:
        context = first.context.browser.new_context(viewport={"width": 390, "height": 844}, user_agent=PHONE_UA,
                                                    is_mobile=True, has_touch=True, locale="ko-KR")
        try:
            page = context.new_page()
            run_comparison(page, server + COMPARE + "&inside=tanh")  # a link naming a run opens the section on it
            maps = wait_for(page, lambda: (c := chart(page, "compare_neuron_maps")) and c["heatmaps"] == 2 * 4 and c)  # four a row
            assert "Tanh" in " ".join(rows(maps))  # drawn live from the start, then at the end
            assert page.locator("[data-testid='stException']").count() == 0
            wait_for_app(page)
            page.wait_for_timeout(800)
            assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 390  # nothing sticks out
            assert page.evaluate(f"() => document.querySelector(\"{MAIN}\").scrollWidth") <= 390
            assert maps["width"] <= 390
            assert chart_problems(page) == []
            to_top(page, ".st-key-compare_inside_open", 70)
            shot(page, "compare-inside-phone-ko")
        finally:
            context.close()


def test_the_views_of_issue_14_in_korean_for_the_readme(server):
    with browser_page(width=1280, height=720, locale="ko-KR") as page:
        page.goto(server + "/train?lang=ko&dataset=spiral&depth=3&width=8&epochs=40")
        wait_for_app(page, timeout=120_000)
        instant(page, "train")
        button(page, t("train.btn.train", KO)).click()
        page.wait_for_selector(".st-key-train_replay_epoch", state="attached", timeout=240_000)
        wait_for_app(page, timeout=60_000)
        wait_for(page, lambda: (c := chart(page, "train_neuron_maps")) and c["heatmaps"] == 24)
        page.wait_for_timeout(800)
        problems = chart_problems(page)
        assert not problems, problems
        page.get_by_role("heading", name=t("inside.heading", KO)).first.evaluate(
            "el => el.scrollIntoView({block: 'start'})")
        page.mouse.move(5, 5)
        page.wait_for_timeout(1000)
        shot(page, "inside-maps-ko")
        page.locator(".st-key-train_diagram").evaluate("el => el.scrollIntoView({block: 'end'})")
        page.wait_for_timeout(1000)
        shot(page, "inside-diagram-ko")

        hist = page.locator("[data-testid='stExpander']").filter(has_text=t("hist.heading", KO)).first
        hist.locator("summary").click()
        wait_for(page, lambda: chart(page, "train_hist"))
        wait_for_app(page)
        page.locator(".st-key-train_hist").evaluate("el => el.scrollIntoView({block: 'end'})")
        page.wait_for_timeout(1000)
        shot(page, "histograms-ko")

        code = page.locator("[data-testid='stExpander']").filter(has_text=t("code.title", KO)).first
        code.locator("summary").click()
        code.locator("[data-testid='stCode']").first.wait_for()
        assert "Sequential" in code.inner_text()
        to_top(page, "[data-testid='stExpander']:has([data-testid='stCode'])")
        shot(page, "code-ko", docs=True)

        slider = page.locator(".st-key-train_replay_epoch input[type='range']").first
        slider.focus()
        page.keyboard.press("Home")
        for _ in range(9):
            page.keyboard.press("ArrowRight")  # epoch 10
        wait_for(page, lambda: (c := chart(page, "train_neuron_maps")) and int(re.findall(r"\d+", c["title"])[-1]) <= 10, 60)
        wait_for_app(page)
        to_top(page, ".st-key-train_replay_controls", 60)
        shot(page, "replay-ko")

        # presenter mode: the code leaves the page, the maps get projector-sized text
        page.locator(f"[data-testid='stSidebar'] input[role=switch][aria-label=\"{t('present.toggle', KO)}\"]") \
            .first.click(force=True)
        page.wait_for_function("() => location.search.includes('present=1')", timeout=30_000)
        wait_for_app(page)
        wait_for(page, lambda: chart(page, "train_neuron_maps"))
        assert page.locator("[data-testid='stExpander']").filter(has_text=t("code.title", KO)).count() == 0
        page.wait_for_timeout(1000)
        problems = chart_problems(page, min_tick_px=18, min_text_px=15)
        assert not problems, problems
        titles, into_title = page.evaluate(INTO_TITLE_JS, "train_neuron_maps")
        assert titles >= 2 and into_title == [], into_title  # the larger row labels clear the subtitle
        page.get_by_role("heading", name=t("inside.heading", KO)).first.evaluate(
            "el => el.scrollIntoView({block: 'start'})")
        page.mouse.move(5, 5)
        page.wait_for_timeout(1000)
        shot(page, "inside-maps-presenter-ko")
