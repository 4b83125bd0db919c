import numpy as np
import pytest

from core.fitting import compare_figure, correlation_figure, fit_figure, residual_figure
from core.fitting import fit_curve


def _points(fig):
    return max(len(t.x) for t in fig.data if t.x is not None)


@pytest.fixture(scope="module")
def big():
    x = np.linspace(0, 10, 1_000_000)
    y = 2.0 * np.exp(-0.3 * x) + np.random.default_rng(0).normal(0, 0.01, x.size)
    return x, y, fit_curve("exponential", x, y)


def test_fit_figure_is_decimated_with_note(big):
    x, y, r = big
    fig, note = fit_figure(r, x, y)
    assert _points(fig) <= 4000 and "1,000,000" in note
    names = [t.name for t in fig.data]
    assert "fit" in names and "95% confidence band" in names and "95% prediction band" in names
    assert len(fig.to_json()) < 2_000_000  # a raw million-point scatter is ~27 MB


def test_residual_figures_decimated(big):
    x, y, r = big
    for kind in ("qq", "hist"):
        fig, note = residual_figure(r, x, y, kind=kind)
        assert _points(fig) <= 4000 and note


def test_band_shrinks_with_confidence_level():
    x = np.linspace(0, 1, 30)
    r = fit_curve("linear", x, x + np.random.default_rng(1).normal(0, 0.1, 30))
    wide = r.confidence_band(x, 0.99)
    narrow = r.confidence_band(x, 0.68)
    assert np.all(wide > narrow)
    fig, _ = fit_figure(r, x, x, confidence_level=0.68)
    assert any(t.name == "68% confidence band" for t in fig.data)


def test_failed_fit_draws_start_curve_without_bands():
    x = np.linspace(1, 5, 20)
    r = fit_curve("a*log(-x - b)", x, x, p0={"a": 1, "b": 1})
    fig, _ = fit_figure(r, x, x)
    assert [t.name for t in fig.data] == ["data", "start values"]
    assert correlation_figure(r) is None


def test_several_predictors_observed_vs_fitted():
    X = np.random.default_rng(2).uniform(0, 1, (2, 40))
    r = fit_curve("a*x1 + b*x2", X, 2 * X[0] - X[1])
    fig, _ = fit_figure(r, X, 2 * X[0] - X[1])
    assert fig.layout.xaxis.title.text.startswith("fitted")


def test_compare_and_correlation():
    x = np.linspace(0, 4, 40)
    y = 3 * np.exp(-x) + 0.1 * np.cos(9 * x)
    fits = [("exp", fit_curve("exponential", x, y)), ("line", fit_curve("linear", x, y))]
    fig, _ = compare_figure(fits, x, y)
    assert [t.name for t in fig.data] == ["data", "exp", "line"]
    corr = correlation_figure(fits[0][1])
    assert corr.data[0].z.shape == (3, 3)


def test_qq_points_match_scipy_probplot():
    from scipy import stats as st

    from core.common import qq_points as _qq_points

    values = np.random.default_rng(3).standard_t(5, 501)
    (theo, ordered), _ = st.probplot(values, dist="norm")
    qx, qy = _qq_points(values, 10_000)
    np.testing.assert_allclose(qx, theo, rtol=1e-12)
    np.testing.assert_array_equal(qy, ordered)
    qx, qy = _qq_points(values, 50)
    assert qx.size <= 50 and qy[0] == ordered[0] and qy[-1] == ordered[-1]


def test_log_x_axis_uses_a_geometric_grid():
    x = np.geomspace(0.1, 100, 30)
    r = fit_curve("logistic4", x, 5 + 90 / (1 + (x / 4) ** -1.8))
    fig, _ = fit_figure(r, x, r.predict(x), log_x=True)
    curve = next(t for t in fig.data if t.name == "fit")
    assert fig.layout.xaxis.type == "log" and np.allclose(np.diff(np.log(curve.x)), np.log(1000) / 399)
    fig, _ = fit_figure(r, x - 1, r.predict(x), log_x=True)  # x <= 0: stays linear
    assert fig.layout.xaxis.type != "log"


def test_fitted_frame_holds_the_fit_and_residuals():
    from core.fitting import fitted_frame

    x = np.linspace(0, 5, 30)
    y = 2.0 * x + 1.0 + np.sin(7 * x) * 0.1
    r = fit_curve("linear", x, y)
    frame = fitted_frame(r, {"t": x, "v": y}, x, "v")
    assert list(frame.columns) == ["t", "v", "fitted", "residual"]
    # an independent least-squares line: numpy.polyfit
    slope, intercept = np.polyfit(x, y, 1)
    np.testing.assert_allclose(frame["fitted"], slope * x + intercept, rtol=1e-8)
    np.testing.assert_allclose(frame["residual"], y - (slope * x + intercept), atol=1e-8)


def test_fitted_frame_never_replaces_the_users_columns():
    from core.fitting import fitted_frame

    x = np.linspace(0, 5, 30)
    y = 3.0 * x - 1.0
    r = fit_curve("linear", x, y)
    # The user's x is called "fitted" and y "residual": both must survive unchanged.
    frame = fitted_frame(r, {"fitted": x, "residual": y}, x, "residual")
    assert list(frame.columns) == ["fitted", "residual", "fitted_2", "residual_2"]
    np.testing.assert_array_equal(frame["fitted"], x)
    np.testing.assert_array_equal(frame["residual"], y)
    np.testing.assert_allclose(frame["fitted_2"], y, atol=1e-9)
    np.testing.assert_allclose(frame["residual_2"], 0, atol=1e-9)
