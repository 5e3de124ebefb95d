"""End-to-end: replaying a finished run in Chromium, and opening a saved run.json.

- A short Train run ends; the epoch slider appears at its last epoch; moved back with the
  keyboard to epoch 8, the loss chart draws 8 epochs with the dashed marker at 8 and the
  gradient profile names an earlier step; ▶ Play then steps forward through later epochs
  to the end and turns back into Play. The page at epoch 8 is saved as
  ``docs/replay-train.png`` for the README.
- A run.json written by the CLI, uploaded under "Open a saved run" (Korean page), opens in
  the scrubber with its results.
Skips when Chromium or Playwright is missing, unless NNLAB_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest
from browser_support import ROOT, browser_marks, browser_page, chart_problems, streamlit_server, wait_for_app

from nnlab.i18n import t

pytestmark = browser_marks()

EPOCHS = 30
# the loss chart's per-epoch line (its longest x in whole epochs), the marker and the profile's title
LOSS_JS = """() => {
  const el = document.querySelector('.st-key-train_loss .js-plotly-plot');
  const bar = document.querySelector('.st-key-train_grad_bar .js-plotly-plot');
  if (!el || !el._fullData) return null;
  const lines = el._fullData.filter(d => (d.x || []).length && (d.x || []).every(v => Number.isInteger(v)));
  const shapes = (el._fullLayout.shapes || []).filter(s => s.yref === 'paper');
  return {epochs: Math.max(0, ...lines.map(d => d.x.length)), mark: shapes.length ? shapes[0].x0 : null,
          profile: bar ? ((bar._fullLayout || {}).title || {}).text || '' : ''};
}"""
SLIDER = ".st-key-train_replay_epoch input[type='range']"  # the slider's (visually hidden) range input


def _value(page) -> int:
    return int(page.locator(SLIDER).first.input_value())


@pytest.fixture(scope="module")
def server():
    with streamlit_server(env={"NNLAB_PREWARM": "1"}) as url:
        yield url


def test_a_finished_run_is_scrubbed_and_played_again(server):
    with browser_page(width=1280, height=900) as page:
        page.goto(server + f"/train?dataset=spiral&epochs={EPOCHS}")
        wait_for_app(page)
        page.locator(".st-key-train_pace button").filter(has_text=t("play.instant")).first.click()
        wait_for_app(page)
        page.locator(".st-key-train_btn button:visible").first.click()
        page.wait_for_selector(SLIDER, state="attached", timeout=240_000)  # the run ended: the scrubber replaces the live view
        wait_for_app(page)
        assert _value(page) == EPOCHS
        end = page.evaluate(LOSS_JS)
        assert end["epochs"] == EPOCHS and end["mark"] is None, end

        thumb = page.locator(SLIDER).first
        thumb.focus()
        page.keyboard.press("Home")
        for _ in range(7):
            page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => ({LOSS_JS})()?.mark === 8", timeout=30_000)
        wait_for_app(page)
        at8 = page.evaluate(LOSS_JS)
        assert _value(page) == 8 and at8["epochs"] == 8, at8
        step_at_end = int(re.findall(r"\d+", end["profile"])[-1])
        step_at_8 = int(re.findall(r"\d+", at8["profile"])[-1])
        assert step_at_8 < step_at_end, (at8["profile"], end["profile"])
        assert page.locator(".st-key-train_boundary .js-plotly-plot").count() == 1
        assert chart_problems(page) == []
        page.locator(".st-key-train_replay_controls").scroll_into_view_if_needed()
        page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollBy(0, "
                      "document.querySelector('.st-key-train_replay_controls').getBoundingClientRect().top - 90)")
        page.wait_for_timeout(800)
        page.screenshot(path=str(ROOT / "docs" / "replay-train.png"))

        play = page.locator(".st-key-train_replay_play button:visible").first  # (a stale copy may linger)
        play.click()
        seen, deadline = [], time.monotonic() + 90
        while time.monotonic() < deadline:
            page.wait_for_timeout(300)
            if page.locator(SLIDER).count():
                seen.append(_value(page))
            if seen and seen[-1] == EPOCHS and t("replay.play") in page.locator(
                    ".st-key-train_replay_play button:visible").first.inner_text():
                break
        steps = sorted(set(seen))
        print(f"\nplayed through epochs {steps}")
        assert seen[-1] == EPOCHS and len([v for v in steps if 8 < v < EPOCHS]) >= 3, seen
        assert seen == sorted(seen), "play only moves forward"
        assert page.evaluate(LOSS_JS)["epochs"] == EPOCHS


def test_a_saved_run_opens_in_the_scrubber_in_korean(server, tmp_path):
    out = tmp_path / "spiral-run.json"
    done = subprocess.run([sys.executable, "-m", "nnlab", "train", "--dataset", "spiral", "--epochs", "12",
                           "--quiet", "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    with browser_page(width=1280, height=900) as page:
        page.goto(server + "/train?lang=ko")
        wait_for_app(page)
        page.get_by_text(t("saved.open", "ko")).first.click()
        page.locator(".st-key-train_saved_upload_0 input[type='file']").set_input_files(str(out))
        page.wait_for_selector(SLIDER, state="attached", timeout=60_000)
        wait_for_app(page)
        assert _value(page) == 12
        page.wait_for_function(f"() => ({LOSS_JS})()?.epochs === 12", timeout=30_000)  # Plotly draws after the run
        body = page.locator("[data-testid='stMain']").inner_text()
        assert "spiral-run.json" in body and t("results.title", "ko") in body
        page.locator(SLIDER).first.focus()
        page.keyboard.press("Home")
        page.wait_for_function(f"() => ({LOSS_JS})()?.mark === 1", timeout=30_000)
        assert page.evaluate(LOSS_JS)["epochs"] == 1
