"""Seconds from a click on Train to the first chart data, with and without background warm-up.

Drives the real Train page in headless Chromium against two ``streamlit run`` servers side
by side: one as shipped, one with ``NNLAB_PREWARM=0``. On each, a throwaway run first pays
the one-off TensorFlow import; then the page is opened with a network of a new shape, left
idle for ``--idle`` seconds (a teacher explaining the settings), and Train is clicked.

    python bench/first_chart.py --idle 8 --repeat 2
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT, os.path.join(ROOT, "tests")]

from browser_support import browser_page, streamlit_server, unavailable_reason, wait_for_app  # noqa: E402
from test_e2e_train import button, grad_layers, loss_points, wait_plots  # noqa: E402

from nnlab.i18n import t  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle", type=float, default=8.0)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if unavailable_reason():
        sys.exit(f"cannot run: {unavailable_reason()}")
    warm = measure(True, args.idle, args.repeat)
    cold = measure(False, args.idle, args.repeat)
    print(f"click → first chart data, new network shape, page idle {args.idle:g} s before the click:")
    print(f"  with warm-up   : median {statistics.median(warm):.2f} s  {[round(s, 2) for s in warm]}")
    print(f"  NNLAB_PREWARM=0: median {statistics.median(cold):.2f} s  {[round(s, 2) for s in cold]}")
    print(f"  ratio {statistics.median(warm) / statistics.median(cold):.2f}")


if __name__ == "__main__":
    main()
