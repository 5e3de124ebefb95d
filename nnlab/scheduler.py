"""Fair sharing of one server's cores between every run of a class: ``Scheduler``.

Every run is cut into turns (one compiled chunk of about 75 ms, see ``nnlab.engine``).
A few worker threads (one per core) take the runs' turns in rotation, so thirty runs
all advance together instead of the last student waiting for everybody else's whole
run. A run's first turn (loading the data, compiling a new network shape) comes before
anyone's next turn, so every started run shows its first numbers within seconds.
Background warm-ups get a turn only when no user's run wants one, and only one warm-up
turn runs at a time, so a worker is always free for a run that just started.

Admission (``nnlab.admission.AdmissionLine``): at most ``Limits.max_active_runs`` units train
at once (a comparison group is one unit: its runs start together); later units wait in line,
first come first served, and each knows its place and an estimated wait.

Pause parks a run (it gets no turns); stop gives it one more turn at once, in which the
engine computes the test metrics of the weights so far.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque

from nnlab.admission import AdmissionLine
from nnlab.config import RunConfig
from nnlab.jobs import TrainingJob
from nnlab.limits import Limits

TURN_SECONDS = 0.1  # a turn runs chunks for about this long (each chunk is ~75 ms at most)
IDLE_WAIT = 0.5  # a worker with nothing to do rechecks this often (and on every notify)
BUSY_BACKOFF = 0.002  # after a turn that could not run (its trainer was busy)


class Scheduler(AdmissionLine):
    def __init__(self, pool=None, workers: int | None = None, limits: Limits | None = None):
        super().__init__(limits)
        self.pool = pool
        self.workers = workers or max(1, os.cpu_count() or 2)
        self._fresh: deque[TrainingJob] = deque()  # admitted, no turn yet: served first
        self._ready: deque[TrainingJob] = deque()  # admitted, waiting for their next turn
        self._parked: set[TrainingJob] = set()  # paused
        self._in_turn: set[TrainingJob] = set()
        self._threads: list[threading.Thread] = []

    # -- submitting ---------------------------------------------------------------------
    def _new_job(self, config: RunConfig, **options) -> TrainingJob:
        return TrainingJob(config, pool=self.pool, limits=self.limits, on_change=self._changed, **options)

    def _submitted(self) -> None:
        self._start_workers()
        self._cv.notify_all()

    # -- control ------------------------------------------------------------------------
    def _changed(self, job: TrainingJob) -> None:
        """A job was paused, resumed or stopped: move it between the queues."""
        with self._cv:
            if job.stop_requested:
                if any(job in unit for unit in self._waiting):
                    self._cancel_waiting(job)
                    return
                for queue in (self._ready, self._fresh):
                    if job in queue:
                        queue.remove(job)
                if job in self._parked or job in self._units and job not in self._in_turn:
                    self._parked.discard(job)
                    self._fresh.appendleft(job)  # its stop turn comes first
            elif not job.paused_requested and job in self._parked:
                self._parked.discard(job)
                self._ready.append(job)
            self._cv.notify_all()

    def _cancel_waiting(self, job: TrainingJob) -> None:
        self._leave_line(job)
        job.cancel_queued()
        self._number_waiting()

    def _admitted(self, job: TrainingJob) -> None:
        self._fresh.append(job)

    # -- workers ------------------------------------------------------------------------
    def _start_workers(self) -> None:
        while len(self._threads) < self.workers:
            thread = threading.Thread(target=self._work, daemon=True,
                                      name=f"nnlab-worker-{len(self._threads) + 1}")
            self._threads.append(thread)
            thread.start()

    def _next_job(self) -> TrainingJob | None:
        """The next job to get a turn (lock held): stop turns, first turns (quick ones before
        those that compile a new network shape), then user runs in rotation, then warm-ups
        (one at a time, and none while a user's run is in its first turn)."""
        stopping = next((j for j in self._fresh if j.stop_requested and not j.background), None) or next(
            (j for j in self._fresh if j.stop_requested), None)
        if stopping is not None:  # a stop turn is short and frees its place (users' first, then warm-ups')
            self._fresh.remove(stopping)
            return stopping
        quick = next((j for j in self._fresh if not j.background and not j.needs_compile()), None)
        if quick is not None:
            self._fresh.remove(quick)
            return quick
        for queue in (self._fresh, self._ready):
            for job in queue:
                if not job.background:
                    queue.remove(job)
                    return job
        if any(j.background for j in self._in_turn) and self.workers > 1:
            return None  # one warm-up at a time: a compile takes a worker for a second or more,
            # and a class pressing Train meanwhile needs a free one for its first turns
        if any(not j.background and not j.has_numbers for j in self._in_turn):
            return None  # no warm-up beside a user's first turn: that turn compiles and traces, and
            # a warm-up compiling on the other core halved its share of the GIL (a fresh server's
            # first click waited for a network of Compare's being compiled beside it, py-spy)
        for queue in (self._fresh, self._ready):
            if queue:
                return queue.popleft()
        return None

    def _work(self) -> None:
        while True:
            with self._cv:
                job = None
                while not self._shutdown and (job := self._next_job()) is None:
                    self._cv.wait(IDLE_WAIT)
                if self._shutdown:
                    return
                if job.paused_requested and not job.stop_requested:
                    self._park(job)
                    continue
                self._in_turn.add(job)
            worked = self._turn(job)
            with self._cv:
                self._in_turn.discard(job)
                if job.wait(0):
                    self._retire(job)
                elif job.paused_requested and not job.stop_requested:
                    self._park(job)
                else:  # no numbers yet (its trainer was busy): it keeps its place up front
                    (self._fresh if job.stop_requested or not job.has_numbers else self._ready).append(job)
                self._cv.notify_all()
            if not worked:
                time.sleep(BUSY_BACKOFF)

    @staticmethod
    def _turn(job: TrainingJob) -> bool:
        """Advance ``job`` for about ``TURN_SECONDS``: several chunks when they are short (a
        small net's epoch takes milliseconds), so swapping runs in and out of a shared trainer
        and the queue bookkeeping stay a small part of the time. A first turn, a busy
        trainer, pause or stop end it at once."""
        ends = time.perf_counter() + TURN_SECONDS
        while True:
            first = not job.has_numbers
            worked = job.take_turn()
            if (not worked or first or job.wait(0) or job.paused_requested or job.stop_requested
                    or time.perf_counter() >= ends):
                return worked

    def _park(self, job: TrainingJob) -> None:
        self._parked.add(job)
        job.mark_paused()

    def _retire(self, job: TrainingJob) -> None:
        if self._unit_ended_with(job):
            self._admit()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop every run and join the workers (at exit: a thread inside TensorFlow while the
        interpreter tears it down aborts the process)."""
        with self._cv:
            jobs = list(self._units) + [j for unit in self._waiting for j in unit]
        for job in jobs:
            job.stop()
        deadline = time.monotonic() + timeout / 2
        for job in jobs:  # give stopped runs their last turn
            job.wait(max(0.0, deadline - time.monotonic()))
        with self._cv:
            self._shutdown = True
            self._cv.notify_all()
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout / 2)
        for job in jobs:
            job.close()


__all__ = ["Scheduler"]
