"""Tests for nnlab.datasets: registry, splitting, scaling, CSV handling, MNIST loaders."""

from __future__ import annotations

import io
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from nnlab import datasets as D
from nnlab import i18n
from nnlab.config import RunConfig

DATA = Path(__file__).resolve().parents[1] / "data"
DIGITS_CSV = DATA / "digit_recognizer_sample.csv"
IRIS_CSV = DATA / "iris_sample.csv"
OFFLINE = ["xor", "circles", "moons", "spiral", "blobs", "iris", "digits", "mnist", "boston", "diabetes"]
ROWS = {"iris": 150, "digits": 1797, "mnist": 5000, "boston": 506, "diabetes": 442}
FEATURES = {"iris": 4, "digits": 64, "mnist": 784, "boston": 13, "diabetes": 10}
CLASSES = {"xor": 2, "circles": 2, "moons": 2, "spiral": 2, "blobs": 3, "iris": 3, "digits": 10, "mnist": 10}


def cfg(**kw) -> RunConfig:
    return RunConfig(**kw)


def write(tmp_path: Path, text: str, name: str = "data.csv") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def error_of(config, frame=None) -> str:
    with pytest.raises(D.DatasetError) as info:
        D.load(config, frame)
    return str(info.value)


# -- registry ------------------------------------------------------------------------------

def test_registry_order_and_entries():
    assert D.names() == ["xor", "circles", "moons", "spiral", "blobs", "iris", "digits", "mnist",
                         "mnist_full", "boston", "diabetes", "csv"]
    for name, info in D.REGISTRY.items():
        assert info.name == name and info.display and info.summary
        assert any("\uac00" <= ch <= "\ud7a3" for ch in i18n.summary("dataset", name, "ko")), name
        assert info.kind in ("2d", "tabular", "image")
        assert info.task in ("classification", "regression", "auto")
    assert [n for n, i in D.REGISTRY.items() if i.kind == "2d"] == OFFLINE[:5]
    assert D.get("boston").task == "regression" and D.get("csv").task == "auto"
    assert D.get("mnist_full").offline is False


def test_get_unknown_lists_names():
    with pytest.raises(KeyError) as info:
        D.get("nope")
    assert "spiral" in str(info.value) and "mnist_full" in str(info.value)


