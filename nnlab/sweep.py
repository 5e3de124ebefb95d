"""Sweeps: one base RunConfig, a grid of values for chosen fields, and a number of seeds.

``Sweep(base, grid, seeds)`` validates the grid through the field specs (an unknown field
or a bad value is a ``ConfigError`` with a catalog code, as everywhere in nnlab) and lists
its trials (``Sweep.trials()``): the product of the grid's values, once per seed, seeds
outermost (a partial sweep has covered the whole grid for the first seeds). A trial's
``key`` names its grid values and seed in the fields' canonical order, as a link writes
them (``depth=6&activation=tanh&initializer=he_normal&seed=0``): the key, not the row's
position, is what a resumed sweep matches.

``run_sweep(sweep, backend, out)`` trains every trial not yet in ``out`` with nnlab's
own training loop (``engine.run``) and appends, per trial, its full run record as one JSON
line to ``out.with_suffix(".jsonl")`` and then one row to the CSV ``out`` (each flushed and
fsynced: a sweep killed at any moment keeps every finished trial; a half-written last line
is cut off on the next run). Rows whose status is ``failed`` or ``stopped`` are trained
again on the next run. Backends:

- ``local``: in this process, one trial after another (see ``LOCAL_WORKERS``). The data
  set is loaded once per distinct data configuration (the data fields and the seed) and
  runs of one architecture reuse one compiled trainer (``engine.default_pool``).
- ``ray``: a Ray Tune grid search over the trial keys whose trainable calls the same
  training function (``train_trial``) in Ray workers and reports the same row; Ray starts
  locally (``ray.init``) or joins the cluster at ``ray_address`` / ``$RAY_ADDRESS``. Ray is
  optional (``requirements-ray.txt``).

The same sweep gives the same numbers with either backend: the training of a RunConfig
is deterministic (seeded initial weights, batch order and dropout; see ``nnlab.engine``).

``read_table`` reads a sweep CSV back (the CLI's, or one uploaded to the Sweep page) and
raises ``SweepFileError`` (catalog key ``sweep.file.<code>``) for a file that is not one.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import json
import math
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from nnlab import i18n, snapshot
from nnlab.config import FIELD_NAMES, FIELD_SPECS, ConfigError, RunConfig, field_for_key, format_params, parse_value

MAX_TRIALS = 5000  # a sweep of more trials is refused (the CLI says so); the hosted page caps far lower
MAX_SEEDS = 100
BACKENDS = ("local", "ray")
# Trials trained at once by the local backend. One: on this 2-core machine a second thread
# made sweeps slower, not faster (bench/sweep_throughput.py): a small network's step is
# mostly Python and TensorFlow dispatch under the GIL, and each thread needs its own
# compiled trainer (tracing twice), so two threads only contend. Ray gets its parallelism
# from processes instead.
LOCAL_WORKERS = 1
STATUSES = ("finished", "diverged", "stopped", "failed")
DONE_STATUSES = ("finished", "diverged")  # a resumed sweep skips these; it trains stopped and failed trials again
INSTALL_RAY = "python3 -m pip install -r requirements-ray.txt"

# Fields a grid cannot vary: a file (its path and fingerprint), the per-layer lists (their
# values contain commas) and the seed (``seeds`` varies it).
NOT_IN_GRID = ("csv_path", "csv_sha256", "layer_widths", "layer_activations", "seed")
GRID_FIELDS = tuple(name for name in FIELD_NAMES if name not in NOT_IN_GRID)
# The fields ``datasets.load`` reads: trials that agree on them share one loaded data set.
DATA_FIELDS = tuple(dict.fromkeys(
    [n for n, fs in FIELD_SPECS.items() if fs.section == "data"] + ["val_fraction", "csv_sha256", "seed"]))

LEAD_COLUMNS = ("trial", "seed")
RESULT_COLUMNS = ("dataset", "status", "epochs_trained", "train_loss", "val_loss", "test_loss", "test_metric",
                  "metric_name", "grad_ratio", "seconds", "backend")
NUMERIC_COLUMNS = ("seed", "epochs_trained", "train_loss", "val_loss", "test_loss", "test_metric", "grad_ratio",
                   "seconds")


@dataclass(frozen=True)
class Metric:
    """A metric column of a sweep table: its catalog label and which way is better.

    ``lower_is_better`` None: it depends on the row's ``metric_name`` (``test_metric`` is an
    accuracy, higher is better, or an MAE, lower is better): see ``lower_is_better``."""

    column: str
    label: str  # catalog key
    lower_is_better: bool | None
    log_scale: bool = False  # spans orders of magnitude (the gradient ratio)


METRICS: dict[str, Metric] = {m.column: m for m in [
    Metric("test_metric", "sweep.metric.test_metric", None),
    Metric("test_loss", "sweep.metric.test_loss", True),
    Metric("val_loss", "sweep.metric.val_loss", True),
    Metric("train_loss", "sweep.metric.train_loss", True),
    # first ÷ last hidden layer's gradient norm: far below 1 is a vanishing gradient
    Metric("grad_ratio", "sweep.metric.grad_ratio", False, log_scale=True),
    Metric("epochs_trained", "sweep.metric.epochs_trained", False),
    Metric("seconds", "sweep.metric.seconds", True),
]}


def lower_is_better(column: str, metric_name: str = "accuracy") -> bool:
    """Whether a lower value of ``column`` is better; ``test_metric`` by its ``metric_name``."""
    m = METRICS[column]
    if m.lower_is_better is None:
        return metric_name != "accuracy"
    return m.lower_is_better


def metric_label(column: str, lang: str = "en", metric_name: str | None = None) -> str:
    """A metric column as the UI names it; ``test_metric`` as 'test accuracy' / 'test MAE' when known."""
    if column == "test_metric" and metric_name in ("accuracy", "mae"):
        return i18n.t(f"sweep.metric.test_{metric_name}", lang)
    return i18n.t(METRICS[column].label, lang)


class SweepError(ValueError):
    """A sweep cannot run as asked (too big, Ray missing or unreachable). ``code`` and
    ``params`` say it in data (catalog key ``sweep.err.<code>``); the message is the English text."""

    prefix = "sweep.err"
    PLAIN = ("shape",)  # parameters nnlab wrote itself: shown as they are, not quoted

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.text())

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``."""
        quoted = {k: v for k, v in self.params.items() if k not in self.PLAIN}
        plain = {k: str(v) for k, v in self.params.items() if k in self.PLAIN}
        return i18n.t(f"{self.prefix}.{self.code}", lang, **format_params(quoted, lang=lang), **plain)


