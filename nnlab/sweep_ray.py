"""Ray Tune's side of ``nnlab.sweep``'s ray backend: the callback that writes each trial's
row as it ends and the stopper that ends the sweep when asked. Importing this module
imports Ray (``nnlab.sweep`` imports it only for the ray backend).

Tune pickles its run configuration, callbacks and stopper included, so they are classes of
an importable module (pickled by name) that hold only the id of the running sweep; its live
state (the function that writes rows, the stop event, the trials) stays in ``_LIVE``.
"""

from __future__ import annotations

import itertools
import json
import threading

from ray import tune

_LIVE: dict[int, dict] = {}
_IDS = itertools.count(1)
_LOCK = threading.Lock()


def register(finish, stop, trials: dict) -> int:
    """Keep a running sweep's state; returns the id its callback and stopper carry."""
    with _LOCK:
        sweep_id = next(_IDS)
        _LIVE[sweep_id] = {"finish": finish, "stop": stop, "trials": trials, "ended": set()}
    return sweep_id


def forget(sweep_id: int) -> None:
    with _LOCK:
        _LIVE.pop(sweep_id, None)


def _failed_result(config) -> dict:
    from nnlab.sweep import RESULT_COLUMNS

    result = {name: None for name in RESULT_COLUMNS if name not in ("seconds", "backend")}
    result.update(dataset=config.dataset, status="failed")
    return result


class Writer(tune.Callback):
    """Writes a trial's row (through the sweep's ``finish``) when its one result arrives."""

    def __init__(self, sweep_id: int):
        self.sweep_id = sweep_id

    def _claim(self, trial):
        live = _LIVE.get(self.sweep_id)
        key = trial.config.get("trial")
        if live is None or key not in live["trials"] or key in live["ended"]:
            return None, None
        live["ended"].add(key)
        return live, key

    def on_trial_result(self, iteration, trials, trial, result, **info):
        if "outcome" not in result:
            return
        live, key = self._claim(trial)
        if live is not None:
            live["finish"](live["trials"][key], json.loads(result["outcome"]), "ray")

    def on_trial_error(self, iteration, trials, trial, **info):
        live = _LIVE.get(self.sweep_id)
        if live is None or (live["stop"] is not None and live["stop"].is_set()):
            return  # stopped on purpose: the trial is simply trained again next time
        live, key = self._claim(trial)
        if live is not None:
            error = f"the Ray worker failed ({getattr(trial, 'error_file', None) or 'no error file'})"
            outcome = {"seconds": 0.0, "result": _failed_result(live["trials"][key].config), "record": None,
                       "error": error}
            live["finish"](live["trials"][key], outcome, "ray")


class Stop(tune.Stopper):
    """Ends the whole sweep once its stop event is set."""

    def __init__(self, sweep_id: int):
        self.sweep_id = sweep_id

    def __call__(self, trial_id, result):
        return False

    def stop_all(self):
        live = _LIVE.get(self.sweep_id)
        return live is not None and live["stop"] is not None and live["stop"].is_set()
