"""The two tables of the results section, as plain pandas frames the UI only has to show:

- the classification report, laid out like scikit-learn's text report: one row per class,
  then ``accuracy`` (its value under F1, the number of test points under support,
  precision and recall blank), ``macro avg`` and ``weighted avg``; support is an integer;
- the parameter table of the MLP: one row per Dense (and BatchNorm) layer, input side
  first, named as the charts name them (L1, L2, …, out; "L1 BatchNorm"), with the
  ``(n_in + 1) × n_out`` formula behind each count, and a total row.

Headers and row names come from the UI text catalog in the requested language. Class
names may come from an uploaded CSV: they are cell values, so callers must show them as
plain text (``st.dataframe`` does).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nnlab.i18n import t
from nnlab.model import Architecture

REPORT_COLUMNS = ("class", "precision", "recall", "f1", "support")
PARAMETER_COLUMNS = ("layer", "shape", "params", "formula")
# catalog key of each column header
_HEADER_KEYS = {"class": "results.col.class", "precision": "results.precision", "recall": "results.recall",
                "f1": "results.f1", "support": "results.support", "layer": "results.col.layer",
                "shape": "results.col.shape", "params": "results.col.params", "formula": "results.col.formula"}


def header(column: str, lang: str = "en") -> str:
    """The shown header of one of ``REPORT_COLUMNS`` or ``PARAMETER_COLUMNS``."""
    return t(_HEADER_KEYS[column], lang)


def classification_report_table(y_true, y_pred, classes, lang: str = "en") -> pd.DataFrame:
    """Per-class precision, recall, F1 and support, then the accuracy, macro and weighted
    average rows, with columns ``REPORT_COLUMNS`` (headers translated by ``header``).

    Classes are the integer labels ``0 … len(classes) - 1``; a class never predicted (or
    absent from the test set) scores 0 rather than raising, as scikit-learn's
    ``zero_division=0`` does. Blank cells are NaN; support is an int column.
    """
    from sklearn.metrics import precision_recall_fscore_support

    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    labels = list(range(len(classes)))
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0)
    total = int(support.sum())
    weights = support / total if total else np.zeros(len(labels))
    accuracy = float(np.mean(y_true == y_pred)) if total else 0.0
    rows = [(str(name), p, r, f, int(s)) for name, p, r, f, s in zip(classes, precision, recall, f1, support)]
    rows.append((t("results.row.accuracy", lang), np.nan, np.nan, accuracy, total))
    rows.append((t("results.row.macro_avg", lang), precision.mean(), recall.mean(), f1.mean(), total))
    rows.append((t("results.row.weighted_avg", lang), float(weights @ precision), float(weights @ recall),
                 float(weights @ f1), total))
    frame = pd.DataFrame(rows, columns=list(REPORT_COLUMNS))
    frame[["precision", "recall", "f1"]] = frame[["precision", "recall", "f1"]].astype(float)
    frame["support"] = frame["support"].astype("int64")
    return frame.rename(columns=lambda c: header(c, lang))


def parameter_rows(arch: Architecture) -> list[dict]:
    """One dict per layer with weights, input side first: ``layer`` (the Keras name),
    ``label`` (the charts' label of its Dense layer: L1 … Ln, out), ``n_in``, ``n_out``,
    ``params`` and ``kind`` (``dense`` or ``batchnorm``)."""
    rows = []
    fan_ins = [arch.input_dim] + list(arch.widths)
    for name, label, n_in, n_out in zip(arch.dense_names, arch.layer_labels, fan_ins, arch.dense_widths):
        rows.append({"layer": name, "label": label, "n_in": n_in, "n_out": n_out, "params": (n_in + 1) * n_out,
                     "kind": "dense"})
        if arch.batchnorm and name != arch.dense_names[-1]:
            rows.append({"layer": name.replace("dense", "bn"), "label": label, "n_in": n_out, "n_out": n_out,
                         "params": 4 * n_out, "kind": "batchnorm"})
    return rows


def total_parameters(arch: Architecture) -> int:
    """Every weight of the model, trainable or not (what ``model.count_params()`` says)."""
    return sum(r["params"] for r in parameter_rows(arch))


def parameter_table(arch: Architecture, lang: str = "en") -> pd.DataFrame:
    """The parameter table with columns ``PARAMETER_COLUMNS`` (headers translated), ending
    with the total row. ``params`` is an int column."""
    rows = []
    for r in parameter_rows(arch):
        if r["kind"] == "dense":
            name = r["label"]
            shape, formula = f"{r['n_in']} → {r['n_out']}", f"({r['n_in']} + 1) × {r['n_out']}"
        else:
            name = t("results.layer.bn", lang, layer=r["label"])
            shape, formula = f"{r['n_out']}", f"4 × {r['n_out']}"
        rows.append((name, shape, r["params"], formula))
    rows.append((t("results.row.total", lang), "", total_parameters(arch), ""))
    frame = pd.DataFrame(rows, columns=list(PARAMETER_COLUMNS)).astype({"params": "int64"})
    return frame.rename(columns=lambda c: header(c, lang))
