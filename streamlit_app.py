"""NN Lab's server: ``python3 -m streamlit run streamlit_app.py``.

The pages are ``app.py`` (the home page) and ``pages/``; this file wraps them in Streamlit's
``st.App`` for one reason: its lifespan hook runs when the server starts, so TensorFlow's
import and the first networks' compiles (``nnlab.runtime.start``) begin then, in the
background, instead of with the first visitor's first page (``streamlit run app.py`` runs no
app code before a page is opened). A server started before the class arrives is warm by the
first click. ``streamlit run app.py`` still works, and starts the same machinery with the
first page instead.
"""

import threading
from contextlib import asynccontextmanager

import streamlit as st


def _start_runtime() -> None:
    from nnlab import runtime
    from nnlab.ui import streamlit_internals

    streamlit_internals.install()  # before TensorFlow is up: Streamlit's per-run Keras reset is replaced
    runtime.start()


@asynccontextmanager
async def lifespan(_app):
    # A thread, so the server answers at once: importing nnlab itself takes a second.
    threading.Thread(target=_start_runtime, daemon=True, name="nnlab-server-start").start()
    yield


app = st.App("app.py", lifespan=lifespan)
