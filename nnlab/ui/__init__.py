"""Streamlit helpers shared by pages: the only part of nnlab that imports streamlit."""
