"""A class's worth of start/stop through the job API: threads and memory come back.

200 cycles of "start a run, let it train a little, stop it" (what students clicking
Train and Stop do all lesson long) must leave no thread behind and grow the process by
less than 1 MB per cycle.
"""

import gc
import threading
import time

import psutil

from nnlab.compiled import TrainerPool
from nnlab.config import RunConfig
from nnlab.limits import Limits
from nnlab.scheduler import Scheduler

CYCLES = 200
CFG = RunConfig(dataset="xor", depth=2, width=8, epochs=5000, batch_size=8)


def _cycle(scheduler: Scheduler, data, seed: int) -> None:
    job = scheduler.submit(CFG.replace(seed=seed, activation=("relu", "tanh")[seed % 2]), data=data)
    deadline = time.monotonic() + 30
    while not job.has_numbers and time.monotonic() < deadline and not job.ended:
        time.sleep(0.002)
    job.stop()
    assert job.wait(30)
    assert job.snapshot()["status"] == "stopped"


def test_two_hundred_start_stop_cycles_leak_no_thread_and_little_memory(xor_data):
    threads_before = threading.active_count()
    scheduler = Scheduler(TrainerPool(), workers=2, limits=Limits(max_active_runs=4))
    for seed in range(20):  # warm: build and trace both shapes, reach a steady state
        _cycle(scheduler, xor_data, seed)
    gc.collect()
    rss_before = psutil.Process().memory_info().rss
    for seed in range(20, 20 + CYCLES):
        _cycle(scheduler, xor_data, seed)
    gc.collect()
    growth_mb = (psutil.Process().memory_info().rss - rss_before) / 2**20
    assert scheduler.running_count() == 0 and scheduler.queued_count() == 0
    assert scheduler.pool.built <= 4  # two shapes: runs share their trainers
    print(f"RSS growth over {CYCLES} cycles: {growth_mb:.1f} MB ({growth_mb / CYCLES:.3f} MB per cycle)")
    assert growth_mb / CYCLES < 1.0, f"RSS grew {growth_mb:.1f} MB over {CYCLES} cycles"
    scheduler.shutdown()
    assert threading.active_count() == threads_before
