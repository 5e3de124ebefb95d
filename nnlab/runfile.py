"""Reading a saved run back: a JSON run record (``python -m nnlab train --out run.json``, or the
Train page's JSON download) → a snapshot-shaped dict the pages, charts and replay read.

``read(data)`` takes the file's bytes (or text) and checks it before anything draws it:
the size, that it is JSON, that it is an NN Lab run record of a schema version this app
reads, its settings (``RunConfig.from_dict``: a bad value names the field), and that its
series agree with each other (as many values per epoch as epochs, one value per layer,
boundary frames in ascending epochs over the boundary's grid). A file that fails any
check raises ``RunFileError(code, params)``; the page shows the catalog text
``runfile.err.<code>`` (``ERROR_CODES``), never a traceback.

``read_group(data)``: the runs of a lesson file (``python -m nnlab lesson NAME --out``) or
of one run record, as (label, snapshot) pairs.

The snapshot it returns is what ``RunRecord.snapshot()`` gives for an ended run, minus what
the JSON never holds (``test_output``, the trained weights): ``nnlab.snapshot`` and
``nnlab.replay`` read it unchanged. Keys it does not know are kept as they are, so a newer
view's frames (any ``*_frames`` list of ``{"epoch": e, ...}``, checked for ascending
epochs) replay as well. No Streamlit, no TensorFlow.
"""

from __future__ import annotations

import json
import math

from nnlab.config import ConfigError, RunConfig
from nnlab.record import ENDED, SCHEMA_VERSION, STATUSES

MAX_BYTES = 50 * 1024 * 1024  # a 5,000-epoch record with 100 boundary frames is a few MB
ERROR_CODES = ("too_large", "empty", "not_text", "truncated", "not_json", "not_a_run", "lesson", "version",
               "config", "missing", "mismatch", "frames", "running")
REQUIRED = ("config", "status", "dataset", "layers", "history")


class RunFileError(ValueError):
    """A file that is not a run record this app can show: ``code`` (``ERROR_CODES``) and its
    ``params`` say what is wrong (catalog key ``runfile.err.<code>``)."""

    def __init__(self, code: str, **params):
        assert code in ERROR_CODES, code
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")


