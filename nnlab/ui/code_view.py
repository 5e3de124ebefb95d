"""Show the code: the Train page's expander with the sidebar's settings as runnable Keras code.

A style choice (Sequential like the iris lecture, functional like the Boston housing
lecture), the code from ``nnlab.codegen.keras_code`` in ``st.code`` (which has a copy
button) with its comments in the user's language, and a download of ``nnlab-model.py``.
Every label comes from the catalog (``code.*``). Hidden in presenter mode unless the teacher
shows it (``nnlab.ui.presenter.SECTIONS``).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from nnlab import codegen, i18n
from nnlab.config import RunConfig
from nnlab.ui import presenter
from nnlab.ui.common import lang, t

STYLE_KEY = "code_style"
_CACHE_KEY = "nnlab.code_view"  # (config, style, lang, file hash) → code: a rerun does not regenerate it


def _code(config: RunConfig, style: str, frame: pd.DataFrame | None) -> str:
    file = frame.attrs.get("sha256", id(frame)) if frame is not None else ""
    key = (config, style, lang(), file)
    cached = st.session_state.get(_CACHE_KEY)
    if cached is None or cached[0] != key:
        cached = (key, codegen.keras_code(config, style, lang(), frame))
        st.session_state[_CACHE_KEY] = cached
    return cached[1]


def code_view(config: RunConfig, frame: pd.DataFrame | None = None) -> None:
    """The "Show the code" expander for ``config`` (``frame``: the uploaded CSV table, if any)."""
    if not presenter.shows(presenter.CODE):
        return
    L = lang()  # bound now: a format_func may be called outside the script run (AppTest does)
    with st.expander(t("code.title"), icon=":material/code:"):
        style = st.radio(t("code.style"), codegen.STYLES, format_func=lambda s: i18n.t(f"code.style.{s}", L),
                         horizontal=True, key=STYLE_KEY)
        code = _code(config, style, frame)
        st.caption(t("code.caption"))
        st.code(code, language="python")
        st.caption(t("code.caption_diff"))
        st.download_button(t("code.download"), code, codegen.FILE_NAME, "text/x-python", key="dl_code",
                           on_click="ignore", icon=":material/download:", help=t("code.download_help"))
