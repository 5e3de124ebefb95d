"""Dataset registry (STUB — being implemented by a helper; interface is fixed).

load(config) -> Dataset with train/val/test arrays, feature and class names, task type.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Dataset:
    name: str
    task: str  # "classification" | "regression"
    x_train: np.ndarray  # float32, scaled
    y_train: np.ndarray  # int32 class index (classification) or float32 (regression)
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    feature_names: list[str]
    class_names: list[str]  # [] for regression
    is_2d: bool = False

    @property
    def n_outputs(self) -> int:
        return len(self.class_names) if self.task == "classification" else 1

    @property
    def input_dim(self) -> int:
        return int(self.x_train.shape[1])


_NAMES = ["xor", "circles", "moons", "spiral", "blobs", "iris", "digits", "mnist", "mnist_full",
          "boston", "diabetes", "csv"]


def names() -> list[str]:
    return list(_NAMES)
