"""Reusable browser-test support: a real ``streamlit run`` server and a headless Chromium page.

Use from any test module (this is a plain module, not a conftest)::

    from browser_support import browser_page, streamlit_server, unavailable_reason, wait_for_app

    pytestmark = pytest.mark.skipif(unavailable_reason() is not None, reason=unavailable_reason() or "")

    def test_home():
        with streamlit_server() as base_url, browser_page() as page:
            page.goto(base_url + "/")
            wait_for_app(page)

``streamlit_server`` starts ``streamlit run`` on a free local port, polls ``/_stcore/health``
until it answers ``ok``, yields the base URL and stops the process it started (only that
one). ``browser_page`` launches Debian's ``/usr/bin/chromium`` through Playwright's sync API
(Playwright cannot download a browser here) and yields a page. ``wait_for_app`` waits for
the run to finish; ``full_screenshot`` captures the whole scrolled app into a path from
``screenshot_path`` (``artifacts/screenshots/``, gitignored). Korean text needs a CJK font
in the container (Debian: ``fonts-nanum``), or screenshots show empty boxes.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SERVER_LOGS = ROOT / "artifacts" / "logs"
# base URL → that server's log file, so a failing test can show what the server printed
SERVER_LOG_BY_URL: dict[str, Path] = {}
# base URL → pid of that server's process, for benches that sample its memory and threads
SERVER_PID_BY_URL: dict[str, int] = {}
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# A chart drawn by nnlab.ui.plots.show: Plotly's own div, in the page's DOM (no iframe, no
# shadow root); its element container carries the key as an ``st-key-<key>`` class.
CHART = "[data-testid='stMain'] .js-plotly-plot"
ENTRY_READY = "[data-testid='stSidebar'] [data-testid='stSelectbox']"
# A phone's browser as pages see it (``nnlab.ui.plots.is_phone``): with a 390×844 viewport,
# ``is_mobile=True`` and ``has_touch=True`` in the Playwright context.
PHONE_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.0 Mobile/15E148 Safari/604.1")


def unavailable_reason() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the python 'playwright' package is not installed"
    return None


def browser_marks() -> list:
    """pytest marks for a browser test module: skip with the reason when the browser cannot
    run here, except under NNLAB_REQUIRE_BROWSER=1 (CI), where that is an error."""
    import pytest

    reason = unavailable_reason()
    if reason and os.environ.get("NNLAB_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"NNLAB_REQUIRE_BROWSER=1 but browser tests cannot run: {reason}")
    return [pytest.mark.browser, pytest.mark.slow,
            pytest.mark.skipif(reason is not None, reason=f"browser tests skipped: {reason}")]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(app: str = "streamlit_app.py", timeout: float = 60.0, env: dict | None = None) -> Iterator[str]:
    """Run ``streamlit run <app>`` (relative to the repo root; by default the server users run) and yield ``http://127.0.0.1:<port>``."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    SERVER_LOGS.mkdir(parents=True, exist_ok=True)
    log_path = SERVER_LOGS / f"streamlit-{port}.log"
    log = open(log_path, "w+b")  # noqa: SIM115 (closed in finally)
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "NNLAB_PREWARM": "1", **(env or {})}, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    SERVER_LOG_BY_URL[base_url] = log_path
    SERVER_PID_BY_URL[base_url] = proc.pid
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read().decode()[-3000:]}")
            try:
                with urllib.request.urlopen(base_url + "/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit did not become healthy on port {port} within {timeout} s")
            time.sleep(0.25)
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


