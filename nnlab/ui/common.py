"""Language choice, translated text and router/run-time fixes shared by every page."""

from __future__ import annotations

import sys

import streamlit as st
from streamlit.runtime.scriptrunner import script_runner

from nnlab import i18n


def _clean_problem_modules_but_keep_keras() -> None:
    """Streamlit's after-run clean-up, minus ``keras.backend.clear_session()``.

    Streamlit calls that after every script run, so every second while a live fragment
    polls. It is process-global: it empties TensorFlow's kernel cache and Keras's global
    state under the training threads, which made training 5–10× slower in the app than
    on the command line. NN Lab keeps no per-run Keras state (trainers are pooled and
    reused), so only the matplotlib part of the clean-up is kept.
    """
    if "matplotlib.pyplot" in sys.modules:
        try:
            sys.modules["matplotlib.pyplot"].close("all")
        except Exception:  # noqa: BLE001 — as Streamlit: never fail a run over this
            pass


script_runner._clean_problem_modules = _clean_problem_modules_but_keep_keras


def lang() -> str:
    """The language chosen in the sidebar (kept in session state and the ``lang`` query param)."""
    if "lang" not in st.session_state:
        q = st.query_params.get("lang", "en")
        st.session_state["lang"] = q if q in i18n.LANGUAGES else "en"
    return st.session_state["lang"]


def t(key: str, **fmt) -> str:
    return i18n.t(key, lang(), **fmt)


def language_picker() -> None:
    lang()
    st.sidebar.selectbox(
        i18n.t("lang.label"), list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get, key="lang",
    )
    if st.session_state["lang"] != "en":
        st.query_params["lang"] = st.session_state["lang"]
    elif "lang" in st.query_params:
        del st.query_params["lang"]


def ensure_router() -> None:
    """Call first in every page file.

    Streamlit treats an app with a ``pages/`` folder as an old-style multipage app until
    the first ``st.navigation`` call in the server process, so the very first visit to a
    deep link such as ``/train`` on a fresh server runs ``pages/train.py`` alone, without
    app.py's router, page config and language picker. Switch that mode off and rerun: the
    rerun goes through app.py and lands on the same page (same url path, same page hash).
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
