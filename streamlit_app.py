"""NN Lab's server: ``python3 -m streamlit run streamlit_app.py``.

The pages are ``app.py`` (the home page) and ``pages/``; this file wraps them in Streamlit's
``st.App`` for one reason: its lifespan hook runs when the server starts, so TensorFlow's
import and the first networks' compiles (``nnlab.runtime.start``) begin then, in the
background, instead of with the first visitor's first page (``streamlit run app.py`` runs no
app code before a page is opened). A server started before the class arrives is warm by the
first click. ``streamlit run app.py`` still works, and starts the same machinery with the
first page instead.

It also serves plotly.js from a route of its own (``nnlab.ui.plotly_asset``): compressed once
and revalidated by ETag, instead of compressed again for every tab by Streamlit's component
route.
"""

import threading
from contextlib import asynccontextmanager

import streamlit as st
from starlette.routing import Route


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


async def plotly_js(request):
    from nnlab.ui import plotly_asset  # here, not above: the first page has imported nnlab by then

    return await plotly_asset.serve(request)


app = st.App("app.py", lifespan=lifespan, routes=[Route("/nnlab/plotly.min.js", plotly_js)])  # plotly_asset.PATH
