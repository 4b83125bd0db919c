"""Turning a table into the inputs of a hypothesis test: samples, groups, paired columns, contingency tables."""

import numpy as np
import pandas as pd

from core.common.data import parse_table, select_columns
from core.common.budget import MAX_COUNTS_CHARS
from core.common.errors import DataError

__all__ = ["independent_columns", "paired_columns", "groups_from_long", "crosstab", "parse_counts",
           "MAX_GROUPS", "MAX_LEVELS"]

MAX_GROUPS = 50
MAX_LEVELS = 100


def independent_columns(frame, columns):
    """Each column as its own sample, each cleaned on its own (columns may differ in length).

    Returns (samples, notes): a list of float arrays and sentences on what was dropped.
    """
    samples, notes = [], []
    for c in columns:
        sel = select_columns(frame, [c])
        samples.append(sel.values[:, 0])
        if sel.n_dropped:
            notes.append(sel.report())
    return samples, notes


def paired_columns(frame, columns):
    """Columns as paired samples: a row is used only if every column has a number in it."""
    sel = select_columns(frame, columns)
    return [sel.values[:, i] for i in range(len(columns))], [sel.report()] if sel.n_dropped else []


def groups_from_long(frame, value, group):
    """Split a value column by the levels of a group column (long format).

    Returns (labels, samples, notes); rows with a missing group or a non-numeric value are dropped and said.
    """
    if group == value:
        raise DataError("The group column must differ from the value column.")
    if group not in frame.columns:
        raise DataError(f"There is no column {group!r}.")
    sel = select_columns(frame, [value])
    groups = frame[group].iloc[sel.kept]
    keep = groups.notna().to_numpy()
    labels = groups[keep].astype(str).str.strip().to_numpy()
    values = sel.values[keep, 0]
    levels = list(dict.fromkeys(labels))
    if len(levels) > MAX_GROUPS:
        raise DataError(f"The group column {group!r} has {len(levels):,} different values; at most {MAX_GROUPS} "
                        "groups are supported. Is it really a grouping column?")
    if len(levels) < 2:
        raise DataError(f"The group column {group!r} has only {len(levels)} level(s); a comparison needs two or more.")
    notes = [sel.report()] if sel.n_dropped else []
    if (~keep).any():
        notes.append(f"Dropped {int((~keep).sum())} rows with no group.")
    return levels, [values[labels == lev] for lev in levels], notes


def crosstab(frame, rows, cols):
    """The contingency table of two categorical columns: (counts, row levels, column levels, notes)."""
    if rows == cols:
        raise DataError("Choose two different columns for the table's rows and columns.")
    for c in (rows, cols):
        if c not in frame.columns:
            raise DataError(f"There is no column {c!r}.")
    pair = frame[[rows, cols]].dropna()
    dropped = len(frame) - len(pair)
    r = pair[rows].astype(str).str.strip()
    c = pair[cols].astype(str).str.strip()
    for name, s in ((rows, r), (cols, c)):
        if s.nunique() > MAX_LEVELS:
            raise DataError(f"Column {name!r} has {s.nunique():,} different values; at most {MAX_LEVELS} categories "
                            "are supported. Choose a categorical column.")
    table = pd.crosstab(r, c)
    if table.shape[0] < 2 or table.shape[1] < 2:
        raise DataError(f"The table is {table.shape[0]}x{table.shape[1]}: both columns need at least two categories.")
    notes = [f"Dropped {dropped} rows with a missing category."] if dropped else []
    return table.to_numpy(dtype=float), [str(v) for v in table.index], [str(v) for v in table.columns], notes


def parse_counts(text):
    """A table of counts typed as rows of numbers (spaces, tabs, commas or semicolons between them)."""
    if not text or not text.strip():
        raise DataError("Type the counts: one row per line, e.g. `3 1` and `1 3`.")
    if len(text) > MAX_COUNTS_CHARS:
        raise DataError(f"The counts are {len(text):,} characters long; at most {MAX_COUNTS_CHARS:,} are read.")
    frame = parse_table(text.encode("utf-8"), header=False).frame
    try:
        table = frame.apply(pd.to_numeric, errors="raise").to_numpy(dtype=float)
    except (ValueError, TypeError):
        raise DataError("The counts must all be numbers, one row per line.") from None
    if np.isnan(table).any():
        raise DataError("Every row needs the same number of counts.")
    return table
