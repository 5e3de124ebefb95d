"""The app's runs on a Ray cluster (``NNLAB_RAY_ADDRESS``): ``RayScheduler`` and ``RayJob``.

With Ray, each run of Train, Compare and Sweep trains in its own Ray actor
(``nnlab.ray_actor.RunActor``, one CPU) somewhere on the cluster, and the Streamlit process only
loads the data, checks the limits (``nnlab.limits``) and draws: it never imports TensorFlow.
``RayJob`` is a drop-in for ``nnlab.jobs.TrainingJob`` as the pages use it; ``RayScheduler`` for
``nnlab.scheduler.Scheduler`` (the same admission: at most ``max_active_runs`` units at once,
later ones wait in line).

One poller thread serves every run: about every ``POLL_SECONDS`` it asks each live actor for
its snapshot if it changed (``RunActor.poll``), never blocking on a slow or lost node, and
keeps the latest one for the pages to read. When a run ends the app fetches its whole record
(downloads, the results section) and kills the actor, so no actor outlives its run. A new
actor is a new worker process that must import TensorFlow first, so the scheduler keeps
``spares`` actors made ahead (warming up) and gives the next run one of them.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from nnlab.admission import AdmissionLine
from nnlab.config import RunConfig
from nnlab.jobs import cache_snapshot, failure, kept_data, pending_snapshot
from nnlab.limits import Limits
from nnlab.ray_actor import RayUnavailable, actor_class, connect, decode_frames, import_ray
from nnlab.record import ENDED

ADDRESS_ENV = "NNLAB_RAY_ADDRESS"
POLL_SECONDS = 0.3
SPARES_ENV = "NNLAB_RAY_SPARE_ACTORS"
DEFAULT_SPARES = 1
RECONNECT_SECONDS = 30.0  # after a failed connection, the next run tries again this much later
SLOW_CONNECT_SECONDS = 20.0  # a connection still not made after this long is shown on the pages


# -- a run, as the app sees it -------------------------------------------------------------------

class RayJob:
    """A run training in a ``RunActor``; what ``nnlab.jobs.TrainingJob`` offers the pages.

    Until the run ends ``record`` is None (the pages read ``snapshot()``); then it is the
    run's whole record, fetched from the actor."""

    def __init__(self, scheduler: RayScheduler, config: RunConfig, data=None, frame=None, instrument: bool = True,
                 label: str = "", background: bool = False):
        self.id = uuid.uuid4().hex[:10]
        self.config = config
        self.label = label or config.activation
        self.background = background
        self._scheduler = scheduler
        self._data, self._frame, self._instrument = data, frame, instrument
        self._lock = threading.Lock()
        self._status = "queued"  # then "running" (the record's status rules), "stopped", "failed"
        self._error: str | None = None
        self._error_key: tuple | None = None
        self._record = None  # the final record
        self._live: dict | None = None  # the latest snapshot from the actor
        self._live_version = None
        self._seq = 0
        self._frames: dict[str, list] = {}
        self._changes = 0
        self.actor = None
        self._stop, self._paused = threading.Event(), threading.Event()
        self._done, self._numbers = threading.Event(), threading.Event()
        self.submitted_at = time.monotonic()
        self._snap_cache: tuple | None = None
        self.queue_position = 0
        self.estimated_wait: float | None = None

    # -- controls (any thread) ----------------------------------------------------------
    def stop(self) -> None:
        self._stop.set()
        self._paused.clear()
        self._scheduler._changed(self)
        self._tell("stop")

    def pause(self) -> None:
        if not self._done.is_set():
            self._paused.set()
            self._tell("pause")

    def resume(self) -> None:
        self._paused.clear()
        self._tell("resume")

    def _tell(self, method: str) -> None:
        actor = self.actor
        if actor is not None:
            try:
                getattr(actor, method).remote()  # not waited for: a page never hangs on the cluster
            except Exception:  # noqa: BLE001 — the actor is gone: the poller reports it
                pass

    def close(self) -> None:
        """End at once (the scheduler is shutting down): the actor is killed."""
        with self._lock:
            if self._status == "queued" or self._status == "running" and self._record is None:
                self._status = "stopped"  # what it trained is lost with its actor
                self._live = None
        self._scheduler._kill(self)
        self._finish()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def paused_requested(self) -> bool:
        return self._paused.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    def wait_for_numbers(self, timeout: float) -> bool:
        return self._numbers.wait(timeout)

    # -- reading ------------------------------------------------------------------------
    @property
    def record(self):
        return self._record

    @property
    def data(self):
        return self._data

    @property
    def has_numbers(self) -> bool:
        """True once its first chunk has trained (its charts can draw)."""
        if self._record is not None:
            return bool(self._record.steps.step)
        snap = self._live
        return bool(snap and snap["steps"]["step"])

    def status(self) -> str:
        with self._lock:
            status, snap = self._status, self._live
        if self._record is not None and status == "running":
            return self._record.status
        if status in ("failed", "queued", "stopped") or snap is None:
            return status
        return snap["status"]

    @property
    def ended(self) -> bool:
        return self._done.is_set() and self.status() in ENDED

    @property
    def version(self) -> tuple:
        return self._changes, self.status(), self._paused.is_set(), self.queue_position

    def snapshot(self) -> dict:
        """As ``TrainingJob.snapshot``: the run so far as plain data. Read-only."""
        version = self.version
        cached = self._snap_cache
        if cached is not None and cached[0] == version:
            return cached[1]
        with self._lock:
            status, error, key, live, record = self._status, self._error, self._error_key, self._live, self._record
        if record is not None:
            snap = record.snapshot()
        elif live is not None:
            snap = dict(live)
        else:
            snap = pending_snapshot(self.config, status, error)
        if status == "failed":
            snap["status"], snap["error"] = "failed", error
        return cache_snapshot(self, version, snap, key)

    def eta(self) -> float:
        snap = self._live or {}
        eta = (snap.get("progress") or {}).get("eta_seconds")
        return float(eta) if eta is not None else 60.0

    # -- written by the scheduler's threads ---------------------------------------------
    def _started(self, actor) -> None:
        with self._lock:
            self.actor = actor
            if self._status == "queued":
                self._status = "running"
            self._changes += 1
        if self._stop.is_set():
            self._tell("stop")
        elif self._paused.is_set():
            self._tell("pause")

    def _apply(self, answer: dict) -> None:
        """A poll's answer: the snapshot with its frame lists rebuilt from the ones held."""
        snap = answer["snap"]
        if snap is not None:
            self._frames = decode_frames(snap, self._frames)
        with self._lock:
            self._live_version, self._seq = answer["version"], answer["seq"]
            if snap is not None:
                self._live = snap
            if answer["failed"]:
                self._status, (self._error, self._error_key) = "failed", answer["failed"]
            self._changes += 1
        if snap is not None and snap["steps"]["step"]:
            self._numbers.set()

    def _ended(self, record) -> None:
        """The run ended; ``record`` is None if it was stopped (or failed) before it began."""
        with self._lock:
            self._record = record
            self._live, self._frames = None, {}
            if record is None and self._status == "running":
                self._status = "stopped"
            self._changes += 1
        self._finish()

    def _fail(self, message: str, key: tuple | None) -> None:
        with self._lock:
            self._status, self._error, self._error_key = "failed", message, key
            self._changes += 1
        self._finish()

    def _cancel(self) -> None:
        with self._lock:
            self._status = "stopped"
            self._changes += 1
        self._finish()

    def _finish(self) -> None:
        self._data = kept_data(self._data)
        self._frame = None
        self._done.set()
        self._numbers.set()


