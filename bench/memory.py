"""(c) Memory: RSS growth per run over many consecutive small runs in one long-lived process.

Each mode runs in its own fresh subprocess, side by side:
  pooled — the engine as the app uses it (compiled trainers reused across runs);
  fresh  — a new Keras model and new compiled functions for every run (what a naive
           loop does), to show what the pool saves.
Runs cycle through four activations so the pool really serves several architectures.

Run: python bench/memory.py [--runs 100]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

WORKER = r"""
import gc, json, os, sys
sys.path.insert(0, {root!r})
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
import psutil
from nnlab import datasets, engine
from nnlab.compiled import TrainerPool
from nnlab.runtime import POOL
from nnlab.config import RunConfig
mode, runs = {mode!r}, {runs}
base = RunConfig(dataset="xor", n_samples=200, depth=3, width=16, epochs=3, batch_size=16)
data = datasets.load(base)
acts = ["relu", "tanh", "sigmoid", "elu"]
proc = psutil.Process()
rss = []
warmup = len(acts) * 2
for i in range(warmup + runs):
    cfg = base.replace(activation=acts[i % len(acts)], seed=i)
    pool = POOL if mode == "pooled" else TrainerPool()
    engine.run(cfg, data, pool=pool)
    del pool
    gc.collect()
    if i >= warmup - 1:
        rss.append(proc.memory_info().rss)
print(json.dumps(rss))
"""


def measure(mode: str, runs: int, root: str) -> list[int]:
    out = subprocess.run([sys.executable, "-c", WORKER.format(root=root, mode=mode, runs=runs)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    import os

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--fresh-runs", type=int, default=40)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    pooled = measure("pooled", args.runs, root)
    fresh = measure("fresh", args.fresh_runs, root)
    mb = 1024 * 1024
    per_pooled = (pooled[-1] - pooled[0]) / args.runs / mb
    per_fresh = (fresh[-1] - fresh[0]) / args.fresh_runs / mb
    print(f"pooled engine: {args.runs} runs after warm-up, RSS {pooled[0] / mb:.0f} → {pooled[-1] / mb:.0f} MB, "
          f"{per_pooled:+.3f} MB/run")
    print(f"fresh models : {args.fresh_runs} runs after warm-up, RSS {fresh[0] / mb:.0f} → {fresh[-1] / mb:.0f} MB, "
          f"{per_fresh:+.3f} MB/run")
    print(f"(c) RSS growth per run (pooled) {per_pooled:.3f} MB   (target < 1 MB); "
          f"a fresh model per run grows {per_fresh:.2f} MB/run")


if __name__ == "__main__":
    main()
