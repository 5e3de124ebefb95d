"""Shared fixtures: small real datasets, loaded once per session."""

import os

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@pytest.fixture(scope="session")
def xor_data():
    from nnlab import datasets
    from nnlab.config import RunConfig

    return datasets.load(RunConfig(dataset="xor", n_samples=200, seed=0))


@pytest.fixture(scope="session")
def spiral_data():
    from nnlab import datasets
    from nnlab.config import RunConfig

    return datasets.load(RunConfig(dataset="spiral", n_samples=400, noise=0.1, seed=0))
