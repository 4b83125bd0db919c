"""The spectrogram and filters page's Streamlit pieces: cached wrappers, inputs and views, and help.md."""
