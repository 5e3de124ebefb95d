"""AppTest of the Compare page: a 3-activation comparison on a tiny config runs to completion;
the summary table has one row per run, every overlay chart one trace per run, the
ensemble appears; the variable switch, the value-count check, Stop all and Korean text."""

import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chart_elements import chart_figures_by_title  # noqa: E402

from nnlab import i18n, snapshot  # noqa: E402
from nnlab.config import RunConfig  # noqa: E402
from nnlab.i18n import t  # noqa: E402

ACTS = ["sigmoid", "relu", "tanh"]
TINY = RunConfig(dataset="xor", n_samples=200, depth=3, width=8, epochs=6, batch_size=32)
OVERLAYS = ("Validation loss per epoch", "Validation accuracy per epoch", "Gradient profile",
            "Gradient ratio L1 / last hidden", "Dead units", "Saturated units")


def open_compare(config: RunConfig = TINY, language: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["nnlab.config"] = config
    at.session_state["compare_pace"] = "instant"  # latest numbers; the replay has its own tests
    if language != "en":
        at.session_state["lang"] = language
    at.run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception, at.exception
    return at


def figures(at: AppTest) -> dict[str, dict]:
    return chart_figures_by_title(at)


def stop_everything(at: AppTest) -> None:
    holder = at.session_state["nnlab.jobs"] if "nnlab.jobs" in at.session_state else None
    if holder is not None:
        holder.stop_all()
        for job in holder.all().values():
            job.wait(10)


def run_until_done(at: AppTest, timeout: float = 240.0) -> AppTest:
    """``run_every`` never fires in AppTest: rerun until every run has ended."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        holder = at.session_state["nnlab.jobs"]
        if all(job.ended for job in holder.all().values()):
            at.run()  # the final, static state
            return at
        time.sleep(0.5)
        at.run()
        assert not at.exception, at.exception
    raise AssertionError("the comparison did not finish in time")


def test_three_activations_to_completion():
    at = open_compare()
    assert at.selectbox(key="compare_variable").value == "activation"
    assert list(at.multiselect(key="compare_values").value) == ["sigmoid", "tanh", "relu", "elu", "gelu", "swish"]
    assert "sb.activation" not in [w.key for w in at.sidebar.selectbox]  # the compared control is hidden
    assert "sb.depth" in [w.key for w in at.sidebar.slider]  # every other setting comes from the sidebar
    at.multiselect(key="compare_values").set_value(ACTS).run()
    at.button(key="compare_btn").click().run()
    assert not at.exception, at.exception
    try:
        holder = at.session_state["nnlab.jobs"]
        jobs = {slot: job for slot, job in holder.all().items() if slot.startswith("compare:")}
        assert sorted(jobs) == sorted(f"compare:{a}" for a in ACTS)
        assert len({id(job.data) for job in jobs.values()} - {id(None)}) <= 1  # one split, loaded once
        run_until_done(at)
    finally:
        stop_everything(at)
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    shown = [i18n.display_name("activation", a) for a in ACTS]  # runs by their display names
    assert list(table["Run"]) == shown
    assert list(table["Status"]) == ["finished"] * 3
    assert (table["Epochs"] == TINY.epochs).all()
    assert table["Test accuracy %"].between(0, 100).all()
    figs = figures(at)
    for title in OVERLAYS:
        spec = next(s for name, s in figs.items() if name.startswith(title))
        assert [tr["name"] for tr in spec["data"]] == shown, title
    profile = next(s for name, s in figs.items() if name.startswith("Gradient profile"))
    assert profile["layout"]["yaxis"]["type"] == "log"
    boundaries = next(s for name, s in figs.items() if name.startswith("Decision boundary"))
    assert sum(tr["type"] == "heatmap" for tr in boundaries["data"]) == 3
    assert any(m.label == "Ensemble test accuracy" for m in at.metric)
    bars = figs[t("compare.chart.test_accuracy.title")]  # each run's test accuracy, as in the table
    assert [tr["x"][0] for tr in bars["data"]] == shown
    assert [tr["y"][0] for tr in bars["data"]] == pytest.approx(list(table["Test accuracy %"]))
    # One definition of the gradient ratio (first / last hidden layer), stated as on Train.
    ratios = {job.label: snapshot.gradient_ratio(job.snapshot()) for job in jobs.values()}
    assert list(table["Gradient ratio L1/last hidden"]) == pytest.approx([ratios[a] for a in ACTS])
    assert t("ratio.definition") in [m.value for m in at.markdown]
    assert any(t("ratio.definition") in c.value for c in at.caption)
    assert any(b.label.startswith("Download") for b in at.get("download_button"))
    # Run again repeats the same comparison: same seed, same data, same numbers.
    first = list(table["Test accuracy %"])
    at.button(key="compare_again").click().run()
    try:
        run_until_done(at)
    finally:
        stop_everything(at)
    assert list(at.dataframe[0].value["Test accuracy %"]) == pytest.approx(first)


def test_switching_variable_resets_values_and_sidebar():
    at = open_compare()
    at.selectbox(key="compare_variable").set_value("depth").run()
    assert list(at.multiselect(key="compare_values").value) == [1, 2, 4, 8]
    assert "sb.depth" not in [w.key for w in at.sidebar.slider]
    assert "sb.activation" in [w.key for w in at.sidebar.selectbox]
    at.multiselect(key="compare_values").set_value([2]).run()
    assert at.button(key="compare_btn").disabled
    assert any("between 2 and 8" in w.value for w in at.warning)


def test_stop_all_stops_every_run():
    at = open_compare(TINY.replace(epochs=3000, n_samples=400))
    at.multiselect(key="compare_values").set_value(["relu", "elu"]).run()
    at.button(key="compare_btn").click().run()
    try:
        assert not at.button(key="compare_stop_all").disabled
        at.button(key="compare_stop_all").click().run()
        holder = at.session_state["nnlab.jobs"]
        for job in holder.all().values():
            assert job.wait(10)
        at.run()
        assert {job.snapshot()["status"] for job in holder.all().values()} == {"stopped"}
        assert not at.exception, at.exception
        assert not at.button(key="compare_again").disabled
    finally:
        stop_everything(at)


def test_korean_page_renders():
    at = open_compare(language="ko")
    assert at.title[0].value == "비교"
    assert at.selectbox(key="compare_variable").options[0] == "활성화 함수"
    assert not at.exception, at.exception


def test_batch_sizes_open_the_loss_chart_per_step():
    """Comparing batch sizes, the loss chart starts as the training loss per step (the noise of
    small batches is the point); the control switches it to the validation loss per epoch and
    back, and a comparison of activations starts per epoch."""
    at = open_compare(TINY.replace(n_samples=300, epochs=4))
    at.selectbox(key="compare_variable").set_value("batch_size").run()
    at.multiselect(key="compare_values").set_value([8, 150]).run()
    at.button(key="compare_btn").click().run()
    try:
        run_until_done(at)
    finally:
        stop_everything(at)
    assert not at.exception, at.exception
    control = at.segmented_control(key="compare_loss_view")
    assert control.value == "step" and list(control.options) == [t("compare.loss_view.epoch"),
                                                                 t("compare.loss_view.step")]
    per_step = figures(at)[t("compare.chart.step_loss.title")]
    small, large = per_step["data"]
    assert [small["name"], large["name"]] == ["batch 8", "batch 150"]
    assert len(small["x"]) > len(large["x"]) >= 1
    assert not any(name.startswith(t("compare.chart.val_loss.title")) for name in figures(at))
    control.set_value("epoch").run()
    assert not at.exception, at.exception
    assert t("compare.chart.val_loss.title") in figures(at)
    assert t("compare.chart.step_loss.title") not in figures(at)
    at.selectbox(key="compare_variable").set_value("activation").run()
    at.multiselect(key="compare_values").set_value(["relu", "tanh"]).run()
    at.button(key="compare_btn").click().run()
    try:
        run_until_done(at)
    finally:
        stop_everything(at)
    assert at.segmented_control(key="compare_loss_view").value == "epoch"
