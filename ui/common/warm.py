"""Warm the server once it has a visitor: import what the pages need, in the background.

The scientific stack takes about a second and a half to import (scipy.stats, scipy.signal, pandas, pyarrow for
tables, plotly's validators for each kind of trace). Paid inside a page's first run, it made whichever page was
opened first after a start about 2.5 s slower than the others. The router starts this once per process (a
``st.cache_resource``): while the visitor reads the home page, a daemon thread imports every capability and
builds one small figure of each trace kind. A page opened meanwhile waits only for the modules it needs
(Python's import lock hands a module being imported to the first importer; nothing is imported twice).
Capabilities are named by the registry and imported by name, so this shared module depends on none of them.
"""

import importlib
import threading

import streamlit as st

from ui.pages import PAGES

__all__ = ["warm_up", "WARMED"]

#: Set when the background import has finished without error.
WARMED = threading.Event()


def _work():
    import numpy as np
    import plotly.graph_objects as go
    import pyarrow  # noqa: F401  (st.dataframe's conversion)

    for capability in dict.fromkeys(p.capability for p in PAGES):
        importlib.import_module(f"core.{capability}")
        importlib.import_module(f"ui.{capability}.cache")
    z = np.zeros((2, 2))
    for trace in (go.Scatter(y=[0, 1]), go.Heatmap(z=z), go.Contour(z=z), go.Bar(y=[1]), go.Histogram(x=[1]),
                  go.Image(z=np.zeros((2, 2, 3)))):
        go.Figure(trace).update_layout(title="warm").to_json()
    WARMED.set()


@st.cache_resource(show_spinner=False)
def warm_up():
    """Start the background import once per server process; returns the thread (for tests)."""
    thread = threading.Thread(target=_work, name="warm-imports", daemon=True)
    thread.start()
    return thread
