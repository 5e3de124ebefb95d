"""Seconds from a click to the first chart on a fresh server (issue 15), and on a warm one.

Default (fresh server): each sample starts its own ``streamlit run`` server, opens a page in
an already running headless Chromium as soon as the server answers ``/_stcore/health`` (a
visitor waking the app), measures the page's first paint (its Train or Compare button drawn)
and clicks as soon as the page is idle. Train: until the loss chart has its first point.
Compare, with the six activations it opens with: until all six runs have a point on the
validation-loss chart. The shipped server (``streamlit run streamlit_app.py``: TensorFlow's
import and the first compiles start with the server) and the baseline (``streamlit run app.py``:
they start with the first page run, as before 2026-12-03) are measured interleaved,
``--repeat`` times each; medians against the targets. A click at once waits for what is left
of the import and the compiles.

    python bench/first_chart.py --repeat 3 [--think 5]   # --think: the visitor reads 5 s first
    python bench/first_chart.py --repeat 2 --arrive 30   # the server was started 30 s before the first visit
    python bench/first_chart.py --repeat 2 --browser-idle   # Chromium only on the CPU the server leaves
    python bench/first_chart.py --new-shape --idle 8 --repeat 2   # warm server, a new network shape

``--new-shape``: on a server that has already trained once, a network of a new shape is
opened, left idle ``--idle`` seconds and trained; with and without ``NNLAB_PREWARM``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT, os.path.join(ROOT, "tests")]

from browser_support import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    browser_page,
    streamlit_server,
    unavailable_reason,
    wait_for_app,
)
from test_e2e_train import button, grad_layers, loss_points, wait_plots  # noqa: E402

from nnlab.i18n import t  # noqa: E402

TRAIN_TARGET, COMPARE_TARGET = 4.0, 6.0  # s, issue 15
BASELINE = "app.py"  # the start-up begins with the first page run
SHIPPED = "streamlit_app.py"  # … with the server (st.App's lifespan)
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
PLOTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => ({
    title: (p.layout && p.layout.title && p.layout.title.text) || '',
    n: (p.data || []).map(d => (d.x || []).length)}))"""


def _chart_counts(page, title: str) -> list[int]:
    """Points per trace of the chart titled ``title`` (the fullest if there are several)."""
    best: list[int] = []
    for p in page.evaluate(PLOTS_JS):
        if re.sub(r"<[^>]+>", "", p["title"]) == title and sum(p["n"]) >= sum(best):
            best = p["n"]
    return best


def _wait(predicate, timeout: float, page) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the charts never appeared")
        page.wait_for_timeout(50)


def fresh_sample(page, which: str, script: str, think: float = 0.0, arrive: float = 0.0) -> dict:
    """One fresh server: start → health → (``arrive`` s) → page painted → idle → click → first chart."""
    started = time.monotonic()
    with streamlit_server(script, timeout=120) as url:
        healthy = time.monotonic()
        time.sleep(arrive)  # the first visitor comes this long after the server is up
        visited = time.monotonic()
        path, btn = ("/train", "st-key-train_btn") if which == "train" else ("/compare", "st-key-compare_btn")
        page.goto(url + path)
        page.wait_for_selector(f".{btn} button", timeout=60_000)
        painted = time.monotonic()
        page.wait_for_timeout(300)  # a rerun just asked for flips the state to running
        page.wait_for_selector(APP_IDLE, timeout=60_000)
        page.wait_for_selector(f".{btn} button:not([disabled])", timeout=60_000)
        page.wait_for_timeout(think * 1000)
        clicked = time.monotonic()
        page.locator(f".{btn} button").first.click()
        if which == "train":
            title = t("charts.loss.title")
            _wait(lambda: sum(n >= 1 for n in _chart_counts(page, title)) >= 1, 120, page)
        else:
            title = t("compare.chart.val_loss.title")
            _wait(lambda: sum(n >= 1 for n in _chart_counts(page, title)) >= 6, 120, page)
        charted = time.monotonic()
        page.goto("about:blank")  # close the session before the server goes
    return {"health": healthy - started, "paint": painted - visited, "idle": clicked - visited,
            "chart": charted - clicked}


