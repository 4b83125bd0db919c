"""The kernel density page's Streamlit pieces: cached wrappers, inputs and views, and help.md."""
