"""Cached wrappers around core.interpolation: keyed on content digests, every cache with ``max_entries``
(see ui.common.cache for the rules)."""

import numpy as np
import streamlit as st

from core.interpolation import build_1d, cross_validate_1d, cross_validate_2d, interpolate_2d

__all__ = ["interp1d_cached", "cv1d_cached", "grid2d_cached", "cv2d_cached"]


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
