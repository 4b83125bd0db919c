"""scipy.stats distributions by name: their parameters checked against the ranges SciPy declares, probabilities
and quantiles computed the accurate way, and maximum-likelihood fits (shared by the kernel-density page's
parametric fits and the distributions page).
"""

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from core.common.budget import DISTRIBUTION_FIT_SECONDS, BudgetError, check_budget
from core.common.distribution_costs import COSTS
from core.common.errors import DataError

__all__ = ["CONTINUOUS", "DISCRETE", "distribution", "parameter_names", "parameter_ranges", "frozen",
           "probability", "log_probability", "quantile", "DistFit", "fit", "MAX_FIT_POINTS", "default_bounds",
           "stage_cost", "check_work", "affordable_points", "fit_seconds", "FITTABLE_DISCRETE",
           "discrete_objective", "MAX_DISTINCT_COUNTS", "discrete_box"]

CONTINUOUS = tuple(sorted({*stats._continuous_distns._distn_names, "levy_stable"}))  # levy_stable is listed apart
DISCRETE = tuple(sorted(stats._discrete_distns._distn_names))
#: Points a maximum-likelihood fit takes (the optimizer evaluates the log-density many times).
MAX_FIT_POINTS = 1_000_000


#: What the probe's stages are called in messages.
_STAGE_WORDS = {"pdf": "the density", "cdf": "the cdf", "sf": "the survival function", "ppf": "the quantile function",
                "logpdf": "the log-density", "moments": "the moments", "entropy": "the entropy",
                "median": "the median", "rvs": "drawing", "fit": "a maximum-likelihood fit"}


def stage_cost(name, stage):
    """Seconds `stage` of `name` took in bench/probe_distributions.py (per point for pdf, cdf, sf, ppf, logpdf and
    fit; per 1,000 draws for rvs; per call for moments, entropy and median); ``inf`` when it did not finish
    within the probe's limit. Raises :class:`DataError` when SciPy itself failed there (the message says how)."""
    entry = COSTS.get(name)
    if entry is None or "skip" in entry:
        return 0.0 if entry is None else math.inf
    value = entry.get(stage, 0.0 if stage == "fit_fixed" else None)
    if value is None:
        return 0.0  # not probed (discrete fits): budgeted elsewhere
    if isinstance(value, str):
        if value.startswith("failed"):
            raise DataError(f"SciPy cannot give {_STAGE_WORDS.get(stage, stage)} of {name}: "
                            f"{value.removeprefix('failed: ')}")
        return math.inf
    return float(value)


def check_work(name, stage, count, budget, *, what, reduce):
    """Raise :class:`BudgetError` when `count` units of `stage` of `name` are estimated over `budget` seconds."""
    per = stage_cost(name, stage)
    if per == math.inf:
        raise BudgetError(f"{what} is too slow in SciPy to run here: it did not finish within the "
                          "probe's time limit (bench/probe_distributions.py).")
    check_budget(per * count, budget, what=what, reduce=reduce)


def affordable_points(name, stages, want, budget, *, least=30, what="This view"):
    """How many points (at most `want`) the per-point `stages` of `name` can take within `budget` seconds; under
    `least` raises :class:`BudgetError`."""
    per = sum(stage_cost(name, s) for s in stages)
    n = want if per <= 0 else int(min(want, budget / per)) if per < math.inf else 0
    if n < least:
        raise BudgetError(f"{what} is too slow in SciPy for {name} to draw here: {least} points would take about "
                          f"{least * per:.3g} s.")
    return n


def fit_seconds(name, n):
    """Estimated seconds of one maximum-likelihood fit of `n` points (the probe's fixed and per-point costs)."""
    return stage_cost(name, "fit_fixed") + stage_cost(name, "fit") * n


def distribution(name):
    """The scipy.stats distribution `name` (only SciPy's own distributions: the name comes from a user)."""
    if name not in CONTINUOUS and name not in DISCRETE:
        raise DataError(f"There is no scipy.stats distribution {name!r}.")
    return getattr(stats, name)


