"""Classroom load bench (issue 10 item 5): N sessions train at once against one local server.

One ``streamlit run app.py`` on 127.0.0.1 (``tests/browser_support.streamlit_server``). A
session is a student's tab, one of two kinds (``--clients``):

* a Chromium tab: one context of a headless Chromium started under ``chrt --idle`` (in class
  the browsers are on other machines), which also lets the bench check the drawn page;
* a wire session (``bench/wire_client.py``): a websocket client that speaks Streamlit's
  protocol like a tab (the same requests, its fragment reruns on time) and draws nothing.
  Thirty Chromium tabs on the bench machine cost more CPU than the server, and starved
  browsers fire their fragment reruns late, so an all-Chromium class measures the browsers.

``--clients mixed`` (default): ``--chromium K`` tabs (default 3), spread over the class, and
wire sessions for the rest; ``chromium``: every session a tab; ``wire``: no browser. Every
session counts toward the targets. Before the class a throwaway run imports TensorFlow
(``--no-warm``: a cold server). Session i opens
``/train?dataset=spiral&depth=D&width=16&epochs=E&seed=i`` (D cycles through ``--depths``),
the sessions sit ``--idle`` s, then all click Train, the clicks spread over
``--click-spread`` s. Per session the bench reports:

* click → first chart: when the websocket delivered the first message of a progress chart
  with data points (decoded as Streamlit ``ForwardMsg`` by one ``SessionWatcher`` for both
  kinds; the click time is the first frame the session sent after the click), and for a tab
  when the page got plotly.js from the server (fetched at the first chart; a
  busy server delays it) and when the page first drew a chart with traces (an init script
  polls ``.js-plotly-plot`` every 100 ms);
* click → finish: a status line saying "Finished …" (``live.finished``), from the websocket;
* its own network: layers in its per-layer gradient chart, from the websocket and, in a
  tab, at the end, from the drawn figure's ``_fullData``, against depth + 1;
* exception boxes, from the websocket and, in a tab, ``[data-testid='stException']``;

and for the server (its pid and children, sampled every 0.5 s with psutil) peak RSS and
thread count, with the CPU seconds of server, browsers and bench (with its wire sessions).
``--page compare`` opens ``/compare`` (six activations each; "first chart" = first overlay).
``--burst-close N`` opens N Train tabs (always Chromium), starts long runs, closes every tab
at once, then polls until no training thread is left (busy ``nnlab-*`` threads in
``py-spy dump``, ``--thread-prefix``) and RSS is back within 150 MiB of its level before the class.

    python3 bench/classroom_load.py --sessions 30 --epochs 100
    python3 bench/classroom_load.py --sessions 10 --epochs 100 --page compare
    python3 bench/classroom_load.py --sessions 8 --clients chromium
    python3 bench/classroom_load.py --burst-close 30 --ttl 30 --rounds 2
    python3 bench/classroom_load.py --sessions 16 --json out.json --server-env STREAMLIT_RUNNER_POST_SCRIPT_GC=false

Bounded: every wait has a timeout, ``--deadline`` caps the whole run, traffic goes only to
127.0.0.1, and the server and browser are stopped at the end, also on error. Prints a table,
the targets with PASS/FAIL and a summary line; exit status 0 when every target passes, 1
otherwise. ``run_classroom`` / ``run_burst`` are the entry points for tests
(``tests/test_e2e_classroom.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import math
import os
import re
import shutil
import signal
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser_support import (  # noqa: E402
    APP_IDLE,
    CHROMIUM,
    CHROMIUM_ARGS,
    ENTRY_READY,
    SERVER_PID_BY_URL,
    server_log_tail,
    streamlit_server,
    unavailable_reason,
)
from wire_client import WireClient  # noqa: E402

from nnlab.i18n import CATALOG  # noqa: E402

MIB = 1024 * 1024
CHART_COMPONENT = "nnlab.chart"  # nnlab.ui.plots.COMPONENT: the element every chart is drawn with
PLOTLY_CODE = "/plotly.min.js"  # … whose script loads plotly.js from the server once per page
VIEWPORT = {"width": 1280, "height": 720}  # the teacher's projector; students' laptops are similar
OPEN_CONCURRENCY = 4  # pages loading at once while the class arrives
TRAINING_THREAD_PREFIX = "nnlab-"  # the app names its threads nnlab-worker-1, nnlab-warmer, …
# The browsers' CPU priority. At 19 they use only what the server leaves; on a machine that other
# work keeps busy they starve, and the page-side (DOM) times then mostly measure that.
BROWSER_NICE = 19


# --- what a page is ------------------------------------------------------------------------------
@dataclass(frozen=True)
class PageKind:
    path: str
    button_key: str  # widget key of the start button (Streamlit renders class st-key-<key>)
    layer_chart: str  # key of the chart whose layers are counted
    one_trace_per_layer: bool  # else: one point per layer on each trace
    progress_charts: tuple[str, ...]  # keys of charts that show training progress ("first chart")


PAGES = {
    "train": PageKind("train", "train_btn", "train_grad_lines", True,
                      ("train_loss", "train_metric", "train_grad_lines", "train_grad_bar")),
    # default six activations; the boundary chart is left out: it shows the data set before any training
    "compare": PageKind("compare", "compare_btn", "compare_profile", False,
                        ("compare_loss", "compare_metric", "compare_profile", "compare_ratio")),
}


def _text_before_fields(key: str) -> str:
    """English UI text of ``key`` up to its first ``{field}``: 'Finished ' for live.finished."""
    return next(string.Formatter().parse(CATALOG[key]["en"]))[0]


# A run's status line starts with one of these (keys missing from this version of the app are skipped).
FINISHED = _text_before_fields("live.finished")
ENDED = tuple(_text_before_fields(k) for k in ("live.finished", "live.stopped", "live.diverged", "live.failed"))
ACTIVE = tuple(_text_before_fields(k) for k in ("live.queued", "live.wait", "live.starting", "live.compiling",
                                                 "live.running", "live.pausing", "live.paused") if k in CATALOG)


def session_url(kind: PageKind, index: int, depth: int, width: int, epochs: int) -> str:
    return f"/{kind.path}?dataset=spiral&depth={depth}&width={width}&epochs={epochs}&seed={index}&lang=en"


# --- one session ----------------------------------------------------------------------------------
@dataclass
class Session:
    """One student's tab. Times are wall-clock seconds (``time.time()``), shared with the page's clock."""

    index: int
    depth: int
    url: str
    expected_layers: int  # hidden layers + output layer
    client: str = "chromium"  # or "wire": a websocket client that draws nothing (no DOM figures)
    click_at: float | None = None
    first_chart_at: float | None = None  # first chart message with data, as the websocket delivered it
    dom_chart_at: float | None = None  # first chart with traces in the page
    chart_code_asked_at: float | None = None  # the page asked the server for plotly.js
    chart_code_at: float | None = None  # … and had it
    done_at: float | None = None  # every run of the click ended (finished, stopped, diverged or failed)
    finished: bool = False
    layers_ws: int | None = None
    layers_dom: int | None = None
    exceptions_ws: int = 0  # most exception boxes in one script run
    exceptions_dom: int | None = None
    exception_text: str = ""
    page_state: str = ""  # at the end: Plotly charts in the page and the app's script state
    status: str = ""
    error: str = ""

    def since_click(self, t: float | None) -> float | None:
        return None if t is None or self.click_at is None else t - self.click_at

    @property
    def first_chart_s(self) -> float | None:
        return self.since_click(self.first_chart_at)

    @property
    def dom_chart_s(self) -> float | None:
        return self.since_click(self.dom_chart_at)

    @property
    def chart_code_s(self) -> float | None:
        return self.since_click(self.chart_code_at)

    @property
    def finish_s(self) -> float | None:
        return self.since_click(self.done_at) if self.finished else None

    @property
    def own_network(self) -> bool:
        drawn = self.client == "wire" or self.layers_dom == self.expected_layers
        return self.layers_ws == self.expected_layers and drawn

    @property
    def exceptions(self) -> int:
        return max(self.exceptions_ws, self.exceptions_dom or 0)

    def as_dict(self) -> dict:
        return {**asdict(self), "first_chart_s": self.first_chart_s, "dom_chart_s": self.dom_chart_s,
                "chart_code_asked_s": self.since_click(self.chart_code_asked_at),
                "chart_code_s": self.chart_code_s, "finish_s": self.finish_s, "own_network": self.own_network}


def _length(values) -> int:
    """Points in a Plotly data array: a list, or a typed array ``{"dtype": "f4", "bdata": base64}``."""
    if isinstance(values, list):
        return len(values)
    if isinstance(values, dict) and values.get("bdata"):
        size = int(re.sub(r"\D", "", values.get("dtype", "")) or 8)
        return len(base64.b64decode(values["bdata"])) // size
    return 0


def _points(trace: dict) -> int:
    return max(_length(trace.get(axis)) for axis in ("x", "y", "z"))


class SessionWatcher:
    """Decodes every ForwardMsg the server sends to one session (Playwright's websocket frames,
    or a ``WireClient``'s messages) and records when its first chart with data, its layers,
    exception boxes and its end arrived."""

    def __init__(self, session: Session, kind: PageKind):
        self.s, self.kind = session, kind
        self.click_started: float | None = None
        self.stopped = False  # the run window closed: a run ending later no longer counts
        self._run: dict[str, int] = {}  # status lines and exception boxes of the current script or fragment run

    def attach(self, page) -> None:
        def on_websocket(ws):
            ws.on("framereceived", self.on_received)
            ws.on("framesent", self.on_sent)

        page.on("websocket", on_websocket)
        page.on("request", self.on_request)
        page.on("requestfinished", self.on_request_finished)

    # The chart component fetches plotly.js from the server when the first chart arrives:
    # a busy server delays it, and with it every chart in the page.
    def on_request(self, request) -> None:
        if self.s.chart_code_asked_at is None and PLOTLY_CODE in request.url:
            self.s.chart_code_asked_at = time.time()

    def on_request_finished(self, request) -> None:
        if self.s.chart_code_at is None and PLOTLY_CODE in request.url:
            self.s.chart_code_at = time.time()

    def on_sent(self, _payload) -> None:
        if self.click_started is not None and self.s.click_at is None:
            self.s.click_at = time.time()  # the click's rerun request leaving the browser

    def on_received(self, payload) -> None:
        if isinstance(payload, str):
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        now = time.time()
        try:
            msg = ForwardMsg.FromString(payload)
        except Exception as exc:
            self.s.error = self.s.error or f"frame not understood: {exc!r}"
            return
        self.on_message(msg, now)

    def on_message(self, msg, now: float) -> None:
        try:
            self._on_message(msg, now)
        except Exception as exc:  # a bench bug must not silently stop the measurement
            self.s.error = self.s.error or f"frame not understood: {exc!r}"

    def _on_message(self, msg, now: float) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":  # a script or fragment run starts: it redraws every status line it owns
            self._run = {"ended": 0, "finished": 0, "active": 0, "exceptions": 0}
        elif kind == "script_finished":
            self._on_run_end(msg.script_finished, now)
        if kind != "delta" or msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        what = element.WhichOneof("type")
        if what == "exception":
            self._run["exceptions"] = self._run.get("exceptions", 0) + 1
            self.s.exceptions_ws = max(self.s.exceptions_ws, self._run["exceptions"])
            self.s.exception_text = self.s.exception_text or element.exception.message[:200]
        elif self.click_started is None:
            return
        elif what in ("alert", "progress") and msg.metadata.delta_path[:1] != [1]:  # 1 is the sidebar
            # a run's status: a box (warnings, errors) or the label of its progress bar ("**Finished …** · …")
            self._on_status((element.alert.body if what == "alert" else element.progress.text).replace("**", ""))
        elif what == "bidi_component" and element.bidi_component.component_name == CHART_COMPONENT:
            chart = element.bidi_component  # nnlab.ui.plots.show: the figure JSON in its bytes
            key = chart.id.split("-", 2)[-1]  # element ids end with the widget key
            if key == self.kind.layer_chart or (self.s.first_chart_at is None and key in self.kind.progress_charts):
                self._on_chart(chart.bytes.decode() or "{}", key, now)

    def _on_status(self, body: str) -> None:
        for name, prefixes in (("ended", ENDED), ("active", ACTIVE)):
            if body.startswith(prefixes):
                self._run[name] = self._run.get(name, 0) + 1
                self.s.status = body.splitlines()[0][:100]
        if body.startswith(FINISHED):
            self._run["finished"] = self._run.get("finished", 0) + 1

    def _on_run_end(self, status: int, now: float) -> None:
        """A complete run whose status lines all say a run ended (one per run, or one for a group
        of runs) means every run of the click ended; finished if they all say finished."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        complete = status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
        run = self._run
        if self.stopped or not complete or self.s.done_at is not None or self.click_started is None:
            return
        if run.get("ended", 0) and not run.get("active", 0):
            self.s.done_at, self.s.finished = now, run.get("finished", 0) == run["ended"]

    def _on_chart(self, spec: str, key: str, now: float) -> None:
        traces = [tr for tr in (json.loads(spec).get("data") or []) if _points(tr)]
        if traces and self.s.first_chart_at is None and key in self.kind.progress_charts:
            self.s.first_chart_at = now
        if traces and key == self.kind.layer_chart:
            self.s.layers_ws = len(traces) if self.kind.one_trace_per_layer else max(_length(tr.get("x")) for tr in traces)


# In every page: note when a progress chart with data first exists (the page's own clock).
DOM_WATCH_JS = """(() => {
  if (window !== window.top || window.__nnlabWatch) return;
  const n = d => Math.max((d.x || []).length, (d.y || []).length, (d.z || []).length);
  window.__nnlabWatch = setInterval(() => {
    for (const p of document.querySelectorAll(SELECTOR)) {
      if ((p._fullData || []).some(d => n(d) > 0)) {
        window.__nnlabFirstChart = Date.now() / 1000;
        clearInterval(window.__nnlabWatch);
        return;
      }
    }
  }, 100);
})();"""

# Where the page shows a run's status: boxes and progress-bar labels in the main area.
STATUS_SELECTOR = ("[data-testid='stMain'] [data-testid='stAlertContainer'], "
                   "[data-testid='stMain'] [data-testid='stProgress']")

# The page's status lines all say that a run ended.
ENDED_JS = """([ended, active]) => {
  const lines = Array.from(document.querySelectorAll(STATUS)).map(e => e.innerText.trim());
  const count = prefixes => lines.filter(l => prefixes.some(p => l.startsWith(p))).length;
  return count(ended) > 0 && count(active) === 0;
}""".replace("STATUS", json.dumps(STATUS_SELECTOR))

# At the end: exception boxes, status lines, and the layers the chart shows.
DOM_READ_JS = """([key, oneTracePerLayer]) => {
  const n = d => Math.max((d.x || []).length, (d.y || []).length, (d.z || []).length);
  const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  let layers = null;
  if (plot && plot._fullData) {
    const traces = plot._fullData.filter(d => n(d) > 0);
    layers = oneTracePerLayer ? traces.length : Math.max(0, ...traces.map(d => (d.x || []).length));
  }
  return {
    exceptions: document.querySelectorAll("[data-testid='stException']").length,
    alerts: Array.from(document.querySelectorAll(STATUS)).map(e => e.innerText.trim()),
    layers, firstChart: window.__nnlabFirstChart || null,
    plots: document.querySelectorAll('.js-plotly-plot').length,
    state: document.querySelector("[data-testid='stApp']")?.getAttribute('data-test-script-state') || '',
  };
}""".replace("STATUS", json.dumps(STATUS_SELECTOR))


# --- the server: memory, threads, CPU ---------------------------------------------------------------
def process_tree(pid: int) -> list:
    import psutil

    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def cpu_seconds(processes) -> float:
    total = 0.0
    for p in processes:
        with contextlib.suppress(Exception):
            times = p.cpu_times()
            total += times.user + times.system
    return total


class ServerSampler:
    """RSS and OS thread count of the server process and its children, every ``interval`` s in a
    thread (bounded by ``max_seconds``)."""

    def __init__(self, pid: int, interval: float = 0.5, max_seconds: float = 3600):
        self.pid, self.interval, self.max_samples = pid, interval, int(max_seconds / interval) + 1
        self.samples: list[tuple[float, int, int]] = []  # (time, rss bytes, threads)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="bench-sampler")

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)

    def sample(self) -> tuple[float, int, int]:
        rss = threads = 0
        for p in process_tree(self.pid):
            with contextlib.suppress(Exception):
                rss += p.memory_info().rss
                threads += p.num_threads()
        return time.time(), rss, threads

    def _run(self) -> None:
        for _ in range(self.max_samples):
            self.samples.append(self.sample())
            if self._stop.wait(self.interval):
                return

    def window(self, since: float = 0.0, until: float = math.inf) -> list[tuple[float, int, int]]:
        return [s for s in list(self.samples) if since <= s[0] <= until]

    def peak(self, since: float = 0.0) -> tuple[int, int]:
        window = self.window(since) or [self.sample()]
        return max(s[1] for s in window), max(s[2] for s in window)

    def level(self, seconds: float = 3.0) -> tuple[int, int]:
        """Median RSS and thread count over the last ``seconds``."""
        window = self.window(time.time() - seconds) or [self.sample()]
        return int(statistics.median(s[1] for s in window)), int(statistics.median(s[2] for s in window))


