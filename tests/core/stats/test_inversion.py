"""The permutation test's CI is the test inverted: checked against scipy.stats.permutation_test itself."""

import numpy as np
import pytest
from scipy import stats

from core.stats import run_test
from core.stats.inversion import permutation_ci

rng = np.random.default_rng(11)


def mean_diff(x, y, axis=-1):
    return np.mean(x, axis=axis) - np.mean(y, axis=axis)


def scipy_p(a, b, delta, alternative, **kw):
    return stats.permutation_test((a - delta, b), mean_diff, vectorized=True, alternative=alternative, **kw).pvalue


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
@pytest.mark.parametrize("level", [0.9, 0.95])
def test_exact_interval_ends_where_scipys_exact_test_changes_its_verdict(alternative, level):
    a, b = rng.normal(1, 1, 6), rng.normal(0, 2, 7)     # C(13, 6) = 1716 splits: SciPy enumerates them all
    low, high = permutation_ci(a, b, confidence_level=level, alternative=alternative, n_resamples=9999)
    alpha = 1 - level
    ends = [e for e in (low, high) if np.isfinite(e)]
    assert len(ends) == (2 if alternative == "two-sided" else 1)
    assert (alternative == "less") == (low == -np.inf) and (alternative == "greater") == (high == np.inf)
    assert low < a.mean() - b.mean() < high
    step = 1e-7 * (1 + np.abs(ends).max())
    for end, inward in ((low, 1), (high, -1)):
        if np.isfinite(end):
            assert scipy_p(a, b, end + inward * step, alternative, n_resamples=9999) >= alpha
            assert scipy_p(a, b, end - inward * step, alternative, n_resamples=9999) < alpha


def test_random_relabellings_agree_with_scipys_test_within_monte_carlo_error():
    a, b = rng.normal(0.5, 1, 40), rng.normal(0, 1.5, 30)
    low, high = permutation_ci(a, b, n_resamples=9999, rng=3)
    width = high - low
    inside = [scipy_p(a, b, e, "two-sided", n_resamples=9999, rng=5) for e in (low + 0.1 * width, high - 0.1 * width)]
    outside = [scipy_p(a, b, e, "two-sided", n_resamples=9999, rng=5) for e in (low - 0.1 * width, high + 0.1 * width)]
    assert min(inside) > 0.05 > max(outside)
    welch = stats.ttest_ind(a, b, equal_var=False).confidence_interval()
    assert width == pytest.approx(welch.high - welch.low, rel=0.15)


def test_the_page_reports_the_interval_for_the_permutation_test():
    a, b = rng.normal(1, 1, 25), rng.normal(0, 1, 25)
    r = run_test("permutation_test", a, b, n_resamples=999)
    assert r.ci is not None and r.ci_of == "difference of means"
    assert r.ci == permutation_ci(a, b, n_resamples=999, rng=r.options["rng"])
    assert r.ci[0] < a.mean() - b.mean() < r.ci[1]