def parameter_names(name):
    """Shape names, then ``loc`` (and ``scale`` for continuous distributions), in SciPy's order."""
    dist = distribution(name)
    shapes = [s.name for s in dist._shape_info()]
    return tuple(shapes) + (("loc",) if name in DISCRETE else ("loc", "scale"))


def parameter_ranges(name):
    """``{parameter: (low, high, low included, high included, integer)}`` as SciPy declares them."""
    dist = distribution(name)
    ranges = {s.name: (*s.endpoints, *s.inclusive, s.integrality) for s in dist._shape_info()}
    ranges["loc"] = (-math.inf, math.inf, False, False, name in DISCRETE)
    if name not in DISCRETE:
        ranges["scale"] = (0.0, math.inf, False, False, False)
    return ranges


def _values(name, params):
    names = parameter_names(name)
    if isinstance(params, dict):
        unknown = set(params) - set(names)
        if unknown:
            raise DataError(f"{name} has no parameter {', '.join(sorted(unknown))}; its parameters are "
                            f"{', '.join(names)}.")
        defaults = {"loc": 0.0, "scale": 1.0}
        missing = [n for n in names if n not in params and n not in defaults]
        if missing:
            raise DataError(f"{name} needs {', '.join(missing)}.")
        values = [params.get(n, defaults.get(n)) for n in names]
    else:
        values = list(params)
        n_shapes = len(names) - (1 if name in DISCRETE else 2)
        if not n_shapes <= len(values) <= len(names):
            raise DataError(f"{name} takes {', '.join(names)} (loc and scale may be left out); got {len(values)} "
                            "values.")
        values += [{"loc": 0.0, "scale": 1.0}[n] for n in names[len(values):]]
    try:
        values = [float(v) for v in values]
    except (TypeError, ValueError):
        raise DataError("Parameters must be numbers.") from None
    for n, v in zip(names, values):
        lo, hi, lo_in, hi_in, integer = parameter_ranges(name)[n]
        inside = (lo < v or (lo_in and v == lo)) and (v < hi or (hi_in and v == hi)) and math.isfinite(v)
        if not inside or (integer and not float(v).is_integer()):
            left, right = "[" if lo_in else "(", "]" if hi_in else ")"
            kind = "a whole number in " if integer else ""
            raise DataError(f"{n} of {name} must be {kind}{left}{lo:g}, {hi:g}{right}; got {v:g}.")
    ranges = parameter_ranges(name)
    return [int(v) if ranges[n][4] else v for n, v in zip(names, values)]  # whole numbers as int (numpy's rvs)


def frozen(name, params):
    """The frozen distribution ``dist(*params)``, its parameters checked (the message names the valid range)."""
    return distribution(name)(*_values(name, params))


def _bounds(lower, upper):
    lower = -math.inf if lower is None else float(lower)
    upper = math.inf if upper is None else float(upper)
    if math.isnan(lower) or math.isnan(upper):
        raise DataError("The bounds must be numbers.")
    if lower > upper:
        raise DataError(f"The lower bound ({lower:g}) is above the upper bound ({upper:g}).")
    return lower, upper


def probability(name, params, *, lower=None, upper=None):
    """P(lower < X <= upper): ``cdf(upper) - cdf(lower)``, or ``sf(lower) - sf(upper)`` in the upper tail where
    that keeps the digits (1 - cdf loses them). For a discrete distribution P(a < X <= b) is exactly
    ``cdf(b) - cdf(a)``: the mass at a is not included, the mass at b is."""
    d = frozen(name, params)
    lower, upper = _bounds(lower, upper)
    if lower == upper:
        return 0.0
    if d.cdf(lower) > 0.5:  # both bounds in the upper half: survival functions are accurate there
        return float(max(d.sf(lower) - d.sf(upper), 0.0))
    return float(max(d.cdf(upper) - d.cdf(lower), 0.0))


