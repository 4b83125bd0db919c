"""The page contract, checked for every registered page (as lmfit tests every registered model).

A page in ui.pages.PAGES is tested here the moment it is registered: its default view renders with its help,
its exported script runs on its own and prints numbers, a setting given in the URL reopens it, and tampered
URL values fall back to the defaults without an error.
"""

import importlib

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, exported_script, run_exported, texts
from ui.pages import PAGES

#: Widget kinds whose values Streamlit keeps in the URL, with how Streamlit writes a value there.
BOUND_KINDS = ("selectbox", "radio", "segmented_control", "checkbox", "toggle", "number_input", "slider",
               "multiselect", "select_slider")
#: Keys that choose the data: changing them resets the page's other settings, so they are checked alone.
DATA_KEYS = ("source", "sample", "upload", "paste", "camera")
GARBAGE = ["<script>alert(1)</script>", "1e309", "nan", "-inf", "[[", "\u202e", "true,false,,"]


def open_page(page, query=None):
    at = AppTest.from_file(str(ROOT / page.path), default_timeout=180)
    if query:
        at.query_params.update(query)
    at.run()
    assert not at.exception, texts(at.exception)
    return at


def bound_widgets(at, page):
    """(kind, widget) of every widget on the view that Streamlit binds to a URL parameter."""
    return [(kind, w) for kind in BOUND_KINDS for w in getattr(at, kind) if w.proto.query_param_key]


@pytest.fixture(scope="module", params=PAGES, ids=[p.slug for p in PAGES])
def default_view(request):
    page = request.param
    return page, open_page(page)


def test_default_view_renders_with_its_help(default_view):
    page, at = default_view
    assert at.title[0].value == page.title
    assert not at.error, texts(at.error)
    assert any(e.label == "What is this?" for e in at.expander)
    first_line = page.help_file.read_text(encoding="utf-8").strip().splitlines()[0]
    assert any(first_line in m.value for m in at.markdown), "the help notes are shown"
    keys = [w.key for _, w in bound_widgets(at, page)]
    assert keys and all(k.startswith(f"{page.prefix}_") for k in keys), "URL parameters carry the page's prefix"


def test_exported_script_runs_alone_and_prints_numbers(default_view, tmp_path):
    page, at = default_view
    scripts = [exported_script(at, page.prefix)]
    catalogue = importlib.import_module(f"core.{page.capability}.samples").SAMPLES
    # The page's input file goes beside the script when the script reads it (an image, a WAV).
    files = {s.file: catalogue.load(s.key) for s in catalogue.values() if s.file in scripts[0]}
    printed = run_exported(scripts[0], tmp_path, files=files)
    assert all(isinstance(v, float) for v in printed.values())


def _changed(kind, widget):
    """Another valid value for `widget` and the text Streamlit writes for it in the URL (None: skip)."""
    if kind in ("selectbox", "radio", "segmented_control", "select_slider"):
        options = list(widget.options)
        if len(options) < 2:
            return None
        current = widget.format_func(widget.value) if hasattr(widget, "format_func") else None
        index = getattr(widget, "index", None)
        if index is None:
            index = options.index(current) if current in options else 0
        return options[(index + 1) % len(options)]
    if kind in ("checkbox", "toggle"):
        return None if getattr(widget, "disabled", False) else ("false" if widget.value else "true")
    return None


def test_a_setting_in_the_url_reopens_the_same_view(default_view):
    page, at = default_view
    checked = 0
    for kind, widget in bound_widgets(at, page):
        if widget.key.removeprefix(f"{page.prefix}_") in DATA_KEYS and checked:
            continue
        text = _changed(kind, widget)
        if text is None:
            continue
        again = open_page(page, {widget.key: text})
        reopened = getattr(again, kind)(key=widget.key)
        shown = (reopened.options[reopened.index] if kind == "selectbox" else
                 str(reopened.value).lower() if kind in ("checkbox", "toggle") else
                 reopened.format_func(reopened.value) if hasattr(reopened, "format_func") else reopened.value)
        assert str(shown) == text, (widget.key, text, shown)
        checked += 1
        if checked >= 6:
            break
    assert checked >= 2, "the default view has settings to share"


def test_tampered_url_values_fall_back_to_the_defaults(default_view):
    page, at = default_view
    widgets = bound_widgets(at, page)
    defaults = {w.key: w.value for _, w in widgets}
    query = {key: GARBAGE[i % len(GARBAGE)] for i, key in enumerate(defaults)}
    again = open_page(page, query)
    assert not again.error, texts(again.error)
    for kind, widget in bound_widgets(again, page):
        if widget.key in defaults:
            assert widget.value == defaults[widget.key], (widget.key, query[widget.key], widget.value)
