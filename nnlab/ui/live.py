"""Live-job plumbing shared by the Train and Compare pages.

* ``session_jobs()``: this browser session's jobs by slot name ("train", "compare:relu", …),
  kept in session state so they survive page switches. A session-scoped
  ``st.cache_resource(on_release=…)`` notices when the session goes away and then stops
  its jobs — after a grace period, because on_release also fires on transient websocket
  disconnects; a job is stopped only if the session is no longer active.
* ``start_job`` / ``get_job`` / ``forget_job``: submit a RunConfig to ``nnlab.runtime.SCHEDULER``.
* ``live_fragment``: draw snapshots in an ``st.fragment`` that reruns about once a second
  while a job runs and stops polling (via ``st.rerun()``) once every job has ended.
* ``status_line``: status text (queued with position, running, paused, diverged + hint, …)
  and a progress bar with epoch, samples/s and ETA.

The training threads never call Streamlit: pages only read ``job.snapshot()``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import streamlit as st

from nnlab import runtime
from nnlab.config import RunConfig
from nnlab.jobs import TrainingJob
from nnlab.record import ENDED
from nnlab.ui.common import t

POLL_SECONDS = 1.0
RELEASE_GRACE_SECONDS = 30.0
_JOBS_KEY = "nnlab.jobs"


class SessionJobs:
    """One browser session's jobs by slot. Thread-safe: on_release runs on another thread."""

    def __init__(self, session_id: str | None = None):
        self.session_id = session_id
        self.heartbeat = time.time()
        self._jobs: dict[str, TrainingJob] = {}
        self._lock = threading.Lock()

    def get(self, slot: str) -> TrainingJob | None:
        with self._lock:
            return self._jobs.get(slot)

    def put(self, slot: str, job: TrainingJob) -> TrainingJob | None:
        """Store ``job`` in ``slot``; returns the job it replaced (not stopped here)."""
        with self._lock:
            old, self._jobs[slot] = self._jobs.get(slot), job
            return old

    def pop(self, slot: str) -> TrainingJob | None:
        with self._lock:
            return self._jobs.pop(slot, None)

    def all(self) -> dict[str, TrainingJob]:
        with self._lock:
            return dict(self._jobs)

    def stop_all(self) -> None:
        for job in self.all().values():
            job.stop()


def _session_gone(holder: SessionJobs) -> bool:
    if holder.session_id is None:
        return True
    try:
        from streamlit.runtime import Runtime

        return not Runtime.instance().is_active_session(holder.session_id)
    except Exception:  # no runtime (bare mode): nothing else can reconnect
        return True


def _stop_if_gone(holder: SessionJobs, released_at: float) -> None:
    time.sleep(RELEASE_GRACE_SECONDS)
    if holder.heartbeat <= released_at and _session_gone(holder):
        holder.stop_all()


def _on_release(holder: SessionJobs) -> None:
    threading.Thread(target=_stop_if_gone, args=(holder, time.time()), daemon=True,
                     name="nnlab-session-release").start()


@st.cache_resource(scope="session", on_release=_on_release, show_spinner=False)
def _watch(_holder: SessionJobs) -> SessionJobs:
    return _holder


def session_jobs() -> SessionJobs:
    """This session's job holder (created on first use), registered for cleanup at session end."""
    holder = st.session_state.get(_JOBS_KEY)
    if holder is None:
        ctx = None
        try:
            from streamlit.runtime.scriptrunner import get_script_run_ctx

            ctx = get_script_run_ctx()
        except Exception:
            pass
        holder = st.session_state[_JOBS_KEY] = SessionJobs(getattr(ctx, "session_id", None))
    holder.heartbeat = time.time()
    _watch(holder)  # re-registers after a reconnect cleared the session cache
    return holder


def get_job(slot: str) -> TrainingJob | None:
    return session_jobs().get(slot)


def start_job(slot: str, config: RunConfig, frame=None, label: str = "") -> TrainingJob:
    """Submit ``config`` to the shared job manager; a job already in ``slot`` is stopped."""
    job = runtime.SCHEDULER.submit(config, frame=frame, label=label)
    old = session_jobs().put(slot, job)
    if old is not None:
        old.stop()
    return job


def forget_job(slot: str) -> None:
    """Stop the job in ``slot`` (if any) and drop it."""
    job = session_jobs().pop(slot)
    if job is not None:
        job.stop()


def is_running(job: TrainingJob | None) -> bool:
    return job is not None and not job.ended


def live_fragment(key: str, jobs: Callable[[], list[TrainingJob]], render: Callable[[list[dict]], None],
                  live: bool = True, interval: float = POLL_SECONDS, rerun_on_end: bool = True) -> None:
    """Draw ``render(snapshots)`` now, and again every ``interval`` seconds while any job runs.

    ``live=False`` draws once (e.g. the user paused live updates to zoom). When the last
    job ends, a polling fragment calls ``st.rerun()`` (if ``rerun_on_end``) so the next full
    run draws the final, static state with polling off. ``key`` must be unique on the page.
    """
    running = any(is_running(j) for j in jobs())
    run_every = interval if running and live else None

    @st.fragment(run_every=run_every, key=key)
    def _panel():
        current = jobs()
        session_jobs()  # heartbeat
        render([j.snapshot() for j in current])
        if run_every is not None and rerun_on_end and not any(is_running(j) for j in current):
            st.rerun()

    _panel()


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"


def status_text(snap: dict) -> tuple[str, str]:
    """(level, text) for a snapshot; level is one of info, success, warning, error."""
    status = snap.get("status", "queued")
    p = snap.get("progress") or {}
    epochs = (snap.get("config") or {}).get("epochs", "?")
    if status == "queued":
        pos = snap.get("queue_position") or 0
        return "info", t("live.queued", position=pos) if pos else t("live.starting")
    if status == "running" and snap.get("paused_requested"):
        return "warning", t("live.pausing")
    if status == "running":
        if not (snap.get("steps") or {}).get("step"):
            return "info", t("live.compiling")
        return "info", t("live.running", epoch=p.get("epoch", 0), epochs=epochs)
    if status == "paused":
        return "warning", t("live.paused", epoch=p.get("epoch", 0), epochs=epochs)
    if status == "finished":
        return "success", t("live.finished", epochs=epochs, seconds=_duration((snap.get("timing") or {}).get("seconds")))
    if status == "stopped":
        return "warning", t("live.stopped", epoch=p.get("epoch", 0), epochs=epochs)
    if status == "diverged":
        return "error", t("live.diverged", step=snap.get("diverged_at_step"), hint=snap.get("hint") or "")
    return "error", t("live.failed", error=snap.get("error") or "?")


def status_line(snap: dict) -> None:
    """Status message plus a progress bar (epoch, samples/s, ETA) for one snapshot."""
    level, text = status_text(snap)
    getattr(st, level)(text)
    p = snap.get("progress") or {}
    sps = p.get("samples_per_second")
    ended = snap.get("status") in ENDED
    label = t("live.progress", epoch=p.get("epoch", 0), epochs=(snap.get("config") or {}).get("epochs", "?"),
              speed=f"{sps:,.0f}" if sps else "–", eta="–" if ended else _duration(p.get("eta_seconds")))
    st.progress(min(1.0, max(0.0, float(p.get("fraction") or 0.0))), text=label)


__all__ = ["POLL_SECONDS", "SessionJobs", "forget_job", "get_job", "is_running", "live_fragment", "session_jobs",
           "start_job", "status_line", "status_text"]