_PARKED = re.compile(r"\((threading|queue|selectors)\.py:\d+\)$")  # waiting for work, a lock or a socket


def python_threads(pid: int) -> list[tuple[str, bool]] | None:
    """(name, busy) of every Python thread in the server and its Python children, from one
    ``py-spy dump`` each (``--nonblocking``: the server is not paused). Busy: its innermost
    frame is not a wait in threading, queue or selectors, so a pooled worker waiting for a
    job is idle and one inside a training step is busy. None when py-spy cannot read it."""
    exe = Path(sys.executable).with_name("py-spy")
    exe = str(exe) if exe.exists() else shutil.which("py-spy")
    if not exe:
        return None
    threads: list[tuple[str, bool]] = []
    for p in process_tree(pid):
        with contextlib.suppress(Exception):
            if "python" not in p.name().lower():
                continue
            out = subprocess.run([exe, "dump", "--nonblocking", "--pid", str(p.pid)], capture_output=True,
                                 text=True, timeout=30)
            if out.returncode != 0 and p.pid == pid:
                return None
            for block in re.split(r"^(?=Thread )", out.stdout, flags=re.M):
                head = re.match(r'Thread \S+ \([^)]*\): "([^"]*)"\n\s*(.*)', block)
                if head:
                    threads.append((head.group(1), bool(head.group(2)) and not _PARKED.search(head.group(2).strip())))
    return threads