class SweepFileError(SweepError):
    """A file is not a sweep table, or not the table of this sweep (catalog ``sweep.file.<code>``)."""

    prefix = "sweep.file"

    def __init__(self, code: str, detail: str = "", **params):
        self.detail = detail
        super().__init__(code, detail=detail, **params)


# -- the grid ---------------------------------------------------------------------------------

def _grid_value(name: str, value):
    """A grid value of field ``name`` typed and checked (text as a link or CLI writes it)."""
    fs = FIELD_SPECS[name]
    if isinstance(value, str):
        value = parse_value(name, value.strip())
    else:
        try:
            value = fs.coerce(value)
        except (TypeError, OverflowError, ValueError):
            raise ConfigError(name, value, fs.type_code) from None
    problem = fs.problem(value)
    if problem is not None:
        code, shown, params = problem
        raise ConfigError(name, shown, code, **params)
    return value


def normalize_grid(grid: Mapping[str, Iterable]) -> dict[str, tuple]:
    """``grid`` with field names (aliases accepted), typed values, duplicates dropped (first
    kept). ConfigError: an unknown field, a field that cannot vary, no values, a bad value."""
    out: dict[str, tuple] = {}
    for key, values in grid.items():
        name = field_for_key(key)
        if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
            values = [values]
        values = list(values)
        shown = ",".join(map(str, values))
        if name is None:
            raise ConfigError(str(key), shown, "unknown", known=GRID_FIELDS)
        if name == "seed":
            raise ConfigError(name, shown, "grid_seed")
        if name in NOT_IN_GRID:
            raise ConfigError(name, shown, "not_in_grid", fields=GRID_FIELDS)
        if name in out:
            raise ConfigError(name, shown, "twice", keys=[name, str(key)])
        typed = list(dict.fromkeys(_grid_value(name, v) for v in values))
        if not typed:
            raise ConfigError(name, "", "grid_values")
        out[name] = tuple(typed)
    return out


def parse_grid_arg(text: str) -> tuple[str, list[str]]:
    """One ``--grid FIELD=v1,v2`` argument as (field, [values]); ConfigError when malformed."""
    name, sep, values = str(text).partition("=")
    name = name.strip()
    if not sep or not name:
        raise ConfigError("grid", text, "grid_syntax")
    items = [v.strip() for v in values.split(",")]
    if not any(items):
        raise ConfigError(name, values, "grid_values")
    if not all(items):
        raise ConfigError(name, values, "grid_syntax")
    return name, items


