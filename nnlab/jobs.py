"""One background training run: ``TrainingJob``.

A job does not own a thread. ``nnlab.scheduler.Scheduler`` gives it turns on a small
pool of worker threads; each ``take_turn()`` loads the data (first turn) or advances the
engine's generator by one compiled chunk. Between turns the job holds no trainer and no
thread, so thirty jobs on a two-core server all advance together.

Anyone may call ``snapshot()`` at any time: the record locks, and a snapshot is cached
per record version, so many polls of an unchanged run cost nothing. Stop and pause are
flags the scheduler reads between turns.
"""

from __future__ import annotations

import dataclasses
import threading
import time
import traceback
import uuid
from collections.abc import Callable

import numpy as np

from nnlab.config import ConfigError, RunConfig
from nnlab.limits import Limits, RunTooLarge
from nnlab.model import Architecture
from nnlab.record import ENDED, SCHEMA_VERSION, RunRecord

# An ended job keeps its full data set only when it is small (2-D sets, iris: the decision
# boundary and the Compare page draw it); larger ones keep the test labels only.
KEEP_DATA_BYTES = 2_000_000


class TrainingJob:
    def __init__(self, config: RunConfig, data=None, frame=None, instrument: bool = True, label: str = "",
                 pool=None, limits: Limits | None = None, background: bool = False,
                 on_change: Callable[[TrainingJob], None] | None = None):
        self.id = uuid.uuid4().hex[:10]
        self.config = config
        self.label = label or config.activation
        self.background = background  # a warm-up: gets turns only when no user's run wants one
        self._data = data
        self._frame = frame
        self._instrument = instrument
        self._pool = pool
        self._limits = limits or Limits()
        self._on_change = on_change  # tells the scheduler about pause/resume/stop
        self._lock = threading.Lock()
        self._status = "queued"
        self._error: str | None = None
        # the error as catalog data: (key, params), or (key, params, field) for a ConfigError
        self._error_key: tuple | None = None
        self._record: RunRecord | None = None
        self._turns = None  # the engine's generator, from the first turn on
        self._stop = threading.Event()
        self._paused = threading.Event()
        self._done = threading.Event()
        self._numbers = threading.Event()  # set once the first chunk trained (or the job ended)
        self.submitted_at = time.monotonic()
        self._snap_cache: tuple[int, dict] | None = None
        self.queue_position = 0  # set by the scheduler: 1 = next to start; 0 = not waiting
        self.estimated_wait: float | None = None
        self.turns_taken = 0
        self.arch = None  # known once the data is loaded

    def needs_compile(self) -> bool:
        """True if its next turn would build and trace a new network shape."""
        if self.arch is None or self._pool is None or self.has_numbers:
            return False
        return not self._pool.is_warm(self.arch, self.config.optimizer, self._instrument)

    # -- run by a scheduler worker ------------------------------------------------------
    def take_turn(self) -> bool:
        """Do one slice of work; False if it could not (its trainer is busy elsewhere)."""
        from nnlab import datasets, engine

        if self._done.is_set():
            return True
        self.turns_taken += 1
        if self._turns is None and self._stop.is_set():  # stopped before it started: nothing to finish
            with self._lock:
                self._status = "stopped"
            self._end()
            return True
        try:
            if self._turns is None:
                with self._lock:
                    if self._status == "queued":
                        self._status = "running"
                data = self._data if self._data is not None else datasets.load(self.config, frame=self._frame)
                self._data, self._frame = data, None
                self._limits.check(self.config, data)
                self.arch = Architecture.of(self.config, data.input_dim, data.n_outputs, data.task)
                self._turns = engine.train_in_turns(self.config, data, observer=self, control=self,
                                                    instrument=self._instrument, pool=self._pool)
                return True  # the first chunk is a turn of its own: it may compile
            return next(self._turns)
        except StopIteration:
            self._end()
            return True
        except Exception as exc:  # a failed run must never take the app down
            self._fail(*failure(exc))
        self._end()
        return True

    def _end(self) -> None:
        self._turns = None
        self._data = kept_data(self._data)
        self._done.set()
        self._numbers.set()

    def _fail(self, message: str, key: tuple[str, dict] | None = None) -> None:
        with self._lock:
            self._status = "failed"
            self._error, self._error_key = message, key
            if self._record is not None:
                self._record.fail(message)
        self._snap_cache = None

    def close(self) -> None:
        """End the generator at once (the scheduler is shutting down)."""
        turns, self._turns = self._turns, None
        if turns is not None:
            turns.close()
        with self._lock:
            if self._status == "queued":
                self._status = "stopped"
        self._done.set()
        self._numbers.set()

    # -- engine.Observer / engine.Control ------------------------------------------------
    def on_update(self, record: RunRecord) -> None:
        with self._lock:
            self._record = record
        if record.steps.step:
            self._numbers.set()

    def should_stop(self) -> bool:
        return self._stop.is_set()

    def wait_while_paused(self) -> None:
        """The scheduler gives a paused job no turns, so nothing blocks here."""

    # -- controls (any thread) ----------------------------------------------------------
    def stop(self) -> None:
        """Stop the run (test metrics of the weights so far are still computed). Idempotent."""
        self._stop.set()
        self._paused.clear()
        if self._on_change:
            self._on_change(self)

    def pause(self) -> None:
        if not self._done.is_set():
            self._paused.set()
            if self._on_change:
                self._on_change(self)

    def resume(self) -> None:
        self._paused.clear()
        record = self._record
        if record is not None and record.status == "paused":
            record.set_status("running")
        if self._on_change:
            self._on_change(self)

    def eta(self) -> float:
        """Seconds this run still needs, by its own progress (60 s before it has any)."""
        progress = (self._record.progress if self._record is not None else None) or {}
        eta = progress.get("eta_seconds")
        return float(eta) if eta is not None else 60.0

    @property
    def has_numbers(self) -> bool:
        """True once its first chunk has trained (its charts can draw)."""
        record = self._record
        return record is not None and bool(record.steps.step)

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def paused_requested(self) -> bool:
        return self._paused.is_set()

    def mark_paused(self) -> None:
        """Called by the scheduler when it parks the job."""
        record = self._record
        if record is not None and not record.ended:
            record.set_status("paused")

    def cancel_queued(self) -> bool:
        """Stop a job that never started; True if it was still queued."""
        with self._lock:
            if self._status != "queued":
                return False
            self._status = "stopped"
        self._done.set()
        self._numbers.set()
        return True

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has ended; True if it did within ``timeout``."""
        return self._done.wait(timeout)

    def wait_for_numbers(self, timeout: float) -> bool:
        """Block until the first chunk has trained or the job ended; True if so within ``timeout``."""
        return self._numbers.wait(timeout)

    # -- reading ------------------------------------------------------------------------
    @property
    def record(self) -> RunRecord | None:
        return self._record

    @property
    def data(self):
        return self._data

    def status(self) -> str:
        with self._lock:
            record, status = self._record, self._status
        if status in ("failed", "queued", "stopped") or record is None:
            return status
        return record.status

    @property
    def ended(self) -> bool:
        return self._done.is_set() and self.status() in ENDED

    @property
    def version(self) -> tuple:
        """Changes whenever the snapshot would: a page redraws only when it changed."""
        record = self._record
        return (record.version if record is not None else -1, self.status(), self._paused.is_set(),
                self.queue_position)

    def snapshot(self) -> dict:
        """The run so far as plain data: status, progress, history, … (see README schema).

        Cached per version: treat the returned dict as read-only."""
        version = self.version
        cached = self._snap_cache
        if cached is not None and cached[0] == version:
            return cached[1]
        with self._lock:
            record, status, error, key = self._record, self._status, self._error, self._error_key
        if record is not None:
            snap = record.snapshot()
            if status == "failed":
                snap["status"], snap["error"] = "failed", error
        else:
            snap = pending_snapshot(self.config, status, error)
        return cache_snapshot(self, version, snap, key)


def failure(exc: Exception) -> tuple[str, tuple | None]:
    """Why a run failed: (English message, catalog data: (key, params), or (key, params, field)
    for a ConfigError). An unexpected exception's traceback is printed for the log."""
    from nnlab import datasets

    if isinstance(exc, RunTooLarge):
        return str(exc), ("live.error.too_large", exc.params)
    if isinstance(exc, datasets.DatasetError):
        return str(exc), (f"data.err.{exc.code}", exc.params) if getattr(exc, "code", None) else None
    if isinstance(exc, ConfigError):
        return str(exc), (f"config.err.{exc.code}", exc.params, exc.field)
    traceback.print_exception(exc)
    return (f"training failed: {type(exc).__name__}: {exc}",
            ("live.error.crash", {"error": f"{type(exc).__name__}: {exc}"}))