def training_threads(pid: int, prefix: str, dumps: int = 3) -> int | None:
    """Threads named ``prefix``… that were busy in any of ``dumps`` dumps half a second apart
    (between two turns a worker may be caught waiting); None when py-spy cannot read the server."""
    busy: set[str] = set()
    for i in range(dumps):
        threads = python_threads(pid)
        if threads is None:
            return None
        busy |= {name for name, working in threads if working and name.startswith(prefix)}
        if i < dumps - 1:
            time.sleep(0.5)
    return len(busy)


def bench_cpu(server_pid: int) -> tuple[float, float]:
    """CPU seconds so far of (the Chromium processes, this bench with its Playwright driver)."""
    server = {p.pid for p in process_tree(server_pid)}
    mine = [p for p in process_tree(os.getpid()) if p.pid not in server]
    chromium = [p for p in mine if "chrom" in _name(p)]
    return cpu_seconds(chromium), cpu_seconds([p for p in mine if "chrom" not in _name(p)])


def _name(p) -> str:
    try:
        return p.name().lower()
    except Exception:
        return ""


# --- the browser side ----------------------------------------------------------------------------
@contextlib.contextmanager
def niced_chromium(nice: int = BROWSER_NICE):
    """Path of a wrapper that starts Debian's Chromium at the lowest CPU priority, so the
    browsers (in class: on the students' own machines) do not take the server's CPU.

    ``nice`` alone does not hold: Chromium running as root raises its own priority (measured:
    the browser process at nice −8, every renderer back at 0, while ``nice 19`` was asked for).
    The scheduling class ``SCHED_IDLE`` (``chrt --idle``) is inherited by every process it forks
    and is not undone by ``setpriority``: the browsers only get the CPU the server leaves idle."""
    folder = Path(tempfile.mkdtemp(prefix="nnlab-bench-"))
    wrapper = folder / "chromium"
    idle = f"{shutil.which('chrt')} --idle 0 " if shutil.which("chrt") else ""
    wrapper.write_text(f'#!/bin/sh\nexec {idle}nice -n {nice} {CHROMIUM} "$@"\n')
    wrapper.chmod(0o755)
    try:
        yield str(wrapper)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def wait_ready(page, timeout_ms: float) -> None:
    """``browser_support.wait_for_app`` for the async API: the entry script ran and the app is idle."""
    await page.wait_for_selector(ENTRY_READY, timeout=timeout_ms)
    await page.wait_for_timeout(300)
    await page.wait_for_selector(APP_IDLE, timeout=timeout_ms)


