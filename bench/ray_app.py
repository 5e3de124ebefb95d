"""What training the app's runs on Ray costs (issue 16 part 3, ``nnlab.ray_jobs``), with a local Ray.

For ``--runs`` runs of Train's defaults (spiral, 3 × 16, 50 epochs), one after the other on one
``RayScheduler``: seconds from submit to the first numbers reaching this process and to the end,
whether the run got a warm spare actor, and this process's CPU seconds per second of run (the
poller, Ray's client threads: what the drawing server pays per run). Also the size of a poll
answer at the end of a run, with the frame deltas and without them.

    python bench/ray_app.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from nnlab import ray_actor  # noqa: E402
from nnlab.config import RunConfig  # noqa: E402
from nnlab.ray_jobs import RayScheduler  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--settle", type=float, default=30.0, help="s to let the spare actor warm up first")
    args = parser.parse_args()
    began = time.monotonic()
    sched = RayScheduler(ray_actor.LOCAL)
    sched.connect()
    print(f"Ray up in {time.monotonic() - began:.1f} s", flush=True)
    sched.connect_soon()
    time.sleep(args.settle)
    for index in range(args.runs):
        cpu0, t0 = time.process_time(), time.monotonic()
        job = sched.submit(RunConfig())
        job.wait_for_numbers(300)
        first = time.monotonic() - t0
        job.wait(600)
        wall, cpu = time.monotonic() - t0, time.process_time() - cpu0
        snap = job.snapshot()
        print(f"run {index + 1}: status {snap['status']}, first numbers {first:.2f} s, ended {wall:.2f} s, "
              f"server CPU {cpu / wall:.3f} s per s of run", flush=True)
        time.sleep(args.settle)  # the next spare warms up
    full = dict(snap)
    delta = dict(snap, boundary_frames=list(range(len(snap["boundary_frames"]))))
    for kind in ("inside", "histograms"):
        if delta.get(kind):
            delta[kind] = dict(delta[kind], frames=list(range(len(delta[kind]["frames"]))))
    print(f"a poll answer at the end of a run: {len(pickle.dumps(full)) / 1e3:.0f} kB whole, "
          f"{len(pickle.dumps(delta)) / 1e3:.0f} kB without the frames already sent")
    rounds = sorted(sched.poll_seconds)
    if rounds:
        print(f"poll rounds: median {rounds[len(rounds) // 2] * 1e3:.1f} ms wall over {len(rounds)} rounds")
    sched.shutdown(30)


if __name__ == "__main__":
    main()