def kept_data(data):
    """What an ended job keeps of its data set: all of it when small (2-D sets, iris: the
    decision boundary and the Compare page draw it), else the test labels only."""
    if data is None or data.is_2d or _nbytes(data) <= KEEP_DATA_BYTES:
        return data
    empty = np.zeros((0,) + data.x_train.shape[1:], data.x_train.dtype)
    return dataclasses.replace(data, x_train=empty, x_val=empty, x_test=empty,
                               y_train=data.y_train[:0], y_val=data.y_val[:0])


def _nbytes(data) -> int:
    return sum(getattr(data, f).nbytes for f in ("x_train", "x_val", "x_test"))


def cache_snapshot(job, version: tuple, snap: dict, error_key) -> dict:
    """Add a job's own fields (a ``TrainingJob`` or a ``nnlab.ray_jobs.RayJob``) to its run's
    snapshot and keep it as the job's snapshot of this version."""
    snap["error_key"] = list(error_key) if error_key else None
    snap["job_id"] = job.id
    snap["label"] = job.label
    snap["paused_requested"] = job._paused.is_set()
    snap["queue_position"] = job.queue_position
    snap["estimated_wait"] = job.estimated_wait
    job._snap_cache = (version, snap)
    return snap


def pending_snapshot(config: RunConfig, status: str, error: str | None = None) -> dict:
    """What a job looks like before its first numbers exist (queued, loading data, failed early)."""
    return {"schema_version": SCHEMA_VERSION, "config": config.to_dict(), "status": status, "error": error,
            "hint": None, "hint_key": None, "diverged_at_step": None, "dataset": None, "layers": [],
            "progress": {"epoch": 0, "fraction": 0.0, "samples_per_second": None, "eta_seconds": None},
            "history": {"epoch": []}, "steps": {"step": []}, "test": {}, "timing": {},
            "boundary": None, "predictions": None, "confusion_matrix": None}


__all__ = ["TrainingJob", "cache_snapshot", "failure", "kept_data", "pending_snapshot"]
