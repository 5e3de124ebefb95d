"""What the "inside the network" frames (neuron maps, diagram data) cost a training run.

Trains the spiral 8×16 network (the Compare page's default depth) and the lecture's MNIST
MLP with the frames recorded and without them (``nnlab.inside.Probe.for_run`` swapped for
one that records nothing), interleaved in one process on warm trainers, and prints the
median wall time of each whole run (``engine.run``: training, evaluation, decision boundary
and frames) side by side as a ratio. A third column leaves out the decision boundary too,
to show what all the per-epoch pictures of a 2-D run cost together.

    python bench/inside_cost.py [repeats]
"""

from __future__ import annotations

import dataclasses
import sys
import time

from common import MNIST_MLP, load, median

from nnlab import compiled, engine, inside
from nnlab.config import RunConfig

SPIRAL_8x16 = RunConfig(dataset="spiral", depth=8, width=16, epochs=100)
CASES = {"spiral 8x16, 100 epochs": SPIRAL_8x16, "MNIST MLP 784-256-128-10, 3 epochs": MNIST_MLP.replace(epochs=3)}


def _no_frames(*args, **kwargs):
    return None


CAPTURE = {"seconds": 0.0, "calls": 0}
_capture = inside.Probe.capture


def _timed_capture(self, trainer, epoch):
    t0 = time.perf_counter()
    try:
        return _capture(self, trainer, epoch)
    finally:
        CAPTURE["seconds"] += time.perf_counter() - t0
        CAPTURE["calls"] += 1


inside.Probe.capture = _timed_capture


def variant(name: str, config, data, pool) -> tuple[float, int]:
    """Wall seconds of one run in variant ``name`` and the frames it recorded."""
    for_run = inside.Probe.for_run
    CAPTURE.update(seconds=0.0, calls=0)
    try:
        if name != "frames on":
            inside.Probe.for_run = staticmethod(_no_frames)
        t0 = time.perf_counter()
        if name == "no frames, no boundary":
            data = dataclasses.replace(data, is_2d=False)  # the engine draws no boundary then
        record = engine.run(config, data, pool=pool)
        seconds = time.perf_counter() - t0
    finally:
        inside.Probe.for_run = for_run
    snap = record.snapshot()
    return seconds, len((snap.get("inside") or {}).get("frames") or [])


def main(repeats: int = 9) -> None:
    names = ("frames on", "frames off", "no frames, no boundary")
    print(f"Whole-run wall time of {repeats} interleaved runs per variant on warm trainers (median and fastest)")
    for label, config in CASES.items():
        data = load(config)
        pool = compiled.TrainerPool()
        for name in names:  # compile and trace every function once
            variant(name, config, data, pool)
        times = {name: [] for name in names}
        frames, share, calls = 0, [], 0
        for _ in range(repeats):
            for name in names:
                seconds, n = variant(name, config, data, pool)
                times[name].append(seconds)
                if name == "frames on":
                    frames, calls = n, CAPTURE["calls"]
                    share.append(CAPTURE["seconds"] / seconds)
        for how, pick in (("median", median), ("fastest", min)):
            on, off, bare = (pick(times[n]) for n in names)
            print(f"  {label} ({how}): frames on {on:.3f} s, off {off:.3f} s -> ratio {on / off:.3f} "
                  f"({(on / off - 1) * 100:+.1f}%); without the boundary too {bare:.3f} s -> boundary + frames "
                  f"{(on / bare - 1) * 100:+.1f}%")
        print(f"    captured {calls} frames ({frames} kept); time inside the captures: "
              f"{100 * median(share):.1f}% of the run (median), the direct cost")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
