"""Pure computational core of SciPy Explorer.

Nothing in this package imports Streamlit: every function takes plain data and returns plain data
(numbers, arrays, DataFrames, frozen dataclasses, plotly figures), so it can be tested without a browser.
"""
