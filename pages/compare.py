"""Compare page: several runs that differ in one setting, trained side by side, live.

Storyboard: pick the variable (activation, initializer, optimizer or depth) and 2–8
values — or open a lesson (``?lesson=…``, ``nnlab.ui.lessons``), which sets them, or for a
lesson whose runs differ in several settings, its fixed list of runs → every other setting from the shared sidebar (``nnlab.ui.sidebar``, the compared
control hidden) → Compare loads the data once and submits one job group
(``runtime.SCHEDULER.submit_group``) → live status per run and overlaid charts
(``nnlab.charts.comparison``) polled through ``nnlab.ui.live``, and under them "Look inside
one run" (``nnlab.ui.look_inside``: one run's neuron maps, diagram and histograms, folded at
first) → summary table, CSV and the ensemble. Logic lives in ``nnlab.comparison``; this file
only lays out widgets and reads the runs only through their snapshots (``nnlab.snapshot``).
"""

import math

import pandas as pd
import streamlit as st

from nnlab import comparison, datasets, i18n, replay, runtime, snapshot
from nnlab.charts import comparison as compare_charts
from nnlab.charts import epoch_mark
from nnlab.config import ConfigError
from nnlab.i18n.numbers import ratio_words
from nnlab.ui import lessons as lesson_ui
from nnlab.ui import live, page_state, replay_view
from nnlab.ui.clicks import once
from nnlab.ui.common import lang, page_setup, t
from nnlab.ui.look_inside import look_inside
from nnlab.ui.plots import show
from nnlab.ui.sidebar import config_sidebar, current_config, current_frame, explain_error

SHOWN_COLUMNS = ("run", "status", "val", "test", "epochs_to_target", "grad_ratio", "dead_pct", "saturated_pct")
STATE = "compare.state"  # the comparison shown: variable, values, labels, config
START_ERROR = "compare.start_error"  # why a start from the lesson box's button failed

page_setup()
L = lang()
st.title(t("compare.title"))


def _apply_lesson(lesson, url_pairs) -> None:
    """The lesson's settings in the sidebar and, when its runs differ in one setting, that
    variable and its values in the pickers (a fixed list of runs needs no picker)."""
    lesson_ui.apply_run_settings(lesson, url_pairs)
    if lesson.variable:
        values = [changes[lesson.variable] for _, changes in lesson.runs]
        st.session_state["compare_variable"] = lesson.variable
        st.session_state["compare_values"] = values


lesson = lesson_ui.arrive("compare", _apply_lesson)  # ?lesson=…: its settings, once
lesson_place = st.container()  # the lesson box, above the controls and charts
if lesson is None:
    st.caption(t("compare.intro"))
fixed_runs = list(lesson.runs) if lesson is not None and not lesson.variable else None


def _slot(label: str) -> str:
    return f"compare:{label}"


def _shown(label: str) -> str:
    """A run's label ('he_normal', 'depth=8') as the page names it ('He 정규분포', '깊이 8')."""
    state = st.session_state.get(STATE) or {}
    return comparison.label_text(state.get("variable", ""), label, L)


def _jobs() -> list:
    state = st.session_state.get(STATE)
    if not state:
        return []
    return [j for j in (live.get_job(_slot(lbl)) for lbl in state["labels"]) if j is not None]


def _clear_previous() -> None:
    state = st.session_state.get(STATE)
    holder = live.session_jobs()
    for label in (state or {}).get("labels", []):
        job = holder.pop(_slot(label))
        if job is not None:
            job.stop()


def _variants(config, variable: str, values: list, runs: list | None = None) -> list:
    """(label, RunConfig) per run: one per value of ``variable``, or a lesson's fixed ``runs``
    ((label, changes) on top of ``config``)."""
    if runs:
        return [(label, config.edit(**changes)) for label, changes in runs]
    return comparison.variant_configs(config, variable, values)


