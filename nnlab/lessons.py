"""Lessons: the experiments of the lecture notes and the classic papers, one click away.

A lesson is one row of ``LESSONS``: the page it opens with its full settings (a Train run,
a Compare race of several runs, or a teaching page's own settings), a topic for grouping,
and a *claim* — the behaviour the class should see, checked on the finished runs by a
small function of their snapshots. Titles, what to watch for and the claim's wording live
in the catalog (``lesson.<name>.title`` / ``.watch`` / ``.claim``), English and Korean.

``quick`` holds the changes that make a lesson small enough for a test or a slow machine
(fewer epochs or samples) while its claim still holds; ``run_lesson`` trains a lesson
headless (the CLI and the tests) and ``Lesson.check`` says whether the claim held, with the
numbers the claim text names.

Adding a lesson is one ``Lesson(...)`` row, its catalog texts and, when the claim is new,
one check function.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from nnlab import snapshot
from nnlab.config import RunConfig

TOPICS = ("lecture", "classic")
PAGES = ("train", "compare", "neuron", "softmax", "explorer")


@dataclass(frozen=True)
class Verdict:
    """Whether a lesson's claim held, and the numbers its claim text names (``seen``)."""

    held: bool
    seen: dict


@dataclass(frozen=True)
class Lesson:
    name: str
    topic: str  # one of TOPICS: how Home groups the cards
    page: str  # one of PAGES
    changes: Mapping = field(default_factory=dict)  # RunConfig changes (Train, Compare) or page settings
    runs: tuple[tuple[str, Mapping], ...] = ()  # Compare: (label, changes on top of ``changes``) per run
    variable: str = ""  # Compare: the one setting the runs differ in ("" when they differ in several)
    quick: Mapping = field(default_factory=dict)  # changes for a test-sized run
    claim: Callable[[dict[str, dict]], Verdict] | None = None  # runs by label ({} on teaching pages) → verdict
    source: str = ""  # where it comes from (lecture note or paper), shown under the title

    def config(self, quick: bool = False) -> RunConfig:
        """The lesson's base RunConfig (the Train run, or what every Compare run shares)."""
        return RunConfig().edit(**{**self.changes, **(self.quick if quick else {})})

    def run_configs(self, quick: bool = False) -> list[tuple[str, RunConfig]]:
        """(label, RunConfig) of every run the lesson trains: one for Train, several for Compare."""
        base = self.config(quick)
        if self.page == "train":
            return [(self.name, base)]
        return [(label, base.edit(**changes)) for label, changes in self.runs]

    def check(self, snapshots: dict[str, dict]) -> Verdict | None:
        """The claim's verdict on finished runs (snapshots by run label); None without a claim."""
        return self.claim(snapshots) if self.claim else None


# -- reading finished runs (claims only read snapshots, through nnlab.snapshot) ------------------

def _nan(value) -> float:
    return float("nan") if value is None else float(value)


def _last(snap: dict, key: str) -> float:
    values = snapshot.epoch_series(snap, key)
    return _nan(values[-1] if values else None)


def _layer_stat(snap: dict, stat: str) -> list[float]:
    """Final-epoch per-layer values of a statistic (hidden layers first, output last)."""
    return [_nan(v) for v in snapshot.layer_stat(snap, stat)[1]]


def _grad_ratio(snap: dict) -> float:
    """The gradient ratio of the Train and Compare pages (first / last hidden layer), final epoch."""
    return _nan(snapshot.gradient_ratio(snap))


def _loss_drop(snap: dict) -> float:
    """How far below the first epoch's training loss the run got (0.3 = its best epoch was 30%
    lower). The best epoch, not the last: a deep net trained with momentum wobbles."""
    losses = [v for v in snapshot.epoch_series(snap, "loss") if v is not None]
    return 1.0 - min(losses) / losses[0] if len(losses) >= 2 and losses[0] else float("nan")


