"""Home: what the app is and what each page does."""

import streamlit as st

from ui.common.frame import page_setup
from ui.pages import PAGES, SECTIONS

page_setup()

st.title("SciPy Explorer")
st.markdown("SciPy's building blocks for data work, in the browser. Load your own table (or a bundled sample, "
            "or synthetic data), pick a method, turn the knobs, and see the result with its uncertainty and "
            "diagnostics. Take away the numbers (CSV), the figure (PNG from the figure's toolbar) and **the "
            "plain SciPy script that reproduces the result**.")
for section in SECTIONS:
    pages = [p for p in PAGES if p.section == section]
    if not pages:
        continue
    st.subheader(section)
    for page in pages:
        with st.container(border=True):
            st.page_link(page.path, label=page.title, icon=page.icon)
            st.caption(page.blurb)
st.caption("Settings live in the page's URL: copy the link to share a view (uploaded files stay on your machine).")
