"""Gridded 2-D data: a table whose (x, y) pairs form a full rectilinear grid (a lookup table, a measurement on
a raster), interpolated with ``scipy.interpolate.RegularGridInterpolator``.

A grid carries more structure than scattered points: along each axis the values can be interpolated by 1-D
rules (linear, cubic spline, PCHIP) applied one dimension after the other, with no triangulation.
"""

from dataclasses import dataclass

import numpy as np
from scipy import interpolate

from core.interpolation.methods import InterpolationError

__all__ = ["METHODS_GRID", "MAX_GRID_CELLS", "Grid", "grid_from_long", "interpolate_grid", "grid_points",
           "half_grid_error"]

#: RegularGridInterpolator's methods and the fewest grid points per axis each needs.
METHODS_GRID = {"nearest": 1, "linear": 2, "slinear": 2, "cubic": 4, "pchip": 4, "quintic": 6}
MAX_GRID_CELLS = 4_000_000
_MAX_EVAL = 4_000_000


@dataclass(frozen=True)
class Grid:
    """Values ``z[i, j]`` at ``(x[j], y[i])``: rows follow y, columns follow x (as an image or a heatmap)."""

    x: np.ndarray
    y: np.ndarray
    z: np.ndarray

    @property
    def shape(self):
        return self.z.shape


def grid_from_long(x, y, z):
    """The grid a long table (one row per (x, y) pair) describes, or an InterpolationError saying why it is not
    one: every pair of the distinct x and y values must appear exactly once."""
    x, y, z = (np.asarray(a, dtype=float).ravel() for a in (x, y, z))
    if not x.size == y.size == z.size:
        raise InterpolationError("x, y and z must have the same length.")
    if not (np.isfinite(x).all() and np.isfinite(y).all() and np.isfinite(z).all()):
        raise InterpolationError("Grid coordinates and values must be finite.")
    xs, xi = np.unique(x, return_inverse=True)
    ys, yi = np.unique(y, return_inverse=True)
    cells = xs.size * ys.size
    if cells > MAX_GRID_CELLS:
        raise InterpolationError(f"A grid of {xs.size:,} x {ys.size:,} values is over the {MAX_GRID_CELLS:,} cells "
                                 "supported.")
    if xs.size < 2 or ys.size < 2:
        raise InterpolationError(f"A grid needs at least two distinct x and two distinct y values; found "
                                 f"{xs.size} and {ys.size}.")
    counts = np.zeros((ys.size, xs.size), int)
    np.add.at(counts, (yi, xi), 1)
    if (counts > 1).any():
        i, j = np.argwhere(counts > 1)[0]
        raise InterpolationError(f"The pair (x = {xs[j]:g}, y = {ys[i]:g}) appears {counts[i, j]} times: a grid "
                                 "has one value per cell. Use 2-D scattered interpolation, or average the repeats.")
    if (counts == 0).any():
        missing = int((counts == 0).sum())
        i, j = np.argwhere(counts == 0)[0]
        raise InterpolationError(f"These rows are not a full grid: {missing:,} of the {cells:,} (x, y) cells are "
                                 f"missing (the first: x = {xs[j]:g}, y = {ys[i]:g}). Use 2-D scattered "
                                 "interpolation for points that are not on a grid.")
    values = np.empty((ys.size, xs.size))
    values[yi, xi] = z
    return Grid(xs, ys, values)


def interpolate_grid(grid, xi, *, method="linear"):
    """``RegularGridInterpolator((grid.x, grid.y), grid.z.T, method=method, bounds_error=False,
    fill_value=nan)(xi)``: values at the (n, 2) points `xi` as (x, y); NaN outside the grid."""
    if method not in METHODS_GRID:
        raise InterpolationError(f"Unknown grid method {method!r}; choose one of {', '.join(METHODS_GRID)}.")
    need = METHODS_GRID[method]
    if min(grid.x.size, grid.y.size) < need:
        raise InterpolationError(f"The {method} method needs at least {need} grid values along each axis; this grid "
                                 f"has {grid.x.size} x {grid.y.size}.")
    xi = np.asarray(xi, dtype=float)
    if xi.ndim != 2 or xi.shape[1] != 2:
        raise InterpolationError("Evaluation points must have two columns (x, y).")
    if xi.shape[0] > _MAX_EVAL:
        raise InterpolationError(f"At most {_MAX_EVAL:,} evaluation points are supported.")
    f = interpolate.RegularGridInterpolator((grid.x, grid.y), grid.z.T, method=method, bounds_error=False,
                                            fill_value=np.nan)
    return f(xi)


def grid_points(grid, size):
    """A `size` x `size` display raster spanning the grid: (gx, gy, points as (size², 2) in x, y order)."""
    gx = np.linspace(grid.x[0], grid.x[-1], size)
    gy = np.linspace(grid.y[0], grid.y[-1], size)
    X, Y = np.meshgrid(gx, gy)
    return gx, gy, np.column_stack([X.ravel(), Y.ravel()])


def half_grid_error(grid, method):
    """An honest error for a grid method: interpolate from every second x and y value (the grid at half the
    resolution) and compare with the values left out. Returns the RMSE over the left-out values inside the
    half grid, or NaN when the half grid is too small for the method."""
    half = Grid(grid.x[::2], grid.y[::2], grid.z[::2, ::2])
    if min(half.x.size, half.y.size) < METHODS_GRID.get(method, 2):
        return np.nan
    X, Y = np.meshgrid(grid.x, grid.y)
    left_out = np.ones(grid.shape, bool)
    left_out[::2, ::2] = False
    points = np.column_stack([X[left_out], Y[left_out]])
    error = interpolate_grid(half, points, method=method) - grid.z[left_out]
    error = error[np.isfinite(error)]
    return float(np.sqrt(np.mean(error ** 2))) if error.size else np.nan
