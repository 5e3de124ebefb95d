"""NN Lab entry point and home page (``/``): what NN Lab teaches, the lessons as cards
(``nnlab.ui.lessons.home_cards``) and a link to every page.

Streamlit's ``pages/`` multipage mode serves app.py at ``/`` and each file in ``pages/`` at
its file name (``/train``, ``/compare``, …). Every page, this one included, calls
``page_setup()`` first: page config, language picker and the localized page list.
"""

import streamlit as st

from nnlab.ui.common import PAGES, page_setup, t
from nnlab.ui.lessons import home_cards

page_setup()

st.title(t("app.title"))
st.markdown(f"**{t('app.tagline')}**")
st.write(t("home.intro"))
home_cards()
st.subheader(t("home.pages"))
for path, page, icon in PAGES[1:]:
    st.page_link(path, label=t(f"nav.{page}"), icon=icon)
    st.caption(t(f"home.{page}"))
