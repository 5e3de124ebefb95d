"""nnlab.warmer: a warm-up leaves a compiled trainer that the user's run then borrows, and
a warm-up never takes a turn a user's run wants."""

import time

import pytest

from nnlab.compiled import TrainerPool
from nnlab.config import RunConfig
from nnlab.limits import Limits
from nnlab.scheduler import Scheduler
from nnlab.warmer import Warmer

SMALL = RunConfig(dataset="xor", n_samples=200, layer_widths=(7, 5), epochs=3, seed=1)
LONG = RunConfig(dataset="moons", n_samples=4000, layer_widths=(9, 9, 9), batch_size=8, epochs=2, seed=1)


@pytest.fixture()
def runtime():
    pool = TrainerPool()
    scheduler = Scheduler(pool, workers=1, limits=Limits(max_active_runs=8))
    warmer = Warmer(scheduler, pool)
    yield pool, scheduler, warmer
    warmer.shutdown()
    scheduler.shutdown()


def _wait_until(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def _arch(cfg):
    from nnlab import datasets
    from nnlab.model import Architecture

    data = datasets.load(cfg)
    return Architecture.of(cfg, data.input_dim, data.n_outputs, data.task)


def test_run_after_warm_up_borrows_the_compiled_trainer(runtime):
    pool, scheduler, warmer = runtime
    warmer.request([SMALL])
    warmer.join(120)
    assert pool.is_warm(_arch(SMALL), SMALL.optimizer)
    # a different seed, learning rate and initializer share the compiled network
    other = SMALL.replace(seed=9, learning_rate=0.2, initializer="he_normal")
    assert pool.is_warm(_arch(other), other.optimizer)
    assert not pool.is_warm(_arch(SMALL.replace(layer_widths=(7, 6))), SMALL.optimizer)
    built = pool.built
    job = scheduler.submit(other)
    assert job.wait(120)
    assert job.snapshot()["status"] == "finished"
    assert pool.built == built  # no new model was built or traced


def test_a_warm_up_gets_no_turn_while_a_user_run_wants_one(runtime):
    pool, scheduler, warmer = runtime
    user = scheduler.submit(LONG.replace(epochs=300))  # stopped below; long enough to outlast the 2-s settle
    _wait_until(lambda: bool(user.snapshot()["steps"]["step"]))
    warmer.request([SMALL])
    time.sleep(2.0)  # settle, load, submit: the warm-up now waits behind the user's run
    assert not user.ended
    assert not pool.is_warm(_arch(SMALL), SMALL.optimizer)
    user.stop()
    assert user.wait(30)
    warmer.join(120)
    assert pool.is_warm(_arch(SMALL), SMALL.optimizer)


def test_a_newer_request_replaces_a_warm_up_in_progress(runtime):
    pool, scheduler, warmer = runtime
    warmer.request([LONG])
    _wait_until(lambda: warmer._job is not None)
    first = warmer._job
    warmer.request([SMALL])
    assert first.wait(30)
    assert first.snapshot()["status"] == "stopped"
    warmer.join(120)
    assert pool.is_warm(_arch(SMALL), SMALL.optimizer)


def test_warm_ups_can_be_turned_off():
    pool = TrainerPool()
    warmer = Warmer(Scheduler(pool), pool, enabled=False)
    warmer.request([SMALL.replace(layer_widths=(3, 3))])
    assert warmer._thread is None


def test_every_session_gets_its_own_network_warmed_and_only_its_own_request_is_replaced(runtime):
    """Thirty students open the link at once with their own settings: each session's request
    stands beside the others' (a later session does not cancel an earlier one's), and a
    session's newer request replaces only its own older one."""
    pool, scheduler, warmer = runtime
    a = SMALL.replace(layer_widths=(4, 3))
    b = SMALL.replace(layer_widths=(5, 3))
    c = SMALL.replace(layer_widths=(6, 3))
    warmer.request([a], owner="session-1")
    warmer.request([LONG.replace(layer_widths=(2, 2))], owner="session-2")
    warmer.request([b], owner="session-2")  # session 2 moved its slider: replaces its own
    warmer.request([c], owner="session-3")
    assert warmer.asked() == [a, b, c]
    warmer.join(240)
    assert [pool.is_warm(_arch(cfg), cfg.optimizer) for cfg in (a, b, c)] == [True, True, True]
    assert not pool.has(_arch(LONG.replace(layer_widths=(2, 2))), LONG.optimizer)


def test_a_session_cancels_only_its_own_warm_up(runtime):
    pool, scheduler, warmer = runtime
    mine, theirs = SMALL.replace(layer_widths=(3, 4)), SMALL.replace(layer_widths=(3, 5))
    warmer.request([mine], owner="me")
    warmer.request([theirs], owner="them")
    warmer.cancel("me")
    warmer.join(240)
    assert not pool.has(_arch(mine), mine.optimizer)
    assert pool.is_warm(_arch(theirs), theirs.optimizer)