def log_probability(name, params, *, lower=None, upper=None):
    """log P(lower < X <= upper), accurate where the probability underflows (1e-300 and below): ``logcdf``,
    ``logsf``, or their difference through ``log(1 - exp(.))``."""
    d = frozen(name, params)
    lower, upper = _bounds(lower, upper)
    if lower == upper:
        return -math.inf
    if lower == -math.inf:
        return float(d.logcdf(upper))
    if upper == math.inf:
        return float(d.logsf(lower))
    if d.cdf(lower) > 0.5:
        a, b = d.logsf(lower), d.logsf(upper)
    else:
        a, b = d.logcdf(upper), d.logcdf(lower)
    return float(a + np.log1p(-np.exp(b - a))) if a > b else -math.inf


def quantile(name, params, q):
    """``dist.ppf(q)`` for q in [0, 1] (a number or an array)."""
    q = np.asarray(q, dtype=float)
    if not np.all((q >= 0) & (q <= 1)):
        raise DataError("Probabilities must lie between 0 and 1.")
    out = frozen(name, params).ppf(q)
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class DistFit:
    """A maximum-likelihood fit: the parameters by name, log-likelihood, AIC and BIC (k counts the free ones)."""

    name: str
    params: dict
    loglik: float
    k: int
    n: int
    fixed: dict = field(default_factory=dict)
    notes: tuple = ()

    @property
    def values(self):
        return tuple(self.params.values())

    @property
    def aic(self):
        return 2 * self.k - 2 * self.loglik

    @property
    def bic(self):
        return math.log(self.n) * self.k - 2 * self.loglik


def _data(name, data):
    x = np.asarray(data, dtype=float).ravel()
    if x.size == 0 or not np.isfinite(x).all():
        raise DataError("The data must be finite numbers (remove missing values first).")
    if x.size > MAX_FIT_POINTS:
        raise DataError(f"At most {MAX_FIT_POINTS:,} points can be fitted; got {x.size:,}.")
    if name in DISCRETE and not np.all(x == np.round(x)):
        raise DataError(f"{name} is discrete: the data must be whole numbers.")
    return x


def _loglik(dist, x, values, discrete):
    with np.errstate(all="ignore"):
        return float(np.sum(dist.logpmf(x, *values) if discrete else dist.logpdf(x, *values)))


def fit(name, data, *, fixed=None, bounds=None):
    """Maximum-likelihood fit of the scipy.stats distribution `name` to `data`.

    Continuous: ``dist.fit(data, f<name>=value ...)`` with `fixed` parameters held. When the free-``loc`` fit of a
    family bounded below runs off towards an infinite likelihood (loc creeping up to the smallest point) or ends
    with a non-finite likelihood, the fit is repeated with loc fixed just below the data and the better finite
    result kept (a note says so). Discrete: ``stats.fit(dist, data, bounds)`` (SciPy's `bounds` per shape, given
    or a default for the common families) with loc fixed at 0 unless given, maximised over the distinct values
    weighted by their counts (the same likelihood, much faster for many points).
    """
    dist = distribution(name)
    x = _data(name, data)
    names = parameter_names(name)
    fixed = dict(fixed or {})
    if name in DISCRETE:
        fixed.setdefault("loc", 0.0)  # counts start at the family's own origin unless told otherwise
    unknown = set(fixed) - set(names)
    if unknown:
        raise DataError(f"{name} has no parameter {', '.join(sorted(unknown))}.")
    free = [n for n in names if n not in fixed]
    if x.size <= len(free):
        raise DataError(f"{x.size} point(s) cannot determine {len(free)} free parameters.")
    if name not in DISCRETE:
        seconds = fit_seconds(name, x.size)
        if seconds == math.inf:
            raise BudgetError(f"Fitting {name} is too slow in SciPy to run here (it did not finish within the "
                              "probe's time limit).")
        check_budget(seconds, DISTRIBUTION_FIT_SECONDS, what=f"Fitting {name} to {x.size:,} points",
                     reduce="fit a sample of the data, or choose another family")
    notes = []
    if name in DISCRETE:
        values = _fit_discrete(name, dist, x, fixed, bounds)
    else:
        values = _fit_continuous(name, dist, x, fixed, notes)
        if notes:  # loc was held just below the data: it is no longer a free parameter
            fixed["loc"] = float(values[-2])
            free = [n for n in names if n not in fixed]
    loglik = _loglik(dist, x, values, name in DISCRETE)
    if not math.isfinite(loglik):
        raise DataError(f"The fitted {name} gives zero likelihood to some points (the data lie outside its "
                        "support): shift the data, or fix loc below the smallest value.")
    return DistFit(name, dict(zip(names, (float(v) for v in values))), loglik, len(free), int(x.size),
                   fixed, tuple(notes))


