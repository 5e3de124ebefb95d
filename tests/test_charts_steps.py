"""The Compare page's per-step training loss (``nnlab.charts.comparison.step_loss_figure``):
x in epochs (step ÷ steps per epoch) so batch sizes line up, a bounded number of points per
run that keeps the noise (``step_indices``: a min/max envelope), run colours, log y when the
loss spans decades — and, on real short training, batch 8 draws more and noisier points than
batch 150. The style rules every chart keeps are checked in tests/test_charts.py."""

import numpy as np
import pytest
from test_charts import make_snapshot  # tests/ is on the path, as for chart_elements

from nnlab import lessons
from nnlab.charts import comparison as compare_charts
from nnlab.i18n import t


def _runs(steps: int = 40, per_epoch: int = 4) -> list[dict]:
    snaps = []
    for label in ("batch_size=8", "batch_size=32"):
        snap = make_snapshot(steps=steps)
        snap["label"], snap["timing"] = label, {"steps_per_epoch": per_epoch}
        snaps.append(snap)
    return snaps


def test_known_steps_give_known_x_positions_and_point_counts():
    fig = compare_charts.step_loss_figure(_runs(), "en")
    assert [tr.name for tr in fig.data] == ["batch_size=8", "batch_size=32"]
    colors = compare_charts.run_colors(["batch_size=8", "batch_size=32"])
    for tr in fig.data:
        assert list(tr.x) == pytest.approx([s / 4 for s in range(1, 41)])  # step 4 ends epoch 1
        assert list(tr.y) == pytest.approx(list(np.linspace(0.8, 0.1, 40)))
        assert tr.mode == "lines" and tr.line.width <= 2 and tr.line.color == colors[tr.name]
    assert fig.layout.title.text == t("compare.chart.step_loss.title")
    assert fig.layout.xaxis.title.text == t("compare.chart.step_epoch")
    assert fig.layout.yaxis.title.text == t("compare.chart.step_loss.ce")
    assert fig.layout.yaxis.type != "log"  # 0.8 → 0.1 is less than a decade
    assert fig.layout.showlegend is not False
    ko = compare_charts.step_loss_figure(_runs(), "ko")
    assert ko.layout.title.text == t("compare.chart.step_loss.title", "ko") == "스텝별 학습 손실"


def test_a_long_run_is_bounded_and_keeps_its_spikes():
    n = 5000
    loss = list(0.5 + 0.01 * np.sin(np.arange(n)))
    loss[1234], loss[4321] = 3.0, 0.001  # one spike up, one down
    loss[10] = None  # a missing value is never drawn
    idx = compare_charts.step_indices(loss)
    assert len(idx) <= compare_charts.MAX_POINTS and idx == sorted(idx)
    assert 1234 in idx and 4321 in idx and 10 not in idx
    kept = [loss[i] for i in idx]
    assert max(kept) == 3.0 and min(kept) == 0.001  # the envelope keeps the full spread
    assert compare_charts.step_indices([0.3, None, 0.2]) == [0, 2]  # a short series: every point
    snap = dict(make_snapshot(), label="relu", steps={"step": list(range(1, n + 1)), "loss": loss},
                timing={"steps_per_epoch": 50})
    (trace,) = compare_charts.step_loss_figure([snap]).data
    assert len(trace.x) <= compare_charts.MAX_POINTS
    assert trace.x[0] == pytest.approx(1 / 50) and trace.x[-1] == pytest.approx(n / 50, abs=0.5)
    assert max(trace.y) == 3.0


def test_a_loss_spanning_decades_gets_a_log_axis_and_regression_says_mse():
    snap = dict(make_snapshot(task="regression"), label="a",
                steps={"step": [1, 2, 3, 4], "loss": [50.0, 5.0, 0.3, 0.0]}, timing={"steps_per_epoch": 2})
    fig = compare_charts.step_loss_figure([snap])
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis.range is not None
    assert list(fig.data[0].y) == [50.0, 5.0, 0.3, None]  # a zero cannot sit on a log axis: a gap
    assert fig.layout.yaxis.title.text == t("compare.chart.step_loss.mse")


def test_a_run_without_steps_per_epoch_or_steps_waits():
    snap = dict(make_snapshot(), label="a", timing={})
    fig = compare_charts.step_loss_figure([snap])
    assert len(fig.data[0].x) == 0
    assert any(a.text == t("charts.waiting") for a in fig.layout.annotations)


def test_live_figures_draw_the_chosen_loss_view():
    snaps = _runs()
    assert compare_charts.live_figures(snaps)["loss"].layout.title.text == t("compare.chart.val_loss.title")
    per_step = compare_charts.live_figures(snaps, loss="step")["loss"]
    assert per_step.layout.title.text == t("compare.chart.step_loss.title")


def test_small_batches_draw_more_and_noisier_points_on_real_training():
    """The batch-size lesson at its quick size: on one x-axis in epochs, batch 8 has ~19× the
    points of batch 150, and its plotted loss jitters more from point to point."""
    records = lessons.run_lesson(lessons.get("batch_size"), quick=True)
    snaps = [dict(records[label].snapshot(), label=label) for label in ("8", "150")]
    small, large = compare_charts.step_loss_figure(snaps).data
    assert len(small.x) > len(large.x) >= 2
    assert small.x[-1] == pytest.approx(large.x[-1], abs=0.1)  # both end at the last epoch

    def jitter(trace):
        y = np.asarray(trace.y, dtype=float)
        return float(np.std(np.diff(y[len(y) // 2:])))
    assert jitter(small) > 2 * jitter(large), (jitter(small), jitter(large))
