"""Streamlit's run-time behaviour that NN Lab depends on or works around."""

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
