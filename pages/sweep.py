"""Sweep page: a grid of settings × seeds, trained in the background, seen as a heatmap.

Storyboard: the base settings from the shared sidebar (``nnlab.ui.sidebar``), up to three
settings to vary with their values and the number of seeds (``nnlab.ui.sweep_grid``; one
click loads the Glorot & Bengio grid) → the sweep's size, checked against the server's
sweep limits (``nnlab.limits``) → Run: a ``nnlab.sweep_run.SweepRun`` trains the trials one
by one as the app's scheduler jobs (one sweep per session) → progress (done/total, ETA,
the trial training now) and the heatmap filling in, polled by a fragment → when it ends,
every view (``nnlab.ui.sweep_view``). "Open a sweep file" shows a CSV made by
``python -m nnlab sweep`` (e.g. on a Ray cluster) the same way.
"""

import streamlit as st

from nnlab import runtime, sweep
from nnlab.charts import sweep as sweep_charts
from nnlab.config import ConfigError, explain
from nnlab.limits import SweepTooLarge
from nnlab.sweep_run import SweepRun
from nnlab.ui import live, sweep_grid, sweep_view
from nnlab.ui.clicks import once
from nnlab.ui.common import lang, page_setup, t
from nnlab.ui.sidebar import config_sidebar, explain_error, md_value

RUN = "sweep.run"  # this session's SweepRun
FILE = "sweep.file"  # (name, table) of an opened sweep file
SLOT = "sweep"  # the running trial's job, where a closed tab's runs are stopped

page_setup()
L = lang()
st.title(t("sweep.page.title"))
st.caption(t("sweep.page.intro"))

run: SweepRun | None = st.session_state.get(RUN)
running = run is not None and not run.ended

st.button(t("sweep.lesson.load"), icon="🎓", key="sweep_lesson", disabled=running, help=t("sweep.lesson.help"),
          **once(sweep_grid.load_lesson))
grid, seeds = sweep_grid.grid_pickers(locked=running)
settings = config_sidebar(locked=running, exclude=sweep_grid.excluded(grid))


def _plan() -> tuple[sweep.Sweep | None, str | None]:
    """The sweep the pickers and the sidebar describe, or why it cannot run."""
    if not grid:
        return None, t("sweep.grid.none")
    short = [f for f, values in grid.items() if len(values) < 2]
    if short:
        return None, t("sweep.grid.too_few", field=t(f"compare.var.{short[0]}"))
    if settings.error:
        return None, t("compare.blocked", error=settings.error)
    try:
        plan = sweep.Sweep(settings.config, grid, seeds)
        runtime.SCHEDULER.limits.check_sweep(plan.size, settings.config.epochs)
        plan.trials()  # every grid point makes a valid configuration
    except SweepTooLarge as exc:
        return None, t("sweep.grid.too_large", **exc.params)
    except ConfigError as exc:
        return None, explain_error(exc, L)
    except sweep.SweepError as exc:
        return None, exc.text(L)
    return plan, None


def _start(plan: sweep.Sweep) -> None:
    previous = st.session_state.get(RUN)
    if previous is not None:
        previous.stop()
    runtime.WARMER.cancel(live.session_jobs().session_id)
    holder = live.session_jobs()
    st.session_state[RUN] = SweepRun(plan, runtime.SCHEDULER, runtime.LATER, frame=settings.frame,
                                     on_job=lambda job: holder.put(SLOT, job)).start()


plan, problem = _plan() if not running else (run.sweep, None)
if plan is not None and not running:
    sizes = " × ".join(str(len(v)) for v in plan.grid.values())
    st.markdown(t("sweep.grid.size", sizes=sizes, seeds=plan.seeds, trials=plan.size,
                  epochs=plan.size * plan.base.epochs))
with st.container(horizontal=True, vertical_alignment="bottom"):
    if st.button(t("sweep.run.start"), type="primary", icon="▶️", key="sweep_start",
                 disabled=running or plan is None, help=t("sweep.run.start_help")) and not running and plan:
        _start(plan)
        st.rerun()
    if st.button(t("sweep.run.stop"), icon="⏹️", key="sweep_stop", disabled=not running):
        run.stop()
        st.rerun()
