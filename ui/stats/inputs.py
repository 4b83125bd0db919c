"""Choosing the design of a test: which columns form the samples, groups, pairs or the table of counts."""

from dataclasses import dataclass, field

import streamlit as st

from core.common import numeric_columns, sha256
from core.common import DataError
from core.common import crosstab, groups_from_long, independent_columns, paired_columns, parse_counts
from ui.common.state import seed

__all__ = ["Design", "choose_design", "SHAPES"]

SHAPES = {
    "two": "Two independent samples",
    "paired": "Paired samples",
    "one": "One sample against a value",
    "groups": "Two or more groups",
    "table": "Contingency table (counts)",
    "xy": "Correlation of two columns",
}
LONG, WIDE = "value + group column", "one column per sample"


@dataclass(frozen=True)
class Design:
    shape: str
    samples: list = field(default_factory=list)
    labels: list = field(default_factory=list)
    table: object = None
    row_labels: list = field(default_factory=list)
    col_labels: list = field(default_factory=list)
    key: tuple = ()
    notes: list = field(default_factory=list)
    value_label: str = "value"
    popmean: float = 0.0


def _pick(prefix, name, label, options, default, container=st):
    seed(f"{prefix}_{name}", default if default in options else options[0], options=options)
    return container.selectbox(label, options, key=f"{prefix}_{name}")


def choose_design(prefix, dataset):
    """Widgets for the shape of the data; returns a :class:`Design` (raises DataError on unusable choices)."""
    frame = dataset.frame
    d = dataset.defaults
    shapes = list(SHAPES)
    seed(f"{prefix}_shape", d.get("shape", "two"), options=shapes)
    shape = st.selectbox("Design", shapes, key=f"{prefix}_shape", format_func=SHAPES.get)
    numeric = numeric_columns(frame)
    columns = list(map(str, frame.columns))
    default_cols = [c for c in d.get("columns", []) if c in numeric] + [c for c in numeric if c not in d.get("columns", [])]
    c1, c2, c3 = st.columns(3)

    if shape == "table":
        sources = ["two categorical columns", "typed counts"]
        seed(f"{prefix}_table_src", sources[0], options=sources)
        src = c1.radio("Table from", sources, key=f"{prefix}_table_src")
        if src == "typed counts":
            seed(f"{prefix}_counts", "3 1\n1 3")
            text = st.text_area("Counts, one row per line", key=f"{prefix}_counts", height=110, max_chars=20_000,
                                help="Separate the counts by spaces, tabs, commas or semicolons.")
            table = parse_counts(text)
            rows = [f"row {i + 1}" for i in range(table.shape[0])]
            cols = [f"column {j + 1}" for j in range(table.shape[1])]
            return Design("table", table=table, row_labels=rows, col_labels=cols, key=("counts", sha256(text.encode())))
        r = _pick(prefix, "rows", "Rows", columns, d.get("rows", columns[0]), c2)
        c = _pick(prefix, "cols", "Columns", columns, d.get("cols", columns[-1]), c3)
        table, rows, cols, notes = crosstab(frame, r, c)
        return Design("table", table=table, row_labels=rows, col_labels=cols, key=("crosstab", r, c), notes=notes)

    if not numeric:
        raise DataError("This design needs numeric columns; the table has none. Check the reading options.")
    if shape in ("two", "groups"):
        text_columns = [c for c in columns if c not in numeric]
        long_default = d.get("layout") == "long" or (not d.get("layout") and bool(text_columns))
        seed(f"{prefix}_layout", LONG if long_default else WIDE, options=[LONG, WIDE])
        layout = c1.radio("Layout", [LONG, WIDE], key=f"{prefix}_layout")
        if layout == LONG:
            value = _pick(prefix, "value", "Value column", numeric, d.get("value", numeric[0]), c2)
            others = [c for c in columns if c != value] or columns
            default_group = d.get("group", next((c for c in others if c not in numeric), others[0]))
            group = _pick(prefix, "group", "Group column", others, default_group, c3)
            labels, samples, notes = groups_from_long(frame, value, group)
            if shape == "two" and len(samples) != 2:
                raise DataError(f"{group!r} has {len(samples)} groups ({', '.join(labels[:6])}); choose the design "
                                "'Two or more groups' or a column with exactly two.")
            return Design(shape, samples, labels, key=("long", value, group), notes=notes, value_label=value)
        seed(f"{prefix}_cols", default_cols[:2], options=numeric)
        chosen = c2.multiselect("Sample columns", numeric, key=f"{prefix}_cols", max_selections=2 if shape == "two" else 20)
        if len(chosen) < 2:
            raise DataError("Choose two or more sample columns.")
        samples, notes = independent_columns(frame, chosen)
        return Design(shape, samples, chosen, key=("wide", *chosen), notes=notes)

    if shape == "one":
        col = _pick(prefix, "col", "Sample column", numeric, default_cols[0], c1)
        seed(f"{prefix}_popmean", float(d.get("popmean", 0.0)), lo=-1e300, hi=1e300)
        popmean = c2.number_input("Hypothesised value (popmean)", key=f"{prefix}_popmean", format="%.6g")
        samples, notes = independent_columns(frame, [col])
        return Design("one", samples, [col], key=("one", col), notes=notes, value_label=col, popmean=float(popmean))

    if len(numeric) < 2:
        raise DataError(f"This design needs two numeric columns; found {len(numeric)}.")
    first = _pick(prefix, "c1", "First column" if shape == "paired" else "x", numeric, default_cols[0], c1)
    rest = [c for c in numeric if c != first]
    second = _pick(prefix, "c2", "Second column" if shape == "paired" else "y", rest,
                   next((c for c in default_cols if c != first), rest[0]), c2)
    samples, notes = paired_columns(frame, [first, second])
    return Design(shape, samples, [first, second], key=(shape, first, second), notes=notes)
