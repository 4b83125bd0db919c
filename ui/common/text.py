"""User text on the page: one escaping helper for markdown, one for figures.

Anything a visitor chose (URL values, file and column names, cell values, group labels, formulas) and anything
core wrote that may quote it (messages, notes, warnings) goes through :func:`esc` before it reaches
``st.markdown``, ``st.caption``, ``st.error`` and the other markdown-rendering calls; figures go through
:func:`plot`, which neutralises the HTML subset plotly renders in titles, axis titles and legend names
(``<a href>`` is a live link there).
"""

import re


__all__ = ["esc", "plot", "safe_figure"]

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


def _plain(value):
    return value.replace("<", "‹").replace(">", "›") if isinstance(value, str) else value


def safe_figure(fig):
    """Make the text plotly renders as HTML inert (in place; idempotent): trace names, titles, axis titles,
    annotations. Our own figures use no HTML there, so nothing intended is lost."""
    for trace in fig.data:
        if getattr(trace, "name", None):
            trace.name = _plain(trace.name)
    layout = fig.layout
    if layout.title and layout.title.text:
        layout.title.text = _plain(layout.title.text)
    for name in dir(layout):
        if name.startswith(("xaxis", "yaxis")):
            axis = getattr(layout, name, None)
            title = getattr(axis, "title", None)
            if title is not None and title.text:
                title.text = _plain(title.text)
    for annotation in layout.annotations or ():
        if annotation.text:
            annotation.text = _plain(annotation.text)
    return fig


def plot(container, fig, *, key, **kwargs):
    """``container.plotly_chart`` of :func:`safe_figure` (fig), full width unless said otherwise."""
    kwargs.setdefault("width", "stretch")
    return container.plotly_chart(safe_figure(fig), key=key, **kwargs)
