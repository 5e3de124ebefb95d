"""Background jobs under the scheduler: stop, pause, failure, admission, fair turns, and
reproducibility when runs share trainers and threads."""

import time

import numpy as np
import pytest

from nnlab.compiled import TrainerPool
from nnlab.config import RunConfig
from nnlab.limits import Limits
from nnlab.scheduler import Scheduler


@pytest.fixture(autouse=True, scope="module")
def _tensorflow_imported():
    """Import TensorFlow before the timed waits (seconds on a busy machine)."""
    from nnlab.tf_import import import_tensorflow

    import_tensorflow()


def _scheduler(max_active: int) -> Scheduler:
    return Scheduler(TrainerPool(), limits=Limits(max_active_runs=max_active))


def _wait_until(predicate, timeout=30.0, poll=0.01):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(poll)
    return False


def _steps(job):
    snap = job.snapshot()
    return snap["steps"]["step"][-1] if snap["steps"]["step"] else 0


LONG = dict(dataset="spiral", n_samples=400, depth=4, width=32, epochs=2000, batch_size=16)


def test_stop_takes_effect_within_a_quarter_second(spiral_data):
    manager = _scheduler(2)
    job = manager.submit(RunConfig(**LONG), data=spiral_data)
    assert _wait_until(lambda: _steps(job) > 50)
    t0 = time.perf_counter()
    job.stop()
    assert job.wait(timeout=5)
    elapsed = time.perf_counter() - t0
    assert job.snapshot()["status"] == "stopped"
    assert elapsed < 0.25, f"stop took {elapsed:.3f} s"
    job.stop()  # idempotent
    assert job.snapshot()["status"] == "stopped"


def test_pause_holds_the_step_count_and_resume_continues(spiral_data):
    manager = _scheduler(2)
    job = manager.submit(RunConfig(**LONG), data=spiral_data)
    assert _wait_until(lambda: _steps(job) > 20)
    job.pause()
    assert _wait_until(lambda: job.snapshot()["status"] == "paused", timeout=2)
    held = _steps(job)
    time.sleep(0.5)
    assert _steps(job) == held
    job.resume()
    assert _wait_until(lambda: _steps(job) > held, timeout=5)
    assert job.snapshot()["status"] == "running"
    job.stop()
    assert job.wait(timeout=5)


def test_progress_eta_and_samples_per_second_are_reported(spiral_data):
    manager = _scheduler(2)
    job = manager.submit(RunConfig(**LONG), data=spiral_data)
    assert _wait_until(lambda: job.snapshot()["progress"]["epoch"] >= 3)
    p = job.snapshot()["progress"]
    assert 0 < p["fraction"] < 1
    assert p["samples_per_second"] > 100
    assert p["eta_seconds"] > 0
    job.stop()
    job.wait(5)


def test_exceptions_end_as_failed_with_a_readable_message():
    manager = _scheduler(1)
    job = manager.submit(RunConfig(dataset="csv", csv_path="/nonexistent/file.csv"))
    assert job.wait(timeout=30)
    snap = job.snapshot()
    assert snap["status"] == "failed"
    assert "file.csv" in snap["error"]
    assert "Traceback" not in snap["error"]
    # the manager lets go of it (the worker counts it out just after the job says it ended)
    deadline = time.monotonic() + 5
    while manager.running_count() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert manager.running_count() == 0


def test_waiting_for_first_numbers_ends_with_the_first_chunk_or_with_the_run(xor_data):
    manager = _scheduler(1)
    cfg = RunConfig(dataset="xor", depth=2, width=8, epochs=400, batch_size=8)
    running = manager.submit(cfg, data=xor_data)
    queued = manager.submit(cfg.replace(seed=1), data=xor_data)
    assert queued.wait_for_numbers(0.2) is False  # waits in line behind the first
    assert running.wait_for_numbers(30) and running.has_numbers
    assert not running.ended  # 400 epochs: the first chunk is far from the end
    failed = manager.submit(RunConfig(dataset="csv", csv_path="/nonexistent/file.csv"))
    running.stop()
    assert failed.wait_for_numbers(30) and not failed.has_numbers  # a failed run wakes waiters too
    assert failed.snapshot()["status"] == "failed"
    queued.stop()
    assert queued.wait_for_numbers(1)


