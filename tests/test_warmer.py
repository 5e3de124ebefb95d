"""nnlab.warmer: a warm-up leaves a compiled trainer that the user's run then reuses."""

import time

import pytest

from nnlab import warmer as warmer_module
from nnlab.compiled import POOL
from nnlab.config import RunConfig
from nnlab.jobs import MANAGER
from nnlab.warmer import WARMER, Warmer

# Widths no other test uses, so the pool holds no trainer of these shapes beforehand.
SMALL = RunConfig(dataset="xor", n_samples=200, layer_widths=(7, 5), epochs=3, seed=1)
LONG = RunConfig(dataset="moons", n_samples=4000, layer_widths=(9, 9, 9), batch_size=8, epochs=2, seed=1)


@pytest.fixture(autouse=True)
def _warm_ups_on(monkeypatch):
    monkeypatch.setattr(warmer_module, "ENABLED", True)  # conftest turns them off for other tests


def _wait_until(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_run_after_warm_up_reuses_the_compiled_trainer():
    warmer = Warmer()
    warmer.request([SMALL])
    warmer.join(120)
    assert warmer.is_warm(SMALL)
    # a different seed, learning rate and initializer share the compiled network
    assert warmer.is_warm(SMALL.replace(seed=9, learning_rate=0.2, initializer="he_normal"))
    assert not warmer.is_warm(SMALL.replace(layer_widths=(7, 6)))
    built = POOL.built
    job = MANAGER.submit(SMALL.replace(seed=9, learning_rate=0.2))
    assert job.wait(120)
    assert job.snapshot()["status"] == "finished"
    assert POOL.built == built  # no new model was built or traced


def test_run_started_during_its_warm_up_waits_and_reuses_it_and_the_warm_up_yields():
    warmer = WARMER  # the one jobs consult
    built = POOL.built
    warmer.request([LONG])
    _wait_until(lambda: warmer.warming() == Warmer.key(LONG))
    job = MANAGER.submit(LONG)
    assert job.wait(120)
    assert job.snapshot()["status"] == "finished"
    warmer.join(30)
    assert POOL.built == built + 1  # one trainer, built by the warm-up, used by the run
    assert not warmer.is_warm(LONG)  # it stopped early to make way for the run
    assert warmer.warming() is None


def test_warm_up_of_another_network_does_not_hold_a_run_back():
    warmer = Warmer()
    assert warmer.wait_if_warming(SMALL) is False


def test_warm_ups_can_be_turned_off(monkeypatch):
    monkeypatch.setattr(warmer_module, "ENABLED", False)
    warmer = Warmer()
    warmer.request([SMALL.replace(layer_widths=(3, 3))])
    assert warmer.warming() is None and warmer._thread is None
