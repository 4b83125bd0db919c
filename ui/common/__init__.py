"""Shared Streamlit helpers: the page frame, error display, export panel, tables, data input, caches, URL state.

Nothing here imports a capability package (core.<capability> or ui.<capability>)."""
