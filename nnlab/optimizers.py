"""Optimizer registry: one table of update rules, each mapped to a Keras optimizer.

Display names and summaries are catalog texts (``opt.<name>.display`` / ``.summary``);
lookup (aliases, case folding, the error) is ``nnlab.registry``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nnlab.registry import Entry, Registry


@dataclass(frozen=True)
class Optimizer(Entry):
    PREFIX = "opt"

    name: str
    keras_class: str
    kwargs: dict = field(default_factory=dict)
    default_lr: float = 0.01

    def make(self, learning_rate: float):
        import keras

        return getattr(keras.optimizers, self.keras_class)(learning_rate=learning_rate, **self.kwargs)


REGISTRY: Registry[Optimizer] = Registry("optimizer", "opt", [
    Optimizer("sgd", "SGD", default_lr=0.1),
    Optimizer("momentum", "SGD", {"momentum": 0.9}, default_lr=0.05),
    Optimizer("nesterov", "SGD", {"momentum": 0.9, "nesterov": True}, default_lr=0.05),
    Optimizer("adagrad", "Adagrad", default_lr=0.05),
    Optimizer("rmsprop", "RMSprop", default_lr=0.001),
    Optimizer("adam", "Adam", default_lr=0.001),
    Optimizer("adamw", "AdamW", default_lr=0.001),
    Optimizer("nadam", "Nadam", default_lr=0.001),
])

names = REGISTRY.names
get = REGISTRY.get  # by name, any case; an unknown name raises registry.UnknownName (a KeyError)
