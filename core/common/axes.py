"""Axis labels and units a user gives to columns ("dose" shown as "Dose (mg/L)"): their compact text in a link,
read back with bounds, and applied to a figure's axis titles.

Figures are drawn with the raw column names as axis titles; a label map replaces a title that is exactly a
column's name. The text is a stranger's (it comes from a link): lengths are bounded here and figures make it
inert (``ui.common.text.safe_figure``).
"""

import json

__all__ = ["MAX_LABEL_CHARS", "MAX_UNIT_CHARS", "axis_title", "labels_to_text", "labels_from_text",
           "relabel_layout"]

MAX_LABEL_CHARS = 60
MAX_UNIT_CHARS = 20
MAX_LABELED_COLUMNS = 40
_MAX_TEXT = 8_000


def axis_title(column, label="", unit=""):
    """The title an axis of `column` gets: ``"Label (unit)"``, the column's name when no label is given.

    >>> axis_title("dose", "Dose", "mg/L"), axis_title("dose", "", "mg/L"), axis_title("dose")
    ('Dose (mg/L)', 'dose (mg/L)', 'dose')
    """
    label = (label or "").strip()[:MAX_LABEL_CHARS] or str(column)
    unit = (unit or "").strip()[:MAX_UNIT_CHARS]
    return f"{label} ({unit})" if unit else label


def labels_to_text(labels):
    """The compact text of ``{column: (label, unit)}`` kept in the URL; "" for no labels."""
    kept = {str(c): [str(l or "")[:MAX_LABEL_CHARS], str(u or "")[:MAX_UNIT_CHARS]]
            for c, (l, u) in labels.items() if (l or "").strip() or (u or "").strip()}
    return json.dumps(kept, ensure_ascii=False, separators=(",", ":"), sort_keys=True) if kept else ""


def labels_from_text(text, columns):
    """``{column: (label, unit)}`` from URL text, for the `columns` that exist; anything else is dropped.

    Returns ``(labels, dropped)``: `dropped` is True when part of the text could not be used.
    """
    if not text:
        return {}, False
    try:
        raw = json.loads(text) if len(text) <= _MAX_TEXT else None
    except ValueError:
        raw = None
    if not isinstance(raw, dict):
        return {}, True
    names = {str(c) for c in columns}
    labels, dropped = {}, False
    for column, value in list(raw.items())[:MAX_LABELED_COLUMNS]:
        if (column in names and isinstance(value, list) and len(value) == 2
                and all(isinstance(v, str) for v in value)):
            labels[column] = (value[0][:MAX_LABEL_CHARS], value[1][:MAX_UNIT_CHARS])
        else:
            dropped = True
    return labels, dropped or len(raw) > MAX_LABELED_COLUMNS


def relabel_layout(layout, labels):
    """`layout` (a figure's layout as a dict) with axis titles that are exactly a labelled column's name replaced;
    the same object when nothing changes, a new dict (the input untouched) otherwise."""
    if not labels:
        return layout
    titles = {column: axis_title(column, *lu) for column, lu in labels.items()}
    changed = dict(layout)
    hit = False
    for name, axis in layout.items():
        if not (name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict)):
            continue
        title = axis.get("title")
        text = title.get("text") if isinstance(title, dict) else title if isinstance(title, str) else None
        if text in titles:
            changed[name] = {**axis, "title": {**(title if isinstance(title, dict) else {}), "text": titles[text]}}
            hit = True
    return changed if hit else layout
