"""The line of runs waiting to train and the runs admitted: ``AdmissionLine``, shared by the
in-process ``nnlab.scheduler.Scheduler`` and the Ray one (``nnlab.ray_jobs.RayScheduler``).

A unit is a run, or a comparison group whose runs start together and take one place. At most
``Limits.max_active_runs`` user units are admitted at once; later units wait, first come
first served, each with its place in line and an estimated wait. Warm-ups (``background``
jobs) never wait and never take a user's place. What admitting a job means (a place in the
worker threads' rotation, or a Ray actor started) is the subclass's ``_admitted``.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from nnlab.config import RunConfig
from nnlab.limits import Limits


class AdmissionLine:
    def __init__(self, limits: Limits | None = None):
        self.limits = limits or Limits()
        self._cv = threading.Condition()
        self._waiting: deque[tuple] = deque()  # units not admitted yet
        self._units: dict = {}  # admitted job (not ended) -> its unit id
        self._unit_left: dict[int, int] = {}  # unit id -> its jobs not ended yet
        self._unit_started: dict[int, float] = {}
        self._durations: deque[float] = deque(maxlen=20)  # wall seconds of recent user units
        self._next_unit = 0
        self._shutdown = False

    # -- submitting ---------------------------------------------------------------------
    def submit(self, config: RunConfig, data=None, frame=None, instrument: bool = True, label: str = "",
               background: bool = False):
        return self.submit_group([config], data=data, frame=frame, instrument=instrument,
                                 labels=[label] if label else None, background=background)[0]

    def submit_group(self, configs: list[RunConfig], data=None, frame=None, instrument: bool = True,
                     labels: list[str] | None = None, background: bool = False) -> list:
        """Runs that start together and take one place in line (a comparison group)."""
        labels = labels or [""] * len(configs)
        jobs = tuple(self._new_job(c, data=data, frame=frame, instrument=instrument, label=lbl, background=background)
                     for c, lbl in zip(configs, labels))
        with self._cv:
            if self._shutdown:
                raise RuntimeError("the scheduler has shut down")
            self._waiting.append(jobs)
            self._admit()
            self._submitted()
        return list(jobs)

    def _new_job(self, config: RunConfig, **options):
        raise NotImplementedError

    def _submitted(self) -> None:
        """After a submission (lock held): start what trains the admitted jobs."""

    # -- reading ------------------------------------------------------------------------
    def running_count(self) -> int:
        """User runs admitted and not ended (warm-ups not counted)."""
        with self._cv:
            return sum(1 for j in self._units if not j.background)

    def running_units(self) -> int:
        """User units (a run, or a comparison group) admitted and not ended."""
        with self._cv:
            return self._user_units()

    def _user_units(self) -> int:
        return len({unit for job, unit in self._units.items() if not job.background})

    def queued_count(self) -> int:
        with self._cv:
            return sum(len(unit) for unit in self._waiting)

    def queue_position(self, job) -> int:
        """1 for the next unit to start, 2 for the one after, …; 0 when not waiting."""
        return job.queue_position

    def busy(self) -> bool:
        """True while any user's run is admitted or waiting (warm-ups hold back)."""
        with self._cv:
            return any(not j.background for j in self._units) or any(
                not unit[0].background for unit in self._waiting)

    def active_jobs(self) -> list:
        with self._cv:
            return list(self._units)

    # -- the line (lock held) ------------------------------------------------------------
    def _admit(self) -> None:
        """Admit waiting units while there is room, then number the rest."""
        # Warm-ups never wait and never take a user's place (a class arriving while the
        # start-up warm-ups and every page's warm-up were in the rotation found the line full).
        while self._waiting and (self._waiting[0][0].background or self._user_units() < self.limits.max_active_runs):
            unit = self._waiting.popleft()
            unit_id, self._next_unit = self._next_unit, self._next_unit + 1
            self._unit_left[unit_id] = len(unit)
            self._unit_started[unit_id] = time.monotonic()
            for job in unit:
                job.queue_position, job.estimated_wait = 0, None
                self._units[job] = unit_id
                self._admitted(job)
        self._number_waiting()

    def _admitted(self, job) -> None:
        """``job`` has its place: start it (lock held)."""
        raise NotImplementedError

    def _leave_line(self, job) -> bool:
        """Take ``job`` out of the line if it waits there (the rest of its unit keeps its place)."""
        for index, unit in enumerate(self._waiting):
            if job in unit:
                rest = tuple(j for j in unit if j is not job)
                del self._waiting[index]
                if rest:
                    self._waiting.insert(index, rest)
                return True
        return False

    def _unit_ended_with(self, job) -> bool:
        """``job`` ended: free its unit's place once all its jobs have; False if it held none."""
        unit_id = self._units.pop(job, None)
        if unit_id is None:
            return False
        self._unit_left[unit_id] -= 1
        if not self._unit_left[unit_id]:
            del self._unit_left[unit_id]
            started = self._unit_started.pop(unit_id)
            if not job.background:
                self._durations.append(time.monotonic() - started)
        return True

    def _number_waiting(self) -> None:
        """Each waiting unit's place in line and a wait estimate from the runs ahead of it."""
        etas = sorted(job.eta() for job in self._units if not job.background)
        typical = sum(self._durations) / len(self._durations) if self._durations else None
        for position, unit in enumerate(self._waiting, start=1):
            if position <= len(etas):
                wait = etas[position - 1]
            elif typical is not None:
                wait = (etas[-1] if etas else 0.0) + typical * (position - len(etas)) / self.limits.max_active_runs
            else:
                wait = None
            for job in unit:
                job.queue_position, job.estimated_wait = position, wait


__all__ = ["AdmissionLine"]
