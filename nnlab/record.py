"""The run record: everything a run produced, as the JSON the CLI writes and charts read.

``RunRecord`` is filled by the training loop and read by the UI at the same time, so
every method takes its lock and ``snapshot()`` returns a plain-dict copy. Per-step
series are decimated to at most ``MAX_STEP_POINTS`` points (the stride doubles when the
buffer fills; the latest point is always kept). The schema is documented in README.md.
"""

from __future__ import annotations

import json
import math
import threading
import time

import numpy as np

from nnlab.compiled import STAT_NAMES
from nnlab.config import RunConfig
from nnlab.datasets import Dataset
from nnlab.model import Architecture
from nnlab.replay import frames_as_json, thin_evenly

SCHEMA_VERSION = 1
MAX_STEP_POINTS = 2000
MAX_BOUNDARY_FRAMES = 100  # per run: thinned evenly over its epochs (nnlab.replay.thin_evenly)
STATUSES = ("queued", "running", "paused", "finished", "stopped", "diverged", "failed")
ENDED = ("finished", "stopped", "diverged", "failed")


def metric_name(task: str) -> str:
    return "accuracy" if task == "classification" else "mae"


class StepSeries:
    """Per-step loss and per-layer statistics, decimated to a bounded number of points.

    Points are stored as they will be read: JSON-ready lists (NaN/Inf as None), one list
    per statistic with one per-layer list per kept step, or None for a step whose
    statistics were not taken (see ``nnlab.engine.sample_mask``).
    Converting once, when a step is added by the training thread, keeps snapshots cheap:
    thirty sessions polling their runs made the per-snapshot conversion of 2,000 steps the
    server's hottest code.
    """

    def __init__(self, max_points: int = MAX_STEP_POINTS):
        self.max_points = max_points
        self.stride = 1
        self.step: list[int] = []
        self.loss: list[float | None] = []
        self.stats: dict[str, list[list | None]] = {name: [] for name in STAT_NAMES}

    def add(self, step: int, loss: float, stats: np.ndarray | None) -> None:
        """``stats``: [n_layers, len(STAT_NAMES)] of this step, or None if not taken."""
        if self.step and self.step[-1] % self.stride != 0:
            self._pop()  # the previous "latest" point was off-stride: it is no longer the latest
        self.step.append(step)
        self.loss.append(_num(loss))
        if stats is None:
            for rows in self.stats.values():
                rows.append(None)
        else:
            for name, column in zip(STAT_NAMES, _finite_list(np.asarray(stats).T)):
                self.stats[name].append(column)
        if len(self.step) > self.max_points:
            self.stride *= 2
            keep = [i for i, s in enumerate(self.step) if s % self.stride == 0 or i == len(self.step) - 1]
            self.step = [self.step[i] for i in keep]
            self.loss = [self.loss[i] for i in keep]
            self.stats = {name: [rows[i] for i in keep] for name, rows in self.stats.items()}

    def _pop(self) -> None:
        self.step.pop()
        self.loss.pop()
        for rows in self.stats.values():
            rows.pop()

    def to_dict(self) -> dict:
        """The kept points (shallow copies: the per-step rows are never changed in place)."""
        out = {"step": list(self.step), "loss": list(self.loss)}
        for name, rows in self.stats.items():
            out[name] = list(rows)
        return out


def _finite_list(values: np.ndarray) -> list:
    """values.tolist() with NaN/Inf as None (JSON has no NaN)."""
    if np.isfinite(values).all():
        return values.tolist()
    return np.where(np.isfinite(values), values, None).tolist()


def _num(v) -> float | None:
    """JSON has no NaN/Inf: they become null."""
    v = float(v)
    return v if math.isfinite(v) else None