def test_import_does_not_pull_heavy_modules():
    code = ("import sys, nnlab.datasets; bad = [m for m in ('streamlit', 'tensorflow', 'keras') "
            "if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])


# -- shapes, dtypes, determinism -------------------------------------------------------------

@pytest.mark.parametrize("name", OFFLINE)
def test_shapes_and_dtypes(name):
    ds = D.load(cfg(dataset=name, n_samples=300, test_fraction=0.2, val_fraction=0.1))
    n = ROWS.get(name, 300)
    d = FEATURES.get(name, 2)
    n_test, n_val = round(0.2 * n), round(0.1 * n)
    assert ds.x_test.shape == (n_test, d) and ds.x_val.shape == (n_val, d)
    assert ds.x_train.shape == (n - n_test - n_val, d)
    assert ds.input_dim == d and len(ds.feature_names) == d
    for x in (ds.x_train, ds.x_val, ds.x_test):
        assert x.dtype == np.float32 and np.all(np.isfinite(x))
    classification = name in CLASSES
    assert ds.task == ("classification" if classification else "regression")
    for x, y in ((ds.x_train, ds.y_train), (ds.x_val, ds.y_val), (ds.x_test, ds.y_test)):
        assert len(y) == len(x) and y.ndim == 1
        assert y.dtype == (np.int32 if classification else np.float32)
    if classification:
        k = CLASSES[name]
        assert len(ds.class_names) == k and ds.n_outputs == k
        assert set(np.unique(ds.y_train)) == set(range(k))
    else:
        assert ds.class_names == [] and ds.n_outputs == 1
    assert ds.is_2d == (name in OFFLINE[:5])
    if ds.is_2d:
        assert ds.feature_names == ["x1", "x2"]


def test_image_metadata():
    assert D.load(cfg(dataset="mnist")).image_shape == (28, 28)
    assert D.load(cfg(dataset="digits")).image_shape == (8, 8)
    assert D.load(cfg(dataset="iris")).image_shape is None


def test_val_fraction_zero_gives_empty_val():
    ds = D.load(cfg(dataset="iris", val_fraction=0.0))
    assert ds.x_val.shape == (0, 4) and ds.y_val.shape == (0,) and ds.x_val.dtype == np.float32
    assert len(ds.x_train) + len(ds.x_test) == 150


@pytest.mark.parametrize("name", ["spiral", "iris", "mnist", "diabetes"])
def test_deterministic_given_seed(name):
    a = D.load(cfg(dataset=name, seed=3))
    b = D.load(cfg(dataset=name, seed=3))
    c = D.load(cfg(dataset=name, seed=4))
    for part in ("x_train", "y_train", "x_val", "y_val", "x_test", "y_test"):
        np.testing.assert_array_equal(getattr(a, part), getattr(b, part))
    assert not np.array_equal(a.x_test, c.x_test)


def test_different_seed_different_split_of_same_rows():
    a = D.load(cfg(dataset="iris", seed=1, scaling="none"))
    b = D.load(cfg(dataset="iris", seed=2, scaling="none"))
    all_a = np.sort(np.vstack([a.x_train, a.x_val, a.x_test]), axis=0)
    all_b = np.sort(np.vstack([b.x_train, b.x_val, b.x_test]), axis=0)
    np.testing.assert_array_equal(all_a, all_b)  # same rows, different partition
    assert {tuple(r) for r in a.x_test} != {tuple(r) for r in b.x_test}


# -- stratification --------------------------------------------------------------------------

@pytest.mark.parametrize("name,seed", [("iris", 0), ("iris", 7), ("mnist", 1), ("blobs", 2)])
def test_stratified_split(name, seed):
    ds = D.load(cfg(dataset=name, seed=seed, n_samples=301, test_fraction=0.2, val_fraction=0.2))
    y_all = np.concatenate([ds.y_train, ds.y_val, ds.y_test])
    share = np.bincount(y_all) / len(y_all)
    for y in (ds.y_test, ds.y_val):
        counts = np.bincount(y, minlength=len(share))
        assert np.all(np.abs(counts - share * len(y)) <= 1), counts


def test_iris_test_split_exact():
    ds = D.load(cfg(dataset="iris", test_fraction=0.2, val_fraction=0.2))
    assert np.bincount(ds.y_test).tolist() == [10, 10, 10]
    assert np.bincount(ds.y_val).tolist() == [10, 10, 10]


def test_stratify_falls_back_when_a_class_is_tiny(tmp_path):
    rows = ["f,y"] + [f"{i},a" for i in range(30)] + ["100,b"]
    path = write(tmp_path, "\n".join(rows))
    ds = D.load(cfg(dataset="csv", csv_path=path))
    assert ds.class_names == ["a", "b"] and ds.n_rows == 31


# -- scaling: fit on the training split only -------------------------------------------------

@pytest.mark.parametrize("name", ["iris", "boston", "moons"])
def test_standard_scaling_uses_train_statistics_only(name):
    raw = D.load(cfg(dataset=name, scaling="none", seed=5))
    std = D.load(cfg(dataset=name, scaling="standard", seed=5))
    mean, sd = raw.x_train.astype(np.float64).mean(0), raw.x_train.astype(np.float64).std(0)
    np.testing.assert_allclose(std.x_train.mean(0), 0.0, atol=1e-5)
    np.testing.assert_allclose(std.x_train.std(0), 1.0, atol=1e-4)
    for part in ("x_val", "x_test"):
        np.testing.assert_allclose(getattr(std, part), (getattr(raw, part) - mean) / sd, rtol=1e-4, atol=1e-4)
    # the test split was not part of the fit, so its mean is not forced to zero
    assert np.abs(std.x_test.mean(0)).max() > 1e-3


def test_minmax_scaling_uses_train_range_only():
    raw = D.load(cfg(dataset="boston", scaling="none", seed=2))
    mm = D.load(cfg(dataset="boston", scaling="minmax", seed=2))
    lo, hi = raw.x_train.min(0).astype(np.float64), raw.x_train.max(0).astype(np.float64)
    assert mm.x_train.min() == pytest.approx(0.0) and mm.x_train.max() == pytest.approx(1.0)
    np.testing.assert_allclose(mm.x_test, (raw.x_test - lo) / (hi - lo), rtol=1e-4, atol=1e-5)


def test_none_scaling_keeps_raw_values():
    from sklearn.datasets import load_iris

    ds = D.load(cfg(dataset="iris", scaling="none"))
    rows = {tuple(np.float32(v) for v in r) for r in load_iris().data}
    assert {tuple(r) for r in ds.x_test} <= rows


def test_image_scaling():
    none = D.load(cfg(dataset="mnist", scaling="none"))
    mm = D.load(cfg(dataset="mnist", scaling="minmax"))
    for ds in (none, mm):
        assert ds.x_train.min() == 0.0 and ds.x_train.max() == 1.0 and ds.x_test.max() <= 1.0
    np.testing.assert_array_equal(none.x_test, mm.x_test)
    st = D.load(cfg(dataset="mnist", scaling="standard"))
    m = none.x_train.astype(np.float64).mean(0)
    s = np.maximum(none.x_train.astype(np.float64).std(0), D.IMAGE_STD_FLOOR)
    np.testing.assert_allclose(st.x_test, (none.x_test - m) / s, atol=1e-4)
    assert np.abs(st.x_test).max() <= 1.0 / D.IMAGE_STD_FLOOR + 1e-4  # no blow-up on blank pixels
    digits = D.load(cfg(dataset="digits", scaling="minmax"))
    assert digits.x_train.max() == 1.0 and digits.x_test.min() >= 0.0


# -- 2-D generators --------------------------------------------------------------------------

def test_noise_changes_2d_data():
    for name in OFFLINE[:5]:
        a = D.load(cfg(dataset=name, noise=0.1, scaling="none"))
        b = D.load(cfg(dataset=name, noise=0.5, scaling="none"))
        assert not np.allclose(a.x_train, b.x_train), name


def test_noise_spreads_points():
    rng = np.random.default_rng
    for make in (D.make_circles, D.make_moons, D.make_xor):
        x0, y0 = make(400, 0.0, rng(0))
        x5, y5 = make(400, 0.5, rng(0))
        # jitter: points move by a typical distance that grows with noise
        assert np.median(np.linalg.norm(x5 - x0, axis=1)) > 0.1
    x, y = D.make_circles(400, 0.0, rng(0))
    r = np.linalg.norm(x, axis=1)
    assert r[y == 1].max() <= 0.5 and r[y == 0].min() >= 0.7


def test_xor_labels_and_spiral_balance():
    x, y = D.make_xor(500, 0.0, np.random.default_rng(1))
    np.testing.assert_array_equal(y, (x[:, 0] * x[:, 1] > 0).astype(int))
    x, y = D.make_spiral(501, 0.0, np.random.default_rng(1))
    assert x.shape == (501, 2) and abs(np.sum(y == 0) - np.sum(y == 1)) <= 1
    assert np.linalg.norm(x, axis=1).max() <= 1.0 + 1e-9
    x, y = D.make_blobs(300, 0.1, np.random.default_rng(1))
    assert np.bincount(y).tolist() == [100, 100, 100]


def test_grid_for():
    ds = D.load(cfg(dataset="moons"))
    xs, ys, pts = D.grid_for(ds, resolution=30)
    assert xs.shape == (30,) and ys.shape == (30,) and pts.shape == (900, 2) and pts.dtype == np.float32
    allx = np.vstack([ds.x_train, ds.x_val, ds.x_test])
    lo, hi = allx.min(0), allx.max(0)
    np.testing.assert_allclose([xs[0], ys[0]], lo - 0.1 * (hi - lo), rtol=1e-5)
    np.testing.assert_allclose([xs[-1], ys[-1]], hi + 0.1 * (hi - lo), rtol=1e-5)
    gx, gy = np.meshgrid(xs, ys)
    np.testing.assert_array_equal(pts[:, 0].reshape(30, 30), gx)
    np.testing.assert_array_equal(pts[:, 1].reshape(30, 30), gy)
    with pytest.raises(D.DatasetError, match="2 features"):
        D.grid_for(D.load(cfg(dataset="iris")))


# -- CSV -------------------------------------------------------------------------------------

def test_iris_csv_strings_are_classes():
    ds = D.load(cfg(dataset="csv", csv_path=str(IRIS_CSV)))
    assert ds.task == "classification" and ds.target_name == "species"
    assert ds.class_names == ["setosa", "versicolor", "virginica"]
    assert ds.feature_names == ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    assert np.bincount(ds.y_test).tolist() == [10, 10, 10]
    assert D.load(cfg(dataset="iris")).class_names == ["setosa", "versicolor", "virginica"]


def test_digit_recognizer_sample():
    frame = pd.read_csv(DIGITS_CSV)
    assert frame.shape == (200, 785) and list(frame.columns[:2]) == ["label", "pixel0"]
    assert np.bincount(frame["label"]).tolist() == [20] * 10
    assert frame.iloc[:, 1:].to_numpy().max() <= 255 and frame.iloc[:, 1:].to_numpy().min() >= 0
    ds = D.load(cfg(dataset="csv", csv_path=str(DIGITS_CSV), scaling="minmax"))
    assert ds.task == "classification" and ds.class_names == [str(i) for i in range(10)]
    assert ds.input_dim == 784 and ds.kind == "image" and ds.image_shape == (28, 28)
    for x in (ds.x_train, ds.x_val, ds.x_test):
        assert x.min() >= 0.0 and x.max() <= 1.0
    assert ds.x_train.max() == 1.0
    # the uploaded-file path: a DataFrame passed in gives the same arrays
    up = D.load(cfg(dataset="csv", csv_path="upload.csv", scaling="minmax"), frame=frame)
    np.testing.assert_array_equal(up.x_test, ds.x_test)


def test_csv_target_inference_and_override(tmp_path):
    rng = np.random.default_rng(0)
    n = 60
    frame = pd.DataFrame({"a": rng.normal(size=n), "b": rng.normal(size=n),
                          "price": rng.normal(100, 10, size=n),
                          "grade": rng.integers(0, 3, size=n), "name": [f"s{i % 4}" for i in range(n)]})
    path = str(tmp_path / "t.csv")
    frame.drop(columns=["name"]).to_csv(path, index=False)
    ds = D.load(cfg(dataset="csv", csv_path=path))  # last column: grade, 3 integer labels
    assert ds.task == "classification" and ds.class_names == ["0", "1", "2"] and ds.target_name == "grade"
    ds = D.load(cfg(dataset="csv", csv_path=path, target="price"))
    assert ds.task == "regression" and ds.class_names == [] and ds.y_train.dtype == np.float32
    assert ds.feature_names == ["a", "b", "grade"]
    ds = D.load(cfg(dataset="csv", csv_path=path, task="regression"))  # override
    assert ds.task == "regression" and set(np.unique(np.concatenate([ds.y_train, ds.y_test]))) <= {0, 1, 2}
    frame2 = frame.drop(columns=["grade"])
    ds = D.load(cfg(dataset="csv", csv_path="x.csv", target="NAME"), frame=frame2[["a", "b", "name"]])
    assert ds.task == "classification" and ds.class_names == ["s0", "s1", "s2", "s3"]


def test_csv_many_integer_labels_is_regression(tmp_path):
    rows = ["x,y"] + [f"{i},{i * 3}" for i in range(50)]
    path = write(tmp_path, "\n".join(rows))
    assert D.load(cfg(dataset="csv", csv_path=path)).task == "regression"
    ds = D.load(cfg(dataset="csv", csv_path=path, task="classification"))
    assert ds.task == "classification" and len(ds.class_names) == 50


def test_csv_label_column_preferred(tmp_path):
    rows = ["label,f1,f2"] + [f"{i % 2},{i},{i * i}" for i in range(20)]
    ds = D.load(cfg(dataset="csv", csv_path=write(tmp_path, "\n".join(rows))))
    assert ds.target_name == "label" and ds.feature_names == ["f1", "f2"] and ds.class_names == ["0", "1"]


def test_csv_from_buffer_and_semicolons():
    text = "a;b;y\n" + "\n".join(f"{i};{i * 2};{'yes' if i % 2 else 'no'}" for i in range(20))
    frame = D.load_csv_frame(io.BytesIO(text.encode()))
    assert list(frame.columns) == ["a", "b", "y"] and len(frame) == 20


def test_unknown_target_lists_columns():
    msg = error_of(cfg(dataset="csv", csv_path=str(IRIS_CSV), target="colour"))
    assert "'colour'" in msg
    for col in ("sepal_length", "sepal_width", "petal_length", "petal_width", "species"):
        assert col in msg


def test_missing_file(tmp_path):
    msg = error_of(cfg(dataset="csv", csv_path=str(tmp_path / "nope.csv")))
    assert "nope.csv" in msg and "not found" in msg


def test_empty_and_header_only_files(tmp_path):
    assert "empty" in error_of(cfg(dataset="csv", csv_path=write(tmp_path, "", "e.csv")))
    assert "no rows" in error_of(cfg(dataset="csv", csv_path=write(tmp_path, "a,b,c\n", "h.csv")))


def test_malformed_csv(tmp_path):
    path = write(tmp_path, "a,b,y\n1,2,0\n3,4,1\n5,6,7,8,9\n1,1,1\n")
    msg = error_of(cfg(dataset="csv", csv_path=path))
    assert "not a well-formed CSV" in msg and "line 4" in msg
    assert "Error tokenizing" not in msg and "Traceback" not in msg


def test_binary_and_spreadsheet_files(tmp_path):
    path = tmp_path / "img.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x81\x9f" * 20)
    assert "not a text CSV" in error_of(cfg(dataset="csv", csv_path=str(path)))
    assert "spreadsheet" in error_of(cfg(dataset="csv", csv_path=write(tmp_path, "x", "book.xlsx")))