def _start(config, frame, variable: str, values: list, runs: list | None = None) -> str | None:
    """Load the data once and submit one run per value as a group; returns an error or None."""
    try:
        variants = _variants(config, variable, values, runs)
        data = datasets.load(config, frame=frame)
    except (ValueError, ConfigError, datasets.DatasetError) as exc:
        return explain_error(exc, L)
    runtime.WARMER.cancel(live.session_jobs().session_id)
    _clear_previous()
    labels = [label for label, _ in variants]
    group = runtime.SCHEDULER.submit_group([cfg for _, cfg in variants], data=data, frame=frame, labels=labels)
    holder = live.session_jobs()
    for label, job in zip(labels, group):
        holder.put(_slot(label), job)
    st.session_state[STATE] = {"variable": variable, "values": list(values), "labels": labels,
                               "config": config, "frame": frame, "runs": runs,
                               "lesson": lesson.name if lesson is not None else None}
    return None


# --- what to compare --------------------------------------------------------------------------
jobs = _jobs()
running = any(live.is_running(j) for j in jobs)


def _choice_params(variable: str) -> list[page_state.Param]:
    """The compared variable and its values in the link (``?vary=depth&values=1,4,8``); with a
    lesson open, only where they differ from the lesson's."""
    var = comparison.VARIABLES[variable]
    shown = ", ".join(page_state.short(v) for v in var.choices)
    default_variable = lesson.variable if lesson is not None and lesson.variable else "activation"
    default_values = ([changes[variable] for _, changes in lesson.runs] if lesson is not None
                      and variable == lesson.variable else list(var.defaults))
    return [page_state.Param("vary", "compare_variable", default_variable,
                             page_state.choice(list(comparison.VARIABLES)),
                             accepts=t("share.accepts.choice", choices=", ".join(comparison.VARIABLES))),
            page_state.Param("values", "compare_values", default_values,
                             page_state.listing(page_state.choice(var.choices), comparison.MIN_VALUES,
                                                comparison.MAX_VALUES),
                             page_state.joined,
                             accepts=t("share.accepts.list", low=comparison.MIN_VALUES, high=comparison.MAX_VALUES,
                                       choices=shown))]


def _linked_variable() -> str:
    """The variable whose values the link's ``values`` name: the link's own, else the page's."""
    wanted = st.query_params.get("vary")
    if wanted in comparison.VARIABLES:
        return wanted
    return st.session_state.get("compare_variable", "activation")


def _variable_changed():
    st.session_state["compare_values"] = list(comparison.VARIABLES[st.session_state["compare_variable"]].defaults)


if fixed_runs:  # a lesson whose runs differ in several settings: its runs, by name, instead of the pickers
    variable, values = "", [label for label, _ in fixed_runs]
    st.markdown(t("lesson.runs", runs=", ".join(f"**{live.markdown_literal(comparison.label_text('', v, L))}**"
                                                 for v in values)))
    exclude = {name for _, changes in fixed_runs for name in changes}
    exclude |= {extra for name, extra in (("activation", "layer_activations"), ("initializer", "init_param"))
                if name in exclude}
    settings = config_sidebar(locked=running, exclude=exclude, url_base=lesson.config())
    for name in ("vary", "values"):  # the lesson names its runs
        if name in st.query_params:
            del st.query_params[name]
else:
    page_state.restore("compare", _choice_params(_linked_variable()))
    # on a projector, while the runs train, the charts get the pickers' room (the runs are named
    # below): presenter mode folds a container whose key ends in "_folded"
    pickers = st.container(key="compare_pickers_folded" if running else "compare_pickers")
    c_var, c_vals = pickers.columns([1, 3])
    variable = c_var.selectbox(t("compare.variable"), list(comparison.VARIABLES), key="compare_variable",
                               format_func=lambda v, L=L: i18n.t(f"compare.var.{v}", L), on_change=_variable_changed,
                               disabled=running, help=t("compare.variable.help"))
    var = comparison.VARIABLES[variable]
    values = c_vals.multiselect(t("compare.values"), list(var.choices), key="compare_values", disabled=running,
                                format_func=lambda v: var.display(v, L), max_selections=comparison.MAX_VALUES,
                                help=t("compare.values.help"))
    page_state.publish("compare", _choice_params(variable))
    settings = config_sidebar(locked=running, exclude=var.exclude, url_base=lesson.config() if lesson else None)
