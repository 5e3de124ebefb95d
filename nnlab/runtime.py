"""The app's background machinery, made and wired in one place.

``POOL`` (compiled trainers, shared by runs of one shape), ``SCHEDULER`` (gives every
run its turns on one worker thread per core; admission and run-size limits from
``nnlab.limits``) and ``WARMER`` (compiles the shapes the pages are about to train).
``LATER`` runs delayed clean-ups on one thread. With ``NNLAB_RAY_ADDRESS`` set, ``SCHEDULER``
is a ``nnlab.ray_jobs.RayScheduler`` (the runs train on a Ray cluster) and nothing warms up.

``start()`` (called when the server starts, by ``streamlit_app.py``'s lifespan hook, and
again, without effect, by every page) brings TensorFlow up in the background and compiles the
networks Train and Compare open with (``first_shapes``), so the first students do not wait
for the import or the compile, and from then on ``tidy()`` returns the memory of ended runs
and closed tabs while no one trains; ``shutdown()`` stops every run and joins every thread
NN Lab started (also registered at exit: a thread inside TensorFlow while the interpreter
tears it down aborts the process).

Nothing here imports Streamlit; the pages reach these objects through ``nnlab.ui.live``.
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import heapq
import os
import threading
import time
import traceback
from collections.abc import Callable

from nnlab.compiled import TrainerPool
from nnlab.config import RunConfig
from nnlab.limits import Limits
from nnlab.scheduler import Scheduler
from nnlab.warmer import Warmer

# NNLAB_RAY_ADDRESS (``ray://head:10001``, ``auto``, or ``local`` for a Ray on this machine):
# the runs train on that Ray cluster (nnlab.ray_jobs) and this process only draws, so it never
# imports TensorFlow and warms nothing up.
RAY_ADDRESS = os.environ.get("NNLAB_RAY_ADDRESS", "").strip()
POOL = TrainerPool()
if RAY_ADDRESS:
    from nnlab.ray_jobs import RayScheduler

    SCHEDULER = RayScheduler(RAY_ADDRESS, limits=Limits.from_env())
else:
    SCHEDULER = Scheduler(POOL, limits=Limits.from_env())
# NNLAB_PREWARM=0 turns warm-ups off (a host short of memory; side-by-side benchmarks).
WARMER = Warmer(SCHEDULER, POOL, enabled=os.environ.get("NNLAB_PREWARM", "1") != "0" and not RAY_ADDRESS)
# NNLAB_FRESH_WARMUP=0: the start-up as before issue 15 (a tiny XOR net first, then every likely
# shape; the GC on during the import; live views draw the first numbers at the next poll, see
# nnlab.ui.live): bench/first_chart.py's baseline.
FRESH_WARMUP = os.environ.get("NNLAB_FRESH_WARMUP", "1") != "0"

_lock = threading.Lock()
_startup: threading.Thread | None = None
_ready = threading.Event()
_tensorflow = threading.Event()
_closing = threading.Event()  # shutdown began: the start-up submits nothing more
# The start-up's compiles wait until no page has been drawn for this long: a compile holds the
# GIL for a second or more in Python-level tracing, and beside a first page visit it made the
# page 0.5-1.5 s slower to appear (3.1-3.5 s alone on this machine) and the first click's
# chart several seconds later (it traced its own network beside a speculative one).
QUIET_SECONDS = 3.0
_last_page = 0.0  # time.monotonic() of the last page run's start (``page_drawn``)
POOL_HEADROOM = 4  # trainers the start-up leaves free in the pool for the class's own networks
_tidying = False


class _Later:
    """One thread that runs delayed clean-ups (e.g. stop a closed tab's runs after a grace
    period), instead of one sleeping thread per closed tab."""

    def __init__(self):
        self._cv = threading.Condition()
        self._due: list[tuple[float, int, Callable[[], None]]] = []
        self._count = 0
        self._thread: threading.Thread | None = None
        self._closed = False

    def call(self, delay: float, fn: Callable[[], None]) -> None:
        with self._cv:
            if self._closed:
                return
            self._count += 1
            heapq.heappush(self._due, (time.monotonic() + delay, self._count, fn))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True, name="nnlab-later")
                self._thread.start()
            self._cv.notify()

    def _run(self) -> None:
        while True:
            with self._cv:
                while not self._closed and (not self._due or self._due[0][0] > time.monotonic()):
                    self._cv.wait(None if not self._due else self._due[0][0] - time.monotonic())
                if self._closed:
                    return
                _, _, fn = heapq.heappop(self._due)
            try:
                fn()
            except Exception:  # noqa: BLE001 — one failed clean-up must not stop the others
                traceback.print_exc()

    def shutdown(self, timeout: float) -> None:
        with self._cv:
            self._closed = True
            self._cv.notify()
        if self._thread is not None:
            self._thread.join(timeout)


LATER = _Later()


TIDY_SECONDS = 60.0  # while no user's run trains, memory is tidied this often (~0.1 s each time)


def tidy() -> int:
    """Collect garbage and give freed memory back to the OS; returns the objects collected.

    Streamlit's after-script collection is off (see .streamlit/config.toml) and on a quiet
    server the generational GC seldom reaches its oldest generation, so the sessions of a
    class that has left (full of reference cycles) would stay in memory; and glibc keeps
    what Python and TensorFlow free in its arenas unless asked to return it."""
    found = gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass
    return found


def _tidy_when_quiet() -> None:
    if not SCHEDULER.busy():  # never while students train: a collection holds the GIL
        tidy()
    LATER.call(TIDY_SECONDS, _tidy_when_quiet)


def start() -> None:
    """Import TensorFlow and train a tiny network in the background, once per process
    (not with NNLAB_PREWARM=0, which turns every warm-up off). From then on, memory is
    tidied every ``TIDY_SECONDS`` while no run trains."""
    global _startup, _tidying
    with _lock:
        if not _tidying:
            _tidying = True
            LATER.call(TIDY_SECONDS, _tidy_when_quiet)
            if RAY_ADDRESS:
                SCHEDULER.connect_soon()  # the first run then does not wait for Ray to come up
        if _startup is not None or not WARMER.enabled:
            return
        _startup = threading.Thread(target=_bring_up, daemon=True, name="nnlab-startup")
        _startup.start()


def _bring_up() -> None:
    from nnlab import datasets

    try:
        _import_tensorflow()
        if FRESH_WARMUP:
            _compile_one_at_a_time(first_shapes())
        else:
            tiny = RunConfig(dataset="xor", n_samples=40, depth=1, width=4, epochs=1, batch_size=8)
            SCHEDULER.submit(tiny, data=datasets.load(tiny), background=True, label="start-up").wait(60)
    except Exception:  # noqa: BLE001 — a user's own run reports what is wrong
        pass
    finally:
        # TensorFlow leaves millions of long-lived objects. Moving them out of the cyclic
        # GC's reach keeps every later full collection short: a collection holds the GIL,
        # and with thirty sessions it was what starved the training threads.
        gc.freeze()
        _ready.set()
    _compile_likely_shapes()


def page_drawn() -> None:
    """A page run starts (``page_setup`` calls this): the start-up's compiles wait for a quiet moment."""
    global _last_page
    _last_page = time.monotonic()


