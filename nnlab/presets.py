"""Presets from the lecture notes: named RunConfig changes, titles in English and Korean.

Pure data plus ``apply``: the sidebar offers them in a select box, tests check that
every preset is a valid RunConfig. Adding a preset is adding one ``Preset(...)`` row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nnlab.config import RunConfig


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    title_ko: str
    changes: dict = field(default_factory=dict)

    def config(self, base: RunConfig | None = None) -> RunConfig:
        return (base or RunConfig()).replace(**self.changes)


_DEEP = {"depth": 10, "width": 16, "optimizer": "sgd", "learning_rate": 0.1, "batch_size": 32,
         "epochs": 100, "n_samples": 600, "noise": 0.1}

PRESETS: dict[str, Preset] = {p.name: p for p in [
    Preset("default", "Defaults (3×16 ReLU, spiral)", "기본값 (3×16 ReLU, 나선)"),
    Preset("deep_sigmoid_spiral", "10-layer sigmoid on spiral (vanishing gradients)",
           "나선 데이터, 10층 sigmoid (기울기 소실)",
           dict(_DEEP, dataset="spiral", activation="sigmoid", initializer="glorot_uniform")),
    Preset("deep_relu_spiral", "10-layer ReLU on spiral (gradients survive)",
           "나선 데이터, 10층 ReLU (기울기 유지)",
           dict(_DEEP, dataset="spiral", activation="relu", initializer="he_normal")),
    Preset("deep_sigmoid_xor", "10-layer sigmoid on XOR", "XOR 데이터, 10층 sigmoid",
           dict(_DEEP, dataset="xor", activation="sigmoid", initializer="glorot_uniform")),
    Preset("deep_relu_xor", "10-layer ReLU on XOR", "XOR 데이터, 10층 ReLU",
           dict(_DEEP, dataset="xor", activation="relu", initializer="he_normal")),
    Preset("mnist_mlp", "MNIST MLP 784-256-128-10 (ReLU, He, SGD 0.1)",
           "MNIST MLP 784-256-128-10 (ReLU, He, SGD 0.1)",
           {"dataset": "mnist", "layer_widths": (256, 128), "activation": "relu", "initializer": "he_normal",
            "optimizer": "sgd", "learning_rate": 0.1, "batch_size": 100, "epochs": 15}),
    Preset("iris", "Iris classifier 4-200-100-3 (ReLU, Adam)", "붓꽃 분류기 4-200-100-3 (ReLU, Adam)",
           {"dataset": "iris", "layer_widths": (200, 100), "activation": "relu", "initializer": "he_normal",
            "optimizer": "adam", "learning_rate": 0.001, "batch_size": 32, "epochs": 50}),
    Preset("boston_swish", "Boston housing: swish + BatchNorm (regression)",
           "보스턴 집값: swish + 배치 정규화 (회귀)",
           {"dataset": "boston", "layer_widths": (64, 64), "activation": "swish", "initializer": "glorot_uniform",
            "batchnorm": True, "optimizer": "adam", "learning_rate": 0.001, "batch_size": 32, "epochs": 100}),
    Preset("boston_gelu", "Boston housing: GELU + BatchNorm (regression)",
           "보스턴 집값: GELU + 배치 정규화 (회귀)",
           {"dataset": "boston", "layer_widths": (64, 64), "activation": "gelu", "initializer": "glorot_uniform",
            "batchnorm": True, "optimizer": "adam", "learning_rate": 0.001, "batch_size": 32, "epochs": 100}),
]}


def names() -> list[str]:
    return list(PRESETS)


def title(name: str, lang: str = "en") -> str:
    p = PRESETS[name]
    return p.title_ko if lang == "ko" and p.title_ko else p.title


def apply(name: str, base: RunConfig | None = None) -> RunConfig:
    """The preset's RunConfig: ``base`` (default: the defaults) with the preset's changes."""
    try:
        return PRESETS[name].config(base)
    except KeyError:
        raise KeyError(f"unknown preset {name!r}; choose one of: {', '.join(PRESETS)}") from None


def matching(config: RunConfig) -> str | None:
    """The name of the preset that equals ``config``, if any."""
    for p in PRESETS.values():
        if p.config() == config:
            return p.name
    return None
