"""End-to-end: the Train page's "Inside the network" section in headless Chromium at 1280×720.

A spiral run: the neuron maps and the diagram appear while it trains and refresh at least
once a second (their titles name the epoch drawn); every text is at least 12 px and the
diagram's ticks at least 14 px. Screenshots of the maps and of the diagram, each with the
section scrolled to the top of a 1280×720 window, go to ``artifacts/screenshots/`` and
``docs/inside-maps.png`` / ``docs/inside-diagram.png``. A 10-layer sigmoid net then shows
flat or saturated units labelled on their tiles (``docs/inside-flat.png``), and the
layer-level diagram.
Skips when Chromium or Playwright is missing, unless NNLAB_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from browser_support import (
    browser_marks,
    browser_page,
    chart_problems,
    screenshot_path,
    streamlit_server,
    wait_for_app,
)

from nnlab.i18n import t

ROOT = Path(__file__).resolve().parents[1]
pytestmark = browser_marks()

FIGS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => ({
    title: ((p.layout && p.layout.title && p.layout.title.text) || '').replace(/<[^>]+>/g, ''),
    heatmaps: (p.data || []).filter(d => d.type === 'heatmap').length,
    lines: (p.data || []).filter(d => d.mode === 'lines').map(d => (d.line || {}).color),
    notes: ((p.layout || {}).annotations || []).map(a => a.text)}))"""


def figures(page) -> list[dict]:
    return page.evaluate(FIGS_JS)


def figure(page, prefix: str) -> dict | None:
    return next((f for f in figures(page) if f["title"].startswith(prefix)), None)


def epoch_of(fig: dict | None) -> int | None:
    m = re.search(r"(\d+)\s*$", (fig or {}).get("title", "").rstrip(")"))
    return int(m.group(1)) if m else None


def button(page, label: str):
    return page.locator("[data-testid='stMainBlockContainer'] button").filter(has_text=label).first


def wait_for(page, predicate, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        page.wait_for_timeout(200)
    raise AssertionError("the condition never held")


def shot_of(page, heading: str, name: str) -> Path:
    """Scroll ``heading`` to the top of the window, screenshot the window, copy to docs/."""
    page.get_by_role("heading", name=heading).first.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(1200)
    path = screenshot_path(name)
    page.screenshot(path=str(path))
    shutil.copy(path, ROOT / "docs" / f"{name}.png")
    return path


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as base_url:
        yield base_url


def test_neuron_maps_and_diagram_live_and_on_screen(server):
    maps_title, diagram_title = t("inside.maps.title", epoch="").strip(), t("inside.diagram.title", epoch="").strip()
    with browser_page(width=1280, height=720) as page:
        page.goto(server + "/train?dataset=spiral&depth=3&width=8&epochs=3000&n_samples=1200")
        wait_for_app(page)
        page.locator(".st-key-train_pace button:visible", has_text=t("play.instant")).first.click()
        wait_for_app(page)
        button(page, t("train.btn.train")).click()
        maps = wait_for(page, lambda: (f := figure(page, maps_title)) and f["heatmaps"] == 24 and f)
        diagram = wait_for(page, lambda: (f := figure(page, diagram_title)) and f["lines"] and f)
        assert {"#0877bd", "#f59322"} <= set(diagram["lines"])  # edges of both signs
        # live: the maps move on whenever the page redraws (once a second on an idle server; the
        # loss chart's epoch count says when it redrew), never staying behind the other charts
        maps_seen, loss_seen, start = [], [], time.monotonic()
        while time.monotonic() - start < 8.0:
            maps_seen.append(epoch_of(figure(page, maps_title)))
            loss_seen.append(epoch_of(figure(page, t("charts.grad.bar.title", step="")[:12])))
            page.wait_for_timeout(200)
        maps_changes = sum(1 for a, b in zip(maps_seen, maps_seen[1:]) if a != b)
        page_changes = sum(1 for a, b in zip(loss_seen, loss_seen[1:]) if a != b)
        print(f"\nneuron maps: {maps_changes} new epochs drawn in 8 s ({sorted(set(maps_seen))}); "
              f"the gradient profile: {page_changes} redraws")
        assert maps_changes >= 4 and maps_changes >= page_changes - 2, (maps_seen, loss_seen)
        assert epoch_of(figure(page, diagram_title)) is not None
        button(page, t("train.btn.stop")).click()
        wait_for(page, lambda: t("live.stopped", epoch="", epochs="").split(" ")[0] in page.inner_text("body"), 60)
        wait_for_app(page)
        page.wait_for_timeout(1500)
        problems = chart_problems(page)
        assert not problems, problems
        shot_of(page, t("inside.heading"), "inside-maps")
        page.locator(".st-key-train_diagram").evaluate("el => el.scrollIntoView({block: 'end'})")
        page.wait_for_timeout(1200)
        page.screenshot(path=str(screenshot_path("inside-diagram")))
        shutil.copy(screenshot_path("inside-diagram"), ROOT / "docs" / "inside-diagram.png")
        assert maps["heatmaps"] == 24


def test_a_deep_sigmoid_net_shows_flat_units_and_the_layer_diagram(server):
    query = ("dataset=spiral&depth=10&width=8&activation=sigmoid&initializer=glorot_uniform&optimizer=sgd"
             "&learning_rate=0.1&epochs=30")
    with browser_page(width=1280, height=720) as page:
        page.goto(server + "/train?" + query)
        wait_for_app(page)
        page.locator(".st-key-train_pace button:visible", has_text=t("play.instant")).first.click()
        wait_for_app(page)
        button(page, t("train.btn.train")).click()
        wait_for(page, lambda: t("live.finished", epochs=30, seconds="")[:12] in page.inner_text("body"), 180)
        wait_for_app(page)
        maps = wait_for(page, lambda: figure(page, t("inside.maps.title", epoch=30)))
        labels = [n for n in maps["notes"] if n in (t("inside.flag.flat"), t("inside.flag.saturated"))]
        print(f"\n10-layer sigmoid: {len(labels)} of 80 tiles labelled flat or saturated")
        assert len(labels) >= 8, maps["notes"]
        assert figure(page, t("inside.diagram.layers_title", epoch=30)) is not None
        problems = chart_problems(page)
        assert not problems, problems
        page.locator(".st-key-train_neuron_maps").evaluate("el => el.scrollIntoView({block: 'end'})")
        page.wait_for_timeout(1200)
        page.screenshot(path=str(screenshot_path("inside-flat")))
        shutil.copy(screenshot_path("inside-flat"), ROOT / "docs" / "inside-flat.png")
        page.locator(".st-key-train_diagram").evaluate("el => el.scrollIntoView({block: 'end'})")
        page.wait_for_timeout(800)
        page.screenshot(path=str(screenshot_path("inside-layers")))
