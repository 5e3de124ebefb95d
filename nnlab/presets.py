"""Presets from the lecture notes: named RunConfig changes.

Pure data plus ``apply``: the sidebar offers them in a select box, tests check that
every preset is a valid RunConfig. Adding a preset is adding one ``Preset(...)`` row and
its title in the catalog (``preset.<name>.display`` in ``nnlab/i18n/registries.py``).
Lookup (case folding, the error) is ``nnlab.registry``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nnlab import i18n
from nnlab.config import RunConfig
from nnlab.registry import Entry, Registry


@dataclass(frozen=True)
class Preset(Entry):
    PREFIX = "preset"

    name: str
    changes: dict = field(default_factory=dict)

    def config(self, base: RunConfig | None = None) -> RunConfig:
        return (base or RunConfig()).replace(**self.changes)


_DEEP = {"depth": 10, "width": 16, "optimizer": "sgd", "learning_rate": 0.1, "batch_size": 32,
         "epochs": 100, "n_samples": 600, "noise": 0.1}

PRESETS: Registry[Preset] = Registry("preset", "preset", [
    Preset("default"),
    Preset("deep_sigmoid_spiral", dict(_DEEP, dataset="spiral", activation="sigmoid", initializer="glorot_uniform")),
    Preset("deep_relu_spiral", dict(_DEEP, dataset="spiral", activation="relu", initializer="he_normal")),
    Preset("deep_sigmoid_xor", dict(_DEEP, dataset="xor", activation="sigmoid", initializer="glorot_uniform")),
    Preset("deep_relu_xor", dict(_DEEP, dataset="xor", activation="relu", initializer="he_normal")),
    Preset("mnist_mlp",
           {"dataset": "mnist", "layer_widths": (256, 128), "activation": "relu", "initializer": "he_normal",
            "optimizer": "sgd", "learning_rate": 0.1, "batch_size": 100, "epochs": 15}),
    Preset("iris",
           {"dataset": "iris", "layer_widths": (200, 100), "activation": "relu", "initializer": "he_normal",
            "optimizer": "adam", "learning_rate": 0.001, "batch_size": 32, "epochs": 50}),
    Preset("boston_swish",
           {"dataset": "boston", "layer_widths": (64, 64), "activation": "swish", "initializer": "glorot_uniform",
            "batchnorm": True, "optimizer": "adam", "learning_rate": 0.001, "batch_size": 32, "epochs": 100}),
    Preset("boston_gelu",
           {"dataset": "boston", "layer_widths": (64, 64), "activation": "gelu", "initializer": "glorot_uniform",
            "batchnorm": True, "optimizer": "adam", "learning_rate": 0.001, "batch_size": 32, "epochs": 100}),
], texts=("display",))
REGISTRY = PRESETS

names = PRESETS.names
get = PRESETS.get  # an unknown name raises registry.UnknownName (a KeyError)


def title(name: str, lang: str = "en") -> str:
    """The preset's title in ``lang`` (catalog ``preset.<name>.display``)."""
    return i18n.display_name("preset", PRESETS.resolve(name), lang)


def apply(name: str, base: RunConfig | None = None) -> RunConfig:
    """The preset's RunConfig: ``base`` (default: the defaults) with the preset's changes."""
    return PRESETS.get(name).config(base)


def matching(config: RunConfig) -> str | None:
    """The name of the preset that equals ``config``, if any."""
    for p in PRESETS.values():
        if p.config() == config:
            return p.name
    return None