def test_non_numeric_feature_columns(tmp_path):
    rows = ["city,size,colour,y"] + [f"c{i},{i},red,{i % 2}" for i in range(20)]
    msg = error_of(cfg(dataset="csv", csv_path=write(tmp_path, "\n".join(rows))))
    assert "city" in msg and "colour" in msg and "size" not in msg and "not numeric" in msg


def test_empty_cells(tmp_path):
    rows = ["a,b,y"] + [f"{i},{'' if i == 3 else i},{i % 2}" for i in range(20)]
    msg = error_of(cfg(dataset="csv", csv_path=write(tmp_path, "\n".join(rows))))
    assert "b" in msg and "empty" in msg


def test_one_class_target(tmp_path):
    rows = ["a,y"] + [f"{i},cat" for i in range(20)]
    msg = error_of(cfg(dataset="csv", csv_path=write(tmp_path, "\n".join(rows))))
    assert "only one value" in msg and "'cat'" in msg


def test_regression_on_string_target(tmp_path):
    rows = ["a,y"] + [f"{i},{'cat' if i % 2 else 'dog'}" for i in range(20)]
    msg = error_of(cfg(dataset="csv", csv_path=write(tmp_path, "\n".join(rows)), task="regression"))
    assert "not numeric" in msg and "classification" in msg