@contextlib.contextmanager
def browser_page(width: int = 1400, height: int = 900, locale: str = "en-US"):
    """A Playwright page in headless Debian Chromium; closed (with its browser) on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
            page = context.new_page()
            page.set_default_timeout(30_000)
            try:
                yield page
            except BaseException:
                _report_page(page)
                raise
        finally:
            browser.close()


def _report_page(page) -> None:
    """On a failure: print what the user would see (CI shows captured output, not files)
    and keep a screenshot in artifacts/screenshots/failure-*.png."""
    try:
        text = page.evaluate("() => document.querySelector(\"[data-testid='stMain']\")?.innerText || ''")
        state = page.evaluate("() => document.querySelector(\"[data-testid='stApp']\")"
                              "?.getAttribute('data-test-script-state')")
        print(f"\n--- page at failure: {page.url} (script state: {state}) ---\n{text[:3000]}", file=sys.stderr)
        page.screenshot(path=str(screenshot_path(f"failure-{int(time.time())}")))
    except Exception as exc:  # the page may be gone; the original failure matters more
        print(f"(could not capture the page: {exc})", file=sys.stderr)


def wait_for_app(page, timeout: float = 30_000, ready: str | None = ENTRY_READY) -> None:
    """Wait until the script run has finished and the app is idle.

    ``ready`` is an element every page draws (default: the sidebar language picker, from
    ``page_setup``). Before the first run the app already reports ``notRunning``, so
    idleness alone is not enough on a fresh load.
    """
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    if ready:
        page.wait_for_selector(ready, timeout=timeout)
    page.wait_for_timeout(300)  # let a just-triggered rerun flip the state to running
    page.wait_for_selector(APP_IDLE, timeout=timeout)


def full_screenshot(page, path: Path | str) -> Path:
    """Screenshot the whole app. Streamlit scrolls inside its own container, so Playwright's
    ``full_page`` stops at the viewport: grow the viewport to the content height instead."""
    size = page.viewport_size or {"width": 1400, "height": 900}
    height = page.evaluate(
        "() => { const m = document.querySelector(\"[data-testid='stMain']\");"
        " return m ? m.scrollHeight : document.body.scrollHeight; }")
    page.set_viewport_size({"width": size["width"], "height": max(int(height) + 40, size["height"])})
    page.wait_for_timeout(800)  # charts re-layout
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return Path(path)


def server_log_tail(base_url: str, chars: int = 4000) -> str:
    """The end of what the server at ``base_url`` printed ('' if unknown)."""
    path = SERVER_LOG_BY_URL.get(base_url)
    if path is None or not path.exists():
        return ""
    return path.read_bytes()[-chars:].decode(errors="replace")


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


# -- checks of what a page shows (reusable by any browser test) ------------------------------------

_FIGURES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => {
  const lay = el._fullLayout || {}, data = el._fullData || [];
  const axis = (tr, letter) => lay[letter + 'axis' + ((tr[letter + 'axis'] || letter).slice(1))] || {};
  const sizes = sel => Array.from(el.querySelectorAll(sel))
    .filter(t => (t.textContent || '').trim() && t.getClientRects().length)
    .map(t => parseFloat(getComputedStyle(t).fontSize));
  return {
    title: (lay.title && lay.title.text) || '',
    bars_on_log: data.filter(tr => tr.type === 'bar' && tr.visible !== false
                                   && axis(tr, tr.orientation === 'h' ? 'x' : 'y').type === 'log')
                     .map(tr => tr.name || '(bar)'),
    log_axes: Object.keys(lay).filter(k => /^[xy]axis[0-9]*$/.test(k) && lay[k].type === 'log'),
    tick_px: sizes('.xtick text, .ytick text'),
    text_px: sizes('text'),
  };
})"""

_CLIPPED_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll("[data-testid='stMain'] *")) {
    if (!el.getClientRects().length) continue;
    const cs = getComputedStyle(el);
    const text = el.tagName === 'INPUT' ? el.value : (el.innerText || '');
    if (!text.trim()) continue;
    const ellipsis = cs.textOverflow === 'ellipsis';
    const input = el.tagName === 'INPUT' && ['text', 'search', ''].includes(el.type);
    if ((ellipsis || input) && el.scrollWidth > el.clientWidth + 1) out.push(text.trim().slice(0, 80));
  }
  return out;
}"""


def plotly_figures(page) -> list[dict]:
    """Every Plotly chart drawn on the page, read from the DOM: its title, the bar traces that
    sit on a log axis (``bars_on_log``, names), its log axes, and the rendered font sizes in px
    of its tick labels (``tick_px``) and of every visible SVG text (``text_px``)."""
    return page.evaluate(_FIGURES_JS)


def chart_problems(page, min_tick_px: float = 14, min_text_px: float = 12) -> list[str]:
    """What breaks the chart rules on this page: a bar on a log axis (a bar needs a zero),
    tick labels smaller than ``min_tick_px`` or any chart text smaller than ``min_text_px``.
    Empty when all is well; a chart without ticks (a diagram) only has its texts checked."""
    problems = []
    for fig in plotly_figures(page):
        name = fig["title"] or "(untitled chart)"
        if fig["bars_on_log"]:
            problems.append(f"{name}: bars on a log axis: {fig['bars_on_log']}")
        if fig["tick_px"] and min(fig["tick_px"]) < min_tick_px:
            problems.append(f"{name}: tick labels of {min(fig['tick_px'])} px < {min_tick_px} px")
        if fig["text_px"] and min(fig["text_px"]) < min_text_px:
            problems.append(f"{name}: text of {min(fig['text_px'])} px < {min_text_px} px")
    return problems


_OVERLAPS_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('.js-plotly-plot')) {
    const boxes = Array.from(el.querySelectorAll('.annotation, .textpoint, .bartext'))
      .filter(n => (n.textContent || '').trim() && n.getClientRects().length)
      .map(n => ({text: n.textContent.trim().slice(0, 40), r: n.getBoundingClientRect()}));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 2 && h > 2) out.push([boxes[i].text, boxes[j].text]);
    }
  }
  return out;
}"""


