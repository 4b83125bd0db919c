"""scipy.stats distributions by name: probabilities, quantiles and maximum-likelihood fits against SciPy."""

import math

import numpy as np
import pytest
from scipy import optimize, stats

from core.common import BudgetError, DataError
from core.common.distributions import (CONTINUOUS, DISCRETE, default_bounds, fit, frozen, log_probability,
                                       parameter_names, probability, quantile)

RNG = np.random.default_rng(11)


@pytest.mark.parametrize("name, params", [("norm", {}), ("t", {"df": 4}), ("gamma", {"a": 2.5, "scale": 3}),
                                          ("beta", {"a": 2, "b": 5}), ("lognorm", {"s": 0.7}),
                                          ("weibull_min", {"c": 1.5, "loc": 1})])
@pytest.mark.parametrize("lower, upper", [(None, 0.5), (0.2, 0.9), (0.9, None), (-1.0, 3.0), (2.0, 2.5)])
def test_probability_equals_the_cdf_difference(name, params, lower, upper):
    d = getattr(stats, name)(**params)
    lo = -np.inf if lower is None else lower
    hi = np.inf if upper is None else upper
    assert probability(name, params, lower=lower, upper=upper) == pytest.approx(d.cdf(hi) - d.cdf(lo), abs=1e-15)


def test_the_upper_tail_keeps_its_digits():
    p = probability("norm", {}, lower=8.0, upper=9.0)
    exact = stats.norm.sf(8.0) - stats.norm.sf(9.0)                       # 6.2e-16: cdf(9) - cdf(8) gives 0 or noise
    naive = stats.norm.cdf(9) - stats.norm.cdf(8)
    assert p == pytest.approx(exact, rel=1e-12, abs=0) and naive != pytest.approx(exact, rel=1e-3, abs=0)
    assert log_probability("norm", {}, lower=40.0) == pytest.approx(stats.norm.logsf(40.0), rel=1e-14)
    assert log_probability("norm", {}, lower=40.0, upper=41.0) == pytest.approx(
        stats.norm.logsf(40.0) + math.log1p(-math.exp(stats.norm.logsf(41.0) - stats.norm.logsf(40.0))), rel=1e-12)


@pytest.mark.parametrize("name, params", [("poisson", {"mu": 3.2}), ("binom", {"n": 12, "p": 0.3}),
                                          ("nbinom", {"n": 3, "p": 0.4}), ("geom", {"p": 0.25})])
def test_discrete_bounds_include_the_upper_mass_not_the_lower(name, params):
    d = getattr(stats, name)(**params)
    assert probability(name, params, lower=2, upper=5) == pytest.approx(d.cdf(5) - d.cdf(2), abs=1e-15)
    assert probability(name, params, lower=3, upper=4) == pytest.approx(d.pmf(4), abs=1e-15)     # P(X = 4)
    assert probability(name, params, upper=1) == pytest.approx(d.cdf(1), abs=1e-15)


def test_quantile_equals_ppf():
    q = np.array([0.0, 0.01, 0.5, 0.975, 1.0])
    np.testing.assert_allclose(quantile("gamma", {"a": 2}, q), stats.gamma.ppf(q, 2))
    assert quantile("poisson", {"mu": 4}, 0.5) == stats.poisson.ppf(0.5, 4)


@pytest.mark.parametrize("call, message", [
    (lambda: probability("gamma", {"a": -1}), r"a of gamma must be \(0, inf\)"),
    (lambda: probability("binom", {"n": 2.5, "p": 0.1}), "whole number"),
    (lambda: probability("beta", {"a": 1}), "needs b"),
    (lambda: probability("norm", {}, lower=2, upper=1), "above the upper"),
    (lambda: quantile("norm", {}, 1.5), "between 0 and 1"),
    (lambda: probability("os_system", {}), "no scipy.stats distribution"),
    (lambda: frozen("norm", {"df": 3}), "no parameter df"),
])
def test_bad_parameters_say_the_valid_range(call, message):
    with pytest.raises(DataError, match=message):
        call()


@pytest.mark.parametrize("name, sample", [("norm", lambda: RNG.normal(3, 2, 2000)),
                                          ("gamma", lambda: 5 + RNG.gamma(3.0, 2.0, 2000)),
                                          ("weibull_min", lambda: RNG.weibull(1.8, 2000) * 4),
                                          ("expon", lambda: RNG.exponential(2.0, 2000)),
                                          ("lognorm", lambda: RNG.lognormal(0.3, 0.5, 2000))])
