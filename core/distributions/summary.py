"""What a distribution is like and how well one fits: moments and summaries (each finite or said to be undefined),
and goodness of fit (Kolmogorov-Smirnov, read as optimistic after fitting; Anderson-Darling where SciPy has it;
a chi-square comparison of observed and expected counts for discrete data).
"""

import math
import warnings

import numpy as np
from scipy import stats

from core.common.budget import DISTRIBUTION_FIT_SECONDS, DISTRIBUTION_VIEW_SECONDS, check_budget
from core.common.distributions import DISCRETE, check_work, fit, fit_seconds, frozen, stage_cost
from core.common.errors import DataError

__all__ = ["summary", "goodness_of_fit", "ANDERSON", "count_table", "monte_carlo_gof", "MC_BUDGET",
           "bootstrap_params", "BOOTSTRAP_RESAMPLES"]

#: Refits for the bootstrap of the parameters.
BOOTSTRAP_RESAMPLES = 199

#: Points x Monte Carlo samples for goodness_of_fit (each sample is a fresh fit: about 2.5 ms for 300 gamma points).
MC_BUDGET = 3e5

#: Families scipy.stats.anderson knows.
ANDERSON = {"norm": "norm", "expon": "expon", "logistic": "logistic", "gumbel_r": "gumbel_r",
            "gumbel_l": "gumbel_l", "weibull_min": "weibull_min"}


def _value(v, undefined):
    v = float(v)
    return v if math.isfinite(v) else undefined


def _part(name, stage, compute):
    """One summary part: computed when the probe says it fits the view's budget, else why it is not."""
    try:
        seconds = stage_cost(name, stage)
    except DataError:
        return None, "not available in SciPy"
    if seconds > DISTRIBUTION_VIEW_SECONDS / 3:
        return None, ("not computed: too slow in SciPy" if seconds == math.inf else
                      f"not computed: about {seconds:.2g} s in SciPy")
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return compute(), None
        except (ValueError, TypeError, ArithmeticError, RuntimeError):
            return None, "not available in SciPy"


def summary(name, params, *, level=0.95):
    """Rows ``{quantity, value}``: mean, variance, skewness, excess kurtosis, median, entropy and the central
    `level` interval. A moment that does not exist is said so (the Cauchy has no mean; Student's t with 2 df has
    an infinite variance) instead of being shown as a number; a part SciPy computes too slowly for this family
    (numerical integration, measured by bench/probe_distributions.py) or cannot compute says that instead."""
    d = frozen(name, params)
    moments, why_m = _part(name, "moments", lambda: d.stats(moments="mvsk"))
    entropy, why_e = _part(name, "entropy", d.entropy)
    middle, why_c = _part(name, "median", lambda: (d.median(), d.interval(level)))
    if moments is not None:
        mean, var, skew, kurt = (float(np.asarray(v)) for v in moments)
        rows = [("mean", _value(mean, "undefined") if not np.isinf(mean)
                 else ("infinite" if mean > 0 else "-infinite")),
                ("variance", "infinite" if np.isinf(var) else _value(var, "undefined")),
                ("skewness", _value(skew, "undefined")),
                ("excess kurtosis", "infinite" if np.isinf(kurt) else _value(kurt, "undefined"))]
    else:
        rows = [(q, why_m) for q in ("mean", "variance", "skewness", "excess kurtosis")]
    if middle is not None:
        median, (low, high) = middle
        rows.append(("median", _value(median, "undefined")))
    else:
        rows.append(("median", why_c))
    rows.append(("entropy" + (" (nats, discrete)" if name in DISCRETE else " (nats, differential)"),
                 _value(np.asarray(entropy), "undefined") if entropy is not None else why_e))
    rows.append((f"central {level:.0%} interval", (float(low), float(high)) if middle is not None else why_c))
    return [{"quantity": q, "value": v} for q, v in rows]


def count_table(result, data, *, min_expected=5.0):
    """Observed against expected counts for a discrete fit, neighbouring values pooled until each expected count
    reaches `min_expected` (the tails pooled into the end classes), and the chi-square test with the fitted
    parameters' degrees of freedom removed. Returns (rows, statistic, dof, pvalue)."""
    x = np.asarray(data, dtype=float)
    if result.name not in DISCRETE:
        raise DataError("Counts are compared for discrete distributions.")
    d = frozen(result.name, result.params)
    lo, hi = int(x.min()), int(x.max())
    values = np.arange(lo, hi + 1)
    expected = d.pmf(values) * x.size
    expected[0] += d.cdf(lo - 1) * x.size                 # all mass below the smallest seen value
    expected[-1] += d.sf(hi) * x.size                     # and above the largest
    observed = np.array([np.sum(x == v) for v in values], dtype=float)
    rows, start = [], 0
    acc_o = acc_e = 0.0
    for i in range(values.size):
        acc_o += observed[i]
        acc_e += expected[i]
        if acc_e >= min_expected or i == values.size - 1:
            rows.append({"values": f"{values[start]}" if start == i else f"{values[start]}-{values[i]}",
                         "observed": acc_o, "expected": acc_e})
            start, acc_o, acc_e = i + 1, 0.0, 0.0
    if len(rows) > 1 and rows[-1]["expected"] < min_expected:  # pool a small last class into the one before
        last = rows.pop()
        rows[-1] = {"values": rows[-1]["values"].split("-")[0] + "-" + last["values"].split("-")[-1],
                    "observed": rows[-1]["observed"] + last["observed"],
                    "expected": rows[-1]["expected"] + last["expected"]}
    o = np.array([r["observed"] for r in rows])
    e = np.array([r["expected"] for r in rows])
    dof = len(rows) - 1 - result.k
    if dof < 1:
        return rows, math.nan, dof, math.nan
    statistic = float(np.sum((o - e) ** 2 / e))
    return rows, statistic, dof, float(stats.chi2.sf(statistic, dof))