def _step_noise(snap: dict) -> float:
    """Spread of the per-step loss around its own trend: the std of step-to-step changes over
    the second half of the run (the first half is the fast initial descent)."""
    losses = np.asarray([v for v in snapshot.step_series(snap, "loss") if v is not None], dtype=float)
    tail = losses[len(losses) // 2:]
    return float(np.std(np.diff(tail))) if len(tail) >= 3 else float("nan")


def _round(value: float, digits: int = 3) -> float:
    return value if math.isnan(value) else float(f"{value:.{digits}g}")


# -- claims -------------------------------------------------------------------------------------

def _test_metric_at_least(low: float):
    def claim(runs: dict[str, dict]) -> Verdict:
        (snap,) = runs.values()
        value = _nan((snap.get("test") or {}).get(snapshot.metric(snap)))
        return Verdict(value >= low, {"accuracy": _round(value), "low": low})
    return claim


def _vanishing(runs: dict[str, dict]) -> Verdict:
    sigmoid, relu = _grad_ratio(runs["sigmoid"]), _grad_ratio(runs["relu"])
    return Verdict(sigmoid < 1e-3 and relu > 1e-2, {"sigmoid": _round(sigmoid), "relu": _round(relu)})


def _xor_depth(runs: dict[str, dict]) -> Verdict:
    sigmoid, relu = _last(runs["sigmoid"], "val_accuracy"), _last(runs["relu"], "val_accuracy")
    return Verdict(relu >= 0.9 and sigmoid <= 0.7, {"sigmoid": _round(sigmoid), "relu": _round(relu)})


def _xavier_vs_he(runs: dict[str, dict]) -> Verdict:
    xavier, he = _loss_drop(runs["glorot_uniform"]), _loss_drop(runs["he_normal"])
    return Verdict(xavier < 0.02 and he > 0.05, {"xavier": _round(100 * xavier, 2), "he": _round(100 * he, 2)})


def _zero_init(runs: dict[str, dict]) -> Verdict:
    (snap,) = runs.values()
    hidden = [_nan(v) for v in (snap.get("unit_spread") or [])[:-1]]  # the output layer has one unit per class
    spread = max(hidden) if hidden else float("nan")
    accuracy = _last(snap, "val_accuracy")
    return Verdict(spread <= 1e-6 and accuracy <= 0.65, {"spread": _round(spread), "accuracy": _round(accuracy)})


def _selu(runs: dict[str, dict]) -> Verdict:
    selu, relu = _layer_stat(runs["selu"], "act_std"), _layer_stat(runs["relu"], "act_std")
    deep_selu, deep_relu = selu[-2], relu[-2]  # the last hidden layer
    return Verdict(0.5 <= deep_selu <= 2.0 and deep_relu < 0.1, {"selu": _round(deep_selu), "relu": _round(deep_relu)})


def _batch_noise(runs: dict[str, dict]) -> Verdict:
    noise = {label: _step_noise(snap) for label, snap in runs.items()}
    small, large = noise["8"], noise["150"]
    return Verdict(small > 2 * large, {"small": _round(small), "large": _round(large)})


def _faster(winner: str, loser: str):
    """``winner`` ends with a lower training loss than ``loser``."""
    def claim(runs: dict[str, dict]) -> Verdict:
        a, b = _last(runs[winner], "loss"), _last(runs[loser], "loss")
        return Verdict(a < b, {"winner": _round(a), "loser": _round(b)})
    return claim


def _batchnorm(runs: dict[str, dict]) -> Verdict:
    plain, bn = _last(runs["plain"], "val_accuracy"), _last(runs["batchnorm"], "val_accuracy")
    return Verdict(bn >= plain + 0.1, {"plain": _round(plain), "batchnorm": _round(bn)})


def _dropout(runs: dict[str, dict]) -> Verdict:
    def gap(snap):  # mean over the last quarter of the epochs: 40 validation points make one epoch noisy
        pairs = [(a, v) for a, v in zip(snapshot.epoch_series(snap, "accuracy"),
                                        snapshot.epoch_series(snap, "val_accuracy")) if None not in (a, v)]
        tail = pairs[-max(1, len(pairs) // 4):]
        return float(np.mean([a - v for a, v in tail])) if tail else float("nan")
    plain, dropped = gap(runs["0.0"]), gap(runs["0.5"])
    return Verdict(dropped < plain, {"plain": _round(plain), "dropout": _round(dropped)})


def _dying_relu(runs: dict[str, dict]) -> Verdict:
    (snap,) = runs.values()
    dead = _layer_stat(snap, "dead_fraction")[:-1]
    share = float(np.nanmean(dead)) if dead else float("nan")
    return Verdict(share >= 0.5, {"dead": _round(100 * share, 2)})


def _regression_fits(high: float):
    def claim(runs: dict[str, dict]) -> Verdict:
        worst = max(_nan((s.get("test") or {}).get("mae")) for s in runs.values())
        return Verdict(worst <= high, {"mae": _round(worst), "high": high})
    return claim


def _glorot_bengio(runs: dict[str, dict]) -> Verdict:
    accuracy = {label: _last(snap, "val_accuracy") for label, snap in runs.items()}
    worst = min(accuracy, key=accuracy.get)
    return Verdict(worst == "sigmoid", {"sigmoid": _round(accuracy["sigmoid"]), "tanh": _round(accuracy["tanh"]),
                                        "softsign": _round(accuracy["softsign"])})


def _ladder(runs: dict[str, dict]) -> Verdict:
    """Xavier initialisation beats N(0, 1) weights on the same 784-256-256-10 ReLU net."""
    accuracy = {label: _nan((snap.get("test") or {}).get("accuracy")) for label, snap in runs.items()}
    return Verdict(accuracy["xavier"] > accuracy["normal"],
                   {label: _round(value) for label, value in accuracy.items()})


def _ensemble(runs: dict[str, dict]) -> Verdict:
    """Averaging the class probabilities of runs that differ only in their seed is at least as
    accurate on the test set as the average single run (and usually close to the best one)."""
    from nnlab import comparison  # the Compare page's own ensemble

    members = [dict(snap, label=label) for label, snap in runs.items()]  # named as the lesson names its runs
    result = comparison.ensemble(members)
    single = [result["single"][label] for label in runs]  # KeyError: a run without test outputs
    mean = float(np.mean(single))
    ensemble = _nan(result["ensemble_accuracy"])
    best = _nan((result["best_single"] or {}).get("accuracy"))
    return Verdict(ensemble >= mean, {"ensemble": _round(ensemble), "mean": _round(mean), "best": _round(best)})


# The teaching pages' claims are judged on numbers the page itself computed (its neuron's
# outputs, its hand computation and its model's probabilities): ``single_neuron_verdict`` and
# ``softmax_verdict``. Without a page (the CLI, the tests) the claim computes those numbers the
# way the page does.

def single_neuron_verdict(without: float, with_bias: float) -> Verdict:
    """The single-neuron claim on the output after the lecture's 1000 steps of gradient descent
    (input 0, target 1, sigmoid) without and with a bias: stuck at 0.5 without, at least 0.9 with."""
    without, with_bias = float(without), float(with_bias)
    return Verdict(abs(without - 0.5) < 1e-9 and with_bias >= 0.9,
                   {"without": _round(without), "with": _round(with_bias)})


def softmax_verdict(by_hand, model) -> Verdict:
    """The softmax-by-hand claim: probabilities computed by hand (rows of ``by_hand``) equal the
    model's own (``model``) to within 1e-5."""
    gap = float(np.abs(np.asarray(by_hand, dtype=float) - np.asarray(model, dtype=float)).max())
    return Verdict(gap < 1e-5, {"gap": _round(gap, 2)})


def _single_neuron(_runs: dict[str, dict]) -> Verdict:
    """The lecture's case: input 0, target 1, sigmoid, gradient descent for 1000 steps."""
    from nnlab import teaching

    out = {bias: float(teaching.neuron_train(0.0, 1.0, "sigmoid", bias, 0.5, 0.0, 0.1, 1000)["gradient"].output[-1])
           for bias in (False, True)}
    return single_neuron_verdict(out[False], out[True])


def _softmax_by_hand(_runs: dict[str, dict]) -> Verdict:
    """Softmax of x·W + b computed by hand equals the trained iris model's probabilities."""
    from nnlab import teaching

    model = teaching.train_iris_softmax(epochs=100)
    by_hand = np.array([teaching.softmax_steps(x @ model["W"] + model["b"])["probs"] for x in model["X"]])
    return softmax_verdict(by_hand, model["predict"])


def _by_label(variable: str, values) -> tuple[tuple[str, dict], ...]:
    return tuple((str(v), {variable: v}) for v in values)


_DEEP_SPIRAL = {"dataset": "spiral", "n_samples": 600, "noise": 0.1, "width": 16, "optimizer": "sgd",
                "learning_rate": 0.1, "batch_size": 32}

LESSONS: dict[str, Lesson] = {lesson.name: lesson for lesson in [
    # -- the lecture notes --------------------------------------------------------------------
    Lesson("mnist_mlp", "lecture", "train",
           {"dataset": "mnist", "layer_widths": (256, 128), "activation": "relu", "initializer": "he_normal",
            "optimizer": "sgd", "learning_rate": 0.1, "batch_size": 100, "test_fraction": 0.3,
            "scaling": "minmax", "epochs": 15},
           quick={"epochs": 6}, claim=_test_metric_at_least(0.9), source="lecture 000"),
    Lesson("single_neuron", "lecture", "neuron", {"preset": "lecture_no_bias"}, claim=_single_neuron,
           source="lecture 001"),
    Lesson("xor_depth", "lecture", "compare",
           {"dataset": "xor", "n_samples": 400, "depth": 9, "width": 16, "initializer": "glorot_uniform",
            "optimizer": "sgd", "learning_rate": 0.1, "batch_size": 32, "epochs": 100},
           runs=_by_label("activation", ("sigmoid", "relu")), variable="activation",
           quick={"epochs": 40}, claim=_xor_depth, source="lecture 002"),
    Lesson("boston_swish_gelu", "lecture", "compare",
           {"dataset": "boston", "layer_widths": (64, 64), "batchnorm": True, "initializer": "glorot_uniform",
            "optimizer": "adam", "learning_rate": 0.001, "batch_size": 32, "epochs": 100},
           runs=_by_label("activation", ("swish", "gelu")), variable="activation",
           claim=_regression_fits(4.0), source="lecture 003"),
    Lesson("batch_size", "lecture", "compare",
           {"dataset": "spiral", "n_samples": 600, "epochs": 30},
           runs=_by_label("batch_size", (8, 32, 150)), variable="batch_size",
           quick={"epochs": 10, "n_samples": 400}, claim=_batch_noise, source="lecture 003"),
    Lesson("adam_adagrad", "lecture", "compare",
           {"dataset": "iris", "layer_widths": (64, 32), "learning_rate": 0.01, "batch_size": 16, "epochs": 50},
           runs=_by_label("optimizer", ("adam", "adagrad")), variable="optimizer",
           quick={"epochs": 20}, claim=_faster("adam", "adagrad"), source="lecture 003"),
    Lesson("mnist_ladder", "lecture", "compare",
           {"dataset": "mnist", "activation": "relu", "optimizer": "adam", "learning_rate": 0.001,
            "batch_size": 100, "scaling": "minmax", "epochs": 15},
           runs=(("softmax", {"depth": 0}),
                 ("normal", {"layer_widths": (256, 256), "initializer": "random_normal", "init_param": 1.0}),
                 ("xavier", {"layer_widths": (256, 256), "initializer": "glorot_uniform"}),
                 ("deep_wide", {"layer_widths": (512, 512, 512, 512), "initializer": "glorot_uniform"}),
                 ("dropout", {"layer_widths": (512, 512, 512, 512), "initializer": "glorot_uniform",
                              "dropout": 0.3})),
           quick={"epochs": 3}, claim=_ladder, source="lecture 002"),
    Lesson("iris_mlp", "lecture", "train",
           {"dataset": "iris", "layer_widths": (200, 100), "activation": "relu", "initializer": "he_normal",
            "optimizer": "adam", "learning_rate": 0.001, "batch_size": 32, "epochs": 50},
           claim=_test_metric_at_least(0.9), source="lecture 004"),
    Lesson("softmax_by_hand", "lecture", "softmax", {}, claim=_softmax_by_hand, source="lecture 003"),
    Lesson("ensemble", "lecture", "compare",
           {"dataset": "spiral", "n_samples": 600, "noise": 0.3, "depth": 2, "width": 32, "optimizer": "adam",
            "learning_rate": 0.01, "batch_size": 32, "epochs": 40},
           runs=_by_label("seed", (0, 1, 2, 3, 4)), variable="seed",
           quick={"epochs": 20}, claim=_ensemble, source="lecture 002"),
    # -- the classic results ----------------------------------------------------------------------
    Lesson("vanishing_gradients", "classic", "compare",
           {**_DEEP_SPIRAL, "depth": 10, "initializer": "glorot_uniform", "epochs": 100},
           runs=_by_label("activation", ("sigmoid", "relu")), variable="activation",
           quick={"epochs": 10, "n_samples": 400}, claim=_vanishing, source="Glorot & Bengio 2010"),
    Lesson("zero_init", "classic", "train",
           {"dataset": "spiral", "depth": 3, "width": 16, "activation": "sigmoid", "initializer": "zeros",
            "optimizer": "sgd", "learning_rate": 0.3, "epochs": 50},
           quick={"epochs": 10}, claim=_zero_init, source="lecture 002"),
    Lesson("xavier_vs_he", "classic", "compare",
           {**_DEEP_SPIRAL, "depth": 30, "width": 32, "activation": "relu", "optimizer": "momentum",
            "learning_rate": 0.01, "epochs": 40},
           runs=_by_label("initializer", ("glorot_uniform", "he_normal")), variable="initializer",
           quick={"epochs": 20}, claim=_xavier_vs_he, source="He et al. 2015"),
    Lesson("glorot_bengio", "classic", "compare",
           {"dataset": "mnist", "depth": 5, "width": 64, "initializer": "glorot_uniform", "optimizer": "sgd",
            "learning_rate": 0.1, "batch_size": 32, "scaling": "minmax", "epochs": 10},
           runs=_by_label("activation", ("softsign", "tanh", "sigmoid")), variable="activation",
           quick={"epochs": 3}, claim=_glorot_bengio, source="Glorot & Bengio 2010"),
    Lesson("selu", "classic", "compare",
           {**_DEEP_SPIRAL, "depth": 30, "width": 32, "learning_rate": 0.01, "epochs": 20},
           runs=(("selu", {"activation": "selu", "initializer": "lecun_normal"}),
                 ("relu", {"activation": "relu", "initializer": "glorot_uniform"})),
           quick={"epochs": 2, "n_samples": 400}, claim=_selu, source="Klambauer et al. 2017"),
    Lesson("batchnorm_rescue", "classic", "compare",
           {**_DEEP_SPIRAL, "dataset": "moons", "depth": 10, "activation": "sigmoid", "initializer": "glorot_uniform",
            "optimizer": "momentum", "epochs": 60},
           runs=(("plain", {"batchnorm": False}), ("batchnorm", {"batchnorm": True})), variable="batchnorm",
           quick={"epochs": 30, "n_samples": 400}, claim=_batchnorm, source="Ioffe & Szegedy 2015"),
    Lesson("dying_relu", "classic", "train",
           {"dataset": "spiral", "depth": 4, "width": 16, "activation": "relu", "initializer": "he_normal",
            "optimizer": "adam", "learning_rate": 0.3, "epochs": 30},
           quick={"epochs": 10}, claim=_dying_relu, source="lecture 002"),
    Lesson("dropout", "classic", "compare",
           {"dataset": "spiral", "n_samples": 200, "noise": 0.3, "depth": 3, "width": 256, "optimizer": "adam",
            "learning_rate": 0.003, "epochs": 200},
           runs=_by_label("dropout", (0.0, 0.5)), variable="dropout",
           quick={"epochs": 100}, claim=_dropout, source="Srivastava et al. 2014"),
    Lesson("optimizer_race", "classic", "compare",
           {"dataset": "spiral", "learning_rate": 0.01, "epochs": 60},
           runs=_by_label("optimizer", ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")),
           variable="optimizer", quick={"epochs": 20, "n_samples": 400}, claim=_faster("adam", "sgd"),
           source="lecture 002"),
]}


def names() -> list[str]:
    return list(LESSONS)


def get(name: str) -> Lesson:
    try:
        return LESSONS[name]
    except KeyError:
        raise ValueError(f"unknown lesson {name!r}; choose one of: {', '.join(LESSONS)}") from None


def run_lesson(lesson: Lesson, quick: bool = False, observer=None) -> dict[str, object]:
    """Train every run of a Train or Compare lesson headless; returns the records by label.

    As on the Compare page, a Compare lesson's data is loaded once from the settings its runs
    share, so every run sees the same split, even runs that differ in their seed (the ensemble);
    the batch order comes from each run's seed."""
    from nnlab import datasets, engine

    if lesson.page not in ("train", "compare"):
        raise ValueError(f"lesson {lesson.name!r} opens the {lesson.page} page: it has nothing to train")
    data = datasets.load(lesson.config(quick))
    records = {}
    for label, config in lesson.run_configs(quick):
        records[label] = engine.run(config, data, observer)
    return records


__all__ = ["LESSONS", "Lesson", "PAGES", "TOPICS", "Verdict", "get", "names", "run_lesson", "single_neuron_verdict",
           "softmax_verdict"]
