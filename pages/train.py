"""Train page: one network, trained live.

Storyboard: sidebar settings (``nnlab.ui.sidebar``) → run controls and the replay pace →
one live view (``nnlab.ui.live.live_view``): status, then the loss beside the per-layer
gradient profile (the first screen after Train), then gradients over time, saturation
and the decision boundary (``nnlab.charts.run``) → results (``nnlab.ui.results``) → "Show
the code" (``nnlab.ui.code_view``: the sidebar's settings as Keras code; before any run it
follows the hint, so it never pushes the first charts down). Once the run has ended the same
charts follow an epoch slider with Play (``nnlab.ui.replay_view``); "Open a saved run"
shows a ``run.json`` the same way (``nnlab.ui.saved_run``). The job
lives in session state, so it keeps training while the user visits another page; the page
reads it only through its snapshot (``nnlab.snapshot``).
"""

import streamlit as st

from nnlab import replay, runtime, snapshot
from nnlab.charts import epoch_mark
from nnlab.charts import run as run_charts
from nnlab.config import RunConfig
from nnlab.i18n.numbers import ratio_words
from nnlab.ui import lessons as lesson_ui
from nnlab.ui import live, replay_view, saved_run
from nnlab.ui.clicks import once
from nnlab.ui.code_view import code_view
from nnlab.ui.common import lang, page_setup, t
from nnlab.ui.histograms import histogram_section
from nnlab.ui.inside import inside_section
from nnlab.ui.plots import show
from nnlab.ui.results import results_section
from nnlab.ui.sidebar import config_sidebar, current_config, current_frame

SLOT = "train"
LESSON_RUN = "lesson.train.run"  # the lesson open when the current run started

page_setup()
L = lang()
st.title(t("train.title"))
lesson = lesson_ui.arrive("train", lesson_ui.apply_run_settings)  # ?lesson=…: its settings, once
lesson_place = st.container()  # the lesson box, above the controls and charts (drawn once the settings are known)


# Buttons act in callbacks, before the script runs, so this run already draws the new state
# (e.g. a locked sidebar right after Train) without a second rerun. ``once``: one click acts once.
def _train():
    if live.is_running(live.get_job(SLOT)):  # the button is disabled while a job runs
        return
    config = current_config()
    live.start_job(SLOT, config, frame=current_frame(), label=config.activation)
    saved_run.close(SLOT)  # a new run replaces a saved run that was open
    st.session_state[LESSON_RUN] = lesson.name if lesson is not None else None  # whose claim this run can show


def _set_paused(pause: bool):
    j = live.get_job(SLOT)
    if j is None:
        return
    if pause:
        j.pause()
    else:
        j.resume()


def _stop():
    j = live.get_job(SLOT)
    if j is not None:
        j.stop()


def _reset():
    live.forget_job(SLOT)
    saved_run.close(SLOT)


job = live.get_job(SLOT)
running = live.is_running(job)
saved = saved_run.opened(SLOT)  # a run opened from a run.json file (shown when no job is)
settings = config_sidebar(locked=running, url_base=lesson.config() if lesson else None)
if lesson is not None:
    with lesson_place:
        snap = job.snapshot() if job is not None else None
        lesson_ui.lesson_box("train", lesson, lesson_ui.apply_run_settings, disabled=running, compact=job is not None,
                             run=once(_train), can_run=settings.error is None,
                             result=lesson_ui.verdict(lesson, {lesson.name: snap})
                             if snap and st.session_state.get(LESSON_RUN) == lesson.name else None,
                             note=t("lesson.changed") if settings.config != lesson.config()
                             else (None if job is not None else t("lesson.run_it")))
st.caption(live.settings_summary(job.config if job is not None else RunConfig.from_dict(saved["snap"]["config"])
                                 if saved is not None else settings.config))
if not running and settings.error is None:
    # compile it now, so Train starts at once
    runtime.WARMER.request([settings.config], settings.frame, owner=live.session_jobs().session_id)

# --- run controls ---------------------------------------------------------------------------
paused = bool(job and running and job.paused_requested)
with st.container(horizontal=True, vertical_alignment="bottom"):
    st.button(t("train.btn.train"), type="primary", icon="▶️", key="train_btn", **once(_train),
              disabled=running or settings.error is not None, help=t("train.btn.train_help"))
    st.button(t("train.btn.stop"), icon="⏹️", key="stop_btn", disabled=not running, **once(_stop),
              help=t("train.btn.stop_help"))
    st.button(t("train.btn.resume") if paused else t("train.btn.pause"), icon="▶️" if paused else "⏸️",
              key="pause_btn", disabled=not running, **once(_set_paused, not paused),
              help=t("train.btn.pause_help"))
    st.button(t("train.btn.reset"), icon="🔄", key="reset_btn", disabled=job is None and saved is None,
              **once(_reset), help=t("train.btn.reset_help"))
    pace, frozen = live.pace_picker("train_pace")
