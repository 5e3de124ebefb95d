"""Initializer registry: one table of how a layer's first weights are drawn.

Each entry maps a name to a Keras initializer class and says what its optional
parameter (``RunConfig.init_param``) means. ``make(name, param, seed)`` returns a seeded
Keras initializer, so the same seed gives the same weights in any thread.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Initializer:
    name: str
    display: str
    summary: str
    summary_ko: str
    keras_class: str
    param_name: str = ""  # keyword of the Keras class that init_param sets ("" = none)
    param_label: str = ""
    param_default: float = 0.0
    seeded: bool = True

    def make(self, param: float = 0.0, seed: int | None = None):
        import keras

        cls = getattr(keras.initializers, self.keras_class)
        kwargs = {}
        if self.seeded:
            kwargs["seed"] = seed
        if self.param_name:
            value = param if param > 0 else self.param_default
            if self.name == "random_uniform":
                kwargs.update(minval=-value, maxval=value)
            else:
                kwargs[self.param_name] = value
        return cls(**kwargs)


REGISTRY: dict[str, Initializer] = {i.name: i for i in [
    Initializer("zeros", "Zeros",
                "Every weight starts at 0: all units in a layer stay identical and the network cannot learn.",
                "모든 가중치를 0으로 둡니다. 같은 층의 뉴런이 모두 똑같이 움직여 학습이 되지 않습니다.",
                "Zeros", seeded=False),
    Initializer("constant", "Constant",
                "Every weight starts at the same value: the symmetry is never broken.",
                "모든 가중치를 같은 값으로 둡니다. 대칭이 깨지지 않아 뉴런들이 똑같이 학습됩니다.",
                "Constant", "value", "value", 0.1, seeded=False),
    Initializer("random_normal", "Random normal",
                "Weights from a normal distribution with a fixed stddev: too small vanishes, too large explodes.",
                "고정된 표준편차의 정규분포에서 뽑습니다. 너무 작으면 신호가 사라지고, 너무 크면 폭발합니다.",
                "RandomNormal", "stddev", "stddev", 0.05),
    Initializer("random_uniform", "Random uniform",
                "Weights uniform in [-limit, limit] with a fixed limit, ignoring the layer's size.",
                "층의 크기와 상관없이 [-limit, limit] 구간에서 균등하게 뽑습니다.",
                "RandomUniform", "limit", "limit", 0.05),
    Initializer("glorot_uniform", "Xavier / Glorot uniform",
                "Uniform with variance 2/(fan_in+fan_out): keeps signals steady for sigmoid and tanh.",
                "분산 2/(fan_in+fan_out)의 균등분포입니다. sigmoid와 tanh에서 신호 크기를 유지합니다.",
                "GlorotUniform"),
    Initializer("glorot_normal", "Xavier / Glorot normal",
                "Normal with variance 2/(fan_in+fan_out) (truncated): the Xavier rule for sigmoid and tanh.",
                "분산 2/(fan_in+fan_out)의 (절단) 정규분포입니다. sigmoid와 tanh를 위한 Xavier 방식입니다.",
                "GlorotNormal"),
    Initializer("he_normal", "He normal",
                "Normal with variance 2/fan_in (truncated): made for ReLU, which zeroes half its inputs.",
                "분산 2/fan_in의 (절단) 정규분포입니다. 입력의 절반을 0으로 만드는 ReLU를 위해 만들었습니다.",
                "HeNormal"),
    Initializer("he_uniform", "He uniform",
                "Uniform with variance 2/fan_in: the He rule for ReLU with a uniform draw.",
                "분산 2/fan_in의 균등분포입니다. ReLU를 위한 He 방식의 균등분포 버전입니다.",
                "HeUniform"),
    Initializer("lecun_normal", "LeCun normal",
                "Normal with variance 1/fan_in (truncated): the partner of SELU.",
                "분산 1/fan_in의 (절단) 정규분포입니다. SELU와 짝을 이룹니다.",
                "LecunNormal"),
    Initializer("orthogonal", "Orthogonal",
                "A random orthogonal matrix: preserves the length of the signal through the layer.",
                "무작위 직교 행렬입니다. 층을 지나도 신호의 길이가 보존됩니다.",
                "Orthogonal"),
]}


def names() -> list[str]:
    return list(REGISTRY)


def get(name: str) -> Initializer:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown initializer {name!r}; choose one of: {', '.join(REGISTRY)}") from None
