"""Unit tests for nnlab.charts: titles, log axes, trace counts, downsampling, languages."""

import json

import numpy as np
import pytest

from nnlab import charts
from nnlab.config import RunConfig
from nnlab.i18n import t
from nnlab.jobs import pending_snapshot

N_LAYERS = 4  # L1, L2, L3, out


def make_snapshot(epochs: int = 12, steps: int = 40, task: str = "classification", n_layers: int = N_LAYERS,
                  boundary: bool = True) -> dict:
    rng = np.random.default_rng(0)
    labels = [f"L{i}" for i in range(1, n_layers)] + ["out"]
    metric = "accuracy" if task == "classification" else "mae"
    grad = lambda: [float(10.0 ** (-2 * (n_layers - 1 - j)) * (1 + rng.random())) for j in range(n_layers)]  # noqa: E731
    frac = lambda: [float(rng.random()) for _ in range(n_layers)]  # noqa: E731
    history = {"epoch": list(range(1, epochs + 1)), "loss": list(np.linspace(0.7, 0.1, epochs)),
               "val_loss": list(np.linspace(0.75, 0.15, epochs)), metric: list(np.linspace(0.5, 0.95, epochs)),
               f"val_{metric}": list(np.linspace(0.5, 0.9, epochs)), "seconds": list(np.arange(epochs) * 0.1)}
    stats = ("grad_norm", "bias_grad_norm", "grad_mean_abs", "weight_norm", "act_mean", "act_std",
             "saturated_fraction", "dead_fraction")
    for s in stats:
        history[s] = [grad() if "grad" in s else frac() for _ in range(epochs)]
    step_block = {"step": list(range(1, steps + 1)), "loss": list(np.linspace(0.8, 0.1, steps))}
    for s in stats:
        step_block[s] = [grad() if "grad" in s else frac() for _ in range(steps)]
    snap = {"status": "running", "config": RunConfig(epochs=20).to_dict(),
            "dataset": {"name": "xor", "task": task, "classes": ["0", "1"] if task == "classification" else [],
                        "is_2d": True},
            "layers": [{"name": f"dense_{i + 1}", "label": lbl, "width": 8, "activation": "sigmoid"}
                       for i, lbl in enumerate(labels)],
            "progress": {"epoch": epochs, "fraction": 0.5}, "history": history, "steps": step_block,
            "timing": {"steps_per_epoch": 4}, "test": {}, "boundary": None, "predictions": None,
            "confusion_matrix": [[40, 3], [5, 52]]}
    if boundary:
        xs = list(np.linspace(-2, 2, 30))
        snap["boundary"] = {"x": xs, "y": xs, "z": [[0.5] * 30 for _ in range(30)], "confidence": None,
                            "kind": "probability"}
    if task == "regression":
        snap["predictions"] = {"y_true": [1.0, 2.0, 3.0], "y_pred": [1.1, 1.9, 3.3]}
    return snap


def spec(fig) -> dict:
    return json.loads(fig.to_json())


def title(fig) -> str:
    return fig.layout.title.text


ALL_BUILDERS = [charts.loss_figure, charts.metric_figure, charts.gradient_lines_figure,
                charts.gradient_heatmap_figure, charts.gradient_bar_figure, charts.activation_stats_figure,
                charts.boundary_figure, charts.confusion_figure, charts.prediction_figure]


@pytest.mark.parametrize("builder", ALL_BUILDERS, ids=lambda b: b.__name__)
def test_every_figure_has_title_axis_titles_and_projector_font(builder):
    fig = builder(make_snapshot())
    assert title(fig)
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert fig.layout.font.size >= 14
    spec(fig)  # serialisable


@pytest.mark.parametrize("builder", ALL_BUILDERS, ids=lambda b: b.__name__)
def test_figures_accept_a_pending_snapshot(builder):
    """Before the first numbers exist (queued, loading data), every builder still draws."""
    fig = builder(pending_snapshot(RunConfig(), "queued"))
    assert title(fig)


def test_loss_figure_has_train_and_validation_per_epoch():
    fig = charts.loss_figure(make_snapshot(epochs=7))
    names = [tr.name for tr in fig.data]
    assert names == [t("charts.train_steps"), t("charts.train"), t("charts.val")]
    assert len(fig.data[1].x) == 7 and len(fig.data[2].y) == 7
    assert fig.layout.xaxis.title.text == t("charts.epoch")
    assert max(fig.data[0].x) == pytest.approx(40 / 4)  # per-step loss is placed in epochs


def test_metric_figure_shows_accuracy_in_percent_or_mae():
    acc = charts.metric_figure(make_snapshot())
    assert max(acc.data[0].y) == pytest.approx(95.0)
    assert "%" in acc.layout.yaxis.title.text
    mae = charts.metric_figure(make_snapshot(task="regression"))
    assert mae.layout.title.text == t("charts.mae.title")


def test_gradient_lines_one_trace_per_layer_on_log_axis():
    fig = charts.gradient_lines_figure(make_snapshot())
    assert fig.layout.yaxis.type == "log"
    assert len(fig.data) == N_LAYERS
    assert sorted(tr.name for tr in fig.data) == sorted(["L1", "L2", "L3", "out"])


def test_gradient_lines_turn_zero_gradients_into_gaps():
    snap = make_snapshot(steps=5)
    snap["steps"]["grad_norm"][2] = [0.0, None, float("nan"), 1.0]
    fig = charts.gradient_lines_figure(snap)
    by_name = {tr.name: list(tr.y) for tr in fig.data}
    assert by_name["L1"][2] is None and by_name["L2"][2] is None and by_name["L3"][2] is None
    assert by_name["out"][2] == 1.0


