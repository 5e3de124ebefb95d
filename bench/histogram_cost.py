"""Issue 14 (B): what the histograms over time cost a training run, side by side in one run.

For each workload it trains the same run with histograms on and off (``nnlab.histograms.ENABLED``),
interleaved, on one warm trainer pool (the histogram function is traced in the warm-up, as the
app's warmer does), and prints the median wall time of a whole run (``engine.run``, setup to
final test pass) and its process CPU time with and without, their ratios against the issue's ≤ 10% target, and the
frames taken and time spent counting (``timing.histogram_seconds``).

Workloads: the spiral 8×16 at the app's default settings (50 epochs, batch 32, momentum), and
the lecture's MNIST MLP 784-256-128-10 (ReLU, He, SGD 0.1, batch 100) on the app's MNIST
sample, and on the official 10,000-image MNIST test set (IDX files from /work/shared, written
to a temporary .npz for the app's ``mnist_full`` loader) when they exist.

    python bench/histogram_cost.py [repeats]
"""

from __future__ import annotations

import gzip
import os
import sys
import tempfile
import time

import numpy as np
from common import MNIST_MLP, load, median

from nnlab import compiled, datasets, engine, histograms
from nnlab.config import RunConfig

T10K = "/work/shared/data/mnist-t10k"


def _idx(path: str) -> np.ndarray:
    with gzip.open(path, "rb") as fh:
        raw = fh.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def t10k_data(config: RunConfig):
    """The lecture MLP's data from the real MNIST test set (10,000 images), or None."""
    images, labels = f"{T10K}/t10k-images-idx3-ubyte.gz", f"{T10K}/t10k-labels-idx1-ubyte.gz"
    if not (os.path.exists(images) and os.path.exists(labels)):
        return None
    x, y = _idx(images), _idx(labels)
    path = os.path.join(tempfile.mkdtemp(prefix="nnlab-bench-"), "mnist-t10k.npz")
    np.savez(path, x_train=x[:5000], y_train=y[:5000], x_test=x[5000:], y_test=y[5000:])
    os.environ[datasets.MNIST_NPZ_ENV] = path
    return datasets.load(config.replace(dataset="mnist_full"))


def measure(name: str, config: RunConfig, data, repeats: int) -> tuple[float, float]:
    pool = compiled.TrainerPool()
    for on in (True, False):  # warm-up: build, trace (chunk, evaluate, histograms)
        histograms.ENABLED = on
        engine.run(config, data, pool=pool)
    wall = {True: [], False: []}
    cpu = {True: [], False: []}
    counted, frames = [], []
    for r in range(repeats):
        for on in ((True, False) if r % 2 == 0 else (False, True)):
            histograms.ENABLED = on
            t0, c0 = time.perf_counter(), time.process_time()
            record = engine.run(config, data, pool=pool)
            wall[on].append(time.perf_counter() - t0)
            cpu[on].append(time.process_time() - c0)
            if on:
                counted.append(record.timing.get("histogram_seconds") or 0.0)
                frames.append(len(record.snapshot()["histograms"]["frames"]))
    histograms.ENABLED = True
    on, off = median(wall[True]), median(wall[False])
    cpu_on, cpu_off = median(cpu[True]), median(cpu[False])
    per_frame = median([c / max(f, 1) for c, f in zip(counted, frames)])
    print(f"  {name:44s} {off:6.2f} s {on:6.2f} s {100 * (on / off - 1):+6.1f}%  | CPU {cpu_off:6.2f} s {cpu_on:6.2f} s"
          f" {100 * (cpu_on / cpu_off - 1):+6.1f}%  | {median(frames):3.0f} frames, {1e3 * per_frame:5.1f} ms each,"
          f" counting {100 * median(counted) / on:4.1f}% of the wall time")
    return on, off


def main(repeats: int = 5) -> None:
    spiral = RunConfig(dataset="spiral", depth=8, width=16)
    mnist = MNIST_MLP.replace(epochs=10)
    work = [("spiral 8×16, app defaults (50 epochs)", spiral, load(spiral)),
            ("MNIST MLP 784-256-128-10, app sample (10 ep)", mnist, load(mnist))]
    t10k = t10k_data(MNIST_MLP.replace(epochs=5))
    if t10k is not None:
        work.append(("MNIST MLP, official t10k images (5 ep)", MNIST_MLP.replace(epochs=5, dataset="mnist_full"), t10k))
    print(f"Histograms over time: whole-run wall time, medians of {repeats} interleaved runs (target: ≤ +10%)")
    print(f"  {'workload':44s} {'wall: without, with, cost':>26s}  | {'CPU time (all threads)':>26s}")
    for name, config, data in work:
        measure(name, config, data, repeats)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
