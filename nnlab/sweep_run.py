"""A sweep trained by the app (the Sweep page): ``SweepRun``.

The app does not call ``nnlab.sweep.run_sweep`` here: its local backend trains in the
calling thread with ``engine.run``, outside the scheduler, so on a shared server a sweep
would take a core from every other student's runs and pass the admission limit by. A
``SweepRun`` instead submits its trials one at a time to the app's scheduler
(``nnlab.runtime.SCHEDULER``) as ordinary runs: a sweep is one active run at a time, waits
in line like any other, gets its fair turns, and each trial meets the run-size limit.

Nothing here has a thread of its own: a short step on the runtime's delayed-call thread
(``runtime.LATER``) checks the current trial every ``STEP_SECONDS``; when its job has
ended, the trial's row (``nnlab.sweep.make_row`` of ``result_values`` of the job's
snapshot: the CSV format of the command line) is kept and the next trial submitted.
``stop()`` stops the running trial (its row says ``stopped``) and submits no other. The
page only reads ``progress()`` and ``table()``; nothing here calls Streamlit.
"""

from __future__ import annotations

import csv
import io
import threading
import time
import traceback

import pandas as pd

from nnlab import snapshot, sweep

STEP_SECONDS = 0.3


class SweepRun:
    def __init__(self, plan: sweep.Sweep, scheduler, later, frame=None, on_job=None):
        """``plan``'s trials, to be run by ``scheduler``, stepped by ``later`` (``runtime.LATER``);
        ``frame``: the uploaded CSV table of a csv data set; ``on_job(job)`` is told each trial's
        job as it is submitted (the page keeps it where a closed tab's runs are stopped)."""
        self.sweep = plan
        self.trials = plan.trials()
        self.columns = sweep.columns_for(plan.grid)
        self._scheduler, self._later, self._frame, self._on_job = scheduler, later, frame, on_job
        self._lock = threading.Lock()
        self._rows: list[dict] = []
        self._job = None
        self._next = 0
        self._stop = threading.Event()
        self._ended = threading.Event()
        self.started = time.monotonic()
        self._ended_at: float | None = None
        self.error: str | None = None

    # -- running ------------------------------------------------------------------------------
    def start(self) -> "SweepRun":
        self._submit_next()
        self._later.call(STEP_SECONDS, self._step)
        return self

    def _end(self) -> None:
        if self._ended_at is None:
            self._ended_at = time.monotonic()
        self._ended.set()

    def _submit_next(self) -> None:
        if self._stop.is_set() or self._next >= len(self.trials):
            self._end()
            return
        trial = self.trials[self._next]
        self._next += 1
        job = self._scheduler.submit(trial.config, frame=self._frame, label=trial.key)
        with self._lock:
            self._job = (trial, job)
        if self._on_job is not None:
            self._on_job(job)

    def _step(self) -> None:
        try:
            self._advance()
        except Exception as exc:  # noqa: BLE001 — a broken step ends the sweep, never the app
            traceback.print_exc()
            self.error = f"{type(exc).__name__}: {exc}"
            self.stop()
            self._end()
        if not self._ended.is_set():
            self._later.call(STEP_SECONDS, self._step)

    def _advance(self) -> None:
        with self._lock:
            current = self._job
        if current is None:
            self._end()
            return
        trial, job = current
        if not job.ended:
            if self._stop.is_set():
                job.stop()
            return
        if job.stop_requested and not self._stop.is_set():  # stopped from outside (the tab was closed)
            self._stop.set()
        snap = job.snapshot()
        seconds = (snap.get("timing") or {}).get("seconds") or time.monotonic() - job.submitted_at
        row = sweep.make_row(trial, {"seconds": seconds, "result": sweep.result_values(snap)}, "local")
        with self._lock:
            self._rows.append(row)
            self._job = None
        self._submit_next()

    def stop(self) -> None:
        """No new trial; the running one stops (its row says so)."""
        self._stop.set()
        with self._lock:
            current = self._job
        if current is not None:
            current[1].stop()

    # -- reading (any thread) -----------------------------------------------------------------
    @property
    def ended(self) -> bool:
        return self._ended.is_set()

    @property
    def seconds(self) -> float:
        """Wall time from the start to the end (or to now)."""
        return (self._ended_at or time.monotonic()) - self.started

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def total(self) -> int:
        return len(self.trials)

    def current(self) -> tuple[sweep.Trial, dict] | None:
        """The trial training now and its job's snapshot (queue position, epoch), or None."""
        with self._lock:
            current = self._job
        return None if current is None else (current[0], current[1].snapshot())

    def progress(self) -> sweep.SweepProgress:
        """Trials done of all, and an estimate of the time left from the trials so far (a
        running trial's share of its epochs counts)."""
        with self._lock:
            rows, current = list(self._rows), self._job
        done = len(rows)
        fraction = 0.0
        if current is not None:
            fraction = float(snapshot.progress(current[1].snapshot()).get("fraction") or 0.0)
        eta = None
        if done + fraction > 0 and not self.ended:
            per_trial = (time.monotonic() - self.started) / (done + fraction)
            eta = per_trial * (self.total - done - fraction)
        return sweep.SweepProgress(done, self.total, 0, eta, rows[-1] if rows else None)

    def csv_text(self) -> str:
        """The trials so far as the sweep CSV the command line writes."""
        with self._lock:
            rows = list(self._rows)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=self.columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in self.columns})
        return out.getvalue()

    def table(self) -> pd.DataFrame:
        """The trials so far, typed as ``nnlab.sweep.read_table`` reads the CSV."""
        return sweep.read_table(self.csv_text().encode(), allow_empty=True)

    @property
    def rows(self) -> int:
        with self._lock:
            return len(self._rows)


__all__ = ["STEP_SECONDS", "SweepRun"]