@dataclass
class Tab:
    session: Session
    watcher: SessionWatcher
    context: object = None
    page: object = None
    wire: WireClient | None = None  # instead of context and page, for a wire session


async def open_tab(browser, base_url: str, kind: PageKind, session: Session, timeout: float) -> Tab:
    if session.client == "wire":
        return await open_wire(base_url, kind, session, timeout)
    tab = Tab(session, SessionWatcher(session, kind))
    tab.context = await browser.new_context(viewport=VIEWPORT, locale="en-US")
    selector = ", ".join(f".st-key-{key} .js-plotly-plot" for key in kind.progress_charts)
    await tab.context.add_init_script(DOM_WATCH_JS.replace("SELECTOR", json.dumps(selector)))
    tab.page = await tab.context.new_page()
    tab.watcher.attach(tab.page)
    try:
        await asyncio.wait_for(_load(tab.page, base_url + session.url, kind, timeout), timeout)
    except Exception as exc:
        session.error = f"page did not open within {timeout:.0f} s: {type(exc).__name__}"
    return tab


async def open_wire(base_url: str, kind: PageKind, session: Session, timeout: float) -> Tab:
    """A wire session: measured by the same ``SessionWatcher``, ready when its page drew the start button."""
    watcher = SessionWatcher(session, kind)
    tab = Tab(session, watcher, wire=WireClient(base_url, session.url, watcher.on_message, watcher.on_sent))
    try:
        await asyncio.wait_for(tab.wire.open(timeout), timeout)
        await tab.wire.wait_for_button(kind.button_key, max(1.0, timeout - 1))
    except Exception as exc:
        lost = f" ({tab.wire.lost})" if tab.wire.lost else ""
        session.error = f"session did not open within {timeout:.0f} s: {type(exc).__name__}{lost}"
    return tab


async def _load(page, url: str, kind: PageKind, timeout: float) -> None:
    await page.goto(url, timeout=timeout * 1000)
    await wait_ready(page, timeout * 1000)
    await page.wait_for_selector(f".st-key-{kind.button_key} button:not([disabled])", timeout=timeout * 1000)


async def open_tabs(browser, base_url: str, kind: PageKind, sessions: list[Session], until: float) -> list[Tab]:
    gate = asyncio.Semaphore(OPEN_CONCURRENCY)

    async def one(s: Session) -> Tab:
        async with gate:
            return await open_tab(browser, base_url, kind, s, max(5.0, until - time.time()))

    return list(await asyncio.gather(*(one(s) for s in sessions)))


async def click_all(tabs: list[Tab], kind: PageKind, spread: float = 0.0) -> None:
    """Click every tab's start button, the clicks spread evenly over ``spread`` seconds (concurrent)."""
    live = [t for t in tabs if not t.session.error]

    async def click(tab: Tab, delay: float) -> None:
        await asyncio.sleep(delay)
        tab.watcher.click_started = time.time()
        try:
            if tab.wire:  # click_at: when the click's BackMsg is sent (SessionWatcher.on_sent)
                await tab.wire.click(kind.button_key)
            else:  # a dispatched click: no actionability round trips, which a starved renderer makes slow
                await tab.page.locator(f".st-key-{kind.button_key} button").first.dispatch_event("click",
                                                                                              timeout=30_000)
        except Exception as exc:
            tab.session.error = f"click failed: {type(exc).__name__}"
            tab.watcher.click_started = None
            return
        if tab.session.click_at is None:  # no websocket frame seen: the click call's return
            tab.session.click_at = time.time()

    await asyncio.gather(*(click(t, spread * i / max(1, len(live) - 1)) for i, t in enumerate(live)))


async def wait_done(tabs: list[Tab], until: float, log, sampler: ServerSampler | None = None,
                    every: float = 10.0) -> None:
    """Until every clicked session's runs ended (or ``until``), printing progress every ``every`` s."""
    clicked = [t.session for t in tabs if t.session.click_at is not None]
    next_print = time.time() + every
    for _ in range(int(max(0.0, until - time.time()) / 0.5) + 1):
        for t in tabs:
            if t.wire and t.wire.lost and t.session.done_at is None and not t.session.error:
                t.session.error = f"connection lost: {t.wire.lost}"
        if all(s.done_at is not None or s.error for s in clicked) or time.time() >= until:
            return
        await asyncio.sleep(0.5)
        if time.time() >= next_print:
            next_print += every
            charts = sum(s.first_chart_at is not None for s in clicked)
            done = sum(s.done_at is not None for s in clicked)
            rss = f", server RSS {sampler.level(1)[0] / MIB:.0f} MiB" if sampler else ""
            log(f"  ... {done}/{len(clicked)} done, {charts}/{len(clicked)} with a chart{rss}")


