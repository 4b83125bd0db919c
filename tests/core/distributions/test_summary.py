"""Summaries and goodness of fit against scipy.stats."""

import numpy as np
import pytest
from scipy import stats

from core.common import DataError
from core.distributions import count_table, fit, goodness_of_fit, summary


def values(rows):
    return {r["quantity"].split(" (")[0]: r["value"] for r in rows}


def test_summary_equals_scipy_and_says_what_does_not_exist():
    s = values(summary("gamma", {"a": 3, "scale": 2}))
    m, v, sk, ku = stats.gamma(3, scale=2).stats("mvsk")
    assert (s["mean"], s["variance"], s["skewness"], s["excess kurtosis"]) == pytest.approx((m, v, sk, ku))
    assert s["central 95% interval"] == pytest.approx(stats.gamma(3, scale=2).interval(0.95))
    cauchy = values(summary("cauchy", {}))
    assert cauchy["mean"] == "undefined" and cauchy["median"] == 0.0
    assert values(summary("t", {"df": 2}))["variance"] == "infinite"


def test_count_table_is_the_chi_square_test_with_fitted_degrees_of_freedom():
    x = np.random.default_rng(5).poisson(2.7, 600)
    r = fit("poisson", x)
    rows, statistic, dof, p = count_table(r, x)
    o = np.array([row["observed"] for row in rows])
    e = np.array([row["expected"] for row in rows])
    assert o.sum() == x.size and e.sum() == pytest.approx(x.size) and (e >= 5).all()
    ref = stats.chisquare(o, e, ddof=1)                                # one fitted parameter (mu)
    assert statistic == pytest.approx(ref.statistic) and p == pytest.approx(ref.pvalue) and dof == len(rows) - 2
    with pytest.raises(DataError, match="discrete"):
        count_table(fit("norm", x.astype(float)), x)


def test_goodness_of_fit_equals_kstest_and_anderson():
    y = np.random.default_rng(6).normal(1, 2, 400)
    r = fit("norm", y)
    g = goodness_of_fit(r, y)
    ks = stats.kstest(y, stats.norm(*r.values).cdf)
    assert g["KS statistic"] == pytest.approx(ks.statistic) and g["KS p-value"] == pytest.approx(ks.pvalue)
    assert "optimistic" in g["KS note"]
    with pytest.warns(FutureWarning):
        ad = stats.anderson(y, "norm")
    assert g["AD statistic"] == pytest.approx(ad.statistic) and g["AD 5% critical value"] == pytest.approx(0.75,
                                                                                                        abs=0.05)


def test_monte_carlo_gof_equals_scipy_and_is_budgeted():
    from core.common import BudgetError
    from core.distributions import monte_carlo_gof

    y = np.random.default_rng(8).gamma(2.0, 2.0, 200)
    r = fit("gamma", y, fixed={"loc": 0.0})
    ours = monte_carlo_gof(r, y, n_mc=49, rng=3)
    ref = stats.goodness_of_fit(stats.gamma, y, known_params={"loc": 0.0}, statistic="ks", n_mc_samples=49,
                                rng=np.random.default_rng(3))
    assert ours["pvalue"] == ref.pvalue and ours["statistic"] == pytest.approx(ref.statistic)
    with pytest.raises(BudgetError, match="refits"):
        monte_carlo_gof(r, np.random.default_rng(1).gamma(2.0, 2.0, 10_000), n_mc=99)


def test_bootstrap_of_the_parameters_is_scipys_bootstrap_of_refits():
    """Equal to scipy.stats.bootstrap refitting with dist.fit directly (same resamples), and the normal's mean
    has the standard error sigma / sqrt(n) it should."""
    from core.distributions import bootstrap_params

    x = np.random.default_rng(8).normal(10.0, 2.0, 400)
    r = fit("norm", x)
    rows = {row["parameter"]: row for row in bootstrap_params(r, x, n_resamples=99, rng=3)}
    ref = stats.bootstrap((x,), lambda s: np.array(stats.norm.fit(s)), n_resamples=99, vectorized=False,
                          method="percentile", rng=np.random.default_rng(3))
    assert rows["loc"]["standard error"] == pytest.approx(ref.standard_error[0], rel=1e-9)
    assert (rows["scale"]["low"], rows["scale"]["high"]) == pytest.approx(
        (ref.confidence_interval.low[1], ref.confidence_interval.high[1]), rel=1e-9)
    assert rows["loc"]["standard error"] == pytest.approx(2.0 / np.sqrt(400), rel=0.25)
    assert rows["loc"]["low"] < 10.0 < rows["loc"]["high"] and rows["loc"]["failed"] == 0
    y = x - x.min() + 0.5
    held = bootstrap_params(fit("gamma", y, fixed={"loc": 0.0}), y, n_resamples=19)
    assert [row["parameter"] for row in held] == ["a", "scale"]          # a held parameter is not resampled


def test_bootstrap_and_monte_carlo_are_budgeted():
    from core.common import BudgetError
    from core.distributions import bootstrap_params, monte_carlo_gof

    x = np.random.default_rng(9).uniform(0.1, 0.9, 20_000)
    slow = fit("kappa4", np.random.default_rng(9).uniform(0.1, 0.9, 200))
    with pytest.raises(BudgetError, match="bootstrap refits of kappa4"):
        bootstrap_params(slow, x)
    with pytest.raises(BudgetError):
        monte_carlo_gof(slow, x[:3000])
    with pytest.raises(DataError, match="9 to 10,000"):
        bootstrap_params(fit("norm", x), x, n_resamples=3)
