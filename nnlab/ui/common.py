"""Language choice and translated text for pages."""

from __future__ import annotations

import streamlit as st

from nnlab import i18n


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
