"""Choosing a distribution to explore: the families the page offers (the common ones first), starting parameters
that show something useful, overlays typed as text (parsed against SciPy's names, never evaluated), and draws."""

import re

import numpy as np

from core.common.distributions import DISCRETE, frozen, parameter_names
from core.common.errors import DataError

__all__ = ["FAMILIES", "LABELS", "starting_params", "parse_overlays", "draw", "MAX_DRAWS", "MAX_OVERLAYS",
           "is_discrete", "support_grid"]

#: The families offered, with starting parameters. Not every scipy.stats distribution yet: a probe found some
#: that take seconds to minutes for a plot (gausshyper, rel_breitwigner, studentized_range), so the list grows
#: as each family is checked against a work budget.
_START = {"norm": {}, "t": {"df": 5}, "chi2": {"df": 3}, "f": {"dfn": 5, "dfd": 12}, "expon": {}, "gamma": {"a": 2},
          "beta": {"a": 2, "b": 5}, "lognorm": {"s": 0.5}, "weibull_min": {"c": 1.5}, "cauchy": {}, "uniform": {},
          "pareto": {"b": 3}, "logistic": {}, "laplace": {}, "gumbel_r": {}, "rayleigh": {}, "invgauss": {"mu": 0.5},
          "halfnorm": {}, "skewnorm": {"a": 4}, "genextreme": {"c": -0.1},
          "binom": {"n": 20, "p": 0.3}, "poisson": {"mu": 4}, "nbinom": {"n": 5, "p": 0.5}, "geom": {"p": 0.3},
          "hypergeom": {"M": 50, "n": 10, "N": 12}, "bernoulli": {"p": 0.3}}
FAMILIES = tuple(_START)
LABELS = {"norm": "normal", "t": "Student's t", "chi2": "chi-square", "f": "F", "expon": "exponential",
          "gamma": "gamma", "beta": "beta", "lognorm": "log-normal", "weibull_min": "Weibull", "cauchy": "Cauchy",
          "uniform": "uniform", "pareto": "Pareto", "logistic": "logistic", "laplace": "Laplace",
          "gumbel_r": "Gumbel", "rayleigh": "Rayleigh", "invgauss": "inverse Gaussian", "halfnorm": "half-normal",
          "skewnorm": "skew-normal", "genextreme": "generalized extreme value", "binom": "binomial",
          "poisson": "Poisson", "nbinom": "negative binomial", "geom": "geometric", "hypergeom": "hypergeometric",
          "bernoulli": "Bernoulli"}
MAX_DRAWS = 1_000_000
MAX_OVERLAYS = 4
_OVERLAY = re.compile(r"^\s*([a-z_0-9]+)\s*(?:\((.*)\))?\s*$")


def is_discrete(name):
    return name in DISCRETE


def starting_params(name):
    if name not in _START:
        raise DataError(f"The page does not offer {name!r} yet; choose one of {', '.join(FAMILIES)}.")
    return dict(_START[name])


def support_grid(d, discrete, points=600):
    """Where to draw: the 0.1% to 99.9% quantiles (whole numbers for a discrete distribution)."""
    lo, hi = d.ppf([0.001, 0.999])
    if discrete:
        lo, hi = int(lo), int(hi)
        return np.arange(lo, hi + 1) if hi - lo <= 2000 else np.unique(np.linspace(lo, hi, 2000).round())
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    return np.linspace(lo, hi, points)


def parse_overlays(text):
    """``[(name, params)]`` from text such as ``"norm; t(df=1); t(df=30)"``: names the page offers and
    ``key=number`` pairs only (nothing is evaluated), each checked against its ranges."""
    out = []
    for part in (p for p in re.split(r"[;\n]", text or "") if p.strip()):
        m = _OVERLAY.match(part)
        if not m or m.group(1) not in _START:
            raise DataError(f"Write each overlay as a distribution's scipy name with optional parameters, e.g. "
                            f"t(df=30); could not read {part.strip()[:40]!r}.")
        name, args = m.group(1), m.group(2) or ""
        params = dict(_START[name])
        for pair in (a for a in args.split(",") if a.strip()):
            key, _, value = pair.partition("=")
            key = key.strip()
            if key not in parameter_names(name):
                raise DataError(f"{name} has no parameter {key[:20]!r}; its parameters are "
                                f"{', '.join(parameter_names(name))}.")
            try:
                params[key] = float(value)
            except ValueError:
                raise DataError(f"{key} must be a number in {part.strip()[:40]!r}.") from None
        frozen(name, params)
        out.append((name, params))
        if len(out) > MAX_OVERLAYS:
            raise DataError(f"At most {MAX_OVERLAYS} overlays.")
    return out


def draw(name, params, size, *, rng=0):
    """``dist.rvs(size=size, random_state=rng)`` with the size bounded."""
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or not 1 <= size <= MAX_DRAWS:
        raise DataError(f"Draw from 1 to {MAX_DRAWS:,} values, got {size!r}.")
    return frozen(name, params).rvs(size=int(size), random_state=np.random.default_rng(rng))