async def read_dom(tab: Tab, kind: PageKind, timeout: float = 30.0) -> None:
    """Read the page once it drew what the websocket delivered (a low-priority renderer on a busy
    machine lags behind); bounded, so a frozen page is reported rather than waited for."""
    s = tab.session
    if tab.page is None:
        return
    with contextlib.suppress(Exception):
        if s.done_at is not None:
            await tab.page.wait_for_function(ENDED_JS, arg=[list(ENDED), list(ACTIVE)],
                                             timeout=timeout * 1000)
        await tab.page.wait_for_selector(f".st-key-{kind.layer_chart} .js-plotly-plot", timeout=timeout * 500)
        await tab.page.wait_for_timeout(500)
    try:
        info = await asyncio.wait_for(tab.page.evaluate(DOM_READ_JS, [kind.layer_chart, kind.one_trace_per_layer]),
                                      timeout)
    except Exception as exc:
        s.error = s.error or f"page not readable: {type(exc).__name__}"
        return
    s.exceptions_dom, s.layers_dom, s.dom_chart_at = info["exceptions"], info["layers"], info["firstChart"]
    s.page_state = f"{info['plots']} charts, {info['state']}"
    ended = [a for a in info["alerts"] if a.startswith(ENDED)]
    if ended:
        s.status = ended[-1].splitlines()[0][:100]


async def close_tabs(tabs: list[Tab], timeout: float = 60.0) -> None:
    with contextlib.suppress(Exception):
        await asyncio.wait_for(asyncio.gather(*(t.context.close() for t in tabs if t.context),
                                              *(t.wire.close() for t in tabs if t.wire),
                                              return_exceptions=True), timeout)


async def open_root(browser, base_url: str) -> None:
    """Open ``/`` once: a fresh server serves a deep link as a bare page until the entry script ran."""
    context = await browser.new_context(viewport=VIEWPORT)
    try:
        page = await context.new_page()
        await page.goto(base_url + "/", timeout=60_000)
        await wait_ready(page, 60_000)
    finally:
        await context.close()


async def warm_up(browser, base_url: str, until: float, log) -> None:
    """One throwaway run, as the teacher's demo before class: TensorFlow is imported by then.
    In a Chromium tab, or a wire session when there is no browser."""
    session = Session(-1, 2, session_url(PAGES["train"], 999, 2, 16, 2), expected_layers=3,
                      client="chromium" if browser else "wire")
    t0 = time.time()
    tab = await open_tab(browser, base_url, PAGES["train"], session, max(5.0, until - time.time()))
    try:
        if not session.error:
            await click_all([tab], PAGES["train"])
            await wait_done([tab], until, log=lambda *_: None)
    finally:
        await close_tabs([tab])
    log(f"warm-up run: {'finished' if session.finished else 'NOT finished'} in {time.time() - t0:.1f} s")


# --- the bench ----------------------------------------------------------------------------------------
@dataclass
class Target:
    name: str
    value: str
    ok: bool | None  # None: reported without a target


@dataclass
class Report:
    mode: str
    sessions: list[Session] = field(default_factory=list)
    server: dict = field(default_factory=dict)  # figures of the class (or of the burst of closing tabs)
    targets: list[Target] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(t.ok is not False for t in self.targets)

    @property
    def clients(self) -> str:
        wire = sum(s.client == "wire" for s in self.sessions)
        return f"{wire} wire + {len(self.sessions) - wire} Chromium"

    def as_dict(self) -> dict:
        return {"mode": self.mode, "clients": self.clients, "passed": self.passed, "server": self.server,
                "targets": [asdict(t) for t in self.targets], "sessions": [s.as_dict() for s in self.sessions]}


@dataclass
class Bench:
    """What every phase needs: the server (url, pid, sampler), the browser (None: wire sessions only),
    the hard deadline, the log."""

    url: str
    pid: int
    sampler: ServerSampler
    browser: object
    hard: float
    log: Callable

    def until(self, cap: float, reserve: float) -> float:
        """End of a phase: ``cap`` seconds from now, but leaving ``reserve`` seconds before the hard
        deadline for the phases after it (at least 5 s from now)."""
        now = time.time()
        return max(now + 5.0, min(now + cap, self.hard - reserve))


def make_sessions(kind: PageKind, n: int, depths: list[int], width: int, epochs: int,
                  browsers: int | None = None) -> list[Session]:
    """N sessions; ``browsers`` of them (None: all) Chromium tabs spread evenly over the class, the rest wire."""
    chromium = set(range(n)) if browsers is None else {j * n // browsers for j in range(min(browsers, n))}
    return [Session(i, depths[i % len(depths)], session_url(kind, i, depths[i % len(depths)], width, epochs),
                    expected_layers=depths[i % len(depths)] + 1, client="chromium" if i in chromium else "wire")
            for i in range(n)]


def _run_bench(body, ttl: int, server_env: dict[str, str] | None, deadline: float, log, nice: int,
               browser: bool = True) -> None:
    """Start the server and (``browser``) a Chromium at ``nice``, run ``await body(bench)``, stop both
    (even on error)."""
    hard = time.time() + deadline
    env = {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(ttl), **(server_env or {})}
    log(f"server: streamlit run app.py on 127.0.0.1, disconnectedSessionTTL={ttl} s, extra env {server_env or {}}")

    async def main(url: str, pid: int, sampler: ServerSampler) -> None:
        if not browser:
            await body(Bench(url, pid, sampler, None, hard, log))
            return
        from playwright.async_api import async_playwright

        async with async_playwright() as p:
            with niced_chromium(nice) as exe:
                chromium = await p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, timeout=60_000)
                try:
                    await open_root(chromium, url)
                    await body(Bench(url, pid, sampler, chromium, hard, log))
                finally:
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(chromium.close(), 60)

    with streamlit_server(env=env, timeout=90) as url:
        pid = SERVER_PID_BY_URL[url]
        # Last resort if the event loop itself hangs: stop our server, then this process.
        watchdog = threading.Timer(deadline + 120, _abort, args=(pid,))
        watchdog.daemon = True
        watchdog.start()
        try:
            with ServerSampler(pid, max_seconds=deadline) as sampler:
                asyncio.run(asyncio.wait_for(main(url, pid, sampler), max(10.0, hard - time.time())))
        except BaseException:
            log(f"--- server log (tail) ---\n{server_log_tail(url, 2000)}")
            raise
        finally:
            watchdog.cancel()


def _abort(pid: int) -> None:
    print("classroom_load: hard deadline passed; stopping the server and exiting", file=sys.stderr, flush=True)
    with contextlib.suppress(Exception):
        os.killpg(pid, signal.SIGKILL)  # started with start_new_session: its group is its own
    os._exit(3)


CLIENTS = ("mixed", "chromium", "wire")  # which sessions are Chromium tabs: --chromium K of them, all, none
DEFAULT_BROWSERS = 3


