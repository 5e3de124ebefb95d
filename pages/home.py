"""Landing page: what NN Lab teaches and a link to every page."""

import streamlit as st

from nnlab.ui.common import ensure_router, t

ensure_router()

st.title(t("app.title"))
st.markdown(f"**{t('app.tagline')}**")
st.write(t("home.intro"))
st.subheader(t("home.pages"))
for page, icon in [("train", "📈"), ("compare", "⚖️"), ("explorer", "〰️"), ("neuron", "🔵"), ("softmax", "🧮")]:
    st.page_link(f"pages/{page}.py", label=t(f"nav.{page}"), icon=icon)
    st.caption(t(f"home.{page}"))
