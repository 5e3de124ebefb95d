"""RunConfig: validation messages, derived views, and lossless round-trips."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlab import activations, initializers, optimizers
from nnlab.config import FIELD_NAMES, RANGES, ConfigError, RunConfig


@pytest.mark.parametrize("field,value,needle", [
    ("depth", -1, "between 0 and 50"),
    ("depth", 51, "between 0 and 50"),
    ("width", 2000, "between 1 and 1024"),
    ("dropout", 0.96, "between 0 and 0.95"),
    ("learning_rate", 0.0, "between 1e-06 and 10"),
    ("learning_rate", float("nan"), "finite"),
    ("activation", "sigmoidd", "choose one of: linear, sigmoid"),
    ("optimizer", "adamm", "adam"),
    ("initializer", "xavier", "glorot_uniform"),
    ("dataset", "cifar", "spiral"),
])
def test_validation_names_field_value_and_allowed(field, value, needle):
    with pytest.raises(ConfigError) as err:
        RunConfig(**{field: value})
    message = str(err.value)
    assert message.startswith(f"{field}=")
    assert repr(value) in message
    assert needle in message
    assert err.value.field == field


def test_per_layer_lists_must_match_depth():
    with pytest.raises(ConfigError, match="one activation per hidden layer"):
        RunConfig(depth=3, layer_activations=("relu", "tanh"))
    cfg = RunConfig(depth=2, layer_activations=("sigmoid", "relu"))
    assert cfg.hidden_activations == ("sigmoid", "relu")


def test_explicit_widths_override_depth_and_width():
    cfg = RunConfig(layer_widths=(256, 128), width=7, depth=9)
    assert cfg.depth == 2
    assert cfg.hidden_widths == (256, 128)
    assert RunConfig(depth=3, width=5).hidden_widths == (5, 5, 5)


def test_csv_dataset_needs_a_file():
    with pytest.raises(ConfigError, match="--csv FILE"):
        RunConfig(dataset="csv")


def test_flat_strings_parse_with_clear_errors():
    cfg = RunConfig.from_flat({"depth": "10", "batchnorm": "true", "learning_rate": "0.1",
                               "layer_activations": "sigmoid," * 9 + "relu"})
    assert cfg.depth == 10 and cfg.batchnorm is True and cfg.learning_rate == 0.1
    assert cfg.hidden_activations[-1] == "relu"
    with pytest.raises(ConfigError, match="depth='ten' is invalid: expected a whole number"):
        RunConfig.from_flat({"depth": "ten"})
    with pytest.raises(ConfigError, match="unknown setting"):
        RunConfig.from_flat({"colour": "red"})


def test_flat_keys_accept_the_short_aliases_once():
    assert RunConfig.from_flat({"lr": "0.1"}).learning_rate == 0.1
    assert RunConfig.from_flat({"csv": "a.csv", "dataset": "csv"}).csv_path == "a.csv"
    with pytest.raises(ConfigError, match="given twice") as err:
        RunConfig.from_flat({"lr": "0.1", "learning_rate": "0.2"})
    assert err.value.field == "learning_rate" and err.value.code == "twice"


@pytest.mark.parametrize("text", ["٣", "３", "1_0", "0x10", "", " ", "1" * 41])
def test_numbers_in_flat_form_are_plain_ascii(text):
    with pytest.raises(ConfigError) as err:
        RunConfig.from_flat({"depth": text})
    assert err.value.code == "int"


def test_names_in_flat_form_ignore_case_and_spaces():
    cfg = RunConfig.from_flat({"activation": " ReLU", "optimizer": "ADAM", "layer_activations": "Tanh, SIGMOID",
                               "depth": "2"})
    assert (cfg.activation, cfg.optimizer, cfg.layer_activations) == ("relu", "adam", ("tanh", "sigmoid"))


@pytest.mark.parametrize("data,field,code", [
    ({"dropout": None}, "dropout", "float"),
    ({"depth": "3"}, "depth", "int"),
    ({"depth": True}, "depth", "int"),
    ({"batchnorm": 1}, "batchnorm", "bool"),
    ({"layer_widths": "256,128"}, "layer_widths", "int_list"),
    ({"layer_activations": [1, 2]}, "layer_activations", "name_list"),
    ({"noise": 10**400}, "noise", "finite"),
    ({"colour": "red"}, "colour", "unknown"),
])
def test_a_record_with_wrong_types_raises_config_error(data, field, code):
    with pytest.raises(ConfigError) as err:
        RunConfig.from_dict(data)
    assert (err.value.field, err.value.code) == (field, code)


def test_config_errors_carry_a_code_and_parameters_for_translation():
    from nnlab import i18n

    with pytest.raises(ConfigError) as err:
        RunConfig(depth=99)
    assert (err.value.code, err.value.params) == ("range", {"low": 0, "high": 50})
    assert err.value.allowed == i18n.t("config.err.range", low="0", high="50")
    with pytest.raises(ConfigError) as err:
        RunConfig(layer_widths=(8,) * 60)
    assert err.value.field == "layer_widths"  # not the depth that 60 widths would set
    long = ConfigError("target", "x" * 10_000, "text")
    assert len(str(long)) < 200 and "(10,000 characters)" in str(long)


def test_parse_flat_keeps_good_fields_and_reports_the_rest():
    from nnlab.config import parse_flat

    cfg, issues = parse_flat([("depth", "5"), ("width", "wide"), ("foo", "1"), ("depth", "6"), ("lr", "0.3"),
                              ("test_fraction", "0.5"), ("val_fraction", "0.4")])
    assert (cfg.depth, cfg.width, cfg.learning_rate, cfg.test_fraction, cfg.val_fraction) == (6, 16, 0.3, 0.5, 0.2)
    kinds = {(i.kind, i.key) for i in issues}
    assert kinds == {("unknown", "foo"), ("repeated", "depth"), ("invalid", "width"), ("conflict", "val_fraction")}
    assert next(i for i in issues if i.kind == "repeated").count == 2
    assert next(i for i in issues if i.kind == "conflict").error.code == "fractions"
    assert parse_flat({"learnig_rate": "1"})[1][0].suggestion == "learning_rate"
    assert parse_flat({"colour": "red"})[1][0].suggestion == ""


def test_only_changed_keeps_urls_short():
    assert RunConfig().to_flat(only_changed=True) == {}
    assert RunConfig(depth=10, activation="sigmoid").to_flat(only_changed=True) == {
        "depth": "10", "activation": "sigmoid"}


configs = st.builds(
    RunConfig,
    dataset=st.sampled_from(["xor", "spiral", "iris", "mnist", "boston"]),
    noise=st.floats(*RANGES["noise"]),
    depth=st.integers(1, 50),
    width=st.integers(1, 1024),
    activation=st.sampled_from(activations.names()),
    initializer=st.sampled_from(initializers.names()),
    init_param=st.floats(0.0, 10.0),
    dropout=st.floats(0.0, 0.95),
    batchnorm=st.booleans(),
    l2=st.floats(0.0, 1.0),
    optimizer=st.sampled_from(optimizers.names()),
    learning_rate=st.floats(1e-6, 10.0),
    batch_size=st.integers(1, 4096),
    epochs=st.integers(1, 1000),
    seed=st.integers(0, 2**31 - 1),
)


@settings(max_examples=200, deadline=None)
@given(configs)
def test_round_trips_are_lossless(cfg):
    assert RunConfig.from_flat(cfg.to_flat()) == cfg
    assert RunConfig.from_flat(cfg.to_flat(only_changed=True)) == cfg
    assert RunConfig.from_json(cfg.to_json()) == cfg
    assert RunConfig.from_dict(json.loads(json.dumps(cfg.to_dict()))) == cfg


def test_every_field_has_a_spec_with_label_and_help_in_both_languages():
    import re
    import string
    import typing

    from nnlab import i18n
    from nnlab.config import FIELD_SPECS

    hints = typing.get_type_hints(RunConfig)
    python_type = {"bool": bool, "int": int, "float": float, "text": str, "choice": str,
                   "int_list": tuple[int, ...], "name_list": tuple[str, ...]}
    assert list(FIELD_SPECS) == list(FIELD_NAMES) and len(FIELD_NAMES) >= 26
    for name, fs in FIELD_SPECS.items():
        assert fs.name == name and (fs.label, fs.help) == (f"field.{name}", f"field.{name}.help")
        assert hints[name] == python_type[fs.kind], name  # the spec's kind agrees with the annotation
        for key in (fs.label, fs.help):
            entry = i18n.CATALOG[key]
            assert entry["en"].strip() and re.search("[\uac00-\ud7a3]", entry["ko"]), key
        help_fields = {f for text in i18n.CATALOG[fs.help].values() for _, f, _, _ in string.Formatter().parse(text)
                       if f}
        assert not help_fields, name  # the CLI shows the help text as it is
    assert set(RunConfig().to_flat()) == set(FIELD_NAMES)


def test_every_field_declared_without_a_spec_is_refused():
    import dataclasses

    from nnlab.fields import spec, specs_of

    @dataclasses.dataclass(frozen=True)
    class Partial:
        a: int = spec(1, "int", range=(0, 2))
        b: int = 2

    with pytest.raises(TypeError, match="'b' has no spec"):
        specs_of(Partial)


def test_specs_give_consistent_widget_ranges_choices_and_stops():
    from nnlab.config import FIELD_SPECS

    for name, fs in FIELD_SPECS.items():
        default = getattr(RunConfig(), name)
        if fs.range:
            low, high = fs.ui_bounds()
            assert fs.range[0] <= low <= default <= high <= fs.range[1], name
            assert all(fs.range[0] <= v <= fs.range[1] for v in fs.ui_options), name
        if fs.kind in ("choice", "name_list"):
            assert fs.options() and all(isinstance(o, str) and o == o.lower() for o in fs.options()), name
        if fs.widget in ("slider", "number"):
            assert fs.ui_step and fs.range, name
        if fs.widget == "select_slider":
            assert default in fs.ui_options, name
        assert fs.parse(fs.format(default)) == default, name
    assert FIELD_SPECS["activation"].options() == activations.names()  # choices come from the registry
    assert FIELD_SPECS["learning_rate"].flags == ["--learning-rate", "--lr"]
    assert not FIELD_SPECS["csv_path"].in_url and not FIELD_SPECS["csv_sha256"].in_url


def test_edit_applies_the_rules_between_fields_once_for_every_door():
    cfg = RunConfig(layer_widths=(8, 8))
    assert cfg.edit(width=32).hidden_widths == (32, 32)  # a width means the uniform shape again (depth 2)
    assert cfg.edit(layer_widths=(4, 4, 4), depth=9).depth == 3  # explicit widths set the depth
    assert cfg.edit(activation="tanh").layer_widths == (8, 8)  # other changes keep the shape
    csv = RunConfig(dataset="csv", csv_path="a.csv", csv_sha256="0" * 64)
    assert (csv.edit(dataset="iris").csv_path, csv.edit(dataset="iris").csv_sha256) == ("", "")
    assert RunConfig.from_flat({"layer_widths": "8,8", "depth": "7"}).depth == 2  # the CLI and links: the same rule


@pytest.mark.parametrize("value", ["abc", "A" * 64, "0" * 63, "g" * 64])
def test_csv_sha256_is_a_hex_digest_or_empty(value):
    with pytest.raises(ConfigError) as err:
        RunConfig(csv_sha256=value)
    assert (err.value.field, err.value.code) == ("csv_sha256", "sha256")
    assert RunConfig(csv_sha256="ab" * 32).csv_sha256 == "ab" * 32


def test_shuffle_is_a_plain_bool_field_on_every_door():
    assert RunConfig().shuffle is True
    assert RunConfig.from_flat({"shuffle": "off"}).shuffle is False
    assert RunConfig(shuffle=False).to_flat(only_changed=True) == {"shuffle": "false"}
    with pytest.raises(ConfigError) as err:
        RunConfig.from_flat({"shuffle": "sometimes"})
    assert (err.value.field, err.value.code) == ("shuffle", "bool")


def test_every_link_field_round_trips_through_the_url_and_file_fields_stay_out():
    from nnlab.config import FIELD_SPECS, parse_query, to_query

    changed = RunConfig(dataset="iris", noise=0.3, n_samples=99, test_fraction=0.3, val_fraction=0.1, scaling="minmax",
                        target="y", task="regression", layer_widths=(5, 6), layer_activations=("tanh", "elu"),
                        activation="gelu", initializer="random_normal", init_param=0.5, dropout=0.2, batchnorm=True,
                        l2=0.01, optimizer="adam", learning_rate=0.1, batch_size=7, shuffle=False, epochs=3, seed=11, stats_every_step=True,
                        width=9)
    query = to_query(changed)
    link_fields = {name for name, fs in FIELD_SPECS.items() if fs.in_url}
    assert set(query) == link_fields  # every field a link carries (changed from its default) is in it
    config, issues = parse_query(list(query.items()))
    assert issues == [] and config == changed
    upload = RunConfig(dataset="csv", csv_path="upload:a.csv", csv_sha256="ab" * 32, target="y", depth=5)
    assert to_query(upload) == {"depth": "5"}  # a link cannot carry the file, nor what only fits it
    _, issues = parse_query([("csv_sha256", "ab" * 32), ("csv", "a.csv"), ("dataset", "CSV")])
    assert [(i.kind, i.key) for i in issues] == [("no_file", "csv_sha256"), ("no_file", "csv_path"),
                                                  ("no_file", "dataset")]
