"""Showing a run at a pace a class can watch, or at the epoch a teacher picks: frames of a snapshot.

Training runs at full speed (a class shares the server), and the default spiral run ends
in a few seconds, before anyone has seen the loss fall or the gradient profile change.
So the page does not draw the latest numbers: it plays the recorded epochs at a pace, and
once the run has ended the epoch scrubber (``nnlab.ui.replay_view``) lets a teacher move
to any epoch and play it again. Both use the same one function:

- ``frame(snap, epoch)`` is the snapshot as it was at the end of ``epoch`` (history,
  per-step series, progress and the decision boundary cut there), marked ``"replaying"``;
  at the last trained epoch it is the snapshot itself.
- ``shown_epoch(frame)``: the epoch a frame shows, or None for the latest (a live
  snapshot, or a replay that reached the end).
- ``at_epoch(items, epoch)``: of a run's recorded frames (a list of ``{"epoch": e, ...}``,
  epochs ascending), the one recorded last at or before ``epoch`` (the latest for None).
- ``Pace`` says which epoch the paced replay shows at the next redraw.

**How a view follows the replay (one line).** A view whose numbers change over the run
records its own frames in the run record as a list of ``{"epoch": e, ...}`` and reads them
with a chart function that takes ``epoch=None``. In the page's ``render(snaps, frames, …)``
draw it from the frame with::

    fig = my_chart(frame, epoch=replay.shown_epoch(frame))   # inside: replay.at_epoch(items, epoch)

Nothing else is needed: the paced replay, the scrubber, play/pause and a run opened from a
``run.json`` file all set the frame's epoch. A record's frames stay bounded with
``thin_evenly`` (first and latest kept) and go into the JSON record as plain lists
(``frames_as_json``), so a saved run replays too (``nnlab.runfile`` reads it back).

All pure (no Streamlit): the page keeps the count.
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


def shown_epoch(frame: dict) -> int | None:
    """The epoch ``frame`` shows (1-based), or None when it shows the latest numbers (a live
    snapshot, or the last trained epoch): what a view passes as its chart's ``epoch=``
    (``nnlab.snapshot.shown_epoch``; imported here, as nnlab.record imports this module)."""
    from nnlab import snapshot

    return snapshot.shown_epoch(frame)


def at_epoch(items: list[dict] | None, epoch: int | None) -> dict | None:
    """Of ``items`` (``{"epoch": e, ...}`` in ascending epochs), the one recorded last at or
    before ``epoch``; the last one for ``epoch`` None; None when there is none by then."""
    if not items:
        return None
    if epoch is None:
        return items[-1]
    i = _count_at_most([item["epoch"] for item in items], epoch)
    return items[i - 1] if i else None


def last_epoch(snaps: list[dict]) -> int:
    """The last epoch any of ``snaps`` trained (what the scrubber's range ends at)."""
    return max((len((s.get("history") or {}).get("epoch") or []) for s in snaps), default=0)


def thin_evenly(items: list[dict], keep: int) -> list[dict]:
    """At most ``keep`` (≥ 2) of ``items`` (ascending ``"epoch"``), spread evenly over their
    epochs: the first and the latest are always kept. A record calls it when its frames
    exceed their cap, so a run of any length keeps a bounded number of frames."""
    if len(items) <= keep:
        return list(items)
    epochs = np.array([item["epoch"] for item in items], dtype=float)
    targets = np.linspace(epochs[0], epochs[-1], max(2, keep))
    chosen = np.clip(np.searchsorted(epochs, targets), 0, len(items) - 1)
    # the nearest recorded epoch to each target: the one found or the one before it
    before = np.clip(chosen - 1, 0, len(items) - 1)
    chosen = np.where(np.abs(epochs[before] - targets) <= np.abs(epochs[chosen] - targets), before, chosen)
    picked = sorted({0, len(items) - 1, *chosen.tolist()})
    return [items[i] for i in picked]


def frames_as_json(frames: list[dict]) -> list[dict]:
    """Boundary frames as JSON-ready lists (the JSON record's ``boundary_frames``)."""
    return [{"epoch": int(f["epoch"]), "z": _json_grid(f["z"]),
             "confidence": None if f.get("confidence") is None else _json_grid(f["confidence"])} for f in frames]


def _json_grid(grid) -> list:
    values = np.round(np.asarray(grid, dtype=np.float64), 3)
    if np.isfinite(values).all():
        return values.tolist()
    return np.where(np.isfinite(values), values, None).tolist()  # JSON has no NaN


def boundary_at(snap: dict, epoch: int) -> dict | None:
    """The decision boundary recorded last at or before ``epoch`` (None before the first)."""
    best = at_epoch(snap.get("boundary_frames"), epoch)
    if best is None:
        return None
    base = snap.get("boundary") or {}
    conf = best.get("confidence")
    return dict(base, z=_lists(best["z"]), confidence=None if conf is None else _lists(conf))


def _lists(grid) -> list:
    return np.round(np.asarray(grid, dtype=np.float64), 3).tolist()


def _count_at_most(sorted_values: list, limit) -> int:
    lo, hi = 0, len(sorted_values)
    while lo < hi:
        mid = (lo + hi) // 2
        if sorted_values[mid] <= limit:
            lo = mid + 1
        else:
            hi = mid
    return lo


__all__ = ["DEFAULT_PACE", "PACES", "Pace", "at_epoch", "boundary_at", "frame", "frames_as_json", "last_epoch",
           "shown_epoch", "thin_evenly"]
