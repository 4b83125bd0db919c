"""The Streamlit shell: ui.common (shared helpers), one package per capability, and the page registry (ui.pages)."""
