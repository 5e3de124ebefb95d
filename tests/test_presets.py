"""Presets from the lecture notes: valid RunConfigs with English and Korean titles."""

import pytest

from nnlab import presets
from nnlab.config import RunConfig


@pytest.mark.parametrize("name", presets.names())
def test_every_preset_is_a_valid_config_with_two_titles(name):
    config = presets.apply(name)
    assert isinstance(config, RunConfig)
    assert presets.title(name, "en") and presets.title(name, "ko")
    assert presets.matching(config) == name
    assert RunConfig.from_flat(config.to_flat(only_changed=True)) == config  # shareable as a link


def test_mnist_mlp_is_784_256_128_10_relu_he_sgd():
    c = presets.apply("mnist_mlp")
    assert (c.dataset, c.hidden_widths, c.activation, c.initializer) == ("mnist", (256, 128), "relu", "he_normal")
    assert (c.optimizer, c.learning_rate, c.batch_size) == ("sgd", 0.1, 100)


def test_deep_sigmoid_and_relu_presets_differ_only_in_activation_and_init():
    s, r = presets.apply("deep_sigmoid_spiral"), presets.apply("deep_relu_spiral")
    assert s.depth == r.depth == 10
    assert s.replace(activation="relu", initializer="he_normal") == r


def test_boston_presets_are_regression_with_batchnorm():
    for name in ("boston_swish", "boston_gelu"):
        c = presets.apply(name)
        assert c.dataset == "boston" and c.batchnorm and c.activation in ("swish", "gelu")


def test_iris_preset_and_unknown_name():
    assert presets.apply("iris").hidden_widths == (200, 100)
    with pytest.raises(KeyError, match="choose one of"):
        presets.apply("nope")
    assert presets.matching(RunConfig(depth=7)) is None