class RunRecord:
    def __init__(self, config: RunConfig, data: Dataset, arch: Architecture):
        self._lock = threading.RLock()
        self.version = 0  # counts writes: a reader redraws only when it changed
        self.config = config
        self.task = data.task
        self.metric = metric_name(data.task)
        self.status = "queued"
        self.error: str | None = None
        self.hint: str | None = None  # what to try, in English (the CLI, the JSON record)
        self.hint_key: list | None = None  # the same as [catalog key, params] (the UI shows it translated)
        self.diverged_at_step: int | None = None
        self.started_at = time.time()
        self.dataset = {"name": data.name, "task": data.task, "n_train": int(len(data.x_train)),
                        "n_val": int(len(data.x_val)), "n_test": int(len(data.x_test)),
                        "features": list(data.feature_names), "classes": list(data.class_names),
                        "target": getattr(data, "target_name", "") or "", "is_2d": bool(data.is_2d)}
        self.layers = [{"name": n, "label": lbl, "width": w, "activation": a}
                       for n, lbl, w, a in zip(arch.dense_names, arch.layer_labels, arch.dense_widths,
                                               list(arch.activations) + ["softmax" if data.task == "classification"
                                                                         else "linear"])]
        m = self.metric
        self.history: dict[str, list] = {"epoch": [], "loss": [], m: [], "val_loss": [], f"val_{m}": [],
                                         "seconds": []}
        for name in STAT_NAMES:
            self.history[name] = []
        self.steps = StepSeries()
        self.progress = {"epoch": 0, "fraction": 0.0, "samples_per_second": None, "eta_seconds": None}
        self.timing: dict = {}
        self.test: dict = {}
        self.boundary: dict | None = None
        self._boundary_frames: list[dict] = []  # see set_boundary
        self.inside: dict | None = None  # neuron maps and diagram: see start_inside (nnlab.inside)
        self._inside_frames: list[dict] = []
        self._histograms: dict | None = None  # bins of the histograms over time, see set_histograms
        self._histogram_frames: list[dict] = []
        self.predictions: dict | None = None
        self.confusion_matrix: list | None = None
        self.test_output: np.ndarray | None = None  # probabilities (or values) on the test set
        self.weights: list[np.ndarray] | None = None
        self.unit_spread: list[float] | None = None  # per dense layer, see finish()
        self.architecture = arch
        self.y_test = data.y_test

    @classmethod
    def start(cls, config: RunConfig, data: Dataset, arch: Architecture) -> "RunRecord":
        return cls(config, data, arch)

    def __getstate__(self) -> dict:
        """Picklable (a run trained on Ray comes back to the app whole): without its lock."""
        with self._lock:
            state = dict(self.__dict__)
        del state["_lock"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()

    # -- written by the training loop ------------------------------------------------
    def set_status(self, status: str) -> None:
        assert status in STATUSES, status
        with self._lock:
            self.version += 1
            self.status = status

    def add_steps(self, step0: int, losses: np.ndarray, stats: np.ndarray, taken: np.ndarray | None = None) -> None:
        """Steps ``step0 + 1 …``: their losses and [steps, layers, stats]; ``taken`` marks the
        steps whose statistics were taken (None: all)."""
        with self._lock:
            self.version += 1
            last = len(losses) - 1
            for k, (loss, s) in enumerate(zip(losses, stats)):
                step = step0 + k + 1
                if step % self.steps.stride and k < last:
                    continue  # off the series' stride and not the latest: the next step would replace it
                self.steps.add(step, float(loss), s if taken is None or taken[k] else None)

    def update_progress(self, epoch: int, epoch_fraction: float, samples_per_second: float | None,
                        elapsed: float | None = None) -> None:
        """``elapsed``: wall seconds since training began. The ETA extrapolates wall time, not
        compute speed: when many runs share the CPU, each advances slower than it computes."""
        with self._lock:
            self.version += 1
            fraction = min(1.0, (epoch + epoch_fraction) / self.config.epochs)
            eta = elapsed * (1.0 - fraction) / fraction if elapsed and fraction > 0 else None
            self.progress = {"epoch": epoch + 1, "fraction": fraction,
                             "samples_per_second": samples_per_second, "eta_seconds": eta}

    def add_epoch(self, epoch: int, loss: float, metric: float, val_loss: float, val_metric: float,
                  mean_stats: np.ndarray, seconds: float) -> None:
        with self._lock:
            self.version += 1
            h, m = self.history, self.metric
            h["epoch"].append(epoch)
            h["loss"].append(_num(loss))
            h[m].append(_num(metric))
            h["val_loss"].append(_num(val_loss))
            h[f"val_{m}"].append(_num(val_metric))
            h["seconds"].append(round(seconds, 4))
            for j, name in enumerate(STAT_NAMES):
                h[name].append([_num(v) for v in mean_stats[:, j]])

    def set_boundary(self, grid, output: np.ndarray) -> None:
        """Store the model's output over the 2-D grid: P(class 1) for two classes, else the
        predicted class (with its probability as the second plane). Each call also keeps a
        compact frame (``boundary_frames``) for replaying the run at a watchable pace."""
        xs, ys, _ = grid
        shape = (len(ys), len(xs))
        if self.task != "classification":
            z, conf = output[:, 0], None
        elif output.shape[1] == 2:
            z, conf = output[:, 1], None
        else:
            z, conf = output.argmax(axis=1).astype(float), output.max(axis=1)
        z, conf = z.reshape(shape), None if conf is None else conf.reshape(shape)
        with self._lock:
            self.version += 1
            self.boundary = {"x": np.round(xs, 4).tolist(), "y": np.round(ys, 4).tolist(),
                             "z": np.round(z, 4).tolist(),
                             "confidence": None if conf is None else np.round(conf, 4).tolist(),
                             "kind": "probability" if conf is None and self.task == "classification"
                             else ("class" if conf is not None else "value")}
            epoch = len(self.history["epoch"])
            if self._boundary_frames and self._boundary_frames[-1]["epoch"] == epoch:
                self._boundary_frames.pop()
            self._boundary_frames.append({"epoch": epoch, "z": z.astype(np.float16),
                                          "confidence": None if conf is None else conf.astype(np.float16)})
            if len(self._boundary_frames) > MAX_BOUNDARY_FRAMES:  # half as many, evenly spread, first and latest kept
                self._boundary_frames = thin_evenly(self._boundary_frames, MAX_BOUNDARY_FRAMES // 2 + 1)

    def start_inside(self, meta: dict) -> None:
        """The fixed facts of the inside-the-network frames (``nnlab.inside.Probe.meta``)."""
        with self._lock:
            self.version += 1
            self.inside = dict(meta)

    def add_inside_frame(self, frame: dict) -> None:
        """Keep one inside-the-network frame (``nnlab.inside.Probe.capture``; NumPy arrays,
        keyed by ``epoch``). At most ``inside.MAX_FRAMES`` frames and ``inside.MAX_BYTES``
        bytes are kept: beyond, every other frame goes (the latest stays), as for the boundary."""
        from nnlab import inside

        with self._lock:
            self.version += 1
            frames = self._inside_frames
            if frames and frames[-1]["epoch"] == frame["epoch"]:
                frames.pop()
            frames.append(frame)
            while len(frames) > 2 and (len(frames) > inside.MAX_FRAMES
                                       or sum(inside.frame_bytes(f) for f in frames) > inside.MAX_BYTES):
                frames = frames[-1::-2][::-1]
            self._inside_frames = frames

    def set_histograms(self, edges: np.ndarray, scales: dict, rows: int) -> None:
        """Fix the bins of the histograms over time (``nnlab.histograms``): ``edges``
        [kinds, layers, bins + 1], ``scales`` per kind, ``rows`` in the evaluation batch."""
        from nnlab.histograms import KINDS

        with self._lock:
            self.version += 1
            self._histograms = {"kinds": list(KINDS), "scales": dict(scales), "rows": int(rows),
                                "edges": {kind: np.asarray(edges[k], dtype=np.float32).tolist()
                                          for k, kind in enumerate(KINDS)}}

    def add_histogram_frame(self, epoch: int, counts: np.ndarray, stride: int = 1) -> None:
        """One frame of counts [kinds, layers, bins] at the end of ``epoch`` (0 = the start);
        earlier frames off the epoch grid ``stride`` are dropped, and at most
        ``histograms.MAX_FRAMES`` are kept (thinned; the first and the latest always kept)."""
        from nnlab.histograms import KINDS, thin

        frame = {"epoch": int(epoch)} | {kind: np.asarray(counts[k], dtype=np.int32) for k, kind in enumerate(KINDS)}
        with self._lock:
            self.version += 1
            if self._histogram_frames and self._histogram_frames[-1]["epoch"] == frame["epoch"]:
                self._histogram_frames.pop()
            frames = self._histogram_frames
            frames = [f for i, f in enumerate(frames) if i == 0 or f["epoch"] % stride == 0]
            self._histogram_frames = thin(frames + [frame])

    def diverged(self, step: int, hint_key: str, params: dict) -> None:
        """The loss became NaN/inf at ``step``; ``hint_key``/``params``: what to try (catalog text)."""
        from nnlab.config import explain

        with self._lock:
            self.version += 1
            self.diverged_at_step = int(step)
            self.hint = explain(hint_key, params, quote=str)
            self.hint_key = [hint_key, dict(params)]

    def fail(self, message: str) -> None:
        with self._lock:
            self.version += 1
            self.status = "failed"
            self.error = message

    def finish(self, status: str, test_loss: float, test_metric: float, test_output: np.ndarray,
               weights: list[np.ndarray], seconds: float) -> None:
        with self._lock:
            self.version += 1
            self.status = status
            self.test = {"loss": _num(test_loss), self.metric: _num(test_metric)}
            self.test_output = test_output
            self.weights = weights
            # How different the units of each dense layer ended up: the largest gap between two
            # units' weights from the same input. 0 means the layer's units are copies of each
            # other (what an all-zero or constant initialisation never escapes).
            self.unit_spread = [_num(np.ptp(w, axis=1).max()) if w.shape[1] > 1 else 0.0
                                for w in weights if np.ndim(w) == 2]
            self.timing["seconds"] = seconds
            self.timing.setdefault("samples_per_second", self.progress.get("samples_per_second"))
            y_true = np.asarray(self.y_test)
            if self.task == "classification":
                y_pred = test_output.argmax(axis=1)
                k = test_output.shape[1]
                cm = np.zeros((k, k), dtype=int)
                np.add.at(cm, (y_true.astype(int), y_pred), 1)
                self.confusion_matrix = cm.tolist()
                self.predictions = {"y_true": y_true.astype(int).tolist(), "y_pred": y_pred.astype(int).tolist()}
            else:
                self.predictions = {"y_true": [_num(v) for v in y_true],
                                    "y_pred": [_num(v) for v in test_output[:, 0]]}
            if status == "finished":
                self.progress = dict(self.progress, fraction=1.0, eta_seconds=0.0)

    # -- read by anyone -----------------------------------------------------------------
    @property
    def ended(self) -> bool:
        return self.status in ENDED

    def snapshot(self) -> dict:
        """The record as plain JSON-able data, plus ``boundary_frames`` for replay and
        ``test_output`` (the test-set probabilities, for the ensemble) as NumPy (not JSON).

        Read-only: it shares the parts the record never changes in place (the dataset
        facts, each epoch's per-layer lists, the boundary grids), so a UI polling the record
        never holds up the training loop with a deep copy."""
        with self._lock:
            snap = self._as_dict()
            snap["steps"] = self.steps.to_dict()
            snap["test_output"] = self.test_output  # set once, at the end, never changed in place
            frames = list(self._boundary_frames)
            snap["inside"] = None if self.inside is None else dict(self.inside, frames=list(self._inside_frames))
            snap["histograms"] = (None if self._histograms is None
                                  else dict(self._histograms, frames=list(self._histogram_frames)))
        snap["boundary_frames"] = frames  # NumPy grids: converted only when a frame is drawn
        return snap

    def _as_dict(self) -> dict:
        """The record's fields by reference, except the per-step series (see snapshot())."""
        return {
            "schema_version": SCHEMA_VERSION,
            "config": self.config.to_dict(),
            "status": self.status,
            "error": self.error,
            "hint": self.hint,
            "hint_key": self.hint_key,
            "diverged_at_step": self.diverged_at_step,
            "dataset": self.dataset,
            "layers": self.layers,
            "progress": dict(self.progress),
            "history": {key: list(values) for key, values in self.history.items()},
            "steps": None,
            "test": dict(self.test),
            "timing": dict(self.timing),
            "boundary": self.boundary,
            "predictions": self.predictions,
            "confusion_matrix": self.confusion_matrix,
            "unit_spread": self.unit_spread,
        }

    def to_json(self, indent: int | None = 1) -> str:
        snap = self.snapshot()
        del snap["test_output"]  # for the page only (the ensemble)
        snap["boundary_frames"] = frames_as_json(snap["boundary_frames"])  # the replay of a saved run
        if snap.get("inside"):
            from nnlab.inside import encode_frame

            snap["inside"] = dict(snap["inside"], frames=[encode_frame(f) for f in snap["inside"]["frames"]])
        if snap.get("histograms"):  # counts are NumPy in memory, lists in the file
            snap["histograms"] = dict(snap["histograms"], frames=[
                {key: v.tolist() if isinstance(v, np.ndarray) else v for key, v in f.items()}
                for f in snap["histograms"]["frames"]])
        return json.dumps(snap, indent=indent, ensure_ascii=False, allow_nan=False)

    def keras_model(self):
        """A fresh Keras model holding this run's final weights (predicts, evaluates, saves)."""
        from nnlab.model import build_from_architecture

        if self.weights is None:
            raise RuntimeError("the run has no weights yet: wait until it ends")
        model = build_from_architecture(self.architecture)
        model.set_weights(self.weights)
        return model