def _fit_continuous(name, dist, x, fixed, notes):
    shape_names = [s.name for s in dist._shape_info()]
    kwargs = {}
    for n, v in fixed.items():
        kwargs["f" + n if n in ("loc", "scale") else f"f{shape_names.index(n)}"] = float(v)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            values = dist.fit(x, **kwargs)
        except (ValueError, RuntimeError, FloatingPointError) as exc:
            if "Invalid values in `data`" in str(exc):
                raise DataError(f"Some data lie outside the support of {name} with the fixed parameters (it needs "
                                "x above loc): shift the data, or fix loc below the smallest value.") from None
            raise DataError(f"The {name} fit did not converge: {exc}") from None
        loglik = _loglik(dist, x, values, False)
        lower_bounded = dist.a == 0 and "loc" not in fixed  # support [loc, inf): loc may run up to min(x)
        ran_off = lower_bounded and values[-2] >= x.min() - 1e-9 * max(np.ptp(x), 1.0)
        if lower_bounded and (ran_off or not math.isfinite(loglik)):
            gap = 1e-3 * max(np.ptp(x), abs(x.min()), 1e-12)
            try:
                alt = dist.fit(x, **{**kwargs, "floc": float(x.min() - gap)})
            except (ValueError, RuntimeError, FloatingPointError):
                alt = None
            if alt is not None:
                alt_loglik = _loglik(dist, x, alt, False)
                if math.isfinite(alt_loglik) and (not math.isfinite(loglik) or alt_loglik >= loglik - 1e-9):
                    notes.append("The free-loc fit ran up against the smallest value (towards an infinite "
                                 "likelihood); loc was fixed just below the data instead.")
                    values = alt
    return values


_DISCRETE_BOUNDS = {"poisson": lambda x: {"mu": (0, max(1.0, 2 * x.max()))},
                    "geom": lambda x: {"p": (1e-9, 1)},
                    "binom": lambda x: {"n": (max(1, x.max()), max(1, 3 * x.max())), "p": (0, 1)},
                    "nbinom": lambda x: {"n": (1e-3, max(10.0, 10 * x.max())), "p": (1e-9, 1)},
                    "bernoulli": lambda x: {"p": (0, 1)},
                    "betabinom": lambda x: {"n": (max(1, x.max()), max(1, 3 * x.max())), "a": (1e-3, 1e3),
                                            "b": (1e-3, 1e3)},
                    "logser": lambda x: {"p": (1e-9, 1 - 1e-9)},
                    "zipf": lambda x: {"a": (1 + 1e-9, 50)},
                    "planck": lambda x: {"lambda_": (1e-3, 50)},
                    "yulesimon": lambda x: {"alpha": (1e-3, 100)},
                    "dlaplace": lambda x: {"a": (1e-3, 50)}}
#: Discrete families the page can fit without being told where to search.
FITTABLE_DISCRETE = tuple(_DISCRETE_BOUNDS)
#: Distinct values a discrete fit takes (its likelihood is summed over distinct values weighted by their counts).
MAX_DISTINCT_COUNTS = 20_000
_PENALTY = 100 * math.log(np.finfo(float).max)  # SciPy's penalty per point outside the support (as stats.fit)


