"""Button callbacks that act once per click.

Streamlit 1.67 can run a button's callback twice for one click. While an
``st.fragment(run_every=…)`` polls, the browser sends the button's trigger with the
fragment's auto-rerun as well as with the click's own full rerun, and the callback runs
for each. Measured on the Train page with the CPU loaded: 3 of 40 Pause clicks ran twice,
and pause-then-resume looks to a teacher like a lost click. This is also why an e2e test
failed in CI.

``once(callback, …)`` gives ``st.button`` keyword arguments whose callback carries a token
made when the button was drawn; a token acts once. Fragment reruns do not redraw widgets
outside the fragment, so every copy of one click carries the same token, and the next
real click carries a new one. Where an action can be stated as an intent ("pause",
"go to step 0"), pass the intent, not a toggle: an intent is harmless twice.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable
from typing import Any

import streamlit as st

_SEEN_KEY = "nnlab.clicks.seen"
_REMEMBER = 64  # tokens kept: far more than the buttons drawn between two clicks


def once(callback: Callable[..., Any], *args: Any, **kwargs: Any) -> dict[str, Any]:
    """``on_click``/``args`` for ``st.button(..., **once(callback, *args, **kwargs))``."""
    return {"on_click": _run_once, "args": (uuid.uuid4().hex, callback, args, kwargs)}


def _run_once(token: str, callback: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    seen = st.session_state.get(_SEEN_KEY)
    if seen is None:
        seen = st.session_state[_SEEN_KEY] = deque(maxlen=_REMEMBER)
    if token in seen:
        return
    seen.append(token)
    callback(*args, **kwargs)


__all__ = ["once"]