def _wait_for_quiet() -> None:
    """Return once no page run has started for ``QUIET_SECONDS`` (or at shutdown)."""
    while not _closing.is_set() and (quiet := time.monotonic() - _last_page) < QUIET_SECONDS:
        _closing.wait(QUIET_SECONDS - quiet)


def _compile_likely_shapes() -> None:
    openers = first_shapes()
    first = openers if FRESH_WARMUP else []
    # The pool drops its least recently used trainer beyond POOL.max_idle: the opening
    # networks, compiled first. 6 + 18 guesses filled it exactly, so the class's first new
    # shape would have pushed Train's own network out; the guesses now leave room.
    room = max(0, POOL.max_idle - len(openers) - POOL_HEADROOM)
    try:
        _compile_one_at_a_time([c for c in likely_shapes() if c not in first][:room])
    except Exception:  # noqa: BLE001 — a user's own run reports what is wrong
        pass


def _compile_one_at_a_time(configs: list[RunConfig]) -> None:
    """A one-epoch background run of each config, each after the one before, skipping shapes
    a job has started compiling (a page's warm-up or a click may have: a run that keeps finding
    its network's only trainer busy gets a second one compiled, ``TrainerPool.borrow``). One at
    a time, a page's warm-up (``WARMER``: the network an open page is about to train) asked for
    meanwhile is next in line rather than behind twenty guesses, and a click goes first. Each
    waits until no page has started drawing for ``QUIET_SECONDS``."""
    from nnlab import datasets
    from nnlab.model import Architecture

    for cfg in configs:
        _wait_for_quiet()
        if _closing.is_set():
            return
        data = datasets.load(cfg)
        if not POOL.has(Architecture.of(cfg, data.input_dim, data.n_outputs, data.task), cfg.optimizer):
            SCHEDULER.submit(cfg.replace(epochs=1), data=data, background=True, label="start-up").wait(300)