def test_too_few_rows(tmp_path):
    rows = ["a,y"] + [f"{i},{i % 2}" for i in range(5)]
    msg = error_of(cfg(dataset="csv", csv_path=write(tmp_path, "\n".join(rows))))
    assert "only 5 rows" in msg


def test_single_column(tmp_path):
    msg = error_of(cfg(dataset="csv", csv_path=write(tmp_path, "y\n1\n2\n3\n")))
    assert "only one column" in msg


# -- mnist_full ------------------------------------------------------------------------------

def _fake_mnist_npz(path: Path, n_train: int = 40, n_test: int = 10) -> None:
    rng = np.random.default_rng(0)
    np.savez(path,
             x_train=rng.integers(0, 256, size=(n_train, 28, 28), dtype=np.uint8),
             y_train=np.arange(n_train, dtype=np.uint8) % 10,
             x_test=rng.integers(0, 256, size=(n_test, 28, 28), dtype=np.uint8),
             y_test=np.arange(n_test, dtype=np.uint8) % 10)


def test_load_mnist_npz(tmp_path):
    path = tmp_path / "mnist.npz"
    _fake_mnist_npz(path)
    x, y = D.load_mnist_npz(path)
    assert x.shape == (50, 784) and y.shape == (50,) and x.max() <= 255
    with pytest.raises(D.DatasetError, match="not found"):
        D.load_mnist_npz(tmp_path / "missing.npz")
    np.savez(tmp_path / "bad.npz", a=np.zeros(3))
    with pytest.raises(D.DatasetError, match="not a valid mnist.npz"):
        D.load_mnist_npz(tmp_path / "bad.npz")


