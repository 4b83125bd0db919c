"""The shared frame every page starts with."""

from pathlib import Path

import streamlit as st

__all__ = ["page_setup", "explain"]

_HELP = Path(__file__).resolve().parent / "help"


def explain(page):
    """The page's "What is this?" expander: teaching notes from ui/help/<page>.md."""
    with st.expander("What is this?", icon=":material/school:"):
        st.markdown((_HELP / f"{page}.md").read_text(encoding="utf-8"))


def page_setup():
    """Call first in every page script.

    Streamlit treats an app with a ``pages/`` folder as a legacy (v1) multipage app until ``app.py`` has
    called ``st.navigation`` once in the server's life. Until then a deep link such as
    ``/curve_fitting``, opened first after a server start, runs the page script alone: no router, no
    wide layout, the legacy sidebar. Switch the server to the router once and rerun, so app.py runs and
    shows the requested page (streamlit/streamlit#9992; checked with 1.67, the switch is what
    ``st.navigation`` itself does).
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without the legacy mode
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()
