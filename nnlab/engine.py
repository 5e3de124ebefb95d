"""The instrumented training loop: RunConfig + Dataset → run record.

``run(config, data, observer, control)`` drives a pooled ``CompiledTrainer`` chunk by
chunk. Between chunks it hands fresh numbers to the observer (the terminal progress bar or
a background job), checks the control for stop and pause, and detects divergence. Chunk
length adapts so one compiled call takes about ``TARGET_CHUNK_SECONDS``: live charts get
fresh numbers several times a second and Stop is quick. Shuffling uses NumPy seeded by
the config (``shuffle`` off: every epoch uses the first epoch's batch order), dropout is
stateless, initial weights are seeded: the same RunConfig gives the same history in any
thread. The per-layer statistics are taken on a sample of the steps, at least one of every
epoch (``sample_mask``; the loss on every step); the frames the "inside" views record share
one time budget (``nnlab.frame_budget``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Generator
from typing import Protocol

import numpy as np

from nnlab import frame_budget, histograms, inside
from nnlab.compiled import STAT_NAMES, RunState, TrainerPool
from nnlab.config import RunConfig
from nnlab.datasets import Dataset, grid_for
from nnlab.frame_budget import FrameBudget
from nnlab.model import Architecture
from nnlab.record import RunRecord
from nnlab.tf_import import import_tensorflow

TARGET_CHUNK_SECONDS = 0.075
MAX_CHUNK_STEPS = 1000
BOUNDARY_EVERY_SECONDS = 0.4
BOUNDARY_FRAMES = 100
BOUNDARY = "boundary"  # the boundary frames' name in the frame budget
FRAME_BUDGET = frame_budget.BUDGET  # every frame together: at most this share of the training time
# Per-layer statistics on 4 steps of every epoch (fewer made the per-epoch means of gradient
# norms on batches of 16 stray by 2-3x), or on one step in 16 on long epochs.
STATS_PER_EPOCH = 4
STEPS_PER_SAMPLE = 16


class Observer(Protocol):
    def on_update(self, record: RunRecord) -> None: ...


class Control(Protocol):
    def should_stop(self) -> bool: ...
    def wait_while_paused(self) -> None: ...


class _NoControl:
    def should_stop(self) -> bool:
        return False

    def wait_while_paused(self) -> None:
        pass


DIVERGED_HINT = "live.hint.diverged"  # catalog key of what to try after a divergence


def divergence_hint(config: RunConfig) -> tuple[str, dict]:
    """What to try after the loss became NaN or infinite, as a catalog key and its parameters
    (registry names: the UI shows them by their display names, the CLI as they are)."""
    return DIVERGED_HINT, {"lr": float(config.learning_rate), "activation": config.activation,
                           "initializer": config.initializer, "optimizer": config.optimizer}


def epoch_batches(n_train: int, batch_size: int, seed: int, epoch: int) -> np.ndarray:
    """[steps, batch] sample indices of one epoch: a seeded shuffle, last partial batch dropped."""
    batch = min(batch_size, n_train)
    order = np.random.default_rng([seed, epoch]).permutation(n_train)
    steps = n_train // batch
    return order[: steps * batch].reshape(steps, batch).astype(np.int32)


def run(config: RunConfig, data: Dataset, observer: Observer | None = None,
        control: Control | None = None, instrument: bool = True, pool: TrainerPool | None = None) -> RunRecord:
    """Train ``config`` on ``data`` to the end; returns the finished (or stopped/diverged) record."""
    turns = train_in_turns(config, data, observer, control, instrument, pool)
    while True:
        try:
            worked = next(turns)
        except StopIteration as done:
            return done.value
        if not worked:  # every trainer of this shape is busy with another run
            time.sleep(0.005)


def sample_mask(config: RunConfig, steps_per_epoch: int) -> np.ndarray:
    """Which steps of every epoch take the per-layer statistics ([steps_per_epoch] bool):
    every step with ``config.stats_every_step``; else ``STATS_PER_EPOCH`` steps (all of a
    shorter epoch), or one in ``STEPS_PER_SAMPLE`` on long epochs, each in the middle of an
    equal share of the epoch (their mean is the epoch's midpoint: early on, gradients shrink
    within an epoch). A function of the config and the data only: the same RunConfig gives
    the same statistics. Small nets take theirs over whole epochs instead (see
    ``CompiledTrainer.stats_mask``)."""
    if config.stats_every_step:
        return np.ones(steps_per_epoch, bool)
    per_epoch = max(min(STATS_PER_EPOCH, steps_per_epoch), steps_per_epoch // STEPS_PER_SAMPLE)
    mask = np.zeros(steps_per_epoch, bool)
    mask[(2 * np.arange(per_epoch) + 1) * steps_per_epoch // (2 * per_epoch)] = True
    return mask


def sampled_steps(step0: int, count: int, mask: np.ndarray) -> np.ndarray:
    """Which of steps ``step0 + 1 … step0 + count`` had their statistics taken (as the chunk
    decides in-graph from their position in the epoch)."""
    return mask[np.arange(step0, step0 + count) % len(mask)]


def train_in_turns(config: RunConfig, data: Dataset, observer: Observer | None = None,
                   control: Control | None = None, instrument: bool = True,
                   pool: TrainerPool | None = None) -> Generator[bool, None, RunRecord]:
    """The training loop as a generator of turns: each ``next()`` runs one compiled chunk
    (plus the epoch's evaluation when the chunk ends an epoch) and yields True, or yields
    False without doing anything when no trainer of this shape is free. Its return value
    (``StopIteration.value``) is the final record.

    Between turns the run holds no trainer: a scheduler interleaves many runs' turns on a
    few threads, and runs of one architecture share one compiled trainer (``TrainerPool``).
    """
    tf = import_tensorflow()
    pool = pool or default_pool()
    control = control or _NoControl()
    arch = Architecture.of(config, data.input_dim, data.n_outputs, data.task)
    record = RunRecord.start(config, data, arch)
    started = time.perf_counter()
    state = RunState(config.initializer, config.init_param, config.seed, config.learning_rate)
    grid = grid_for(data) if data.is_2d else None
    steps_per_epoch = epoch_batches(len(data.x_train), config.batch_size, config.seed, 0).shape[0]
    mask = sample_mask(config, steps_per_epoch)
    # Every frame besides the numbers (boundary, neuron maps and diagram, histograms) shares
    # one time budget: nnlab.frame_budget.
    budget = FrameBudget(config.epochs, steps_per_epoch, FRAME_BUDGET)
    if grid is not None:  # about BOUNDARY_FRAMES evenly spaced epochs, and a live refresh
        budget.add(BOUNDARY, max(1, config.epochs // BOUNDARY_FRAMES), refresh=BOUNDARY_EVERY_SECONDS)
    probe = inside.Probe.for_run(arch, config.epochs, grid, *_eval_split(data))  # None: nothing to record
    if probe is not None:
        probe.planned(budget)
        record.start_inside(probe.meta())

    def turn():
        """Borrow a trainer with this run's weights loaded (None: try again next turn)."""
        return pool.borrow(arch, config.optimizer, instrument, state)

    try:
        x_train, y_train = tf.constant(data.x_train), tf.constant(data.y_train)
        x_val, y_val = _eval_split(data)
        x_val, y_val = tf.constant(x_val), tf.constant(y_val)
        # Histograms over time (nnlab.histograms): on a fixed batch at planned epoch ends, never per step.
        tracker = (histograms.Tracker(config.epochs, data.x_train, data.y_train, config.seed,
                                      [layer["activation"] for layer in record.layers], budget)
                   if instrument and histograms.ENABLED else None)
        record.timing["setup_seconds"] = time.perf_counter() - started
        record.timing["steps_per_epoch"] = steps_per_epoch
        record.set_status("running")
        if observer:
            observer.on_update(record)

        chunk_steps, step = 8, 0
        grid_points = None if grid is None else tf.constant(grid[2])
        train_seconds, samples = 0.0, 0
        epoch, pos = 0, 0  # the epoch in training (0-based) and its next step
        ep_loss, ep_metric, ep_stats = [], [], []
        # Small nets take their statistics over whole epochs (CompiledTrainer.epoch_stats): a pass
        # between two epochs over the next one's batches, before a step fits them. An epoch's
        # means are halfway between the passes before and after it, its midpoint: early on,
        # gradients shrink within an epoch.
        between_epochs = None

        def take_frames(trainer, frame_epoch: int) -> None:
            """The frames planned at the end of ``frame_epoch`` (1-based), from ``trainer``
            holding the weights of that moment."""
            if tracker is not None:
                tracker.capture(trainer, record, frame_epoch)
                record.timing["histogram_seconds"] = tracker.seconds
            boundary = _boundary_if_due(trainer, budget, grid_points, frame_epoch, config.epochs)
            if boundary is not None:
                output, seconds, traced = boundary
                t_record = time.perf_counter()
                record.set_boundary(grid, output)
                budget.took(BOUNDARY, frame_epoch, seconds + time.perf_counter() - t_record, traced=traced)
            if probe is not None and (inside_frame := probe.capture_if_due(trainer, frame_epoch)) is not None:
                record.add_inside_frame(inside_frame)
            record.timing["frame_seconds"] = round(budget.spent, 4)

        # The frames of a chunk's last epoch are taken at the start of the run's next turn (the
        # weights are the same: nothing trains this run between its turns), so the epoch's
        # numbers reach the charts first. A new network's first frames trace (0.3-0.6 s), and
        # Compare's first overlay waited for six networks' traces.
        frames_due = None
        while epoch < config.epochs:
            control.wait_while_paused()
            if control.should_stop():
                return (yield from _finish_in_turn(turn, pool, record, "stopped", data, grid, started))
            trainer = turn()
            if trainer is None:
                yield False
                continue
            try:
                if frames_due is not None:
                    take_frames(trainer, frames_due)
                    frames_due = None
                if tracker is not None and step == 0:
                    tracker.capture(trainer, record, 0)  # the start: also fixes the bins
                # Short epochs: one compiled call trains several of them (up to the next epoch
                # with a frame planned), evaluating in-graph at each epoch's end. Not with XLA,
                # which would compile again for each number of epochs.
                span = 1
                if pos == 0 and not trainer.uses_xla and chunk_steps >= 2 * steps_per_epoch:
                    span = min(chunk_steps // steps_per_epoch, config.epochs - epoch,
                               _next_frame_epoch(budget, tracker, epoch, config.epochs) - epoch)
                    span = max(1, span)
                taken_in_epoch = trainer.stats_mask(mask)
                over_epochs = trainer.chunk_mode(mask) == "epochs"
                # over whole epochs, each epoch's end also reads the next epoch's batches
                batches = np.concatenate([epoch_batches(len(data.x_train), config.batch_size, config.seed,
                                                        e if config.shuffle else 0)
                                          for e in range(epoch, epoch + span + over_epochs)])
                count = min(chunk_steps, steps_per_epoch - pos) if span == 1 else span * steps_per_epoch
                t0 = time.perf_counter()
                loss, metric, stats, evals, opening = trainer.train_steps(
                    x_train, y_train, tf.constant(batches), pos, count, step, config.seed, mask, x_val, y_val,
                    steps_per_epoch)
                elapsed = time.perf_counter() - t0
                ends = (pos + count) % steps_per_epoch == 0  # the chunk ends an epoch (its last one)
                last_epoch = epoch + (pos + count) // steps_per_epoch  # 1-based: the epoch it ends
                # No frames once Stop is pressed: a frame's first call traces (histograms: ~0.3 s),
                # and Stop takes effect between chunks.
                if ends and np.isfinite(loss).all() and np.isfinite(evals).all() and not control.should_stop():
                    frames_due = last_epoch
            finally:
                pool.give_back(trainer)
            if step > 0:  # the first call includes compiling; don't let it shrink the chunks
                train_seconds += elapsed
                samples += count * batches.shape[1]
                budget.trained(elapsed, count)
                per_step = elapsed / count
                chunk_steps = int(min(MAX_CHUNK_STEPS, max(1, TARGET_CHUNK_SECONDS / max(per_step, 1e-6))))
            else:
                record.timing["first_chunk_seconds"] = elapsed
            taken = sampled_steps(step, count, taken_in_epoch) if instrument else np.ones(count, bool)
            record.timing["stats_per_epoch"] = int(taken_in_epoch.sum()) if instrument else None
            record.timing["stats_over_epochs"] = bool(over_epochs)
            if over_epochs and step == 0:
                between_epochs = opening  # before the first step
            chunk_end = time.perf_counter()
            # The chunk's rows epoch by epoch: steps, epoch means, evaluations, divergence.
            done = 0
            while done < count:
                part = min(count - done, steps_per_epoch - pos)
                rows = slice(done, done + part)
                bad = np.flatnonzero(~np.isfinite(loss[rows]))
                if bad.size:
                    end = done + bad[0] + 1
                    record.add_steps(step, loss[done:end], stats[done:end], taken[done:end])
                    record.diverged(step + int(bad[0]), *divergence_hint(config))
                    return (yield from _finish_in_turn(turn, pool, record, "diverged", data, grid, started))
                record.add_steps(step, loss[rows], stats[rows], taken[rows])
                ep_loss.append(loss[rows])
                ep_metric.append(metric[rows])
                if not over_epochs:
                    ep_stats.append(stats[rows][taken[rows]])
                step += part
                pos += part
                done += part
                if pos < steps_per_epoch:
                    break
                val_loss, val_metric = (float(v) for v in evals[done - 1])
                # an epoch that ended inside the chunk: its time interpolated over the chunk's steps
                at = chunk_end - elapsed * (count - done) / count
                if over_epochs:  # halfway between the passes before and after the epoch (see below)
                    epoch_stats = stats[done - 1] if between_epochs is None else (between_epochs + stats[done - 1]) / 2
                    between_epochs = stats[done - 1]
                else:
                    epoch_stats = np.concatenate(ep_stats).mean(axis=0)
                record.add_epoch(epoch + 1, float(np.mean(np.concatenate(ep_loss))),
                                 float(np.mean(np.concatenate(ep_metric))), val_loss, val_metric,
                                 epoch_stats, at - started)
                ep_loss, ep_metric, ep_stats = [], [], []
                epoch, pos = epoch + 1, 0
                if not math.isfinite(val_loss):
                    record.diverged(step, *divergence_hint(config))
                    return (yield from _finish_in_turn(turn, pool, record, "diverged", data, grid, started))
            speed = samples / train_seconds if train_seconds else None
            if pos:  # within an epoch
                record.update_progress(epoch, pos / steps_per_epoch, speed, time.perf_counter() - started)
            else:  # at the end of the epoch before
                record.update_progress(epoch - 1, 1.0, speed, time.perf_counter() - started)
            if observer:
                observer.on_update(record)
            yield True
        record.timing["train_seconds"] = train_seconds
        record.timing["samples_per_second"] = samples / train_seconds if train_seconds else None
        if tracker is not None:
            record.timing["histogram_seconds"] = tracker.seconds
        return (yield from _finish_in_turn(turn, pool, record, "finished", data, grid, started,
                                           before=None if frames_due is None else
                                           lambda trainer: take_frames(trainer, frames_due)))
    finally:
        state.done = True
        if observer:
            observer.on_update(record)


def _next_frame_epoch(budget: FrameBudget, tracker, epoch: int, last_epoch: int) -> int:
    """The first epoch after ``epoch`` (0-based: the one in training) that has a frame planned:
    a chunk spanning epochs ends there, so the frame is taken on time."""
    planned = [budget.next_planned(skip=(histograms.Tracker.KIND,)), last_epoch]
    if tracker is not None:
        planned.append(tracker.next_planned(epoch))
    return max(epoch + 1, min(planned))


def _boundary_if_due(trainer, budget: FrameBudget, grid_points, epoch: int, last_epoch: int):
    """(the model's output over the grid, seconds, whether it traced) if ``epoch`` gets a
    boundary frame, else None. The last epoch's boundary is the final one (``_finish``)."""
    if grid_points is None or epoch >= last_epoch or not budget.due(BOUNDARY, epoch):
        return None
    traced = not trainer.predict.traced
    t0 = time.perf_counter()
    output = trainer.predict(grid_points).numpy()
    return output, time.perf_counter() - t0, traced


def warm_up(pool: TrainerPool | None = None) -> None:
    """Import TensorFlow and train a tiny network for one epoch, once per process.

    The first network a process trains pays several seconds of one-off TensorFlow and Keras
    start-up on top of its own tracing; a page calls this in the background while the
    teacher is still choosing settings, so the first Train click is as quick as later ones.
    """
    from nnlab import datasets

    tiny = RunConfig(dataset="xor", n_samples=40, depth=1, width=4, epochs=1, batch_size=8)
    run(tiny, datasets.load(tiny), pool=pool)


def _eval_split(data: Dataset):
    """Validation data; a run configured without validation validates on the test split."""
    if len(data.x_val):
        return data.x_val, data.y_val
    return data.x_test, data.y_test


def _finish_in_turn(turn, pool, record: RunRecord, status: str, data: Dataset, grid, started, before=None):
    """Generator: wait for a trainer, then (after ``before(trainer)``: the last epoch's frames)
    compute the test metrics and the last boundary."""
    while (trainer := turn()) is None:
        yield False
    try:
        if before is not None:
            before(trainer)
        _finish(record, status, trainer, data, grid, started)
    finally:
        pool.give_back(trainer)
    return record


def _finish(record: RunRecord, status: str, trainer, data: Dataset, grid, started) -> RunRecord:
    import tensorflow as tf

    y_out = trainer.predict(tf.constant(data.x_test)).numpy()
    test_loss, test_metric = (float(v) for v in trainer.evaluate(tf.constant(data.x_test), tf.constant(data.y_test)))
    if grid is not None:
        record.set_boundary(grid, trainer.predict(tf.constant(grid[2])).numpy())
    record.finish(status, test_loss, test_metric, y_out, trainer.weights(), time.perf_counter() - started)
    return record


_DEFAULT_POOL: TrainerPool | None = None


def default_pool() -> TrainerPool:
    """The trainer pool of callers that bring none (the CLI, scripts, tests); the app's
    runtime (``nnlab.runtime``) makes and passes its own."""
    global _DEFAULT_POOL
    if _DEFAULT_POOL is None:
        _DEFAULT_POOL = TrainerPool()
    return _DEFAULT_POOL


__all__ = ["DIVERGED_HINT", "STAT_NAMES", "default_pool", "divergence_hint", "epoch_batches", "run", "sample_mask",
           "sampled_steps", "train_in_turns", "warm_up"]