count_ok = comparison.MIN_VALUES <= len(values) <= comparison.MAX_VALUES
if variable and not jobs:  # said once, before the runs (the charts need the room on a projector)
    st.caption(t(f"compare.same.{variable}", w=settings.config.width))
to_warm = []
if not running and count_ok and settings.error is None:
    try:
        to_warm = [cfg for _, cfg in _variants(settings.config, variable, values, fixed_runs)]
    except (ValueError, ConfigError):
        pass
if to_warm:
    # compile these networks now, so Compare starts at once
    runtime.WARMER.request(to_warm, settings.frame, owner=live.session_jobs().session_id)

def _start_lesson() -> None:
    """The lesson box's run button: what the Compare button does, as a callback."""
    if any(live.is_running(j) for j in _jobs()):
        return
    if fixed_runs:
        variable, values = "", [label for label, _ in fixed_runs]
    else:
        variable, values = st.session_state["compare_variable"], st.session_state["compare_values"]
    st.session_state[START_ERROR] = _start(current_config(), current_frame(), variable, values, fixed_runs)


# --- run controls -----------------------------------------------------------------------------
state = st.session_state.get(STATE)
error = st.session_state.pop(START_ERROR, None)
with st.container(horizontal=True, vertical_alignment="bottom"):
    # "and not running": while the charts poll, Streamlit may deliver one click twice (nnlab.ui.clicks)
    if st.button(t("compare.btn.compare"), type="primary", icon="▶️", key="compare_btn",
                 disabled=running or settings.error is not None or not count_ok,
                 help=t("compare.btn.compare_help")) and not running:
        error = _start(settings.config, settings.frame, variable, values, fixed_runs)
        if error is None:
            st.rerun()
    if st.button(t("compare.btn.stop_all"), icon="⏹️", key="compare_stop_all", disabled=not running,
                 help=t("compare.btn.stop_all_help")):
        for job in jobs:
            job.stop()
        st.rerun()
    if st.button(t("compare.btn.again"), icon="🔁", key="compare_again", disabled=running or not state,
                 help=t("compare.btn.again_help")) and not running:
        error = _start(state["config"], state.get("frame"), state["variable"], state["values"], state.get("runs"))
        if error is None:
            st.rerun()
    pace, frozen = live.pace_picker("compare_pace")
if error:
    st.error(t("compare.data_failed", error=error))
if not count_ok:
    st.warning(t("compare.values.count", n=len(values)))
if settings.error:
    st.info(t("compare.blocked", error=settings.error), icon="ℹ️")



def _lesson_runs() -> dict[str, dict] | None:
    """The finished comparison's snapshots by the lesson's run labels (what ``Lesson.check``
    reads), or None when the runs compared are not the lesson's. The page labels a run of a
    number or BatchNorm as 'dropout=0.5'; the lesson as '0.5'."""
    if not state or state.get("lesson") != lesson.name:  # runs started before the lesson was opened
        return None
    if state.get("runs"):
        names = {label: label for label, _ in state["runs"]}
    elif state["variable"] == lesson.variable:
        names = {comparison.run_label(lesson.variable, changes[lesson.variable]): label for label, changes in lesson.runs}
    else:
        return None
    if set(names) != set(state["labels"]) or set(names.values()) != {label for label, _ in lesson.runs}:
        return None
    return {names[label]: live.get_job(_slot(label)).snapshot() for label in state["labels"]
            if live.get_job(_slot(label)) is not None}


if lesson is not None:
    with lesson_place:
        runs_by_label = _lesson_runs() if jobs and all(j.ended for j in jobs) else None
        if not jobs:
            note = t("lesson.changed") if settings.config != lesson.config() else t("lesson.run_it")
        elif all(j.ended for j in jobs) and runs_by_label is None:
            note = t("lesson.not_compared")
        else:
            note = t("lesson.changed") if settings.config != lesson.config() else None
        lesson_ui.lesson_box("compare", lesson, _apply_lesson, disabled=running, note=note, compact=bool(jobs),
                             run=once(_start_lesson), can_run=settings.error is None and count_ok,
                             result=lesson_ui.verdict(lesson, runs_by_label) if runs_by_label else None)

