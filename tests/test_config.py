"""RunConfig: validation messages, derived views, and lossless round-trips."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlab import activations, initializers, optimizers
from nnlab.config import FIELD_NAMES, RANGES, ConfigError, RunConfig


@pytest.mark.parametrize("field,value,needle", [
    ("depth", 0, "between 1 and 50"),
    ("depth", 51, "between 1 and 50"),
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
    assert (err.value.code, err.value.params) == ("range", {"low": 1, "high": 50})
    assert err.value.allowed == i18n.t("config.err.range", low="1", high="50")
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


def test_every_field_has_help_and_a_flat_form():
    from nnlab.config import HELP

    assert set(HELP) == set(FIELD_NAMES)
    assert set(RunConfig().to_flat()) == set(FIELD_NAMES)
