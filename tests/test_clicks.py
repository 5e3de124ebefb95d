"""nnlab.ui.clicks.once: one click acts once, even when Streamlit delivers it twice."""

from types import SimpleNamespace

from nnlab.ui import clicks


def _press(kwargs: dict) -> None:
    """What Streamlit does when a click arrives: call on_click with the args of the last drawing."""
    kwargs["on_click"](*kwargs["args"])


def test_one_click_delivered_twice_acts_once(monkeypatch):
    monkeypatch.setattr(clicks, "st", SimpleNamespace(session_state={}))
    calls = []
    drawn = clicks.once(calls.append, "pause")
    _press(drawn)
    _press(drawn)  # the same click again, with a fragment's auto-rerun
    assert calls == ["pause"]


def test_each_drawing_of_a_button_gives_a_new_click(monkeypatch):
    monkeypatch.setattr(clicks, "st", SimpleNamespace(session_state={}))
    calls = []
    for step in range(3):  # click, full rerun draws the button again, click, …
        _press(clicks.once(lambda by, s=step: calls.append((s, by)), by=1))
    assert calls == [(0, 1), (1, 1), (2, 1)]


def test_tokens_of_different_buttons_do_not_interfere(monkeypatch):
    monkeypatch.setattr(clicks, "st", SimpleNamespace(session_state={}))
    calls = []
    step, reset = clicks.once(calls.append, "step"), clicks.once(calls.append, "reset")
    _press(step)
    _press(reset)
    _press(step)
    assert calls == ["step", "reset"]
