"""What every page shares: ``page_setup()`` (called first in app.py and in each file in
``pages/``), the language choice and translated text.

NN Lab uses Streamlit's own ``pages/`` multipage mode: app.py is the home page at ``/`` and
each file in ``pages/`` is a page whose URL is its file name (``/train``, ``/compare``, …).
Streamlit's own page list (raw file names) is hidden by ``client.showSidebarNavigation =
false`` in ``.streamlit/config.toml``; ``page_setup`` draws the localized one instead.
"""

from __future__ import annotations

import streamlit as st

from nnlab import i18n, runtime
from nnlab.ui import streamlit_internals

# (file relative to app.py, nav.* catalog key, icon), in the order of the sidebar
PAGES = (
    ("app.py", "home", "🏠"),
    ("pages/train.py", "train", "📈"),
    ("pages/compare.py", "compare", "⚖️"),
    ("pages/sweep.py", "sweep", "🧪"),
    ("pages/explorer.py", "explorer", "〰️"),
    ("pages/neuron.py", "neuron", "🔵"),
    ("pages/softmax.py", "softmax", "🧮"),
)


def page_setup() -> None:
    """Call first in every page: Streamlit internals checked and the Keras fix applied
    (``streamlit_internals.install``), the runtime started (TensorFlow comes up in the
    background before the first student clicks), page config, the localized page list, the
    language picker, presenter mode (``nnlab.ui.presenter``), the copy-link button
    (``nnlab.ui.share``) and plotly.js loaded ahead (``nnlab.ui.plots.preload_plotly``) in
    the sidebar."""
    streamlit_internals.install()
    runtime.start()
    runtime.page_drawn()
    st.set_page_config(page_title="NN Lab", page_icon="🧠", layout="wide")
    _count_visits()
    navigation()
    language_picker()
    from nnlab.ui import plots, presenter, share  # they use this module's t() and lang()

    presenter.controls()
    share.copy_link_button()
    plots.preload_plotly()
    problem = runtime.ray_problem()
    if problem is not None:  # NNLAB_RAY_ADDRESS is set, but Ray is missing or its cluster unreachable
        st.error(t(problem[0], **problem[1]), icon="⚠️")


VISIT = "page.visit"  # (page, number): a new number each time the user arrives on a page


def _count_visits() -> None:
    """Number the user's arrivals on pages (a rerun of the same page keeps its number), so a
    page can tell a message meant for this visit from one left over from an earlier one."""
    ctx = streamlit_internals.get_script_run_ctx()
    page = getattr(ctx, "page_script_hash", "") if ctx is not None else ""
    last_page, number = st.session_state.get(VISIT, ("", 0))
    if page != last_page:
        st.session_state[VISIT] = (page, number + 1)


def visit() -> int:
    """This visit's number (see ``_count_visits``)."""
    return st.session_state.get(VISIT, ("", 0))[1]


def navigation() -> None:
    """The page list in the sidebar, in the chosen language (Streamlit shows the current page in bold)."""
    for path, name, icon in PAGES:
        st.sidebar.page_link(path, label=t(f"nav.{name}"), icon=icon)


def lang() -> str:
    """The language chosen in the sidebar (kept in session state and the ``lang`` query param)."""
    if "lang" not in st.session_state:
        q = st.query_params.get("lang", "en")
        st.session_state["lang"] = q if q in i18n.LANGUAGES else "en"
    return st.session_state["lang"]


def t(key: str, **fmt) -> str:
    return i18n.t(key, lang(), **fmt)


def language_picker() -> None:
    # Each page draws its own picker (a widget belongs to the page that draws it): hand the
    # choice over explicitly, or a page switch would reset it to English (Streamlit's
    # documented way to keep a widget's value across pages).
    st.session_state["lang"] = lang()
    st.sidebar.selectbox(
        i18n.t("lang.label"), list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get, key="lang",
    )
    if st.session_state["lang"] != "en":
        st.query_params["lang"] = st.session_state["lang"]
    elif "lang" in st.query_params:
        del st.query_params["lang"]
