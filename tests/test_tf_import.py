"""Keras wanted in one thread while another imports TensorFlow (the softmax page on a fresh
server, whose start-up is importing TensorFlow): ``nnlab.tf_import.import_keras`` waits for
that import instead of racing it (a plain ``import keras`` there failed on a half-initialised
TensorFlow module, both delays below). In fresh Python processes (this one has TensorFlow
imported already)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import json, sys, threading, time
from nnlab import tf_import

done = {}

def start_up():
    done["tf"] = tf_import.import_tensorflow().__name__

def page():
    time.sleep(float(sys.argv[1]))  # the page asks for Keras while the start-up is halfway through
    keras = tf_import.import_keras()
    done["dense"] = keras.layers.Dense(2).__class__.__name__

threads = [threading.Thread(target=start_up), threading.Thread(target=page)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps(done))
"""


@pytest.mark.parametrize("delay", [0.3, 1.5])
def test_keras_asked_for_while_tensorflow_imports_in_another_thread(delay):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(delay)], capture_output=True, text=True, timeout=300,
                         cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"tf": "tensorflow", "dense": "Dense"}