def parse(data: bytes | str) -> object:
    """The JSON document in ``data``, or RunFileError (too large, empty, not text, cut short, not JSON)."""
    if len(data) > MAX_BYTES:
        raise RunFileError("too_large", mb=round(len(data) / 1024 / 1024, 1), max_mb=MAX_BYTES // (1024 * 1024))
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise RunFileError("not_text") from None
    if not data.strip():
        raise RunFileError("empty")
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        end = data.rstrip()
        if exc.pos >= len(end) or end[-1] not in "}]":  # the document stops before it is complete
            raise RunFileError("truncated") from None
        raise RunFileError("not_json", line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise RunFileError("not_json", line=1, column=1) from None


def read(data: bytes | str) -> dict:
    """A run record's bytes → its snapshot (see the module docstring); RunFileError if it is not one."""
    doc = parse(data)
    if isinstance(doc, dict) and isinstance(doc.get("runs"), dict) and "schema_version" not in doc:
        raise RunFileError("lesson", runs=len(doc["runs"]))
    return snapshot_of(doc)


def read_group(data: bytes | str) -> list[tuple[str, dict]]:
    """The (label, snapshot) pairs of a lesson file's runs, or the one run of a run record."""
    doc = parse(data)
    if isinstance(doc, dict) and isinstance(doc.get("runs"), dict) and "schema_version" not in doc:
        if not doc["runs"]:
            raise RunFileError("missing", part="runs")
        return [(str(label), dict(snapshot_of(run), label=str(label))) for label, run in doc["runs"].items()]
    snap = snapshot_of(doc)
    return [(str(snap.get("label") or snap["config"].get("activation")), snap)]


def snapshot_of(doc: object) -> dict:
    """A parsed run record → its snapshot, after the checks the module docstring lists."""
    if not isinstance(doc, dict) or "schema_version" not in doc:
        raise RunFileError("not_a_run")
    version = doc.get("schema_version")
    if version != SCHEMA_VERSION:
        raise RunFileError("version", found=str(version)[:20], supported=SCHEMA_VERSION)
    for key in REQUIRED:
        if key not in doc:
            raise RunFileError("missing", part=key)
    try:
        config = RunConfig.from_dict(doc["config"])
    except ConfigError as exc:
        raise RunFileError("config", field=exc.field, error=exc) from None
    except (TypeError, ValueError) as exc:
        raise RunFileError("config", field="config", error=exc) from None
    status = doc["status"]
    if status not in STATUSES:
        raise RunFileError("mismatch", part="status")
    if status not in ENDED:  # a snapshot saved mid-run cannot be: the CLI and the page write ended runs
        raise RunFileError("running", status=status)
    snap = dict(doc)
    snap["config"] = config.to_dict()
    _check_dataset(snap)
    n_layers = _check_layers(snap)
    _check_history(snap, n_layers)
    _check_steps(snap, n_layers)
    _check_boundary(snap)
    _check_other_frames(snap)
    snap.setdefault("progress", {})
    snap.setdefault("test", {})
    snap.setdefault("timing", {})
    snap["test_output"] = None  # the JSON has no test-set probabilities: no ensemble of saved runs
    return snap


def _dict(snap: dict, key: str) -> dict:
    value = snap.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RunFileError("mismatch", part=key)
    return value


def _check_dataset(snap: dict) -> None:
    data = _dict(snap, "dataset")
    if data.get("task") not in ("classification", "regression"):
        raise RunFileError("mismatch", part="dataset.task")
    if not isinstance(data.get("classes") or [], list):
        raise RunFileError("mismatch", part="dataset.classes")


def _check_layers(snap: dict) -> int:
    layers = snap["layers"]
    if not isinstance(layers, list) or not layers:
        raise RunFileError("mismatch", part="layers")
    for layer in layers:
        if not isinstance(layer, dict) or not isinstance(layer.get("label"), str):
            raise RunFileError("mismatch", part="layers")
    return len(layers)


def _is_number(v) -> bool:
    return v is None or (isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v))


def _check_series(values, n: int, key: str, n_layers: int) -> None:
    """``values``: ``n`` numbers (or None), or ``n`` rows of ``n_layers`` numbers."""
    if not isinstance(values, list) or len(values) != n:
        raise RunFileError("mismatch", part=key)
    for v in values:
        if isinstance(v, list):
            if len(v) != n_layers or not all(_is_number(x) for x in v):
                raise RunFileError("mismatch", part=key)
        elif not _is_number(v):
            raise RunFileError("mismatch", part=key)


def _check_history(snap: dict, n_layers: int) -> None:
    history = _dict(snap, "history")
    epochs = history.get("epoch")
    if not isinstance(epochs, list) or not all(isinstance(e, int) and not isinstance(e, bool) for e in epochs):
        raise RunFileError("mismatch", part="history.epoch")
    if epochs != list(range(1, len(epochs) + 1)):
        raise RunFileError("mismatch", part="history.epoch")
    for key, values in history.items():
        _check_series(values, len(epochs), f"history.{key}", n_layers)


def _check_steps(snap: dict, n_layers: int) -> None:
    steps = _dict(snap, "steps")
    if not steps:
        snap["steps"] = {}
        return
    numbers = steps.get("step")
    if not isinstance(numbers, list) or any(not isinstance(s, int) for s in numbers) or numbers != sorted(numbers):
        raise RunFileError("mismatch", part="steps.step")
    for key, values in steps.items():
        _check_series(values, len(numbers), f"steps.{key}", n_layers)


def _grid(values, rows: int, cols: int) -> bool:
    return (isinstance(values, list) and len(values) == rows
            and all(isinstance(r, list) and len(r) == cols and all(_is_number(v) for v in r) for r in values))


def _check_boundary(snap: dict) -> None:
    boundary = snap.get("boundary")
    frames = snap.get("boundary_frames")
    if boundary is None:
        if frames:
            raise RunFileError("frames", part="boundary_frames")
        snap["boundary_frames"] = []
        return
    if not isinstance(boundary, dict) or not isinstance(boundary.get("x"), list) or not isinstance(
            boundary.get("y"), list):
        raise RunFileError("mismatch", part="boundary")
    rows, cols = len(boundary["y"]), len(boundary["x"])
    if not _grid(boundary.get("z"), rows, cols):
        raise RunFileError("mismatch", part="boundary.z")
    if frames is None:  # a record written before the frames were saved: the final boundary only
        snap["boundary_frames"] = []
        return
    _check_epochs(frames, "boundary_frames")
    for f in frames:
        if not _grid(f.get("z"), rows, cols) or (f.get("confidence") is not None
                                                 and not _grid(f["confidence"], rows, cols)):
            raise RunFileError("frames", part="boundary_frames")


def _check_epochs(items, key: str) -> None:
    """A list of ``{"epoch": e, ...}`` in ascending epochs."""
    if not isinstance(items, list) or not all(isinstance(f, dict) and isinstance(f.get("epoch"), int)
                                              for f in items):
        raise RunFileError("frames", part=key)
    epochs = [f["epoch"] for f in items]
    if epochs != sorted(epochs):
        raise RunFileError("frames", part=key)


def _check_other_frames(snap: dict) -> None:
    for key, value in snap.items():
        if key.endswith("_frames") and key != "boundary_frames" and value is not None:
            _check_epochs(value, key)


__all__ = ["ERROR_CODES", "MAX_BYTES", "RunFileError", "parse", "read", "read_group", "snapshot_of"]
