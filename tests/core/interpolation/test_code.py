"""Exported interpolation scripts print the page's values."""


import numpy as np
import pytest
from numpy.testing import assert_allclose

from core.interpolation import probes_1d, script_1d, script_2d
from core.interpolation import curves_figure, surface_figure
from core.interpolation import METHODS_1D, build_1d, interpolate_2d
from tests.conftest import run_exported

rng = np.random.default_rng(1)
X = np.sort(rng.uniform(0, 10, 40))
Y = np.sin(X) + 0.1 * X


def run(script, tmp_path):
    return run_exported(script, tmp_path)


@pytest.mark.parametrize("method", METHODS_1D)
def test_1d_script(method, tmp_path):
    options = {"cubic_spline": {"bc_type": "natural"}, "univariate_spline": {"s": 0.3},
               "smoothing_spline": {"lam": 0.01}}.get(method, {})
    f = build_1d(X, Y, method=method, **options)
    printed = run(script_1d(f, options), tmp_path)
    expected = f(np.array(probes_1d(f)))
    assert_allclose([printed[f"value_{i}"] for i in range(len(expected))], expected, rtol=1e-12)


@pytest.mark.parametrize("method, options", [("linear", {}), ("cubic", {}),
                                             ("rbf", {"kernel": "multiquadric", "epsilon": 2.0, "smoothing": 0.1})])
def test_2d_script(method, options, tmp_path):
    p = rng.uniform(size=(150, 2))
    v = np.cos(3 * p[:, 0]) + p[:, 1]
    probes = p[:4] * 0.99 + 0.005
    printed = run(script_2d(p, v, method, options, probes), tmp_path)
    expected = interpolate_2d(p, v, probes, method=method, **options)
    assert_allclose([printed[f"value_{i}"] for i in range(4)], expected, rtol=1e-10, equal_nan=True)


def test_figures_decimate_and_draw_the_hull():
    x = np.linspace(0, 1, 200_000)
    f = build_1d(x[::100], np.sin(x[::100]), method="linear")
    fig, note = curves_figure([f], x, np.sin(x))
    assert note and len(fig.to_json()) < 1_000_000
    p = rng.uniform(size=(50, 2))
    fig = surface_figure(np.linspace(0, 1, 10), np.linspace(0, 1, 10), np.zeros((10, 10)), p)
    assert any(t.name == "convex hull" for t in fig.data)


@pytest.mark.parametrize("method, options", [("smoothing_spline", {"lam": 0.05}), ("smoothing_spline", {}),
                                             ("univariate_spline", {"s": 2.0})])
def test_weighted_scripts_keep_their_weights(method, options, tmp_path):
    # Found by an independent check: the exported script dropped `w` (printed values off by 0.098 and 0.155).
    rng = np.random.default_rng(3)
    w = rng.uniform(0.2, 5.0, X.size)
    x = X[::-1].copy()  # unsorted, so the weights must follow their points
    y, w = Y[::-1] + rng.normal(0, 0.2, X.size), w[::-1]
    f = build_1d(x, y, method=method, w=w, **options)
    printed = run(script_1d(f, options), tmp_path)
    expected = f(np.array(probes_1d(f)))
    assert_allclose([printed[f"value_{i}"] for i in range(len(expected))], expected, rtol=1e-10)
