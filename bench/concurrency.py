"""(d) Concurrency: wall time of N jobs trained at once under the JobManager vs the same N
jobs one after another, in one process (both orders measured, warm trainers).

Run: python bench/concurrency.py [--jobs 4] [--compare-activations]
  --compare-activations: the Compare page's case instead — six activations, spiral set,
  8 layers, sequential sum vs concurrent wall time.
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--compare-activations", action="store_true")
    args = parser.parse_args()
    if args.compare_activations:
        base = RunConfig(dataset="spiral", n_samples=600, depth=8, width=16, epochs=40, batch_size=32)
        configs = [base.replace(activation=a) for a in SIX]
        title = "six activations, spiral, 8×16, 40 epochs"
    else:
        base = RunConfig(dataset="spiral", n_samples=600, depth=4, width=64, epochs=40, batch_size=32)
        configs = [base.replace(seed=i) for i in range(args.jobs)]
        title = f"{args.jobs} jobs, spiral, 4×64, 40 epochs"
    data = load(base)
    wall(JobManager(max_running=1), configs, data)  # warm-up: build and trace every trainer
    sequential = wall(JobManager(max_running=1), configs, data)
    concurrent = wall(JobManager(), configs, data)
    sequential2 = wall(JobManager(max_running=1), configs, data)
    seq = min(sequential, sequential2)
    print(f"{title}: sequential {seq:.2f} s, concurrent (cap = cores) {concurrent:.2f} s, "
          f"ratio {concurrent / seq:.2f} (speed-up {seq / concurrent:.2f}×)")


if __name__ == "__main__":
    main()
