"""The results section's tables (nnlab/report.py) and how nnlab/ui/results.py shows them.

Expected report values are worked out by hand from the confusion counts in the comments,
not by calling scikit-learn.
"""

import math

import numpy as np
import pandas as pd
import pytest

from nnlab import report
from nnlab.i18n import t
from nnlab.model import Architecture

# three classes, eight test points
#   true a: a a b        → 3 points, 2 found
#   true b: b b          → 2 points, 2 found
#   true c: a c c        → 3 points, 2 found
Y_TRUE = [0, 0, 0, 1, 1, 2, 2, 2]
Y_PRED = [0, 0, 1, 1, 1, 0, 2, 2]
CLASSES = ["a", "b", "c"]
# predicted a: 3 (2 right), predicted b: 3 (2 right), predicted c: 2 (2 right)
PRECISION = [2 / 3, 2 / 3, 1.0]
RECALL = [2 / 3, 1.0, 2 / 3]
F1 = [2 / 3, 0.8, 0.8]  # 2pr / (p + r)
SUPPORT = [3, 2, 3]


def report_rows(y_true=Y_TRUE, y_pred=Y_PRED, lang="en") -> dict[str, list]:
    """Row name → [precision, recall, f1, support]."""
    frame = report.classification_report_table(y_true, y_pred, CLASSES, lang)
    return {row[0]: list(row[1:]) for row in frame.itertuples(index=False)}


def test_report_columns_and_rows_are_laid_out_like_sklearn():
    frame = report.classification_report_table(Y_TRUE, Y_PRED, CLASSES)
    assert list(frame.columns) == [t("results.col.class"), t("results.precision"), t("results.recall"),
                                   t("results.f1"), t("results.support")]
    assert list(frame.iloc[:, 0]) == ["a", "b", "c", "accuracy", "macro avg", "weighted avg"]


def test_report_per_class_values_and_integer_support():
    rows = report_rows()
    for name, p, r, f, s in zip(CLASSES, PRECISION, RECALL, F1, SUPPORT):
        assert rows[name][:3] == pytest.approx([p, r, f])
        assert rows[name][3] == s and isinstance(rows[name][3], (int, np.integer))
    frame = report.classification_report_table(Y_TRUE, Y_PRED, CLASSES)
    assert pd.api.types.is_integer_dtype(frame[t("results.support")])


def test_accuracy_row_has_the_accuracy_under_f1_and_the_total_under_support():
    precision, recall, f1, support = report_rows()["accuracy"]
    assert math.isnan(precision) and math.isnan(recall)  # shown blank
    assert f1 == pytest.approx(6 / 8)
    assert support == 8


def test_macro_and_weighted_averages():
    rows = report_rows()
    assert rows["macro avg"][:3] == pytest.approx([np.mean(PRECISION), np.mean(RECALL), np.mean(F1)])
    assert rows["macro avg"][3] == 8
    weighted = [sum(v * s for v, s in zip(col, SUPPORT)) / 8 for col in (PRECISION, RECALL, F1)]
    assert weighted == pytest.approx([(2 + 4 / 3 + 3) / 8, 6 / 8, (2 + 1.6 + 2.4) / 8])
    assert rows["weighted avg"][:3] == pytest.approx(weighted)
    assert rows["weighted avg"][3] == 8


def test_a_class_never_predicted_scores_zero_and_korean_row_names():
    rows = report_rows([0, 1, 2, 2], [0, 1, 1, 1], "ko")
    assert rows["c"] == [0.0, 0.0, 0.0, 2]
    assert rows[t("results.row.accuracy", "ko")][2:] == [pytest.approx(0.5), 4]
    assert t("results.row.weighted_avg", "ko") in rows and t("results.row.macro_avg", "ko") in rows


def arch(widths, batchnorm=False) -> Architecture:
    """2 inputs → ``widths`` (ReLU) → 3 classes."""
    return Architecture(2, 3, "classification", tuple(widths), ("relu",) * len(widths), batchnorm, 0.0, 0.0)