def test_fit_equals_scipy_mle_or_beats_its_likelihood(name, sample):
    x = sample()
    ours = fit(name, x)
    dist = getattr(stats, name)
    ref = dist.fit(x)
    ref_ll = float(np.sum(dist.logpdf(x, *ref)))
    if np.allclose(ours.values, ref, rtol=1e-6):
        assert ours.loglik == pytest.approx(ref_ll, rel=1e-12)
    else:
        assert ours.loglik >= ref_ll - 1e-9 or not np.isfinite(ref_ll)
    k = len(ours.values) - len(ours.fixed)              # loc held below the data after a run-off is not free
    assert ours.k == k and (not ours.notes or "loc" in ours.fixed)
    assert ours.aic == pytest.approx(2 * k - 2 * ours.loglik) and ours.bic == pytest.approx(np.log(x.size) * k
                                                                                          - 2 * ours.loglik)


def test_fixed_parameters_and_the_poisson_mle():
    x = RNG.gamma(2.0, 1.5, 800)
    held = fit("gamma", x, fixed={"loc": 0.0})
    ref = stats.gamma.fit(x, floc=0)
    np.testing.assert_allclose(held.values, ref, rtol=1e-6)
    assert held.k == 2 and held.fixed == {"loc": 0.0}
    k = RNG.poisson(3.7, 500)
    assert fit("poisson", k).params["mu"] == pytest.approx(k.mean(), rel=1e-4)     # the MLE is the mean


@pytest.mark.parametrize("name, data, fixed, message", [
    ("norm", [1.0, np.nan, 2.0], None, "finite"), ("gamma", [1.0, 2.0], None, "cannot determine"),
    ("poisson", [1, 2, 2.5, 3], None, "whole numbers"), ("gamma", [-1.0, 2.0, 3.0, 4.0], {"loc": 0.0}, "support"),
])
def test_fit_refusals(name, data, fixed, message):
    with pytest.raises(DataError, match=message):
        fit(name, data, fixed=fixed)


def test_names_and_parameters():
    assert "norm" in CONTINUOUS and "poisson" in DISCRETE and len(CONTINUOUS) > 100
    assert parameter_names("gamma") == ("a", "loc", "scale") and parameter_names("binom") == ("n", "p", "loc")


@pytest.mark.parametrize("name, sample", [("nbinom", lambda: RNG.negative_binomial(4, 0.4, 3000)),
                                          ("binom", lambda: RNG.binomial(12, 0.35, 3000)),
                                          ("betabinom", lambda: stats.betabinom(10, 2.0, 3.0).rvs(2000, random_state=4)),
                                          ("zipf", lambda: stats.zipf(2.5).rvs(2000, random_state=5)),
                                          ("logser", lambda: stats.logser(0.7).rvs(2000, random_state=6))])
def test_discrete_fit_over_distinct_values_is_scipys_mle(name, sample):
    """The likelihood summed over distinct values with their counts: at least as high as stats.fit's (same
    bounds, same optimizer, seeded) on the raw points, and equal to the likelihood of the raw points."""
    x = sample().astype(float)
    ours = fit(name, x)
    dist = getattr(stats, name)
    ref = stats.fit(dist, x, bounds={**default_bounds(name, x), "loc": (0, 0)},
                    optimizer=lambda fun, **kw: optimize.differential_evolution(fun, **kw, rng=1))
    ref_ll = float(np.sum(dist.logpmf(x, *ref.params)))
    assert ours.loglik >= ref_ll - 1e-6 * abs(ref_ll)
    assert ours.loglik == pytest.approx(float(np.sum(dist.logpmf(x, *ours.values))), rel=1e-12)
    assert fit(name, x).values == ours.values                                 # seeded: repeatable


def test_a_million_counts_fit_at_the_cost_of_their_distinct_values():
    x = RNG.poisson(6.0, 1_000_000)
    assert fit("poisson", x).params["mu"] == pytest.approx(x.mean(), rel=1e-5)
    with pytest.raises(BudgetError, match="distinct values"):
        fit("poisson", np.arange(30_000.0))


def test_costs_cover_every_family_and_refuse_what_scipy_cannot_do():
    from core.common.distribution_costs import COSTS
    from core.common.distributions import check_work, stage_cost

    assert set(COSTS) == set(CONTINUOUS) | set(DISCRETE)
    assert 0 < stage_cost("norm", "pdf") < 1e-3 and stage_cost("studentized_range", "rvs") == np.inf
    with pytest.raises(BudgetError, match="time limit"):
        check_work("studentized_range", "rvs", 1, 100.0, what="Drawing", reduce="less")
    with pytest.raises(BudgetError, match="over the work budget"):
        check_work("kstwo", "pdf", 1e6, 1.0, what="The density", reduce="fewer points")
