"""The one way nnlab imports TensorFlow: lazily, and from one thread at a time.

Two threads importing TensorFlow at the same moment (a page warming it up while a job
starts) can fail with a spurious ModuleNotFoundError on a half-initialised module.
"""

import logging
import threading

_LOCK = threading.Lock()


def _not_retracing_notice(record: logging.LogRecord) -> bool:
    # Every pooled trainer traces its own copy of the same methods, once, on purpose;
    # TensorFlow counts those as "retracing" and fills the server log with warnings.
    return "triggered tf.function retracing" not in record.getMessage()


def import_tensorflow():
    with _LOCK:
        import tensorflow

        logger = tensorflow.get_logger()
        if _not_retracing_notice not in logger.filters:
            logger.addFilter(_not_retracing_notice)
        return tensorflow
