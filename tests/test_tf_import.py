"""TensorFlow's background import gives way to pages being drawn (``nnlab.tf_import``,
``yield_to``), and stops giving way when someone needs it: a thread that imports Keras
itself, or one that waits for TensorFlow (both through ``import_keras``/``import_tensorflow``:
Keras imported in one thread while another imports TensorFlow can fail on a half-initialised
module). Each case in a fresh Python process (this one has
TensorFlow imported already)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import json, sys, threading, time
from nnlab import tf_import

case = sys.argv[1]
t0 = time.monotonic()
drawing = {"until": t0 + 1.5}  # a page being drawn for the first 1.5 s
always = case != "page"
busy = lambda: always or time.monotonic() < drawing["until"]
done = {}

def other():
    time.sleep(0.5)
    started = time.monotonic()
    if case == "keras":  # a page that needs Keras itself (the softmax page trains one)
        done["dense"] = tf_import.import_keras().layers.Dense.__name__
    else:  # a clicked run: TensorFlow is what it waits for
        done["tf"] = tf_import.import_tensorflow().__name__
    done["other_s"] = time.monotonic() - started

helper = threading.Thread(target=other) if case != "page" else None
if helper:
    helper.start()
tf = tf_import.import_tensorflow(yield_to=busy)
if helper:
    helper.join()
waits, waited = tf_import.last_yield
print(json.dumps({"waits": waits, "waited": waited, "total": time.monotonic() - t0, "tf": tf.__name__,
                  "hook_left": any(type(f).__name__ == "_YieldBeforeModules" for f in sys.meta_path), **done}))
"""


def _run(case: str) -> dict:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    out = subprocess.run([sys.executable, "-c", SCRIPT, case], capture_output=True, text=True, timeout=300,
                         cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_import_waits_while_a_page_is_drawn_then_goes_on():
    out = _run("page")
    assert out["tf"] == "tensorflow" and not out["hook_left"]
    # it waited for the whole page (1.5 s, less what it loaded before its first module)…
    assert 1.2 <= out["waited"] <= 1.7, out
    assert out["waits"] >= 1
    # …and then imported at full speed, without waiting again
    assert out["total"] >= 1.5 + 1.0, out


def test_the_import_stops_giving_way_to_a_page_that_needs_keras_itself():
    # That page waits for the import, which must not wait for that page.
    from nnlab import tf_import

    out = _run("keras")
    assert out["dense"] == "Dense" and not out["hook_left"]
    assert out["waited"] < 1.0 < tf_import.MAX_YIELD_SECONDS, out


def test_the_import_stops_giving_way_when_a_run_waits_for_tensorflow():
    from nnlab import tf_import

    out = _run("run")
    assert out["tf"] == "tensorflow"
    assert out["waited"] < 1.0 < tf_import.MAX_YIELD_SECONDS, out
