"""A page's settings in the URL (st.query_params), so a copied link reopens the same view.

Before a widget is created, :func:`seed` puts its value into ``st.session_state`` from the URL (checked
and clamped, so a URL cannot get past a bound) or from the default. After the widgets, :func:`sync_url`
writes the current values back. Uploads cannot travel in a URL; the data-input widget says so.
"""

import math

import streamlit as st

__all__ = ["seed", "sync_url", "reset"]

_registered_key = "_url_keys"


def _parse(raw, default, options, lo, hi):
    if isinstance(default, bool):
        word = raw.lower()
        return word in ("1", "true", "yes") if word in ("1", "0", "true", "false", "yes", "no") else default
    if isinstance(default, int) and not isinstance(default, bool):
        try:
            value = int(float(raw))
        except (ValueError, OverflowError):
            return default
    elif isinstance(default, float) or (default is None and options is None):
        try:
            value = float(raw)
        except ValueError:
            return default
        if not math.isfinite(value):
            return default
    elif isinstance(default, tuple):  # a range slider: "lo,hi", both inside [lo, hi] and in order
        try:
            parts = tuple(float(v) for v in raw.strip("()").split(","))
        except ValueError:
            return default
        if len(parts) != len(default) or not all(map(math.isfinite, parts)) or list(parts) != sorted(parts):
            return default
        bottom = default[0] if lo is None else lo
        top = default[-1] if hi is None else hi
        return tuple(min(max(v, bottom), top) for v in parts)
    elif isinstance(default, list):
        value = [v for v in raw.split(",") if v] if raw else []
        if options is not None:
            value = [v for v in value if v in options]
        return value
    else:
        value = raw
    if options is not None and value not in options:
        return default
    if lo is not None and value < lo:
        value = type(value)(lo)
    if hi is not None and value > hi:
        value = type(value)(hi)
    return value


def seed(key, default, *, options=None, lo=None, hi=None, reset=False):
    """Make sure ``st.session_state[key]`` holds a valid value before its widget is created.

    On a session's first sight of `key` the URL wins, else `default`. A value no longer in `options`
    (say, a column of another file) falls back to `default`. Returns the value.
    """
    keys = st.session_state.setdefault(_registered_key, set())
    keys.add(key)
    if key not in st.session_state or reset:
        raw = st.query_params.get(key)
        st.session_state[key] = default if raw is None else _parse(raw, default, options, lo, hi)
    value = st.session_state[key]
    if options is not None:
        if isinstance(value, list):
            kept = [v for v in value if v in options]
            if kept != value:
                st.session_state[key] = kept or default
        elif value not in options:
            st.session_state[key] = default
    return st.session_state[key]


def sync_url(prefix):
    """Write every seeded widget value whose key starts with `prefix` into the URL."""
    for key in sorted(st.session_state.get(_registered_key, ())):
        if not key.startswith(prefix) or key not in st.session_state:
            continue
        value = st.session_state[key]
        if value is None:
            text = None
        elif isinstance(value, (list, tuple)):
            text = ",".join(repr(v) if isinstance(v, float) else str(v) for v in value)
        elif isinstance(value, float):
            text = repr(value)
        else:
            text = str(value)
        if text is None or text == "":
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != text:
            st.query_params[key] = text


def reset(prefix, *, keep=()):
    """Forget the settings whose keys start with `prefix` (in the session and in the URL), except `keep`.

    Used when the data changes: the next :func:`seed` then starts from the new data's defaults.
    """
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(prefix) and key not in keep:
            del st.session_state[key]
    for key in list(st.query_params.keys()):
        if key.startswith(prefix) and key not in keep:
            del st.query_params[key]