def _changes(base: RunConfig, values: Mapping) -> dict:
    """The RunConfig changes of one grid point, as the Compare page makes them: a depth or
    width means the uniform shape, an activation every hidden layer's activation."""
    changes = dict(values)
    if "activation" in changes or "depth" in changes:
        changes.setdefault("layer_activations", ())
    if ("depth" in changes or "width" in changes) and base.layer_widths:
        changes.setdefault("width", base.layer_widths[0])
        changes["layer_widths"] = ()
    return changes


@dataclass(frozen=True)
class Trial:
    key: str  # e.g. "depth=6&activation=tanh&seed=0": the grid values and the seed (resuming matches it)
    config: RunConfig
    values: dict  # {field: value} of the grid point, in the grid's order, then "seed"


@dataclass(frozen=True)
class Sweep:
    base: RunConfig
    grid: dict = field(hash=False)  # {RunConfig field: (values…)}; normalized by __post_init__
    seeds: int = 1

    def __post_init__(self):
        if not isinstance(self.base, RunConfig):
            raise TypeError("Sweep.base must be a RunConfig")
        object.__setattr__(self, "grid", normalize_grid(self.grid))
        seeds = self.seeds
        if isinstance(seeds, bool) or not isinstance(seeds, (int, np.integer, str)):
            raise ConfigError("seeds", seeds, "int")
        try:
            seeds = int(seeds)
        except ValueError:
            raise ConfigError("seeds", self.seeds, "int") from None
        if not 1 <= seeds <= MAX_SEEDS:
            raise ConfigError("seeds", seeds, "range", low=1, high=MAX_SEEDS)
        if self.base.seed + seeds - 1 > FIELD_SPECS["seed"].range[1]:
            raise ConfigError("seed", self.base.seed, "range", low=0, high=FIELD_SPECS["seed"].range[1] - seeds + 1)
        object.__setattr__(self, "seeds", seeds)
        if not self.grid:
            raise SweepError("empty_grid")
        if self.size > MAX_TRIALS:
            raise SweepError("too_many", trials=self.size, max=MAX_TRIALS, shape=self.shape_text())

    @property
    def size(self) -> int:
        return math.prod(len(v) for v in self.grid.values()) * self.seeds

    @property
    def seed_values(self) -> tuple[int, ...]:
        """The seeds: the base config's seed and the next ``seeds - 1``."""
        return tuple(range(self.base.seed, self.base.seed + self.seeds))

    def shape_text(self) -> str:
        """'3 activation × 2 initializer × 3 depth × 3 seeds'."""
        parts = [f"{len(v)} {k}" for k, v in self.grid.items()] + [f"{self.seeds} seed{'s' if self.seeds > 1 else ''}"]
        return " × ".join(parts)

    def trials(self) -> list[Trial]:
        """Every trial in a stable order: seeds outermost, then the grid's fields in its order.
        ConfigError when a grid point makes an invalid configuration (e.g. the csv data set
        without a file)."""
        names = list(self.grid)
        out = []
        for seed in self.seed_values:
            for combo in itertools.product(*self.grid.values()):
                values = dict(zip(names, combo))
                config = self.base.edit(**_changes(self.base, values), seed=seed)
                out.append(Trial(trial_key(values, seed), config, {**values, "seed": seed}))
        return out


def trial_key(values: Mapping, seed: int) -> str:
    """The stable text id of a grid point and seed: fields in RunConfig's order, as a link writes them."""
    parts = [f"{name}={FIELD_SPECS[name].format(values[name])}" for name in FIELD_NAMES if name in values]
    return "&".join(parts + [f"seed={int(seed)}"])


def columns_for(grid_fields: Iterable[str]) -> list[str]:
    """The CSV columns of a sweep over ``grid_fields``."""
    return [*LEAD_COLUMNS, *grid_fields, *RESULT_COLUMNS]


# -- one trial ----------------------------------------------------------------------------------

_DATA_CACHE: dict[tuple, object] = {}
_DATA_LOCK = threading.Lock()
_DATA_CACHE_SIZE = 8


