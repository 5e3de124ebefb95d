"""What one shared server allows: the size of one run and how many runs train at once.

A class shares one process (Streamlit Community Cloud: 2 cores, 2.7 GB), so one student's
70,000-image, 30-layer run must not slow thirty others to a crawl. The limits come from
environment variables; on Community Cloud, root-level entries of the app's secrets become
environment variables too, so a teacher sets them in the secrets box:

- ``NNLAB_MAX_RUN_COST``: largest epochs × training samples × weights of one run
  (default 1e11: the lecture's MNIST MLP 784-256-128-10 on the 5,000-image sample, 3,000
  of them for training, for up to 140 epochs). ``0`` means no limit.
- ``NNLAB_MAX_ACTIVE_RUNS``: runs (a comparison counts as one) that train at the same
  time; later ones wait in line and see their place and an estimated wait (default 40).
- ``NNLAB_MAX_SWEEP_TRIALS`` and ``NNLAB_MAX_SWEEP_EPOCHS``: the largest sweep the Sweep
  page starts (trials, and trials × epochs; defaults 60 and 1,200: the lesson's 18-trial
  grid at 20 epochs is 360). Its trials train one at a time as ordinary runs (each under
  the run-size limit, each one active run), so the cap keeps one student's sweep from
  holding a place in line for an hour. ``0`` means no limit.
- ``NNLAB_LIMITS=off``: a teacher's own machine; no run-size or sweep limit and 1,000 active runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from nnlab.config import RunConfig

DEFAULT_MAX_RUN_COST = 1e11
DEFAULT_MAX_ACTIVE_RUNS = 40
DEFAULT_MAX_SWEEP_TRIALS = 60
DEFAULT_MAX_SWEEP_EPOCHS = 1200


class RunTooLarge(ValueError):
    """A run bigger than this server allows; ``params`` name the sizes for the message."""

    def __init__(self, cost: float, limit: float, params: dict):
        self.params = params
        super().__init__(
            f"this run is too large for a shared server: {params['epochs']} epochs × {params['samples']:,} "
            f"samples × {params['weights']:,} weights = {cost:.2g} > the limit {limit:.2g}. Use fewer epochs, a "
            "smaller network or fewer samples, or run NN Lab on your own machine with NNLAB_LIMITS=off.")


def n_weights(config: RunConfig, input_dim: int, n_outputs: int) -> int:
    """Kernel and bias weights of the network ``config`` builds for this data."""
    widths = [input_dim, *config.hidden_widths, n_outputs]
    return sum((a + 1) * b for a, b in zip(widths, widths[1:]))


class SweepTooLarge(ValueError):
    """A sweep bigger than this server allows (the Sweep page); ``params`` name the sizes."""

    def __init__(self, params: dict):
        self.params = params
        super().__init__(f"this sweep is too large for a shared server: {params['trials']} trials, "
                         f"{params['epochs']:,} epochs in all (limits: {params['max_trials']} trials, "
                         f"{params['max_epochs']:,} epochs)")


@dataclass(frozen=True)
class Limits:
    max_run_cost: float | None = DEFAULT_MAX_RUN_COST  # None: no limit
    max_active_runs: int = DEFAULT_MAX_ACTIVE_RUNS
    max_sweep_trials: int | None = DEFAULT_MAX_SWEEP_TRIALS  # None: no limit
    max_sweep_epochs: int | None = DEFAULT_MAX_SWEEP_EPOCHS  # trials × epochs; None: no limit

    @classmethod
    def from_env(cls, env=None) -> "Limits":
        env = os.environ if env is None else env
        if env.get("NNLAB_LIMITS", "").strip().lower() in ("off", "0", "false", "no"):
            return cls(max_run_cost=None, max_active_runs=1000, max_sweep_trials=None, max_sweep_epochs=None)
        cost = float(env.get("NNLAB_MAX_RUN_COST", DEFAULT_MAX_RUN_COST))
        active = int(env.get("NNLAB_MAX_ACTIVE_RUNS", DEFAULT_MAX_ACTIVE_RUNS))
        trials = int(env.get("NNLAB_MAX_SWEEP_TRIALS", DEFAULT_MAX_SWEEP_TRIALS))
        epochs = int(env.get("NNLAB_MAX_SWEEP_EPOCHS", DEFAULT_MAX_SWEEP_EPOCHS))
        return cls(max_run_cost=cost if cost > 0 else None, max_active_runs=max(1, active),
                   max_sweep_trials=trials if trials > 0 else None, max_sweep_epochs=epochs if epochs > 0 else None)

    def check_sweep(self, trials: int, epochs: int) -> None:
        """Raise ``SweepTooLarge`` if a sweep of ``trials`` trials of ``epochs`` epochs each
        exceeds the sweep limits."""
        total = trials * epochs
        if ((self.max_sweep_trials is not None and trials > self.max_sweep_trials)
                or (self.max_sweep_epochs is not None and total > self.max_sweep_epochs)):
            raise SweepTooLarge({"trials": trials, "epochs": total, "max_trials": self.max_sweep_trials or trials,
                                 "max_epochs": self.max_sweep_epochs or total})

    def check(self, config: RunConfig, data) -> None:
        """Raise ``RunTooLarge`` if ``config`` on ``data`` exceeds the run-size limit."""
        if self.max_run_cost is None:
            return
        weights = n_weights(config, data.input_dim, data.n_outputs)
        samples = len(data.x_train)
        cost = float(config.epochs) * samples * weights
        if cost > self.max_run_cost:
            raise RunTooLarge(cost, self.max_run_cost, {
                "epochs": config.epochs, "samples": samples, "weights": weights,
                "max_epochs": max(1, int(self.max_run_cost // (samples * weights)))})


__all__ = ["DEFAULT_MAX_ACTIVE_RUNS", "DEFAULT_MAX_RUN_COST", "DEFAULT_MAX_SWEEP_EPOCHS", "DEFAULT_MAX_SWEEP_TRIALS",
           "Limits", "RunTooLarge", "SweepTooLarge", "n_weights"]
