"""Optimizer registry: one table of update rules, each mapped to a Keras optimizer."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Optimizer:
    name: str
    display: str
    summary: str
    summary_ko: str
    keras_class: str
    kwargs: dict = field(default_factory=dict)
    default_lr: float = 0.01

    def make(self, learning_rate: float):
        import keras

        return getattr(keras.optimizers, self.keras_class)(learning_rate=learning_rate, **self.kwargs)


REGISTRY: dict[str, Optimizer] = {o.name: o for o in [
    Optimizer("sgd", "SGD", "Plain gradient descent: step against the gradient, scaled by the learning rate.",
              "기본 경사하강법: 기울기의 반대 방향으로 학습률만큼 이동합니다.", "SGD", default_lr=0.1),
    Optimizer("momentum", "Momentum", "SGD that keeps 90% of the previous step: rolls through flat spots and small bumps.",
              "이전 이동의 90%를 유지하는 SGD입니다. 평평한 곳과 작은 굴곡을 관성으로 지나갑니다.",
              "SGD", {"momentum": 0.9}, default_lr=0.05),
    Optimizer("nesterov", "Nesterov momentum", "Momentum that looks ahead before computing the gradient.",
              "기울기를 구하기 전에 관성 방향으로 미리 가 보는 모멘텀입니다.",
              "SGD", {"momentum": 0.9, "nesterov": True}, default_lr=0.05),
    Optimizer("adagrad", "Adagrad", "Each weight gets its own step size, shrinking as its squared gradients add up.",
              "가중치마다 학습률을 따로 두고, 기울기 제곱이 쌓일수록 학습률을 줄입니다.", "Adagrad", default_lr=0.05),
    Optimizer("rmsprop", "RMSprop", "Divides each step by a running average of recent squared gradients.",
              "최근 기울기 제곱의 이동평균으로 나누어 이동 크기를 조절합니다.", "RMSprop", default_lr=0.001),
    Optimizer("adam", "Adam", "Momentum plus RMSprop-style scaling: a robust default.",
              "모멘텀과 RMSprop식 크기 조절을 합친 방법으로, 무난한 기본 선택입니다.", "Adam", default_lr=0.001),
    Optimizer("adamw", "AdamW", "Adam with weight decay applied directly to the weights.",
              "가중치 감쇠를 가중치에 직접 적용하는 Adam입니다.", "AdamW", default_lr=0.001),
    Optimizer("nadam", "Nadam", "Adam with Nesterov momentum.", "Nesterov 모멘텀을 쓰는 Adam입니다.",
              "Nadam", default_lr=0.001),
]}


def names() -> list[str]:
    return list(REGISTRY)


def get(name: str) -> Optimizer:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown optimizer {name!r}; choose one of: {', '.join(REGISTRY)}") from None
