"""A fresh server (issue 15): the server (``streamlit_app.py``), or under ``streamlit run app.py``
the first page opened, starts TensorFlow's import and the compiles of the networks Train and
Compare open with in the background, without waiting for them. The timed figures are in ``bench/first_chart.py``; this checks the order of events.

Each test runs in a fresh Python process (this process has TensorFlow imported already and
its warm-ups turned off, see conftest.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FRESH = """
import json, sys, time
from streamlit.testing.v1 import AppTest
from nnlab import datasets, runtime
from nnlab.model import Architecture

page = sys.argv[1]
t0 = time.monotonic()
at = AppTest.from_file("app.py", default_timeout=300)
at.switch_page(page).run()
rendered = time.monotonic() - t0
out = {"rendered_s": rendered, "page_asks": [c.to_dict() for c in runtime.WARMER.asked()],
       "exception": [e.value for e in at.exception], "buttons": [b.key for b in at.button],
       "tf_imported_at_render": runtime.tensorflow_imported(), "started": runtime._startup is not None}
assert runtime.ready(600)
out["ready_s"] = time.monotonic() - t0

def arch(cfg):
    data = datasets.load(cfg)
    return Architecture.of(cfg, data.input_dim, data.n_outputs, data.task)

out["first_shapes"] = [c.to_dict() for c in runtime.first_shapes()]
out["warm"] = {cfg.activation: runtime.POOL.is_warm(arch(cfg), cfg.optimizer) for cfg in runtime.first_shapes()}
if page == "pages/train.py":  # then the likely shapes: they must not push the opening networks out of the pool
    runtime._startup.join(600)
    out["warm_after_all"] = [runtime.POOL.is_warm(arch(c), c.optimizer) for c in runtime.first_shapes()]
    out["built"] = runtime.POOL.built
runtime.shutdown(30)
print(json.dumps(out))
"""


def _fresh(page: str) -> dict:
    env = dict(os.environ, NNLAB_PREWARM="1", NNLAB_FRESH_WARMUP="1", TF_CPP_MIN_LOG_LEVEL="2")
    out = subprocess.run([sys.executable, "-c", FRESH, page], capture_output=True, text=True, timeout=900,
                         cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def runtime_pool_size() -> int:
    from nnlab import runtime

    return runtime.POOL.max_idle


def test_train_page_renders_before_tensorflow_is_imported_and_its_network_is_compiled_after():
    got = _fresh("pages/train.py")
    assert got["exception"] == [] and "train_btn" in got["buttons"], got
    assert got["started"], "the page did not start the background start-up"
    # the page did not wait for the import (it takes seconds; the page run well under that)
    assert got["tf_imported_at_render"] is False, got
    assert got["page_asks"] == got["first_shapes"][:1], "the start-up compiles another network than Train opens with"
    assert got["warm"] == {a: True for a in ("relu", "sigmoid", "tanh", "elu", "gelu", "swish")}, got
    # after the start-up's guesses too (they once outnumbered the pool and evicted Train's network)
    assert got["warm_after_all"] == [True] * 6 and got["built"] <= runtime_pool_size(), got


def test_the_start_up_compiles_what_train_and_compare_open_with_first():
    from nnlab import comparison, runtime
    from nnlab.config import RunConfig

    shapes = runtime.first_shapes()
    assert shapes[0] == RunConfig()  # Train's defaults first
    assert [c.activation for c in shapes] == ["relu", "sigmoid", "tanh", "elu", "gelu", "swish"]
    assert set(comparison.VARIABLES["activation"].defaults) == {c.activation for c in shapes}
    assert all(c.replace(activation="relu") == RunConfig() for c in shapes)  # nothing else differs


def _maps_tensorflow(pid: int) -> bool:
    with open(f"/proc/{pid}/maps") as maps:
        return "libtensorflow" in maps.read()


def test_the_server_brings_tensorflow_up_before_anyone_opens_a_page():
    """``streamlit run streamlit_app.py`` (the command users run) starts the runtime from
    st.App's lifespan: TensorFlow is loaded into the server with no page ever requested;
    ``streamlit run app.py`` waits for the first visitor."""
    import time

    sys.path.insert(0, str(ROOT / "tests"))
    from browser_support import SERVER_LOG_BY_URL, SERVER_PID_BY_URL, streamlit_server

    with streamlit_server("streamlit_app.py", timeout=90) as url:
        pid, deadline = SERVER_PID_BY_URL[url], time.monotonic() + 120
        while not _maps_tensorflow(pid) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _maps_tensorflow(pid), "no page opened, and TensorFlow was never loaded"
    assert "Traceback" not in SERVER_LOG_BY_URL[url].read_text()
