"""Gridded 2-D interpolation: a long table read as a grid, RegularGridInterpolator's values, the half-grid check."""

import numpy as np
import pytest
from scipy import interpolate

from core.interpolation import (METHODS_GRID, InterpolationError, grid_from_long, half_grid_error, interpolate_grid,
                                script_grid)

XS = np.array([0.0, 0.5, 1.5, 2.0, 3.0, 4.5, 5.0, 6.0])          # rectilinear: unequal steps
YS = np.linspace(-1.0, 2.0, 7)
X, Y = np.meshgrid(XS, YS)
Z = np.sin(X) * np.cos(Y) + 0.1 * X


def shuffled_grid():
    order = np.random.default_rng(3).permutation(X.size)
    return grid_from_long(X.ravel()[order], Y.ravel()[order], Z.ravel()[order])


def test_a_shuffled_long_table_is_read_back_as_its_grid():
    g = shuffled_grid()
    assert np.array_equal(g.x, XS) and np.array_equal(g.y, YS) and np.array_equal(g.z, Z)


@pytest.mark.parametrize("method", list(METHODS_GRID))
def test_values_equal_regular_grid_interpolator(method):
    g = shuffled_grid()
    if min(g.shape) < METHODS_GRID[method]:
        with pytest.raises(InterpolationError, match=f"at least {METHODS_GRID[method]}"):
            interpolate_grid(g, [[1.0, 0.0]], method=method)
        return
    rng = np.random.default_rng(1)
    pts = np.column_stack([rng.uniform(-0.5, 6.5, 200), rng.uniform(-1.5, 2.5, 200)])
    ref = interpolate.RegularGridInterpolator((XS, YS), Z.T, method=method, bounds_error=False,
                                              fill_value=np.nan)(pts)
    got = interpolate_grid(g, pts, method=method)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(ref))
    np.testing.assert_allclose(got, ref, rtol=1e-12, atol=1e-12)
    outside = (pts[:, 0] < 0) | (pts[:, 0] > 6) | (pts[:, 1] < -1) | (pts[:, 1] > 2)
    assert np.isnan(got[outside]).all() and np.isfinite(got[~outside]).all()


def test_linear_is_bilinear_and_pchip_is_pchip_along_each_axis():
    g = shuffled_grid()
    x0, y0 = 2.4, 0.35
    i, j = np.searchsorted(XS, x0) - 1, np.searchsorted(YS, y0) - 1
    tx, ty = (x0 - XS[i]) / (XS[i + 1] - XS[i]), (y0 - YS[j]) / (YS[j + 1] - YS[j])
    bilinear = ((1 - tx) * (1 - ty) * Z[j, i] + tx * (1 - ty) * Z[j, i + 1] + (1 - tx) * ty * Z[j + 1, i]
                + tx * ty * Z[j + 1, i + 1])
    assert interpolate_grid(g, [[x0, y0]], method="linear")[0] == pytest.approx(bilinear, rel=1e-12)
    along_y = [interpolate.PchipInterpolator(YS, Z[:, k])(y0) for k in range(XS.size)]  # y first, then x
    by_hand = interpolate.PchipInterpolator(XS, along_y)(x0)
    assert interpolate_grid(g, [[x0, y0]], method="pchip")[0] == pytest.approx(float(by_hand), rel=1e-10)


def test_half_grid_error_is_zero_for_a_plane_and_positive_for_a_curved_surface():
    plane = grid_from_long(X.ravel(), Y.ravel(), (2 * X - 3 * Y + 1).ravel())
    assert half_grid_error(plane, "linear") == pytest.approx(0, abs=1e-12)
    curved = shuffled_grid()
    assert half_grid_error(curved, "linear") > 0.01
    assert np.isnan(half_grid_error(curved, "quintic"))                  # 4 x 4 half grid: too small for quintic


@pytest.mark.parametrize("drop, message", [(5, "missing"), (None, "appears 2 times")])
def test_a_table_that_is_not_a_grid_says_so(drop, message):
    x, y, z = X.ravel(), Y.ravel(), Z.ravel()
    if drop is None:
        x, y, z = np.r_[x, x[:1]], np.r_[y, y[:1]], np.r_[z, z[:1]]
    else:
        x, y, z = np.delete(x, drop), np.delete(y, drop), np.delete(z, drop)
    with pytest.raises(InterpolationError, match=message):
        grid_from_long(x, y, z)
    with pytest.raises(InterpolationError, match="two distinct"):
        grid_from_long([1.0, 1.0], [1.0, 2.0], [3.0, 4.0])


def test_script_reproduces(run_script):
    g = shuffled_grid()
    probes = [(1.1, 0.2), (4.9, 1.7), (0.1, -0.9)]
    printed = run_script(script_grid(g, "pchip", probes))
    expected = interpolate_grid(g, probes, method="pchip")
    assert [printed[f"value_{i}"] for i in range(3)] == pytest.approx(list(expected), rel=1e-12)
