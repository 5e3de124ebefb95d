"""A run on a Ray worker: ``RunActor``, and joining the cluster (``connect``).

``RunActor`` trains one run of the app (``nnlab.ray_jobs``) with ``nnlab.engine.run`` on a
thread of its own and answers polls for its snapshot. The frames of the replay and the
"inside" views (``boundary_frames``, ``inside.frames``, ``histograms.frames``) only grow, a few
hundred kB by the end of a run, so an answer carries only the frames the app does not hold yet
(``encode_frames`` / ``decode_frames``).

Ray is imported lazily: this module imports without it (``import_ray`` says how to install it).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from nnlab.config import RunConfig
from nnlab.jobs import failure

LOCAL = "local"  # NNLAB_RAY_ADDRESS=local: start a Ray on this machine (a demo, the tests)
INSTALL = "python3 -m pip install -r requirements-ray.txt"
_ROOT = Path(__file__).resolve().parent.parent
FRAME_LISTS = ("boundary_frames", "inside", "histograms")  # where a snapshot keeps its growing frame lists


class RayUnavailable(RuntimeError):
    """Ray is not installed or its cluster cannot be reached; ``key``/``params``: the catalog text."""

    def __init__(self, key: str, message: str, **params):
        self.key, self.params = key, params
        super().__init__(message)


def _frames(snap: dict, kind: str) -> list | None:
    if kind == "boundary_frames":
        return snap.get("boundary_frames")
    return (snap.get(kind) or {}).get("frames")


def _set_frames(snap: dict, kind: str, frames: list) -> None:
    if kind == "boundary_frames":
        snap["boundary_frames"] = frames
    else:  # the record's snapshot made this dict for this call: changing it changes no one else's
        snap[kind]["frames"] = frames


def encode_frames(snap: dict, sent: dict[str, list]) -> dict[str, list]:
    """Replace, in ``snap``'s frame lists, each frame that was in ``sent`` (the lists of the
    answer before) by its index there; returns the lists as they are now, to send from next
    time (holding them keeps their frames' ids unique). A frame is never changed once made."""
    now = {}
    for kind in FRAME_LISTS:
        frames = _frames(snap, kind)
        if frames is None:
            continue
        index = {id(f): i for i, f in enumerate(sent.get(kind, ()))}
        _set_frames(snap, kind, [index.get(id(f), f) for f in frames])
        now[kind] = frames
    return now


def decode_frames(snap: dict, held: dict[str, list]) -> dict[str, list]:
    """The other side of ``encode_frames``: ``snap``'s frame lists whole again, from ``held``
    (the lists of the answer before); returns them, to decode the next answer with."""
    now = {}
    for kind in FRAME_LISTS:
        frames = _frames(snap, kind)
        if frames is None:
            continue
        old = held.get(kind, [])
        frames = [old[f] if isinstance(f, int) else f for f in frames]
        _set_frames(snap, kind, frames)
        now[kind] = frames
    return now


class RunActor:
    """One run, trained by ``nnlab.engine.run`` on a thread of its own, so the actor keeps
    answering ``poll``, ``stop``, ``pause`` and ``resume`` while it trains.

    Made before its run is known (a spare, see ``RayScheduler``): meanwhile it imports
    TensorFlow and compiles the network Train opens with, which a new worker process would
    otherwise make the student wait for (measured in the README); ``train`` then starts the run."""

    def __init__(self):
        self._record = None
        self._failed: tuple[str, tuple | None] | None = None
        self._stop, self._running, self._done = threading.Event(), threading.Event(), threading.Event()
        self._running.set()  # cleared while paused
        self._sent: dict[str, list] = {}  # the frame lists of the last poll answered (seq)
        self._seq = 0
        self._started = False
        self._warming = threading.Thread(target=self._warm_up, daemon=True, name="nnlab-ray-warm-up")
        self._warming.start()

    @staticmethod
    def _warm_up() -> None:
        from nnlab import datasets, engine

        try:
            first = RunConfig(epochs=1)  # Train's defaults, as nnlab.runtime.first_shapes begins
            engine.run(first, datasets.load(first))
        except Exception:  # noqa: BLE001 — the run itself reports what is wrong
            pass

    def train(self, config: dict, data, instrument: bool = True) -> None:
        """Start the run (once)."""
        if not self._started:
            self._started = True
            threading.Thread(target=self._train, args=(RunConfig.from_dict(config), data, instrument), daemon=True,
                             name="nnlab-ray-run").start()

    def _train(self, config: RunConfig, data, instrument: bool) -> None:
        from nnlab import engine

        try:
            while self._warming.is_alive() and not self._stop.is_set():  # one thread tracing at a time
                self._warming.join(0.1)
            if not self._stop.is_set():  # stopped before it began: no record, nothing to finish
                engine.run(config, data, observer=self, control=self, instrument=instrument)
        except Exception as exc:  # reported to the app, which shows it like a local run's failure
            self._failed = failure(exc)
        finally:
            self._done.set()

    # engine.Observer / engine.Control
    def on_update(self, record) -> None:
        self._record = record

    def should_stop(self) -> bool:
        return self._stop.is_set()

    def wait_while_paused(self) -> None:
        if self._running.is_set() or self._stop.is_set():
            return
        record = self._record
        if record is not None and not record.ended:
            record.set_status("paused")
        self._running.wait()
        if record is not None and record.status == "paused":
            record.set_status("running")

    # called by the app
    def stop(self) -> None:
        self._stop.set()
        self._running.set()

    def pause(self) -> None:
        if not self._done.is_set():
            self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def ping(self) -> bool:
        return True

    def poll(self, known, have_seq: int) -> dict | None:
        """None if nothing changed since version ``known``; else the version, whether the run
        has ended, a failure, and the snapshot (None before the record exists) whose frame
        lists hold, for each frame the answer ``have_seq`` sent already, its index there."""
        record, done = self._record, self._done.is_set()
        version = (record.version if record is not None else -1, done)
        if version == known:
            return None
        snap = record.snapshot() if record is not None else None
        if snap is not None:  # the app holds what answer have_seq sent: only the new frames go
            self._sent = encode_frames(snap, self._sent if have_seq == self._seq else {})
        self._seq += 1
        return {"version": version, "seq": self._seq, "done": done, "failed": self._failed, "snap": snap}

    def final_record(self):
        """The whole record of the ended run (None if it failed before it had one)."""
        self._done.wait()
        return self._record


_ACTOR_CLASS = None


def actor_class():
    global _ACTOR_CLASS
    if _ACTOR_CLASS is None:
        import ray

        _ACTOR_CLASS = ray.remote(num_cpus=1, max_restarts=0)(RunActor)
    return _ACTOR_CLASS


# -- connecting --------------------------------------------------------------------------------

def import_ray():
    """``ray``, or RayUnavailable saying how to install it."""
    try:
        import ray
    except ImportError:
        raise RayUnavailable("live.error.ray_missing", f"Ray is not installed: {INSTALL}") from None
    return ray


def worker_env() -> dict[str, str]:
    """What a Ray worker needs to train like the app would: TensorFlow quiet, no warm-ups."""
    return {"TF_CPP_MIN_LOG_LEVEL": os.environ.get("TF_CPP_MIN_LOG_LEVEL", "3"), "NNLAB_PREWARM": "0"}


def connect(address: str) -> None:
    """Join the cluster at ``address`` (``auto``, ``ray://head:10001``, ``host:port``) shipping
    the nnlab package to its workers, or with ``local`` start a Ray on this machine; nothing
    if Ray is up in this process already. Raises RayUnavailable."""
    ray = import_ray()
    if ray.is_initialized():
        return
    try:
        if address == LOCAL:
            path = os.pathsep.join(p for p in [str(_ROOT), os.environ.get("PYTHONPATH", "")] if p)
            os.environ.update(worker_env(), PYTHONPATH=path)  # local workers inherit this environment
            ray.init(num_cpus=os.cpu_count() or 1, include_dashboard=False, logging_level=logging.WARNING,
                     log_to_driver=False)
        else:
            ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False,
                     runtime_env={"py_modules": [str(_ROOT / "nnlab")], "env_vars": worker_env()})
    except Exception as exc:  # ConnectionError, RuntimeError, ValueError, gRPC errors, …
        detail = (str(exc).splitlines() or [type(exc).__name__])[0][:200].replace("`", "'")
        raise RayUnavailable("live.error.ray_connect", f"Ray could not start or join {address}: {detail}",
                             address=address.replace("`", "'"), detail=detail) from None


__all__ = ["FRAME_LISTS", "INSTALL", "LOCAL", "RayUnavailable", "RunActor", "actor_class", "connect", "decode_frames",
           "encode_frames", "import_ray", "worker_env"]