def test_gradient_heatmap_is_layer_by_epoch_log_scale_input_at_bottom():
    fig = charts.gradient_heatmap_figure(make_snapshot(epochs=9))
    (heat,) = fig.data
    assert list(heat.y) == ["L1", "L2", "L3", "out"]  # first row is drawn at the bottom
    assert len(heat.z) == N_LAYERS and len(heat.z[0]) == 9
    # log colour scale: z holds log10 of the norms, ticks are labelled as powers of ten
    assert heat.z[0][0] == pytest.approx(np.log10(make_snapshot(epochs=9)["history"]["grad_norm"][0][0]))
    assert all(tt.startswith("10<sup>") for tt in heat.colorbar.ticktext)


def test_gradient_bar_uses_latest_step_on_log_axis():
    snap = make_snapshot(steps=13)
    fig = charts.gradient_bar_figure(snap)
    assert fig.layout.yaxis.type == "log"
    assert list(fig.data[0].y) == snap["steps"]["grad_norm"][-1]
    assert "13" in title(fig)


def test_activation_stats_hidden_layers_only_in_percent():
    snap = make_snapshot()
    fig = charts.activation_stats_figure(snap)
    assert len(fig.data) == 2
    assert list(fig.data[0].x) == ["L1", "L2", "L3"]
    assert fig.data[0].y[0] == pytest.approx(100 * snap["steps"]["saturated_fraction"][-1][0])


def test_downsampling_bounds_every_trace():
    snap = make_snapshot(epochs=1500, steps=2000)
    for builder in (charts.loss_figure, charts.metric_figure, charts.gradient_lines_figure):
        for tr in builder(snap).data:
            assert len(tr.x) <= charts.MAX_POINTS, (builder.__name__, tr.name)
    heat = charts.gradient_heatmap_figure(snap).data[0]
    assert len(heat.x) <= charts.MAX_POINTS
    lines = charts.gradient_lines_figure(snap).data[0]
    assert lines.x[-1] == 2000 and len(lines.x) <= 150  # bucketed up to the latest step


def test_log_buckets_take_geometric_means_and_skip_gaps():
    x = list(range(1, 9))
    rows = [[1e-4, 1.0], [1e-2, None], [1.0, 1.0], [1.0, 1.0], [1e-3, 0.0], [1e-3, 1.0], [1.0, 1.0], [1.0, 1.0]]
    xs, out = charts.log_buckets(x, rows, 4)
    assert xs == [2, 4, 6, 8]
    assert out[0][0] == pytest.approx(1e-3) and out[0][1] == pytest.approx(1.0)
    assert out[2][0] == pytest.approx(1e-3)
    short_x, short = charts.log_buckets([1, 2], [[0.5, 0.0], [0.25, 1.0]], 10)
    assert short_x == [1, 2] and short == [[0.5, None], [0.25, 1.0]]


def test_downsample_indices():
    assert list(charts.downsample_indices(5, 10)) == [0, 1, 2, 3, 4]
    idx = charts.downsample_indices(10_001, 500)
    assert len(idx) <= 500 and idx[0] == 0 and idx[-1] == 10_000
    assert np.all(np.diff(idx) > 0)


class _Data:
    x_train = np.array([[0.0, 0.0], [1.0, 1.0], [1.0, -1.0]])
    y_train = np.array([0, 1, 1])
    x_test = np.array([[0.5, 0.5]])
    y_test = np.array([1])
    class_names = ["0", "1"]


def test_boundary_figure_has_plane_and_points():
    fig = charts.boundary_figure(make_snapshot(), _Data())
    kinds = [tr.type for tr in fig.data]
    assert kinds[0] == "heatmap"
    assert kinds.count("scatter") == 3  # train class 0, train class 1, test class 1
    assert fig.layout.yaxis.scaleanchor == "x"


def test_boundary_figure_multiclass_uses_discrete_classes():
    snap = make_snapshot()
    snap["dataset"]["classes"] = ["a", "b", "c"]
    snap["boundary"] = {"x": [0, 1], "y": [0, 1], "z": [[0, 1], [2, 1]], "confidence": [[0.9, 0.8], [0.7, 0.6]],
                        "kind": "class"}
    fig = charts.boundary_figure(snap)
    assert fig.data[0].zmin == -0.5 and fig.data[0].zmax == 2.5


def test_confusion_and_prediction_figures():
    cm = charts.confusion_figure(make_snapshot())
    assert [list(r) for r in cm.data[0].z] == [[40, 3], [5, 52]]
    pred = charts.prediction_figure(make_snapshot(task="regression"))
    assert len(pred.data) == 2 and list(pred.data[1].x) == [1.0, 2.0, 3.0]


def test_korean_titles():
    snap = make_snapshot()
    assert title(charts.loss_figure(snap, "ko")) == t("charts.loss.title", "ko") != t("charts.loss.title", "en")
    assert charts.gradient_lines_figure(snap, "ko").layout.yaxis.title.text == t("charts.grad.y", "ko")


def test_history_frame_has_one_row_per_epoch_and_per_layer_columns():
    frame = charts.history_frame(make_snapshot(epochs=6))
    assert len(frame) == 6
    assert {"epoch", "loss", "val_loss", "accuracy", "grad_norm_L1", "grad_norm_out"} <= set(frame.columns)


def test_layer_colors_one_per_layer():
    assert len(charts.layer_colors(11)) == 11
    assert len(set(charts.layer_colors(11))) == 11
