"""Property tests (hypothesis) over the two doors bad input comes in by.

* Settings as strings (URL, CLI): ``RunConfig.from_flat`` gives a valid RunConfig that
  round-trips, or a ConfigError with a catalog code — nothing else; the lenient
  ``parse_flat`` and the sidebar's ``config_from_query`` never raise, keep every good
  field and show user text only inside code spans.
* CSV files: ``load_csv_frame`` + ``check_table`` + ``datasets.load`` give a Dataset of
  finite float32 arrays or a DatasetError with a catalog code, and the upload check and
  loading agree (one rule set).

Example counts are modest so the file stays a few seconds; for a deeper search set
``NNLAB_FUZZ_EXAMPLES`` (e.g. 5000).
"""

from __future__ import annotations

import io
import os
import re

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from nnlab import datasets, i18n
from nnlab.config import FIELD_NAMES, FLAT_ALIASES, ConfigError, RunConfig, parse_flat, parse_value
from nnlab.ui.sidebar import config_from_query, explain_error

CODE_SPAN = re.compile(r"(`+)(.*?)(?<!`)\1(?!`)", re.S)
KEYS = [*FIELD_NAMES, *FLAT_ALIASES]
EXAMPLES = int(os.environ.get("NNLAB_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Strings that are valid for some field, almost valid, or cunning.
TOKENS = st.sampled_from([
    "0", "1", "2", "3", "8", "50", "51", "-1", "0.1", "0.2", "0.45", "0.5", "0.9", "1e-3", "1e400", "-0.0", "nan",
    "inf", "true", "no", "maybe", "relu", "ReLU", "sigmoid", "tanh", "adam", "sgd", "he_normal", "spiral", "iris",
    "xor", "csv", "minmax", "auto", "regression", "8,8", "8,,16", "relu,tanh", "relu,relu,relu", "", " 5 ", "٣",
    "１", "1_0", "0x10", "<b>x</b>", "`", "**", "a" * 300,
])
VALUES = st.one_of(TOKENS, st.text(max_size=12), st.integers(-10, 10**6).map(str),
                   st.floats(allow_nan=True, allow_infinity=True).map(repr))
FLAT_KEYS = st.sampled_from(KEYS + ["foo", "", "learnig_rate", "<b>", "깊이"])
# A plausible value per field, so that many generated dicts are valid configs.
GOOD = {
    "dataset": ["xor", "spiral", "iris", "csv", "Moons"], "noise": ["0", "0.3", "2"], "n_samples": ["20", "500"],
    "test_fraction": ["0.05", "0.3", "0.5"], "val_fraction": ["0", "0.2", "0.45"], "scaling": ["minmax", "none"],
    "csv_path": ["", "data/iris_sample.csv", "x.csv"], "target": ["", "label", "종"], "task": ["auto", "regression"],
    "depth": ["1", "4", "50"], "width": ["1", "64", "1024"], "layer_widths": ["", "8", "256,128", "4,4,4"],
    "activation": ["relu", "sigmoid", "Tanh"], "layer_activations": ["", "relu", "relu,tanh", "elu,elu,elu,elu"],
    "initializer": ["he_normal", "zeros"], "init_param": ["0", "0.5"], "dropout": ["0", "0.5", "0.95"],
    "batchnorm": ["true", "off"], "l2": ["0", "1e-4"], "optimizer": ["adam", "sgd"], "learning_rate": ["1e-6", "0.1"],
    "batch_size": ["1", "32"], "epochs": ["1", "5000"], "seed": ["0", "2147483647"], "shuffle": ["false", "on"],
    "csv_sha256": ["", "ab" * 32, "AB" * 32], "stats_every_step": ["false", "true"],
}
assert set(GOOD) == set(FIELD_NAMES)  # a new field gets plausible values here too
GOOD.update({alias: GOOD[name] for alias, name in FLAT_ALIASES.items()})


@st.composite
def flat_dicts(draw) -> dict[str, str]:
    keys = draw(st.lists(FLAT_KEYS, max_size=6, unique=True))
    return {k: draw(st.sampled_from(GOOD[k])) if k in GOOD and draw(st.integers(0, 4)) else draw(VALUES)
            for k in keys}


def _check_config_error(exc: ConfigError) -> None:
    assert f"config.err.{exc.code}" in i18n.CATALOG, exc.code
    assert "\n" not in str(exc) and len(str(exc)) < 2000
    korean = explain_error(exc, "ko")
    assert re.search("[\uac00-\ud7a3]", korean), korean


@FUZZ
@given(flat_dicts())
def test_from_flat_gives_a_valid_config_or_a_config_error(flat):
    try:
        cfg = RunConfig.from_flat(flat)
    except ConfigError as exc:
        _check_config_error(exc)
        event(f"refused: {exc.code}")
        return
    event("config")
    assert isinstance(cfg, RunConfig)
    assert RunConfig.from_flat(cfg.to_flat()) == cfg
    assert RunConfig.from_flat(cfg.to_flat(only_changed=True)) == cfg
    assert RunConfig.from_json(cfg.to_json()) == cfg


@FUZZ
@given(st.lists(flat_dicts(), min_size=1, max_size=2))
def test_parse_flat_keeps_every_good_field_and_never_raises(dicts):
    pairs = [pair for d in dicts for pair in d.items()]  # two dicts: some keys come twice
    cfg, issues = parse_flat(pairs)
    assert isinstance(cfg, RunConfig)
    base = RunConfig()
    last = {}
    for key, value in pairs:
        name = key if key in FIELD_NAMES else FLAT_ALIASES.get(key)
        if name:
            last[name] = value
    ignored = {i.key for i in issues if i.kind in ("invalid", "conflict")}
    for name, value in last.items():
        derived = name == "depth" and cfg.layer_widths  # explicit widths set the depth
        if derived:
            continue
        if name in ignored:
            assert getattr(cfg, name) == getattr(base, name), name
        else:
            assert getattr(cfg, name) == parse_value(name, value), name
    unknown = {k for k, _ in pairs if k not in FIELD_NAMES and k not in FLAT_ALIASES}
    assert {i.key for i in issues if i.kind == "unknown"} == unknown


@FUZZ
@given(st.one_of(flat_dicts(), st.dictionaries(st.one_of(FLAT_KEYS, st.text(max_size=6)),
                                                st.lists(VALUES, min_size=1, max_size=3), max_size=4)),
       st.sampled_from(["en", "ko"]))
def test_query_warnings_never_raise_and_show_user_text_literally(params, lang):
    cfg, warnings = config_from_query(params, lang)
    assert isinstance(cfg, RunConfig)
    for warning in warnings:
        outside = CODE_SPAN.sub("", warning)
        assert not set("<>[]*$|") & set(outside), warning
        assert len(warning) < 1200


@FUZZ
@given(st.dictionaries(st.sampled_from(list(FIELD_NAMES) + ["extra"]),
                       st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(),
                                 st.text(max_size=5), st.lists(st.one_of(st.integers(0, 9), st.text(max_size=3)),
                                                               max_size=3)), max_size=5))
def test_a_hand_edited_record_gives_a_config_or_a_config_error(data):
    try:
        cfg = RunConfig.from_dict(data)
    except ConfigError as exc:
        _check_config_error(exc)
        return
    assert RunConfig.from_json(cfg.to_json()) == cfg


# -- CSV ------------------------------------------------------------------------------------

CELLS = st.one_of(
    st.integers(-3, 3).map(str), st.floats(-1e3, 1e3, allow_nan=False).map(lambda f: f"{f:.3g}"),
    st.sampled_from(["", "a", "b", "NA", "nan", "inf", "true", "False", "1e308", "-1e309", "1e25", " 2 ", '"1,5"',
                     '"', "x\ty", "0x10", "\u00e9", "라벨"]),
    st.text(max_size=3))
NAMES = st.one_of(st.sampled_from(["a", "b", "label", "y", "pixel0", "pixel1", "", " a", "<b>h</b>", "a.1"]),
                  st.text(max_size=3))


@st.composite
def csv_texts(draw) -> bytes:
    if draw(st.integers(0, 9)) == 0:  # now and then: anything at all
        return draw(st.binary(max_size=120))
    sep = draw(st.sampled_from([",", ",", ";"]))
    columns = draw(st.sampled_from([1, 2, 2, 3, 4]))
    plain = [f"c{i}" for i in range(columns - 1)] + [draw(st.sampled_from(["label", "y", "c9"]))]
    header = draw(st.sampled_from([plain, plain, draw(st.lists(NAMES, min_size=columns, max_size=columns))]))
    # mostly numeric rows of a usual length, so that many tables get past the first checks
    numeric = st.one_of(st.integers(0, 3).map(str), st.floats(-5, 5, allow_nan=False).map(lambda f: f"{f:.2f}"))
    cell = draw(st.sampled_from([numeric, numeric, st.one_of(numeric, CELLS), CELLS]))
    label = draw(st.sampled_from([st.integers(0, 2).map(str), st.sampled_from(["cat", "dog", "새"]), cell]))
    ragged = draw(st.sampled_from([False, False, False, True]))
    row = st.tuples(st.lists(cell, min_size=columns - 1, max_size=columns - 1 + ragged), label)
    rows = [[*features, y] for features, y in draw(st.lists(row, min_size=draw(st.sampled_from([0, 2, 10, 12])),
                                                            max_size=30))]
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    return "\n".join(lines).encode("utf-8")


class Upload(io.BytesIO):
    name = "fuzz.csv"


def _code(fn):
    try:
        return fn(), None
    except datasets.DatasetError as exc:
        assert f"data.err.{exc.code}" in i18n.CATALOG, exc.code
        assert "\n" not in str(exc)
        explain_error(exc, "ko")  # formats in Korean too
        return None, exc.code


@settings(max_examples=EXAMPLES * 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_texts(), st.sampled_from(["", "", "", "label", "c0", "zz"]),
       st.sampled_from(["auto", "auto", "classification", "regression"]),
       st.sampled_from([(0.2, 0.2), (0.05, 0.0), (0.5, 0.29)]), st.sampled_from(["standard", "minmax", "none"]))
def test_csv_ingestion_gives_a_dataset_or_a_dataset_error(data, target, task, split, scaling):
    frame, code = _code(lambda: datasets.load_csv_frame(Upload(data)))
    if frame is None:
        event(f"file refused: {code}")
        return
    assert isinstance(frame, datasets.pd.DataFrame) and frame.shape[1] >= 2 and len(frame) >= 1
    raw, upload_code = _code(lambda: datasets.check_table(frame, target, task, *split))
    config = RunConfig(dataset="csv", csv_path="upload:fuzz.csv", target=target, task=task, test_fraction=split[0],
                       val_fraction=split[1], scaling=scaling)
    ds, load_code = _code(lambda: datasets.load(config, frame))
    assert upload_code == load_code  # the upload check is the rule set of loading
    event(f"table refused: {load_code}" if ds is None else f"dataset: {ds.task}")
    if ds is None:
        return
    assert ds.n_rows == len(frame) and ds.task in ("classification", "regression")
    for x in (ds.x_train, ds.x_val, ds.x_test):
        assert x.dtype == np.float32 and np.all(np.isfinite(x))
    if ds.task == "classification":
        assert len(ds.class_names) >= 2 and ds.y_train.dtype == np.int32
    else:
        assert ds.y_train.dtype == np.float32 and np.all(np.isfinite(ds.y_train))


@FUZZ
@given(st.lists(st.tuples(st.floats(allow_nan=False), st.floats(-1e6, 1e6), st.integers(0, 2)), min_size=10,
                max_size=25),
       st.sampled_from(["standard", "minmax", "none"]), st.sampled_from(["auto", "regression"]))
def test_numbers_of_any_size_give_finite_arrays_or_a_clear_refusal(rows, scaling, task):
    frame = datasets.pd.DataFrame({"a": [r[0] for r in rows], "label": [r[1 + (task == "auto")] for r in rows]})
    config = RunConfig(dataset="csv", csv_path="upload:t.csv", scaling=scaling, task=task)
    ds, code = _code(lambda: datasets.load(config, frame))
    if ds is None:
        return  # refused with a DatasetError that has its text (checked by _code)
    for part in (ds.x_train, ds.x_val, ds.x_test, ds.y_train, ds.y_test):
        assert np.all(np.isfinite(part))
