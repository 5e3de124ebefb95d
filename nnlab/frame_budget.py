"""One time budget for every frame a run records besides its numbers.

Three kinds of frames are taken at epoch ends, outside the compiled training chunk: the
decision boundary over the plane (``boundary``, replayed epoch by epoch), the neuron maps
and network diagram (``inside``, ``nnlab.inside``) and the histograms over time
(``histograms``, ``nnlab.histograms``). Together they may cost at most ``BUDGET`` of the
run's training time, on any machine and for any network:

- each kind has an even plan (``stride`` epochs apart, from how many frames a run keeps)
  and an equal share of the budget; after each frame, its next one is planned
  ``max(stride, ceil(cost / (share × seconds per epoch)))`` epochs later, where ``cost`` is
  the least that kind's frames took so far (the least: a frame delayed by another thread
  says nothing about the frame);
- a kind's first frame and the run's last epoch are always taken (the replay starts and
  ends there), and so is a frame at least every ``total / (MIN_FRAMES - 1)`` epochs: however
  slow the machine (a class on one server) or short the run, a replay and the histograms
  over time show at least ``MIN_FRAMES`` moments of it, the same ones for the same settings;
- a live view that should refresh every ``refresh`` seconds gets a frame that often, but
  only while all frames so far cost at most ``BUDGET`` of the training time.

The engine reports training time with ``trained`` (the first chunk, which includes
compiling, is not training time) and each frame with ``took``.
"""

from __future__ import annotations

import math
import time

BUDGET = 0.08  # of the training time; the target is 10%, the rest is headroom for the record writes
MIN_FRAMES = 5  # of each kind per run, first and last included, whatever the budget allows


def floor_gap(total_epochs: int, stride: int = 1) -> int:
    '''The most epochs between two frames of a kind: ``MIN_FRAMES`` per run at least.'''
    return max(int(stride), math.ceil(max(1, int(total_epochs)) / (MIN_FRAMES - 1)))


class _Kind:
    def __init__(self, stride: int, refresh: float | None, total: int):
        self.stride = max(1, int(stride))
        self.floor = floor_gap(total, self.stride)
        self.refresh = refresh
        self.next_epoch = 0
        self.last_epoch = 0
        self.frames = 0
        self.cost: float | None = None
        self.last = -math.inf


class FrameBudget:
    def __init__(self, total_epochs: int, steps_per_epoch: int, budget: float = BUDGET):
        self.total = max(1, int(total_epochs))
        self.steps_per_epoch = max(1, int(steps_per_epoch))
        self.budget = budget
        self.train_seconds = 0.0
        self.train_steps = 0
        self.spent = 0.0  # seconds of every frame so far, tracing excluded
        self._kinds: dict[str, _Kind] = {}

    def add(self, kind: str, stride: int = 1, refresh: float | None = None) -> None:
        """Register a kind of frame: ``stride`` epochs between planned frames at most as
        often, and a live ``refresh`` period in seconds (None: none)."""
        self._kinds[kind] = _Kind(stride, refresh, self.total)

    def trained(self, seconds: float, steps: int) -> None:
        self.train_seconds += seconds
        self.train_steps += steps

    def seconds_per_epoch(self) -> float | None:
        if not self.train_steps:
            return None
        return self.train_seconds / self.train_steps * self.steps_per_epoch

    def within(self) -> bool:
        """True while the frames so far cost at most ``budget`` of the training time."""
        return self.spent <= self.budget * self.train_seconds

    def due(self, kind: str, epoch: int) -> bool:
        """Whether the end of ``epoch`` (1-based; 0 = before training) gets a frame of ``kind``."""
        k = self._kinds[kind]
        if k.frames == 0 or epoch >= self.total:
            return True
        if self.budget <= 0:
            return False
        if epoch - k.last_epoch >= k.floor:
            return True
        if epoch >= k.next_epoch:
            return self.within()
        return k.refresh is not None and time.perf_counter() - k.last >= k.refresh and self.within()

    def took(self, kind: str, epoch: int, seconds: float, traced: bool = False) -> None:
        """A frame of ``kind`` at ``epoch`` took ``seconds``; ``traced``: it included tracing a
        compiled function (a one-off: neither counted nor a measure of the next ones)."""
        k = self._kinds[kind]
        k.frames += 1
        k.last = time.perf_counter()
        k.last_epoch = epoch
        if not traced:
            self.spent += seconds
            k.cost = seconds if k.cost is None else min(k.cost, seconds)
        per_epoch, share = self.seconds_per_epoch(), self.share()
        gap = k.stride
        if k.cost is not None and per_epoch and share > 0:
            gap = max(gap, math.ceil(k.cost / (share * per_epoch)))
        k.next_epoch = epoch + min(gap, k.floor)

    def next_planned(self, skip: tuple[str, ...] = ()) -> float:
        """The earliest epoch a kind (not in ``skip``) has its next frame planned at (a refresh
        can come earlier); infinite without kinds or budget (only the mandatory frames)."""
        if self.budget <= 0:
            return min((k.next_epoch for name, k in self._kinds.items() if name not in skip and not k.frames),
                       default=math.inf)
        return min((k.next_epoch for name, k in self._kinds.items() if name not in skip), default=math.inf)

    def cost(self, kind: str) -> float | None:
        """The least a frame of ``kind`` took (tracing excluded); None before one was measured."""
        return self._kinds[kind].cost

    def share(self) -> float:
        """Each kind's share of the training time."""
        return self.budget / max(1, len(self._kinds))


__all__ = ["BUDGET", "MIN_FRAMES", "FrameBudget", "floor_gap"]