def _data_for(config: RunConfig):
    """The loaded data set of ``config``, shared by every trial with the same data fields."""
    from nnlab import datasets

    key = tuple(getattr(config, n) for n in DATA_FIELDS)
    with _DATA_LOCK:
        data = _DATA_CACHE.get(key)
        if data is None:
            data = datasets.load(config)
            while len(_DATA_CACHE) >= _DATA_CACHE_SIZE:
                _DATA_CACHE.pop(next(iter(_DATA_CACHE)))
            _DATA_CACHE[key] = data
        return data


class _StopControl:
    def __init__(self, stop: threading.Event | None):
        self.stop = stop

    def should_stop(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def wait_while_paused(self) -> None:
        pass


def _last(values) -> float | None:
    return snapshot.finite(values[-1]) if values else None


def result_values(snap: dict) -> dict:
    """The result columns of a finished (or diverged/stopped) run's snapshot."""
    metric = snapshot.metric(snap)
    test = snap.get("test") or {}
    return {"dataset": snapshot.dataset(snap).get("name", snapshot.config(snap).get("dataset", "")),
            "status": snapshot.status(snap),
            "epochs_trained": snapshot.trained_epochs(snap),
            "train_loss": _last(snapshot.epoch_series(snap, "loss")),
            "val_loss": _last(snapshot.epoch_series(snap, "val_loss")),
            "test_loss": snapshot.finite(test.get("loss")),
            "test_metric": snapshot.finite(test.get(metric)),
            "metric_name": metric,
            "grad_ratio": snapshot.gradient_ratio(snap)}


def train_trial(key: str, config: RunConfig, stop: threading.Event | None = None) -> dict:
    """Train one trial: ``{"trial", "started_at", "seconds", "result": {result columns}, "record":
    run record (a dict) or None, "error": text or None}``. Any error of the run is caught and
    reported as status ``failed``. Both backends call this (Ray inside its workers)."""
    from nnlab import engine

    started_at = time.time()
    t0 = time.perf_counter()
    try:
        record = engine.run(config, _data_for(config), control=_StopControl(stop))
        snap = record.snapshot()
        result = result_values(snap)
        document, error = json.loads(record.to_json(indent=None)), record.error
    except Exception as exc:  # a trial's failure is its row's status, not the sweep's end
        result = {name: None for name in RESULT_COLUMNS if name not in ("seconds", "backend")}
        result.update(dataset=config.dataset, status="failed", metric_name=None)
        document, error = None, f"{type(exc).__name__}: {exc}"
    return {"trial": key, "started_at": started_at, "seconds": time.perf_counter() - t0, "result": result,
            "record": document, "error": error}


def make_row(trial: Trial, outcome: dict, backend: str) -> dict:
    """The CSV row of a trial (``columns_for``; values as text, missing numbers empty)."""
    row = {"trial": trial.key, "seed": trial.config.seed}
    for name, value in trial.values.items():
        if name != "seed":
            row[name] = FIELD_SPECS[name].format(value)
    row.update(outcome["result"])
    row["seconds"] = round(float(outcome["seconds"]), 4)
    row["backend"] = backend
    return row


# -- the output files -------------------------------------------------------------------------

def records_path(out: Path) -> Path:
    """Where the run records of the sweep table ``out`` go: beside it, ``.jsonl``."""
    return Path(out).with_suffix(".jsonl")


def _cut_partial_line(path: Path) -> None:
    """Drop a half-written last line (a sweep killed while writing it), so appends start clean."""
    if not path.exists():
        return
    size = path.stat().st_size
    if size == 0:
        return
    with open(path, "rb+") as fh:
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return
        pos = size
        while pos > 0:  # back to the last newline
            step = min(65536, pos)
            fh.seek(pos - step)
            chunk = fh.read(step)
            i = chunk.rfind(b"\n")
            if i >= 0:
                fh.truncate(pos - step + i + 1)
                return
            pos -= step
        fh.truncate(0)


def _last_line(path: Path) -> bytes:
    """The last complete line of a file (b"" if none), read from the end."""
    if not path.exists():
        return b""
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        end = fh.tell()
        buf, pos = b"", end
        while pos > 0:
            step = min(1 << 20, pos)
            pos -= step
            fh.seek(pos)
            buf = fh.read(step) + buf
            lines = buf.rstrip(b"\n").rsplit(b"\n", 1)
            if len(lines) == 2 or pos == 0:
                return lines[-1]
    return b""


class _Writer:
    """Appends trials to the CSV and the JSONL beside it, one flushed, fsynced line each."""

    def __init__(self, out: Path, columns: list[str]):
        self.out = Path(out)
        self.jsonl = records_path(self.out)
        self.columns = columns
        self.lock = threading.Lock()
        new = not self.out.exists() or self.out.stat().st_size == 0
        self.csv_fh = open(self.out, "a", encoding="utf-8", newline="")
        self.json_fh = open(self.jsonl, "a", encoding="utf-8")
        self.csv = csv.DictWriter(self.csv_fh, fieldnames=columns, lineterminator="\n")
        if new:
            self.csv.writeheader()
            self._sync(self.csv_fh)

    @staticmethod
    def _sync(fh) -> None:
        fh.flush()
        os.fsync(fh.fileno())

    def add(self, row: dict, outcome: dict, config: RunConfig) -> None:
        line = {"trial": row["trial"], "backend": row["backend"], "started_at": outcome.get("started_at"),
                "seconds": row["seconds"], "config": config.to_dict(), "row": row, "error": outcome.get("error"),
                "record": outcome.get("record")}
        text = json.dumps(line, ensure_ascii=False, allow_nan=False, default=_json_default)
        with self.lock:  # the record first: a trial without its CSV row is simply trained again
            self.json_fh.write(text + "\n")
            self._sync(self.json_fh)
            self.csv.writerow({c: ("" if row.get(c) is None else row.get(c)) for c in self.columns})
            self._sync(self.csv_fh)

    def close(self) -> None:
        self.csv_fh.close()
        self.json_fh.close()


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _existing(sweep: Sweep, out: Path, trials: list[Trial]) -> tuple[pd.DataFrame | None, list[str] | None]:
    """The rows already in ``out`` (None: a new file) and its column order; SweepFileError when
    ``out`` holds another sweep (other grid fields, or other settings for the same trial)."""
    out = Path(out)
    _cut_partial_line(out)
    _cut_partial_line(records_path(out))
    if not out.exists() or out.stat().st_size == 0:
        return None, None
    table = read_table(out, allow_empty=True)
    columns = list(pd.read_csv(out, nrows=0).columns)
    wanted = set(columns_for(sweep.grid))
    if set(columns) != wanted:
        raise SweepFileError("other_grid", str(out), found=sorted(set(grid_columns(table))), given=list(sweep.grid))
    line = _last_line(records_path(out))
    try:
        last = json.loads(line) if line else {}
    except ValueError:
        last = {}  # an unreadable record line decides nothing: the CSV does
    by_key = {t.key: t for t in trials}
    if isinstance(last, dict) and last.get("trial") in by_key \
            and last.get("config") != by_key[last["trial"]].config.to_dict():
        raise SweepFileError("other_settings", str(out), trial=last["trial"])
    return table, columns


# -- progress ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SweepProgress:
    done: int  # trials in the table (skipped ones included)
    total: int
    skipped: int  # trials found finished in ``out`` and not trained again
    eta_seconds: float | None  # None until a trial of this run has ended
    last_row: dict | None  # the row of the trial that just ended


class _Tracker:
    def __init__(self, total: int, skipped: int, todo: int, progress):
        self.total, self.skipped, self.todo = total, skipped, todo
        self.progress = progress
        self.ended = 0
        self.started = time.perf_counter()
        self.lock = threading.Lock()

    def report(self, row: dict | None) -> None:
        with self.lock:
            if row is not None:
                self.ended += 1
            eta = None
            if self.ended:
                per = (time.perf_counter() - self.started) / self.ended
                eta = per * (self.todo - self.ended)
            event = SweepProgress(self.skipped + self.ended, self.total, self.skipped, eta, row)
        if self.progress is not None:
            self.progress(event)


# -- running ------------------------------------------------------------------------------------

def run_sweep(sweep: Sweep, backend: str = "local", out: Path | str | None = None,
              progress: Callable[[SweepProgress], None] | None = None, stop: threading.Event | None = None,
              ray_address: str | None = None, *, workers: int | None = None,
              shutdown_ray: bool = True) -> pd.DataFrame:
    """Train every trial of ``sweep`` not already finished in ``out`` and return the whole table.

    ``out``: the CSV to append to (None: keep nothing on disk). ``progress`` is called once
    at the start (``last_row`` None) and after every trial. ``stop``: once set, no new trial
    starts and the running ones stop (status ``stopped``, trained again on the next run).
    ``workers``: trials at once for the local backend (default ``LOCAL_WORKERS``).
    ``shutdown_ray``: shut Ray down at the end if this call started it.
    """
    if backend not in BACKENDS:
        raise SweepError("backend", backend=str(backend), choices=list(BACKENDS))
    trials = sweep.trials()
    if sweep.base.dataset == "csv":  # every trial records the exact file (as the train command does)
        from nnlab import datasets

        data = _data_for(sweep.base)
        pinned = datasets.pin_csv(sweep.base, data)
        if pinned is not sweep.base:
            trials = [dataclasses.replace(t, config=t.config.replace(csv_sha256=pinned.csv_sha256)) for t in trials]
    columns = columns_for(sweep.grid)
    existing, file_columns = (None, None) if out is None else _existing(sweep, Path(out), trials)
    done_keys: set[str] = set()
    if existing is not None:
        done_keys = set(existing.loc[existing["status"].isin(DONE_STATUSES), "trial"])
    todo = [t for t in trials if t.key not in done_keys]
    skipped = len(trials) - len(todo)
    rows: dict[str, dict] = {}
    if existing is not None:
        for row in existing.to_dict("records"):
            rows[row["trial"]] = row
    writer = _Writer(Path(out), file_columns or columns) if out is not None else None
    tracker = _Tracker(len(trials), skipped, len(todo), progress)
    tracker.report(None)

    def finish(trial: Trial, outcome: dict, name: str) -> None:
        row = make_row(trial, outcome, name)
        if writer is not None:
            writer.add(row, outcome, trial.config)
        rows[trial.key] = row
        tracker.report(row)

    try:
        if todo:
            if backend == "local":
                _run_local(todo, finish, stop, workers or LOCAL_WORKERS)
            else:
                _run_ray(todo, finish, stop, ray_address, shutdown_ray)
    finally:
        if writer is not None:
            writer.close()
    order = {t.key: i for i, t in enumerate(trials)}
    if out is None:
        table = _typed(pd.DataFrame(list(rows.values()), columns=columns))
    else:
        table = read_table(Path(out), allow_empty=True)  # the file's values, as the page will read them
    rank = table["trial"].map(lambda k: order.get(k, len(order)))
    return table.iloc[rank.argsort(kind="stable")].reset_index(drop=True)  # trial order, whatever ended first


def _run_local(todo: list[Trial], finish, stop, workers: int) -> None:
    if workers <= 1:
        for trial in todo:
            if stop is not None and stop.is_set():
                return
            finish(trial, train_trial(trial.key, trial.config, stop), "local")
        return
    from concurrent.futures import ThreadPoolExecutor

    def one(trial):
        if stop is not None and stop.is_set():
            return
        finish(trial, train_trial(trial.key, trial.config, stop), "local")

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="nnlab-sweep") as pool:
        for future in [pool.submit(one, t) for t in todo]:
            future.result()


