"""Synthetic samples for the density page: known distributions, for teaching and what-ifs."""

import numpy as np
import pandas as pd

from core.common.errors import LimitError
from core.common.synthetic import Generator
from core.common.validate import MAX_SYNTHETIC_POINTS

__all__ = ["make_distribution_data", "DISTRIBUTION_KINDS", "DISTRIBUTIONS_SYNTHETIC"]


#: Synthetic distributions for the density page: key -> (description, generator(rng, n) -> (value, group)).
DISTRIBUTION_KINDS = {
    "mixture": "bimodal normal mixture: 60% N(0, 1) and 40% N(4, 0.5)",
    "lognormal": "skewed: log-normal (mu 0, sigma 0.6)",
    "t3": "heavy-tailed: Student's t with 3 df",
    "exponential": "bounded at 0: exponential with mean 1",
    "beta": "bounded at 0 and 1: beta(2, 5)",
}


def make_distribution_data(kind, n=1000, *, rng=None):
    """A sample from one of :data:`DISTRIBUTION_KINDS`: columns ``value``, ``group`` (mixture component or
    'all') and ``y`` (a second variable correlated with value, for 2-D densities)."""
    if kind not in DISTRIBUTION_KINDS:
        raise LimitError(f"No synthetic distribution {kind!r}; choose one of {list(DISTRIBUTION_KINDS)}.")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 3 <= n <= MAX_SYNTHETIC_POINTS:
        raise LimitError(f"The number of points must be a whole number from 3 to {MAX_SYNTHETIC_POINTS:,}, got {n!r}.")
    gen = np.random.default_rng(rng)
    group = np.full(n, "all", dtype=object)
    if kind == "mixture":
        first = gen.random(n) < 0.6
        value = np.where(first, gen.normal(0, 1, n), gen.normal(4, 0.5, n))
        group = np.where(first, "A", "B")
    elif kind == "lognormal":
        value = gen.lognormal(0, 0.6, n)
    elif kind == "t3":
        value = gen.standard_t(3, n)
    elif kind == "exponential":
        value = gen.exponential(1.0, n)
    else:
        value = gen.beta(2, 5, n)
    y = 0.6 * (value - value.mean()) / (value.std() or 1) + 0.8 * gen.normal(size=n)
    return pd.DataFrame({"value": value, "group": group, "y": y})


#: The density page's synthetic source: samples of known distributions.
DISTRIBUTIONS_SYNTHETIC = Generator(
    name="distribution", model_label="Distribution", models=tuple(DISTRIBUTION_KINDS), make=make_distribution_data,
    caption=lambda model: (f"{DISTRIBUTION_KINDS[model].capitalize()}. Columns: value, group (mixture component), "
                           "y (correlated with value, for 2-D)."),
    defaults=lambda model: {"columns": ["value"],
                            "bounds": {"exponential": (0.0, None), "beta": (0.0, 1.0)}.get(model)})
