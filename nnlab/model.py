"""RunConfig → Keras functional MLP and its seeded initial weights (the parameter table
built from an ``Architecture`` lives in ``nnlab.report``).

Layer names are predictable so charts can label them: hidden layer i (1-based, input
side first) is ``dense_i`` → optional ``bn_i`` → ``act_i`` → optional ``dropout_i``; the
output layer is ``dense_{depth+1}`` followed by ``output`` (softmax or linear).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from nnlab import activations, initializers
from nnlab.config import RunConfig

OUTPUT_SEED_OFFSET = 9973  # the output layer's seed does not depend on depth
# BatchNorm's running mean and variance (what it uses when evaluating) move this much per step
# toward the batch's. Keras's 0.99 needs ~500 steps to forget the start; a classroom run has a
# few hundred in all, so a 10-layer sigmoid net trained well but evaluated at chance (its
# validation accuracy stayed 50% while its training loss fell to 0.01). 0.9 is PyTorch's default.
BN_MOMENTUM = 0.9
# Keras model construction is not safe to run in several threads at once (jobs, the
# results page building a .keras download): every build holds this lock.
BUILD_LOCK = threading.RLock()


@dataclass(frozen=True)
class Architecture:
    """Everything that fixes the model's graph (and so its compiled training function)."""

    input_dim: int
    n_outputs: int
    task: str
    widths: tuple[int, ...]
    activations: tuple[str, ...]
    batchnorm: bool
    dropout: float
    l2: float

    @classmethod
    def of(cls, config: RunConfig, input_dim: int, n_outputs: int, task: str) -> "Architecture":
        return cls(int(input_dim), int(n_outputs), task, config.hidden_widths, config.hidden_activations,
                   config.batchnorm, config.dropout, config.l2)

    @property
    def dense_names(self) -> list[str]:
        return [f"dense_{i}" for i in range(1, len(self.widths) + 2)]

    @property
    def dense_widths(self) -> list[int]:
        return list(self.widths) + [self.n_outputs]

    @property
    def n_kernel_weights(self) -> int:
        fan_ins = [self.input_dim] + list(self.widths)
        return sum(a * b for a, b in zip(fan_ins, self.dense_widths))

    @property
    def layer_labels(self) -> list[str]:
        """Short chart labels, input side first: L1 … Ln, then 'out'."""
        return [f"L{i}" for i in range(1, len(self.widths) + 1)] + ["out"]


def build_model(config: RunConfig, input_dim: int, n_outputs: int, task: str):
    """A Keras functional MLP for ``config`` with seeded initial weights."""
    return build_from_architecture(Architecture.of(config, input_dim, n_outputs, task),
                                   config.initializer, config.init_param, config.seed)


def build_from_architecture(arch: Architecture, initializer: str = "glorot_uniform",
                            init_param: float = 0.0, seed: int = 0):
    with BUILD_LOCK:
        return _build(arch, initializer, init_param, seed)


def _build(arch: Architecture, initializer: str, init_param: float, seed: int):
    from nnlab.tf_import import import_keras

    keras = import_keras()

    regularizer = keras.regularizers.L2(arch.l2) if arch.l2 > 0 else None
    inputs = keras.Input(shape=(arch.input_dim,), name="input")
    x = inputs
    for i, (width, act_name) in enumerate(zip(arch.widths, arch.activations), start=1):
        x = keras.layers.Dense(width, name=f"dense_{i}", kernel_regularizer=regularizer)(x)
        if arch.batchnorm:
            x = keras.layers.BatchNormalization(momentum=BN_MOMENTUM, name=f"bn_{i}")(x)
        x = activations.get(act_name).keras_layer(f"act_{i}")(x)
        if arch.dropout > 0:
            x = keras.layers.Dropout(arch.dropout, name=f"dropout_{i}")(x)
    x = keras.layers.Dense(arch.n_outputs, name=f"dense_{len(arch.widths) + 1}",
                           kernel_regularizer=regularizer)(x)
    outputs = keras.layers.Activation("softmax" if arch.task == "classification" else "linear", name="output")(x)
    model = keras.Model(inputs, outputs, name="nnlab_mlp")
    set_initial_weights(model, arch, initializer, init_param, seed)
    return model


def initial_dense_weights(arch: Architecture, initializer: str, init_param: float, seed: int):
    """[(kernel, bias), …] per Dense layer, input side first, as float32 NumPy arrays.

    Layer i's kernel is drawn with seed ``seed * 1000 + i`` (the output layer with a fixed
    offset), so the same seed gives the same weights whatever the activation, and layers
    of the same shape match across depths.
    """
    init = initializers.get(initializer)
    fan_ins = [arch.input_dim] + list(arch.widths)
    out = []
    n_dense = len(arch.widths) + 1
    for i, (fan_in, fan_out) in enumerate(zip(fan_ins, arch.dense_widths), start=1):
        layer_seed = seed * 1000 + (OUTPUT_SEED_OFFSET if i == n_dense else i)
        kernel = np.asarray(init.make(init_param, layer_seed)((fan_in, fan_out), dtype="float32"))
        out.append((kernel.astype(np.float32), np.zeros(fan_out, np.float32)))
    return out


def set_initial_weights(model, arch: Architecture, initializer: str, init_param: float, seed: int) -> None:
    """Reset every weight of ``model`` to the seeded initial state (BatchNorm to identity)."""
    for name, (kernel, bias) in zip(arch.dense_names, initial_dense_weights(arch, initializer, init_param, seed)):
        model.get_layer(name).set_weights([kernel, bias])
    for layer in model.layers:
        if layer.name.startswith("bn_"):
            width = layer.gamma.shape[0]
            layer.set_weights([np.ones(width, np.float32), np.zeros(width, np.float32),
                               np.zeros(width, np.float32), np.ones(width, np.float32)])
