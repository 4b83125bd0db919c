"""Exported KDE scripts print the page's bandwidth, densities and integral."""


import numpy as np
import pytest
from numpy.testing import assert_allclose

from core.density import kde
from core.density import PROBES, export_frame, kde_script
from core.density import contour_figure, density_figure, fits_figure, rules_figure
from core.density import fit_distributions, histogram, kde2d, kernels

rng = np.random.default_rng(2)
X = rng.exponential(size=600)
W = rng.uniform(0.2, 2.0, X.size)


@pytest.mark.parametrize("options", [dict(), dict(bandwidth="silverman"), dict(bandwidth="isj"),
                                     dict(bandwidth="lscv", bounds=(0, None)), dict(bandwidth=0.25, bounds=(0, 12)),
                                     dict(weights=W, bounds=(0, None)), dict(log_scale=True),
                                     dict(log_scale=True, bandwidth="isj", bounds=(0, 20.0)),
                                     dict(log_scale=True, weights=W, bounds=(0.001, None))])
def test_script_reproduces(options, run_script):
    r = kde(X, **options)
    printed = run_script(kde_script(r, export_frame(X, options.get("weights"))))
    assert_allclose(printed["bandwidth"], r.bandwidth, rtol=1e-12)
    for i, p in enumerate(PROBES):
        assert_allclose(printed[f"density_{i}"], r.density[int(p * (r.grid.size - 1))], rtol=1e-9, atol=1e-15)
    assert_allclose(printed["integral"], r.integral(), rtol=1e-9)


def test_figures_are_small_for_a_million_points():
    big = rng.normal(size=1_000_000)
    r = kde(big)
    fig, note = density_figure([r], ["v"], histogram=histogram(big)[:2], rug=big)
    assert note and len(fig.to_json()) < 600_000
    r2 = kde2d(big, big * 0.5 + rng.normal(size=big.size))
    fig2, note2 = contour_figure(r2, big, big)
    assert note2 and len(fig2.to_json()) < 2_000_000
    assert len(rules_figure({"scott": r}).data) == 1
    rows, _ = fit_distributions(big[:5000], ("norm",))
    assert len(fits_figure(r, rows).data) == 2


def test_kernels_drawn_under_the_density():
    x = rng.normal(size=10)
    r = kde(x, bandwidth=0.5)
    fig, _ = density_figure([r], ["x"], kernels=kernels(x, 0.5, r.grid))
    assert sum(t.name == "kernels" for t in fig.data) == 10
