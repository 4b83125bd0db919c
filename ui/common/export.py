"""Result downloads and the "Reproduce in Python" panel shared by every page."""

import streamlit as st

from core.common import DATA_FILENAME
from core.common import to_csv_bytes
from ui.common.text import esc

__all__ = ["code_panel", "csv_download"]


EAGER_CELLS = 20_000  # a table this small is written in about a millisecond


def csv_download(label, frame, file_name, *, key):
    """A CSV download of `frame` (formula-like text escaped), or of what a callable returns.

    A small table's CSV is made with the page and held by the session until its next run; a callable or a large
    table is written only when the user clicks (a million rows take seconds to write). A file made on the click
    belongs to no session: Streamlit deletes it at the second script run of *any* session that ends before the
    browser fetches it (``MediaFileManager.execute_deferred`` leaves it unmapped), and a busy replica ends runs
    every few hundred milliseconds, so what is cheap to make is made with the page. (Streamlit's frontend then
    fetches it once as it draws the button, to check the source: cheap at this size.) Downloading never reruns
    the page.
    """
    if callable(frame) or frame.size > EAGER_CELLS:
        make = frame if callable(frame) else (lambda: frame)
        data = lambda: to_csv_bytes(make())  # noqa: E731
    else:
        data = to_csv_bytes(frame)
    st.download_button(label, data, file_name=file_name, mime="text/csv", key=key, on_click="ignore",
                       icon=":material/download:")


def code_panel(script, *, key, data_frame=None, needs_file=False, file_name="reproduce.py", attachment=None,
               libraries="numpy, scipy, pandas"):
    """An expander with the exported script (copy button on the code), its download, and the data file.

    `script` is the text or a callable that writes it. The expander reruns the page when it opens and builds its
    content only while open (``ExpanderContainer.open``): highlighting a long script costs the browser 0.2-0.3 s,
    and the script changes with almost every setting. `attachment` is a (file_name, bytes, mime) file the script
    reads, such as the image (always offered).
    """
    panel = st.expander("Reproduce in Python", icon=":material/code:", key=f"{key}_code", on_change="rerun")
    if not panel.open:
        return
    with panel:
        script = script() if callable(script) else script
        st.caption(f"A self-contained script ({libraries}) that repeats this computation and prints "
                   "the same numbers.")
        cols = st.columns(2)
        with cols[0]:
            st.download_button("Download script", script.encode("utf-8"), file_name=file_name,
                               mime="text/x-python", key=f"{key}_dl_script", on_click="ignore",
                               icon=":material/download:")
        if needs_file and data_frame is not None:
            with cols[1]:
                csv_download(f"Download {DATA_FILENAME}", data_frame, DATA_FILENAME, key=f"{key}_dl_data")
            st.info(f"The data is too large to write into the script: save {DATA_FILENAME} next to it.")
        if attachment is not None:
            name, data, mime = attachment
            with cols[1]:
                st.download_button(f"Download {name}", data, file_name=name, mime=mime, key=f"{key}_dl_attachment",
                                   on_click="ignore", icon=":material/download:")
            st.caption(f"Save {esc(name)} next to the script.")
        # A fixed height with its own scroll bar: a long script (embedded data) never makes the page miles long.
        st.code(script, language="python", line_numbers=False, height="content" if script.count("\n") < 40 else 640)
