"""Live-job plumbing shared by the Train and Compare pages.

* ``session_jobs()``: this browser session's jobs by slot name ("train", "compare:relu", …),
  kept in session state so they survive page switches. A session-scoped
  ``st.cache_resource(on_release=…)`` notices when the session goes away and then stops
  its jobs — after a grace period, because on_release also fires on transient websocket
  disconnects; a job is stopped only if the session is no longer active. As the tab's
  time to come back (``server.disconnectedSessionTTL``) runs out, its jobs are dropped and
  the session closed, which Streamlit itself would only do when another session connects.
* ``start_job`` / ``get_job`` / ``forget_job``: submit a RunConfig to ``nnlab.runtime.SCHEDULER``.
* ``live_view``: status and charts in one ``st.fragment`` that replays the runs at a
  watchable pace (``nnlab.replay``) while they train, polls less often when many runs
  share the server, and stops polling once every run has ended and been shown;
  ``figures`` caches a view's figures per frame.
* ``status_line``: status text (queued with position, running, paused, diverged + hint, …)
  and a progress bar with epoch, samples/s and ETA.

The training threads never call Streamlit: pages only read ``job.snapshot()``.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable

import streamlit as st

from nnlab import i18n, replay, runtime, snapshot
from nnlab.config import RunConfig
from nnlab.jobs import TrainingJob
from nnlab.ui.common import lang, t

POLL_SECONDS = 1.0
# While a run of a view has no numbers yet, each poll first waits (asleep) up to this share of
# the interval for them: on a fresh server the first compile outlasts FIRST_CHART_WAIT, and the
# first charts then came at the next poll, half an interval late on average. Polling faster
# instead would take the GIL from the import and the compile.
FIRST_NUMBERS_NAP = 0.8
MAX_POLL_SECONDS = 3.0
RELAXED_RUNS = 10  # up to this many runs training, redraw every POLL_SECONDS
RELEASE_GRACE_SECONDS = 30.0
FIRST_CHART_WAIT = 4.0  # s after Train that the click's own page run may wait for the first numbers
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

    def clear(self) -> None:
        with self._lock:
            self._jobs.clear()

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
        from nnlab.ui.streamlit_internals import Runtime

        return not Runtime.instance().is_active_session(holder.session_id)
    except Exception:  # no runtime (bare mode): nothing else can reconnect
        return True


def _stop_if_gone(holder: SessionJobs, released_at: float) -> None:
    if holder.heartbeat <= released_at and _session_gone(holder):
        holder.stop_all()


def _close_if_gone(holder: SessionJobs, released_at: float) -> None:
    """Close a session that is about to expire: drop its jobs and let Streamlit shut it down.

    Streamlit drops an expired session only when it next stores one (its TTL cache reaps
    on write, and closing an already expired session finds nothing to close). Measured: a
    class of thirty that left kept all thirty sessions (runs, records, cached figures,
    ~300 MB) in memory until the next class arrived. So this runs a few seconds before the
    TTL ends, while the session can still be found and closed."""
    if holder.heartbeat > released_at or not _session_gone(holder):
        return
    holder.stop_all()
    holder.clear()
    try:
        from nnlab.ui.streamlit_internals import Runtime

        # Public and thread-safe: marks the session as not resumable and closes it on the
        # event loop, which removes it from the session storage.
        Runtime.instance().clear_user_info_for_session(holder.session_id)
    except Exception:  # no runtime (bare mode), or the session is already gone
        pass


def _session_ttl() -> float:
    try:
        return float(st.get_option("server.disconnectedSessionTTL"))
    except Exception:
        return 120.0


def _on_release(holder: SessionJobs) -> None:
    released_at = time.time()
    close_after = max(1.0, _session_ttl() - 5.0)
    if close_after > RELEASE_GRACE_SECONDS:
        runtime.LATER.call(RELEASE_GRACE_SECONDS, lambda: _stop_if_gone(holder, released_at))
    runtime.LATER.call(close_after, lambda: _close_if_gone(holder, released_at))


@st.cache_resource(scope="session", on_release=_on_release, show_spinner=False)
def _watch(_holder: SessionJobs) -> SessionJobs:
    return _holder


def session_jobs() -> SessionJobs:
    """This session's job holder (created on first use), registered for cleanup at session end."""
    holder = st.session_state.get(_JOBS_KEY)
    if holder is None:
        ctx = None
        try:
            from nnlab.ui.streamlit_internals import get_script_run_ctx

            ctx = get_script_run_ctx()
        except Exception:
            pass
        holder = st.session_state[_JOBS_KEY] = SessionJobs(getattr(ctx, "session_id", None))
        _SESSIONS.add(holder)
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


