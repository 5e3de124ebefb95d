"""End-to-end: the Train page in headless Chromium against a real ``streamlit run`` server.

Choose a 2-D data set, click Train, wait for live charts (read from Plotly's DOM), pause,
resume, stop; train a 10-layer sigmoid net on the spiral and check that the first layer's
gradient is orders of magnitude below the last hidden layer's. Screenshots go to
``artifacts/screenshots/`` and the vanishing-gradient one is copied to ``docs/train-page.png``.
Skips when Chromium or Playwright is missing, unless NNLAB_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from browser_support import (  # noqa: E402
    browser_marks,
    browser_page,
    full_screenshot,
    screenshot_path,
    streamlit_server,
    wait_for_app,
)

from nnlab.i18n import t

ROOT = Path(__file__).resolve().parents[1]
DOCS_SHOT = ROOT / "docs" / "train-page.png"
pytestmark = browser_marks()

# Every Plotly chart on the page: title, and per trace its name and number of points.
PLOTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => ({
    title: (p.layout && p.layout.title && p.layout.title.text) || '',
    traces: (p.data || []).map(d => ({name: d.name || '', type: d.type || 'scatter',
                                      n: (d.x || d.z || []).length,
                                      y: (d.type === 'bar' || (d.mode || '').includes('markers'))
                                          ? Array.from(d.y || []) : null}))}))"""


def plots(page) -> dict[str, list[dict]]:
    """Title (HTML tags removed: Streamlit's theme wraps titles in <b>) → traces of the fullest chart."""
    out: dict[str, list[dict]] = {}
    for p in page.evaluate(PLOTS_JS):
        title = re.sub(r"<[^>]+>", "", p["title"])
        if sum(tr["n"] or 0 for tr in p["traces"]) >= sum(tr["n"] or 0 for tr in out.get(title, [])):
            out[title] = p["traces"]
    return out


def wait_plots(page, predicate, timeout: float = 90.0) -> dict:
    deadline = time.monotonic() + timeout
    last = {}
    while time.monotonic() < deadline:
        last = plots(page)
        if predicate(last):
            return last
        page.wait_for_timeout(200)
    raise AssertionError(f"charts never satisfied the condition; last seen: { {k: v for k, v in last.items()} }")


def loss_points(p: dict) -> int:
    traces = p.get(t("charts.loss.title"), [])
    return max((tr["n"] for tr in traces if tr["name"] == t("charts.train")), default=0)


def grad_layers(p: dict) -> set[str]:
    return {tr["name"] for tr in p.get(t("charts.grad.lines.title"), []) if tr["n"] > 0}


