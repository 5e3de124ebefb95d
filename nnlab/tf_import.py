"""The one way nnlab imports TensorFlow: lazily, and from one thread at a time.

Two threads importing TensorFlow at the same moment (a page warming it up while a job
starts) can fail with a spurious ModuleNotFoundError on a half-initialised module.
"""

import threading

_LOCK = threading.Lock()


def import_tensorflow():
    with _LOCK:
        import tensorflow

        return tensorflow