if not jobs:
    st.info(t("compare.empty"), icon="👈")
    st.stop()

shown_runs = ", ".join(live.markdown_literal(_shown(lbl)) for lbl in state["labels"])
# which runs the charts show, when the pickers above no longer say so (a lesson's fixed runs are named above)
if state["variable"] and (state["variable"], list(state["values"])) != (variable, list(values)):
    st.markdown(t("compare.running_for", variable=t(f"compare.var.{state['variable']}"), values=shown_runs))
elif not state["variable"] and not fixed_runs:
    st.markdown(t("lesson.runs", runs=shown_runs))
if not running and settings.config != state["config"]:
    st.caption(t("compare.settings_changed"))


# --- live status and charts: one view, replayed at the chosen pace -----------------------------
def _stop(slot: str) -> None:
    job = live.get_job(slot)
    if job is not None:
        job.stop()


def _group_snapshot(snaps: list[dict]) -> dict:
    """The run the class is waiting for: a failed one first, else the least advanced one."""
    order = {"failed": 0, "diverged": 1, "queued": 2, "paused": 3, "running": 4, "stopped": 5, "finished": 6}
    return min(snaps, key=lambda s: (order.get(snapshot.status(s), 4), snapshot.progress(s).get("fraction") or 0))


def _runs_line(snaps: list[dict]) -> str:
    """One compact line: 'relu ✓ · tanh 12/40 · sigmoid ✗ diverged'."""
    marks = {"finished": "✓", "stopped": "■", "diverged": "✗", "failed": "✗", "paused": "⏸", "queued": "…"}
    parts = []
    for snap in snaps:
        label = live.markdown_literal(_shown(snapshot.label(snap)))
        status = snapshot.status(snap)
        if status == "running":
            parts.append(f"**{label}** {snapshot.progress(snap).get('epoch', 0)}/{snapshot.total_epochs(snap)}")
        else:
            parts.append(f"**{label}** {marks.get(status, '')} {t(f'compare.status.{status}')}")
    return " · ".join(parts)


def _gap_sentence(frames: list[dict], profile_epoch: int) -> str | None:
    ratios = {live.markdown_literal(snapshot.label(s)): snapshot.gradient_ratio(s, profile_epoch or None)
              for s in frames}
    ratios = {k: v for k, v in ratios.items() if v}
    if len(ratios) < 2:
        return None
    worst, best = min(ratios, key=ratios.get), max(ratios, key=ratios.get)
    decades = math.log10(ratios[best] / ratios[worst])
    if decades < 0.5:
        return None
    return t("compare.grad.gap", worst=worst, worst_ratio=ratio_words(ratios[worst], L), best=best,
             best_ratio=ratio_words(ratios[best], L), decades=decades)


def _target_value(metric: str) -> float | None:
    """The target the user typed (accuracy in %, or MAE) in the units of ``metric``."""
    target = st.session_state.get("compare_target")
    return None if target is None else (target / 100.0 if metric == "accuracy" else target)


def _loss_view(where) -> str:
    """The loss chart's view, "epoch" (validation loss) or "step" (training loss of every batch),
    from a control in ``where``; a new comparison starts per step when it compares batch sizes
    or the batch-size lesson is open (its noise is the lesson), else per epoch."""
    open_lesson = lesson.name if lesson is not None else None
    per_step = state.get("variable") == "batch_size" or "batch_size" in (state.get("lesson"), open_lesson)
    comparing = (state.get("variable"), state.get("lesson"), open_lesson, tuple(state["labels"]))
    if st.session_state.get("compare_loss_view.for") != comparing:
        st.session_state["compare_loss_view.for"] = comparing
        st.session_state["compare_loss_view"] = "step" if per_step else "epoch"
    return where.segmented_control(t("compare.loss_view"), list(compare_charts.LOSS_VIEWS), key="compare_loss_view",
                                   required=True, format_func=lambda v, L=L: i18n.t(f"compare.loss_view.{v}", L),
                                   label_visibility="collapsed", help=t("compare.loss_view.help")) or "epoch"