def run_classroom(page: str = "train", sessions: int = 8, epochs: int = 100, width: int = 16,
                  depths: list[int] | None = None, ttl: int = 120, server_env: dict[str, str] | None = None,
                  warm: bool = True, idle: float = 5.0, click_spread: float = 1.0, run_timeout: float = 300,
                  deadline: float = 1200, browser_nice: int = BROWSER_NICE, log=print, clients: str = "mixed",
                  browsers: int = DEFAULT_BROWSERS) -> Report:
    """N sessions open ``page``, wait ``idle`` s, click within ``click_spread`` s; returns the
    per-session table, the server's figures and the targets. ``clients``: "mixed" (``browsers``
    Chromium tabs, the rest wire sessions), "chromium" (all tabs) or "wire" (no browser)."""
    kind = PAGES[page]
    k = {"mixed": min(browsers, sessions), "chromium": sessions, "wire": 0}[clients]
    report = Report(mode=page, sessions=make_sessions(kind, sessions, depths or list(range(2, 10)), width, epochs, k))

    async def body(b: Bench) -> None:
        b.log(f"class: {sessions} sessions on /{kind.path} ({k} Chromium tabs at SCHED_IDLE, nice {browser_nice}; "
              f"{sessions - k} wire sessions), spiral, depths {sorted({s.depth for s in report.sessions})}, "
              f"width {width}, {epochs} epochs; warm-up run {'on' if warm else 'off'}; idle {idle:g} s, "
              f"then the clicks spread over {click_spread:g} s")
        t0 = time.time()
        # The warm-up run trains while the tabs open; both end before the clicks.
        reserve = run_timeout + 120  # the run, then reading and closing the pages
        warm_browser = b.browser if clients == "chromium" else None  # a wire warm-up costs the bench less
        warming = asyncio.create_task(warm_up(warm_browser, b.url, b.until(240, reserve), b.log)) if warm else None
        tabs = await open_tabs(b.browser, b.url, kind, report.sessions, b.until(60 + 10 * sessions, reserve))
        b.log(f"{sum(not t.session.error for t in tabs)}/{len(tabs)} sessions open on /{kind.path} in "
              f"{time.time() - t0:.1f} s")
        try:
            if warming:
                await warming
            await asyncio.sleep(idle)
            await _class(b, kind, tabs, report, click_spread, run_timeout)
        finally:
            await close_tabs(tabs)

    _run_bench(body, ttl, server_env, deadline, log, browser_nice, browser=k > 0)
    report.targets = (train_targets if page == "train" else compare_targets)(report)
    return report


async def _class(b: Bench, kind: PageKind, tabs: list[Tab], report: Report, spread: float,
                 run_timeout: float) -> None:
    before = b.sampler.level()
    cpu0 = cpu_seconds(process_tree(b.pid)), *bench_cpu(b.pid)
    class_start = time.time()
    b.log(f"clicking (spread over {spread:g} s)")
    await click_all(tabs, kind, spread)
    clicks = [s.click_at for s in report.sessions if s.click_at is not None]
    first_click = min(clicks, default=class_start)
    await wait_done(tabs, min(first_click + run_timeout, b.until(run_timeout, 90)), b.log, b.sampler)
    ended = time.time()
    cpu1 = cpu_seconds(process_tree(b.pid)), *bench_cpu(b.pid)
    for t in tabs:
        t.watcher.stopped = True
        s = t.session
        if s.click_at is not None and s.done_at is None and not s.error:
            s.error = f"not done {ended - s.click_at:.0f} s after its click"
    await asyncio.gather(*(read_dom(t, kind) for t in tabs if t.session.click_at is not None))
    peak = b.sampler.peak(since=class_start)
    report.server.update({
        "rss_before_clicks_mib": before[0] / MIB, "threads_before_clicks": before[1],
        "peak_rss_mib": peak[0] / MIB, "peak_threads": peak[1], "end_rss_mib": b.sampler.level(1)[0] / MIB,
        "click_spread_s": (max(clicks) - min(clicks)) if clicks else None,
        "last_finish_after_first_click_s": max((s.done_at - first_click for s in report.sessions if s.finished),
                                               default=None),
        "class_seconds": ended - first_click,
        "cpu_seconds": {"server": cpu1[0] - cpu0[0], "chromium": cpu1[1] - cpu0[1],
                        "bench_and_driver": cpu1[2] - cpu0[2]},
    })


def run_burst(sessions: int = 30, epochs: int = 2000, width: int = 16, depths: list[int] | None = None,
              ttl: int = 120, server_env: dict[str, str] | None = None, warm: bool = True,
              thread_prefix: str = TRAINING_THREAD_PREFIX, rss_margin_mib: float = 150, click_spread: float = 1.0,
              deadline: float = 1200, browser_nice: int = BROWSER_NICE, log=print, rounds: int = 1) -> Report:
    """N Train tabs start long runs and all close at once: how long until the server has no training
    thread left and its RSS is back within ``rss_margin_mib`` of its level before the class?
    With ``rounds`` > 1 the same class comes back that many times to the same server: what a
    class leaves behind must not grow with every class."""
    kind = PAGES["train"]
    depths = depths or list(range(2, 10))
    report = Report(mode="burst-close", sessions=make_sessions(kind, sessions, depths, width, epochs))

    async def one_class(b: Bench, r: dict, rss0: int) -> None:
        tabs = await open_tabs(b.browser, b.url, kind, report.sessions, b.until(60 + 10 * sessions, ttl + 250))
        try:
            await click_all(tabs, kind, click_spread)
            # Runs under way: wait until every tab has a chart (at most 60 s), then close every tab at once.
            clicked = [t.session for t in tabs if t.session.click_at is not None]
            charts_until = b.until(60, ttl + 200)
            for _ in range(120):
                if all(s.first_chart_at for s in clicked) or time.time() >= charts_until:
                    break
                await asyncio.sleep(0.5)
            busy = await asyncio.to_thread(training_threads, b.pid, thread_prefix)
            r.update(rss_open_mib=b.sampler.level(1)[0] / MIB, threads_open=b.sampler.level(1)[1],
                     training_threads_open=busy, sessions_clicked=len(clicked),
                     sessions_with_chart=sum(bool(s.first_chart_at) for s in clicked))
            b.log(f"{len(clicked)} tabs clicked, {r['sessions_with_chart']} with a chart: RSS "
                  f"{r['rss_open_mib']:.0f} MiB, {r['threads_open']} OS threads, "
                  f"{r['training_threads_open']} training threads; closing every tab")
        finally:
            closed = time.time()
            await close_tabs(tabs)
        r["close_seconds"] = time.time() - closed
        await _watch_cleanup(b, r, closed, rss0, rss_margin_mib, thread_prefix, until=b.until(ttl + 90, 30))

    async def body(b: Bench) -> None:
        if warm:
            await warm_up(b.browser, b.url, b.until(240, ttl + 400), b.log)
        await asyncio.sleep(3)
        rss0, threads0 = b.sampler.level()
        busy = await asyncio.to_thread(training_threads, b.pid, thread_prefix)
        r = report.server
        r.update(ttl_s=ttl, thread_prefix=thread_prefix, rss_before_mib=rss0 / MIB, threads_before=threads0,
                 training_threads_before=busy, rounds=[])
        b.log(f"before the class: RSS {rss0 / MIB:.0f} MiB, {threads0} OS threads, "
              f"{busy} busy '{thread_prefix}*' threads")
        for k in range(rounds):
            if k:
                report.sessions = make_sessions(kind, sessions, depths, width, epochs)
                b.log(f"class {k + 1} of {rounds}: the same class again")
            this = {}
            await one_class(b, this, rss0)
            r["rounds"].append(this)
            if k == 0:
                r.update(this)

    _run_bench(body, ttl, server_env, deadline * rounds, log, browser_nice)
    report.targets = burst_targets(report, ttl)
    return report


