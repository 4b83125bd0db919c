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
    unsorted = bool(n) and bool(np.any(np.diff(x) < 0))
    order = np.argsort(x, kind="stable") if unsorted else None
    if n <= max_points:
        return order if unsorted else np.arange(n)
    buckets = max(1, max_points // 2)
    ys = y[order] if unsorted else y
    # Equal buckets of `width` points as rows of a reshaped view: argmin/argmax per row, no copies.
    width = -(-n // buckets)
    full = n // width
    main = ys[:full * width].reshape(full, width)
    starts = np.arange(full) * width
    picks = [starts + np.argmin(main, axis=1), starts + np.argmax(main, axis=1)]
    if full * width < n:
        tail = ys[full * width:]
        picks.append(np.array([full * width + np.argmin(tail), full * width + np.argmax(tail)]))
    picks = np.unique(np.concatenate(picks))
    return order[picks] if unsorted else picks


def decimate(x, y, max_points=MAX_TRACE_POINTS):
    """(x, y, note): the thinned arrays and a caption ('' when nothing was dropped)."""
    idx = minmax_indices(x, y, max_points)
    x = np.asarray(x)
    y = np.asarray(y)
    note = "" if idx.size == y.size else (
        f"Showing {idx.size:,} of {y.size:,} points (the lowest and highest in each of {max_points // 2:,} "
        "slices of x); all points are used in the computation.")
    return x[idx], y[idx], note
