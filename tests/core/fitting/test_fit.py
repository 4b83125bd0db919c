import pickle

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from core.common import ExpressionError, FitError
from core.fitting import compare_models, fit_curve, parameter_names


@pytest.fixture
def decay():
    rng = np.random.default_rng(42)
    x = np.linspace(0, 5, 80)
    y = 3.0 * np.exp(-1.2 * x) + 0.4 + rng.normal(0, 0.03, x.size)
    return x, y


def test_contract_fields(decay):
    r = fit_curve("a*exp(-k*x) + c", *decay)
    assert r.success and set(r.params) == set(r.stderr) == {"a", "k", "c"}
    assert_allclose(r.params["k"], 1.2, rtol=0.05)
    assert r.rss == pytest.approx(np.sum((decay[1] - r.predict(decay[0])) ** 2), rel=1e-12)
    assert 0.99 < r.r_squared <= 1
    assert r.message and r.nfev > 0
    pickle.loads(pickle.dumps(r))  # cached results are pickled by Streamlit


def test_linear_matches_ordinary_least_squares_closed_form():
    # Reference: OLS closed form (scipy.stats.linregress) for slope, intercept and their standard errors.
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 10, 40)
    y = 1.7 * x - 3 + rng.normal(0, 1, 40)
    r = fit_curve("linear", x, y)
    ref = stats.linregress(x, y)
    assert_allclose([r.params["a"], r.params["b"]], [ref.slope, ref.intercept], rtol=1e-7)
    assert_allclose([r.stderr["a"], r.stderr["b"]], [ref.stderr, ref.intercept_stderr], rtol=1e-6)
    assert_allclose(r.r_squared, ref.rvalue ** 2, rtol=1e-9)
    # Confidence band of the mean response: t * s * sqrt(1/n + (x0 - xbar)^2 / Sxx).
    x0 = np.array([0.0, 5.0, 12.0])
    s = np.sqrt(r.rss / (x.size - 2))
    t = stats.t.ppf(0.975, x.size - 2)
    expected = t * s * np.sqrt(1 / x.size + (x0 - x.mean()) ** 2 / np.sum((x - x.mean()) ** 2))
    assert_allclose(r.confidence_band(x0), expected, rtol=1e-5)
    assert_allclose(r.prediction_band(x0), np.sqrt(expected ** 2 + t ** 2 * s ** 2), rtol=1e-5)
    ci = r.confidence_interval(0.95)["a"]
    assert_allclose(ci, (ref.slope - t * ref.stderr, ref.slope + t * ref.stderr), rtol=1e-6)


def test_information_criteria_follow_lmfit_convention(decay):
    r = fit_curve("exponential", *decay)
    n, k = decay[0].size, 3
    assert_allclose(r.aic, n * np.log(r.rss / n) + 2 * k)
    assert_allclose(r.bic, n * np.log(r.rss / n) + np.log(n) * k)
    assert_allclose(r.adj_r_squared, 1 - (1 - r.r_squared) * (n - 1) / (n - k))
    assert_allclose(r.reduced_chi_square, r.rss / (n - k))


def test_weighted_fit_matches_weighted_polyfit():
    # Reference: numpy.polyfit with w = 1/sigma, cov="unscaled" gives the absolute_sigma covariance.
    rng = np.random.default_rng(3)
    x = np.linspace(0, 4, 30)
    sigma = rng.uniform(0.1, 1.0, x.size)
    y = 2 * x + 1 + rng.normal(0, sigma)
    r = fit_curve("linear", x, y, sigma=sigma, absolute_sigma=True)
    coef, cov = np.polyfit(x, y, 1, w=1 / sigma, cov="unscaled")
    assert_allclose([r.params["a"], r.params["b"]], coef, rtol=1e-8)
    assert_allclose([r.stderr["a"], r.stderr["b"]], np.sqrt(np.diag(cov)), rtol=1e-6)
    assert r.weighted and r.chi_square != r.rss


def test_fixed_parameter_stays_and_has_no_error(decay):
    r = fit_curve("exponential", *decay, fixed={"c": 0.4})
    assert r.params["c"] == 0.4 and np.isnan(r.stderr["c"]) and r.free == ("a", "k")
    assert_allclose(r.params["k"], 1.2, rtol=0.05)


def test_bounds_are_respected_and_reported(decay):
    r = fit_curve("exponential", *decay, bounds={"k": (0, 1.0)})
    assert r.method in ("trf", "dogbox") and r.params["k"] <= 1.0
    assert any("bound" in w for w in r.warnings)


