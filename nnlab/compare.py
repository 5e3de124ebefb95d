"""Comparison logic of the Compare page (no Streamlit, no Plotly).

Owns: the table of variables a class can compare (activation, initializer, optimizer,
depth) with their choices and defaults; ``variant_configs`` (one RunConfig per compared
value, everything else — data split, seed, initial weights where shapes allow, batch
order — shared); extraction from run snapshots of gradient profiles, first/last gradient
ratios and dead/saturated percentages; ``summary_rows`` (the summary table) and
``ensemble`` (accuracy of averaged test-set probabilities vs the best single run).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from nnlab import activations, i18n, initializers, optimizers
from nnlab.config import RANGES, RunConfig

MIN_VALUES, MAX_VALUES = 2, 8
DEPTH_CHOICES = tuple(range(1, 21))


@dataclass(frozen=True)
class Variable:
    name: str  # the RunConfig field that varies
    choices: tuple  # values offered (registry names, or ints for depth)
    defaults: tuple  # values picked when the page opens
    exclude: frozenset[str]  # sidebar controls to hide: they are set per run here

    def display(self, value, lang: str = "en") -> str:
        """How the UI names a value in ``lang``: its registry display name (e.g. 'Swish / SiLU',
        '무작위 정규분포'); a depth as its number."""
        return str(value) if self.name == "depth" else i18n.display_name(self.name, value, lang)

VARIABLES: dict[str, Variable] = {v.name: v for v in [
    Variable("activation", tuple(activations.names()), ("sigmoid", "tanh", "relu", "elu", "gelu", "swish"),
             frozenset({"activation", "layer_activations"})),
    Variable("initializer", tuple(initializers.names()), ("zeros", "random_normal", "glorot_uniform", "he_normal"),
             frozenset({"initializer", "init_param"})),
    Variable("optimizer", tuple(optimizers.names()), ("sgd", "momentum", "rmsprop", "adam"),
             frozenset({"optimizer"})),
    Variable("depth", DEPTH_CHOICES, (1, 2, 4, 8), frozenset({"depth", "layer_widths", "layer_activations"})),
]}


def run_label(variable: str, value) -> str:
    """The run's name in legends and the table: the value itself ('sigmoid', 'adam', 'depth=8')."""
    return f"depth={int(value)}" if variable == "depth" else str(value)


def label_text(variable: str, label: str, lang: str = "en") -> str:
    """A run label as the page shows it in ``lang``: the value's display name ('Swish / SiLU',
    'He 정규분포'), a depth as '깊이 8' / 'depth 8'."""
    if variable == "depth" and str(label).startswith("depth="):
        return i18n.t("compare.depth_label", lang, n=str(label)[len("depth="):])
    return i18n.display_name(variable, str(label), lang)


def variant_configs(base: RunConfig, variable: str, values: Sequence) -> list[tuple[str, RunConfig]]:
    """One (label, RunConfig) per compared value; every other field is ``base``'s.

    Duplicates are dropped (first kept). Raises ValueError for an unknown variable, an
    unknown value, or fewer than 2 / more than 8 distinct values.
    """
    if variable not in VARIABLES:
        raise ValueError(f"unknown variable {variable!r}; choose one of: {', '.join(VARIABLES)}")
    var = VARIABLES[variable]
    distinct: list = []
    for v in values:
        v = int(v) if variable == "depth" else str(v)
        if v not in distinct:
            distinct.append(v)
    if not MIN_VALUES <= len(distinct) <= MAX_VALUES:
        raise ValueError(f"compare between {MIN_VALUES} and {MAX_VALUES} values of {variable}, got {len(distinct)}")
    out = []
    for v in distinct:
        if variable == "depth":
            low, high = RANGES["depth"]
            if not low <= v <= high:
                raise ValueError(f"depth={v} is invalid: must be between {low:g} and {high:g}")
            width = base.layer_widths[0] if base.layer_widths else base.width
            cfg = base.replace(depth=v, width=width, layer_widths=(), layer_activations=())
        elif v not in var.choices:
            raise ValueError(f"unknown {variable} {v!r}; choose one of: {', '.join(map(str, var.choices))}")
        elif variable == "activation":
            cfg = base.replace(activation=v, layer_activations=())
        elif variable == "initializer":
            cfg = base.replace(initializer=v, init_param=0.0)
        else:
            cfg = base.replace(optimizer=v)
        out.append((run_label(variable, v), cfg))
    return out