def default_bounds(name, data):
    """The search bounds ``stats.fit`` gets for a discrete family when none are given (None if there are none)."""
    make = _DISCRETE_BOUNDS.get(name)
    return None if make is None else {k: (float(lo), float(hi)) for k, (lo, hi) in make(np.asarray(data)).items()}


def discrete_objective(dist, values, counts, fixed_values, free):
    """The negative log-likelihood of counts at distinct values, as ``stats.fit`` penalises it (a point outside the
    support costs a large constant instead of an infinite value), of the free parameters."""
    def nll(theta):
        full = np.array(fixed_values, dtype=float)
        full[free] = theta
        with np.errstate(all="ignore"):
            lp = dist.logpmf(values, *full)
        bad = ~np.isfinite(lp)
        return float(-np.sum(counts[~bad] * lp[~bad]) + _PENALTY * np.sum(counts[bad]))
    return nll


def discrete_box(name, data, fixed, bounds=None):
    """(parameter names, search box (k x 2), integral flags) of a discrete fit: the given `bounds` or the family's
    default, each `fixed` parameter pinned, loc at 0 unless given, whole-number parameters' bounds made whole."""
    dist = distribution(name)
    info = dist._shape_info()
    shape_names = [s.name for s in info]
    given = dict(bounds or {})
    if not given:
        if name not in _DISCRETE_BOUNDS:
            raise DataError(f"Give the search bounds of {', '.join(shape_names)} to fit {name} "
                            "(scipy.stats.fit needs them for discrete distributions).")
        given = _DISCRETE_BOUNDS[name](np.asarray(data, dtype=float))
    for n, v in fixed.items():
        given[n] = (float(v), float(v))
    given.setdefault("loc", (0.0, 0.0))
    missing = [n for n in shape_names if n not in given]
    if missing:
        raise DataError(f"Give the search bounds of {', '.join(missing)} to fit {name}.")
    names = (*shape_names, "loc")
    box = np.array([given[n] for n in names], dtype=float)
    integral = np.array([s.integrality for s in info] + [True])
    box[integral, 0], box[integral, 1] = np.ceil(box[integral, 0]), np.floor(box[integral, 1])
    if np.any(box[:, 0] > box[:, 1]):
        raise DataError(f"The search bounds of {name} are empty: {dict(zip(names, box.tolist()))}.")
    return names, box, integral


def _fit_discrete(name, dist, x, fixed, bounds):
    """Maximum likelihood as ``stats.fit`` does it (differential evolution within bounds, whole-number parameters
    kept whole), on the distinct values weighted by their counts: the same likelihood, summed over tens of values
    instead of up to a million points. Seeded, so a fit is repeatable."""
    from scipy.optimize import differential_evolution

    names, box, integral = discrete_box(name, x, fixed, bounds)
    free = box[:, 0] < box[:, 1]
    values, counts = np.unique(x, return_counts=True)
    if values.size > MAX_DISTINCT_COUNTS:
        raise BudgetError(f"Fitting {name} to {values.size:,} distinct values is over the work budget: at most "
                          f"{MAX_DISTINCT_COUNTS:,} (bin the data, or fit a continuous family).")
    nll = discrete_objective(dist, values, counts.astype(float), box[:, 0], free)
    if not free.any():
        return tuple(box[:, 0])
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        res = differential_evolution(nll, box[free], integrality=integral[free] if integral[free].any() else None,
                                     rng=0)
    out = box[:, 0].copy()
    out[free] = res.x
    with np.errstate(all="ignore"):
        inside = np.isfinite(dist.logpmf(values, *out)).all()
    if not inside:
        raise DataError(f"The {name} fit did not converge: no parameters within the bounds give the data a "
                        "positive probability.")
    return tuple(out)
