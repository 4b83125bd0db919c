import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.common import parse_printed
from ui.pages import page as ui_page

ROOT = Path(__file__).resolve().parents[1]


def table_with(at, column):
    """The first table (st.dataframe or st.data_editor) of the page that has `column`: tables are found by what
    they hold, never by their position (the data preview and the axis-label editor come first)."""
    return next(f.value for f in at.dataframe if column in f.value.columns)


def numeric_table(at, column):
    """:func:`table_with`, its columns as numbers where every shown cell is one (the page formats them: "1,436")."""
    import pandas as pd

    table = table_with(at, column)
    for name in table.columns:
        converted = pd.to_numeric(table[name].astype(str).str.replace(",", ""), errors="coerce")
        if converted.notna().sum() == table[name].replace({"n/a": None, "": None}).notna().sum():
            table[name] = converted
    return table


def chart_array(value):
    """A plotly chart spec's array as floats: plain lists, or the typed form {"dtype", "bdata"} (base64) that
    plotly writes for numpy arrays."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value:
        data = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).astype(float)
        shape = value.get("shape")
        shape = [int(n) for n in shape.split(",")] if isinstance(shape, str) else shape
        return data.reshape(shape) if shape else data
    return np.asarray(value, dtype=float)


def shown(markdown):
    """What a reader sees of escaped markdown source: backslash escapes removed (ui.common.text.esc)."""
    return re.sub(r"\\(.)", r"\1", str(markdown))


def texts(elements):
    return " | ".join(shown(e.value) for e in elements)


def exported_script(at, prefix):
    """Open the page's "Reproduce in Python" panel in AppTest `at` and return the script it shows."""
    at.session_state[f"{prefix}_code"] = True
    at.run()
    assert not at.exception, texts(at.exception)
    scripts = [c.value for c in at.code if c.language == "python" and "import" in c.value]
    assert scripts, "the open panel shows the script"
    return scripts[-1]


class PageDriver:
    """Drive a page through AppTest by widget key; keys are prefixed like the page's own."""

    def __init__(self, page, query=None):
        """`page` is the page's :class:`~ui.pages.PageInfo` (or its slug)."""
        self.page = ui_page(page) if isinstance(page, str) else page
        self.at = AppTest.from_file(str(ROOT / self.page.path), default_timeout=120)
        if query:
            self.at.query_params.update(query)
        self.p = self.page.prefix

    def run(self):
        self.at.run()
        assert not self.at.exception, texts(self.at.exception)
        return self

    def key(self, name):
        return f"{self.p}_{name}"

    def tab(self, label, key="tab"):
        """Open the tab `label` of the page's lazy tabs (ui.common.frame.lazy_tabs: only the open one runs)."""
        self.at.session_state[self.key(key)] = label
        return self.run()

    def code(self):
        """The exported script: opens the "Reproduce in Python" panel (built only while open) and reads it."""
        return exported_script(self.at, self.p)

    def set(self, kind, name, value):
        getattr(self.at, kind)(key=self.key(name)).set_value(value)
        return self.run()

    def upload(self, content, name="data.csv", mime="text/csv"):
        self.at.session_state[self.key("source")] = "Upload"
        self.run()
        self.at.file_uploader(key=self.key("upload")).set_value((name, content, mime))
        return self.run()

    def paste(self, text):
        self.at.session_state[self.key("source")] = "Paste"
        self.run()
        return self.set("text_area", "paste", text)

    def metric(self, label):
        """The value of the metric with this label."""
        return next(m.value for m in self.at.metric if m.label == label)

    @property
    def errors(self):
        return texts(self.at.error)

    @property
    def warnings(self):
        return texts(self.at.warning)


@pytest.fixture
def driver():
    return PageDriver


def run_exported(script, folder, *, files=None, name="reproduce.py"):
    """Run an exported `script` in a fresh Python process, in `folder`, with `files` ({name: bytes}) beside it.

    The project is not on the path (no PYTHONPATH, the folder is elsewhere): the script must stand alone, as it
    does on a user's machine. Returns the numbers it printed (:func:`core.common.parse_printed`).
    """
    folder = Path(folder)
    (folder / name).write_text(script, encoding="utf-8")
    for file_name, data in (files or {}).items():
        (folder / file_name).write_bytes(data)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, name], cwd=folder, capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    printed = parse_printed(done.stdout)
    assert printed, "the script printed no numbers:\n" + done.stdout[-2000:]
    return printed


@pytest.fixture
def run_script(tmp_path):
    """:func:`run_exported` in this test's own temporary folder."""
    return lambda script, files=None, name="reproduce.py": run_exported(script, tmp_path, files=files, name=name)