def test_queue_respects_the_cap_and_is_fifo(xor_data):
    manager = _scheduler(1)
    cfg = RunConfig(dataset="xor", depth=2, width=8, epochs=30, batch_size=8)
    jobs = [manager.submit(cfg.replace(seed=i), data=xor_data) for i in range(3)]
    assert [manager.queue_position(j) for j in jobs] == [0, 1, 2]
    assert jobs[2].snapshot()["status"] == "queued"
    max_running, start_order = 0, []
    while not all(j.ended for j in jobs):
        max_running = max(max_running, manager.running_count())
        for j in jobs:
            if j.status() != "queued" and j not in start_order:
                start_order.append(j)
        time.sleep(0.005)
    assert max_running == 1
    assert start_order == jobs
    assert all(j.snapshot()["status"] == "finished" for j in jobs)


def test_a_queued_job_can_be_cancelled(xor_data):
    manager = _scheduler(1)
    cfg = RunConfig(dataset="xor", depth=2, width=8, epochs=200, batch_size=8)
    first = manager.submit(cfg, data=xor_data)
    second = manager.submit(cfg, data=xor_data)
    second.stop()
    assert second.snapshot()["status"] == "stopped" and manager.queued_count() == 0
    first.stop()
    assert first.wait(10)


def test_same_config_identical_history_when_run_concurrently(spiral_data):
    cfg = RunConfig(dataset="spiral", n_samples=400, depth=3, width=16, activation="tanh", dropout=0.2,
                    epochs=8, batch_size=16, seed=11)
    manager = _scheduler(2)
    a, b = manager.submit(cfg, data=spiral_data), manager.submit(cfg, data=spiral_data)
    assert a.wait(60) and b.wait(60)
    sa, sb = a.snapshot(), b.snapshot()
    assert sa["history"]["loss"] == sb["history"]["loss"]
    assert sa["history"]["grad_norm"] == sb["history"]["grad_norm"]
    assert sa["steps"]["loss"] == sb["steps"]["loss"]
    for wa, wb in zip(a.record.weights, b.record.weights):
        assert np.array_equal(wa, wb)
    # and the same as a run on its own
    solo = manager.submit(cfg, data=spiral_data)
    assert solo.wait(60)
    assert solo.snapshot()["history"]["loss"] == sa["history"]["loss"]
    other_seed = manager.submit(cfg.replace(seed=12), data=spiral_data)
    assert other_seed.wait(60)
    assert other_seed.snapshot()["history"]["loss"] != sa["history"]["loss"]


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_finished_job_snapshot_is_complete(xor_data, activation):
    manager = _scheduler(1)
    job = manager.submit(RunConfig(dataset="xor", depth=2, width=8, epochs=3, activation=activation), data=xor_data)
    assert job.wait(60)
    snap = job.snapshot()
    assert snap["status"] == "finished"
    assert snap["progress"]["fraction"] == 1.0
    assert snap["history"]["epoch"] == [1, 2, 3]
    assert snap["queue_position"] == 0 and snap["job_id"] == job.id


def test_a_comparison_group_starts_together_and_takes_one_place(xor_data):
    manager = _scheduler(1)
    cfg = RunConfig(dataset="xor", depth=2, width=8, epochs=400, batch_size=8)
    group = manager.submit_group([cfg.replace(activation=a) for a in ("relu", "tanh", "sigmoid")], data=xor_data,
                                 labels=["relu", "tanh", "sigmoid"])
    later = manager.submit(cfg, data=xor_data)
    assert _wait_until(lambda: all(_steps(j) > 0 for j in group), timeout=30)
    assert manager.running_count() == 3 and manager.running_units() == 1
    assert manager.queue_position(later) == 1 and later.snapshot()["status"] == "queued"
    assert [j.snapshot()["label"] for j in group] == ["relu", "tanh", "sigmoid"]
    for j in group:
        j.stop()
    assert _wait_until(lambda: later.status() != "queued", timeout=10)
    later.stop()
    assert later.wait(10)


