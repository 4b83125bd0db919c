"""User text on the page: one escaping helper for markdown, one for figures.

Anything a visitor chose (URL values, file and column names, cell values, group labels, formulas) and anything
core wrote that may quote it (messages, notes, warnings) goes through :func:`esc` before it reaches
``st.markdown``, ``st.caption``, ``st.error`` and the other markdown-rendering calls; figures go through
:func:`plot`, which neutralises the HTML subset plotly renders in titles, axis titles and legend names
(``<a href>`` is a live link there).
"""

import math
import re

import numpy as np
import streamlit as st

from ui.common.cache import content_key

__all__ = ["esc", "figure", "plot", "safe_figure", "new_click"]

# Every ASCII punctuation character can be backslash-escaped in CommonMark; escaping all of them also defuses
# Streamlit's own extensions (:red[...] colours, :material/icon: names, $math$).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_AUTOLINK = re.compile(r"://|(?i:www)(?=\.)|@")


def esc(text):
    """`text` as literal markdown: no link, image, emphasis, code span, heading, HTML or directive survives.

    Examples
    --------
    >>> print(esc("[login](evil) **x**"))
    \\[login\\]\\(evil\\) \\*\\*x\\*\\*
    """
    text = str(text).replace("\r", " ").replace("\n", " ")
    # Streamlit's frontend turns URL-looking text into links even when escaped ("http\:\/\/..."): a word joiner
    # (U+2060, invisible) after "://", "www" and "@" breaks the pattern without changing what is seen.
    text = _AUTOLINK.sub(lambda m: m.group(0) + "\u2060", text)
    return _PUNCTUATION.sub(r"\\\1", text)


def _inert(value):
    return value.replace("<", "‹").replace(">", "›") if isinstance(value, str) else value


def safe_figure(fig):
    """Make the text plotly renders as HTML inert (in place; idempotent): trace names, titles, axis titles and tick
    labels, category names (text values on an axis, such as group labels), annotations. Our own figures use no
    HTML there, so nothing intended is lost."""
    for trace in fig.data:
        if getattr(trace, "name", None):
            trace.name = _inert(trace.name)
        for coordinate in ("x", "y"):
            values = getattr(trace, coordinate, None)
            if isinstance(values, (tuple, list)) and any(isinstance(v, str) for v in values):
                setattr(trace, coordinate, [_inert(v) for v in values])
    layout = fig.layout
    if layout.title and layout.title.text:
        layout.title.text = _inert(layout.title.text)
    for name in dir(layout):
        if name.startswith(("xaxis", "yaxis")):
            axis = getattr(layout, name, None)
            title = getattr(axis, "title", None)
            if title is not None and title.text:
                title.text = _inert(title.text)
            if getattr(axis, "ticktext", None):
                axis.ticktext = [_inert(v) for v in axis.ticktext]
    for annotation in layout.annotations or ():
        if annotation.text:
            annotation.text = _inert(annotation.text)
    return fig


_PLAIN = (str, int, float, bool, type(None), np.generic)


def _setting(value):
    """Whether `value` is a setting (a scalar, or a tuple/list/dict of them) rather than data."""
    if isinstance(value, (tuple, list)):
        return all(map(_setting, value))
    if isinstance(value, dict):
        return all(isinstance(k, str) and _setting(v) for k, v in value.items())
    return isinstance(value, _PLAIN)


# The spinner is a transient element shown only after 0.5 s (the spectrogram of ten minutes of audio takes ~1 s).
@st.cache_resource(max_entries=96, show_spinner="Drawing the figure ...")
def _figure_cached(key, _build, _args, _kwargs):
    built = _build(*_args, **_kwargs)
    fig = built[0] if isinstance(built, tuple) else built
    if fig is not None:
        safe_figure(fig)
        fig._explorer_safe = True  # plot() need not touch it again: it is shared by every session, never mutated
    return built


def figure(identity, build, *args, **kwargs):
    """``build(*args, **kwargs)`` (a core figure function), built once and shared by every session.

    Plotly builds a figure slowly (tens of ms: every property is validated), and a rerun that changed nothing in a
    figure should not pay for it again. `identity` names the data the figure is drawn from (a content digest, or a
    :func:`content_key` over the digest and the settings of the computation); every argument that is a setting (a
    number, string, None, or a tuple/list/dict of them) is added to the key here, so none can be forgotten. The
    figure returned is shared read-only (``st.cache_resource``): pass it to :func:`plot` and never change it.
    """
    settings = {name: value for name, value in kwargs.items() if _setting(value)}
    settings.update({f"_data_{name}": True for name, value in kwargs.items() if not _setting(value)})
    positional = [value if _setting(value) else "<data>" for value in args]
    key = content_key(identity, f"{build.__module__}.{build.__qualname__}", positional, **settings)
    return _figure_cached(key, build, args, kwargs)


def plot(container, fig, *, key, **kwargs):
    """``container.plotly_chart`` of :func:`safe_figure` (fig), full width unless said otherwise, with the axis
    labels and units the user gave the data's columns (:mod:`ui.common.axes`)."""
    from ui.common.axes import relabel

    kwargs.setdefault("width", "stretch")
    relabelled = relabel(fig)
    if relabelled is not fig or not getattr(fig, "_explorer_safe", False):
        fig = safe_figure(relabelled)
    return container.plotly_chart(fig, key=key, **kwargs)


def new_click(key):
    """(x, y) of the point clicked on the chart `key` (``plot(..., on_select="rerun", selection_mode="points")``)
    when the click is new, else None: the selection stays in the chart's state on later reruns, and a click must
    act once (a start point copied into inputs that the user may then edit). Read it before drawing the inputs
    it fills."""
    state = st.session_state.get(key)
    points = (state or {}).get("selection", {}).get("points", []) if isinstance(state, dict) else []
    if not points:
        return None
    try:
        x, y = float(points[0]["x"]), float(points[0]["y"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(x) and math.isfinite(y)) or st.session_state.get(f"_{key}_used") == (x, y):
        return None
    st.session_state[f"_{key}_used"] = (x, y)
    return x, y