def poll_interval() -> float:
    """Seconds between live redraws: once a second for a few runs, slower when many runs
    share the server (every redraw of every session costs the training threads CPU).

    A view keeps the interval it started with until its run ends, so the tabs that are
    open count too, not only the runs already training: in a class the first students to
    press Train would otherwise redraw every second for their whole run."""
    load = max(runtime.SCHEDULER.running_count(), active_sessions())
    return min(MAX_POLL_SECONDS, POLL_SECONDS * max(1.0, load / RELAXED_RUNS))


_SESSIONS: weakref.WeakSet[SessionJobs] = weakref.WeakSet()
ACTIVE_SESSION_SECONDS = 120.0  # a tab that ran the app this recently counts as open


def active_sessions() -> int:
    """Sessions that used Train or Compare in the last ``ACTIVE_SESSION_SECONDS``."""
    since = time.time() - ACTIVE_SESSION_SECONDS
    return sum(1 for holder in list(_SESSIONS) if holder.heartbeat >= since)


def _clock(key: str, jobs: list[TrainingJob]) -> dict:
    """The replay position of a view (epoch shown per job): restarts when the view shows other jobs."""
    ids = tuple(j.id for j in jobs)
    clock = st.session_state.get(f"nnlab.clock.{key}")
    if clock is None or clock["ids"] != ids:
        clock = st.session_state[f"nnlab.clock.{key}"] = {"ids": ids, "shown": {}}
    return clock


def _frames(jobs: list[TrainingJob], snaps: list[dict], clock: dict, pace: str, frozen: bool, advance: bool):
    """What to draw now: each snapshot cut at the epoch the replay has reached (moved on by one
    step of ``pace`` when ``advance``), and a key that changes exactly when those frames do."""
    frames, keys = [], []
    for job, snap in zip(jobs, snaps):
        trained = snapshot.trained_epochs(snap)
        epochs = snapshot.config(snap).get("epochs") or trained
        shown = clock["shown"].get(job.id, 0)
        if advance and not frozen and snapshot.has_numbers(snap):
            shown = clock["shown"][job.id] = replay.Pace(pace).next_epoch(shown, epochs, trained)
        frame = replay.frame(snap, shown)
        frames.append(frame)
        keys.append((job.id, shown) if frame is not snap else (job.id, "live", job.version))
    return frames, tuple(keys)


def caught_up(key: str, jobs: list[TrainingJob]) -> bool:
    """Every run of view ``key`` has ended and its paced replay has shown all they trained:
    from here the page offers the epoch scrubber (``nnlab.ui.replay_view``) instead."""
    if not jobs or any(is_running(j) for j in jobs):
        return False
    clock = st.session_state.get(f"nnlab.clock.{key}")
    if clock is None or clock["ids"] != tuple(j.id for j in jobs):
        return False
    return all(clock["shown"].get(j.id, 0) >= snapshot.trained_epochs(j.snapshot()) for j in jobs)