def fresh(repeat: int, think: float, arrive: float = 0.0, browser_idle: bool = False) -> None:
    from classroom_load import niced_chromium
    from playwright.sync_api import sync_playwright

    results = {(which, mode): [] for which in ("train", "compare") for mode in ("baseline", "shipped")}
    load = []
    with sync_playwright() as p, (niced_chromium() if browser_idle else contextlib.nullcontext(CHROMIUM)) as chromium:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for i in range(repeat):
                for which in ("train", "compare"):
                    modes = [("baseline", BASELINE), ("shipped", SHIPPED)]
                    for mode, script in (modes if i % 2 == 0 else modes[::-1]):
                        load.append(os.getloadavg()[0])
                        context = browser.new_context(viewport={"width": 1600, "height": 1000})
                        page = context.new_page()
                        sample = fresh_sample(page, which, script, think, arrive)
                        context.close()
                        results[(which, mode)].append(sample)
                        print(f"  {which:7} {mode:8} " + "  ".join(f"{k} {v:5.2f}" for k, v in sample.items()),
                              flush=True)
        finally:
            browser.close()
    print(f"fresh server, {repeat} servers per cell, interleaved, first visit {arrive:g} s after health, "
          f"{'Chromium at SCHED_IDLE (the browser gets only the CPU the server leaves)' if browser_idle else 'Chromium at normal priority'} "
          f"(paint and idle counted from the visit), click {think:g} s after the page is idle; "
          f"load average 1 min "
          f"{min(load):.2f}–{max(load):.2f} (median {statistics.median(load):.2f}); medians in s:")
    print(f"  {'':32} {'baseline':>9} {'shipped':>9}  target")
    rows = [("Train: click → first chart", "train", "chart", f"≤ {TRAIN_TARGET:g} s"),
            ("Compare: click → six overlays", "compare", "chart", f"≤ {COMPARE_TARGET:g} s"),
            ("Train page: visit → first paint", "train", "paint", "not slower"),
            ("Compare page: visit → first paint", "compare", "paint", "not slower"),
            ("Train page: visit → idle (click)", "train", "idle", ""),
            ("server start → health", "train", "health", "")]
    for label, which, field, target in rows:
        base, ship = (statistics.median(s[field] for s in results[(which, m)]) for m in ("baseline", "shipped"))
        verdict = ""
        if field == "chart":
            verdict = "met" if ship <= (TRAIN_TARGET if which == "train" else COMPARE_TARGET) else "NOT met"
        print(f"  {label:32} {base:9.2f} {ship:9.2f}  {target} {verdict}")


# --- a warm server, a network of a new shape (the bench before issue 15) ------------------------
THROWAWAY = "dataset=xor&depth=1&width=4&epochs=1000"
SHAPES = ["dataset=moons&depth={d}&width=12&epochs=1000", "dataset=spiral&depth={d}&width=20&activation=tanh&epochs=1000"]


def click_to_chart(page, url: str, query: str, idle: float) -> float:
    page.goto(f"{url}/train?{query}")
    wait_for_app(page)
    page.wait_for_timeout(idle * 1000)
    clicked = time.monotonic()
    button(page, t("train.btn.train")).click()
    wait_plots(page, lambda p: loss_points(p) >= 1 or grad_layers(p), timeout=120)
    seconds = time.monotonic() - clicked
    button(page, t("train.btn.stop")).click()
    ended = [t("live.stopped", epoch="", epochs="").split(" ")[0], t("live.finished", epochs="", seconds="").split(" ")[0]]
    page.wait_for_function("ts => ts.some(t => document.body.innerText.includes(t))",  # a short run may finish first
                           arg=ended, timeout=60_000)
    return seconds


def measure(prewarm: bool, idle: float, repeat: int) -> list[float]:
    env = {"NNLAB_PREWARM": "1" if prewarm else "0"}
    with streamlit_server(env=env) as url, browser_page(width=1600, height=1000) as page:
        click_to_chart(page, url, THROWAWAY, idle=1)
        out = []
        for i in range(repeat):
            for shape in SHAPES:  # a new shape each time: nothing compiled for it yet
                out.append(click_to_chart(page, url, shape.format(d=2 + i), idle))
        return out


def new_shape(idle: float, repeat: int) -> None:
    warm = measure(True, idle, repeat)
    cold = measure(False, idle, repeat)
    print(f"click → first chart data, new network shape, page idle {idle:g} s before the click:")
    print(f"  with warm-up   : median {statistics.median(warm):.2f} s  {[round(s, 2) for s in warm]}")
    print(f"  NNLAB_PREWARM=0: median {statistics.median(cold):.2f} s  {[round(s, 2) for s in cold]}")
    print(f"  ratio {statistics.median(warm) / statistics.median(cold):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--new-shape", action="store_true", help="a warm server and a new network shape")
    parser.add_argument("--idle", type=float, default=8.0, help="--new-shape: seconds the page sits idle")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--think", type=float, default=0.0, help="fresh: seconds between the page idle and the click")
    parser.add_argument("--browser-idle", action="store_true",
                        help="fresh: run Chromium at SCHED_IDLE, as bench/classroom_load.py does (in class the browsers "
                             "run on the students' machines, not beside the server)")
    parser.add_argument("--arrive", type=float, default=0.0,
                        help="fresh: seconds between the server's health and the first visit (a server started before class)")
    args = parser.parse_args()
    if unavailable_reason():
        sys.exit(f"cannot run: {unavailable_reason()}")
    if args.new_shape:
        new_shape(args.idle, args.repeat)
    else:
        fresh(args.repeat, args.think, args.arrive, args.browser_idle)


if __name__ == "__main__":
    main()