def test_mnist_full_from_local_npz(tmp_path, monkeypatch):
    path = tmp_path / "mnist.npz"
    _fake_mnist_npz(path)
    monkeypatch.setenv(D.MNIST_NPZ_ENV, str(path))
    ds = D.load(cfg(dataset="mnist_full", scaling="minmax", test_fraction=0.2, val_fraction=0.2))
    assert ds.n_rows == 50 and ds.input_dim == 784 and ds.image_shape == (28, 28)
    assert ds.x_test.shape == (10, 784) and ds.x_val.shape == (10, 784)
    assert ds.class_names == [str(i) for i in range(10)] and np.bincount(ds.y_test).tolist() == [1] * 10
    assert 0.0 <= ds.x_train.min() and ds.x_train.max() <= 1.0


def test_mnist_full_without_internet(monkeypatch):
    def load_data(*args, **kwargs):
        raise OSError("network unreachable")

    fake = types.ModuleType("keras")
    fake.datasets = types.SimpleNamespace(mnist=types.SimpleNamespace(load_data=load_data))
    monkeypatch.setitem(sys.modules, "keras", fake)
    monkeypatch.delenv(D.MNIST_NPZ_ENV, raising=False)
    D._mnist_full_arrays.cache_clear()
    msg = error_of(cfg(dataset="mnist_full"))
    assert "needs internet" in msg and "use 'mnist' (5,000-image offline sample) instead" in msg


