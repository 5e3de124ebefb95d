"""Unit tests for nnlab.charts (run, compare, teaching on one base): titles, log axes, trace counts,
downsampling, languages, and the rules every chart keeps (projector fonts, no bars on log axes)."""

import json
import re

import numpy as np
import plotly.graph_objects as go
import pytest

from nnlab.charts import run as charts
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


# -- the shared style, over every builder of the three chart modules -------------------------------

from nnlab import teaching  # noqa: E402
from nnlab.charts import base  # noqa: E402
from nnlab.charts import comparison as compare_charts  # noqa: E402
from nnlab.charts import teaching as teaching_charts  # noqa: E402


class _TwoClasses:
    x_train = np.array([[0.0, 0.0], [1.0, 1.0], [1.0, -1.0]])
    y_train = np.array([0, 1, 1])
    class_names = ["0", "1"]


def _compare_snaps(n_layers: int = N_LAYERS) -> list[dict]:
    snaps = []
    for label in ("sigmoid", "relu", "tanh"):
        snap = make_snapshot(n_layers=n_layers)
        snap["label"] = label
        snaps.append(snap)
    return snaps


def _tested(snaps: list[dict]) -> list[dict]:
    """The runs with a final test accuracy (0.5, 0.9, 0.75)."""
    return [dict(s, test={"loss": 0.3, "accuracy": a}) for s, a in zip(snaps, (0.5, 0.9, 0.75))]


def test_the_test_metric_chart_has_one_labelled_bar_per_run_on_a_linear_axis_from_zero():
    fig = compare_charts.test_metric_figure(_tested(_compare_snaps()), "ko")
    assert [d.x[0] for d in fig.data] == ["sigmoid", "relu", "tanh"]  # run order: a ladder reads left to right
    assert [d.y[0] for d in fig.data] == [50.0, 90.0, 75.0] and [d.text[0] for d in fig.data] == ["50.0%", "90.0%",
                                                                                                  "75.0%"]
    assert fig.layout.yaxis.type in (None, "linear", "-") and tuple(fig.layout.yaxis.range) == (0, 105)
    assert fig.layout.title.text == t("compare.chart.test_accuracy.title", "ko")
    pending = compare_charts.test_metric_figure(_compare_snaps())  # no run has ended: no bars, a note
    assert not pending.data


def every_figure() -> dict:
    """One figure of every builder in charts, compare_charts and teaching_charts, some twice
    (wide nets, regression, nothing recorded yet)."""
    snap, wide, pending = make_snapshot(), make_snapshot(n_layers=11), pending_snapshot(RunConfig(), "queued")
    regression = make_snapshot(task="regression")
    figs = {f"{b.__name__}": b(snap) for b in ALL_BUILDERS}
    figs |= {f"{b.__name__}[wide]": b(wide) for b in ALL_BUILDERS}
    figs |= {f"{b.__name__}[pending]": b(pending) for b in ALL_BUILDERS}
    figs |= {f"{b.__name__}[regression]": b(regression) for b in (charts.metric_figure, charts.prediction_figure)}
    snaps = _compare_snaps()
    figs |= {
        "val_loss": compare_charts.val_loss_figure(snaps),
        "step_loss": compare_charts.step_loss_figure(snaps, "ko"),
        "step_loss[log]": compare_charts.step_loss_figure(
            [dict(s, steps={"step": [1, 2, 3, 4], "loss": [2.0, 0.5, 0.01, 0.002]}) for s in snaps]),
        "step_loss[pending]": compare_charts.step_loss_figure([pending]),
        "val_metric": compare_charts.val_metric_figure(snaps, target=0.8),
        "profile": compare_charts.gradient_profile_figure(_compare_snaps(11)),
        "ratio": compare_charts.gradient_ratio_figure(snaps),
        "dead": compare_charts.activity_figure(snaps, "dead_fraction"),
        "saturated": compare_charts.activity_figure(_compare_snaps(11), "saturated_fraction"),
        "test_metric": compare_charts.test_metric_figure(_tested(snaps)),
        "boundaries": compare_charts.boundaries_figure(snaps, _TwoClasses()),
    }
    chains = [teaching.depth_chain(name, 10) for name in ("sigmoid", "tanh", "relu", "leaky_relu")]
    runs = teaching.neuron_train(1.0, 0.0, "sigmoid", True, 0.5, 0.1, 0.1, 20)
    tiny = teaching.tiny_net_forward_backward(teaching.TINY_DEFAULTS, 0.05, 0.10, 0.01)
    figs |= {
        "activation": teaching_charts.activation_figure(["sigmoid", "tanh", "relu", "leaky_relu"], -6, 6, "ko"),
        "depth": teaching_charts.depth_figure(chains, "ko"),
        "depth[zeros]": teaching_charts.depth_figure([teaching.depth_chain("relu", 10, "zeros")]),
        "neuron": teaching_charts.neuron_figure(runs, 5, "ko"),
        "softmax": teaching_charts.softmax_figure(teaching.softmax_steps(np.arange(12.0)), [f"z{i}" for i in range(12)]),
        "network": teaching_charts.network_figure(teaching.TINY_DEFAULTS, tiny),
        "network[portrait]": teaching_charts.network_figure(teaching.TINY_DEFAULTS, tiny, "ko", portrait=True),
    }
    return figs