def live_view(key: str, jobs: Callable[[], list[TrainingJob]],
              render: Callable[[list[dict], list[dict], tuple], None], *, pace: str = replay.DEFAULT_PACE,
              frozen: bool = False) -> None:
    """Status and charts of ``jobs`` in one fragment, redrawn while they train or replay.

    ``render(snaps, frames, frame_key)``: the latest snapshots (for status and progress),
    the frames to chart (the runs as of the epoch the replay has reached at ``pace``), and
    a key that changes exactly when the frames do (to cache figures with ``figures``).
    The fragment redraws every ``poll_interval()`` (1 s alone, up to 3 s with thirty runs)
    and, once every run has ended and been shown, reruns the page once, which stops the
    polling and draws the results. ``key`` must be unique on the page.
    """
    current = jobs()
    _await_first_numbers(current)
    clock = _clock(key, current)
    snaps = [j.snapshot() for j in current]
    frames, _ = _frames(current, snaps, clock, pace, frozen, advance=False)
    running = any(is_running(j) for j in current)
    behind = any(f is not s for f, s in zip(frames, snaps))
    run_every = poll_interval() if running or behind else None
    inline = [True]  # the fragment's first call, inside this page run; its polls come after

    @st.fragment(run_every=run_every, key=key)
    def _panel():
        now_jobs = jobs()
        session_jobs()  # heartbeat
        first, inline[0] = inline[0], False
        # Not in the page run while a fresh server imports TensorFlow: the numbers are seconds
        # away, and the page's previous elements stay on screen, faded, until the run ends. On a
        # warm, crowded server this nap is what brings many first charts with the click's answer.
        if run_every is not None and runtime.FRESH_WARMUP and not (first and runtime.tensorflow_importing()):
            _nap_for_numbers(now_jobs, FIRST_NUMBERS_NAP * run_every)
        now_snaps = [j.snapshot() for j in now_jobs]
        now_frames, frame_key = _frames(now_jobs, now_snaps, clock, pace, frozen, advance=True)
        # the epoch scrubber's place (nnlab.ui.replay_view fills it once the runs have ended): the
        # charts keep their positions, so they are updated in place, not mounted anew, at the switch
        st.container(key=f"{key}_replay_controls")
        render(now_snaps, now_frames, frame_key)
        if run_every is None:
            return
        done = not any(is_running(j) for j in now_jobs) and all(f is s for f, s in zip(now_frames, now_snaps))
        if done and not frozen:
            st.rerun()  # training ended and the replay caught up: draw the final state once

    _panel()


def _nap_for_numbers(jobs: list[TrainingJob], seconds: float) -> None:
    """Wait (asleep, not holding the GIL) up to ``seconds`` for the runs that train but have
    no numbers yet (not those waiting in line or paused), so their first charts are drawn when
    they exist."""
    until = time.monotonic() + seconds
    for job in jobs:
        if is_running(job) and not job.has_numbers and not job.queue_position and not job.paused_requested:
            left = until - time.monotonic()
            if left <= 0 or not job.wait_for_numbers(left):
                return


def _await_first_numbers(jobs: list[TrainingJob]) -> None:
    """Right after Train, let this page run wait (asleep, not holding the GIL) until the new
    runs have trained their first chunk, at most ``FIRST_CHART_WAIT`` after they were
    submitted. Then the click's own response carries the first charts; otherwise they would
    come one poll later, driven by the browser's timer (up to 3 s on a crowded server: with
    thirty runs starting at once the first numbers take 2–2.5 s, so a shorter wait put every
    student's first chart at about 5 s). Alone, the numbers come in a fraction of a second.
    A run waiting in line is not waited for, nor any run while a fresh server is still importing
    TensorFlow: its numbers are further away than the wait, and meanwhile the browser keeps the
    page's previous elements on screen, faded, below the ones this run has drawn (on Compare,
    a second row of buttons); the live view's polls bring the first charts instead."""
    waiting = [j for j in jobs if not j.queue_position and not j.has_numbers
               and time.monotonic() < j.submitted_at + FIRST_CHART_WAIT]
    if not waiting or runtime.tensorflow_importing():
        return
    with st.spinner(t("live.compiling")):
        for job in waiting:
            left = job.submitted_at + FIRST_CHART_WAIT - time.monotonic()
            if left > 0:
                job.wait_for_numbers(left)