# -- Ray ----------------------------------------------------------------------------------------

RAY_TRIAL_CPUS = 1
_ROOT = Path(__file__).resolve().parent.parent


def import_ray():
    """``ray`` and ``ray.tune``, or SweepError("ray_missing") saying how to install them."""
    os.environ.setdefault("TUNE_DISABLE_AUTO_CALLBACK_LOGGERS", "1")  # no per-trial files, no TensorBoard
    os.environ.setdefault("RAY_AIR_NEW_OUTPUT", "0")
    os.environ.setdefault("TUNE_WARN_EXCESSIVE_EXPERIMENT_CHECKPOINT_SYNC_THRESHOLD_S", "1e9")
    try:
        import ray
        from ray import tune
    except ImportError:
        raise SweepError("ray_missing") from None
    return ray, tune


def worker_env() -> dict[str, str]:
    """What Ray workers need to train like this process: nnlab importable, TensorFlow quiet."""
    path = os.pathsep.join(p for p in [str(_ROOT), os.environ.get("PYTHONPATH", "")] if p)
    return {"PYTHONPATH": path, "TF_CPP_MIN_LOG_LEVEL": os.environ.get("TF_CPP_MIN_LOG_LEVEL", "3"),
            "NNLAB_PREWARM": "0"}


def start_ray(ray_address: str | None = None) -> bool:
    """Start Ray locally (this machine's CPUs, no dashboard, quiet) or join the cluster at
    ``ray_address`` / ``$RAY_ADDRESS``; returns False if Ray was already running here."""
    import logging

    ray, _ = import_ray()
    if ray.is_initialized():
        return False
    address = ray_address or os.environ.get("RAY_ADDRESS") or None
    if address and address.startswith("ray://"):
        # Through Ray Client, Tune runs the whole search on the cluster and its callbacks there:
        # the rows could not be written here as trials end (which resuming relies on).
        raise SweepError("ray_client", address=address)
    try:
        if address:  # a cluster: ship the nnlab package to its workers
            ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False,
                     runtime_env={"py_modules": [str(_ROOT / "nnlab")],
                                  "env_vars": {k: v for k, v in worker_env().items() if k != "PYTHONPATH"}})
        else:
            os.environ.update(worker_env())  # local workers inherit this process's environment
            ray.init(num_cpus=os.cpu_count() or 1, include_dashboard=False, logging_level=logging.WARNING,
                     log_to_driver=False, configure_logging=True)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise SweepError("ray_connect", address=address or "local", detail=str(exc).splitlines()[0][:200]) from None
    return True


