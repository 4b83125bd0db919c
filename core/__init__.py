"""Pure computational core of SciPy Explorer: core.common (shared) and one package per capability.

Nothing in this package imports Streamlit: every function takes plain data and returns plain data
(numbers, arrays, DataFrames, frozen dataclasses, plotly figures), so it can be tested without a browser.
Import from a capability's package (``from core.fitting import fit_curve``); its ``__init__`` is the public API.
"""
