"""What a class opening the link costs the server in plotly.js downloads: NN Lab's own route
(``nnlab.ui.plotly_asset``: compressed once, ETag) vs Streamlit's component route (compressed
again per request), side by side on one ``streamlit_app.py`` server.

One page is opened first (that registers the component route and imports nnlab) and the
start-up's compiles are left to finish. Then, for each route in turn, ``--tabs`` browsers ask
for plotly.js at once (gzip accepted, as every browser does), while a probe asks
``/_stcore/health`` every 20 ms: its slowest answer is how long the event loop, which carries
every session's messages, was held up. Then each tab asks again as a reopened tab would (with
the ETag it got, when it got one).

    python bench/plotly_download.py [--tabs 30] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT, os.path.join(ROOT, "tests")]

from browser_support import (  # noqa: E402
    SERVER_PID_BY_URL,
    browser_page,
    streamlit_server,
    unavailable_reason,
    wait_for_app,
)

ROUTES = {"nnlab route": "/nnlab/plotly.min.js",
          "component route": "/_stcore/bidi-components/nnlab.plotlyjs/plotly.min.js"}


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fetch(url: str, etag: str | None = None) -> tuple[int, int, str | None]:
    """(status, bytes on the wire, etag)."""
    headers = {"Accept-Encoding": "gzip, deflate, br"}
    if etag:
        headers["If-None-Match"] = etag
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
            return r.status, len(r.read()), r.headers.get("ETag")
    except urllib.error.HTTPError as err:
        return err.code, 0, err.headers.get("ETag")


def burst(base: str, path: str, tabs: int, pid: int) -> dict:
    stop = threading.Event()
    delays: list[float] = []

    def probe():
        while not stop.is_set():
            t0 = time.perf_counter()
            fetch(base + "/_stcore/health")
            delays.append(time.perf_counter() - t0)
            time.sleep(0.02)

    prober = threading.Thread(target=probe, daemon=True)
    cpu0, wall0 = cpu_seconds(pid), time.perf_counter()
    prober.start()
    with ThreadPoolExecutor(tabs) as pool:
        first = list(pool.map(lambda _: fetch(base + path), range(tabs)))
    wall = time.perf_counter() - wall0
    stop.set()
    prober.join()
    cpu = cpu_seconds(pid) - cpu0
    cpu1 = cpu_seconds(pid)
    with ThreadPoolExecutor(tabs) as pool:
        again = list(pool.map(lambda r: fetch(base + path, r[2]), first))
    return {"status": sorted({s for s, _, _ in first}), "mb": sum(n for _, n, _ in first) / tabs / 1e6,
            "cpu": cpu, "wall": wall, "stall": max(delays), "again_status": sorted({s for s, _, _ in again}),
            "again_mb": sum(n for _, n, _ in again) / tabs / 1e6, "again_cpu": cpu_seconds(pid) - cpu1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tabs", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--settle", type=float, default=45.0, help="seconds for the start-up's compiles")
    args = parser.parse_args()
    if reason := unavailable_reason():
        sys.exit(reason)
    results: dict[str, list[dict]] = {name: [] for name in ROUTES}
    with streamlit_server(timeout=120) as base, browser_page() as page:
        pid = SERVER_PID_BY_URL[base]
        page.goto(base + "/train")
        wait_for_app(page, timeout=90_000)
        time.sleep(args.settle)
        for path in ROUTES.values():  # once each: the nnlab route compresses on its first request
            fetch(base + path)
        for _ in range(args.repeat):
            for name, path in ROUTES.items():
                results[name].append(r := burst(base, path, args.tabs, pid))
                print(f"{name:16} {args.tabs} tabs: status {r['status']} {r['mb']:.2f} MB each, server CPU "
                      f"{r['cpu']:.2f} s, wall {r['wall']:.2f} s, slowest health answer {r['stall'] * 1000:.0f} ms; "
                      f"reopened: status {r['again_status']} {r['again_mb']:.2f} MB each, CPU {r['again_cpu']:.2f} s",
                      flush=True)
    print(f"\nmedians over {args.repeat} bursts of {args.tabs} tabs:")
    med = {name: {k: statistics.median(r[k] for r in rs) for k in ("cpu", "wall", "stall", "mb", "again_mb")}
           for name, rs in results.items()}
    for name, m in med.items():
        print(f"  {name:16} server CPU {m['cpu']:.2f} s, wall {m['wall']:.2f} s, event loop held up to "
              f"{m['stall'] * 1000:.0f} ms, {m['mb']:.2f} MB per tab; reopened tab {m['again_mb']:.2f} MB")
    own, stock = med["nnlab route"], med["component route"]
    print(f"  ratio nnlab/component: server CPU {own['cpu'] / max(stock['cpu'], 1e-9):.2f}, "
          f"slowest health answer {own['stall'] / max(stock['stall'], 1e-9):.2f}")


if __name__ == "__main__":
    main()