def _ray_trainable(params: dict, configs: dict | None = None) -> dict:
    from ray import tune

    key = params["trial"]
    outcome = train_trial(key, RunConfig.from_dict(configs[key]))
    tune.report({"outcome": json.dumps(outcome, allow_nan=False, default=_json_default)})


def _run_ray(todo: list[Trial], finish, stop, ray_address, shutdown_ray: bool) -> None:
    import shutil
    import tempfile

    ray, tune = import_ray()
    started_here = start_ray(ray_address)
    by_key = {t.key: t for t in todo}
    import logging

    from nnlab import sweep_ray  # Tune's callback and stopper (a module that imports Ray)

    # Tune's end-of-run summary looks for per-trial result files, which this sweep does not write
    logging.getLogger("ray.tune.analysis.experiment_analysis").setLevel(logging.ERROR)
    # on Ctrl-C Tune says how to restore its own experiment state, which is deleted below: rerunning the sweep resumes
    logging.getLogger("ray.tune.tune").setLevel(logging.ERROR)
    sweep_id = sweep_ray.register(finish, stop, by_key)
    Writer, Stop = sweep_ray.Writer, sweep_ray.Stop
    storage = tempfile.mkdtemp(prefix="nnlab-sweep-ray-")
    try:
        trainable = tune.with_resources(
            tune.with_parameters(_ray_trainable, configs={k: t.config.to_dict() for k, t in by_key.items()}),
            {"cpu": RAY_TRIAL_CPUS})
        tuner = tune.Tuner(
            trainable,
            param_space={"trial": tune.grid_search(list(by_key))},
            tune_config=tune.TuneConfig(reuse_actors=True),
            run_config=tune.RunConfig(name="nnlab-sweep", storage_path=storage, verbose=0,
                                      callbacks=[Writer(sweep_id)], stop=Stop(sweep_id), log_to_file=False,
                                      failure_config=tune.FailureConfig(max_failures=1)))
        tuner.fit()
    finally:
        sweep_ray.forget(sweep_id)
        shutil.rmtree(storage, ignore_errors=True)
        if started_here and shutdown_ray:
            ray.shutdown()


