"""Showing a run at a pace a class can watch: frames of a snapshot.

Training runs at full speed (a class shares the server), and the default spiral run ends
in a few seconds, before anyone has seen the loss fall or the gradient profile change.
So the page does not draw the latest numbers: it plays the recorded epochs at a pace.
``frame(snap, epoch)`` is the snapshot as it was at the end of ``epoch`` (history, per-step
series, progress and the decision boundary cut there); ``Pace`` says which epoch to show at
the next redraw. Both are pure: the page keeps the count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

PACES = ("slow", "normal", "instant")
DEFAULT_PACE = "normal"
# Redraws over which a whole run unfolds at each pace: about 10 s at "normal" with the page
# redrawing once a second. Counted in redraws, not seconds, so a busy server that redraws
# less often stretches the replay instead of skipping its frames.
FRAMES = {"slow": 20, "normal": 10, "instant": 0}


@dataclass(frozen=True)
class Pace:
    name: str = DEFAULT_PACE

    def next_epoch(self, shown: int, total_epochs: int, trained_epochs: int) -> int:
        """The epoch to show at the next redraw, after ``shown`` (never past what trained)."""
        frames = FRAMES.get(self.name, FRAMES[DEFAULT_PACE])
        if frames <= 0 or total_epochs <= 0:
            return trained_epochs
        step = max(1, math.ceil(total_epochs / frames))
        return max(0, min(trained_epochs, shown + step))


def frame(snap: dict, epoch: int) -> dict:
    """``snap`` as of the end of ``epoch`` (1-based; 0 = before the first epoch ended).

    The snapshot itself is returned when ``epoch`` covers everything it has. The result
    shares unchanged parts with ``snap``: treat both as read-only.
    """
    history = snap.get("history") or {}
    epochs = history.get("epoch") or []
    if epoch >= len(epochs):
        return snap
    out = dict(snap)
    out["history"] = {key: values[:epoch] for key, values in history.items()}
    per_epoch = (snap.get("timing") or {}).get("steps_per_epoch") or 0
    steps = snap.get("steps") or {}
    step_x = steps.get("step") or []
    last_step = epoch * per_epoch
    keep = _count_at_most(step_x, last_step) if epoch > 0 else 0
    out["steps"] = {key: values[:keep] for key, values in steps.items()}
    total = (snap.get("config") or {}).get("epochs") or max(len(epochs), 1)
    out["progress"] = dict(snap.get("progress") or {}, epoch=epoch, fraction=min(1.0, epoch / total))
    out["boundary"] = boundary_at(snap, epoch)
    out["replaying"] = True
    return out


def boundary_at(snap: dict, epoch: int) -> dict | None:
    """The decision boundary recorded last at or before ``epoch`` (None before the first)."""
    frames = snap.get("boundary_frames") or []
    best = None
    for item in frames:
        if item["epoch"] <= epoch:
            best = item
        else:
            break
    if best is None:
        return None
    base = snap.get("boundary") or {}
    conf = best.get("confidence")
    return dict(base, z=_lists(best["z"]), confidence=None if conf is None else _lists(conf))


def _lists(grid) -> list:
    return np.round(np.asarray(grid, dtype=np.float32), 3).tolist()


def _count_at_most(sorted_values: list, limit) -> int:
    lo, hi = 0, len(sorted_values)
    while lo < hi:
        mid = (lo + hi) // 2
        if sorted_values[mid] <= limit:
            lo = mid + 1
        else:
            hi = mid
    return lo


__all__ = ["DEFAULT_PACE", "PACES", "Pace", "boundary_at", "frame"]
