"""Background warm-up of the networks a page is about to train.

A network's first training call builds the Keras model and traces (or XLA-compiles) its
training function: seconds per architecture, paid after the click. The Train and Compare
pages ask ``WARMER`` to warm the configs their sidebars currently describe while the
page is idle. One daemon thread trains each for one epoch on the real data, which leaves
a warm trainer of that shape in the engine's pool (``nnlab.compiled.POOL``), so the run
the user starts next reuses it. The latest request replaces older ones, ``cancel()``
drops the rest, and nothing starts while real jobs train.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from collections.abc import Sequence

from nnlab.config import RunConfig

# A request waits this long for the next one: moving a slider asks for a warm-up at every
# step, and only the value the slider stops at is worth compiling.
SETTLE_SECONDS = 0.5
# NNLAB_PREWARM=0 turns warm-ups off (a host short of CPU or memory; side-by-side benchmarks).
ENABLED = os.environ.get("NNLAB_PREWARM", "1") != "0"


class _YieldControl:
    """engine.Control of a warm-up: stop at the next chunk once a real job trains or a newer
    request came. By then the first chunk has traced the training function, which is what
    the warm-up is for."""

    def __init__(self, warmer: Warmer, generation: int):
        self.warmer, self.generation = warmer, generation

    def should_stop(self) -> bool:
        from nnlab.jobs import MANAGER

        return MANAGER.running_count() > 0 or self.warmer.superseded(self.generation)

    def wait_while_paused(self) -> None:
        pass


class Warmer:
    def __init__(self):
        self._lock = threading.Lock()
        self._pending: list[RunConfig] = []
        self._requested: list[RunConfig] = []
        self._frame = None
        self._done: set = set()
        self._thread: threading.Thread | None = None
        self._current: RunConfig | None = None  # key of the warm-up in progress
        self._current_done = threading.Event()
        self._generation = 0  # counts requests
        self._requested_at = 0.0

    @staticmethod
    def key(cfg: RunConfig) -> RunConfig:
        """What decides the trainer (and its compiled shapes): the config minus what only sets values."""
        return cfg.replace(epochs=1, learning_rate=0.01, seed=0, initializer="glorot_uniform", init_param=0.0)

    def request(self, configs: Sequence[RunConfig], frame=None) -> None:
        """Warm ``configs`` (already warm ones are skipped); replaces any earlier request."""
        configs = list(configs)
        if not ENABLED:
            return
        with self._lock:
            if configs == self._requested and frame is self._frame:
                return  # the same request again (a page rerun): let the warm-up go on
            self._requested, self._frame = configs, frame
            self._pending = [c for c in configs if self.key(c) not in self._done]
            self._generation += 1
            self._requested_at = time.monotonic()
            if self._pending and (self._thread is None or not self._thread.is_alive()):
                self._thread = threading.Thread(target=self._work, daemon=True, name="nnlab-warmer")
                self._thread.start()

    def cancel(self) -> None:
        with self._lock:
            self._pending, self._requested = [], []

    def is_warm(self, cfg: RunConfig) -> bool:
        with self._lock:
            return self.key(cfg) in self._done

    def warming(self) -> RunConfig | None:
        """Key of the network being warmed right now, if any."""
        with self._lock:
            return self._current

    def wait_if_warming(self, cfg: RunConfig, timeout: float = 30.0) -> bool:
        """Block while ``cfg``'s network is being warmed, so the run reuses that trainer
        instead of building and compiling a second one beside it. True if it waited."""
        with self._lock:
            if self._current != self.key(cfg):
                return False
            done = self._current_done
        done.wait(timeout)
        return True

    def join(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def superseded(self, generation: int) -> bool:
        with self._lock:
            return self._generation != generation

    def _next(self):
        """The next config to warm, once requests have settled: (config, frame, generation)."""
        while True:
            with self._lock:
                if not self._pending:
                    return None, None, 0
                wait = self._requested_at + SETTLE_SECONDS - time.monotonic()
                if wait <= 0:
                    return self._pending.pop(0), self._frame, self._generation
            time.sleep(wait)

    def _work(self) -> None:
        from nnlab import datasets, engine
        from nnlab.jobs import MANAGER
        from nnlab.tf_import import import_tensorflow

        while True:
            cfg, frame, generation = self._next()
            if cfg is None:
                return
            import_tensorflow()  # seconds on the first call; the request may be stale after it
            if MANAGER.running_count() or MANAGER.queued_count() or self.superseded(generation):
                continue  # never compete with real training
            with self._lock:
                self._current, self._current_done = self.key(cfg), threading.Event()
            try:
                record = engine.run(cfg.replace(epochs=1), datasets.load(cfg, frame=frame), instrument=True,
                                    control=_YieldControl(self, generation))
                warmed = record.status == "finished"
            except Exception:  # noqa: BLE001 — a failed warm-up only means a slower first run
                warmed = False
            with self._lock:
                if warmed:
                    self._done.add(self.key(cfg))
                self._current = None
                self._current_done.set()


WARMER = Warmer()


@atexit.register
def _stop_warmer_at_exit() -> None:
    """Let a warm-up in progress finish before TensorFlow is torn down (else: abort at exit)."""
    WARMER.cancel()
    WARMER.join(10)


__all__ = ["WARMER", "Warmer"]
