import numpy as np
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from core.common import decimate, minmax_indices


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 5000), elements=st.floats(-1e6, 1e6)), st.integers(4, 400))
def test_keeps_extremes_and_bounds_size(y, max_points):
    x = np.arange(y.size, dtype=float)
    idx = minmax_indices(x, y, max_points)
    assert idx.size <= max(max_points, 0) or idx.size == y.size <= max_points
    assert idx.size <= max_points
    assert y[idx].max() == y.max() and y[idx].min() == y.min()
    assert np.all(np.diff(x[idx]) >= 0)  # sorted by x, ready for a line trace


def test_small_input_untouched_and_unsorted_x_sorted():
    x = np.array([3.0, 1.0, 2.0])
    dx, dy, note = decimate(x, np.array([30.0, 10.0, 20.0]), 100)
    assert dx.tolist() == [1, 2, 3] and dy.tolist() == [10, 20, 30] and note == ""


def test_million_points_note():
    x = np.linspace(0, 1, 1_000_000)
    dx, dy, note = decimate(x, np.sin(50 * x), 4000)
    assert dx.size <= 4000 and "of 1,000,000 points" in note
