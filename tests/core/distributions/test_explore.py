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