# -- one rule set, error codes ----------------------------------------------------------------

def test_errors_carry_a_code_and_parameters(tmp_path):
    with pytest.raises(D.DatasetError) as info:
        D.load(cfg(dataset="csv", csv_path=str(IRIS_CSV), target="colour"))
    assert info.value.code == "target_missing" and info.value.params["target"] == "colour"
    assert "species" in info.value.params["columns"]
    rows = ["a,y"] + [f"{i},{i % 2}" for i in range(5)]
    with pytest.raises(D.DatasetError) as info:
        D.load(cfg(dataset="csv", csv_path=write(tmp_path, "\n".join(rows))))
    assert (info.value.code, info.value.params) == ("too_few_rows", {"rows": 5, "min_rows": D.MIN_ROWS})


def test_check_table_is_what_load_applies():
    two = pd.DataFrame({"a": [1.0, 2.0], "label": [0, 1]})
    with pytest.raises(D.DatasetError, match="only 2 rows"):
        D.check_table(two)
    raw = D.check_table(pd.DataFrame({"a": np.arange(12.0), "label": np.arange(12) % 2}))
    assert raw.task == "classification" and raw.class_names == ["0", "1"]
    assert D.split_sizes(12, 0.2, 0.2) == (8, 2, 2)
    with pytest.raises(D.DatasetError) as info:
        D.split_sizes(10, 0.5, 0.45)
    assert info.value.code == "too_few_train" and info.value.params["train"] == 1