async def _watch_cleanup(b: Bench, r: dict, closed: float, rss0: int, margin: float, prefix: str,
                         until: float) -> None:
    """Poll every 2 s (threads every 6 s) until no training thread is left and then RSS is back
    (measured once the runs have stopped: memory still rising while they train does not count)."""
    r.update(threads_gone_after_s=None, rss_back_after_s=None)
    left = None
    for i in range(int(max(0.0, until - time.time()) / 2) + 1):
        if r["threads_gone_after_s"] is None and i % 3 == 0:
            left = await asyncio.to_thread(training_threads, b.pid, prefix)
            if left == 0:
                r["threads_gone_after_s"] = time.time() - closed
        rss, threads = b.sampler.level(1)
        now = time.time()
        if r["threads_gone_after_s"] is not None and r["rss_back_after_s"] is None and rss <= rss0 + margin * MIB:
            r.update(rss_back_after_s=now - closed, rss_back_mib=rss / MIB)
        if i % 15 == 0:
            b.log(f"  +{now - closed:5.0f} s after closing: RSS {rss / MIB:.0f} MiB, {threads} OS threads, "
                  f"training threads {'?' if left is None else left}")
        if (r["threads_gone_after_s"] is not None and r["rss_back_after_s"] is not None) or now >= until:
            break
        await asyncio.sleep(2)
    rss, threads = b.sampler.level(1)
    r.update(rss_end_mib=rss / MIB, threads_end=threads, watched_s=time.time() - closed,
             python_threads_end=[f"{name} ({'busy' if busy else 'idle'})"
                                 for name, busy in (python_threads(b.pid) or []) if name.startswith(prefix)])


# --- targets and printing ----------------------------------------------------------------------------------
def _fmt(v: float | None, unit: str = "") -> str:
    return "—" if v is None else f"{v:.1f}{unit}"


def _common_targets(r: Report, chart_limit: float, chart_median: float | None, what: str) -> list[Target]:
    n = len(r.sessions)
    own = sum(s.finished and s.own_network for s in r.sessions)
    charts = [s.first_chart_s for s in r.sessions]
    worst = max((c if c is not None else math.inf) for c in charts) if charts else None
    spread = r.server.get("click_spread_s")
    out = [Target("clicks within 2 s (setup)", _fmt(spread, " s"), spread is not None and spread <= 2.0),
           Target(f"{n}/{n} finish with their own network", f"{own}/{n}", own == n),
           Target("no exception box", str(sum(s.exceptions for s in r.sessions)),
                  not any(s.exceptions for s in r.sessions)),
           Target(f"every first {what} ≤ {chart_limit:g} s", _fmt(worst, " s"), worst is not None
                  and worst <= chart_limit)]
    if chart_median is not None:
        med = statistics.median(c if c is not None else math.inf for c in charts) if charts else None
        out.append(Target(f"median first {what} ≤ {chart_median:g} s", _fmt(med, " s"),
                          med is not None and med <= chart_median))
    dom = [s.dom_chart_s for s in r.sessions if s.dom_chart_s is not None]
    tabs = sum(s.client == "chromium" for s in r.sessions)
    out.append(Target(f"first {what} in the page (DOM, {tabs} Chromium tabs): median / max",
                      f"{_fmt(statistics.median(dom) if dom else None)} / {_fmt(max(dom) if dom else None)} s", None))
    return out


def train_targets(r: Report) -> list[Target]:
    last = r.server.get("last_finish_after_first_click_s")
    all_done = all(s.finished for s in r.sessions)
    peak = r.server.get("peak_rss_mib")
    return [*_common_targets(r, 5.0, 3.0, "chart"),
            Target("last run finishes ≤ 90 s after the clicks", _fmt(last, " s") + ("" if all_done else " (not all)"),
                   all_done and last is not None and last <= 90),
            Target("server peak RSS ≤ 1.5 GiB", _fmt(peak, " MiB"), peak is not None and peak <= 1536),
            Target("server peak threads", str(r.server.get("peak_threads")), None)]


def compare_targets(r: Report) -> list[Target]:
    return [*_common_targets(r, 8.0, None, "overlay"),
            Target("last comparison finishes, after the clicks", _fmt(r.server.get("last_finish_after_first_click_s"),
                                                                      " s"), None),
            Target("server peak RSS", _fmt(r.server.get("peak_rss_mib"), " MiB"), None)]


def burst_targets(r: Report, ttl: int) -> list[Target]:
    b, limit = r.server, ttl + 60
    gone, back = b.get("threads_gone_after_s"), b.get("rss_back_after_s")
    out = [Target(f"no training thread left ≤ TTL + 60 = {limit} s after closing", _fmt(gone, " s"),
                  gone is not None and gone <= limit),
           Target(f"RSS within 150 MiB of before ({_fmt(b.get('rss_before_mib'))} MiB) ≤ {limit} s",
                  _fmt(back, " s") + f" (end {_fmt(b.get('rss_end_mib'))} MiB)", back is not None and back <= limit)]
    rounds = b.get("rounds") or []
    if len(rounds) > 1:
        ends = [x.get("rss_end_mib") for x in rounds]
        gone = [x.get("threads_gone_after_s") for x in rounds]
        out.append(Target(f"every class: no training thread left ≤ {limit} s after closing",
                          " / ".join(_fmt(g, " s") for g in gone), all(g is not None and g <= limit for g in gone)))
        growth = None if None in ends else ends[-1] - ends[0]
        out.append(Target(f"RSS after class {len(rounds)} within 50 MiB of after class 1 (nothing grows per class)",
                          " → ".join(_fmt(e, " MiB") for e in ends), growth is not None and growth <= 50))
    return out


