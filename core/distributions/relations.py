"""How distributions relate: limits shown by overlay (binomial to Poisson and to normal, Poisson to normal, t to
normal, gamma to normal) with the largest gap between the two cdfs, and the central limit theorem as the
distribution of the mean of n draws."""

import math

import numpy as np

from core.common.budget import DISTRIBUTION_VIEW_SECONDS
from core.common.distributions import check_work, frozen
from core.common.errors import DataError
from core.distributions.explore import is_discrete, max_draws, support_grid

__all__ = ["APPROXIMATIONS", "approximation", "cdf_gap", "clt_means", "MAX_CLT_DRAWS"]

APPROXIMATIONS = {
    "binom_poisson": "binomial(n, p) → Poisson(np): many trials, rare successes",
    "binom_norm": "binomial(n, p) → normal(np, √(np(1-p))): many trials",
    "poisson_norm": "Poisson(μ) → normal(μ, √μ): a large mean",
    "t_norm": "Student's t(df) → normal(0, 1): many degrees of freedom",
    "gamma_norm": "gamma(a) → normal(a, √a): a large shape",
}
#: Draws (n x repetitions) for the central-limit view.
MAX_CLT_DRAWS = 5_000_000


def approximation(kind, *, n=30, p=0.1, mu=10.0, df=5.0, a=5.0):
    """((exact name, params), (approximating name, params)) for one of :data:`APPROXIMATIONS`."""
    if kind == "binom_poisson":
        return ("binom", {"n": int(n), "p": p}), ("poisson", {"mu": n * p})
    if kind == "binom_norm":
        return ("binom", {"n": int(n), "p": p}), ("norm", {"loc": n * p, "scale": math.sqrt(n * p * (1 - p))})
    if kind == "poisson_norm":
        return ("poisson", {"mu": mu}), ("norm", {"loc": mu, "scale": math.sqrt(mu)})
    if kind == "t_norm":
        return ("t", {"df": df}), ("norm", {})
    if kind == "gamma_norm":
        return ("gamma", {"a": a}), ("norm", {"loc": a, "scale": math.sqrt(a)})
    raise DataError(f"Unknown approximation {kind!r}; choose one of {', '.join(APPROXIMATIONS)}.")


def cdf_gap(exact, approx):
    """The largest |F_exact - F_approx| over the exact distribution's support (at its whole numbers, with the
    normal's continuity correction x + 1/2, for a discrete one)."""
    d, a = frozen(*exact), frozen(*approx)
    discrete = is_discrete(exact[0])
    x = support_grid(d, discrete, points=2000)
    shift = 0.5 if discrete and not is_discrete(approx[0]) else 0.0
    return float(np.max(np.abs(d.cdf(x) - a.cdf(x + shift))))


def clt_means(name, params, n, *, reps=10_000, rng=0):
    """`reps` means of `n` draws each: their distribution approaches normal(μ, σ/√n) when the variance is finite
    (and never does for the Cauchy, whose mean of n draws is again Cauchy)."""
    n, reps = int(n), int(reps)
    if not (1 <= n and 1 <= reps and n * reps <= MAX_CLT_DRAWS):
        raise DataError(f"n x repetitions must be at most {MAX_CLT_DRAWS:,}; got {n:,} x {reps:,}.")
    check_work(name, "rvs", n * reps / 1000, DISTRIBUTION_VIEW_SECONDS, what=f"{reps:,} means of {n:,} draws of {name}",
               reduce=f"use fewer repetitions (at most {max(max_draws(name) // n, 1):,} for n = {n:,})")
    draws = frozen(name, params).rvs(size=(reps, n), random_state=np.random.default_rng(rng))
    return draws.mean(axis=1)
