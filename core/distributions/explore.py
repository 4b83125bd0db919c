"""Choosing a distribution to explore: every scipy.stats distribution (the common ones first, then by name),
starting parameters that show something useful, overlays typed as text (parsed against SciPy's names, never
evaluated), and draws within a work budget."""

import math
import re

import numpy as np
from scipy import stats

from core.common.budget import DISTRIBUTION_VIEW_SECONDS
from core.common.distribution_costs import COSTS
from core.common.distributions import (CONTINUOUS, DISCRETE, affordable_points, check_work, frozen,
                                       parameter_names)
from core.common.errors import DataError
from core.common.validate import parse_assignments

__all__ = ["FAMILIES", "COMMON", "LABELS", "LEFT_OUT", "starting_params", "parse_overlays", "draw", "MAX_DRAWS",
           "MAX_OVERLAYS", "is_discrete", "support_grid", "max_draws", "view_grid", "parse_fixed"]

#: The common families, first in the list, with starting parameters chosen to show their shape.
_START = {"norm": {}, "t": {"df": 5}, "chi2": {"df": 3}, "f": {"dfn": 5, "dfd": 12}, "expon": {}, "gamma": {"a": 2},
          "beta": {"a": 2, "b": 5}, "lognorm": {"s": 0.5}, "weibull_min": {"c": 1.5}, "cauchy": {}, "uniform": {},
          "pareto": {"b": 3}, "logistic": {}, "laplace": {}, "gumbel_r": {}, "rayleigh": {}, "invgauss": {"mu": 0.5},
          "halfnorm": {}, "skewnorm": {"a": 4}, "genextreme": {"c": -0.1},
          "binom": {"n": 20, "p": 0.3}, "poisson": {"mu": 4}, "nbinom": {"n": 5, "p": 0.5}, "geom": {"p": 0.3},
          "hypergeom": {"M": 50, "n": 10, "N": 12}, "bernoulli": {"p": 0.3}}
COMMON = tuple(_START)
#: scipy.stats distributions the page leaves out, and why.
LEFT_OUT = {name: entry["skip"] for name, entry in COSTS.items() if "skip" in entry}
_OTHERS = sorted(n for n in (*CONTINUOUS, *DISCRETE) if n not in _START and n not in LEFT_OUT)
FAMILIES = COMMON + tuple(_OTHERS)
#: Names the page has always shown (links carry them), and a few SciPy's docstrings put less plainly.
_NAMED = {"norm": "normal", "t": "Student's t", "chi2": "chi-square", "f": "F", "expon": "exponential",
          "gamma": "gamma", "beta": "beta", "lognorm": "log-normal", "weibull_min": "Weibull", "cauchy": "Cauchy",
          "uniform": "uniform", "pareto": "Pareto", "logistic": "logistic", "laplace": "Laplace",
          "gumbel_r": "Gumbel", "rayleigh": "Rayleigh", "invgauss": "inverse Gaussian", "halfnorm": "half-normal",
          "skewnorm": "skew-normal", "genextreme": "generalized extreme value", "binom": "binomial",
          "poisson": "Poisson", "nbinom": "negative binomial", "geom": "geometric", "hypergeom": "hypergeometric",
          "bernoulli": "Bernoulli", "dlaplace": "discrete Laplacian"}
_DOC = re.compile(r"^(?:an?|the)\s+|\s*(?:continuous|discrete)?\s*(?:random variable|distribution)\.?$", re.I)


def _label(name):
    """A readable name from SciPy's own docstring ("A Burr (Type III) continuous random variable.")."""
    if name in _NAMED:
        return _NAMED[name]
    first = ((getattr(stats, name).__doc__ or "").strip().splitlines() or [name])[0]
    text = " ".join(_DOC.sub("", _DOC.sub("", first.strip())).split())
    return text or name


LABELS = {name: _label(name) for name in FAMILIES}


def _round(v):
    return float(f"{v:.3g}")


