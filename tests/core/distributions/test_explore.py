"""The explore helpers and the page's scripts: starting parameters, overlays parsed (never evaluated), draws."""

import numpy as np
import pytest
from scipy import stats

from core.common import BudgetError, DataError
from core.distributions import (COMMON, FAMILIES, LABELS, LEFT_OUT, draw, explore_script, fit, fit_script, frozen,
                                functions_figure, max_draws, parse_overlays, probability, starting_params, summary)


@pytest.mark.parametrize("name", FAMILIES)
def test_every_offered_family_opens_and_draws(name):
    """Every scipy.stats distribution but the one with an array parameter: its summary and four curves within
    the view's budget, and 500 draws (or a plain refusal where SciPy draws too slowly)."""
    params = starting_params(name)
    rows = summary(name, params)
    assert [r["quantity"].split(" (")[0] for r in rows][:5] == ["mean", "variance", "skewness", "excess kurtosis",
                                                                 "median"]
    fig = functions_figure([(name, params)])
    assert len(fig.data) == 4 and all(np.isfinite(np.asarray(t.y, dtype=float)).any() for t in fig.data)
    if max_draws(name) >= 500:
        x = draw(name, params, 500, rng=1)
        assert x.size == 500 and np.isfinite(x).all()
    else:
        with pytest.raises(BudgetError, match="slow"):
            draw(name, params, 500, rng=1)


def test_the_list_is_every_scipy_distribution_common_ones_first():
    every = set(stats._continuous_distns._distn_names) | set(stats._discrete_distns._distn_names) | {"levy_stable"}
    assert set(FAMILIES) | set(LEFT_OUT) == every and not set(FAMILIES) & set(LEFT_OUT)
    assert FAMILIES[:5] == ("norm", "t", "chi2", "f", "expon") and list(FAMILIES[len(COMMON):]) == sorted(
        FAMILIES[len(COMMON):])
    assert LABELS["burr"] == "Burr (Type III)" and LABELS["poisson"] == "Poisson"
    for name in FAMILIES:                       # starting parameters are valid, for families not hand-picked too
        frozen(name, starting_params(name))


def test_slow_families_are_budgeted_not_run():
    """studentized_range integrates numerically: fewer curve points, the slow summary parts said, no draws."""
    fig = functions_figure([("studentized_range", starting_params("studentized_range"))])
    assert 12 <= len(fig.data[3].x) < 400 and len(fig.data[0].x) < 600
    values = {r["quantity"]: r["value"] for r in summary("studentized_range", starting_params("studentized_range"))}
    assert str(values["mean"]).startswith("not computed")
    with pytest.raises(BudgetError, match="time limit"):
        draw("studentized_range", starting_params("studentized_range"), 10)
    with pytest.raises(DataError, match="SciPy cannot give a maximum-likelihood fit of irwinhall"):
        fit("irwinhall", np.random.default_rng(0).uniform(0, 3, 100))
    with pytest.raises(BudgetError, match="Fitting gausshyper"):
        fit("gausshyper", np.random.default_rng(0).uniform(0.1, 0.9, 1_000_000))
    values = {r["quantity"].split(" (")[0]: r["value"] for r in summary("levy_stable", {"alpha": 1.5, "beta": 0})}
    assert values["entropy"] == "not available in SciPy" and values["median"] == pytest.approx(0, abs=1e-6)


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


def test_held_parameters_are_read_not_evaluated():
    from core.distributions import parse_fixed

    assert parse_fixed("loc=0; scale = 2.5, df=5") == {"loc": 0.0, "scale": 2.5, "df": 5.0}
    assert parse_fixed("") == {}
    for text, message in [("__import__('os')", "name=number"), ("loc=abc", "must be a number"),
                          ("loc=1e400", "finite"), ("scale=nan", "finite")]:
        with pytest.raises(DataError, match=message):
            parse_fixed(text)


def test_sample_clt_and_relation_scripts_print_the_pages_numbers(run_script):
    from core.distributions import approximation, cdf_gap, clt_means, clt_script, relation_script, sample_script

    printed = run_script(sample_script("gamma", {"a": 2.0}, 700, 5))
    x = draw("gamma", {"a": 2.0}, 700, rng=5)
    assert printed["sample_mean"] == pytest.approx(x.mean(), rel=1e-12)
    assert printed["sample_variance"] == pytest.approx(x.var(ddof=1), rel=1e-12)
    assert printed["mean"] == pytest.approx(2.0) and printed["median"] == pytest.approx(stats.gamma(2).median())
    printed = run_script(clt_script("expon", {}, 20, 500))
    m = clt_means("expon", {}, 20, reps=500)
    assert printed["mean_of_means"] == pytest.approx(m.mean(), rel=1e-12)
    assert printed["sd_of_means"] == pytest.approx(m.std(ddof=1), rel=1e-12)
    assert printed["sigma_over_sqrt_n"] == pytest.approx(1 / np.sqrt(20))
    for kind, options in [("binom_norm", dict(n=40, p=0.3)), ("t_norm", dict(df=3.0)), ("gamma_norm", dict(a=9.0))]:
        pair = approximation(kind, **options)
        assert run_script(relation_script(*pair))["largest_cdf_gap"] == pytest.approx(cdf_gap(*pair), rel=1e-12)


def test_fit_script_with_a_shift_held_parameters_and_the_bootstrap(run_script):
    from core.distributions import bootstrap_params

    x = np.random.default_rng(12).gamma(3.0, 2.0, 300) - 4.0          # some values below 0
    shift = 5.0
    f = fit("gamma", x + shift, fixed={"loc": 0.0, "scale": 2.0})
    printed = run_script(fit_script("gamma", f.fixed, x, "t", shift=shift, bootstrap=29)[0])
    assert printed["a"] == pytest.approx(f.params["a"], rel=1e-9) and printed["scale"] == 2.0
    assert printed["aic"] == pytest.approx(f.aic, rel=1e-9)
    boot = bootstrap_params(f, x + shift, n_resamples=29)
    assert printed["se_a"] == pytest.approx(boot[0]["standard error"], rel=1e-9)