def render(snaps: list[dict], frames: list[dict], frame_key) -> None:
    # Parts whose element count varies sit in their own containers (see pages/train.py).
    with st.container():
        live.status_line(_group_snapshot(snaps))
        st.markdown(_runs_line(snaps))
    if not any(snapshot.has_numbers(s) for s in snaps):
        st.caption(t("live.ended_without_data") if snapshot.all_ended(snaps) else t("train.charts_soon"))
        return
    replaying = [f for f in frames if f.get("replaying")]
    with st.container():
        if replaying:
            shown = min(snapshot.progress(f)["epoch"] for f in replaying)
            st.caption(t("play.showing", shown=shown, epochs=state["config"].epochs,
                         trained=min(snapshot.trained_epochs(s) for s in snaps)))
        elif frozen:
            st.caption(t("compare.frozen_note"))
    target_value = _target_value(snapshot.shared_metric(snaps))
    profile_epoch = st.session_state.get("compare_profile_epoch", 0)
    data = next((j.data for j in _jobs() if j.data is not None), None)  # the shared split's points
    by_label = frames  # labelled as the runs are (the section below picks one by its label)
    # the charts and the sentence name each run as the page does ("He 정규분포", not "he_normal")
    frames = [dict(f, label=_shown(snapshot.label(f))) for f in frames]
    with st.container():
        gap = _gap_sentence(frames, profile_epoch)
        if gap:
            st.markdown(f"**{gap}**")
    a, b = st.columns(2)
    view = _loss_view(a)  # the view is part of the figures' cache key
    mark_at = min((replay.shown_epoch(f) for f in replaying), default=None)  # the epoch replayed, marked
    figs = live.figures("compare", (frame_key, L, target_value, profile_epoch, view),
                        lambda: epoch_mark.mark_epochs(
                            compare_charts.live_figures(frames, data, L, target_value, profile_epoch or None,
                                                        loss=view),
                            ("loss", "metric", "ratio"), mark_at, state["config"].epochs, L))
    show(figs["loss"], key="compare_loss", where=a)
    show(figs["profile"], key="compare_profile", where=b)
    a, b = st.columns(2)
    show(figs["metric"], key="compare_metric", where=a)
    show(figs["ratio"], key="compare_ratio", where=b)
    with st.expander(t("compare.grad.heading")):
        st.markdown(t("compare.grad.caption"))
        st.markdown(t("ratio.definition"))
    st.subheader(t("compare.act.heading"))
    st.caption(t("compare.act.caption"))
    a, b = st.columns(2)
    show(figs["dead"], key="compare_dead", where=a)
    show(figs["saturated"], key="compare_saturated", where=b)
    if "boundaries" in figs:
        st.subheader(t("compare.boundary.heading"))
        show(figs["boundaries"], key="compare_boundaries")
    with st.container():
        look_inside(by_label, frame_key, _shown)


if live.caught_up("compare", jobs):  # every run ended and shown to the end: scrub and play them again
    replay_view.scrub_view("compare", lambda: [j.snapshot() for j in _jobs()], tuple(j.id for j in jobs), render,
                           pace=pace)
else:
    live.live_view("compare", _jobs, render, pace=pace, frozen=frozen)
with st.expander(t("compare.status.heading")):
    for job in jobs:
        st.button(t("compare.btn.stop_run", label=_shown(job.label)), key=f"compare_stop_{job.label}", icon="⏹️",
                  disabled=job.ended, **once(_stop, _slot(job.label)))
st.slider(t("compare.grad.epoch"), 0, int(state["config"].epochs), 0, key="compare_profile_epoch")