# -- reading snapshots ------------------------------------------------------------------------

def metric_of(snap: dict) -> str:
    task = (snap.get("dataset") or {}).get("task") or "classification"
    return "accuracy" if task == "classification" else "mae"


def layer_labels(snap: dict) -> list[str]:
    return [layer["label"] for layer in snap.get("layers") or []]


def _finite(v) -> float | None:
    return float(v) if v is not None and math.isfinite(float(v)) else None


def layer_stat(snap: dict, stat: str, epoch: int | None = None) -> tuple[list[str], list[float | None], int | None]:
    """(layer labels, per-layer ``stat``, epoch) at ``epoch`` (1-based; None or too large =
    latest). Before the first epoch ends, the latest recorded step is used (epoch 0)."""
    labels = layer_labels(snap)
    h = snap.get("history") or {}
    rows, epochs = h.get(stat) or [], h.get("epoch") or []
    if rows and epochs:
        i = len(rows) - 1 if epoch is None else max(0, min(int(epoch), len(rows)) - 1)
        return labels, [_finite(v) for v in rows[i]], epochs[i]
    steps = (snap.get("steps") or {}).get(stat) or []
    if steps:
        return labels, [_finite(v) for v in steps[-1]], 0
    return labels, [], None


def gradient_profile(snap: dict, epoch: int | None = None) -> tuple[list[str], list[float | None]]:
    """Weight-gradient norm per Dense layer (input → output) at ``epoch`` (None = latest)."""
    labels, values, _ = layer_stat(snap, "grad_norm", epoch)
    return labels, values


def _ratio(row) -> float | None:
    if not row or len(row) < 2:
        return None
    first, last = _finite(row[0]), _finite(row[-1])
    if first is None or not last:
        return None
    return first / last


def gradient_ratio_series(snap: dict) -> tuple[list[int], list[float | None]]:
    """(epochs, first-layer / last-layer gradient norm per epoch). Below 1e-3 means the
    first layer barely learns: the vanishing gradient."""
    h = snap.get("history") or {}
    return list(h.get("epoch") or []), [_ratio(row) for row in h.get("grad_norm") or []]


def gradient_ratio(snap: dict, epoch: int | None = None) -> float | None:
    _, values, _ = layer_stat(snap, "grad_norm", epoch)
    return _ratio(values)


def hidden_percent(snap: dict, stat: str, epoch: int | None = None) -> tuple[list[str], list[float | None]]:
    """(hidden-layer labels, ``stat`` in %) — stat is dead_fraction or saturated_fraction."""
    labels, values, _ = layer_stat(snap, stat, epoch)
    n = max(0, len(labels) - 1)  # the output layer has no hidden activation
    return labels[:n], [None if v is None else 100.0 * v for v in values[:n]]


def _mean(values) -> float | None:
    vals = [v for v in values if v is not None]
    return float(np.mean(vals)) if vals else None


# -- summary table ----------------------------------------------------------------------------

SUMMARY_COLUMNS = ("run", "status", "train", "val", "test", "best_epoch", "epochs_to_target", "seconds_to_target",
                   "epochs", "seconds", "samples_per_second", "grad_ratio", "dead_pct", "saturated_pct", "diverged")


def _better(metric: str, a: float, b: float) -> bool:
    return a > b if metric == "accuracy" else a < b


def _reached(metric: str, value: float | None, target: float | None) -> bool:
    if value is None or target is None:
        return False
    return value >= target if metric == "accuracy" else value <= target