def crowded() -> bool:
    """True while many runs share the server: live views then redraw only their first
    screen (the rest appears when the run ends), because every chart every session redraws
    takes CPU from the training."""
    return runtime.SCHEDULER.running_count() > RELAXED_RUNS


def figures(key: str, frame_key, build: Callable[[], dict]) -> dict:
    """``build()``'s figures, rebuilt only when ``frame_key`` changed (one entry per view and
    session): a redraw of an unchanged frame, a frozen chart or a paused run costs nothing."""
    slot = f"nnlab.figs.{key}"
    cached = st.session_state.get(slot)
    if cached is None or cached[0] != frame_key:
        cached = st.session_state[slot] = (frame_key, build())
    return cached[1]


HOLD = "hold"  # the pace picker's fourth choice: stop redrawing (to zoom), training goes on


def pace_picker(key: str) -> tuple[str, bool]:
    """How the charts follow the run: slow / normal / instant, or hold (frozen, to zoom).
    Returns (pace, frozen)."""
    st.session_state.setdefault(key, replay.DEFAULT_PACE)
    choice = st.segmented_control(t("play.pace"), [*replay.PACES, HOLD], key=key,
                                  format_func=lambda p, L=lang(): i18n.t(f"play.{p}", L), help=t("play.pace_help"))
    if choice == HOLD:
        held = st.session_state.get(f"{key}.before_hold", replay.DEFAULT_PACE)
        return held, True
    st.session_state[f"{key}.before_hold"] = choice or replay.DEFAULT_PACE
    return choice or replay.DEFAULT_PACE, False


def settings_summary(config: RunConfig) -> str:
    """One line saying which settings are loaded (a shared link shows what it set up):
    'Spiral · 3 × 16 · ReLU · He normal · SGD, lr 0.03 · batch 32 · 100 epochs'."""
    L = lang()
    widths = config.hidden_widths
    shape = f"{len(widths)} × {widths[0]}" if widths and len(set(widths)) == 1 else "-".join(map(str, widths))
    acts = sorted(set(config.hidden_activations), key=config.hidden_activations.index)
    parts = [i18n.display_name("dataset", config.dataset, L), shape,
             " / ".join(i18n.display_name("activation", a, L) for a in acts),
             i18n.display_name("initializer", config.initializer, L),
             t("summary.optimizer", optimizer=i18n.display_name("optimizer", config.optimizer, L),
               lr=config.learning_rate),
             t("summary.batch", batch=config.batch_size), t("summary.epochs", epochs=config.epochs)]
    if config.batchnorm:
        parts.append(t("summary.batchnorm"))
    if config.dropout:
        parts.append(t("summary.dropout", rate=config.dropout))
    return " · ".join(markdown_literal(p) for p in parts)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else t("time.seconds", n=seconds)


def _error_text(snap: dict) -> str:
    """The failure in the user's language as safe markdown (catalog key + params when the
    run has them; otherwise its English text, shown literally)."""
    from nnlab.config import explain
    from nnlab.ui.sidebar import field_label, md_value

    key = snap.get("error_key")
    if key:
        name, params, *field = key
        try:
            if name.startswith(("data.err.", "config.err.")):  # values from the user's CSV or settings
                quote = lambda v: md_value(v, lang())  # noqa: E731
                text = explain(name, params, lang(), quote, quote)
                if field:  # a ConfigError: say which setting
                    text = t("sidebar.invalid", field=field_label(field[0], lang()), message=text)
                return text
            return t(name, **params)
        except (KeyError, ValueError, IndexError):
            pass
    return markdown_literal(snap.get("error") or "?")