# --- summary table and ensemble ------------------------------------------------------------------
st.header(t("compare.summary.heading"))
metric = snapshot.shared_metric([j.snapshot() for j in jobs])
target_col, _ = st.columns([1, 3])
if metric == "accuracy":
    target_col.number_input(t("compare.target.accuracy"), 1.0, 100.0, 90.0, step=1.0, key="compare_target",
                            help=t("compare.target.help"))
else:
    target_col.number_input(t("compare.target.mae"), 0.0, None, 1.0, step=0.1, key="compare_target",
                            help=t("compare.target.help"))


def _table(snaps: list[dict]) -> pd.DataFrame:
    rows = comparison.summary_rows(snaps, _target_value(metric))
    frame = pd.DataFrame(rows, columns=list(comparison.SUMMARY_COLUMNS))
    if metric == "accuracy":
        for col in ("train", "val", "test"):
            frame[col] = frame[col] * 100.0
    frame["status"] = [t(f"compare.status.{s}") for s in frame["status"]]
    frame["run"] = [_shown(r) for r in frame["run"]]
    frame["epochs_to_target"] = frame["epochs_to_target"].astype("Int64")  # a number column: sorts, aligns right
    metric_name = t(f"compare.metric.{metric}")
    return frame.rename(columns={c: t(f"compare.col.{c}", metric=metric_name) for c in comparison.SUMMARY_COLUMNS})


def render_summary(snaps: list[dict]) -> None:
    table = _table(snaps)
    number = st.column_config.NumberColumn
    cols = {t(f"compare.col.{c}", metric=t(f"compare.metric.{metric}")): c for c in comparison.SUMMARY_COLUMNS}
    fmt = {"train": "%.1f", "val": "%.1f", "test": "%.1f", "epochs_to_target": "%d", "seconds_to_target": "%.2f",
           "seconds": "%.2f", "samples_per_second": "%,.0f", "grad_ratio": "%.2e", "dead_pct": "%.1f",
           "saturated_pct": "%.1f"}
    if metric != "accuracy":
        fmt.update(train="%.3f", val="%.3f", test="%.3f")
    config = {name: number(format=fmt[key]) for name, key in cols.items() if key in fmt}
    # The page shows the columns a class discusses, so the table fits a projector without
    # sideways scrolling; the CSV below has every column.
    shown = [name for name, key in cols.items() if key in SHOWN_COLUMNS]
    # placeholder: a run that never reached the target shows "–", not "None"
    st.dataframe(table, hide_index=True, width="stretch", column_config=config, column_order=shown,
                 key="compare_table", placeholder="–")
    st.caption(t("compare.summary.caption") + " " + t("ratio.definition"))
    st.download_button(t("compare.download"), table.to_csv(index=False).encode("utf-8"),
                       f"nnlab-compare-{state['variable'] or 'runs'}.csv", "text/csv", key="compare_csv", on_click="ignore",
                       icon="⬇️")
    # each run's final test figure side by side (a ladder of configurations reads left to right)
    show(compare_charts.test_metric_figure([dict(s, label=_shown(snapshot.label(s))) for s in snaps], L),
         key="compare_test_metric")
    st.subheader(t("compare.ensemble.heading"))
    result = comparison.ensemble(snaps) if metric == "accuracy" else None
    if not result or result["ensemble_accuracy"] is None:
        st.info(t("compare.ensemble.wait"), icon="⏳")
        return
    best = result["best_single"]
    delta = 100.0 * (result["ensemble_accuracy"] - best["accuracy"])
    a, b, _ = st.columns([1, 1, 1])
    a.metric(t("compare.ensemble.acc"), f"{100 * result['ensemble_accuracy']:.1f}%",
             delta=t("compare.ensemble.delta", delta=delta), delta_color="normal" if delta else "off")
    b.metric(t("compare.ensemble.best", label=_shown(best["label"])), f"{100 * best['accuracy']:.1f}%")
    st.caption(t("compare.ensemble.caption", n=len(result["members"]),
                 members=", ".join(live.markdown_literal(_shown(m)) for m in result["members"])))


if all(j.ended for j in jobs):  # drawn once, when every run has ended (the live view reruns the page then)
    render_summary([j.snapshot() for j in jobs])