# -- reading a table ----------------------------------------------------------------------------

def grid_columns(df: pd.DataFrame) -> list[str]:
    """The grid fields of a sweep table, in its column order."""
    fixed = set(LEAD_COLUMNS) | set(RESULT_COLUMNS)
    return [c for c in df.columns if c not in fixed and c in GRID_FIELDS]


MAX_FILE_ROWS = 200_000


def _csv_text(path_or_buffer) -> tuple[str, str]:
    """(a name for messages, the file's text without a half-written last row).

    Accepts a path, bytes, or a file-like object (an upload). The last line is dropped only
    when it has no line break and fewer cells than the header: what a sweep killed while
    writing leaves (a file saved without a final line break keeps its last row)."""
    name = str(getattr(path_or_buffer, "name", None) or path_or_buffer)[:200]
    try:
        if isinstance(path_or_buffer, (bytes, bytearray)):
            data = bytes(path_or_buffer)
            name = "the file"
        elif hasattr(path_or_buffer, "read"):
            data = path_or_buffer.read()
        else:
            data = Path(path_or_buffer).read_bytes()
        text = data if isinstance(data, str) else data.decode("utf-8-sig")
    except FileNotFoundError:
        raise SweepFileError("missing", name) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SweepFileError("unreadable", str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__) from None
    if "\x00" in text:
        raise SweepFileError("unreadable", "binary data")
    if text and not text.endswith("\n") and "\n" in text:
        head, last = text[: text.index("\n")], text[text.rindex("\n") + 1:]
        try:
            short = len(next(csv.reader([last]))) < len(next(csv.reader([head])))
        except (csv.Error, StopIteration):
            short = True
        if short:
            text = text[: text.rindex("\n") + 1]
    return name, text