def _import_tensorflow() -> None:
    """Import TensorFlow with the cyclic GC paused (its import makes millions of objects,
    and the full collections they trigger were about a sixth of its CPU time), then move
    them out of the GC's reach at once, before the first compiles allocate more.

    scikit-learn's splitter first (TensorFlow imports scikit-learn, SciPy and pandas anyway):
    loading a data set needs it, and a page's first load (Compare loads its data when clicked)
    otherwise imported it itself beside TensorFlow's import, both slower on one GIL."""
    from nnlab.tf_import import import_tensorflow

    paused = FRESH_WARMUP and gc.isenabled()
    if paused:
        gc.disable()
    try:
        if FRESH_WARMUP:
            import sklearn.model_selection  # noqa: F401
        import_tensorflow()
    finally:
        if paused:
            gc.enable()
            gc.freeze()
        _tensorflow.set()


def first_shapes() -> list[RunConfig]:
    """The networks the Train and Compare pages open with, most likely first: Train's
    defaults, then Compare's (the defaults with each of its six default activations; ReLU
    is Train's). Compiled right after the import, before ``likely_shapes``."""
    from nnlab import comparison

    base = RunConfig()
    variable = "activation"
    shapes = [base] + [cfg for _, cfg in comparison.variant_configs(base, variable,
                                                                    comparison.VARIABLES[variable].defaults)]
    return [cfg for i, cfg in enumerate(shapes) if cfg.activation not in {c.activation for c in shapes[:i]}]


def likely_shapes() -> list[RunConfig]:
    """The networks a class is likely to train next, compiled after ``first_shapes``, most
    likely first: the default settings at other depths (the vanishing-gradient lesson varies
    depth: 10 first), with ReLU and with sigmoid. A new shape otherwise costs its first student
    0.5-1 s of compiling, and thirty students with eight shapes would queue behind each other's
    compiles. Only as many as the pool keeps beside ``first_shapes`` with room to spare
    (``_compile_likely_shapes``)."""
    base = RunConfig()
    depths = [10, 2, 4, 6, 8, 1, 5, 7, 9, 3]
    return [base.replace(depth=depth, activation=activation)
            for depth in depths for activation in ("relu", "sigmoid")]


def ready(timeout: float | None = None) -> bool:
    """True once TensorFlow is imported and the start-up networks compiled (``likely_shapes``
    may still be compiling in the background)."""
    return _ready.wait(timeout)


def ray_problem() -> tuple[str, dict] | None:
    """With NNLAB_RAY_ADDRESS set: why runs cannot train on Ray (catalog key and params: Ray
    not installed, the cluster unreachable), or None. Without it, None."""
    return SCHEDULER.problem() if RAY_ADDRESS else None


def tensorflow_imported() -> bool:
    """True once the start-up has imported TensorFlow."""
    return _tensorflow.is_set()


def tensorflow_importing() -> bool:
    """True while the start-up is importing TensorFlow (a fresh server's first seconds)."""
    return _startup is not None and not _tensorflow.is_set()


def shutdown(timeout: float = 10.0) -> None:
    _closing.set()
    LATER.shutdown(timeout / 4)
    WARMER.shutdown(timeout / 2)
    SCHEDULER.shutdown(timeout)
    thread = _startup
    if thread is not None:
        thread.join(timeout / 2)


atexit.register(shutdown)

__all__ = ["LATER", "POOL", "RAY_ADDRESS", "SCHEDULER", "WARMER", "first_shapes", "likely_shapes", "ray_problem",
           "ready", "shutdown", "start", "tensorflow_imported", "tidy"]
