"""The one way nnlab imports TensorFlow: lazily, and from one thread at a time.

Two threads importing TensorFlow at the same moment (a page warming it up while a job
starts) can fail with a spurious ModuleNotFoundError on a half-initialised module.

Keras imports ``matplotlib.pyplot`` when it is installed (for ``keras.visualization``, which
nnlab never uses; mlxtend brings matplotlib in): about 0.6 s of CPU (pyplot's import alone), which
a fresh server's first visitors wait for, so matplotlib is hidden while TensorFlow imports
(Keras then sets its plotting to None) and importable again right after.

``yield_to``: the start-up imports TensorFlow in the background (6-8 s of CPU, nearly all of it
Python executing thousands of modules) while the first visitors' pages are drawn, on the same
GIL, which made a fresh server's first page 2-3 s slower to appear. With a ``yield_to``
predicate (``nnlab.runtime.page_running``), the importing thread waits before each TensorFlow
or Keras module it loads while the predicate is true, so a page being drawn has the GIL to
itself between modules. It stops waiting as soon as another thread needs what it holds: a
thread blocked on a module lock (a page that imports Keras itself, e.g. the softmax page) or
one waiting here for TensorFlow (a run that was clicked); and after ``MAX_YIELD_SECONDS`` in all.
"""

import logging
import sys
import threading
import time
from collections.abc import Callable

_LOCK = threading.Lock()
_waiting_here = 0  # threads waiting for _LOCK, i.e. for TensorFlow
_count_lock = threading.Lock()
YIELDING_PACKAGES = ("tensorflow", "keras", "tf_keras")  # whose modules wait for a page being drawn
MAX_YIELD_SECONDS = 6.0  # in all, per import: a predicate stuck at True cannot hold TensorFlow back
_POLL = 0.01
last_yield = (0, 0.0)  # the last import's (waits, seconds waited)


def _others_blocked(me: int) -> bool:
    """Whether another thread waits for TensorFlow here or for a module lock (CPython's import
    machinery keeps those in ``importlib._bootstrap._blocking_on``, by thread id: the lock, or
    from 3.12 a list of locks; if a later Python drops it, only ``MAX_YIELD_SECONDS`` bounds
    such a wait)."""
    if _waiting_here:
        return True
    import importlib._bootstrap as bootstrap

    blocking = getattr(bootstrap, "_blocking_on", None)
    if blocking is None:
        return False
    try:
        return any(t.ident != me and blocking.get(t.ident) for t in threading.enumerate())
    except Exception:  # noqa: BLE001 — a changed internal: rely on MAX_YIELD_SECONDS
        return False


def _not_retracing_notice(record: logging.LogRecord) -> bool:
    # Every pooled trainer traces its own copy of the same methods, once, on purpose;
    # TensorFlow counts those as "retracing" and fills the server log with warnings.
    return "triggered tf.function retracing" not in record.getMessage()


class _YieldBeforeModules:
    """A ``sys.meta_path`` entry that finds nothing: it only makes the importing thread wait,
    before each of TensorFlow's modules, while ``yield_to()`` is true."""

    def __init__(self, yield_to: Callable[[], bool]):
        self.yield_to = yield_to
        self.thread = threading.get_ident()
        self.waited = 0.0
        self.waits = 0

    def _should_wait(self, started: float) -> bool:
        return (self.waited + (time.monotonic() - started) < MAX_YIELD_SECONDS and self.yield_to()
                and not _others_blocked(self.thread))

    def find_spec(self, name, path=None, target=None):
        if threading.get_ident() != self.thread or name.partition(".")[0] not in YIELDING_PACKAGES:
            return None
        started = time.monotonic()
        if self._should_wait(started):
            self.waits += 1
            while self._should_wait(started):
                time.sleep(_POLL)
            self.waited += time.monotonic() - started
        return None  # the usual finders load it


def _count(step: int) -> None:
    global _waiting_here
    with _count_lock:
        _waiting_here += step


def import_tensorflow(yield_to: Callable[[], bool] | None = None):
    """TensorFlow, imported once (``yield_to``: see the module docstring)."""
    global last_yield
    if not _LOCK.acquire(blocking=False):
        _count(+1)  # a yielding import sees it and stops yielding
        try:
            _LOCK.acquire()
        finally:
            _count(-1)
    try:
        hide = "matplotlib" not in sys.modules
        if hide:
            sys.modules["matplotlib"] = None  # `import matplotlib…` raises ImportError
        waiter = _YieldBeforeModules(yield_to) if yield_to is not None and "tensorflow" not in sys.modules else None
        if waiter is not None:
            sys.meta_path.insert(0, waiter)
        try:
            import tensorflow
        finally:
            if waiter is not None:
                sys.meta_path.remove(waiter)
                last_yield = (waiter.waits, waiter.waited)
            if hide and sys.modules.get("matplotlib", 0) is None:
                del sys.modules["matplotlib"]

        logger = tensorflow.get_logger()
        if _not_retracing_notice not in logger.filters:
            logger.addFilter(_not_retracing_notice)
        return tensorflow
    finally:
        _LOCK.release()


def import_keras():
    """Keras, after TensorFlow came up through ``import_tensorflow``: importing Keras in one
    thread while another imports TensorFlow can fail on a half-initialised module."""
    import_tensorflow()
    import keras

    return keras
