"""What a distribution is like and how well one fits: moments and summaries (each finite or said to be undefined),
and goodness of fit (Kolmogorov-Smirnov, read as optimistic after fitting; Anderson-Darling where SciPy has it;
a chi-square comparison of observed and expected counts for discrete data).
"""

import math
import warnings

import numpy as np
from scipy import stats

from core.common.distributions import DISCRETE, DistFit, frozen
from core.common.errors import DataError

__all__ = ["summary", "goodness_of_fit", "ANDERSON", "count_table", "monte_carlo_gof", "MC_BUDGET"]

#: Points x Monte Carlo samples for goodness_of_fit (each sample is a fresh fit: about 2.5 ms for 300 gamma points).
MC_BUDGET = 3e5

#: Families scipy.stats.anderson knows.
ANDERSON = {"norm": "norm", "expon": "expon", "logistic": "logistic", "gumbel_r": "gumbel_r",
            "gumbel_l": "gumbel_l", "weibull_min": "weibull_min"}


def _value(v, undefined):
    v = float(v)
    return v if math.isfinite(v) else undefined


def summary(name, params, *, level=0.95):
    """Rows ``{quantity, value}``: mean, variance, skewness, excess kurtosis, median, entropy and the central
    `level` interval. A moment that does not exist is said so (the Cauchy has no mean; Student's t with 2 df has
    an infinite variance) instead of being shown as a number."""
    d = frozen(name, params)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        mean, var, skew, kurt = d.stats(moments="mvsk")
        entropy = d.entropy()
        low, high = d.interval(level)
        median = d.median()
    rows = [("mean", _value(mean, "undefined") if not np.isinf(mean) else ("infinite" if mean > 0 else "-infinite")),
            ("variance", "infinite" if np.isinf(var) else _value(var, "undefined")),
            ("skewness", _value(skew, "undefined")),
            ("excess kurtosis", "infinite" if np.isinf(kurt) else _value(kurt, "undefined")),
            ("median", _value(median, "undefined")),
            ("entropy" + (" (nats, discrete)" if name in DISCRETE else " (nats, differential)"),
             _value(entropy, "undefined")),
            (f"central {level:.0%} interval", (float(low), float(high)))]
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
    from core.common.budget import check_budget

    x = np.asarray(data, dtype=float)
    if result.name in DISCRETE:
        raise DataError("The Monte Carlo test here is for continuous fits; use the count table for counts.")
    check_budget(x.size * n_mc, MC_BUDGET, what=f"A Monte Carlo test with {n_mc} refits of {x.size:,} points",
                 reduce=f"use at most {int(MC_BUDGET // n_mc):,} points (a sample) or fewer refits")
    dist = getattr(stats, result.name)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        res = stats.goodness_of_fit(dist, x, known_params=dict(result.fixed), statistic=statistic,
                                    n_mc_samples=int(n_mc), rng=np.random.default_rng(rng))
    return {"statistic": float(res.statistic), "pvalue": float(res.pvalue), "n_mc": int(n_mc)}
