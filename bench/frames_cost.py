"""Issue 14's cost target, all views at once: a training run with every frame the "seeing
inside" views record (neuron maps and diagram: ``nnlab.inside``; histograms over time:
``nnlab.histograms``; the replay's boundary frames: ``engine.FRAME_BUDGET``) against the
same run with none of them, side by side in one process, interleaved, on warm trainers.

Prints, per workload, the median wall time and process CPU time of a whole run
(``engine.run``) with and without the frames, their ratio against the ≤ 10% target, and the
frames each kind recorded. Workloads: the spiral 8×16 at the app's default settings and
the lecture's MNIST MLP 784-256-128-10 on the app's MNIST sample (the lecture preset: 15
epochs). All frames share one budget (``nnlab.frame_budget``, 8% of the training time).

    python bench/frames_cost.py [repeats]
"""

from __future__ import annotations

import sys
import time

from common import MNIST_MLP, load, median

from nnlab import compiled, engine, histograms, inside
from nnlab.config import RunConfig

CASES = {"spiral 8x16, app defaults": RunConfig(depth=8, width=16),
         "MNIST MLP 784-256-128-10, lecture preset": MNIST_MLP.replace(epochs=15)}
TARGET = 0.10


def _no_inside(*args, **kwargs):
    return None


def _run(config, data, pool, on: bool):
    """One whole run with every kind of frame (``on``) or none; (wall s, CPU s, record)."""
    for_run, budget, enabled = inside.Probe.for_run, engine.FRAME_BUDGET, histograms.ENABLED
    try:
        if not on:
            inside.Probe.for_run = staticmethod(_no_inside)
            engine.FRAME_BUDGET = -1.0  # no replay frames: the first epoch's and the final boundary only
            histograms.ENABLED = False
        t0, c0 = time.perf_counter(), time.process_time()
        record = engine.run(config, data, pool=pool)
        return time.perf_counter() - t0, time.process_time() - c0, record
    finally:
        inside.Probe.for_run, engine.FRAME_BUDGET, histograms.ENABLED = for_run, budget, enabled


def _frames(record) -> str:
    snap = record.snapshot()
    maps = len((snap.get("inside") or {}).get("frames") or [])
    hist = len((snap.get("histograms") or {}).get("frames") or [])
    return f"{maps} inside, {hist} histogram, {len(snap.get('boundary_frames') or [])} boundary frames"


def main(repeats: int = 7) -> None:
    print(f"Whole run with all frames vs none: median of {repeats} interleaved runs on warm trainers "
          f"(target: at most +{100 * TARGET:.0f}%)")
    for name, config in CASES.items():
        data = load(config)
        pool = compiled.TrainerPool()
        for on in (True, False):  # warm-up: build and trace every function once
            _run(config, data, pool, on)
        wall, cpu, last = {True: [], False: []}, {True: [], False: []}, None
        for r in range(repeats):
            for on in ((True, False) if r % 2 == 0 else (False, True)):
                seconds, cpu_seconds, record = _run(config, data, pool, on)
                wall[on].append(seconds)
                cpu[on].append(cpu_seconds)
                if on:
                    last = record
        w_on, w_off = median(wall[True]), median(wall[False])
        c_on, c_off = median(cpu[True]), median(cpu[False])
        wall_ratio, cpu_ratio = w_on / w_off - 1, c_on / c_off - 1
        verdict = "met" if wall_ratio <= TARGET else "NOT met"
        print(f"  {name:36s} wall {w_off:6.2f} s → {w_on:6.2f} s ({100 * wall_ratio:+5.1f}%, {verdict}) | "
              f"CPU {c_off:6.2f} s → {c_on:6.2f} s ({100 * cpu_ratio:+5.1f}%) | {_frames(last)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
