"""Comparison logic of the Compare page (no Streamlit, no Plotly).

Owns: the table of variables a class can compare (activation, initializer, optimizer,
depth, batch size, learning rate, dropout, BatchNorm, seed) with their choices and defaults; ``variant_configs`` (one RunConfig per compared
value, everything else — data split, seed, initial weights where shapes allow, batch
order — shared); ``summary_rows`` (the summary table) and ``ensemble`` (accuracy of
averaged test-set probabilities vs the best single run). Runs are read only through
their snapshots (``nnlab.snapshot``: metric, gradient ratio, per-layer statistics,
test-set outputs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from nnlab import activations, i18n, initializers, optimizers, snapshot
from nnlab.config import RunConfig

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
        '무작위 정규분포'), BatchNorm as on / off, a number as written ('8', '0.001')."""
        if self.name in REGISTRY_VARIABLES:
            return i18n.display_name(self.name, value, lang)
        if self.name == "batchnorm":
            return i18n.t("compare.value.on" if _TYPES["batchnorm"](value) else "compare.value.off", lang)
        return f"{value:g}" if isinstance(value, float) else str(value)


REGISTRY_VARIABLES = ("activation", "initializer", "optimizer")  # values are registry names

VARIABLES: dict[str, Variable] = {v.name: v for v in [
    Variable("activation", tuple(activations.names()), ("sigmoid", "tanh", "relu", "elu", "gelu", "swish"),
             frozenset({"activation", "layer_activations"})),
    Variable("initializer", tuple(initializers.names()), ("zeros", "random_normal", "glorot_uniform", "he_normal"),
             frozenset({"initializer", "init_param"})),
    Variable("optimizer", tuple(optimizers.names()), ("sgd", "momentum", "rmsprop", "adam"),
             frozenset({"optimizer"})),
    Variable("depth", DEPTH_CHOICES, (1, 2, 4, 8), frozenset({"depth", "layer_widths", "layer_activations"})),
    Variable("batch_size", (1, 4, 8, 16, 32, 64, 100, 150, 256, 512), (8, 32, 150), frozenset({"batch_size"})),
    Variable("learning_rate", (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0), (0.001, 0.01, 0.1),
             frozenset({"learning_rate"})),
    Variable("dropout", (0.0, 0.1, 0.2, 0.3, 0.5, 0.7), (0.0, 0.5), frozenset({"dropout"})),
    Variable("batchnorm", (False, True), (False, True), frozenset({"batchnorm"})),
    # the same net from other random starts (initial weights and batch order; the data split stays shared):
    # the runs of an ensemble
    Variable("seed", tuple(range(10)), (0, 1, 2, 3, 4), frozenset({"seed"})),
]}
_TYPES = {"depth": int, "batch_size": int, "seed": int, "learning_rate": float, "dropout": float,
          "batchnorm": lambda v: v if isinstance(v, bool) else str(v).lower() in ("1", "true", "yes", "on")}


def run_label(variable: str, value) -> str:
    """The run's name in legends and the table: the value itself ('sigmoid', 'adam', 'depth=8',
    'batch_size=32')."""
    if variable in REGISTRY_VARIABLES:
        return str(value)
    return f"{variable}={value:g}" if isinstance(value, float) else f"{variable}={value}"