if settings.error:
    st.info(t("train.blocked", error=settings.error), icon="ℹ️")
if saved_run.opener(SLOT, disabled=running):  # a saved run replaces the ended job on the page
    live.forget_job(SLOT)
    st.rerun()

if job is None and saved is None:
    st.caption(t("train.intro"))
    st.info(t("train.empty"), icon="👈")
    code_view(settings.config, settings.frame)
    st.stop()


# --- live status and charts -----------------------------------------------------------------
def _gradient_sentence(frame: dict) -> str | None:
    """'Right now the gradient of L1 is about 1/560,000 that of L10': the gradient ratio
    (``nnlab.snapshot``: first / last hidden layer) at the step the profile beside it shows."""
    ratio, layers = snapshot.gradient_ratio(frame, latest_step=True), snapshot.ratio_layers(frame)
    if ratio is None or layers is None:
        return None
    return t("ratio.sentence", first=layers[0], last=layers[1], words=ratio_words(ratio, L))


def render(snaps: list[dict], frames: list[dict], frame_key) -> None:
    # Every part whose element count varies sits in its own container: a fragment rerun that
    # shifted the charts' positions left stale copies of them on the page.
    snap, frame = snaps[0], frames[0]
    with st.container():
        live.status_line(snap)
    if not snapshot.has_numbers(snap):
        if snapshot.is_ended(snap):
            st.caption(t("live.ended_without_data"))  # the status says what happened and what to try
        else:
            # Building figures holds the GIL: while the network compiles, drawing empty charts every
            # second slows the compile down. Draw them once the first numbers exist.
            st.caption(t("train.charts_soon"))
        return
    first_screen = live.crowded() and not snapshot.is_ended(snap)
    figs = live.figures("train", (frame_key, L, first_screen),
                        lambda: epoch_mark.mark_epochs(run_charts.live_figures(frame, _points(), L, first_screen),
                                                       ("loss", "metric", "heat"), replay.shown_epoch(frame),
                                                       snapshot.total_epochs(snap), L))
    with st.container():
        if frame.get("replaying"):
            st.caption(t("play.showing", shown=snapshot.progress(frame)["epoch"], epochs=snapshot.total_epochs(snap),
                         trained=snapshot.trained_epochs(snap)))
        elif frozen:
            st.caption(t("train.frozen_note"))
        sentence = _gradient_sentence(frame)
        st.markdown(f"**{sentence}**" if sentence else t("train.grad.heading"))
    a, b = st.columns(2)
    show(figs["loss"], key="train_loss", where=a)
    show(figs["profile"], key="train_grad_bar", where=b)
    if first_screen:
        st.caption(t("live.crowded"))
        return
    a, b = st.columns(2)
    show(figs["metric"], key="train_metric", where=a)
    show(figs["lines"], key="train_grad_lines", where=b)
    with st.expander(t("train.grad.heading"), expanded=False):
        st.markdown(t("train.grad.caption"))
        st.markdown(t("ratio.definition"))
    a, b = st.columns(2)
    show(figs["heat"], key="train_grad_heat", where=a)
    with b:
        show(figs["act"], key="train_act")
        st.caption(t("train.act.caption"))
    if "boundary" in figs:
        st.subheader(t("train.boundary.heading"))
        a, b = st.columns([3, 2])
        show(figs["boundary"], key="train_boundary", where=a)
        b.markdown(t("train.boundary.caption"))
    with st.container():
        inside_section(frame, frame_key)
    with st.container():
        histogram_section(frame, frame_key)


def _points():
    """The data set's points for the boundary chart (a saved run's: reloaded, see saved_run)."""
    return job.data if job is not None else saved["points"]


if job is None:  # a saved run: ended, so it opens in the scrubber
    saved_run.header(SLOT)
    replay_view.scrub_view("train", lambda: [saved["snap"]], ("saved", saved["id"]), render, pace=pace)
    saved_run.results(saved["snap"])
elif live.caught_up("train", [job]):  # ended and shown to the end: scrub and play it again
    replay_view.scrub_view("train", lambda: [job.snapshot()], (job.id,), render, pace=pace)
else:
    live.live_view("train", lambda: [job], render, pace=pace, frozen=frozen)
results_section(job)
code_view(settings.config, settings.frame)