def session_table(sessions: list[Session]) -> str:
    first = min((s.click_at for s in sessions if s.click_at), default=None)
    head = f"{'#':>3} {'via':>4} {'depth':>5} {'click':>6} {'chart ws':>8} {'plotly.js':>9} {'chart dom':>9} " \
           f"{'finish':>7} {'layers ws/dom/want':>18} {'exc':>3}  status"
    rows = [head]
    for s in sessions:
        click = "—" if s.click_at is None or first is None else f"+{s.click_at - first:.2f}"
        layers = f"{s.layers_ws if s.layers_ws is not None else '—'}/" \
                 f"{s.layers_dom if s.layers_dom is not None else '—'}/{s.expected_layers}"
        status = s.error or s.status
        if s.page_state and not s.finished:
            status += f" (page: {s.page_state})"
        if s.exception_text:
            status += f" [exception: {s.exception_text[:60]}]"
        via = "wire" if s.client == "wire" else "tab"
        rows.append(f"{s.index:>3} {via:>4} {s.depth:>5} {click:>6} {_fmt(s.first_chart_s):>8} {_fmt(s.chart_code_s):>9} "
                    f"{_fmt(s.dom_chart_s):>9} "
                    f"{_fmt(s.finish_s):>7} {layers:>18} {s.exceptions:>3}  {status}")
    return "\n".join(rows)


def print_report(r: Report, log=print) -> None:
    if r.mode != "burst-close":
        log(session_table(r.sessions))
        log("seconds after each session's click (click: after the first click); via: a Chromium tab or a wire "
            "session (no page: its DOM columns are —); chart ws: first chart message received; plotly.js: the page "
            "got Streamlit's chart code from the server; chart dom: chart drawn")
    log("server: " + json.dumps(r.server, default=str))
    log(f"targets (issue 10 item 5; stated for N = 30 Train / 10 Compare), {len(r.sessions)} sessions:")
    for t in r.targets:
        verdict = "    " if t.ok is None else ("PASS" if t.ok else "FAIL")
        log(f"  {verdict}  {t.name}: {t.value}")
    scored = [t for t in r.targets if t.ok is not None]
    log(f"SUMMARY {r.mode} N={len(r.sessions)} ({r.clients}): {'PASS' if r.passed else 'FAIL'} "
        f"({sum(bool(t.ok) for t in scored)}/{len(scored)} targets met)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--page", choices=sorted(PAGES), default="train")
    ap.add_argument("--sessions", type=int, default=8, help="students in the class (default 8)")
    ap.add_argument("--clients", choices=CLIENTS, default="mixed",
                    help="who the sessions are: mixed (default): --chromium K headless-Chromium tabs that also check "
                         "the drawn page, the rest wire sessions (a websocket client that speaks Streamlit's protocol "
                         "like a tab and draws nothing, so the bench measures the server, not the browsers); "
                         "chromium: every session a tab; wire: no browser. --burst-close always uses tabs")
    ap.add_argument("--chromium", type=int, default=DEFAULT_BROWSERS, metavar="K",
                    help=f"Chromium tabs in a mixed class (default {DEFAULT_BROWSERS})")
    ap.add_argument("--epochs", type=int, default=None, help="per run (default 100; 2000 with --burst-close)")
    ap.add_argument("--width", type=int, default=16)
    ap.add_argument("--depths", default="2-9", help="depths the sessions cycle through, e.g. 2-9 or 3,5")
    ap.add_argument("--burst-close", type=int, metavar="N", help="open N Train tabs, start runs, close them all")
    ap.add_argument("--rounds", type=int, default=1,
                    help="with --burst-close: the same class comes back this many times (memory must not grow)")
    ap.add_argument("--ttl", type=int, default=120, help="server.disconnectedSessionTTL in seconds (default 120)")
    ap.add_argument("--server-env", action="append", default=[], metavar="NAME=VALUE",
                    help="extra environment for the server, e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=false")
    ap.add_argument("--no-warm", action="store_true", help="skip the throwaway run before the class (cold server)")
    ap.add_argument("--idle", type=float, default=5.0, help="seconds the open sessions wait before the clicks")
    ap.add_argument("--click-spread", type=float, default=1.0, help="the clicks arrive spread over this many s")
    ap.add_argument("--browser-nice", type=int, default=BROWSER_NICE, help="Chromium's nice value (default 19; it also runs at SCHED_IDLE)")
    ap.add_argument("--run-timeout", type=float, default=300, help="seconds after the clicks to wait for the runs")
    ap.add_argument("--thread-prefix", default=TRAINING_THREAD_PREFIX,
                    help="training threads: busy threads whose name starts with this")
    ap.add_argument("--deadline", type=float, default=1200, help="hard limit for the whole bench in seconds")
    ap.add_argument("--json", help="write the per-session table, server figures and targets here")
    args = ap.parse_args(argv)
    if unavailable_reason():
        print(f"cannot run: {unavailable_reason()}", file=sys.stderr)
        return 2
    env = dict(kv.split("=", 1) for kv in args.server_env)
    depths = _parse_depths(args.depths)
    started = time.time()
    if args.burst_close:
        report = run_burst(args.burst_close, args.epochs or 2000, args.width, depths, args.ttl, env,
                           not args.no_warm, args.thread_prefix, click_spread=args.click_spread,
                           deadline=args.deadline, browser_nice=args.browser_nice, rounds=args.rounds)
    else:
        report = run_classroom(args.page, args.sessions, args.epochs or 100, args.width, depths, args.ttl, env,
                               not args.no_warm, args.idle, args.click_spread, args.run_timeout, args.deadline,
                               args.browser_nice, clients=args.clients, browsers=args.chromium)
    print_report(report)
    print(f"({time.time() - started:.0f} s in all; the browsers and the bench share this machine's "
          f"{os.cpu_count()} cores with the server)")
    if args.json:
        Path(args.json).write_text(json.dumps({"args": vars(args), **report.as_dict()}, indent=1, default=str))
    return 0 if report.passed else 1


def _parse_depths(text: str) -> list[int]:
    if "-" in text:
        low, high = (int(v) for v in text.split("-", 1))
        return list(range(low, high + 1))
    return [int(v) for v in text.split(",")]


if __name__ == "__main__":
    sys.exit(main())
