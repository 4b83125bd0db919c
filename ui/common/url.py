"""A page's settings in the URL, so a copied link reopens the same view.

Streamlit binds the widgets itself: ``bind="query-params"`` makes the widget's key its URL parameter, seeds the
widget from the URL on a page load, drops values that are not valid for the widget (unknown options, numbers
outside ``min_value``/``max_value``, NaN, a wrong type) and keeps defaults out of the URL. Every keyed widget of a
page is created through :func:`bound`, which adds the binding and nothing the built-in already does.

What the built-in cannot do, and this module adds:

* **Links shared before the binding existed.** They wrote option keys where Streamlit now writes the option's
  label (``cf_level=0.95``, not ``95%``), and lists and ranges as ``a,b`` where Streamlit repeats the parameter.
  :func:`bound` rewrites such a value into Streamlit's form before the widget reads it, once per page load.
* **URL values Streamlit mishandles**: an integer widget seeded from ``?n=1e309`` raises ``OverflowError``
  (Streamlit catches only ``ValueError``), and a range slider accepts ``hi`` before ``lo``. Both are dropped.
* **Forgetting settings when new data arrives** (:func:`forget`): a bound parameter cannot be deleted through
  ``st.query_params``, and deleting the widget's session state alone lets the URL seed the old value again.
* **State that is not a widget** (the morphology pipeline, ``mo_pipe``): :func:`url_value` and
  :func:`set_url_value`.

The first three reach into Streamlit's ``QueryParams`` object (``_initial_query_params``, what widgets seed
from on this run); that is kept to :func:`_query_params` and :func:`_rewrite`, and checked by
``tests/ui/common/test_url.py`` against the installed Streamlit.
"""

import math
from contextlib import contextmanager

import streamlit as st

__all__ = ["bound", "bound_value", "forget", "url_value", "set_url_value"]

_SELECTION = {"selectbox", "radio", "segmented_control", "pills", "select_slider", "multiselect"}
_MULTI = {"multiselect"}


@contextmanager
def _query_params():
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:  # bare mode (no session): nothing to rewrite
        yield None
        return
    with ctx.session_state.query_params() as qp:
        yield qp


def _initial(key):
    with _query_params() as qp:
        if qp is None:
            return None
        return qp.get_initial_value(key)


def _rewrite(key, values):
    """Make the URL (and what the widget seeds from on this run) say `values` for `key`; None removes it."""
    with _query_params() as qp:
        if qp is None:
            return
        if values is None:
            qp._initial_query_params.pop(key, None)
            qp.remove_param(key)
            return
        qp._initial_query_params[key] = list(values)
        qp.set_corrected_value(key, list(values) if len(values) > 1 else values[0],
                               "string_array_value" if len(values) > 1 else "string_value")


def _legacy(raw, name, options, format_func, value):
    """Streamlit's form of a value written by the old URL code, or None when `raw` needs no change."""
    raw = [raw] if isinstance(raw, str) else list(raw)
    if name in _SELECTION and options is not None:
        options = list(options)
        labels = [str(format_func(o)) for o in options]
        by_key = {str(o): label for o, label in zip(options, labels)}
        old_list = name in _MULTI and len(raw) == 1 and "," in raw[0] and raw[0] not in labels
        parts = raw[0].split(",") if old_list else raw
        new = [p if p in labels else by_key.get(p, p) for p in parts]
        return new if new != raw else None
    if name == "slider" and isinstance(value, (tuple, list)) and len(raw) == 1 and "," in raw[0]:
        return [p.strip("() ") for p in raw[0].split(",")]
    return None


def _numbers(raw):
    """The URL value as floats, or None when it is not all numbers (Streamlit drops those itself)."""
    try:
        return [float(v) for v in ([raw] if isinstance(raw, str) else raw)]
    except ValueError:
        return None


_RANGE_ARGS = ("min_value", "max_value", "value")