def test_many_runs_advance_together_and_share_trainers(xor_data):
    """A class: runs of two shapes started at once all show numbers before any finishes,
    and runs of one shape share compiled trainers instead of each compiling its own."""
    pool = TrainerPool()
    scheduler = Scheduler(pool, workers=2, limits=Limits(max_active_runs=20))
    cfg = RunConfig(dataset="xor", width=8, epochs=60, batch_size=8)
    jobs = [scheduler.submit(cfg.replace(depth=2 + i % 2, seed=i), data=xor_data) for i in range(8)]
    first_finish_seen_with = None
    assert _wait_until(lambda: any(j.ended for j in jobs) or all(_steps(j) for j in jobs), timeout=60)
    first_finish_seen_with = sum(1 for j in jobs if _steps(j))
    assert first_finish_seen_with == 8, "every run had numbers before the first one ended"
    assert all(j.wait(120) for j in jobs)
    assert all(j.snapshot()["status"] == "finished" for j in jobs)
    assert pool.built <= 4  # two shapes, at most a twin each — not eight trainers
    # sharing a trainer changes nothing: a run alone gives the same history
    alone = Scheduler(TrainerPool(), limits=Limits(max_active_runs=1)).submit(jobs[3].config, data=xor_data)
    assert alone.wait(60)
    assert alone.snapshot()["history"]["loss"] == jobs[3].snapshot()["history"]["loss"]
    scheduler.shutdown()


def test_more_live_shapes_than_the_pool_keeps_compile_once_each(xor_data):
    """Ten Compare pages at once train dozens of shapes. A pool that keeps fewer idle
    trainers than there are live shapes must not drop a live run's trainer (that run would
    compile again on its next turn, forever); only trainers of ended runs are dropped."""
    pool = TrainerPool(max_idle=1)
    scheduler = Scheduler(pool, workers=1, limits=Limits(max_active_runs=20))
    cfg = RunConfig(dataset="xor", width=4, epochs=20, batch_size=8)
    jobs = [scheduler.submit(cfg.replace(depth=depth), data=xor_data) for depth in (1, 2, 3)]
    assert all(j.wait(180) for j in jobs)
    assert all(j.snapshot()["status"] == "finished" for j in jobs)
    assert min(j.turns_taken for j in jobs) > 5  # they took turns in rotation
    assert pool.built == 3  # one compile per shape
    # once the runs ended their trainers are spare: the pool keeps max_idle of them
    assert sum(pool.has(j.arch, cfg.optimizer) for j in jobs) == 1
    scheduler.shutdown()


def test_warm_ups_take_no_place_in_line_and_a_stopped_one_ends_while_users_train(xor_data):
    scheduler = _scheduler(2)
    cfg = RunConfig(dataset="xor", depth=2, width=8, epochs=3000, batch_size=8)
    warm_ups = [scheduler.submit(cfg.replace(seed=i), data=xor_data, background=True) for i in range(3)]
    users = [scheduler.submit(cfg.replace(seed=10 + i), data=xor_data) for i in range(2)]
    assert [u.queue_position for u in users] == [0, 0]  # both admitted although three warm-ups run
    assert scheduler.running_units() == 2
    assert _wait_until(lambda: all(_steps(u) for u in users))
    for w in warm_ups:
        w.stop()
    assert all(w.wait(5) for w in warm_ups), "stopped warm-ups ended although users keep the workers busy"
    assert all(w.status() == "stopped" for w in warm_ups)
    assert not any(u.ended for u in users)
    scheduler.shutdown()


def test_one_warm_up_turn_at_a_time_so_a_new_run_always_finds_a_free_worker(xor_data):
    class Watched(Scheduler):
        most = 0

        def _turn(self, job):
            with self._cv:
                Watched.most = max(Watched.most, sum(1 for j in self._in_turn if j.background))
            return Scheduler._turn(job)

    scheduler = Watched(TrainerPool(), workers=2, limits=Limits(max_active_runs=4))
    warm_ups = [scheduler.submit(RunConfig(dataset="xor", depth=d, width=8, epochs=200, batch_size=8),
                                 data=xor_data, background=True) for d in (3, 4, 5, 6)]
    assert all(w.wait(120) for w in warm_ups)
    assert all(w.status() == "finished" for w in warm_ups)
    assert Watched.most == 1, f"{Watched.most} warm-up turns ran at once on two workers"
    scheduler.shutdown()