def _probed_start(name):
    """SciPy's own test parameters for the family (recorded by the probe), rounded to 3 digits where the rounded
    values are still valid."""
    shapes = [s for s in parameter_names(name) if s not in ("loc", "scale")]
    values = list(COSTS.get(name, {}).get("params", []))[:len(shapes)]
    if len(values) < len(shapes):
        raise DataError(f"The page has no starting parameters for {name}.")
    for candidate in ([_round(v) for v in values], values):
        params = dict(zip(shapes, candidate))
        try:
            frozen(name, params)
        except DataError:
            continue
        return params
    raise DataError(f"SciPy's test parameters for {name} are not valid: {values}.")


MAX_DRAWS = 1_000_000
MAX_OVERLAYS = 4
_OVERLAY = re.compile(r"^\s*([a-z_0-9]+)\s*(?:\((.*)\))?\s*$")


def is_discrete(name):
    return name in DISCRETE


def starting_params(name):
    if name not in FAMILIES:
        why = LEFT_OUT.get(name)
        raise DataError(f"The page leaves {name} out: {why}." if why else
                        f"There is no scipy.stats distribution {name!r} on this page.")
    return dict(_START[name]) if name in _START else _probed_start(name)


def support_grid(d, discrete, points=600, *, whole=2000):
    """Where to draw: `points` from the 0.1% to the 99.9% quantile (at most `whole` whole numbers for a discrete
    distribution)."""
    lo, hi = d.ppf([0.001, 0.999])
    if discrete:
        lo, hi = int(lo), int(hi)
        return np.arange(lo, hi + 1) if hi - lo < whole else np.unique(np.linspace(lo, hi, whole).round())
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    return np.linspace(lo, hi, points)


def view_grid(name, params, stages=("pdf",), *, want=600, share=1.0):
    """(frozen distribution, discrete, grid) for a plot evaluating the per-point `stages` on the grid, with as
    many points (at most `want`) as `share` of the view's work budget affords for this family."""
    d, discrete = frozen(name, params), is_discrete(name)
    budget = share * DISTRIBUTION_VIEW_SECONDS
    n = affordable_points(name, stages, want if not discrete else max(want, 2000), budget, what="This plot")
    return d, discrete, support_grid(d, discrete, min(n, want), whole=n)


def parse_fixed(text):
    """Parameters to hold in a fit, from text such as ``"loc=0; scale=2"``: names and finite numbers only, nothing
    evaluated. Whether a candidate has the parameter is decided per candidate."""
    return parse_assignments(text, max_items=8, what="held parameter", example="loc=0")


def parse_overlays(text):
    """``[(name, params)]`` from text such as ``"norm; t(df=1); t(df=30)"``: names the page offers and
    ``key=number`` pairs only (nothing is evaluated), each checked against its ranges."""
    out = []
    for part in (p for p in re.split(r"[;\n]", text or "") if p.strip()):
        m = _OVERLAY.match(part)
        if not m or m.group(1) not in FAMILIES:
            raise DataError(f"Write each overlay as a distribution's scipy name with optional parameters, e.g. "
                            f"t(df=30); could not read {part.strip()[:40]!r}.")
        name, args = m.group(1), m.group(2) or ""
        params = starting_params(name)
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


def max_draws(name):
    """The most draws of `name` the page takes at once: :data:`MAX_DRAWS`, fewer where SciPy draws slowly (by
    inverting a numerical cdf)."""
    per = COSTS.get(name, {}).get("rvs", 0.0)
    per = math.inf if isinstance(per, str) else per / 1000
    return MAX_DRAWS if per <= 0 else int(min(MAX_DRAWS, DISTRIBUTION_VIEW_SECONDS / per))


def draw(name, params, size, *, rng=0):
    """``dist.rvs(size=size, random_state=rng)`` with the size bounded (and budgeted for slow families)."""
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or not 1 <= size <= MAX_DRAWS:
        raise DataError(f"Draw from 1 to {MAX_DRAWS:,} values, got {size!r}.")
    check_work(name, "rvs", size / 1000, DISTRIBUTION_VIEW_SECONDS, what=f"Drawing {size:,} values of {name}",
               reduce=f"draw at most {max(max_draws(name), 1):,} (SciPy draws {name} by inverting its cdf)")
    return frozen(name, params).rvs(size=int(size), random_state=np.random.default_rng(rng))
