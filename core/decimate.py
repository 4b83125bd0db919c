"""Thin what goes to the browser; compute on everything.

A figure never carries more than a few thousand points per trace: :func:`minmax_indices` keeps, in each of
``max_points // 2`` buckets along x, the points with the smallest and the largest y, so peaks, dips and
outliers stay visible. It is O(n) and vectorised.
"""

import numpy as np

__all__ = ["minmax_indices", "decimate", "MAX_TRACE_POINTS", "MAX_HEATMAP_CELLS"]

MAX_TRACE_POINTS = 4000
MAX_HEATMAP_CELLS = 250_000


def minmax_indices(x, y, max_points=MAX_TRACE_POINTS):
    """Indices (sorted by x) of at most `max_points` points that keep each bucket's extremes.

    Examples
    --------
    >>> import numpy as np
    >>> y = np.zeros(10_000); y[1234] = 5.0
    >>> idx = minmax_indices(np.arange(10_000), y, 100)
    >>> len(idx) <= 100 and 1234 in idx
    True
    """
    x = np.asarray(x)
    y = np.asarray(y)
    n = y.size
    order = np.argsort(x, kind="stable") if n and np.any(np.diff(x) < 0) else np.arange(n)
    if n <= max_points:
        return order
    buckets = max(1, max_points // 2)
    edges = np.linspace(0, n, buckets + 1).astype(np.int64)
    ys = y[order]
    starts = edges[:-1]
    # reduceat gives the min/max per bucket; locate them with argmin/argmax on a padded view.
    width = int(np.max(np.diff(edges)))
    pad = np.full((buckets, width), np.nan)
    col = np.arange(n) - np.repeat(starts, np.diff(edges))
    row = np.repeat(np.arange(buckets), np.diff(edges))
    pad[row, col] = ys
    with np.errstate(invalid="ignore"):
        lo = np.nanargmin(np.where(np.isnan(pad), np.inf, pad), axis=1)
        hi = np.nanargmax(np.where(np.isnan(pad), -np.inf, pad), axis=1)
    picks = np.unique(np.concatenate([starts + lo, starts + hi]))
    return order[picks]


def decimate(x, y, max_points=MAX_TRACE_POINTS):
    """(x, y, note): the thinned arrays and a caption ('' when nothing was dropped)."""
    idx = minmax_indices(x, y, max_points)
    x = np.asarray(x)
    y = np.asarray(y)
    note = "" if idx.size == y.size else (
        f"Showing {idx.size:,} of {y.size:,} points (the lowest and highest in each of {max_points // 2:,} "
        "slices of x); all points are used in the computation.")
    return x[idx], y[idx], note
