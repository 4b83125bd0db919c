"""The explore helpers and the page's scripts: starting parameters, overlays parsed (never evaluated), draws."""

import numpy as np
import pytest
from scipy import stats

from core.common import DataError
from core.distributions import (FAMILIES, draw, explore_script, fit, fit_script, functions_figure, parse_overlays,
                                probability, starting_params, summary)


@pytest.mark.parametrize("name", FAMILIES)
def test_every_offered_family_opens_and_draws(name):
    params = starting_params(name)
    assert summary(name, params) and len(functions_figure([(name, params)]).data) == 4
    x = draw(name, params, 500, rng=1)
    assert x.size == 500 and np.isfinite(x).all()


def test_overlays_are_parsed_not_evaluated():
    assert parse_overlays("norm; t(df=1); t(df = 30)") == [("norm", {}), ("t", {"df": 1.0}), ("t", {"df": 30.0})]
    for text, message in [("__import__('os')", "could not read"), ("t(df=abc)", "must be a number"),
                          ("t(nu=3)", "no parameter"), ("t(df=-1)", "df of t must be"),
                          ("norm; norm; norm; norm; norm", "At most")]:
        with pytest.raises(DataError, match=message):
            parse_overlays(text)


def test_draws_are_bounded_and_reproducible():
    assert np.array_equal(draw("poisson", {"mu": 3}, 50, rng=4), draw("poisson", {"mu": 3}, 50, rng=4))
    with pytest.raises(DataError, match="Draw from 1"):
        draw("norm", {}, 2_000_000)


def test_scripts_print_the_pages_numbers(run_script):
    printed = run_script(explore_script("gamma", {"a": 2.0, "scale": 3.0}, lower=1.0, upper=4.0, q=0.9))
    d = stats.gamma(2.0, scale=3.0)
    assert printed["pdf_0"] == pytest.approx(d.pdf(0.5)) and printed["quantile"] == pytest.approx(d.ppf(0.9))
    assert printed["probability"] == pytest.approx(probability("gamma", {"a": 2.0, "scale": 3.0}, lower=1, upper=4))
    x = np.random.default_rng(2).gamma(2.0, 3.0, 300)
    f = fit("gamma", x)
    printed = run_script(fit_script("gamma", f.fixed, x, "t")[0])
    assert printed["loglik"] == pytest.approx(f.loglik, rel=1e-9) and printed["aic"] == pytest.approx(f.aic, rel=1e-9)
    k = np.random.default_rng(3).negative_binomial(4, 0.4, 300)
    f = fit("nbinom", k)
    printed = run_script(fit_script("nbinom", f.fixed, k.astype(float), "calls")[0])
    assert printed["loglik"] == pytest.approx(f.loglik, rel=1e-6) and printed["aic"] == pytest.approx(f.aic, rel=1e-6)


@pytest.mark.parametrize("kind, small, large", [
    ("binom_poisson", dict(n=20, p=0.2), dict(n=2000, p=0.002)), ("binom_norm", dict(n=10, p=0.3), dict(n=1000, p=0.3)),
    ("poisson_norm", dict(mu=2.0), dict(mu=400.0)), ("t_norm", dict(df=2.0), dict(df=200.0)),
    ("gamma_norm", dict(a=1.0), dict(a=400.0))])
def test_each_approximation_closes_in_at_its_limit(kind, small, large):
    from core.distributions import approximation, cdf_gap

    exact, approx = approximation(kind, **small)
    far = cdf_gap(exact, approx)
    near = cdf_gap(*approximation(kind, **large))
    assert near < far / 4 and near < 0.02
    d, a = stats.binom(20, 0.2), stats.poisson(4.0)
    if kind == "binom_poisson":                                  # the gap by hand on the support
        x = np.arange(0, 21)
        assert far == pytest.approx(np.max(np.abs(d.cdf(x) - a.cdf(x))), abs=1e-12)


def test_clt_means_narrow_as_sqrt_n_and_the_cauchy_does_not():
    from core.distributions import clt_means

    m = clt_means("expon", {}, 100, reps=4000, rng=1)
    assert m.mean() == pytest.approx(1.0, abs=0.02) and m.std() == pytest.approx(0.1, rel=0.06)
    c1, c100 = clt_means("cauchy", {}, 1, reps=4000), clt_means("cauchy", {}, 100, reps=4000)
    iqr = lambda v: np.subtract(*np.percentile(v, [75, 25]))  # noqa: E731
    assert iqr(c100) == pytest.approx(iqr(c1), rel=0.15)               # still a standard Cauchy: IQR 2
    with pytest.raises(DataError, match="at most"):
        clt_means("norm", {}, 1000, reps=10_000)


def test_pp_plot_points_are_the_fitted_cdf_at_the_data():
    from core.distributions import pp_figure

    x = np.random.default_rng(4).normal(size=200)
    f = fit("norm", x)
    trace = pp_figure(x, f).data[0]
    np.testing.assert_allclose(trace.y, stats.norm(*f.values).cdf(np.sort(x)), rtol=1e-12)
    np.testing.assert_allclose(trace.x, (np.arange(1, 201) - 0.5) / 200)