def summary_rows(snapshots: Sequence[dict], target_metric: float | None) -> list[dict]:
    """One row per run (keys: SUMMARY_COLUMNS).

    ``train``/``val``/``test``: final metric (accuracy as a fraction, or MAE); ``best_epoch``:
    epoch of the best validation metric; ``epochs_to_target``/``seconds_to_target``: first
    epoch whose validation metric reaches ``target_metric`` (accuracy ≥ target, MAE ≤
    target) and the wall time since the run started, None if never; ``grad_ratio``: first /
    last layer gradient norm in the final epoch; ``dead_pct``/``saturated_pct``: mean over
    hidden layers in the final epoch; ``diverged``: the loss became NaN/inf.
    """
    rows = []
    for snap in snapshots:
        metric = metric_of(snap)
        h = snap.get("history") or {}
        epochs = list(h.get("epoch") or [])
        val = [_finite(v) for v in h.get(f"val_{metric}") or []]
        best_epoch, best = None, None
        for e, v in zip(epochs, val):
            if v is not None and (best is None or _better(metric, v, best)):
                best_epoch, best = e, v
        hit = next((i for i, v in enumerate(val) if _reached(metric, v, target_metric)), None)
        seconds = h.get("seconds") or []
        timing = snap.get("timing") or {}
        progress = snap.get("progress") or {}
        train_values = h.get(metric) or []
        rows.append({
            "run": snap.get("label") or (snap.get("config") or {}).get("activation", "?"),
            "status": snap.get("status"),
            "train": _finite(train_values[-1]) if train_values else None,
            "val": val[-1] if val else None,
            "test": _finite((snap.get("test") or {}).get(metric)),
            "best_epoch": best_epoch,
            "epochs_to_target": epochs[hit] if hit is not None else None,
            "seconds_to_target": float(seconds[hit]) if hit is not None and hit < len(seconds) else None,
            "epochs": len(epochs),
            "seconds": _finite(timing.get("seconds")) if timing.get("seconds") is not None
            else (float(seconds[-1]) if seconds else None),
            "samples_per_second": _finite(timing.get("samples_per_second") or progress.get("samples_per_second")),
            "grad_ratio": gradient_ratio(snap),
            "dead_pct": _mean(hidden_percent(snap, "dead_fraction")[1]),
            "saturated_pct": _mean(hidden_percent(snap, "saturated_fraction")[1]),
            "diverged": snap.get("status") == "diverged",
        })
    return rows


# -- ensemble ---------------------------------------------------------------------------------

def ensemble(records: Mapping[str, object] | Sequence, y_test, statuses: tuple[str, ...] = ("finished",)) -> dict:
    """Accuracy of averaging the members' test-set probabilities vs the best single member.

    ``records``: {label: RunRecord (or anything with ``test_output``/``status``/``task``),
    or a plain probability array}; a sequence is labelled by position. Members are the
    classification runs in ``statuses`` with finite outputs of the right shape. Returns
    ``{"ensemble_accuracy", "best_single": {"label", "accuracy"}, "members": [labels],
    "single": {label: accuracy}}``; accuracies are None with fewer than 2 members.
    """
    items = records.items() if isinstance(records, Mapping) else ((str(i), r) for i, r in enumerate(records))
    y = np.asarray(y_test).astype(int).ravel()
    probs: dict[str, np.ndarray] = {}
    for label, rec in items:
        if isinstance(rec, np.ndarray):
            out = rec
        else:
            if getattr(rec, "task", "classification") != "classification":
                continue
            if getattr(rec, "status", "finished") not in statuses:
                continue
            out = getattr(rec, "test_output", None)
        if out is None:
            continue
        out = np.asarray(out, dtype=np.float64)
        if out.ndim != 2 or out.shape[0] != len(y) or out.shape[1] < 2 or not np.isfinite(out).all():
            continue
        probs[label] = out
    single = {label: float(np.mean(p.argmax(axis=1) == y)) for label, p in probs.items()}
    result = {"ensemble_accuracy": None, "best_single": None, "members": list(probs), "single": single}
    if len(probs) < 2:
        return result
    mean = np.mean(np.stack(list(probs.values())), axis=0)
    best = max(single, key=single.get)
    result["ensemble_accuracy"] = float(np.mean(mean.argmax(axis=1) == y))
    result["best_single"] = {"label": best, "accuracy": single[best]}
    return result


__all__ = ["DEPTH_CHOICES", "MAX_VALUES", "MIN_VALUES", "SUMMARY_COLUMNS", "VARIABLES", "Variable", "ensemble",
           "gradient_profile", "gradient_ratio", "gradient_ratio_series", "hidden_percent", "label_text",
           "layer_stat", "metric_of", "run_label", "summary_rows", "variant_configs"]