FIGURES = every_figure()


def _axis_of(fig, trace, letter: str):
    ref = getattr(trace, f"{letter}axis", None) or letter
    return fig.layout[f"{letter}axis{ref[1:]}"]


def _axes(fig):
    return [fig.layout[k] for k in fig.layout if re.fullmatch(r"[xy]axis[0-9]*", k) and fig.layout[k] is not None]


@pytest.mark.parametrize("name", list(FIGURES))
def test_no_bar_on_a_log_axis(name):
    """A bar's length only means something from a zero, and a log axis has none."""
    fig = FIGURES[name]
    for tr in fig.data:
        if tr.type == "bar":
            value_axis = _axis_of(fig, tr, "x" if tr.orientation == "h" else "y")
            assert value_axis.type != "log", (name, tr.name)


@pytest.mark.parametrize("name", list(FIGURES))
def test_text_is_projector_sized(name):
    """Ticks ≥ 14 px, titles ≥ 18 px, every other text ≥ 12 px, set on the figure itself
    (a page theme cannot shrink what the figure sets explicitly)."""
    fig = FIGURES[name]
    lay = fig.layout
    assert lay.title.text and (lay.title.font.size or 0) >= 18
    assert (lay.font.size or 0) >= 14 and (lay.legend.font.size or 0) >= 12 and (lay.hoverlabel.font.size or 0) >= 12
    for axis in _axes(fig):
        assert (axis.tickfont.size or 0) >= 14, name
        assert (axis.title.font.size or 0) >= 12, name
    for ann in lay.annotations:
        assert (ann.font.size or 0) >= 12, (name, ann.text)
    for tr in fig.data:
        if getattr(tr, "textfont", None) is not None and tr.textfont.size is not None:
            assert tr.textfont.size >= 12, (name, tr.name)
        if tr.type == "heatmap" and tr.showscale is not False:
            assert (tr.colorbar.tickfont.size or 0) >= 14 and (tr.colorbar.title.font.size or 0) >= 12, name
    if any(tr.type == "bar" and tr.text is not None for tr in fig.data):
        # Plotly shrinks a bar label to the bar's width; below this size it is hidden instead
        assert (lay.uniformtext.minsize or 0) >= 12 and lay.uniformtext.mode == "hide", name


@pytest.mark.parametrize("name", list(FIGURES))
def test_log_axes_label_decades_or_sensible_ticks(name):
    fig = FIGURES[name]
    for axis in _axes(fig):
        if axis.type != "log":
            continue
        assert axis.range is not None, name  # set from the data, not left to Plotly's autorange
        lo, hi = axis.range
        assert hi - lo >= 1.0, name  # at least a decade: a 1.3x gap must not fill the axis
        if axis.tickvals is None:
            assert axis.dtick >= 1 and float(axis.dtick).is_integer() and axis.tick0 == 0, name
            assert (hi - lo) / axis.dtick <= base.MAX_LOG_TICKS + 1, name
        else:
            assert len(axis.tickvals) >= 2 and len(axis.ticktext) == len(axis.tickvals), name


@pytest.mark.parametrize("name", list(FIGURES))
def test_legends_are_horizontal_under_the_plot(name):
    """Not a vertical column taking a third of the chart's width."""
    lay = FIGURES[name].layout
    if lay.showlegend is not False:
        assert lay.legend.orientation == "h" and lay.legend.yref == "container" and lay.legend.y == 0, name