def label_text(variable: str, label: str, lang: str = "en") -> str:
    """A run label as the page shows it in ``lang``: the value's display name ('Swish / SiLU',
    'He 정규분포'); other settings as name and value ('깊이 8', 'batch 32', '배치 정규화 켬')."""
    if variable in REGISTRY_VARIABLES:
        return i18n.display_name(variable, str(label), lang)
    if not variable:  # a lesson's fixed runs: their catalog name where they have one ('xavier' → 'Xavier')
        key = f"lesson.run.{label}"
        return i18n.t(key, lang) if key in i18n.CATALOG else str(label)
    prefix = f"{variable}="
    if variable not in VARIABLES or not str(label).startswith(prefix):
        return str(label)
    value = str(label)[len(prefix):]
    return i18n.t(f"compare.label.{variable}", lang, value=VARIABLES[variable].display(value, lang))


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
        v = _TYPES.get(variable, str)(v)
        if v not in distinct:
            distinct.append(v)
    if not MIN_VALUES <= len(distinct) <= MAX_VALUES:
        raise ValueError(f"compare between {MIN_VALUES} and {MAX_VALUES} values of {variable}, got {len(distinct)}")
    out = []
    for v in distinct:
        if variable in REGISTRY_VARIABLES and v not in var.choices:
            raise ValueError(f"unknown {variable} {v!r}; choose one of: {', '.join(map(str, var.choices))}")
        if variable == "depth":
            width = base.layer_widths[0] if base.layer_widths else base.width
            changes = dict(depth=v, width=width, layer_widths=(), layer_activations=())
        elif variable == "activation":
            changes = dict(activation=v, layer_activations=())
        elif variable == "initializer":
            changes = dict(initializer=v, init_param=0.0)
        else:
            changes = {variable: v}
        try:
            cfg = base.replace(**changes)
        except ValueError as exc:  # a ConfigError naming the bad value and its range
            raise ValueError(f"{variable}={v} is invalid: {exc}") from None
        out.append((run_label(variable, v), cfg))
    return out


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
    target) and the wall time since the run started, None if never; ``grad_ratio``: the
    gradient ratio (first / last hidden layer, ``snapshot.gradient_ratio``) in the final
    epoch; ``dead_pct``/``saturated_pct``: mean over hidden layers in the final epoch;
    ``diverged``: the loss became NaN/inf.
    """
    rows = []
    for snap in snapshots:
        metric = snapshot.metric(snap)
        epochs = snapshot.epochs(snap)
        val = [snapshot.finite(v) for v in snapshot.epoch_series(snap, f"val_{metric}")]
        best_epoch, best = None, None
        for e, v in zip(epochs, val):
            if v is not None and (best is None or _better(metric, v, best)):
                best_epoch, best = e, v
        hit = next((i for i, v in enumerate(val) if _reached(metric, v, target_metric)), None)
        seconds = snapshot.epoch_series(snap, "seconds")
        timing = snap.get("timing") or {}
        progress = snapshot.progress(snap)
        train_values = snapshot.epoch_series(snap, metric)
        rows.append({
            "run": snapshot.label(snap),
            "status": snapshot.status(snap),
            "train": snapshot.finite(train_values[-1]) if train_values else None,
            "val": val[-1] if val else None,
            "test": snapshot.finite((snap.get("test") or {}).get(metric)),
            "best_epoch": best_epoch,
            "epochs_to_target": epochs[hit] if hit is not None else None,
            "seconds_to_target": float(seconds[hit]) if hit is not None and hit < len(seconds) else None,
            "epochs": len(epochs),
            "seconds": snapshot.finite(timing.get("seconds")) if timing.get("seconds") is not None
            else (float(seconds[-1]) if seconds else None),
            "samples_per_second": snapshot.finite(timing.get("samples_per_second") or progress.get("samples_per_second")),
            "grad_ratio": snapshot.gradient_ratio(snap),
            "dead_pct": _mean(snapshot.hidden_percent(snap, "dead_fraction")[1]),
            "saturated_pct": _mean(snapshot.hidden_percent(snap, "saturated_fraction")[1]),
            "diverged": snapshot.status(snap) == "diverged",
        })
    return rows


# -- ensemble ---------------------------------------------------------------------------------

def ensemble(snapshots: Sequence[dict], statuses: tuple[str, ...] = ("finished",)) -> dict:
    """Accuracy of averaging the runs' test-set probabilities vs the best single run.

    Members are the classification runs in ``statuses`` whose snapshot carries finite
    test-set probabilities (``snapshot.output_on_test_set``) of the shape of the test
    labels (``snapshot.true_test_classes``; the runs of a comparison share one split).
    Returns ``ensemble_accuracy`` (see ``ensemble_accuracy``), labelled by run."""
    members: dict[str, np.ndarray] = {}
    y_test = None
    for snap in snapshots:
        if snapshot.task(snap) != "classification" or snapshot.status(snap) not in statuses:
            continue
        out, y = snapshot.output_on_test_set(snap), snapshot.true_test_classes(snap)
        if out is None or y is None:
            continue
        y_test = y if y_test is None else y_test
        members[snapshot.label(snap)] = out
    return ensemble_accuracy(members, y_test if y_test is not None else [])


def ensemble_accuracy(outputs: Mapping[str, np.ndarray], y_test) -> dict:
    """Accuracy of averaging class probabilities (``{label: [n_test, n_classes]}``) vs the
    best single member. Outputs that are not finite or not of ``y_test``'s length are left
    out. Returns ``{"ensemble_accuracy", "best_single": {"label", "accuracy"}, "members":
    [labels], "single": {label: accuracy}}``; accuracies are None with fewer than 2 members.
    """
    y = np.asarray(y_test).astype(int).ravel()
    probs: dict[str, np.ndarray] = {}
    for label, out in outputs.items():
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
           "ensemble_accuracy", "label_text", "run_label", "summary_rows", "variant_configs"]
