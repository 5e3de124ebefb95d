"""NN Lab entry point: page config, language picker and the page router. Nothing else."""

import streamlit as st

from nnlab import runtime
from nnlab.ui.common import language_picker, t

runtime.start()  # TensorFlow comes up in the background before the first student clicks
st.set_page_config(page_title="NN Lab", page_icon="🧠", layout="wide")
language_picker()

PAGES = [
    st.Page("pages/home.py", title=t("nav.home"), icon="🏠", default=True, url_path="home"),
    st.Page("pages/train.py", title=t("nav.train"), icon="📈", url_path="train"),
    st.Page("pages/compare.py", title=t("nav.compare"), icon="⚖️", url_path="compare"),
    st.Page("pages/explorer.py", title=t("nav.explorer"), icon="〰️", url_path="explorer"),
    st.Page("pages/neuron.py", title=t("nav.neuron"), icon="🔵", url_path="neuron"),
    st.Page("pages/softmax.py", title=t("nav.softmax"), icon="🧮", url_path="softmax"),
]
st.navigation(PAGES).run()
