"""Background training: ``TrainingJob`` runs one RunConfig in a thread; ``JobManager``
caps how many train at once and queues the rest first-in, first-out.

The training thread never touches the UI: it writes into the job's ``RunRecord`` (which
locks), and anyone may call ``snapshot()`` at any time. Stop is an Event the training
loop checks between short compiled chunks; pause blocks the loop between chunks.
"""

from __future__ import annotations

import atexit
import os
import threading
import traceback
import uuid
import weakref
from collections import deque

from nnlab.config import ConfigError, RunConfig
from nnlab.record import ENDED, SCHEMA_VERSION, RunRecord

_POLL = 0.02


class TrainingJob:
    def __init__(self, config: RunConfig, manager: "JobManager | None" = None, data=None, frame=None,
                 instrument: bool = True, label: str = ""):
        self.id = uuid.uuid4().hex[:10]
        self.config = config
        self.label = label or config.activation
        self._manager = manager
        self._data = data
        self._frame = frame
        self._instrument = instrument
        self._lock = threading.Lock()
        self._status = "queued"
        self._error: str | None = None
        self._record: RunRecord | None = None
        self._stop = threading.Event()
        self._resume = threading.Event()
        self._resume.set()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    # -- lifecycle (called by the manager) ---------------------------------------------
    def start(self) -> None:
        _LIVE_JOBS.add(self)
        with self._lock:
            cancelled = self._status != "queued"
            if not cancelled:
                self._status = "running"
        if cancelled:  # stopped between leaving the queue and starting: free the slot
            if self._manager is not None:
                self._manager._on_job_done(self)
            return
        self._thread = threading.Thread(target=self._run, name=f"nnlab-job-{self.id}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from nnlab import datasets, engine
        from nnlab.warmer import WARMER

        try:
            data = self._data if self._data is not None else datasets.load(self.config, frame=self._frame)
            self._data = data
            WARMER.wait_if_warming(self.config)  # then reuse its compiled network
            engine.run(self.config, data, observer=self, control=self, instrument=self._instrument)
        except (ConfigError, datasets.DatasetError) as exc:
            self._fail(str(exc))
        except Exception as exc:  # a failed run must never take the app down
            traceback.print_exc()
            self._fail(f"training failed: {type(exc).__name__}: {exc}")
        finally:
            self._done.set()
            if self._manager is not None:
                self._manager._on_job_done(self)

    def _fail(self, message: str) -> None:
        with self._lock:
            self._status = "failed"
            self._error = message
            if self._record is not None:
                self._record.fail(message)

    # -- engine.Observer / engine.Control ------------------------------------------------
    def on_update(self, record: RunRecord) -> None:
        with self._lock:
            self._record = record

    def should_stop(self) -> bool:
        return self._stop.is_set()

    def wait_while_paused(self) -> None:
        if self._resume.is_set():
            return
        record = self._record
        if record is not None:
            record.set_status("paused")
        while not self._resume.wait(_POLL):
            if self._stop.is_set():
                break
        if record is not None and not self._stop.is_set():
            record.set_status("running")

    # -- controls -----------------------------------------------------------------------
    def stop(self) -> None:
        """Stop the run; a queued job is cancelled at once. Idempotent."""
        self._stop.set()
        self._resume.set()
        cancelled = False
        with self._lock:
            if self._status == "queued":
                self._status = "stopped"
                cancelled = True
        if cancelled:
            self._done.set()
            if self._manager is not None:
                self._manager._cancel(self)

    def pause(self) -> None:
        self._resume.clear()

    def resume(self) -> None:
        self._resume.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has ended; True if it did within ``timeout``."""
        return self._done.wait(timeout)

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
        if status in ("failed",) or record is None:
            return status
        return record.status

    @property
    def ended(self) -> bool:
        return self._done.is_set() and self.status() in ENDED

    def snapshot(self) -> dict:
        """The run so far as plain data: status, progress, history, … (see README schema)."""
        with self._lock:
            record, status, error = self._record, self._status, self._error
        if record is not None:
            snap = record.snapshot()
            if status == "failed":
                snap["status"], snap["error"] = "failed", error
        else:
            snap = pending_snapshot(self.config, "stopped" if status == "stopped" else status, error)
        snap["job_id"] = self.id
        snap["label"] = self.label
        snap["paused_requested"] = not self._resume.is_set()
        snap["queue_position"] = self._manager.queue_position(self) if self._manager else 0
        return snap


_LIVE_JOBS: "weakref.WeakSet[TrainingJob]" = weakref.WeakSet()


@atexit.register
def _stop_jobs_at_exit(timeout: float = 5.0) -> None:
    """Stop and join training threads before the interpreter tears TensorFlow down: a daemon
    thread still inside a TensorFlow call at exit aborts the whole process (exit code 134)."""
    jobs = list(_LIVE_JOBS)
    for job in jobs:
        job.stop()
    for job in jobs:
        job.wait(timeout)


def pending_snapshot(config: RunConfig, status: str, error: str | None = None) -> dict:
    """What a job looks like before its first numbers exist (queued, loading data, failed early)."""
    return {"schema_version": SCHEMA_VERSION, "config": config.to_dict(), "status": status, "error": error,
            "hint": None, "diverged_at_step": None, "dataset": None, "layers": [],
            "progress": {"epoch": 0, "fraction": 0.0, "samples_per_second": None, "eta_seconds": None},
            "history": {"epoch": []}, "steps": {"step": []}, "test": {}, "timing": {},
            "boundary": None, "predictions": None, "confusion_matrix": None}


class JobManager:
    """Runs at most ``max_running`` units of work at once; the rest wait in a FIFO queue.

    A unit is one job, or a comparison group (``submit_group``): the runs of a group start
    together and share one place, so a class sees all of them race from the same moment
    instead of some waiting behind the others. Their threads share the CPU.
    """

    def __init__(self, max_running: int | None = None):
        self.max_running = max_running or os.cpu_count() or 2
        self._lock = threading.Lock()
        self._queue: deque[tuple[TrainingJob, ...]] = deque()
        self._running: dict[int, set[TrainingJob]] = {}  # unit id → its jobs still running
        self._unit_of: dict[TrainingJob, int] = {}
        self._next_unit = 0

    def submit(self, config: RunConfig, data=None, frame=None, instrument: bool = True,
               label: str = "") -> TrainingJob:
        return self.submit_group([config], data=data, frame=frame, instrument=instrument,
                                 labels=[label] if label else None)[0]

    def submit_group(self, configs: list[RunConfig], data=None, frame=None, instrument: bool = True,
                     labels: list[str] | None = None) -> list[TrainingJob]:
        labels = labels or [""] * len(configs)
        jobs = tuple(TrainingJob(c, self, data=data, frame=frame, instrument=instrument, label=lbl)
                     for c, lbl in zip(configs, labels))
        with self._lock:
            self._queue.append(jobs)
        self._start_queued()
        return list(jobs)

    def queue_position(self, job: TrainingJob) -> int:
        """1 for the next unit to start, 2 for the one after, …; 0 when not queued."""
        with self._lock:
            for i, unit in enumerate(self._queue, start=1):
                if job in unit:
                    return i
        return 0

    def running_count(self) -> int:
        """Jobs training now (members of a running group count one each)."""
        with self._lock:
            return sum(len(jobs) for jobs in self._running.values())

    def running_units(self) -> int:
        with self._lock:
            return len(self._running)

    def queued_count(self) -> int:
        with self._lock:
            return sum(len(unit) for unit in self._queue)

    def _start_queued(self) -> None:
        to_start = []
        with self._lock:
            while self._queue and len(self._running) < self.max_running:
                unit = self._queue.popleft()
                unit_id, self._next_unit = self._next_unit, self._next_unit + 1
                self._running[unit_id] = set(unit)
                for job in unit:
                    self._unit_of[job] = unit_id
                to_start.extend(unit)
        for job in to_start:
            job.start()

    def _cancel(self, job: TrainingJob) -> None:
        with self._lock:
            for unit in list(self._queue):
                if job in unit:
                    rest = tuple(j for j in unit if j is not job)
                    index = self._queue.index(unit)
                    del self._queue[index]
                    if rest:
                        self._queue.insert(index, rest)

    def _on_job_done(self, job: TrainingJob) -> None:
        with self._lock:
            unit_id = self._unit_of.pop(job, None)
            if unit_id is not None:
                members = self._running[unit_id]
                members.discard(job)
                if not members:
                    del self._running[unit_id]
        self._start_queued()


MANAGER = JobManager()
