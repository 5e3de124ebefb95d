"""Shared pieces of the benchmarks: the lecture's MNIST MLP setup and small timing helpers."""

from __future__ import annotations

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from nnlab import datasets  # noqa: E402
from nnlab.config import RunConfig  # noqa: E402

# The lecture's MNIST MLP: 784-256-128-10, ReLU, He init, SGD 0.1, batch 100.
MNIST_MLP = RunConfig(dataset="mnist", layer_widths=(256, 128), activation="relu", initializer="he_normal",
                      optimizer="sgd", learning_rate=0.1, batch_size=100, epochs=3, scaling="minmax",
                      test_fraction=0.2, val_fraction=0.2)


def mlp_flops_per_sample(widths=(784, 256, 128, 10)) -> float:
    """Multiply-adds of one training step per sample: forward 2·n_in·n_out, backward twice that."""
    return sum(6.0 * a * b for a, b in zip(widths[:-1], widths[1:]))


def median(values) -> float:
    return statistics.median(values)


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def load(config: RunConfig):
    return datasets.load(config)