def test_parameter_table_counts_every_layer_and_ends_with_the_total():
    a = arch([4, 5])  # 2 → 4 → 5 → 3
    frame = report.parameter_table(a)
    assert list(frame.columns) == [t("results.col.layer"), t("results.col.shape"), t("results.col.params"),
                                   t("results.col.formula")]
    params = frame[t("results.col.params")]
    assert list(frame.iloc[:, 0]) == ["L1", "L2", "out", t("results.row.total")]  # the charts' layer names
    assert list(params) == [3 * 4, 5 * 5, 6 * 3, 12 + 25 + 18]
    assert pd.api.types.is_integer_dtype(params)
    assert list(frame[t("results.col.formula")])[:3] == ["(2 + 1) × 4", "(4 + 1) × 5", "(5 + 1) × 3"]
    assert report.total_parameters(a) == 55


def test_parameter_table_of_a_ten_layer_net_keeps_the_output_row_and_total():
    a = arch([16] * 10)  # 2 → 16 ×10 → 3
    frame = report.parameter_table(a, "ko")
    layers = list(frame.iloc[:, 0])
    assert len(frame) == 12 and layers[-2] == "out" and layers[-3] == "L10" and layers[-1] == t("results.row.total", "ko")
    expected = 3 * 16 + 9 * (17 * 16) + 17 * 3
    assert frame.iloc[-1, 2] == expected == report.total_parameters(a)


def test_batchnorm_rows_have_four_per_unit_and_match_keras():
    from nnlab.model import build_from_architecture

    a = arch([4, 5], batchnorm=True)
    frame = report.parameter_table(a, "ko")
    assert list(frame.iloc[:, 0]) == ["L1", "L1 배치 정규화", "L2", "L2 배치 정규화", "out", t("results.row.total", "ko")]
    assert list(frame.iloc[:, 2]) == [12, 16, 25, 20, 18, 91]
    assert list(frame.iloc[:, 3])[:2] == ["(2 + 1) × 4", "4 × 4"]
    assert build_from_architecture(a).count_params() == 91


def test_every_new_results_text_exists_in_english_and_korean():
    from nnlab.i18n import CATALOG

    for key in ("results.f1", "results.col.class", "results.row.accuracy", "results.row.macro_avg",
                "results.row.weighted_avg", "results.row.total", "results.params_total", "results.params_help_bn"):
        assert CATALOG[key]["en"] and CATALOG[key]["ko"], key


# -- how nnlab/ui/results.py shows them ------------------------------------------------------------

def test_train_page_results_show_the_report_and_the_whole_parameter_table():
    from test_page_train import open_train, set_widgets, wait_until_ended

    at = open_train()
    set_widgets(at, {"sb.dataset": "xor", "sb.depth": 10, "sb.width": 4, "sb.epochs": 2})
    at.button(key="train_btn").click()
    at.run()
    job = wait_until_ended(at)
    assert job.status() == "finished", job.snapshot().get("error")
    assert not at.exception, at.exception

    tables = {tuple(d.value.columns): d for d in at.dataframe}
    rep = tables[tuple(report.header(c) for c in report.REPORT_COLUMNS)]
    assert list(rep.value.iloc[-3:, 0]) == ["accuracy", "macro avg", "weighted avg"]
    assert pd.api.types.is_integer_dtype(rep.value[t("results.support")])
    params = tables[tuple(report.header(c) for c in report.PARAMETER_COLUMNS)]
    total = 3 * 4 + 9 * 5 * 4 + 5 * 2  # 2 → 4 ×10 → 2
    assert list(params.value.iloc[-2:, 0]) == ["out", t("results.row.total")]
    assert params.value.iloc[-1, 2] == total
    assert any(f"**{total:,}**" in m.value for m in at.markdown)  # the total stated above the table
