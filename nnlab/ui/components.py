"""Small inline ``st.components.v2`` components (their HTML, CSS and JS are constants of NN
Lab, never user input), registered once per Streamlit runtime: each AppTest has its own
runtime, and a component registered with another one cannot be mounted."""

from __future__ import annotations

import threading
import weakref

_mounts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # component manager → {name: mount}
_lock = threading.Lock()


def inline(name: str, *, js: str | None = None, css: str | None = None, isolate_styles: bool = True):
    """The mount callable of component ``name`` for the running runtime; None without one (bare mode)."""
    from streamlit.components.v2 import component

    from nnlab.ui import streamlit_internals as internals

    if not internals.Runtime.exists():
        return None
    manager = internals.component_manager()
    with _lock:
        mounts = _mounts.setdefault(manager, {})
        if name not in mounts:
            mounts[name] = component(name, js=js, css=css, isolate_styles=isolate_styles)
        return mounts[name]


__all__ = ["inline"]
