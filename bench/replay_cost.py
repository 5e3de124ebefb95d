"""What keeping a run's replay frames costs its training, and how big they are.

The replay (``nnlab.replay``, the epoch scrubber) needs the decision boundary at many epochs:
the engine predicts the model's output over the 60×60 grid at about ``BOUNDARY_FRAMES``
evenly spaced epochs (and every ``BOUNDARY_EVERY_SECONDS`` of a long run), and the record
keeps at most ``MAX_BOUNDARY_FRAMES`` of them, thinned evenly, taking a frame only while the
frames cost at most ``FRAME_BUDGET`` of the training time. This trains the same 2-D runs
with the frames as the app keeps them and without replay frames (the first epoch's and the
final boundary only), interleaved in one process, and prints the CPU time of each and the
ratio, and the frames' share of the training time as the engine counts it; then a long
run's frame count, frame memory and JSON size.

    python bench/replay_cost.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nnlab import datasets, engine  # noqa: E402
from nnlab.config import RunConfig  # noqa: E402

CASES = {
    "default spiral 3×16, 50 epochs": RunConfig(),
    "spiral 3×16, 200 epochs": RunConfig(epochs=200),
    "xor 2×8, 100 epochs, batch 16": RunConfig(dataset="xor", n_samples=300, depth=2, width=8, epochs=100,
                                               batch_size=16),
}


def timed(config: RunConfig, data, frames: bool) -> tuple[float, float]:
    """(CPU seconds of the run, the share of its training time its frames took as the engine
    counts it: ``timing.frame_seconds / timing.train_seconds``)."""
    budget = engine.FRAME_BUDGET
    if not frames:
        engine.FRAME_BUDGET = -1.0  # no replay frames: the first epoch's and the final boundary only
    try:
        t0 = time.process_time()  # CPU time: other processes on the machine count less than in wall time
        record = engine.run(config, data)
        cpu = time.process_time() - t0
    finally:
        engine.FRAME_BUDGET = budget
    timing = record.timing
    return cpu, (timing.get("frame_seconds") or 0.0) / max(timing.get("train_seconds") or 1e-9, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--long-epochs", type=int, default=2000)
    args = parser.parse_args()
    for name, config in CASES.items():
        data = datasets.load(config)
        timed(config, data, True), timed(config, data, False)  # compile both paths first
        on, off, share = [], [], []
        for _ in range(args.repeats):  # interleaved: the machine's load changes for both alike
            cpu, part = timed(config, data, True)
            on.append(cpu)
            share.append(part)
            off.append(timed(config, data, False)[0])
        a, b = statistics.median(on), statistics.median(off)
        print(f"{name:<34} CPU with frames {a:6.3f} s, without {b:6.3f} s: {100 * (a / b - 1):+5.1f}%;   "
              f"frames / training time (engine's count) {100 * statistics.median(share):4.1f}%")
    long = RunConfig(epochs=args.long_epochs, n_samples=200)
    record = engine.run(long, datasets.load(long))
    snap = record.snapshot()
    print(f"{args.long_epochs}-epoch run: frames took {100 * record.timing['frame_seconds'] / record.timing['train_seconds']:.1f}% "
          f"of its training time")
    frames = snap["boundary_frames"]
    nbytes = sum(f["z"].nbytes + (0 if f["confidence"] is None else f["confidence"].nbytes) for f in frames)
    epochs = [f["epoch"] for f in frames]
    gaps = [b - a for a, b in zip(epochs, epochs[1:])]
    print(f"{args.long_epochs}-epoch run: {len(frames)} boundary frames (epochs {epochs[0]} … {epochs[-1]}, "
          f"gaps {min(gaps)}–{max(gaps)}), {nbytes / 1024:.0f} KB in memory, "
          f"JSON record {len(record.to_json()) / 1024 / 1024:.1f} MB")


if __name__ == "__main__":
    main()
