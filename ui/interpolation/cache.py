"""Cached wrappers around core.interpolation: keyed on content digests, every cache with ``max_entries``
(see ui.common.cache for the rules)."""

import numpy as np
import streamlit as st

from core.interpolation import (build_1d, cross_validate_1d, cross_validate_2d, grid_from_long, grid_points,
                                half_grid_error, interpolate_2d, interpolate_grid)

__all__ = ["interp1d_cached", "cv1d_cached", "grid2d_cached", "cv2d_cached", "grid_cached", "grid_eval_cached",
           "half_grid_cached"]


@st.cache_data(max_entries=64, show_spinner="Interpolating ...")
def interp1d_cached(digest, key, method, extrapolation, duplicates, options, _x, _y):
    return build_1d(_x, _y, method=method, extrapolation=extrapolation, duplicates=duplicates, **dict(options))


@st.cache_data(max_entries=32, show_spinner="Cross-validating ...")
def cv1d_cached(digest, key, methods, options, _x, _y):
    return cross_validate_1d(_x, _y, list(methods), **{m: dict(o) for m, o in options})


@st.cache_data(max_entries=32, show_spinner="Interpolating the surface ...")
def grid2d_cached(digest, key, method, options, gridsize, _points, _values):
    p = _points
    gx = np.linspace(p[:, 0].min(), p[:, 0].max(), gridsize)
    gy = np.linspace(p[:, 1].min(), p[:, 1].max(), gridsize)
    X, Y = np.meshgrid(gx, gy)
    z = interpolate_2d(p, _values, np.column_stack([X.ravel(), Y.ravel()]), method=method, **dict(options))
    return gx, gy, z.reshape(gridsize, gridsize)


@st.cache_data(max_entries=32, show_spinner="Cross-validating ...")
def cv2d_cached(digest, key, method, options, _points, _values):
    return cross_validate_2d(_points, _values, method, **dict(options))


@st.cache_data(max_entries=16, show_spinner="Reading the grid ...")
def grid_cached(digest, key, _x, _y, _z):
    """:func:`core.interpolation.grid_from_long` of the columns `key` of the data `digest`."""
    return grid_from_long(_x, _y, _z)


@st.cache_data(max_entries=32, show_spinner="Interpolating the grid ...")
def grid_eval_cached(digest, key, method, size, _grid, points=None):
    """The grid (columns `key` of the data `digest`) interpolated on a `size` x `size` display raster,
    as (gx, gy, values), or at the `points` given (a tuple of (x, y) pairs, part of the key)."""
    if points is not None:
        return interpolate_grid(_grid, np.asarray(points, dtype=float), method=method)
    gx, gy, raster = grid_points(_grid, size)
    return gx, gy, interpolate_grid(_grid, raster, method=method)


@st.cache_data(max_entries=32, show_spinner="Checking on the half grid ...")
def half_grid_cached(digest, key, method, _grid):
    return half_grid_error(_grid, method)