def _diverged_hint(snap: dict) -> str:
    """What to try after a divergence, in the user's language, naming the settings by their
    display names (the record's hint is English, for the CLI)."""
    key = snap.get("hint_key")
    cfg = snap.get("config") or {}
    if key:
        name, params = key
    else:  # a snapshot from before hints had keys: the same hint (engine.DIVERGED_HINT) from its config
        name = "live.hint.diverged"
        params = {k: cfg.get(k) for k in ("activation", "initializer", "optimizer")}
        params["lr"] = cfg.get("learning_rate", 0.0)
    try:
        shown = {kind: markdown_literal(i18n.display_name(kind, str(params[kind]), lang()))
                 for kind in ("activation", "initializer", "optimizer")}
        return t(name, lr=f"{float(params['lr']):g}", **shown)
    except (KeyError, TypeError, ValueError):
        return markdown_literal(snap.get("hint") or "")


def status_text(snap: dict) -> tuple[str, str]:
    """(level, text) for a snapshot; level is one of info, success, warning, error. The text
    is markdown-safe: values that came from a user (errors naming a CSV column) are escaped."""
    status = snapshot.status(snap)
    p = snapshot.progress(snap)
    epochs = snapshot.total_epochs(snap)
    if status == "queued":
        pos = snap.get("queue_position") or 0
        if not pos:
            return "info", t("live.starting")
        wait = snap.get("estimated_wait")
        about = t("live.wait_about", seconds=_duration(wait)) if wait else ""
        return "info", t("live.wait", position=pos, wait=about)
    if status == "running" and snap.get("paused_requested"):
        return "warning", t("live.pausing")
    if status == "running":
        if not snapshot.has_numbers(snap):
            return "info", t("live.compiling")
        return "info", t("live.running", epoch=p.get("epoch", 0), epochs=epochs)
    if status == "paused":
        return "warning", t("live.paused", epoch=p.get("epoch", 0), epochs=epochs)
    if status == "finished":
        return "success", t("live.finished", epochs=epochs, seconds=_duration((snap.get("timing") or {}).get("seconds")))
    if status == "stopped":
        return "warning", t("live.stopped", epoch=p.get("epoch", 0), epochs=epochs)
    if status == "diverged":
        return "error", t("live.diverged", step=snap.get("diverged_at_step"), hint=_diverged_hint(snap))
    return "error", t("live.failed", error=_error_text(snap))


def markdown_literal(text: str) -> str:
    """``text`` shown as written inside Streamlit markdown: no HTML, links or emphasis."""
    specials = "\\`*_{}[]()<>#+-.!|~$"
    return "".join("\\" + ch if ch in specials else ch for ch in str(text))


def status_line(snap: dict) -> None:
    """One progress bar whose label says the status, epoch, samples/s and ETA; a warning
    or an error (paused, stopped, diverged, failed) also gets its own box above it. Kept to
    one line while all is well: on a 720-px projector the charts must start high."""
    level, text = status_text(snap)
    if level in ("warning", "error"):
        getattr(st, level)(text)
    p = snapshot.progress(snap)
    sps = p.get("samples_per_second")
    ended = snapshot.is_ended(snap)
    label = t("live.progress", epoch=p.get("epoch", 0), epochs=snapshot.total_epochs(snap),
              speed=f"{sps:,.0f}" if sps else "–", eta="–" if ended else _duration(p.get("eta_seconds")))
    if level in ("info", "success"):
        label = f"**{text}** · {label}"
    st.progress(min(1.0, max(0.0, float(p.get("fraction") or 0.0))), text=label)


__all__ = ["POLL_SECONDS", "SessionJobs", "caught_up", "forget_job", "get_job", "is_running", "live_view", "figures",
           "crowded", "markdown_literal", "pace_picker", "poll_interval", "session_jobs", "settings_summary", "start_job", "status_line",
           "status_text"]