def overlapping_chart_labels(page) -> list[list[str]]:
    """Pairs of texts drawn on a chart (annotations, point and bar labels) whose boxes
    overlap by more than 2 px each way, i.e. labels that run into each other."""
    return page.evaluate(_OVERLAPS_JS)


def clipped_texts(page) -> list[str]:
    """Texts in the main area that do not fit their box: elements cut with an ellipsis
    (``text-overflow: ellipsis`` and ``scrollWidth > clientWidth``) and text inputs whose
    value is wider than the field (a selectbox showing "Xavier / Glorot unifo")."""
    return page.evaluate(_CLIPPED_JS)


# Installed once per page: on every animation frame, the charts in the main area are counted
# per key (the ``st-key-…`` class of their element container) and checked for data. A copy
# or a blank shown for a single frame is seen, however briefly it lasts.
_WATCH_JS = """() => {
  const w = window.__nnlabChartWatch = {frames: 0, most: 0, copies: [], blanks: [], drawn: {}};
  const t0 = performance.now();
  const keyOf = el => (((el.closest('[class*="st-key-"]') || {}).className || '').split(' ')
                       .filter(c => c.startsWith('st-key-'))[0] || '(no key)');
  const hasData = el => (el._fullData || []).some(d => (d.x || d.z || d.values || []).length > 0);
  const tick = () => {
    const charts = Array.from(document.querySelectorAll("[data-testid='stMain'] .js-plotly-plot"));
    const at = Math.round(performance.now() - t0) / 1000;
    w.frames++;
    w.most = Math.max(w.most, charts.length);
    const byKey = {};
    for (const el of charts) (byKey[keyOf(el)] = byKey[keyOf(el)] || []).push(el);
    for (const [key, els] of Object.entries(byKey)) {
      if (els.length > 1 && w.copies.length < 20) w.copies.push([at, key, els.length]);
      if (els.some(hasData)) w.drawn[key] = true;
    }
    for (const key of Object.keys(w.drawn))
      if (!(byKey[key] || []).some(hasData) && w.blanks.length < 20) w.blanks.push([at, key]);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""


def watch_charts(page) -> None:
    """Start watching the page's charts on every animation frame (see ``chart_watch``)."""
    page.evaluate(_WATCH_JS)


def chart_watch(page) -> dict:
    """What ``watch_charts`` saw since it started: ``frames`` checked, the ``most`` charts in
    the main area at once, ``copies`` ([seconds, key, count] where one key had several charts)
    and ``blanks`` ([seconds, key] where a chart that had data had none or was gone)."""
    return page.evaluate("() => { const w = window.__nnlabChartWatch;"
                         " return {frames: w.frames, most: w.most, copies: w.copies, blanks: w.blanks,"
                         " drawn: Object.keys(w.drawn)}; }")


def swipe_up(page, locator, distance: int = 250) -> int:
    """Swipe a finger up by ``distance`` px starting on ``locator`` (the page must come from
    a context with ``has_touch=True``); returns how far the page scrolled. A chart that
    captures the touch (Plotly with drag-to-zoom on) scrolls nothing."""
    scrolled = ("() => [window, ...document.querySelectorAll(\"[data-testid='stMain'], "
                "[data-testid='stAppViewContainer'], [data-testid='stMainBlockContainer']\")]"
                ".reduce((s, el) => s + (el === window ? window.scrollY : el.scrollTop), 0)")
    cdp = page.context.new_cdp_session(page)
    box = locator.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.8
    before = page.evaluate(scrolled)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for i in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - distance * i / 10}]})
        page.wait_for_timeout(30)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(500)
    cdp.detach()
    return int(page.evaluate(scrolled) - before)
