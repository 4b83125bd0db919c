"""SciPy Explorer: the entry point. A router over the pages in ui.pages and the shared frame."""

import streamlit as st

from ui.pages import PAGES, SECTIONS

st.set_page_config(page_title="SciPy Explorer", page_icon=":material/science:", layout="wide")

home = st.Page("pages/home.py", title="Home", icon=":material/home:", default=True)
sections = {"": [home]}
for section in SECTIONS:
    pages = [st.Page(p.path, title=p.title, icon=p.icon, url_path=p.url_path) for p in PAGES if p.section == section]
    if pages:
        sections[section] = pages
st.navigation(sections).run()
st.sidebar.caption("SciPy Explorer: SciPy's building blocks in the browser, with the code that reproduces "
                   "every result.")
