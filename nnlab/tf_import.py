"""The one way nnlab imports TensorFlow and Keras: lazily, and from one thread at a time.

Two threads importing TensorFlow at the same moment (a page warming it up while a job
starts), or one importing Keras while another imports TensorFlow (the softmax page trains a
Keras model while a fresh server's start-up imports TensorFlow), can fail with a spurious
ModuleNotFoundError or AttributeError on a half-initialised module: ``import_keras``.

Keras imports ``matplotlib.pyplot`` when it is installed (for ``keras.visualization``, which
nnlab never uses; mlxtend brings matplotlib in): about 0.6 s of CPU (pyplot's import alone), which
a fresh server's first visitors wait for, so matplotlib is hidden while TensorFlow imports
(Keras then sets its plotting to None) and importable again right after.
"""

import logging
import sys
import threading

_LOCK = threading.Lock()


def _not_retracing_notice(record: logging.LogRecord) -> bool:
    # Every pooled trainer traces its own copy of the same methods, once, on purpose;
    # TensorFlow counts those as "retracing" and fills the server log with warnings.
    return "triggered tf.function retracing" not in record.getMessage()


def import_tensorflow():
    with _LOCK:
        hide = "matplotlib" not in sys.modules
        if hide:
            sys.modules["matplotlib"] = None  # `import matplotlib…` raises ImportError
        try:
            import tensorflow
        finally:
            if hide and sys.modules.get("matplotlib", 0) is None:
                del sys.modules["matplotlib"]

        logger = tensorflow.get_logger()
        if _not_retracing_notice not in logger.filters:
            logger.addFilter(_not_retracing_notice)
        return tensorflow


def import_keras():
    """Keras, once TensorFlow is up (through ``import_tensorflow``)."""
    import_tensorflow()
    import keras

    return keras
