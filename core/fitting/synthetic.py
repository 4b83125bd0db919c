"""Synthetic data from the built-in models: known truth plus Gaussian noise, for teaching and what-ifs."""

import numpy as np
import pandas as pd

from core.common.errors import LimitError
from core.common.synthetic import Generator
from core.common.validate import MAX_SYNTHETIC_POINTS
from core.fitting.models import get_model

__all__ = ["make_curve_data", "TRUE_PARAMS", "CURVES"]

#: True parameters and x range used for each model's synthetic data.
TRUE_PARAMS = {
    "linear": ({"a": 1.5, "b": -2.0}, (0.0, 10.0)),
    "poly2": ({"c0": 1.0, "c1": -2.0, "c2": 0.5}, (-2.0, 6.0)),
    "poly3": ({"c0": 0.0, "c1": 3.0, "c2": -1.5, "c3": 0.2}, (-1.0, 7.0)),
    "exponential": ({"a": 5.0, "k": 0.8, "c": 1.0}, (0.0, 8.0)),
    "power": ({"a": 2.0, "b": 1.5}, (0.5, 10.0)),
    "logistic4": ({"a": 5.0, "d": 95.0, "c": 3.0, "b": 2.0}, (0.05, 30.0)),
    "gaussian": ({"amplitude": 10.0, "center": 5.0, "sigma": 1.2}, (0.0, 10.0)),
    "lorentzian": ({"amplitude": 8.0, "center": 4.0, "gamma": 0.7}, (0.0, 10.0)),
    "damped_sine": ({"amplitude": 3.0, "decay": 0.3, "frequency": 0.8, "phase": 0.5, "offset": 1.0},
                    (0.0, 10.0)),
    "michaelis_menten": ({"vmax": 200.0, "km": 0.1}, (0.01, 1.2)),
    "hill": ({"vmax": 100.0, "k": 2.0, "n": 2.5}, (0.05, 8.0)),
}


def make_curve_data(model, n=200, *, noise=0.05, rng=None):
    """x, y (and the noise-free truth) for a built-in model with Gaussian noise.

    Parameters
    ----------
    model : str
        Key of :data:`TRUE_PARAMS`.
    n : int
        Number of points, 3 to :data:`MAX_SYNTHETIC_POINTS`.
    noise : float
        Noise standard deviation relative to the range of the true curve (0 to 1).
    rng : int or numpy.random.Generator, optional
        Seed or generator.

    Returns
    -------
    pandas.DataFrame
        Columns ``x``, ``y``, ``sigma`` (the noise level used) and ``truth``.
    """
    if model not in TRUE_PARAMS:
        raise LimitError(f"No synthetic generator for {model!r}; choose one of {list(TRUE_PARAMS)}.")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 3 <= n <= MAX_SYNTHETIC_POINTS:
        raise LimitError(f"The number of points must be a whole number from 3 to {MAX_SYNTHETIC_POINTS:,}, got {n!r}.")
    noise = float(noise)
    if not 0 <= noise <= 1:
        raise LimitError(f"The relative noise must be between 0 and 1, got {noise}.")
    params, (lo, hi) = TRUE_PARAMS[model]
    rng = np.random.default_rng(rng)
    x = np.linspace(lo, hi, int(n))
    expr = get_model(model).expression
    truth = expr(x, *[params[k] for k in expr.parameters])
    scale = noise * (float(np.ptp(truth)) or 1.0)
    y = truth + rng.normal(0.0, 1.0, x.size) * scale
    return pd.DataFrame({"x": x, "y": y, "sigma": np.full(x.size, scale if scale > 0 else 1.0), "truth": truth})


def _caption(model):
    params, _ = TRUE_PARAMS[model]
    return ("True parameters: " + ", ".join(f"{k} = {v:g}" for k, v in params.items())
            + ". The sigma column is the noise level used.")


#: The curve-fitting page's synthetic source: a built-in model's truth plus noise.
CURVES = Generator(name="curve", model_label="True model", models=tuple(TRUE_PARAMS), make=make_curve_data,
                   caption=_caption, defaults=lambda model: {"x": "x", "y": "y", "model": model},
                   default_n=200, has_noise=True)