if problem:
    st.warning(problem, icon="⚠️")


# --- a sweep file from the command line ---------------------------------------------------------
with st.expander(t("sweep.file.open"), expanded=st.session_state.get(FILE) is not None):
    st.caption(t("sweep.file.open_help"))
    upload = st.file_uploader(t("sweep.file.pick"), type=["csv"], key="sweep_upload")
    if upload is not None and st.session_state.get("sweep.file_id") != upload.file_id:
        st.session_state["sweep.file_id"] = upload.file_id
        try:
            st.session_state[FILE] = (upload.name, sweep.read_table(upload.getvalue()))
            st.session_state.pop("sweep.file_error", None)
        except sweep.SweepFileError as exc:
            quote = lambda v: md_value(v, L)  # noqa: E731 — values from the file, shown literally
            st.session_state[FILE] = None
            st.session_state["sweep.file_error"] = t(
                "sweep.file.bad", code=md_value(f"sweep.file.{exc.code}", L),
                error=explain(f"sweep.file.{exc.code}", exc.params, L, quote, quote))
    if upload is None:
        st.session_state.pop("sweep.file_id", None)
        st.session_state.pop("sweep.file_error", None)
        st.session_state[FILE] = None
    if st.session_state.get("sweep.file_error"):
        st.error(st.session_state["sweep.file_error"], icon="🚫")

opened = st.session_state.get(FILE)
if opened is not None:
    name, table = opened
    st.subheader(t("sweep.file.heading", name=md_value(name, L), trials=len(table)))
    sweep_view.views(table, name, key="sweep_file")
    st.stop()


# --- the session's sweep: progress while it trains, then every view ------------------------------
if run is None:
    st.info(t("sweep.page.empty"), icon="👆")
    st.stop()


def _duration(seconds) -> str:
    if seconds is None:
        return "–"
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else t("time.seconds", n=seconds)


def _trial_text(trial) -> str:
    parts = [sweep_charts.value_text(f, v, L) for f, v in trial.values.items() if f != "seed"]
    return live.markdown_literal(" · ".join(parts)) + " · " + t("sweep.run.seed", seed=trial.values["seed"])


fields = list(run.sweep.grid)
picked = None  # the heatmap's metric and axes while the sweep trains (once it has ended, sweep_view.views draws them)
if running and run.rows:
    table = run.table()
    picked = sweep_view.pickers(fields, sweep_charts.metric_columns(table), table)
run_every = live.poll_interval() if running else None


@st.fragment(run_every=run_every)
def progress_panel() -> None:
    live.session_jobs()  # heartbeat
    p = run.progress()
    label = t("sweep.run.progress", done=p.done, total=p.total, eta=_duration(p.eta_seconds))
    st.progress(p.done / max(1, p.total), text=label)
    current = run.current()
    if current is not None and not run.ended:
        trial, snap = current
        _, status = live.status_text(snap)
        st.caption(t("sweep.run.now", trial=_trial_text(trial), status=status))
    elif run.stop_requested:
        st.warning(t("sweep.run.stopped", done=p.done, total=p.total), icon="⏹️")
    elif run.error:
        st.error(t("sweep.run.failed", error=md_value(run.error, L)))
    else:
        st.success(t("sweep.run.finished", total=p.total, seconds=_duration(run.seconds)))
    if run.rows and running and not run.ended:
        if picked is None:
            st.rerun()  # the first trial has ended: the page draws the heatmap's pickers
        sweep_view.heatmap(run.table(), *picked, key="sweep_run_heatmap")
    if run_every is not None and run.ended:
        st.rerun()  # the sweep ended: draw every view once, and stop polling


progress_panel()
if not running and run.rows:
    sweep_view.views(run.table(), "nnlab-sweep.csv", key="sweep_run")