def grad_bars(p: dict) -> list:
    for title, traces in p.items():
        if title.startswith(t("charts.grad.bar.title", step="")[:12]) and traces and traces[0]["y"]:
            return traces[0]["y"]
    return []


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar select box labelled ``label``."""
    box = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text=label)
    box.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")


def button(page, label: str):
    return page.locator("[data-testid='stMainBlockContainer'] button").filter(has_text=label).first


def status_text(page) -> str:
    return " ".join(page.locator("[data-testid='stMain'] [data-testid='stAlertContainer'], "
                                 "[data-testid='stMain'] [data-testid='stProgress']").all_inner_texts())


def save_docs_shot(page, shot: Path) -> None:
    """Copy the screenshot to docs/, cut just above the decision boundary (title to gradients)."""
    from PIL import Image

    heading = page.get_by_role("heading", name=t("train.boundary.heading")).first
    scroll = page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollTop")
    box = heading.bounding_box()
    DOCS_SHOT.parent.mkdir(exist_ok=True)
    with Image.open(shot) as image:
        bottom = int(box["y"] + scroll) if box else image.height
        image.crop((0, 0, image.width, min(image.height, max(bottom, 900)))).save(DOCS_SHOT, optimize=True)


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as base_url:
        yield base_url


def test_train_live_charts_pause_and_stop(server):
    with browser_page(width=1600, height=1000) as page:
        page.goto(server + "/train?depth=3&width=8&epochs=5000&n_samples=2000")  # a deep link on a fresh server
        wait_for_app(page)
        assert page.get_by_text("Language / 언어").count() == 1  # the shared page set-up ran on the first visit
        choose(page, t("field.dataset"), "Two moons")
        # the rerun that follows the choice writes it into the URL
        page.wait_for_function("() => location.search.includes('dataset=moons')", timeout=30_000)
        wait_for_app(page)
        clicked = time.monotonic()
        button(page, t("train.btn.train")).click()
        first = wait_plots(page, lambda p: loss_points(p) >= 1 or grad_layers(p))
        first_seconds = time.monotonic() - clicked
        seen = wait_plots(page, lambda p: loss_points(p) >= 3 and len(grad_layers(p)) == 4)
        print(f"\nfirst chart data {first_seconds:.1f} s after Train; "
              f">=3 loss points after {time.monotonic() - clicked:.1f} s")
        assert grad_layers(seen) == {"L1", "L2", "L3", "out"}  # one trace per layer
        assert first
        full_screenshot(page, screenshot_path("train-live-moons"))

        button(page, t("train.btn.pause")).click()
        page.wait_for_function("t => document.body.innerText.includes(t)", arg=t("live.paused", epoch="", epochs="")
                               .split(" ")[0], timeout=30_000)
        button(page, t("train.btn.resume")).click()
        page.wait_for_function("t => document.body.innerText.includes(t)", arg=t("live.running", epoch="", epochs="")
                               .split(":")[0], timeout=30_000)

        button(page, t("train.btn.stop")).click()
        stopped = t("live.stopped", epoch="", epochs="").split(" ")[0]  # "Stopped"
        page.wait_for_function("t => document.body.innerText.includes(t)", arg=stopped, timeout=60_000)
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
        page.wait_for_timeout(1500)
        assert stopped in status_text(page)
        assert t("results.title") in page.inner_text("body")
        full_screenshot(page, screenshot_path("train-stopped-moons"))


def test_deep_sigmoid_on_spiral_shows_vanishing_gradients(server):
    query = ("dataset=spiral&depth=10&width=16&activation=sigmoid&initializer=glorot_uniform"
             "&optimizer=sgd&learning_rate=0.1&epochs=5000")
    with browser_page(width=1600, height=1000) as page:
        page.goto(server + "/train?" + query)
        wait_for_app(page)
        clicked = time.monotonic()
        button(page, t("train.btn.train")).click()
        labels = {f"L{i}" for i in range(1, 11)} | {"out"}
        wait_plots(page, lambda p: grad_layers(p) == labels, timeout=180)
        print(f"\n10-layer sigmoid: first gradient lines {time.monotonic() - clicked:.1f} s after Train")
        wait_plots(page, lambda p: loss_points(p) >= 5 and grad_layers(p) == labels, timeout=180)
        bars = grad_bars(plots(page))
        assert len(bars) == 11
        ratio = bars[0] / bars[9]  # first vs last hidden layer
        print(f"\n10-layer sigmoid on spiral: |grad L1| / |grad L10| = {ratio:.1e}")
        assert ratio < 1e-2, ratio  # orders of magnitude smaller
        # the explanation and the heading of the gradient section are on screen
        assert t("train.grad.heading") in page.inner_text("body")
        page.locator(".st-key-train_pace button:visible", has_text="Hold").first.click()  # static charts: no stale fading in the picture
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
        page.wait_for_timeout(1500)
        shot = full_screenshot(page, screenshot_path("train-vanishing-sigmoid-spiral"))
        save_docs_shot(page, shot)
        page.locator(".st-key-train_pace button:visible", has_text="Hold").first.click()
        button(page, t("train.btn.stop")).click()
        page.wait_for_function("t => document.body.innerText.includes(t)",
                               arg=t("live.stopped", epoch="", epochs="").split(" ")[0], timeout=60_000)