@pytest.mark.parametrize("scaling", ["standard", "minmax", "none"])
def test_values_too_large_for_float32_are_refused_not_turned_into_inf(scaling):
    frame = pd.DataFrame({"a": [1e-30 * i for i in range(19)] + [1e25], "b": np.arange(20.0), "y": np.arange(20) % 2})
    with pytest.raises(D.DatasetError) as info:
        D.load(cfg(dataset="csv", csv_path="upload:t.csv", scaling=scaling), frame)
    assert info.value.code == "too_large" and info.value.params["columns"] == ["a"]
    frame["a"] = [1e-11 * (i % 2) for i in range(19)] + [1e20]  # the largest allowed, after a tiny spread
    ds = D.load(cfg(dataset="csv", csv_path="upload:t.csv", scaling=scaling), frame)
    assert all(np.all(np.isfinite(x)) for x in (ds.x_train, ds.x_val, ds.x_test))


def test_malformed_line_has_its_numbers():
    with pytest.raises(D.DatasetError) as info:
        D.load_csv_frame(io.BytesIO(b"a,b,y\n1,2,0\n3,4,1\n5,6,7,8,9\n"))
    assert info.value.code == "csv_malformed_line"
    assert {k: info.value.params[k] for k in ("line", "expected", "saw")} == {"line": 4, "expected": 3, "saw": 5}
    assert info.value.params["file"] == "upload"


def test_mnist_npz_is_never_unpickled(tmp_path):
    path = tmp_path / "mnist.npz"
    objects = np.array([{"a": 1}] * 3, dtype=object)
    np.savez(path, x_train=objects, y_train=objects, x_test=objects, y_test=objects)
    with pytest.raises(D.DatasetError, match="not a valid mnist.npz"):
        D.load_mnist_npz(path)


def test_a_csv_is_identified_by_its_content_hash_and_another_file_is_refused():
    import hashlib

    data = IRIS_CSV.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    upload = io.BytesIO(data)
    upload.name = "iris.csv"
    frame = D.load_csv_frame(upload)
    assert frame.attrs["sha256"] == digest == D.file_sha256(IRIS_CSV)
    config = cfg(dataset="csv", csv_path="upload:iris.csv")
    ds = D.load(config, frame)
    assert ds.sha256 == digest and D.pin_csv(config, ds).csv_sha256 == digest
    assert D.pin_csv(cfg(dataset="iris"), D.load(cfg(dataset="iris"))).csv_sha256 == ""
    assert D.load(config.replace(csv_sha256=digest), frame).sha256 == digest  # the same file replays

    edited = io.BytesIO(data + b"5.0,3.0,1.5,0.2,setosa\n")  # one more row
    edited.name = "iris.csv"
    with pytest.raises(D.DatasetError) as err:
        D.load(config.replace(csv_sha256=digest), D.load_csv_frame(edited))
    assert err.value.code == "csv_changed"
    assert digest[:12] in str(err.value) and "iris.csv" in str(err.value)
    with pytest.raises(D.DatasetError, match="not the file"):
        D.load(cfg(dataset="csv", csv_path=str(DATA / "digit_recognizer_sample.csv"), csv_sha256=digest))