def _fit_range(name, args, kwargs):
    """Number inputs and sliders whose bounds follow the data: never min > max, never a default outside them
    (Streamlit raises on both). Returns the keyword arguments with the three values named."""
    if name not in ("number_input", "slider") or len(args) > 3:
        return args, kwargs
    kwargs = {**dict(zip(_RANGE_ARGS, args)), **kwargs}
    lo, hi, value = kwargs.get("min_value"), kwargs.get("max_value"), kwargs.get("value")
    if lo is not None and hi is not None and (lo > hi or (name == "slider" and lo == hi)):
        # A slider also refuses equal bounds: give it one step of room.
        room = 0 if name != "slider" else 1 if isinstance(lo, int) else max(abs(lo), 1.0)
        kwargs["max_value"] = hi = lo + room
    def clamp(v):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            v = max(v, lo) if lo is not None else v
            v = min(v, hi) if hi is not None else v
        return v
    if isinstance(value, (tuple, list)):
        kwargs["value"] = type(value)(clamp(v) for v in value)
    elif value is not None:
        kwargs["value"] = clamp(value)
    return (), kwargs


def _keep_inside(key, lo, hi):
    """A value the session holds from before the bounds moved (a replay slider whose longest path got shorter)
    is brought inside them: Streamlit raises on a held value outside the bounds."""
    held = st.session_state[key]

    def inside(v):
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
            v = max(v, lo) if lo is not None else v
            v = min(v, hi) if hi is not None else v
        return v

    mended = type(held)(inside(v) for v in held) if isinstance(held, (tuple, list)) else inside(held)
    if mended != held:
        st.session_state[key] = mended


def bound(widget, label, *args, key, **kwargs):
    """``widget(label, *args, key=key, bind="query-params", **kwargs)``: a widget whose value lives in the URL.

    `widget` is a Streamlit widget function or a container's method (``st.selectbox``, ``c1.slider``). A value
    from an old link is first put in the form Streamlit reads; bounds that came out inverted and defaults outside
    the bounds are mended (Streamlit would raise); everything else is Streamlit's own binding.
    """
    name = getattr(widget, "__name__", "")
    args, kwargs = _fit_range(name, args, kwargs)
    if key in st.session_state and name in ("number_input", "slider"):
        _keep_inside(key, kwargs.get("min_value"), kwargs.get("max_value"))
    if key not in st.session_state:
        raw = _initial(key)
        if raw is not None:
            options = args[0] if args else kwargs.get("options")
            value = kwargs.get("value", args[2] if name == "slider" and len(args) > 2 else None)
            new = _legacy(raw, name, options, kwargs.get("format_func", str), value)
            if new is not None:
                _rewrite(key, new)
            numbers = _numbers(new or raw) if name in ("number_input", "slider") else None
            if numbers is not None and not all(map(math.isfinite, numbers)):
                # Streamlit 1.67 raises OverflowError (not caught) seeding an integer widget from ?key=1e309.
                _rewrite(key, None)
            elif name == "slider" and isinstance(value, (tuple, list)) and numbers and numbers != sorted(numbers):
                _rewrite(key, None)  # Streamlit accepts a reversed range (hi, lo); the page never should
    return widget(label, *args, key=key, bind="query-params", **kwargs)


def bound_value(key, options, *, format_func=str, default=None):
    """The value of the bound selection widget `key` on a run that does not draw it (its tab is closed): the
    session's value while Streamlit still holds it, else the option the URL names (by label or key), else
    `default`."""
    if key in st.session_state:
        return st.session_state[key]
    raw = st.query_params.get(key)
    for option in options if raw is not None else ():
        if raw in (str(format_func(option)), str(option)):
            return option
    return default


def forget(prefix, *, keep=(), only=None):
    """Forget the settings whose keys start with `prefix` (or just the keys in `only`), in the session and in
    the URL, except `keep`.

    Used when the data changes: the widgets then start again from the new data's defaults.
    """
    def chosen(key):
        return isinstance(key, str) and key.startswith(prefix) and key not in keep and (only is None or key in only)

    for key in [k for k in st.session_state.keys() if chosen(k)]:
        del st.session_state[key]
    for key in [k for k in st.query_params.keys() if chosen(k)]:
        _rewrite(key, None)


def url_value(key, default):
    """The session's value of a non-widget setting `key`: from the URL on first sight, else `default`."""
    if key not in st.session_state:
        raw = st.query_params.get(key)
        st.session_state[key] = default if raw is None else raw
    return st.session_state[key]


def set_url_value(key, value, *, default=None):
    """Store a non-widget setting in the session and the URL (left out of the URL when it is `default`)."""
    st.session_state[key] = value
    if value == default or value in (None, ""):
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value