def read_table(path_or_buffer, allow_empty: bool = False) -> pd.DataFrame:
    """A sweep CSV as a DataFrame (one row per trial: a trial written twice, by a retry, keeps
    its last row). SweepFileError: not readable as CSV (``unreadable``), not a sweep table
    (``columns``), no trials (``empty``, unless ``allow_empty``), a value of the wrong kind
    (``values``)."""
    name, text = _csv_text(path_or_buffer)
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, nrows=MAX_FILE_ROWS + 1,
                         on_bad_lines="error")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise SweepFileError("unreadable", str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__) from None
    df = df.fillna("")  # a row with fewer cells than the header
    if len(df) > MAX_FILE_ROWS:
        raise SweepFileError("too_big", str(name), max=MAX_FILE_ROWS)
    missing = [c for c in (*LEAD_COLUMNS, *RESULT_COLUMNS) if c not in df.columns]
    if missing:
        raise SweepFileError("columns", ", ".join(missing))
    unknown = [c for c in df.columns if c not in LEAD_COLUMNS and c not in RESULT_COLUMNS and c not in GRID_FIELDS]
    if unknown:
        raise SweepFileError("columns", ", ".join(unknown))
    if not grid_columns(df):
        raise SweepFileError("columns", "no grid field")
    if df.empty and not allow_empty:
        raise SweepFileError("empty", str(name))
    bad_status = sorted(set(df["status"]) - set(STATUSES))
    if bad_status:
        raise SweepFileError("values", "status", value=bad_status[0][:40])
    if (df["trial"] == "").any():
        raise SweepFileError("values", "trial", value="")
    df = df.drop_duplicates("trial", keep="last").reset_index(drop=True)
    return _typed(df)


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """Numbers as numbers (empty → NaN), grid values typed as their fields."""
    df = df.copy()
    for column in NUMERIC_COLUMNS:
        if column not in df:
            continue
        values = pd.to_numeric(df[column].replace("", np.nan), errors="coerce")
        bad = values.isna() & ~df[column].isin(["", None]) & df[column].notna()
        if bad.any():
            raise SweepFileError("values", column, value=str(df[column][bad].iloc[0])[:40])
        df[column] = values
    if len(df):
        df["seed"] = df["seed"].astype("int64") if df["seed"].notna().all() else df["seed"]
        df["epochs_trained"] = df["epochs_trained"].astype("Int64")
    for name in grid_columns(df):
        fs = FIELD_SPECS[name]
        try:
            typed = [fs.parse(str(v)) for v in df[name]]
        except ValueError:
            raise SweepFileError("values", name) from None
        df[name] = pd.Series(typed, index=df.index, dtype=object if fs.kind in ("choice", "text") else None)
    for column in ("metric_name", "backend", "dataset", "status", "trial"):
        if column in df:
            df[column] = df[column].astype(object).where(df[column] != "", None)
    return df


def best_trials(df: pd.DataFrame, n: int = 5, metric: str = "test_metric") -> pd.DataFrame:
    """The ``n`` best finished trials by ``metric`` (its better direction, ties by test loss)."""
    done = df[df["status"] == "finished"].dropna(subset=[metric])
    if done.empty:
        return done
    names = done["metric_name"].dropna()
    lower = lower_is_better(metric, names.iloc[0] if len(names) else "accuracy")
    keys = [metric] + (["test_loss"] if metric != "test_loss" else [])
    return done.sort_values(keys, ascending=[lower, True][: len(keys)], kind="stable").head(n)


__all__ = ["BACKENDS", "DATA_FIELDS", "GRID_FIELDS", "INSTALL_RAY", "LOCAL_WORKERS", "MAX_TRIALS", "METRICS",
           "Metric", "NOT_IN_GRID", "STATUSES", "Sweep", "SweepError", "SweepFileError", "SweepProgress", "Trial",
           "best_trials", "columns_for", "grid_columns", "import_ray", "lower_is_better", "make_row", "metric_label",
           "normalize_grid", "parse_grid_arg", "read_table", "records_path", "result_values", "run_sweep",
           "start_ray", "train_trial", "trial_key"]
