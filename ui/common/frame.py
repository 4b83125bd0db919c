"""The shared frame every page starts with."""

import streamlit as st

from ui.common.axes import clear_axis_labels
from ui.common.errors import guard
from ui.common.export import code_panel
from ui.common.url import bound
from ui.pages import page

__all__ = ["page_setup", "explain", "lazy_tabs", "panel_tabs"]


def lazy_tabs(labels, *, key):
    """Tabs of which only the open one is computed and sent; which one is open lives in the URL (`key`).

    Returns (label of the open tab, its container). Switching tabs reruns the page (a few tens of ms) instead of
    every rerun computing, sending and drawing the hidden tabs too. Use it for tabs whose content nothing else
    on the page reads.
    """
    containers = bound(st.tabs, labels, key=key)
    for label, container in zip(labels, containers):
        if container.open:
            return label, container
    return labels[0], containers[0]


def panel_tabs(panels, prefix, *, file_name):
    """A page made of lazy tabs, each one panel: `panels` maps a tab's label to (what it computes, for the error
    message; a function of the page prefix that draws the panel and returns its script or None). Only the open
    tab runs, under :func:`~ui.common.errors.guard`; its script goes into the "Reproduce in Python" panel."""
    tab, panel = lazy_tabs(list(panels), key=f"{prefix}_tab")
    what, show = panels[tab]
    script = None
    with panel, guard(what):
        script = show(prefix)
    if script is not None:
        with guard("exporting"):
            code_panel(script, key=prefix, file_name=file_name)


def explain(info):
    """The page's "What is this?" expander: teaching notes from ui/<capability>/help.md."""
    with st.expander("What is this?", icon=":material/school:"):
        st.markdown(info.help_file.read_text(encoding="utf-8"))


def page_setup(slug=None, caption=None):
    """Call first in every page script; returns the page's :class:`~ui.pages.PageInfo`.

    With a `slug`, it also draws the shared header: the page's title, `caption` (our own text, never user
    text) and the "What is this?" notes.

    Streamlit treats an app with a ``pages/`` folder as a legacy (v1) multipage app until ``app.py`` has
    called ``st.navigation`` once in the server's life. Until then a deep link such as
    ``/curve_fitting``, opened first after a server start, runs the page script alone: no router, no
    wide layout, the legacy sidebar. Switch the server to the router once and rerun, so app.py runs and
    shows the requested page (streamlit/streamlit#9992; checked with 1.67, the switch is what
    ``st.navigation`` itself does).
    """
    _leave_legacy_mode()
    clear_axis_labels()
    if slug is None:
        return None
    info = page(slug)
    st.title(info.title)
    if caption:
        st.caption(caption)
    explain(info)
    return info


def _leave_legacy_mode():
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without the legacy mode
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()
