"""Background warm-up of the networks the open pages are about to train.

A network's first training call builds the Keras model and traces (or XLA-compiles) its
training function: up to a few seconds per new shape, paid after the click. The Train
and Compare pages ask the warmer to warm the configs their sidebars currently describe
while the page is idle. Each asker (a browser session) has one request at a time: its
newer request replaces its older one (a slider being dragged asks at every step, and only
the value it stops at is worth compiling), but never another session's — thirty students
opening the link with their own settings each get their network warmed, oldest request
first. After a short settle the warmer submits a one-epoch run of each shape the trainer
pool does not have yet to the scheduler as a *background* job: background jobs get turns
only when no user's run wants one, so a warm-up never slows a class down. The trained
warm-up leaves a compiled trainer of that shape in the pool, which the user's run then
borrows.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from nnlab.config import RunConfig

# A request waits this long for the same asker's next one: moving a slider asks for a
# warm-up at every step, and only the value the slider stops at is worth compiling.
SETTLE_SECONDS = 0.5
MAX_ASKERS = 200  # requests kept (a session's is kept so that its page reruns ask nothing new)


@dataclass
class _Request:
    configs: list[RunConfig]
    frame: object
    at: float
    generation: int
    pending: list[RunConfig] = field(default_factory=list)


class Warmer:
    def __init__(self, scheduler, pool, enabled: bool = True):
        self.scheduler, self.pool, self.enabled = scheduler, pool, enabled
        self._cv = threading.Condition()
        self._requests: dict[Hashable, _Request] = {}  # by asker
        self._generation = 0
        self._thread: threading.Thread | None = None
        self._job = None  # the warm-up job in progress
        self._job_owner: Hashable = None
        self._closed = False

    def request(self, configs: Sequence[RunConfig], frame=None, owner: Hashable = None) -> None:
        """Warm ``configs`` (shapes the pool already has are skipped); replaces any earlier
        request of the same ``owner`` (a session; None: one anonymous asker)."""
        configs = list(configs)
        if not self.enabled:
            return
        stale = None
        with self._cv:
            old = self._requests.get(owner)
            if self._closed or (old is not None and configs == old.configs and frame is old.frame):
                return  # the same request again (a page rerun): let the warm-up go on
            self._generation += 1
            self._requests[owner] = _Request(configs, frame, time.monotonic(), self._generation, list(configs))
            for done in [o for o, r in self._requests.items() if not r.pending][:len(self._requests) - MAX_ASKERS]:
                del self._requests[done]  # sessions long gone (their uploaded frames with them)
            if self._job is not None and self._job_owner == owner:
                stale = self._job  # this asker's older warm-up gives way to its new request
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, daemon=True, name="nnlab-warmer")
                self._thread.start()
            self._cv.notify_all()
        if stale is not None:
            stale.stop()

    def asked(self) -> list[RunConfig]:
        """Every asker's latest request, oldest first (tests, diagnostics)."""
        with self._cv:
            return [cfg for req in sorted(self._requests.values(), key=lambda r: r.at) for cfg in req.configs]

    def cancel(self, owner: Hashable = None) -> None:
        """Drop ``owner``'s request (its page starts training or leaves)."""
        with self._cv:
            self._requests.pop(owner, None)
            job = self._job if self._job_owner == owner else None
        if job is not None:
            job.stop()

    def shutdown(self, timeout: float = 10.0) -> None:
        with self._cv:
            self._closed = True
            self._requests.clear()
            job = self._job
            self._cv.notify_all()
        if job is not None:
            job.stop()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def join(self, timeout: float | None = None) -> None:
        """Wait until every pending warm-up is done (tests)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _next(self):
        """The next config to warm: from the oldest settled request that has one left.
        Returns (config, frame, owner, generation), or (None, …) when nothing is left."""
        with self._cv:
            while True:
                if self._closed:
                    return None, None, None, 0
                waiting = [(owner, req) for owner, req in self._requests.items() if req.pending]
                if not waiting:
                    return None, None, None, 0
                now = time.monotonic()
                owner, req = min(waiting, key=lambda item: item[1].at)
                wait = req.at + SETTLE_SECONDS - now
                if wait <= 0:
                    return req.pending.pop(0), req.frame, owner, req.generation
                self._cv.wait(wait)

    def _current(self, owner, generation: int) -> bool:
        req = self._requests.get(owner)
        return not self._closed and req is not None and req.generation == generation

    def _work(self) -> None:
        from nnlab import datasets
        from nnlab.model import Architecture

        while True:
            cfg, frame, owner, generation = self._next()
            if cfg is None:
                return
            try:
                data = datasets.load(cfg, frame=frame)
            except Exception:  # noqa: BLE001 — the user's own run reports a bad config
                continue
            arch = Architecture.of(cfg, data.input_dim, data.n_outputs, data.task)
            if self.pool.has(arch, cfg.optimizer):
                continue
            with self._cv:
                if not self._current(owner, generation):
                    continue
                self._job = self.scheduler.submit(cfg.replace(epochs=1), data=data, background=True,
                                                  label="warm-up")
                self._job_owner = owner
                job = self._job
            job.wait()
            with self._cv:
                self._job, self._job_owner = None, None


__all__ = ["MAX_ASKERS", "SETTLE_SECONDS", "Warmer"]