def test_robust_loss_resists_an_outlier():
    x = np.linspace(0, 10, 50)
    y = 2 * x + 1 + np.sin(x) * 0.1
    y[10] += 100
    plain = fit_curve("linear", x, y)
    robust = fit_curve("linear", x, y, loss="soft_l1", f_scale=0.5)
    assert abs(robust.params["b"] - 1) < 0.1 < abs(plain.params["b"] - 1)
    assert abs(robust.params["a"] - 2) < abs(plain.params["a"] - 2)


def test_several_predictors():
    rng = np.random.default_rng(1)
    X = rng.uniform(0, 2, (2, 60))
    y = 1 + 2 * X[0] - 0.5 * X[1] ** 2
    r = fit_curve("b0 + b1*x1 + b2*x2^2", X, y)
    assert_allclose([r.params[k] for k in ("b0", "b1", "b2")], [1, 2, -0.5], atol=1e-8)
    with pytest.raises(ExpressionError, match="x1, x2"):
        fit_curve("a*x", X, y)
    with pytest.raises(FitError, match="one predictor"):
        fit_curve("linear", X, y)


def test_nan_everywhere_is_reported_not_raised():
    x = np.linspace(1, 5, 20)
    r = fit_curve("a*log(-x - b)", x, x, p0={"a": 1, "b": 1})
    assert not r.success and "NaN or infinite" in r.message
    assert np.all(np.isnan(list(r.stderr.values())))


def test_not_converging_is_reported():
    x = np.linspace(0, 10, 50)
    y = np.sin(x)
    r = fit_curve("a*exp(b*x)*exp(c*x^2)", x, y, p0={"a": 1, "b": 50, "c": 50}, method="lm")
    assert not r.success
    assert "start values" in r.message or "converge" in r.message


def test_inestimable_covariance_keeps_parameters():
    # a and b enter only as a*b: the data cannot separate them, so the covariance is singular.
    x = np.linspace(0, 1, 20)
    r = fit_curve("a*b*x", x, 2 * x + np.random.default_rng(0).normal(0, 0.01, 20), method="trf")
    assert r.success
    assert_allclose(r.params["a"] * r.params["b"], 2, rtol=0.05)
    assert np.all(np.isnan(list(r.stderr.values())))
    assert any("could not be estimated" in w for w in r.warnings)
    assert np.all(np.isnan(r.confidence_band(x)))


@pytest.mark.parametrize("method", [None, "trf", "dogbox"])
def test_constant_x_gives_no_covariance(method):
    # HAZARDS: curve_fit reports a covariance of ~1e28 here instead of failing.
    r = fit_curve("linear", np.full(20, 3.0), np.linspace(0, 1, 20), method=method)
    assert not (r.success and r.has_covariance)


@pytest.mark.parametrize("kwargs, match", [
    (dict(x=[1, 2], y=[1, 2, 3]), "same length"),
    (dict(x=[1, 2, np.nan], y=[1, 2, 3]), "finite"),
    (dict(x=[1, 2], y=[1, 2]), "Too few points"),
    (dict(x=[], y=[]), "no data"),
    (dict(x=[1, 2, 3, 4], y=[1, 2, 3, 4], bounds={"a": (2, 1)}), "lower < upper"),
    (dict(x=[1, 2, 3, 4], y=[1, 2, 3, 4], method="lm", bounds={"a": (0, 1)}), "supports neither"),
    (dict(x=[1, 2, 3, 4], y=[1, 2, 3, 4], method="lm", loss="huber"), "supports neither"),
    (dict(x=[1, 2, 3, 4], y=[1, 2, 3, 4], loss="l2"), "loss"),
    (dict(x=[1, 2, 3, 4], y=[1, 2, 3, 4], method="bfgs"), "method"),
    (dict(x=[1, 2, 3, 4], y=[1, 2, 3, 4], p0={"z": 1}), "unknown parameters"),
    (dict(x=[1, 2, 3, 4], y=[1, 2, 3, 4], sigma=[1, 0, 1, 1]), "sigma"),
    (dict(x=[1, 2, 3, 4], y=[1, 2, 3, 4], fixed={"a": 1, "b": 2}), "Every parameter is fixed"),
    (dict(x=[1, 2, 3, 4], y=[1, 2, 3, 4], f_scale=-1), "f_scale"),
])
def test_bad_input_raises_fit_error(kwargs, match):
    x, y = kwargs.pop("x"), kwargs.pop("y")
    with pytest.raises(FitError, match=match):
        fit_curve("linear", x, y, **kwargs)


def test_formula_without_parameters_or_predictor():
    with pytest.raises(ExpressionError, match="no parameters"):
        fit_curve("2*x", [1, 2, 3], [1, 2, 3])
    with pytest.raises(ExpressionError, match="does not use the predictor"):
        fit_curve("a + b", [1, 2, 3], [1, 2, 3])


