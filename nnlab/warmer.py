"""Background warm-up of the networks a page is about to train.

A network's first training call builds the Keras model and traces (or XLA-compiles) its
training function: up to a few seconds per new shape, paid after the click. The Train
and Compare pages ask the warmer to warm the configs their sidebars currently describe
while the page is idle. After a short settle (a slider being dragged asks at every step)
it submits a one-epoch run of each shape the trainer pool does not have yet to the
scheduler as a *background* job: background jobs get turns only when no user's run
wants one, so a warm-up never slows a class down. The trained warm-up leaves a compiled
trainer of that shape in the pool, which the user's run then borrows.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from nnlab.config import RunConfig

# A request waits this long for the next one: moving a slider asks for a warm-up at every
# step, and only the value the slider stops at is worth compiling.
SETTLE_SECONDS = 0.5


class Warmer:
    def __init__(self, scheduler, pool, enabled: bool = True):
        self.scheduler, self.pool, self.enabled = scheduler, pool, enabled
        self._cv = threading.Condition()
        self._pending: list[RunConfig] = []
        self._requested: list[RunConfig] = []
        self._frame = None
        self._requested_at = 0.0
        self._generation = 0
        self._thread: threading.Thread | None = None
        self._job = None  # the warm-up job in progress
        self._closed = False

    def request(self, configs: Sequence[RunConfig], frame=None) -> None:
        """Warm ``configs`` (shapes the pool already has are skipped); replaces any earlier request."""
        configs = list(configs)
        if not self.enabled:
            return
        with self._cv:
            if self._closed or (configs == self._requested and frame is self._frame):
                return  # the same request again (a page rerun): let the warm-up go on
            self._requested, self._frame, self._pending = configs, frame, list(configs)
            self._generation += 1
            self._requested_at = time.monotonic()
            job = self._job
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, daemon=True, name="nnlab-warmer")
                self._thread.start()
            self._cv.notify_all()
        if job is not None:
            job.stop()  # a stale warm-up gives way to the new request

    def cancel(self) -> None:
        with self._cv:
            self._pending, self._requested = [], []
            job = self._job
        if job is not None:
            job.stop()

    def shutdown(self, timeout: float = 10.0) -> None:
        with self._cv:
            self._closed = True
            self._cv.notify_all()
        self.cancel()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def join(self, timeout: float | None = None) -> None:
        """Wait until every pending warm-up is done (tests)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _next(self):
        """The next config to warm once requests have settled: (config, frame, generation)."""
        with self._cv:
            while True:
                if self._closed or not self._pending:
                    return None, None, 0
                wait = self._requested_at + SETTLE_SECONDS - time.monotonic()
                if wait <= 0:
                    return self._pending.pop(0), self._frame, self._generation
                self._cv.wait(wait)

    def _work(self) -> None:
        from nnlab import datasets
        from nnlab.model import Architecture

        while True:
            cfg, frame, generation = self._next()
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
                if generation != self._generation or self._closed:
                    continue
                self._job = self.scheduler.submit(cfg.replace(epochs=1), data=data, background=True,
                                                  label="warm-up")
                job = self._job
            job.wait()
            with self._cv:
                self._job = None


__all__ = ["SETTLE_SECONDS", "Warmer"]
