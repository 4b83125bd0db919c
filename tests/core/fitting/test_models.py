"""Every registered model: its guess is finite and a fit from it recovers the synthetic truth."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from core.common import FitError
from core.fitting import fit_curve
from core.fitting import MAX_POLY_DEGREE, MODELS, get_model, polynomial
from core.fitting import TRUE_PARAMS, make_curve_data


@pytest.mark.parametrize("key", list(MODELS))
def test_every_model_has_synthetic_truth(key):
    assert set(TRUE_PARAMS[key][0]) == set(MODELS[key].parameters)


@pytest.mark.parametrize("key", list(MODELS))
def test_fit_from_guess_recovers_truth(key):
    data = make_curve_data(key, 300, noise=0.005, rng=1)
    result = fit_curve(key, data.x, data.y)
    assert result.success, result.message
    truth = TRUE_PARAMS[key][0]
    if key == "damped_sine":  # the phase is defined modulo 2*pi
        result_phase = (result.params["phase"] - truth["phase"] + np.pi) % (2 * np.pi) - np.pi
        assert abs(result_phase) < 0.05
        truth = {k: v for k, v in truth.items() if k != "phase"}
    for k, v in truth.items():
        value = abs(result.params[k]) if k in ("sigma", "gamma") else result.params[k]
        assert_allclose(value, v, rtol=0.05, atol=0.05, err_msg=k)


@pytest.mark.parametrize("key", list(MODELS))
def test_guess_is_finite_on_awkward_data(key):
    x = np.linspace(0.1, 3, 25)
    for y in (np.zeros(25), -np.ones(25), np.linspace(5, -5, 25)):
        guess = MODELS[key].guess(x, y)
        assert set(guess) == set(MODELS[key].parameters)
        assert all(np.isfinite(v) for v in guess.values())


def test_polynomial_registry():
    assert get_model("poly7").parameters == tuple(f"c{i}" for i in range(8))
    assert get_model("nope") is None
    for bad in (0, MAX_POLY_DEGREE + 1, 2.5, True):
        with pytest.raises(FitError):
            polynomial(bad)
    with pytest.raises(FitError, match="degree"):
        get_model(f"poly{MAX_POLY_DEGREE + 1}")  # a URL cannot ask for a degree-1000 polynomial
