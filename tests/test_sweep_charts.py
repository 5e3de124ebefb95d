"""The Sweep page's charts (``nnlab.charts.sweep``) on a table with known numbers: means,
spreads and counts per cell, the order of the best configurations, what each figure
draws, and its texts in both languages."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from nnlab import i18n
from nnlab.charts import sweep as charts

FIELDS = ["activation", "initializer"]
# test accuracy per (activation, initializer) and seed: known numbers
ACCURACY = {
    ("sigmoid", "glorot_uniform"): (0.50, 0.54),
    ("sigmoid", "he_normal"): (0.48, 0.52),
    ("relu", "glorot_uniform"): (0.90, 0.96),
    ("relu", "he_normal"): (0.94, 0.98),
}


def table(changes: dict | None = None) -> pd.DataFrame:
    rows = []
    for (activation, initializer), accs in ACCURACY.items():
        for seed, acc in enumerate(accs):
            rows.append({"trial": f"{activation}-{initializer}-{seed}", "seed": seed, "activation": activation,
                         "initializer": initializer, "dataset": "spiral", "status": "finished", "epochs_trained": 3,
                         "train_loss": 1.0 - acc, "val_loss": 1.1 - acc, "test_loss": 1.2 - acc,
                         "test_metric": acc, "metric_name": "accuracy",
                         "grad_ratio": 1e-4 * (seed + 1) if activation == "sigmoid" else 0.5 * (seed + 1),
                         "seconds": 2.0 + seed, "backend": "local"})
    df = pd.DataFrame(rows)
    for (index, column), value in (changes or {}).items():
        df.loc[index, column] = value
    return df


def test_summary_has_the_mean_spread_and_counts_of_each_configuration():
    s = charts.summarize(table(), "test_metric", FIELDS)
    assert list(s["activation"]) == ["sigmoid", "sigmoid", "relu", "relu"]  # the grid's order
    row = s[(s.activation == "relu") & (s.initializer == "glorot_uniform")].iloc[0]
    assert row["mean"] == pytest.approx(93.0)  # accuracy in %
    assert row["min"] == pytest.approx(90.0) and row["max"] == pytest.approx(96.0)
    assert row["std"] == pytest.approx(math.sqrt(18.0))  # sample std of 90 and 96
    assert (row["n"], row["trials"], row["diverged"]) == (2, 2, 0)


def test_summary_over_one_field_pools_the_other_and_the_seeds():
    s = charts.summarize(table(), "test_metric", ["activation"])
    assert list(s["mean"]) == pytest.approx([51.0, 94.5])
    assert list(s["n"]) == [4, 4]


def test_diverged_trials_count_stopped_and_failed_do_not_and_a_log_metric_takes_the_geometric_mean():
    df = table({(0, "status"): "diverged", (1, "status"): "stopped", (2, "test_metric"): float("nan")})
    s = charts.summarize(df, "test_metric", FIELDS)
    first = s.iloc[0]  # sigmoid × glorot: one diverged (counted), one stopped (not)
    assert (first["n"], first["trials"], first["diverged"]) == (1, 2, 1)
    assert first["mean"] == pytest.approx(50.0) and pd.isna(first["std"])
    second = s.iloc[1]  # sigmoid × he: one value missing
    assert second["n"] == 1 and second["mean"] == pytest.approx(52.0)
    ratio = charts.summarize(table(), "grad_ratio", ["activation"])
    assert ratio["mean"].iloc[0] == pytest.approx(math.sqrt(1e-4 * 2e-4) )  # per config: 1e-4 and 2e-4, twice
    assert pd.isna(ratio["std"].iloc[0])


def test_the_heatmap_cells_are_the_means_with_their_values_written_and_spread_on_hover():
    fig = charts.heatmap_figure(table(), "test_metric", "initializer", "activation", "en")
    go.Figure(fig.to_dict())  # a valid figure
    (heat,) = fig.data
    assert list(heat.y) == ["Sigmoid", "ReLU"] and list(heat.x) == ["Xavier / Glorot uniform", "He normal"]
    assert [list(r) for r in heat.z] == [pytest.approx([52.0, 50.0]), pytest.approx([93.0, 96.0])]
    assert [list(r) for r in heat.text] == [["52.0", "50.0"], ["93.0", "96.0"]]
    assert "90.0 – 96.0" in heat.customdata[1][0] and "2 of 2" in heat.customdata[1][0]
    assert heat.colorbar.title.text == "Test accuracy (%)"
    assert fig.layout.title.text.replace("<br>", " ") == "Test accuracy (%) by Activation and Weight initializer"
    assert fig.layout.xaxis.title.text == "Weight initializer" and fig.layout.yaxis.title.text == "Activation"
    assert fig.layout.xaxis.tickfont.size >= 14 and fig.layout.yaxis.tickfont.size >= 14
    assert heat.textfont.size >= 14


def test_a_lower_is_better_metric_turns_the_colours_round_and_the_gradient_ratio_is_on_a_log_scale():
    loss = charts.heatmap_figure(table(), "test_loss", "initializer", "activation").data[0]
    acc = charts.heatmap_figure(table(), "test_metric", "initializer", "activation").data[0]
    assert loss.colorscale[-1][1] == acc.colorscale[0][1]  # the better end has the same colour
    ratio = charts.heatmap_figure(table(), "grad_ratio", "initializer", "activation").data[0]
    assert ratio.z[0][0] == pytest.approx(math.log10(math.sqrt(2e-8)))
    assert "10<sup>-4</sup>" in list(ratio.colorbar.ticktext)


def test_a_heatmap_over_one_field_has_one_row_and_an_empty_cell_says_so():
    df = table({(6, "status"): "failed", (7, "status"): "failed"})  # relu × he: nothing counted
    fig = charts.heatmap_figure(df, "test_metric", "initializer", "activation", "ko")
    assert fig.data[0].z[1][1] is None and fig.data[0].text[1][1] == "–"
    one = charts.heatmap_figure(table(), "test_metric", "activation", None).data[0]
    assert len(one.z) == 1 and list(one.z[0]) == pytest.approx([51.0, 94.5])


def test_parallel_coordinates_have_a_categorical_axis_per_name_field_and_numbers_for_numbers():
    df = table()
    df["depth"] = [2, 5] * 4
    fig = charts.parallel_figure(df, "test_metric", [*FIELDS, "depth"], "en")
    go.Figure(fig.to_dict())
    (par,) = fig.data
    act, init, depth, metric = par.dimensions
    assert list(act.ticktext) == ["Sigmoid", "ReLU"] and list(act.values) == [0, 0, 0, 0, 1, 1, 1, 1]
    assert list(init.values) == [0, 0, 1, 1, 0, 0, 1, 1]
    assert list(depth.tickvals) == [2.0, 5.0] and list(depth.values) == [2.0, 5.0] * 4
    assert list(metric.values) == pytest.approx([50, 54, 48, 52, 90, 96, 94, 98])
    assert list(par.line.color) == list(metric.values) and metric.label == "Test accuracy (%)"
    assert par.labelfont.size >= 14 and par.tickfont.size >= 14


def test_parallel_coordinates_leave_out_trials_without_a_value_and_say_how_many():
    fig = charts.parallel_figure(table({(0, "status"): "failed"}), "test_metric", FIELDS, "en")
    assert len(fig.data[0].dimensions[0].values) == 7
    assert "1 without a value" in fig.layout.title.subtitle.text


def test_the_best_configurations_are_ranked_each_way():
    best = charts.best_table(table(), "test_metric", FIELDS, "en")
    assert list(best["Activation"]) == ["ReLU", "ReLU", "Sigmoid", "Sigmoid"]
    assert list(best["Weight initializer"]) == ["He normal", "Xavier / Glorot uniform", "Xavier / Glorot uniform",
                                                "He normal"]
    assert list(best["Test accuracy (%): mean"]) == pytest.approx([96.0, 93.0, 52.0, 50.0])
    assert list(best["Rank"]) == [1, 2, 3, 4]
    by_loss = charts.best_table(table(), "test_loss", FIELDS, "en", k=2)  # lower is better
    assert list(by_loss["Test loss: mean"]) == pytest.approx([0.24, 0.27])
    fig = charts.best_figure(table(), "test_metric", FIELDS, "en", k=3)
    (bars,) = fig.data
    assert bars.type == "bar" and list(bars.y) == ["ReLU · He normal", "ReLU · Xavier / Glorot uniform",
                                                   "Sigmoid · Xavier / Glorot uniform"]
    assert list(bars.x) == pytest.approx([96.0, 93.0, 52.0])
    assert list(bars.error_x.array) == pytest.approx([2.0, 3.0, 2.0])
    assert list(bars.error_x.arrayminus) == pytest.approx([2.0, 3.0, 2.0])
    assert fig.layout.xaxis.range == (0, 101)
    dots = charts.best_figure(table(), "grad_ratio", FIELDS).data[0]
    assert dots.type == "scatter" and charts.best_figure(table(), "grad_ratio", FIELDS).layout.xaxis.type == "log"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_text_of_the_charts_is_in_the_catalog_language(lang):
    df = table()
    figs = [charts.heatmap_figure(df, "test_metric", "initializer", "activation", lang),
            charts.parallel_figure(df, "grad_ratio", FIELDS, lang), charts.best_figure(df, "test_loss", FIELDS, lang)]
    for fig in figs:
        assert fig.layout.title.text and "sweep." not in fig.layout.title.text  # no missing catalog key
    if lang == "ko":
        assert figs[0].layout.xaxis.title.text == i18n.t("field.initializer", "ko")
        assert i18n.display_name("initializer", "he_normal", "ko") in list(figs[0].data[0].x)
        assert "평균" in figs[0].layout.title.subtitle.text
