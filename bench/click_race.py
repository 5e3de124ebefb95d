"""Do Pause/Resume clicks on the Train page act exactly once while the charts poll?

Streamlit 1.67 can deliver one button click twice while an ``st.fragment(run_every=…)``
polls (see ``nnlab/ui/clicks.py``); with a toggling callback, pause-then-resume looks like
a lost click. This drives the real page in headless Chromium: start a long run, then click
Pause and Resume N times and count clicks after which the button did not flip within 6 s.
``--load K`` adds K busy processes, as on a loaded classroom laptop or a CI machine.
Measured before the fix (toggle callback): 3 of 40 clicks had no effect with --load 2.

    python bench/click_race.py --clicks 40 --load 2
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT, os.path.join(ROOT, "tests")]

from browser_support import browser_page, streamlit_server, unavailable_reason, wait_for_app  # noqa: E402
from test_e2e_train import button as main_button  # noqa: E402

from nnlab.i18n import t  # noqa: E402

QUERY = "dataset=moons&depth=3&width=8&epochs=5000&n_samples=2000"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=40)
    parser.add_argument("--load", type=int, default=2, help="busy-loop processes running alongside")
    args = parser.parse_args()
    if unavailable_reason():
        sys.exit(f"cannot run: {unavailable_reason()}")
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.load)]
    try:
        lost = run(args.clicks)
    finally:
        for p in burners:
            p.kill()
    print(f"Pause/Resume clicks without effect: {lost}/{args.clicks} (with {args.load} busy processes)")


def run(clicks: int) -> int:
    with streamlit_server() as url, browser_page(width=1600, height=1000) as page:
        page.goto(f"{url}/train?{QUERY}")
        wait_for_app(page)

        def button(label: str):
            return main_button(page, label)

        button(t("train.btn.train")).click()
        button(t("train.btn.pause")).wait_for(timeout=60_000)
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length > 2", timeout=120_000)
        lost = 0
        for i in range(clicks):
            label, flipped = ((t("train.btn.pause"), t("train.btn.resume")) if i % 2 == 0
                              else (t("train.btn.resume"), t("train.btn.pause")))
            button(label).click()
            try:
                button(flipped).wait_for(timeout=6_000)
            except Exception:  # no flip: the click had no effect; click again to go on
                lost += 1
                print(f"click {i + 1} ({label}) had no effect", flush=True)
                button(label).click()
                button(flipped).wait_for(timeout=30_000)
            page.wait_for_timeout(300 + (i * 211) % 900)  # vary the phase against the 1 s polling
        button(t("train.btn.stop")).click()
        return lost


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