@pytest.mark.parametrize("name", list(FIGURES))
def test_dragging_starts_off(name):
    """Plotly cancels a touch that starts a drag: with drag-to-zoom on, a phone could not
    scroll past a full-width chart."""
    assert FIGURES[name].layout.dragmode is False


@pytest.mark.parametrize("name", list(FIGURES))
def test_figures_pass_plotly_validation_unchanged(name):
    """The builders write plain dicts and skip Plotly's validation (``base.style``):
    validating a figure must neither fail (a misspelt property) nor change anything (a
    value Plotly would have coerced, such as a named colour scale)."""
    spec = json.loads(FIGURES[name].to_json())
    assert json.loads(go.Figure(spec).to_json()) == spec


def test_gradient_dots_do_not_exaggerate_a_small_gap():
    """Issue 11.1: L1 = 50, L2 = 38.5, out = 50 drew L2 as a bar twenty times shorter."""
    snap = make_snapshot(n_layers=3)
    snap["steps"]["grad_norm"][-1] = [50.0, 38.5, 50.0]
    fig = charts.gradient_bar_figure(snap)
    assert [tr.type for tr in fig.data] == ["scatter"] and "markers" in fig.data[0].mode
    lo, hi = fig.layout.yaxis.range
    gap = (np.log10(50) - np.log10(38.5)) / (hi - lo)
    assert gap < 0.15  # a 1.3x difference takes a small part of the axis
    assert lo < np.log10(38.5) and np.log10(50) < hi
    assert fig.layout.yaxis.ticktext  # labelled ticks, not crowded minor "2 3 4 5"


def test_gradient_dots_keep_a_small_output_gradient_visible():
    snap = make_snapshot(n_layers=11)
    snap["steps"]["grad_norm"][-1] = [0.5 * 0.7 ** j for j in range(10)] + [0.09]
    fig = charts.gradient_bar_figure(snap)
    lo, hi = fig.layout.yaxis.range
    assert lo < np.log10(0.09) < hi
    assert list(fig.layout.yaxis.ticktext) == ["0.02", "0.05", "0.1", "0.2", "0.5"]  # under two decades: 1-2-5
    assert list(fig.data[0].y)[-1] == pytest.approx(0.09)


def test_per_step_loss_line_reads_when_alone():
    snap = make_snapshot(epochs=0, steps=30)
    fig = charts.loss_figure(snap)
    (steps,) = fig.data
    assert steps.line.width >= 2 and steps.opacity >= 0.8
    behind = charts.loss_figure(make_snapshot()).data[0]
    assert behind.line.width >= 2 and behind.opacity >= 0.5


def test_explorer_relu_is_not_hidden_under_leaky_relu():
    fig = teaching_charts.activation_figure(["sigmoid", "tanh", "relu", "leaky_relu"], -6, 6)
    style = {tr.name: (tr.line.dash, tr.line.width) for tr in fig.data}
    relu, leaky = style["ReLU"], style["Leaky ReLU"]
    assert relu[0] == "solid" and leaky[0] != "solid" and relu[1] > leaky[1]  # wide solid under narrow dashes
    assert style["Sigmoid"][0] == style["Tanh"][0] == "solid"  # curves that do not coincide stay plain


def test_log_axis_ticks():
    assert base.log_axis([1e-3, 0.5])["dtick"] == 1
    narrow = base.log_axis([38.5, 50.0])
    assert narrow["ticktext"] == ["20", "50", "100"] and narrow["range"][1] - narrow["range"][0] >= 1
    deep = base.log_axis([1.0, 1e-30])
    assert deep["dtick"] == 5 and (deep["range"][1] - deep["range"][0]) / deep["dtick"] <= base.MAX_LOG_TICKS
    assert base.log_axis([0.0, None, float("nan")])["dtick"] == 1  # nothing to show yet


def test_long_titles_wrap_once_near_the_middle():
    assert base.wrap_title("Loss") == "Loss"
    wrapped = base.wrap_title("Gradient size after passing back through k layers (log scale)")
    assert wrapped.count("<br>") == 1 and all(len(p) < 40 for p in wrapped.split("<br>"))
    assert "<br>" in base.wrap_title("k개 층을 거꾸로 지난 뒤의 기울기 크기 (로그 축)")
