"""(d) Concurrency: wall time of N jobs trained at once under the JobManager vs the same N
jobs one after another, in one process (both orders measured, warm trainers).

Run: python bench/concurrency.py [--jobs 4] [--compare-activations [--cold]]
  --compare-activations: the Compare page's case instead — six activations, spiral set,
  8 layers: the sum of six runs one after another vs the page's path, one comparison
  group (``submit_group``) that trains all six at once, plus the time until every run
  has a first epoch on screen. Warm trainers; ``--cold`` repeats both in fresh processes
  (every network compiled from scratch, as on a server's first Compare click).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from common import load

from nnlab.config import RunConfig
from nnlab.jobs import JobManager

SIX = ["sigmoid", "tanh", "relu", "elu", "gelu", "swish"]


def wall(manager: JobManager, configs, data) -> float:
    t0 = time.perf_counter()
    jobs = [manager.submit(c, data=data) for c in configs]
    for j in jobs:
        j.wait()
        assert j.snapshot()["status"] == "finished", j.snapshot()["error"]
    return time.perf_counter() - t0


def group_wall(manager: JobManager, configs, data) -> tuple[float, float]:
    """(wall time of one comparison group, seconds until every run has finished an epoch)."""
    t0 = time.perf_counter()
    jobs = manager.submit_group(configs, data=data, labels=[c.activation for c in configs])
    first = None
    while not all(j.ended for j in jobs):
        if first is None and all((j.snapshot()["history"].get("epoch") or []) for j in jobs):
            first = time.perf_counter() - t0
        time.sleep(0.02)
    for j in jobs:
        assert j.snapshot()["status"] == "finished", j.snapshot()["error"]
    total = time.perf_counter() - t0
    return total, first if first is not None else total


COMPARE_BASE = RunConfig(dataset="spiral", n_samples=600, depth=8, width=16, epochs=40, batch_size=32)


def compare_activations(cold: bool) -> None:
    configs = [COMPARE_BASE.replace(activation=a) for a in SIX]
    data = load(COMPARE_BASE)
    title = "Compare page: six activations, spiral, 8×16, 40 epochs, 2-D"
    if cold:
        out = {}
        for mode in ("sequential", "group"):
            text = subprocess.run([sys.executable, __file__, "--one", mode], capture_output=True, text=True,
                                  check=True).stdout.split()
            out[mode] = [float(v) for v in text[-2:]]
        seq, (group, first) = out["sequential"][0], out["group"]
        print(f"{title}, cold (fresh process, every network compiled): sequential sum {seq:.2f} s, "
              f"one comparison group {group:.2f} s (speed-up {seq / group:.2f}×); all six on screen after "
              f"{first:.2f} s")
        return
    wall(JobManager(max_running=1), configs, data)  # warm-up: build and compile every trainer
    seqs, groups, firsts = [], [], []
    for _ in range(3):
        seqs.append(wall(JobManager(max_running=1), configs, data))
        g, f = group_wall(JobManager(), configs, data)
        groups.append(g)
        firsts.append(f)
    seq, group, first = min(seqs), min(groups), min(firsts)
    print(f"{title}, warm: sequential sum {seq:.2f} s, one comparison group {group:.2f} s "
          f"(ratio {group / seq:.2f}, speed-up {seq / group:.2f}×); all six on screen after {first:.2f} s")


def _one(mode: str) -> None:
    """A single cold measurement in this fresh process (used by --cold)."""
    configs = [COMPARE_BASE.replace(activation=a) for a in SIX]
    data = load(COMPARE_BASE)
    from nnlab import engine

    engine.run(COMPARE_BASE.replace(activation="linear", depth=1, epochs=1), data)  # TensorFlow start-up
    if mode == "sequential":
        print(wall(JobManager(max_running=1), configs, data), 0.0)
    else:
        print(*group_wall(JobManager(), configs, data))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--compare-activations", action="store_true")
    parser.add_argument("--cold", action="store_true", help="with --compare-activations: fresh processes")
    parser.add_argument("--one", choices=("sequential", "group"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(args.one)
        return
    if args.compare_activations:
        compare_activations(args.cold)
        return
    base = RunConfig(dataset="spiral", n_samples=600, depth=4, width=64, epochs=args.epochs, batch_size=32)
    configs = [base.replace(seed=i) for i in range(args.jobs)]
    title = f"{args.jobs} jobs, spiral, 4×64, {args.epochs} epochs"
    data = load(base)
    wall(JobManager(max_running=1), configs, data)  # warm-up: build and trace every trainer
    seqs, concs = [], []
    for _ in range(2):  # interleaved
        seqs.append(wall(JobManager(max_running=1), configs, data))
        concs.append(wall(JobManager(), configs, data))
    seq, concurrent = min(seqs), min(concs)
    print(f"{title}: sequential {seq:.2f} s, concurrent (cap = {JobManager().max_running} cores) "
          f"{concurrent:.2f} s, ratio {concurrent / seq:.2f} (speed-up {seq / concurrent:.2f}×)")


if __name__ == "__main__":
    main()
