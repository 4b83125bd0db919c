"""Tied parameters (b = 2*a), the extra-sum-of-squares F test for nested models, and reading unknowns off a
standard curve; each against an independent computation."""

import numpy as np
import pytest
from scipy import optimize, stats

from core.common import ExplorerError, ExpressionError
from core.fitting import (export_frame, extra_sum_of_squares, fit_curve, fit_script, interpolate_unknowns,
                          parse_constraints)

RNG = np.random.default_rng(0)
X = np.linspace(0, 5, 60)
Y = 3 * np.exp(-0.8 * X) + 1.5 * np.exp(-1.6 * X) + RNG.normal(0, 0.02, X.size)


def test_a_tied_parameter_equals_the_fit_with_the_tie_written_by_hand(run_script):
    r = fit_curve("a*exp(-k*x) + b*exp(-m*x)", X, Y, p0={"a": 2, "k": 1, "b": 1, "m": 99}, constraints="m = 2*k")
    by_hand = lambda x, a, k, b: a * np.exp(-k * x) + b * np.exp(-2 * k * x)  # noqa: E731
    popt, pcov = optimize.curve_fit(by_hand, X, Y, p0=[2, 1, 1])
    np.testing.assert_allclose([r.params[k] for k in "akb"], popt, rtol=1e-5)
    np.testing.assert_allclose([r.stderr[k] for k in "akb"], np.sqrt(np.diag(pcov)), rtol=1e-3)
    (m,) = r.tied
    assert m.name == "m" and m.value == pytest.approx(2 * popt[1], rel=1e-5)
    assert m.stderr == pytest.approx(2 * np.sqrt(pcov[1, 1]), rel=1e-3)       # the delta method of 2k
    rows = {row["parameter"]: row for row in r.parameter_rows()}
    assert rows["m"]["tied"] == "2*k" and rows["m"]["ci_high"] > m.value > rows["m"]["ci_low"]
    assert r.free == ("a", "k", "b") and "m" not in r.params
    printed = run_script(fit_script(r, export_frame(X, Y)))
    assert printed["m"] == pytest.approx(m.value, rel=1e-6) and printed["k"] == pytest.approx(r.params["k"], rel=1e-6)


def test_a_tie_with_a_function_and_a_fixed_parameter():
    r = fit_curve("a*x + b", X, 2 * X + np.exp(2.0), constraints={"b": "exp(a)"})
    assert r.params["a"] == pytest.approx(2.0, rel=1e-6) and r.tied[0].value == pytest.approx(np.exp(2.0), rel=1e-6)


@pytest.mark.parametrize("text, message", [
    ("q = 2*a", "not a parameter"), ("b = 2*z", "z"), ("b = 2*b", "itself"), ("b = x", "x"),
    ("b = 2*a; a = b", "constrained too"), ("b 2*a", "name = expression"), ("b = __import__('os')", ""),
    ("a = 1; b = 2", "at least one free"),
])
def test_bad_constraints_get_a_message(text, message):
    with pytest.raises(ExpressionError, match=message):
        fit_curve("a*x + b", X, Y, constraints=text)


def test_parse_constraints():
    assert parse_constraints("b = 2*a\n c = a/2 ; ") == {"b": "2*a", "c": "a/2"}
    assert parse_constraints("  ") == {}


def test_f_test_equals_the_t_test_of_the_extra_coefficient():
    """For nested linear models differing by one coefficient, F equals that coefficient's t squared."""
    x = np.linspace(-1, 2, 40)
    y = 1 + 0.5 * x + 0.3 * x ** 2 + RNG.normal(0, 0.2, x.size)
    line, quad = fit_curve("poly1", x, y), fit_curve("poly2", x, y)
    test = extra_sum_of_squares(line, quad)
    design = np.vander(x, 3)
    beta, rss, *_ = np.linalg.lstsq(design, y, rcond=None)
    cov = rss[0] / (x.size - 3) * np.linalg.inv(design.T @ design)
    t = beta[0] / np.sqrt(cov[0, 0])
    assert test.F == pytest.approx(t ** 2, rel=1e-8)
    assert test.pvalue == pytest.approx(2 * stats.t.sf(abs(t), x.size - 3), rel=1e-6)
    assert (test.df_num, test.df_den) == (1, 37)
    with pytest.raises(ExplorerError, match="fewer free parameters"):
        extra_sum_of_squares(quad, line)


def test_unknowns_are_read_off_with_their_interval():
    conc = np.logspace(-2, 2, 30)
    resp = 1 / (1 + (0.5 / conc) ** 1.3) + RNG.normal(0, 0.01, conc.size)
    r = fit_curve("hill", conc, resp)
    rows = interpolate_unknowns(r, [0.2, 0.5, 0.9, 1.5, np.nan], x_range=(conc.min(), conc.max()))
    vmax, n, k = (r.params[p] for p in ("vmax", "n", "k"))
    for row in rows[:3]:
        y0 = row["y"]
        exact = k * (y0 / (vmax - y0)) ** (1 / n)                # the Hill curve solved for x by hand
        assert row["x"] == pytest.approx(exact, rel=1e-8)
        assert row["x_low"] < row["x"] < row["x_high"]
        band = r.prediction_band(np.array([row["x_low"], row["x_high"]]))
        np.testing.assert_allclose(r.predict(np.array([row["x_low"], row["x_high"]])) + [band[0], -band[1]],
                                   y0, atol=1e-7)                 # the band's edges cross y0 there
    assert "extrapolation" in rows[3]["note"] and rows[4]["note"] == "not a number"
    peak = fit_curve("a*exp(-(x - m)^2)", np.linspace(-3, 3, 50), np.exp(-np.linspace(-3, 3, 50) ** 2), p0=[1, 0.1])
    (twice,) = interpolate_unknowns(peak, [0.5], x_range=(-3, 3))
    assert "2 times" in twice["note"] and np.isnan(twice["x"])