# -- the scheduler ---------------------------------------------------------------------------

class RayScheduler(AdmissionLine):
    """``nnlab.scheduler.Scheduler``'s surface, the runs trained by Ray actors."""

    def __init__(self, address: str, limits: Limits | None = None, starters: int = 4, spares: int | None = None):
        super().__init__(limits)
        self.address = address
        # actors made ahead, warm (NNLAB_RAY_SPARE_ACTORS, default 1): each holds a CPU of the cluster
        self.spares = int(os.environ.get(SPARES_ENV, DEFAULT_SPARES)) if spares is None else spares
        self._spares: deque = deque()
        self._spare_lock = threading.Lock()
        self._polls: dict[RayJob, tuple[str, object]] = {}  # a job's call in flight: ("poll" | "final", ref)
        self._starters = ThreadPoolExecutor(max_workers=starters, thread_name_prefix="nnlab-ray-start")
        self._poller: threading.Thread | None = None
        self._connect_lock = threading.Lock()
        self._connected = False
        self._problem: RayUnavailable | None = None
        self._problem_at = 0.0
        # ray.init keeps retrying an address where no cluster answers (measured: over 8 minutes)
        self._connecting_since: float | None = None
        self.poll_seconds: list[float] = []  # wall time of recent poll rounds (measured in the README)

    # -- connecting -------------------------------------------------------------------------
    def connect(self) -> None:
        """Join the cluster once (again after ``RECONNECT_SECONDS`` if it failed); raises RayUnavailable."""
        with self._connect_lock:
            if self._connected:
                return
            if self._problem is not None and time.monotonic() - self._problem_at < RECONNECT_SECONDS:
                raise self._problem
            self._connecting_since = time.monotonic()
            try:
                connect(self.address)
            except RayUnavailable as exc:
                self._problem, self._problem_at = exc, time.monotonic()
                raise
            finally:
                self._connecting_since = None
            self._connected, self._problem = True, None

    def connect_soon(self) -> None:
        """Connect and make the spare actors in the background (the first run then starts
        without waiting for Ray, nor for a new worker to import TensorFlow)."""
        if not self._shutdown:
            self._starters.submit(self._try_connect)

    def _try_connect(self) -> None:
        try:
            self.connect()
        except RayUnavailable:
            return
        self._keep_spares()

    def _keep_spares(self) -> None:
        """Make spare actors until there are ``spares`` of them."""
        with self._spare_lock:
            while True:
                with self._cv:
                    if self._shutdown or len(self._spares) >= self.spares:
                        return
                try:
                    actor = actor_class().remote()
                except Exception:  # noqa: BLE001 — no cluster: runs report it
                    return
                with self._cv:
                    keep = not self._shutdown
                    if keep:
                        self._spares.append(actor)
                if not keep:
                    self._kill_actor(actor)
                    return

    def _take_spare(self):
        with self._cv:
            return self._spares.popleft() if self._spares else None

    def problem(self) -> tuple[str, dict] | None:
        """Why runs cannot train (catalog key, params), or None: Ray missing or the cluster unreachable."""
        problem, since = self._problem, self._connecting_since
        if since is not None and time.monotonic() - since > SLOW_CONNECT_SECONDS:
            return "live.error.ray_connecting", {"address": self.address.replace("`", "'"),
                                                 "seconds": int(time.monotonic() - since)}
        if problem is None:
            try:
                import importlib.util

                if importlib.util.find_spec("ray") is None:
                    return "live.error.ray_missing", {}
            except (ImportError, ValueError):
                return "live.error.ray_missing", {}
            return None
        return problem.key, problem.params

    # -- submitting ---------------------------------------------------------------------
    def _new_job(self, config: RunConfig, **options) -> RayJob:
        return RayJob(self, config, **options)

    def _submitted(self) -> None:
        self._start_poller()

    def _admitted(self, job: RayJob) -> None:
        self._starters.submit(self._start, job)

    def _start(self, job: RayJob) -> None:
        """Load the data, check the run's size, create its actor (a starter thread)."""
        if job.stop_requested:
            self._retire(job)
            job._cancel()
            return
        try:
            self.connect()
            data = job._data
            if data is None:
                from nnlab import datasets

                data = datasets.load(job.config, frame=job._frame)
            job._data, job._frame = data, None
            self.limits.check(job.config, data)
            actor = self._take_spare() or actor_class().remote()
            actor.train.remote(job.config.to_dict(), data, job._instrument)
        except RayUnavailable as exc:
            self._retire(job)
            job._fail(str(exc), (exc.key, exc.params))
            return
        except Exception as exc:  # noqa: BLE001 — too large, bad data, …: the run fails, the app goes on
            self._retire(job)
            job._fail(*failure(exc))
            return
        with self._cv:
            closing = self._shutdown
        if closing:
            self._kill_actor(actor)
            job._cancel()
            return
        job._started(actor)
        self._keep_spares()

    # -- polling ------------------------------------------------------------------------
    def _start_poller(self) -> None:
        if self._poller is None:
            self._poller = threading.Thread(target=self._poll_loop, daemon=True, name="nnlab-ray-poller")
            self._poller.start()

    def _poll_loop(self) -> None:
        while True:
            with self._cv:
                if self._shutdown:
                    return
                live = [j for j in self._units if j.actor is not None and not j.wait(0)]
            began = time.perf_counter()
            try:
                self._poll_round(live)
            except Exception:  # noqa: BLE001 — one bad round must not end the polling
                import traceback

                traceback.print_exc()
            spent = time.perf_counter() - began
            if live:
                self.poll_seconds = (self.poll_seconds + [spent])[-50:]
            with self._cv:
                self._cv.wait(max(0.0, POLL_SECONDS - spent))

    def _poll_round(self, jobs: list[RayJob]) -> None:
        ray = import_ray()
        if not ray.is_initialized():  # at exit Ray may shut down before the app's own shutdown
            return
        for job in jobs:
            actor = job.actor
            if job not in self._polls and actor is not None:
                self._polls[job] = ("poll", actor.poll.remote(job._live_version, job._seq))
        refs = {ref: job for job, (_, ref) in list(self._polls.items())}
        if not refs:
            return
        ready, _ = ray.wait(list(refs), num_returns=len(refs), timeout=POLL_SECONDS / 2)
        for ref in ready:
            job = refs[ref]
            kind, _ = self._polls.pop(job, (None, None))
            if kind is None:  # killed meanwhile (closed)
                continue
            try:
                answer = ray.get(ref, timeout=0)
            except Exception as exc:  # noqa: BLE001 — the actor or its node was lost
                detail = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
                self._end(job)
                job._fail(f"the Ray worker training this run was lost: {detail}",
                          ("live.error.ray_lost", {"detail": detail.replace("`", "'")}))
                continue
            if kind == "final":
                self._end(job)
                job._ended(answer)
            elif answer is not None:
                job._apply(answer)
                if answer["done"]:
                    self._polls[job] = ("final", job.actor.final_record.remote())

    def _end(self, job: RayJob) -> None:
        """Its actor killed and its place given to the next in line (before the job says it
        ended, so whoever waited for it finds the place free)."""
        self._kill(job)
        self._retire(job)

    def _kill(self, job: RayJob) -> None:
        with self._cv:
            actor, job.actor = job.actor, None
            self._polls.pop(job, None)
        self._kill_actor(actor)

    @staticmethod
    def _kill_actor(actor) -> None:
        if actor is not None:
            try:
                import_ray().kill(actor, no_restart=True)
            except Exception:  # noqa: BLE001 — already gone
                pass

    def _retire(self, job: RayJob) -> None:
        with self._cv:
            if self._unit_ended_with(job):
                self._admit()
            self._cv.notify_all()

    # -- control ------------------------------------------------------------------------
    def _changed(self, job: RayJob) -> None:
        """A job was stopped: one still waiting in line leaves it at once."""
        with self._cv:
            if self._leave_line(job):
                job._cancel()
                self._admit()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop every run, give them a moment to end, then kill what is left of their actors."""
        with self._cv:
            jobs = list(self._units) + [j for unit in self._waiting for j in unit]
        for job in jobs:
            job.stop()
        deadline = time.monotonic() + timeout / 2
        for job in jobs:
            job.wait(max(0.0, deadline - time.monotonic()))
        with self._cv:
            self._shutdown = True
            self._cv.notify_all()
        self._starters.shutdown(wait=False, cancel_futures=True)
        if self._poller is not None:
            self._poller.join(timeout / 2)
        for job in jobs:
            job.close()
        with self._cv:
            spares, self._spares = list(self._spares), deque()
        for actor in spares:
            self._kill_actor(actor)


__all__ = ["ADDRESS_ENV", "DEFAULT_SPARES", "POLL_SECONDS", "RayJob", "RayScheduler", "SPARES_ENV"]
