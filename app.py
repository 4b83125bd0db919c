"""SciPy Explorer: the entry point. A router over the pages in ui.pages and the shared frame."""

import streamlit as st

from ui.common.busy import counted_run
from ui.common.warm import warm_up
from ui.pages import PAGES, SECTIONS

st.set_page_config(page_title="SciPy Explorer", page_icon=":material/science:", layout="wide")

home = st.Page("pages/home.py", title="Home", icon=":material/home:", default=True)
sections = {"": [home]}
for section in SECTIONS:
    pages = [st.Page(p.path, title=p.title, icon=p.icon, url_path=p.url_path) for p in PAGES if p.section == section]
    if pages:
        sections[section] = pages
warm_up()  # imports the pages' stack in the background while the first visitor reads
with counted_run():  # a run that starts behind many others says the server is busy
    st.navigation(sections).run()
st.sidebar.caption("SciPy Explorer: SciPy's building blocks in the browser, with the code that reproduces "
                   "every result.")
