"""The interpolation page's Streamlit pieces: cached wrappers, inputs and views, and help.md."""
