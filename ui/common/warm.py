"""Warm the server once it has a visitor: import what the pages need, in the background.

The scientific stack takes about a second and a half to import (scipy.stats, scipy.signal, pandas, pyarrow for
tables, plotly's validators for each kind of trace). Paid inside a page's first run, it made whichever page was
opened first after a start about 2.5 s slower than the others. The router starts this once per process (a
``st.cache_resource``): while the visitor reads the home page, a daemon thread imports every capability and
builds one small figure of each trace kind, then freezes what it imported out of the garbage collector's
sight. A page opened meanwhile waits only for the modules it needs
(Python's import lock hands a module being imported to the first importer; nothing is imported twice).
Capabilities are named by the registry and imported by name, so this shared module depends on none of them.
"""

import gc
import importlib
import threading

import streamlit as st

from ui.pages import PAGES

__all__ = ["warm_up", "WARMED", "START_AFTER"]

#: Seconds after the first run before the import starts.
START_AFTER = 1.0

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
    # Streamlit collects garbage after every run (runner.postScriptGC): a full pass over the ~160,000 objects of
    # the imported stack took 0.10-0.15 s, holding the GIL while the run's last message waited to be sent. Those
    # objects live as long as the process: move them out of the collector's sight (gc.freeze), and the pass after
    # a run looks only at what the run made (0.1 s -> well under 1 ms).
    gc.collect()
    gc.freeze()
    WARMED.set()


@st.cache_resource(max_entries=1, show_spinner=False)
def warm_up():
    """Start the background import once per server process; returns the thread (for tests)."""
    # A second's delay: the first visitor's page is drawn first (imports hold the GIL and would slow its run).
    thread = threading.Timer(START_AFTER, _work)
    thread.name, thread.daemon = "warm-imports", True
    thread.start()
    return thread
