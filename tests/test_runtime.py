"""nnlab.runtime: wiring without import cycles, delayed clean-ups on one thread, start-up."""

import os
import subprocess
import sys
import threading
import time

from nnlab import runtime


def test_the_runtime_imports_alone_without_streamlit_or_a_cycle():
    code = ("import sys, nnlab.runtime as r; "
            "assert 'streamlit' not in sys.modules; "
            "assert r.SCHEDULER.pool is r.POOL and r.WARMER.pool is r.POOL and r.WARMER.scheduler is r.SCHEDULER")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_delayed_clean_ups_run_in_order_on_one_thread():
    later = runtime._Later()
    ran, names = [], set()

    def record(tag):
        ran.append(tag)
        names.add(threading.current_thread().name)

    before = threading.active_count()
    for tag, delay in (("b", 0.2), ("a", 0.05), ("c", 0.3)):
        later.call(delay, lambda tag=tag: record(tag))
    later.call(0.1, lambda: 1 / 0)  # a failing clean-up does not stop the others
    assert threading.active_count() == before + 1
    deadline = time.monotonic() + 5
    while len(ran) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert ran == ["a", "b", "c"] and names == {"nnlab-later"}
    later.shutdown(2)
    assert threading.active_count() == before


def test_every_thread_the_runtime_starts_is_joined_at_shutdown():
    code = """
import threading, nnlab.runtime as r
from nnlab.config import RunConfig
r.start()
assert r.ready(120)
job = r.SCHEDULER.submit(RunConfig(dataset="xor", depth=2, width=8, epochs=5000))
r.LATER.call(100, lambda: None)
while not job.has_numbers: pass
r.shutdown(20)
left = [t.name for t in threading.enumerate() if t.name.startswith("nnlab")]
assert job.ended and not left, left
print("ok")
"""
    env = dict(os.environ, NNLAB_PREWARM="1")  # the test process turns start-up and warm-ups off
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert out.stdout.strip().endswith("ok"), out.stderr[-2000:]


def test_tidy_collects_cycles_and_gives_their_memory_back_to_the_os():
    """What a class leaves behind when its tabs close: sessions full of reference cycles that
    the generational GC of a quiet server never reaches, in memory glibc would keep."""
    code = """
import gc, nnlab.runtime as r
def rss(): return int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20
gc.disable()  # a quiet server: nothing allocates, so no automatic collection comes
class Session: pass
before = rss()
for _ in range(3000):
    a, b = Session(), Session()
    a.peer, b.peer, a.data = b, a, bytearray(40_000)
del a, b
left = rss()
found = r.tidy()
print(round(left - before), round(left - rss()), found)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    grew, returned, found = map(int, out.stdout.split())
    assert grew >= 100, out.stderr[-2000:]
    assert found >= 6000
    assert returned >= 0.8 * grew, f"grew {grew} MiB, tidy() returned {returned} MiB"


def test_the_start_up_compiles_wait_while_pages_are_being_drawn(monkeypatch):
    """A page run (``page_drawn``) holds the start-up's next compile back for QUIET_SECONDS:
    compiling beside a first visit slowed the page and the first click's chart."""
    monkeypatch.setattr(runtime, "QUIET_SECONDS", 0.6)
    monkeypatch.setattr(runtime, "_last_page", 0.0)
    started = time.monotonic()
    runtime._wait_for_quiet()
    assert time.monotonic() - started < 0.1  # no page drawn lately: no wait

    runtime.page_drawn()
    drawer = threading.Timer(0.4, runtime.page_drawn)  # another page run 0.4 s later
    drawer.start()
    started = time.monotonic()
    runtime._wait_for_quiet()
    waited = time.monotonic() - started
    drawer.join()
    assert 0.95 <= waited < 2.0, waited  # 0.6 s after the second page run, not after the first
