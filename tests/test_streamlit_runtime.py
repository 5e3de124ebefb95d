"""Streamlit's run-time behaviour that NN Lab depends on or works around."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def test_script_runs_do_not_clear_the_keras_session(monkeypatch):
    """Streamlit clears the Keras session after every run; that would flush TensorFlow's
    kernels under live training threads every second (5–10× slower training)."""
    import keras

    calls = []
    monkeypatch.setattr(keras.backend, "clear_session", lambda *a, **k: calls.append(1))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/explorer.py").run()
    assert not at.exception
    assert calls == []


# -- nnlab.ui.streamlit_internals: the one place that touches Streamlit internals -------------------

def test_install_fails_loudly_when_the_after_run_clean_up_is_gone():
    """A Streamlit upgrade that moves ``_clean_problem_modules`` must stop the app with a
    clear error, not silently bring back the after-run ``keras.backend.clear_session()``."""
    import types

    import pytest

    from nnlab.ui import streamlit_internals

    moved = types.ModuleType("script_runner")  # a stand-in for Streamlit's module, without the function
    with pytest.raises(streamlit_internals.StreamlitInternalsChanged, match="_clean_problem_modules"):
        streamlit_internals.install(script_runner=moved)


def test_install_fails_loudly_when_a_runtime_method_is_gone():
    import types

    import pytest

    from nnlab.ui import streamlit_internals

    runner = types.SimpleNamespace(_clean_problem_modules=lambda: None)

    class OldRuntime:  # has instance() and is_active_session, lost clear_user_info_for_session
        @staticmethod
        def instance():
            return None

        def is_active_session(self, session_id):
            return True

    with pytest.raises(streamlit_internals.StreamlitInternalsChanged, match="clear_user_info_for_session"):
        streamlit_internals.install(script_runner=runner, runtime=OldRuntime)


def test_install_replaces_the_clean_up_with_one_that_keeps_keras(monkeypatch):
    import types

    from nnlab.ui import streamlit_internals

    calls = []
    runner = types.SimpleNamespace(_clean_problem_modules=lambda: calls.append("streamlit"))
    streamlit_internals.install(script_runner=runner)
    streamlit_internals.install(script_runner=runner)  # idempotent
    assert runner._clean_problem_modules is streamlit_internals.after_run_cleanup

    keras = types.SimpleNamespace(backend=types.SimpleNamespace(clear_session=lambda: calls.append("keras")))
    pyplot = types.SimpleNamespace(close=lambda which: calls.append(f"plt.close({which})"))
    monkeypatch.setitem(sys.modules, "keras", keras)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", pyplot)
    runner._clean_problem_modules()
    assert calls == ["plt.close(all)"]


_STARTUP_PROBE = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import AppTest
    from nnlab.ui import streamlit_internals
    assert script_runner._clean_problem_modules is not streamlit_internals.after_run_cleanup, "installed too early"
    at = AppTest.from_file({app!r}, default_timeout=60).run()
    assert not at.exception, at.exception
    assert script_runner._clean_problem_modules is streamlit_internals.after_run_cleanup
    print("replaced")
""")


def test_the_first_page_run_replaces_streamlits_keras_clean_up():
    """In a fresh interpreter: Streamlit's own clean-up until a page runs, NN Lab's after."""
    code = _STARTUP_PROBE.format(root=str(ROOT), app=str(ROOT / "app.py"))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "NNLAB_PREWARM": "0"})
    assert out.returncode == 0 and "replaced" in out.stdout, out.stderr[-2000:]


# -- pages/ multipage mode ---------------------------------------------------------------------------

def test_every_page_calls_page_setup_first_and_is_in_the_page_list():
    """Each page's first top-level statement that calls anything is ``page_setup()`` (only
    imports and constants before it), and the localized page list names every file in
    pages/ (a file's name is its URL: /train, /compare, …)."""
    import ast

    from nnlab.ui.common import PAGES

    files = ["app.py", *sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))]
    assert sorted(path for path, _, _ in PAGES) == sorted(files)
    assert sorted(p.stem for p in (ROOT / "pages").glob("*.py")) == sorted(
        ["train", "compare", "sweep", "explorer", "neuron", "softmax"])
    for path in files:
        calls = [node for node in ast.parse((ROOT / path).read_text()).body
                 if not isinstance(node, (ast.Import, ast.ImportFrom))
                 and any(isinstance(n, ast.Call) for n in ast.walk(node))]
        first = calls[0]
        assert (isinstance(first, ast.Expr) and isinstance(first.value, ast.Call)
                and getattr(first.value.func, "id", None) == "page_setup"), f"{path}: page_setup() must come first"


def test_the_language_survives_a_page_switch():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.selectbox(key="lang").set_value("ko").run()
    at.switch_page("pages/explorer.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="lang").value == "ko"
    at.switch_page("app.py").run()
    assert at.selectbox(key="lang").value == "ko"
    assert at.query_params.get("lang") in ("ko", ["ko"])