def test_no_warm_up_turn_beside_a_users_first_turn(xor_data):
    """A user's first turn compiles its network: a warm-up compiling beside it on the other
    worker would halve its share of the GIL (the first click on a fresh server waited for it)."""
    class Watched(Scheduler):
        overlaps = 0
        user_first_turns = 0

        def _turn(self, job):
            with self._cv:
                if not job.background and not job.has_numbers:
                    Watched.user_first_turns += 1
                if job.background and any(not j.background and not j.has_numbers for j in self._in_turn):
                    Watched.overlaps += 1
            return Scheduler._turn(job)

    scheduler = Watched(TrainerPool(), workers=2, limits=Limits(max_active_runs=4))
    warm_ups = [scheduler.submit(RunConfig(dataset="xor", depth=d, width=8, epochs=5000, batch_size=8),
                                 data=xor_data, background=True) for d in (3, 4, 5, 6)]  # busy to the end
    assert _wait_until(lambda: scheduler.pool.built >= 1, timeout=120)
    users = []
    for d in (7, 8, 9):  # one at a time, new shapes: each first turn compiles while the other worker is free
        users.append(scheduler.submit(RunConfig(dataset="xor", depth=d, width=8, epochs=50, batch_size=8),
                                      data=xor_data))
        assert users[-1].wait(120) and users[-1].status() == "finished"
    for w in warm_ups:
        w.stop()
    assert all(w.wait(30) for w in warm_ups)
    assert Watched.user_first_turns >= 3
    assert Watched.overlaps == 0, f"a warm-up turn ran beside a user's first turn {Watched.overlaps} times"
    scheduler.shutdown()


def test_a_waiting_run_knows_its_place_and_an_estimated_wait(xor_data):
    scheduler = _scheduler(1)
    cfg = RunConfig(dataset="xor", depth=2, width=8, epochs=400, batch_size=8)
    jobs = [scheduler.submit(cfg.replace(seed=i), data=xor_data) for i in range(3)]
    assert _wait_until(lambda: jobs[0].snapshot()["progress"]["eta_seconds"] is not None, timeout=30)
    scheduler.submit(cfg, data=xor_data).stop()  # re-number the line
    snaps = [j.snapshot() for j in jobs]
    assert [s["queue_position"] for s in snaps] == [0, 1, 2]
    assert snaps[1]["estimated_wait"] is not None and snaps[1]["estimated_wait"] > 0
    for j in jobs:
        j.stop()
    assert all(j.wait(10) for j in jobs)


def test_a_run_too_large_for_the_server_fails_at_once_with_the_sizes(xor_data):
    scheduler = Scheduler(TrainerPool(), limits=Limits(max_run_cost=10_000))
    job = scheduler.submit(RunConfig(dataset="xor", depth=2, width=8, epochs=50), data=xor_data)
    assert job.wait(10)
    snap = job.snapshot()
    assert snap["status"] == "failed"
    key, params = snap["error_key"]
    assert key == "live.error.too_large"
    assert params["epochs"] == 50 and params["samples"] == len(xor_data.x_train)
    assert params["weights"] == (2 + 1) * 8 + (8 + 1) * 8 + (8 + 1) * 2
    assert 1 <= params["max_epochs"] < 50
    assert "NNLAB_LIMITS=off" in snap["error"]


def test_limits_come_from_the_environment():
    assert Limits.from_env({}).max_run_cost == 1e11
    assert Limits.from_env({"NNLAB_MAX_RUN_COST": "0"}).max_run_cost is None
    assert Limits.from_env({"NNLAB_MAX_ACTIVE_RUNS": "5"}).max_active_runs == 5
    off = Limits.from_env({"NNLAB_LIMITS": "off"})
    assert off.max_run_cost is None and off.max_active_runs >= 1000


def test_shutdown_stops_runs_and_joins_every_worker(xor_data):
    scheduler = _scheduler(4)
    jobs = [scheduler.submit(RunConfig(dataset="xor", depth=2, width=8, epochs=5000, seed=i), data=xor_data)
            for i in range(3)]
    assert _wait_until(lambda: all(_steps(j) for j in jobs), timeout=30)
    scheduler.shutdown(timeout=10)
    assert all(j.ended for j in jobs)
    assert {j.snapshot()["status"] for j in jobs} == {"stopped"}
    assert not any(t.is_alive() for t in scheduler._threads)
