"""Shared Streamlit helpers: cached wrappers, data-input widgets, error display, URL state, code export."""
