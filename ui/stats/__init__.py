"""The hypothesis testing page's Streamlit pieces: cached wrappers, inputs and views, and help.md."""
