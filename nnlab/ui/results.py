"""Results of a finished (or stopped) run: test metrics, confusion matrix and classification
report or predicted-vs-true, the parameter table with its (n_in + 1)·n_out formula, and
downloads (history CSV, JSON run record, trained ``.keras`` model built lazily per job)."""

from __future__ import annotations

import os
import tempfile

import streamlit as st

from nnlab import i18n, report, snapshot
from nnlab.charts import run as run_charts
from nnlab.ui.common import lang, t
from nnlab.ui.plots import show


def _keras_bytes(job) -> bytes:
    """The trained model as a .keras file, built on first request and cached per job id."""
    cache = st.session_state.setdefault("nnlab.keras_files", {})
    if job.id not in cache:
        model = job.record.keras_model()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "model.keras")
            model.save(path)
            with open(path, "rb") as fh:
                cache.clear()  # keep one model per session: they can be large
                cache[job.id] = fh.read()
    return cache[job.id]


def _metrics(snap: dict) -> None:
    test = snap.get("test") or {}
    cols = st.columns(3)
    cols[0].metric(t("results.test_loss"), f"{test['loss']:.4f}" if test.get("loss") is not None else "–")
    if snapshot.metric(snap) == "accuracy":
        acc = test.get("accuracy")
        cols[1].metric(t("results.test_accuracy"), f"{100 * acc:.1f}%" if acc is not None else "–")
    else:
        mae = test.get("mae")
        cols[1].metric(t("results.test_mae"), f"{mae:.3f}" if mae is not None else "–")
    sps = (snap.get("timing") or {}).get("samples_per_second")
    cols[2].metric(t("results.speed"), f"{sps:,.0f}" if sps else "–", help=t("results.speed_help"))


def _classification(snap: dict) -> None:
    left, right = st.columns([1, 1])
    show(run_charts.confusion_figure(snap, lang()), key="results_cm", where=left)
    p = snap["predictions"]
    classes = snapshot.class_names(snap)
    table = report.classification_report_table(p["y_true"], p["y_pred"], classes, lang())
    formats = {"precision": "%.2f", "recall": "%.2f", "f1": "%.2f", "support": "%d"}
    columns = {report.header(c, lang()): st.column_config.NumberColumn(format=f) for c, f in formats.items()}
    with right:
        st.markdown(f"**{t('results.report')}**")
        # placeholder="": the accuracy row's blank precision and recall, as scikit-learn prints it
        st.dataframe(table, hide_index=True, width="stretch", height="content", placeholder="",
                     column_config=columns)
        st.caption(t("results.report_help"))


def _parameters(job) -> None:
    arch = job.record.architecture
    # stated above the table too, so the total shows without scrolling past a 30-layer table
    st.markdown(t("results.params_total", total=f"{report.total_parameters(arch):,}"))
    st.dataframe(report.parameter_table(arch, lang()), hide_index=True, width="stretch", height="content",
                 column_config={report.header("params", lang()): st.column_config.NumberColumn(format="localized")})
    st.caption(t("results.params_help"))
    if arch.batchnorm:
        st.caption(t("results.params_help_bn"))


def _downloads(job, snap: dict) -> None:
    name = f"nnlab-{snap.get('config', {}).get('dataset', 'run')}-{job.id}"
    c1, c2, c3 = st.columns(3)
    c1.download_button(t("results.dl.csv"), run_charts.history_frame(snap).to_csv(index=False).encode(),
                       f"{name}-history.csv", "text/csv", key="dl_csv", on_click="ignore")
    # built on request: with its replay frames the record is a few MB
    c2.download_button(t("results.dl.json"), lambda: job.record.to_json().encode(), f"{name}.json", "application/json",
                       key="dl_json", on_click="ignore")
    if job.record.weights is not None:
        c3.download_button(t("results.dl.keras"), lambda: _keras_bytes(job), f"{name}.keras",
                           "application/octet-stream", key="dl_keras", on_click="ignore",
                           help=t("results.dl.keras_help"))


def _shown_target(snap: dict) -> dict:
    """``snap`` with a built-in data set's target column named in the user's language
    ("progression" → "진행 정도"); a CSV file's own column name stays as it is."""
    data = snap.get("dataset") or {}
    shown = i18n.target_name(data.get("name", ""), data.get("target") or "", lang())
    return snap if shown == data.get("target") else dict(snap, dataset=dict(data, target=shown))


def snapshot_results(snap: dict) -> None:
    """The test metrics, and the confusion matrix and report or predicted-vs-true, of an ended
    run's snapshot (a job's, or a saved run's: ``nnlab.ui.saved_run``)."""
    _metrics(snap)
    if snap.get("predictions"):
        if snapshot.task(snap) == "classification":
            _classification(snap)
        else:
            show(run_charts.prediction_figure(_shown_target(snap), lang()), key="results_pred")


def results_section(job) -> None:
    """Everything below the live charts once ``job`` has ended with a record."""
    if job is None or job.record is None or not job.ended:
        return
    snap = job.snapshot()
    if not snap.get("test"):
        return
    st.header(t("results.title"))
    snapshot_results(snap)
    st.subheader(t("results.params"))
    _parameters(job)
    st.subheader(t("results.downloads"))
    _downloads(job, snap)