def goodness_of_fit(result, data):
    """``{"KS statistic", "KS p-value", "KS note", "AD statistic", "AD 5% critical value"}`` for a continuous fit.

    The KS p-value assumes the distribution was chosen before seeing the data; after fitting its parameters to
    the same data the fit looks better than it is, so the p-value is too large (optimistic): ``goodness_of_fit``
    by Monte Carlo corrects that, at a cost. Anderson-Darling (``stats.anderson``) is given for the families SciPy
    tabulates, with the critical value for estimated parameters."""
    x = np.asarray(data, dtype=float)
    if result.name in DISCRETE:
        raise DataError("The KS and Anderson-Darling tests are for continuous distributions; use the count table.")
    d = frozen(result.name, result.params)
    check_work(result.name, "cdf", x.size, DISTRIBUTION_VIEW_SECONDS, what=f"The KS test of {x.size:,} points",
               reduce="fit a sample of the data")
    ks = stats.kstest(x, d.cdf)
    out = {"KS statistic": float(ks.statistic), "KS p-value": float(ks.pvalue),
           "KS note": "for estimated parameters: optimistic (too large)"}
    if result.name in ANDERSON and not result.fixed:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ad = stats.anderson(x, ANDERSON[result.name])
        levels = list(np.asarray(ad.significance_level, dtype=float))
        if 5.0 in levels:
            out["AD statistic"] = float(ad.statistic)
            out["AD 5% critical value"] = float(ad.critical_values[levels.index(5.0)])
    return out


def monte_carlo_gof(result, data, *, n_mc=99, statistic="ks", rng=0):
    """The p-value that accounts for the fitting: ``scipy.stats.goodness_of_fit`` draws `n_mc` samples from the
    fitted distribution, refits each and compares the statistics (held parameters stay held). Budgeted: points x
    samples at most :data:`MC_BUDGET`."""
    x = np.asarray(data, dtype=float)
    if result.name in DISCRETE:
        raise DataError("The Monte Carlo test here is for continuous fits; use the count table for counts.")
    check_budget(x.size * n_mc, MC_BUDGET, what=f"A Monte Carlo test with {n_mc} refits of {x.size:,} points",
                 reduce=f"use at most {int(MC_BUDGET // n_mc):,} points (a sample) or fewer refits")
    check_budget(n_mc * fit_seconds(result.name, x.size), 3 * DISTRIBUTION_FIT_SECONDS,
                 what=f"{n_mc} refits of {result.name}", reduce="fit a sample of the data")
    dist = getattr(stats, result.name)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        res = stats.goodness_of_fit(dist, x, known_params=dict(result.fixed), statistic=statistic,
                                    n_mc_samples=int(n_mc), rng=np.random.default_rng(rng))
    return {"statistic": float(res.statistic), "pvalue": float(res.pvalue), "n_mc": int(n_mc)}


def bootstrap_params(result, data, *, n_resamples=BOOTSTRAP_RESAMPLES, level=0.95, rng=0):
    """Parameter uncertainty by the bootstrap: ``scipy.stats.bootstrap`` resamples the data `n_resamples` times and
    refits each resample the way `result` was fitted (held parameters stay held); rows ``{parameter, estimate,
    standard error, low, high}`` with percentile intervals at `level`. Budgeted from the probe's fit costs.
    A resample whose fit fails gives NaN: the rows say how many failed (``failed``)."""
    x = np.asarray(data, dtype=float)
    n_resamples = int(n_resamples)
    if not 9 <= n_resamples <= 10_000:
        raise DataError(f"Use 9 to 10,000 bootstrap resamples; got {n_resamples}.")
    per_fit = fit_seconds(result.name, x.size) if result.name not in DISCRETE else 0.05
    check_budget(n_resamples * per_fit, 3 * DISTRIBUTION_FIT_SECONDS,
                 what=f"{n_resamples} bootstrap refits of {result.name} to {x.size:,} points",
                 reduce="fit a sample of the data, or use fewer resamples")
    free = [k for k in result.params if k not in result.fixed]
    failed = []

    def refit(sample):
        try:
            f = fit(result.name, sample, fixed=result.fixed)
        except DataError:
            failed.append(1)
            return np.full(len(free), np.nan)
        return np.array([f.params[k] for k in free])

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        res = stats.bootstrap((x,), refit, n_resamples=n_resamples, vectorized=False, method="percentile",
                              confidence_level=level, rng=np.random.default_rng(rng))
    low, high = np.atleast_1d(res.confidence_interval.low), np.atleast_1d(res.confidence_interval.high)
    se = np.atleast_1d(res.standard_error)
    return [{"parameter": k, "estimate": result.params[k], "standard error": float(se[i]), "low": float(low[i]),
             "high": float(high[i]), "failed": len(failed)} for i, k in enumerate(free)]
