"""Train page: one network, trained live.

Storyboard: sidebar settings (``nnlab.ui.sidebar``) → run controls and the replay pace →
one live view (``nnlab.ui.live.live_view``): status, then the loss beside the per-layer
gradient profile (the first screen after Train), then gradients over time, saturation
and the decision boundary (``nnlab.charts``) → results (``nnlab.ui.results``). The job
lives in session state, so it keeps training while the user visits another page.
"""

import streamlit as st

from nnlab import charts, runtime
from nnlab.i18n.numbers import ratio_words
from nnlab.record import ENDED
from nnlab.ui import live
from nnlab.ui.clicks import once
from nnlab.ui.common import lang, page_setup, t
from nnlab.ui.plots import show
from nnlab.ui.results import results_section
from nnlab.ui.sidebar import config_sidebar, current_config, current_frame

SLOT = "train"

page_setup()
L = lang()
st.title(t("train.title"))


# Buttons act in callbacks, before the script runs, so this run already draws the new state
# (e.g. a locked sidebar right after Train) without a second rerun. ``once``: one click acts once.
def _train():
    if live.is_running(live.get_job(SLOT)):  # the button is disabled while a job runs
        return
    config = current_config()
    live.start_job(SLOT, config, frame=current_frame(), label=config.activation)


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


job = live.get_job(SLOT)
running = live.is_running(job)
settings = config_sidebar(locked=running)
st.caption(live.settings_summary(job.config if job is not None else settings.config))
if not running and settings.error is None:
    runtime.WARMER.request([settings.config], settings.frame)  # compile it now, so Train starts at once

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
    st.button(t("train.btn.reset"), icon="🔄", key="reset_btn", disabled=job is None,
              **once(live.forget_job, SLOT), help=t("train.btn.reset_help"))
    pace, frozen = live.pace_picker("train_pace")
if settings.error:
    st.info(t("train.blocked", error=settings.error), icon="ℹ️")

if job is None:
    st.caption(t("train.intro"))
    st.info(t("train.empty"), icon="👈")
    st.stop()


# --- live status and charts -----------------------------------------------------------------
def _gradient_sentence(frame: dict) -> str | None:
    """'Right now the gradient of L1 is about 1/560,000 that of L10' (first vs last hidden layer)."""
    rows = (frame.get("steps") or {}).get("grad_norm") or []
    layers = frame.get("layers") or []
    if not rows or len(layers) < 3:
        return None
    first, last = rows[-1][0], rows[-1][len(layers) - 2]
    if not first or not last:
        return None
    return t("ratio.sentence", first=layers[0]["label"], last=layers[-2]["label"], words=ratio_words(first / last, L))


def _build(frame: dict, first_screen: bool) -> dict:
    """The figures of a frame; only the first screen's two while the server is crowded."""
    figs = {"loss": charts.loss_figure(frame, L), "profile": charts.gradient_bar_figure(frame, L)}
    if first_screen:
        return figs
    figs |= {"lines": charts.gradient_lines_figure(frame, L), "heat": charts.gradient_heatmap_figure(frame, L),
             "act": charts.activation_stats_figure(frame, L), "metric": charts.metric_figure(frame, L)}
    if (frame.get("dataset") or {}).get("is_2d"):
        figs["boundary"] = charts.boundary_figure(frame, job.data, L)
    return figs


def render(snaps: list[dict], frames: list[dict], frame_key) -> None:
    # Every part whose element count varies sits in its own container: a fragment rerun that
    # shifted the charts' positions left stale copies of them on the page.
    snap, frame = snaps[0], frames[0]
    with st.container():
        live.status_line(snap)
    if not (snap.get("steps") or {}).get("step"):
        if snap.get("status") in ENDED:
            st.caption(t("live.ended_without_data"))  # the status says what happened and what to try
        else:
            # Building figures holds the GIL: while the network compiles, drawing empty charts every
            # second slows the compile down. Draw them once the first numbers exist.
            st.caption(t("train.charts_soon"))
        return
    first_screen = live.crowded() and snap.get("status") not in ENDED
    figs = live.figures("train", (frame_key, L, first_screen), lambda: _build(frame, first_screen))
    with st.container():
        if frame.get("replaying"):
            st.caption(t("play.showing", shown=frame["progress"]["epoch"], epochs=snap["config"]["epochs"],
                         trained=len(snap["history"]["epoch"])))
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


live.live_view("train", lambda: [job], render, pace=pace, frozen=frozen)
results_section(job)
