"""Choosing the design of a test: which columns form the samples, groups, pairs or the table of counts."""

from dataclasses import dataclass, field

import streamlit as st

from core.common import (KENDALL_EXACT_N, MAX_COUNTS_CHARS, DataError, crosstab, groups_from_long, independent_columns,
                         numeric_columns, paired_columns, parse_counts, sha256)
from core.stats import resample_count
from ui.common.url import bound

__all__ = ["Design", "choose_design", "test_options", "SHAPES"]

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
    return bound(container.selectbox, label, options, index=options.index(default) if default in options else 0,
                 key=f"{prefix}_{name}")


def choose_design(prefix, dataset):
    """Widgets for the shape of the data; returns a :class:`Design` (raises DataError on unusable choices)."""
    frame = dataset.frame
    d = dataset.defaults
    shapes = list(SHAPES)
    default_shape = d.get("shape", "two")
    shape = bound(st.selectbox, "Design", shapes, index=shapes.index(default_shape) if default_shape in shapes else 0,
                  key=f"{prefix}_shape", format_func=SHAPES.get)
    numeric = numeric_columns(frame)
    columns = list(map(str, frame.columns))
    default_cols = [c for c in d.get("columns", []) if c in numeric] + [c for c in numeric if c not in d.get("columns", [])]
    c1, c2, c3 = st.columns(3)

    if shape == "table":
        sources = ["two categorical columns", "typed counts"]
        src = bound(c1.radio, "Table from", sources, key=f"{prefix}_table_src")
        if src == "typed counts":
            text = bound(st.text_area, "Counts, one row per line", "3 1\n1 3", key=f"{prefix}_counts", height=110,
                         max_chars=MAX_COUNTS_CHARS,
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
        layout = bound(c1.radio, "Layout", [LONG, WIDE], index=0 if long_default else 1, key=f"{prefix}_layout")
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
        chosen = bound(c2.multiselect, "Sample columns", numeric, default=default_cols[:2],
                       key=f"{prefix}_cols", max_selections=2 if shape == "two" else 20)
        if len(chosen) < 2:
            raise DataError("Choose two or more sample columns.")
        samples, notes = independent_columns(frame, chosen)
        return Design(shape, samples, chosen, key=("wide", *chosen), notes=notes)

    if shape == "one":
        col = _pick(prefix, "col", "Sample column", numeric, default_cols[0], c1)
        popmean = bound(c2.number_input, "Hypothesised value (popmean)", -1e300, 1e300, float(d.get("popmean", 0.0)),
                        key=f"{prefix}_popmean", format="%.6g")
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


def test_options(prefix, test, design):
    """The chosen test's own scipy keywords as widgets: (options, samples, shifted), where `samples` may be the
    differences from the hypothesised value (one-sample Wilcoxon) and `shifted` says so."""
    P = prefix
    options = {}
    samples, shifted = list(design.samples), False
    if test == "ttest_ind":
        options["equal_var"] = bound(st.checkbox, "Assume equal variances (Student); off = Welch",
                                     key=f"{P}_equal_var")
    elif test == "f_oneway":
        options["equal_var"] = bound(st.checkbox, "Assume equal variances (classic ANOVA); off = Welch's ANOVA",
                                     key=f"{P}_anova_equal_var",
                                     help="Welch's ANOVA (jamovi's default) does not assume the groups have equal "
                                          "variances and loses little when they do.")
    elif test == "kendalltau":
        options["method"] = bound(st.segmented_control, "p-value", ["auto", "exact", "asymptotic"], default="auto",
                                  key=f"{P}_kendall_method",
                                  help="exact: the null distribution of tau (no ties, up to "
                                       f"{KENDALL_EXACT_N} pairs); asymptotic: the normal approximation; auto: "
                                       "exact for small samples without ties.") or "auto"
    elif test == "mannwhitneyu":
        options["use_continuity"] = bound(st.checkbox, "Continuity correction (normal approximation; R's "
                                          "correct=TRUE)", value=True, key=f"{P}_continuity")
    elif test == "chi2_contingency":
        options["correction"] = bound(st.checkbox, "Yates' continuity correction (2x2 tables)", value=True,
                                      key=f"{P}_yates")
    elif test == "ttest_1samp":
        options["popmean"] = design.popmean
    elif test == "wilcoxon" and design.shape == "one":
        samples, shifted = [samples[0] - design.popmean], True
        st.caption(f"Wilcoxon on the differences from {design.popmean:g}.")
    elif test in ("permutation_test", "bootstrap"):
        cap = resample_count(sum(s.size for s in samples))
        options["n_resamples"] = int(bound(st.number_input, "Resamples", 99, cap, min(9999, cap), step=100,
                                           key=f"{P}_resamples",
                                           help=f"Capped at {cap:,} for this data size to stay fast."))
        options["rng"] = 0
    return options, samples, shifted
