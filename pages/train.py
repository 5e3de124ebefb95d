"""Train page: one network, trained live.

Storyboard: sidebar settings (``nnlab.ui.sidebar``) → run controls → live status and
charts polled from the background job (``nnlab.ui.live`` + ``nnlab.charts``) → results
(``nnlab.ui.results``). The job lives in session state, so it keeps training while the
user visits another page and is shown again on return.
"""

import streamlit as st

from nnlab import charts, runtime
from nnlab.ui import live
from nnlab.ui.clicks import once
from nnlab.ui.common import ensure_router, lang, t
from nnlab.ui.results import results_section
from nnlab.ui.sidebar import config_sidebar, current_config, current_frame

SLOT = "train"
PLOT_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"scale": 2}}

ensure_router()
L = lang()
st.title(t("train.title"))
st.caption(t("train.intro"))

# Buttons act in callbacks, before the script runs, so this run already draws the new state
# (e.g. a locked sidebar right after Train) without a second rerun. ``once``: one click acts once.
def _train():
    if live.is_running(live.get_job(SLOT)):  # the button is disabled while a job runs
        return
    config = current_config()
    live.start_job(SLOT, config, frame=current_frame(), label=config.activation)


def _set_paused(pause: bool):
    j = live.get_job(SLOT)
    if j is not None:
        j.pause() if pause else j.resume()


def _stop():
    j = live.get_job(SLOT)
    if j is not None:
        j.stop()


job = live.get_job(SLOT)
running = live.is_running(job)
settings = config_sidebar(locked=running)
if not running and settings.error is None:
    runtime.WARMER.request([settings.config], settings.frame)  # compile it now, so Train starts at once

# --- run controls ---------------------------------------------------------------------------
paused = bool(job and running and job.snapshot().get("paused_requested"))
c_train, c_stop, c_pause, c_reset, c_freeze = st.columns([1.2, 1, 1.2, 1, 3], vertical_alignment="center")
c_train.button(t("train.btn.train"), type="primary", icon="▶️", key="train_btn", **once(_train),
               disabled=running or settings.error is not None, help=t("train.btn.train_help"), width="stretch")
c_stop.button(t("train.btn.stop"), icon="⏹️", key="stop_btn", disabled=not running, width="stretch", **once(_stop),
              help=t("train.btn.stop_help"))
c_pause.button(t("train.btn.resume") if paused else t("train.btn.pause"), icon="▶️" if paused else "⏸️",
               key="pause_btn", disabled=not running, width="stretch", **once(_set_paused, not paused),
               help=t("train.btn.pause_help"))
c_reset.button(t("train.btn.reset"), icon="🔄", key="reset_btn", disabled=job is None, width="stretch",
               **once(live.forget_job, SLOT), help=t("train.btn.reset_help"))
frozen = c_freeze.toggle(t("train.freeze"), key="train_freeze", help=t("train.freeze_help"))
if settings.error:
    st.info(t("train.blocked", error=settings.error), icon="ℹ️")

if job is None:
    st.info(t("train.empty"), icon="👈")
    st.stop()


# --- live status and charts -----------------------------------------------------------------
def _gradient_ratio(snap: dict) -> str | None:
    """'L1 gets 3e-06 × the gradient of L10' from the latest step (first vs last hidden layer)."""
    rows = (snap.get("steps") or {}).get("grad_norm") or []
    layers = snap.get("layers") or []
    if not rows or len(layers) < 3:
        return None
    first, last = rows[-1][0], rows[-1][len(layers) - 2]
    if not first or not last:
        return None
    return t("train.grad.ratio", first=layers[0]["label"], last=layers[-2]["label"], ratio=f"{first / last:.1e}")


def render_status(snaps: list[dict]) -> None:
    live.status_line(snaps[0])


def render_charts(snaps: list[dict]) -> None:
    snap = snaps[0]
    if not (snap.get("steps") or {}).get("step") and snap.get("status") in ("queued", "running", "paused"):
        # Building figures holds the GIL: while the network compiles, drawing empty charts every
        # second slows the compile down several times. Draw them once the first numbers exist.
        st.caption(t("train.charts_soon"))
        return
    a, b = st.columns(2)
    a.plotly_chart(charts.loss_figure(snap, L), key="train_loss", config=PLOT_CONFIG)
    b.plotly_chart(charts.metric_figure(snap, L), key="train_metric", config=PLOT_CONFIG)

    st.subheader(t("train.grad.heading"))
    ratio = _gradient_ratio(snap)
    st.markdown(t("train.grad.caption") + (f"  \n**{ratio}**" if ratio else ""))
    a, b = st.columns(2)
    a.plotly_chart(charts.gradient_lines_figure(snap, L), key="train_grad_lines", config=PLOT_CONFIG)
    b.plotly_chart(charts.gradient_bar_figure(snap, L), key="train_grad_bar", config=PLOT_CONFIG)
    a, b = st.columns(2)
    a.plotly_chart(charts.gradient_heatmap_figure(snap, L), key="train_grad_heat", config=PLOT_CONFIG)
    with b:
        st.plotly_chart(charts.activation_stats_figure(snap, L), key="train_act", config=PLOT_CONFIG)
        st.caption(t("train.act.caption"))
    if (snap.get("dataset") or {}).get("is_2d"):
        st.subheader(t("train.boundary.heading"))
        a, b = st.columns([3, 2])
        a.plotly_chart(charts.boundary_figure(snap, job.data, L), key="train_boundary", config=PLOT_CONFIG)
        b.markdown(t("train.boundary.caption"))


live.live_fragment("train_status", lambda: [job], render_status)
if frozen and running:
    st.caption(t("train.frozen_note"))
live.live_fragment("train_charts", lambda: [job], render_charts, live=not frozen, rerun_on_end=False)
results_section(job)