def test_start_outside_bounds_is_moved_with_a_note(decay):
    r = fit_curve("exponential", *decay, p0={"k": 5.0}, bounds={"k": (0.1, 2.0)})
    assert r.success and any("outside its bounds" in w for w in r.warnings)


def test_parameter_names():
    assert parameter_names("gaussian") == ("amplitude", "center", "sigma")
    assert parameter_names("poly4") == ("c0", "c1", "c2", "c3", "c4")


def test_compare_models_ranks_by_aic(decay):
    results, rows = compare_models(["linear", "exponential", "poly2", "a*log(-x)"], *decay)
    ok = [r for r in rows if r["status"] == "ok"]
    assert ok[0]["model"] == "exponential" and ok[0]["ΔAIC"] == 0
    assert_allclose(sum(r["Akaike weight"] for r in ok), 1.0)
    assert rows[-1]["model"] == "a*log(-x)" and rows[-1]["status"] != "ok"


def test_large_problem_uses_default_tolerances():
    x = np.linspace(0, 10, 60_000)
    r = fit_curve("exponential", x, 3 * np.exp(-0.7 * x) + 0.5)
    assert r.success and "ftol" not in r.call
    small = fit_curve("exponential", x[::100], 3 * np.exp(-0.7 * x[::100]) + 0.5)
    assert small.call["ftol"] == 1e-15


def test_work_is_bounded():
    # A long formula on many points would keep the server busy for minutes: refused up front.
    x = np.linspace(0, 1, 2_000_000)
    long_formula = " + ".join(f"a{i}*x" for i in range(80))
    with pytest.raises(FitError, match="too large"):
        fit_curve(long_formula, x, x)
    with pytest.raises(FitError, match="At most"):
        compare_models(["linear"] * 13, x[:10], x[:10])


def test_evaluation_limit_scales_with_size():
    small = fit_curve("exponential", np.linspace(0, 1, 50), np.exp(-np.linspace(0, 1, 50)), method="lm")
    assert small.call["maxfev"] == 100_000
    x = np.linspace(0, 1, 1_000_000)
    big = fit_curve("exponential", x, np.exp(-x), method="lm")
    assert big.call["maxfev"] < 1_000


@pytest.mark.parametrize("method, message, words", [
    ("lm", "Both actual and predicted relative reductions in the sum of squares are at most 0.000000",
     "the sum of squares stopped improving (relative change below ftol = 1.5e-08)"),
    ("lm", "The relative error between two consecutive iterates is at most 0.000000",
     "the parameters stopped changing (relative step below xtol = 1.5e-08)"),
    ("trf", "`gtol` termination condition is satisfied.", "the gradient vanished (below gtol = 1e-08): a minimum"),
    ("trf", "Both `ftol` and `xtol` termination conditions are satisfied.",
     "the sum of squares stopped improving (relative change below ftol = 1e-08) and the parameters stopped "
     "changing (relative step below xtol = 1e-08)"),
    ("trf", "something else", "something else"),
])
def test_stopping_messages_in_words(method, message, words):
    from core.fitting import plain_message

    assert plain_message(message, method) == words
    assert "0.000000" not in plain_message(message, method)


def test_undefined_trial_values_are_noted_on_the_page_and_silenced_in_the_script_alike(run_script):
    """A robust 4PL fit makes trf try c < 0, where (x/c)^b is NaN: the page says so in a note, and the exported
    script runs without NumPy's RuntimeWarning (made an error here) and gives the page's numbers."""
    import io as _io
    import pandas as _pd
    from core.fitting import export_frame, fit_script
    from core.fitting.samples import SAMPLES
    df = _pd.read_csv(_io.BytesIO(SAMPLES.load("dose_response")))
    x, y = df["dose_uM"].to_numpy(float), df["response_pct"].to_numpy(float)
    result = fit_curve("logistic4", x, y, loss="soft_l1")
    assert result.success and result.undefined_trials > 0
    assert any("undefined" in note for note in result.warnings)
    script = fit_script(result, export_frame(x, y))
    assert "np.errstate(invalid='ignore')" in script
    printed = run_script("import warnings\nwarnings.simplefilter('error', RuntimeWarning)\n" + script)
    for name in result.parameter_names:
        assert printed[name] == pytest.approx(result.params[name], rel=1e-9)
    plain = fit_curve("logistic4", x, y)        # least squares never leaves the defined region here
    assert plain.undefined_trials == 0 and "errstate" not in fit_script(plain, export_frame(x, y))
