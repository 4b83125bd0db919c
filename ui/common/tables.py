"""Number formatting for tables shown on pages (raw numbers go to the CSV downloads)."""

import math

import numpy as np
import pandas as pd

__all__ = ["fmt", "display_frame"]


def fmt(value, digits=6):
    """Format a number for display; NaN (an unavailable uncertainty) reads 'n/a'."""
    if value is None:
        return "n/a"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else ""
    if isinstance(value, int):
        return f"{value:,}"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(v):
        return "n/a"
    return f"{v:.{digits}g}"


def display_frame(rows, digits=6):
    """A DataFrame of strings from a list of dict rows, numbers formatted by :func:`fmt`."""
    return pd.DataFrame([{k: (v if isinstance(v, str) else fmt(v, digits)) for k, v in row.items()} for row in rows])
