"""Hypothesis tests from scipy.stats with effect sizes, confidence intervals, descriptives and a plain reading.

:func:`run_test` calls the scipy function of the same name with the same keyword names and returns a
:class:`TestResult`. Statistic and p-value are scipy's own; what this module adds is checked input, the
effect size with an approximate CI, descriptives fit for the test, warnings, and the sentence a student can
read. Conventions that differ from R are stated in ``TestResult.notes``.
"""

from dataclasses import dataclass, field
import math
import warnings

import numpy as np
from scipy import stats
from scipy.stats.contingency import association, odds_ratio

from core.common.budget import FISHER_TOTAL, KENDALL_EXACT_N, check_budget
from core.common.errors import ExplorerError
from core.common.validate import check_level
from core.stats.inversion import permutation_ci

__all__ = ["second_opinion", "SecondOpinion", "simulate_two_groups", "run_test", "TestResult", "StatTestError", "TESTS", "ALTERNATIVES", "resample_count", "describe",
           "power_two_sample", "sample_size_two_sample", "assumption_checks", "robustness"]

ALTERNATIVES = ("two-sided", "less", "greater")
MAX_VALUES = 5_000_000
# Resampled values one permutation test or bootstrap may draw: permuting costs 20-150 ns a value, so this
# keeps either within a few seconds. Larger data are resampled from a random subsample of RESAMPLE_MAX_N.
_RESAMPLE_WORK = 60_000_000
RESAMPLE_MAX_N = 100_000


class StatTestError(ExplorerError):
    """Input a test cannot use (too few observations, constant data, negative counts ...)."""


@dataclass(frozen=True)
class TestInfo:
    name: str
    kind: str          # "one", "two", "paired", "groups", "table", "xy"
    family: str        # "parametric", "rank", "table", "correlation", "resampling", "assumption"
    summary: str


TESTS = {
    "ttest_1samp": TestInfo("One-sample t-test", "one", "parametric",
                            "Is the mean different from a hypothesised value? Assumes roughly normal data."),
    "wilcoxon": TestInfo("Wilcoxon signed-rank test", "paired", "rank",
                         "Paired (or one-sample) rank test: are the differences symmetric about zero?"),
    "ttest_rel": TestInfo("Paired t-test", "paired", "parametric",
                          "Is the mean of the paired differences zero? Assumes normal differences."),
    "ttest_ind": TestInfo("Two-sample t-test (Student / Welch)", "two", "parametric",
                          "Do two independent groups have the same mean? Welch's version does not assume "
                          "equal variances."),
    "mannwhitneyu": TestInfo("Mann-Whitney U test", "two", "rank",
                             "Is a value from one group likely to exceed one from the other? Not a test of "
                             "medians unless the shapes are equal."),
    "ks_2samp": TestInfo("Kolmogorov-Smirnov two-sample test", "two", "rank",
                         "Do two samples come from the same distribution (any difference in shape or place)?"),
    "permutation_test": TestInfo("Permutation test (difference of means)", "two", "resampling",
                                 "Shuffles group labels to build the null distribution from your own data: "
                                 "no normality assumption."),
    "bootstrap": TestInfo("Bootstrap CI (difference of means)", "two", "resampling",
                          "Resamples each group to estimate a confidence interval for the mean difference; "
                          "gives no p-value."),
    "f_oneway": TestInfo("One-way ANOVA", "groups", "parametric",
                         "Do two or more groups share one mean? Assumes normal groups with equal variances."),
    "kruskal": TestInfo("Kruskal-Wallis H test", "groups", "rank",
                        "Rank-based ANOVA: does one group tend to have larger values?"),
    "levene": TestInfo("Levene test", "groups", "assumption",
                       "Do the groups have equal variances? (median-centred, Brown-Forsythe)."),
    "shapiro": TestInfo("Shapiro-Wilk test", "one", "assumption",
                        "Could the sample come from a normal distribution?"),
    "chi2_contingency": TestInfo("Chi-square test of independence", "table", "table",
                                 "Are the row and column variables of a table of counts independent?"),
    "fisher_exact": TestInfo("Fisher's exact test", "table", "table",
                             "Exact test of independence for a 2x2 table; use it when expected counts are small."),
    "pearsonr": TestInfo("Pearson correlation", "xy", "correlation",
                         "Strength of a linear association between two numeric variables."),
    "spearmanr": TestInfo("Spearman rank correlation", "xy", "correlation",
                          "Strength of a monotonic association (Pearson on ranks)."),
    "kendalltau": TestInfo("Kendall's tau", "xy", "correlation",
                           "Monotonic association from concordant and discordant pairs; robust with small n."),
}


@dataclass(frozen=True)
class TestResult:
    """The outcome of :func:`run_test`. ``ci`` is the CI of the tested quantity (``ci_of`` names it)."""

    test: str
    statistic: float
    pvalue: float
    df: object = None
    ci: tuple | None = None
    ci_of: str = ""
    effect_size: tuple | None = None
    effect_ci: tuple | None = None
    alternative: str = "two-sided"
    confidence_level: float = 0.95
    options: dict = field(default_factory=dict)
    sizes: tuple = ()          # ({'sample': label, 'n': n}, ...); full descriptives: describe()
    notes: tuple = ()
    warnings: tuple = ()
    extra: dict = field(default_factory=dict)

    @property
    def name(self):
        """The test's name, naming the variant run (Welch's or Student's t-test, Welch's ANOVA)."""
        equal_var = self.options.get("equal_var")
        if self.test == "ttest_ind" and equal_var is not None:
            return "Student's t-test" if equal_var else "Welch's t-test"
        if self.test == "f_oneway" and equal_var is False:
            return "Welch's one-way ANOVA"
        return TESTS[self.test].name

    def effect_label(self):
        """'negligible', 'small', 'medium' or 'large' by the usual conventions, or '' when there are none."""
        if self.effect_size is None:
            return ""
        name, value = self.effect_size
        cuts = _EFFECT_CUTS.get(name)
        if cuts is None or value is None or not np.isfinite(value):
            return ""
        v = abs(value)
        return "large" if v >= cuts[2] else "medium" if v >= cuts[1] else "small" if v >= cuts[0] else "negligible"

    def conclusion(self, alpha=0.05):
        """A plain sentence on what the result does and does not show at level `alpha`."""
        return _conclusion(self, alpha)


# Cohen (1988) and common conventions: thresholds for small, medium, large.
_EFFECT_CUTS = {
    "Cohen's d": (0.2, 0.5, 0.8), "Hedges' g": (0.2, 0.5, 0.8), "Cohen's d_z": (0.2, 0.5, 0.8),
    "rank-biserial r": (0.1, 0.3, 0.5), "r": (0.1, 0.3, 0.5), "Spearman's rho": (0.1, 0.3, 0.5),
    "Kendall's tau": (0.1, 0.3, 0.5), "Cramér's V": (0.1, 0.3, 0.5), "phi": (0.1, 0.3, 0.5),
    "eta squared": (0.01, 0.06, 0.14), "epsilon squared": (0.01, 0.06, 0.14),
}


# -- validation ----------------------------------------------------------------------------------------

def _sample(values, what, minimum=2):
    try:
        a = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise StatTestError(f"{what} must be numbers.") from None
    if a.ndim != 1:
        raise StatTestError(f"{what} must be one column of numbers, got shape {a.shape}.")
    if not np.all(np.isfinite(a)):
        raise StatTestError(f"{what} contains NaN or infinite values; remove them first.")
    if a.size < minimum:
        raise StatTestError(f"{what} has {a.size} value(s); this test needs at least {minimum}.")
    if a.size > MAX_VALUES:
        raise StatTestError(f"{what} has {a.size:,} values; at most {MAX_VALUES:,} are supported.")
    return a


def _not_constant(a, what):
    if np.ptp(a) == 0:
        raise StatTestError(f"{what} is constant (every value is {a[0]:g}): there is no variation to test.")


#: Counts above this are no longer whole numbers in float64 (2**53 ~ 9e15).
MAX_TABLE_TOTAL = 1e15


def _table(values):
    try:
        t = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise StatTestError("The table must hold counts (numbers).") from None
    if t.ndim != 2 or min(t.shape) < 2:
        raise StatTestError(f"A contingency table needs at least 2 rows and 2 columns, got shape {t.shape}.")
    if t.size > 10_000:
        raise StatTestError(f"The table has {t.size:,} cells; at most 10,000 are supported.")
    if not np.all(np.isfinite(t)) or np.any(t < 0) or np.any(t != np.round(t)):
        raise StatTestError("Counts must be whole numbers that are zero or more.")
    if t.sum() > MAX_TABLE_TOTAL:
        raise StatTestError(f"The counts add up to {t.sum():.3g}; at most {MAX_TABLE_TOTAL:.0e} can be counted "
                            "exactly.")
    if np.any(t.sum(axis=0) == 0) or np.any(t.sum(axis=1) == 0):
        raise StatTestError("A row or column of the table is all zeros: remove it.")
    return t


def _describe(label, a):
    # Only the size: full descriptives cost more than a t-test on large data; see describe().
    return {"sample": label, "n": int(a.size)}


def describe(samples, labels):
    """Descriptive statistics per sample: n, mean, SD, median, IQR, min and max."""
    rows = []
    for label, a in zip(labels, samples):
        a = np.asarray(a, dtype=float)
        q1, med, q3 = np.percentile(a, [25, 50, 75])
        rows.append({"sample": label, "n": int(a.size), "mean": float(a.mean()),
                     "sd": float(a.std(ddof=1)) if a.size > 1 else np.nan, "median": float(med),
                     "IQR": float(q3 - q1), "min": float(a.min()), "max": float(a.max())})
    return rows


def _fisher_z_ci(r, se, level):
    z = math.atanh(max(min(r, 1 - 1e-15), -1 + 1e-15))
    h = stats.norm.ppf(0.5 + level / 2) * se
    return (math.tanh(z - h), math.tanh(z + h))


def _normal_ci(value, se, level):
    h = stats.norm.ppf(0.5 + level / 2) * se
    return (value - h, value + h)


def resample_count(n_total, requested=None):
    """Resamples for a permutation test or bootstrap: the request, capped so the work stays bounded."""
    n_total = min(n_total, RESAMPLE_MAX_N)
    cap = int(max(199, min(9999, _RESAMPLE_WORK // max(n_total, 1))))
    if requested is None:
        return cap
    if isinstance(requested, bool) or not isinstance(requested, (int, np.integer)) or requested < 1:
        raise StatTestError(f"`n_resamples` must be a positive whole number, got {requested!r}.")
    return int(min(requested, cap))


# -- the tests -----------------------------------------------------------------------------------------

def run_test(test, *samples, alternative="two-sided", confidence_level=0.95, labels=None, **options):
    """Run one of :data:`TESTS` on `samples` and summarise it.

    Parameters
    ----------
    test : str
        The scipy.stats function name, e.g. ``"ttest_ind"``.
    *samples : array_like
        One sample, two samples (independent, paired, or x and y), two or more groups, or one 2-D table
        of counts (``chi2_contingency``, ``fisher_exact``).
    alternative : {'two-sided', 'less', 'greater'}
    confidence_level : float
        Of the CIs (of the tested quantity and of the effect size).
    labels : sequence of str, optional
        Names of the samples for the descriptives.
    **options
        scipy's own keywords: ``popmean`` (ttest_1samp), ``equal_var`` (ttest_ind, f_oneway), ``method`` and
        ``use_continuity`` (mannwhitneyu), ``method`` (kendalltau: "auto", "asymptotic", "exact"), ``correction`` (chi2_contingency), ``n_resamples`` and ``rng``
        (permutation_test, bootstrap).

    Returns
    -------
    TestResult

    Examples
    --------
    >>> r = run_test("ttest_ind", [5.1, 4.9, 5.6, 5.8, 6.0], [6.2, 6.8, 6.1, 7.0, 6.6], equal_var=False)
    >>> round(r.pvalue, 4), r.effect_size[0]
    (0.0063, "Hedges' g")
    """
    if test not in TESTS:
        raise StatTestError(f"Unknown test {test!r}; choose one of {', '.join(TESTS)}.")
    if alternative not in ALTERNATIVES:
        raise StatTestError(f"`alternative` must be one of {', '.join(ALTERNATIVES)}, got {alternative!r}.")
    check_level(confidence_level)
    info = TESTS[test]
    labels = list(labels) if labels else [f"sample {i + 1}" for i in range(len(samples))]
    handler = _HANDLERS[info.kind]
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="ignore"):
        warnings.simplefilter("always")
        result = handler(test, samples, alternative, confidence_level, labels, options)
    scipy_warnings = tuple(dict.fromkeys(str(w.message).split("\n")[0] for w in caught
                                         if not issubclass(w.category, DeprecationWarning)))
    return TestResult(**{**result, "test": test, "alternative": alternative,
                         "confidence_level": confidence_level,
                         "warnings": tuple(result.get("warnings", ())) + scipy_warnings})


def _expect(samples, count, test):
    if len(samples) != count:
        raise StatTestError(f"{TESTS[test].name} takes {count} sample(s), got {len(samples)}.")


def _one(test, samples, alternative, level, labels, options):
    _expect(samples, 1, test)
    if test == "shapiro":
        a = _sample(samples[0], labels[0], 3)
        _not_constant(a, labels[0])
        notes = []
        if a.size > 5000:
            notes.append("Shapiro-Wilk's p-value is approximate above 5,000 values; with so much data even "
                         "tiny departures from normality are significant: look at the Q-Q plot.")
        r = stats.shapiro(a)
        return dict(statistic=float(r.statistic), pvalue=float(r.pvalue), sizes=(_describe(labels[0], a),),
                    notes=tuple(notes), options={})
    a = _sample(samples[0], labels[0], 2)
    popmean = float(options.pop("popmean", 0.0))
    _no_more(options, test)
    r = stats.ttest_1samp(a, popmean, alternative=alternative)
    if not np.isfinite(r.statistic):
        _not_constant(a, labels[0])
    ci = r.confidence_interval(level)
    d = float(r.statistic) / math.sqrt(a.size)  # = (mean - popmean) / SD, without another pass over the data
    se = math.sqrt(1 / a.size + d ** 2 / (2 * a.size))
    return dict(statistic=float(r.statistic), pvalue=float(r.pvalue), df=float(r.df),
                ci=(float(ci.low), float(ci.high)), ci_of="mean", effect_size=("Cohen's d", float(d)),
                effect_ci=_normal_ci(d, se, level), options={"popmean": popmean},
                sizes=(_describe(labels[0], a),),
                notes=("Cohen's d = (mean - popmean) / SD; its CI is the normal approximation of Hedges & Olkin.",))


def _paired(test, samples, alternative, level, labels, options):
    if test == "wilcoxon" and len(samples) == 1:
        diff = _sample(samples[0], labels[0], 2)
        a = b = None
    else:
        _expect(samples, 2, test)
        a = _sample(samples[0], labels[0], 2)
        b = _sample(samples[1], labels[1], 2)
        if a.size != b.size:
            raise StatTestError(f"Paired samples need the same length: {labels[0]} has {a.size} values, "
                                f"{labels[1]} has {b.size}.")
        diff = None
    n_pairs = (a if a is not None else diff).size
    desc = tuple(_describe(lab, s) for lab, s in ((labels[0], a), (labels[1] if len(labels) > 1 else "", b))
                 if s is not None) + ({"sample": "difference", "n": int(n_pairs)},)
    if test == "ttest_rel":
        _no_more(options, test)
        r = stats.ttest_rel(a, b, alternative=alternative)
        if not np.isfinite(r.statistic):
            _not_constant(a - b, "The paired differences")
        ci = r.confidence_interval(level)
        d = float(r.statistic) / math.sqrt(n_pairs)  # mean difference / SD of the differences
        se = math.sqrt(1 / n_pairs + d ** 2 / (2 * n_pairs))
        return dict(statistic=float(r.statistic), pvalue=float(r.pvalue), df=float(r.df),
                    ci=(float(ci.low), float(ci.high)), ci_of="mean difference",
                    effect_size=("Cohen's d_z", float(d)), effect_ci=_normal_ci(d, se, level), sizes=desc,
                    options={}, notes=("d_z = mean difference / SD of the differences.",))
    kw = {k: options.pop(k) for k in ("zero_method", "correction", "method") if k in options}
    _no_more(options, test)
    diff = a - b if diff is None else diff
    nonzero = diff[diff != 0]
    if nonzero.size < 1:
        raise StatTestError("Every paired difference is zero: there is nothing to rank.")
    r = stats.wilcoxon(diff, alternative=alternative, **kw)
    ranks = stats.rankdata(np.abs(nonzero))
    t_plus, t_minus = ranks[nonzero > 0].sum(), ranks[nonzero < 0].sum()
    n = nonzero.size
    rb = float((t_plus - t_minus) / (t_plus + t_minus))
    se = math.sqrt(2 * (2 * n + 1) / (3 * n * (n + 1)))
    ci, hl = None, None
    if n * (n + 1) // 2 <= _MAX_PAIRS:
        i, j = np.triu_indices(n)
        hl, ci = _hodges_lehmann((nonzero[i] + nonzero[j]) / 2, n * (n + 1) * (2 * n + 1) / 24, level)
    return dict(statistic=float(r.statistic), pvalue=float(r.pvalue), effect_size=("rank-biserial r", rb),
                ci=ci, ci_of="pseudo-median of the differences (Hodges-Lehmann)" if ci else "",
                extra={"hodges_lehmann": hl},
                effect_ci=_fisher_z_ci(rb, se, level), sizes=desc, options=kw,
                notes=("The statistic is scipy's: for a two-sided test the smaller of the signed-rank sums "
                       "(R's V is the sum of positive ranks). The rank-biserial CI is a Fisher-z approximation.",))


def _two(test, samples, alternative, level, labels, options):
    _expect(samples, 2, test)
    a = _sample(samples[0], labels[0], 2)
    b = _sample(samples[1], labels[1], 2)
    desc = (_describe(labels[0], a), _describe(labels[1], b))
    n1, n2 = a.size, b.size
    if test == "ttest_ind":
        equal_var = bool(options.pop("equal_var", True))
        _no_more(options, test)
        if np.ptp(a) == 0 and np.ptp(b) == 0:
            raise StatTestError("Both samples are constant: there is no variation to test.")
        r = stats.ttest_ind(a, b, equal_var=equal_var, alternative=alternative)
        ci = r.confidence_interval(level)
        g, d, se = _hedges(a, b)
        return dict(statistic=float(r.statistic), pvalue=float(r.pvalue), df=float(r.df),
                    ci=(float(ci.low), float(ci.high)), ci_of="difference of means",
                    effect_size=("Hedges' g", g), effect_ci=_normal_ci(g, se, level), sizes=desc,
                    options={"equal_var": equal_var}, extra={"cohens_d": d},
                    notes=(("Student's t-test (equal variances)." if equal_var else
                            "Welch's t-test (unequal variances, Welch-Satterthwaite df)."),
                           "Hedges' g is Cohen's d (pooled SD) with the small-sample correction."))
    if test == "mannwhitneyu":
        kw = {k: options.pop(k) for k in ("method", "use_continuity") if k in options}
        _no_more(options, test)
        if np.ptp(np.concatenate([a, b])) == 0:
            raise StatTestError("All values are equal: there is nothing to rank.")
        r = stats.mannwhitneyu(a, b, alternative=alternative, **kw)
        rb = float(2 * r.statistic / (n1 * n2) - 1)
        se = math.sqrt((n1 + n2 + 1) / (3 * n1 * n2))
        shift = {}
        if n1 * n2 <= _MAX_PAIRS:
            hl, ci = _hodges_lehmann((a[:, None] - b[None, :]).ravel(), n1 * n2 * (n1 + n2 + 1) / 12, level)
            shift = dict(ci=ci, ci_of="location shift (Hodges-Lehmann)", extra_hl=hl)
        return dict(statistic=float(r.statistic), pvalue=float(r.pvalue), effect_size=("rank-biserial r", rb),
                    ci=shift.get("ci"), ci_of=shift.get("ci_of", ""),
                    effect_ci=_fisher_z_ci(rb, se, level), sizes=desc, options=kw,
                    extra={"common_language": float(r.statistic / (n1 * n2)), "hodges_lehmann": shift.get("extra_hl")},
                    notes=(f"U is scipy's U of {labels[0]} (R's W for wilcox.test(x, y) is the same number).",
                           "rank-biserial r = 2U/(n1 n2) - 1: positive when the first sample tends to be larger.",
                           "The shift CI is the Hodges-Lehmann median of pairwise differences with order-statistic "
                           "bounds from the normal approximation (R's exact interval for small samples can differ "
                           "slightly); it is a median shift only if both groups have the same shape."
                           if shift else "No shift CI: more than 5,000,000 pairwise differences."))
    if test == "ks_2samp":
        kw = {k: options.pop(k) for k in ("method",) if k in options}
        _no_more(options, test)
        r = stats.ks_2samp(a, b, alternative=alternative, **kw)
        return dict(statistic=float(r.statistic), pvalue=float(r.pvalue), effect_size=("D", float(r.statistic)),
                    sizes=desc, options=kw,
                    extra={"location": float(r.statistic_location), "sign": int(r.statistic_sign)})
    n_total = n1 + n2
    n_resamples = resample_count(n_total, options.pop("n_resamples", None))
    rng = options.pop("rng", 0)
    _no_more(options, test)
    notes = []
    subsample = None
    if n_total > RESAMPLE_MAX_N:
        # Same seed, same subsample: the exported script repeats it (see core.stats.code).
        m1 = max(2, round(RESAMPLE_MAX_N * n1 / n_total))
        subsample = (m1, max(2, RESAMPLE_MAX_N - m1))
        a, b = _subsample(a, b, subsample, rng)
        notes.append(f"Resampled from a random subsample of {subsample[0]:,} + {subsample[1]:,} values (seed {rng}): "
                     f"resampling all {n_total:,} would take minutes, and with this much data the t-test's "
                     "large-sample approximation is excellent anyway.")

    def mean_diff(x, y, axis=-1):
        return np.mean(x, axis=axis) - np.mean(y, axis=axis)

    g, d, se = _hedges(a, b)
    if test == "permutation_test":
        r = stats.permutation_test((a, b), mean_diff, vectorized=True, n_resamples=n_resamples,
                                   alternative=alternative, rng=rng, batch=_batch(a.size + b.size))
        ci = permutation_ci(a, b, confidence_level=level, alternative=alternative, n_resamples=n_resamples,
                            rng=rng)
        return dict(statistic=float(r.statistic), pvalue=float(r.pvalue), effect_size=("Hedges' g", g),
                    ci=ci, ci_of="difference of means", effect_ci=_normal_ci(g, se, level), sizes=desc,
                    options={"n_resamples": n_resamples, "rng": rng, "subsample": subsample},
                    extra={"null_distribution": np.asarray(r.null_distribution, dtype=float)},
                    notes=tuple(notes) + (f"{n_resamples:,} random relabellings (seed {rng}); the p-value counts those at least "
                           "as extreme as the observed difference, including the observed one. The CI is the test inverted: the "
                           "shifts of the first sample that the same relabellings would not reject.",))
    method = "BCa" if a.size + b.size <= 5000 else "percentile"
    r = stats.bootstrap((a, b), mean_diff, vectorized=True, n_resamples=n_resamples, confidence_level=level,
                        alternative=alternative, method=method, rng=rng, batch=_batch(a.size + b.size))
    ci = r.confidence_interval
    return dict(statistic=float(mean_diff(a, b)), pvalue=np.nan, ci=(float(ci.low), float(ci.high)),
                ci_of="difference of means", effect_size=("Hedges' g", g), effect_ci=_normal_ci(g, se, level),
                sizes=desc, options={"n_resamples": n_resamples, "rng": rng, "method": method},
                extra={"bootstrap_distribution": np.asarray(r.bootstrap_distribution, dtype=float),
                       "standard_error": float(r.standard_error)},
                notes=tuple(notes) + (f"{n_resamples:,} bootstrap resamples (seed {rng}), {method} interval. A bootstrap gives "
                       "an interval, not a p-value: the difference is significant at this level if the interval "
                       "excludes 0.",))


def _subsample(a, b, sizes, rng):
    gen = np.random.default_rng(rng)
    return gen.choice(a, sizes[0], replace=False), gen.choice(b, sizes[1], replace=False)


_MAX_PAIRS = 5_000_000


def _hodges_lehmann(values, variance, level):
    """Median of `values` (pairwise differences or Walsh averages) and the order-statistic CI whose ranks come
    from the normal approximation of the rank statistic with the given null variance."""
    m = values.size
    z = stats.norm.ppf(0.5 + level / 2)
    k = int(np.floor(m / 2 - z * math.sqrt(variance)))
    k = min(max(k, 0), m - 1)
    lo_i, hi_i = k, m - 1 - k
    part = np.partition(values, sorted({lo_i, hi_i, (m - 1) // 2, m // 2}))
    return float(0.5 * (part[(m - 1) // 2] + part[m // 2])), (float(part[lo_i]), float(part[hi_i]))


def _batch(n_total):
    # Keep one batch of resamples near 20 million values so memory stays bounded.
    return max(1, int(20_000_000 // max(n_total, 1)))


def _hedges(a, b):
    n1, n2 = a.size, b.size
    pooled = math.sqrt(((n1 - 1) * a.var(ddof=1) + (n2 - 1) * b.var(ddof=1)) / (n1 + n2 - 2))
    d = float((a.mean() - b.mean()) / pooled) if pooled > 0 else (np.inf if a.mean() != b.mean() else 0.0)
    j = 1 - 3 / (4 * (n1 + n2) - 9)
    g = d * j
    se = math.sqrt((n1 + n2) / (n1 * n2) + g ** 2 / (2 * (n1 + n2))) if np.isfinite(g) else np.nan
    return float(g), float(d), se


def _groups(test, samples, alternative, level, labels, options):
    if len(samples) < 2:
        raise StatTestError(f"{TESTS[test].name} needs at least two groups, got {len(samples)}.")
    if len(samples) > 50:
        raise StatTestError(f"At most 50 groups are supported, got {len(samples)}.")
    groups = [_sample(s, labels[i], 2) for i, s in enumerate(samples)]
    desc = tuple(_describe(labels[i], g) for i, g in enumerate(groups))
    if alternative != "two-sided":
        raise StatTestError(f"{TESTS[test].name} has no one-sided version: choose 'two-sided'.")
    n = sum(g.size for g in groups)
    k = len(groups)
    if np.ptp(np.concatenate(groups)) == 0:
        raise StatTestError("All values are equal: there is no variation to test.")
    if test == "levene":
        center = options.pop("center", "median")
        _no_more(options, test)
        r = stats.levene(*groups, center=center)
        return dict(statistic=float(r.statistic), pvalue=float(r.pvalue), df=(k - 1, n - k), sizes=desc,
                    options={"center": center})
    if test == "f_oneway":
        equal_var = options.pop("equal_var", True)
        if not isinstance(equal_var, (bool, np.bool_)):
            raise StatTestError(f"`equal_var` must be True or False, got {equal_var!r}.")
        _no_more(options, test)
        r = stats.f_oneway(*groups, equal_var=bool(equal_var))
        f = float(r.statistic)
        everything = np.concatenate(groups)
        between = sum(g.size * (g.mean() - everything.mean()) ** 2 for g in groups)
        total = float(((everything - everything.mean()) ** 2).sum())
        eta2 = float(between / total)  # SS_between / SS_total, whichever F is tested
        if equal_var:
            return dict(statistic=f, pvalue=float(r.pvalue), df=(k - 1, n - k), effect_size=("eta squared", eta2),
                        sizes=desc, options={"equal_var": True})
        # Welch (1951): weights n/s², the denominator degrees of freedom as R's oneway.test(var.equal = FALSE).
        w = np.array([g.size / g.var(ddof=1) for g in groups])
        sizes = np.array([g.size for g in groups], dtype=float)
        tail = float(np.sum((1 - w / w.sum()) ** 2 / (sizes - 1)))
        df2 = (k ** 2 - 1) / (3 * tail) if tail > 0 else np.inf
        return dict(statistic=f, pvalue=float(r.pvalue), df=(k - 1, float(df2)), effect_size=("eta squared", eta2),
                    sizes=desc, options={"equal_var": False},
                    notes=("Welch's ANOVA (equal_var=False): the groups may have different variances; R's "
                           "oneway.test(var.equal = FALSE) and jamovi's default. eta squared is SS_between / "
                           "SS_total.",))
    _no_more(options, test)
    r = stats.kruskal(*groups)
    h = float(r.statistic)
    return dict(statistic=h, pvalue=float(r.pvalue), df=k - 1,
                effect_size=("epsilon squared", h * (n + 1) / (n ** 2 - 1)), sizes=desc, options={},
                notes=("Kruskal-Wallis H with the tie correction; epsilon squared = H (n+1)/(n²-1).",))


def _table_test(test, samples, alternative, level, labels, options):
    _expect(samples, 1, test)
    table = _table(samples[0])
    n = float(table.sum())
    expected = stats.contingency.expected_freq(table)
    found = []
    if np.any(expected < 5):
        found.append(f"{int(np.sum(expected < 5))} expected count(s) are below 5: the chi-square approximation "
                     "is poor" + (" — use Fisher's exact test." if table.shape == (2, 2) else
                                  "; merge sparse rows or columns."))
    resid = (table - expected) / np.sqrt(expected)
    rows, cols = table.shape
    adjusted = (table - expected) / np.sqrt(expected * np.outer(1 - table.sum(1) / n, 1 - table.sum(0) / n))
    extra = {"observed": table, "expected": expected, "std_residuals": adjusted, "pearson_residuals": resid}
    if test == "chi2_contingency":
        correction = bool(options.pop("correction", True))
        _no_more(options, test)
        if alternative != "two-sided":
            raise StatTestError("The chi-square test has no one-sided version: choose 'two-sided'.")
        r = stats.chi2_contingency(table, correction=correction)
        if table.shape == (2, 2):
            a, b, c, d = table.ravel()
            phi = float((a * d - b * c) / math.sqrt((a + b) * (c + d) * (a + c) * (b + d)))
            effect = ("phi", phi)
        else:
            effect = ("Cramér's V", float(association(table.astype(int), method="cramer")))
        notes = ["Yates' continuity correction applied (2x2 tables only)." if correction and table.shape == (2, 2)
                 else "No continuity correction."]
        return dict(statistic=float(r.statistic), pvalue=float(r.pvalue), df=int(r.dof), effect_size=effect,
                    sizes=(), options={"correction": correction}, extra=extra, warnings=tuple(found),
                    notes=tuple(notes))
    if table.shape != (2, 2):
        raise StatTestError(f"Fisher's exact test here takes a 2x2 table, got {rows}x{cols}; use the "
                            "chi-square test for larger tables.")
    _no_more(options, test)
    check_budget(n, FISHER_TOTAL, what=f"Fisher's exact test on a total count of {n:,.0f}",
                 reduce=f"it is for small counts (up to {FISHER_TOTAL:,}); with this many, the chi-square test is "
                        "accurate and instant")
    r = stats.fisher_exact(table.astype(int), alternative=alternative)
    conditional = odds_ratio(table.astype(int), kind="conditional")
    ci = conditional.confidence_interval(level, alternative=alternative)
    return dict(statistic=float(r.statistic), pvalue=float(r.pvalue), ci=(float(ci.low), float(ci.high)),
                ci_of="odds ratio (conditional MLE)",
                effect_size=("conditional odds ratio", float(conditional.statistic)), sizes=(),
                options={}, extra=extra,
                notes=("The statistic is scipy's sample odds ratio (ad/bc); the effect size and its exact CI are "
                       "the conditional maximum-likelihood estimate, as R's fisher.test reports.",))


def _xy(test, samples, alternative, level, labels, options):
    _expect(samples, 2, test)
    x = _sample(samples[0], labels[0], 3)
    y = _sample(samples[1], labels[1], 3)
    if x.size != y.size:
        raise StatTestError(f"x and y need the same length (pairs), got {x.size} and {y.size}.")
    _not_constant(x, labels[0])
    _not_constant(y, labels[1])
    n = x.size
    desc = (_describe(labels[0], x), _describe(labels[1], y))
    method = options.pop("method", "auto") if test == "kendalltau" else None
    _no_more(options, test)
    if test == "pearsonr":
        r = stats.pearsonr(x, y, alternative=alternative)
        ci = r.confidence_interval(level)
        return dict(statistic=float(r.statistic), pvalue=float(r.pvalue), df=n - 2,
                    ci=(float(ci.low), float(ci.high)), ci_of="correlation r", effect_size=("r", float(r.statistic)),
                    effect_ci=(float(ci.low), float(ci.high)), sizes=desc, options={},
                    notes=("The CI uses Fisher's z transformation, as R's cor.test.",))
    if test == "spearmanr":
        r = stats.spearmanr(x, y, alternative=alternative)
        rho = float(r.statistic)
        ci = _fisher_z_ci(rho, math.sqrt(1.06 / (n - 3)), level) if n > 3 else None
        return dict(statistic=rho, pvalue=float(r.pvalue), df=n - 2, ci=ci, ci_of="Spearman's rho",
                    effect_size=("Spearman's rho", rho), effect_ci=ci, sizes=desc, options={},
                    notes=("p-value from the t approximation (R uses an exact test for small n); the CI is "
                           "Fisher-z with Fieller's variance 1.06/(n-3).",))
    if method not in ("auto", "asymptotic", "exact"):
        raise StatTestError(f"Kendall's tau `method` is 'auto', 'asymptotic' or 'exact', got {method!r}.")
    if method == "exact":
        check_budget(n, KENDALL_EXACT_N, what=f"Kendall's tau with the exact p-value for {n:,} pairs",
                     reduce="choose method 'asymptotic' (or 'auto'), accurate for this many pairs")
        if np.unique(x).size < n or np.unique(y).size < n:
            raise StatTestError("The exact p-value of Kendall's tau needs data without ties; choose 'asymptotic' "
                                "(or 'auto', which does so when there are ties).")
    r = stats.kendalltau(x, y, alternative=alternative, method=method)
    tau = float(r.statistic)
    ci = _fisher_z_ci(tau, math.sqrt(0.437 / (n - 4)), level) if n > 4 else None
    return dict(statistic=tau, pvalue=float(r.pvalue), ci=ci, ci_of="Kendall's tau",
                effect_size=("Kendall's tau", tau), effect_ci=ci, sizes=desc, options={"method": method},
                notes=("tau-b (ties corrected); the CI is Fisher-z with Fieller's variance 0.437/(n-4).",))


def _no_more(options, test):
    if options:
        raise StatTestError(f"{TESTS[test].name} does not take {', '.join(sorted(options))}.")


_HANDLERS = {"one": _one, "paired": _paired, "two": _two, "groups": _groups, "table": _table_test, "xy": _xy}


# -- reading -------------------------------------------------------------------------------------------

def _conclusion(result, alpha):
    if not (0 < alpha < 1):
        raise StatTestError(f"`alpha` must be between 0 and 1, got {alpha!r}.")
    effect = ""
    if result.effect_size is not None:
        name, value = result.effect_size
        label = result.effect_label()
        effect = f" The effect size is {name} = {value:.3g}" + (f" ({label})." if label else ".")
    if result.test == "bootstrap":
        low, high = result.ci
        inside = low <= 0 <= high
        return (f"The {result.confidence_level:.0%} bootstrap interval for the difference of means is "
                f"[{low:.4g}, {high:.4g}]; it {'includes' if inside else 'excludes'} 0, so the data "
                f"{'do not show' if inside else 'show'} a difference at this level." + effect)
    significant = result.pvalue < alpha
    what = {
        "ttest_1samp": "the mean differs from the hypothesised value",
        "ttest_ind": "the two means differ", "ttest_rel": "the mean paired difference is not zero",
        "wilcoxon": "the paired differences are not centred on zero",
        "mannwhitneyu": "values in one group tend to be larger than in the other",
        "ks_2samp": "the two distributions differ", "permutation_test": "the two means differ",
        "f_oneway": "not all group means are equal", "kruskal": "some group tends to have larger values",
        "levene": "the variances differ", "shapiro": "the data are not normal",
        "chi2_contingency": "the row and column variables are associated",
        "fisher_exact": "the row and column variables are associated",
        "pearsonr": "there is a linear association", "spearmanr": "there is a monotonic association",
        "kendalltau": "there is a monotonic association",
    }[result.test]
    if significant:
        text = (f"p = {result.pvalue:.3g} < α = {alpha:g}: the data give evidence that {what}.")
    else:
        text = (f"p = {result.pvalue:.3g} ≥ α = {alpha:g}: the data do not give evidence that {what}. "
                "A large p-value is not evidence of no difference; the sample may be too small to see one.")
    caveat = {
        "mannwhitneyu": " Mann-Whitney compares whole distributions; it is a test of medians only if the "
                        "shapes are the same.",
        "shapiro": " With large samples tiny, harmless departures from normality are significant.",
        "pearsonr": " Correlation is not causation, and r measures only straight-line association.",
    }.get(result.test, "")
    return f"{result.name}: {text}{effect}{caveat}"


def _checks(samples, labels, alpha, max_n, rng):
    """Shapiro-Wilk per sample and Levene across them: (rows, all normal, equal variances, all n >= 30)."""
    rows = []
    normal = True
    gen = np.random.default_rng(rng)
    for label, s in zip(labels, samples):
        s = np.asarray(s, dtype=float)
        if s.size < 3 or np.ptp(s) == 0:
            rows.append({"check": f"normality of {label}", "test": "Shapiro-Wilk", "statistic": np.nan,
                         "p-value": np.nan, "reading": "too few or constant values"})
            continue
        sub = s if s.size <= max_n else gen.choice(s, max_n, replace=False)
        r = stats.shapiro(sub)
        ok = r.pvalue >= alpha
        normal &= ok
        rows.append({"check": f"normality of {label}" + (f" ({max_n:,} random values)" if s.size > max_n else ""),
                     "test": "Shapiro-Wilk", "statistic": float(r.statistic), "p-value": float(r.pvalue),
                     "reading": "consistent with normal" if ok else "not normal"})
    equal_var = True
    if len(samples) >= 2 and all(np.asarray(s).size >= 2 for s in samples):
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = stats.levene(*samples)
        if np.isfinite(r.pvalue):
            equal_var = r.pvalue >= alpha
            rows.append({"check": "equal variances", "test": "Levene (median)", "statistic": float(r.statistic),
                         "p-value": float(r.pvalue), "reading": "equal" if equal_var else "differ"})
    large = min(np.asarray(s).size for s in samples) >= 30
    return rows, normal, equal_var, large


_SMALL_NOT_NORMAL = "Not all samples look normal and some are small"


def assumption_checks(samples, labels, alpha=0.05, *, max_n=5000, rng=0):
    """Normality per sample (Shapiro-Wilk on at most `max_n` values) and equal variances (Levene).

    Returns (rows, advice): a row per check and a sentence on which test the checks point to.
    """
    rows, normal, equal_var, large = _checks(samples, labels, alpha, max_n, rng)
    if not normal and not large:
        advice = f"{_SMALL_NOT_NORMAL}: prefer a rank test (Mann-Whitney, Wilcoxon, " \
                 "Kruskal-Wallis) or the permutation test."
    elif not equal_var and len(samples) == 2:
        advice = "The variances differ: use Welch's t-test (equal_var=False), not Student's."
    elif not equal_var:
        advice = "The variances differ: ANOVA's p-value may be off; compare with Kruskal-Wallis."
    elif not normal:
        advice = "Some samples do not look normal, but they are large (n ≥ 30): the t-test is robust here; " \
                 "check the robustness panel."
    else:
        advice = "The checks raise no concern about the t-test or ANOVA assumptions."
    return rows, advice


@dataclass(frozen=True)
class SecondOpinion:
    """The test the assumption checks point to, run on the same data: ``advice`` says why, ``result`` is its
    :class:`TestResult`, ``agrees`` whether it reaches the same verdict at the level it was asked for."""

    advice: str
    result: TestResult
    agrees: bool

    def sentence(self, alpha=0.05):
        verdict = ("It agrees with the test above." if self.agrees else
                   "It disagrees with the test above: the conclusion depends on the assumption, so prefer this "
                   "one (or report both).")
        return f"{self.advice} {self.result.conclusion(alpha)} {verdict}"


def second_opinion(result, samples, labels, alpha=0.05, *, max_n=5000, rng=0):
    """When a parametric test's assumptions fail on `samples`, the test they point to, run with the same
    alternative and level; None when the checks raise no concern (or the test is not parametric).

    Small, non-normal samples get the rank test (t-tests: Mann-Whitney or Wilcoxon; ANOVA: Kruskal-Wallis);
    unequal variances under Student's t or the classic ANOVA get Welch's version (``equal_var=False``).
    Paired and one-sample designs check the differences (from each other, or from ``popmean``).
    """
    test, opts = result.test, dict(result.options)
    if TESTS[test].family != "parametric":
        return None
    labels = [str(v) for v in labels]
    samples = [np.asarray(s, dtype=float) for s in samples]
    popmean = float(opts.get("popmean", 0.0))
    if test == "ttest_rel":
        checked, names = [samples[0] - samples[1]], ["the paired differences"]
    elif test == "ttest_1samp":
        checked, names = [samples[0] - popmean], [f"{labels[0]} - {popmean:g}"]
    else:
        checked, names = samples, labels
    _, normal, equal_var, large = _checks(checked, names, alpha, max_n, rng)
    common = dict(alternative=result.alternative, confidence_level=result.confidence_level)
    if not normal and not large:
        advice = f"{_SMALL_NOT_NORMAL}, so the assumption checks point to a rank test."
        if test == "ttest_ind":
            other = run_test("mannwhitneyu", *samples, labels=labels, **common)
        elif test == "f_oneway":
            other = run_test("kruskal", *samples, labels=labels, **common)
        else:   # ttest_rel, ttest_1samp: Wilcoxon on the differences
            other = run_test("wilcoxon", checked[0], labels=names, **common)
    elif not equal_var and opts.get("equal_var", True) and test in ("ttest_ind", "f_oneway"):
        advice = "The variances differ (Levene), so the assumption checks point to Welch's version."
        other = run_test(test, *samples, labels=labels, equal_var=False, **common)
    else:
        return None
    agrees = (result.pvalue < alpha) == (other.pvalue < alpha)
    return SecondOpinion(advice, other, agrees)


def robustness(a, b, *, alternative="two-sided", confidence_level=0.95, rng=0):
    """The same two-sample comparison by Student, Welch, Mann-Whitney, permutation and bootstrap."""
    rows = []
    for test, opts in (("ttest_ind", {"equal_var": True}), ("ttest_ind", {"equal_var": False}),
                       ("mannwhitneyu", {}), ("permutation_test", {"rng": rng}), ("bootstrap", {"rng": rng})):
        r = run_test(test, a, b, alternative=alternative, confidence_level=confidence_level, **opts)
        label = r.name if test != "ttest_ind" else ("Student's t" if opts["equal_var"] else "Welch's t")
        rows.append({"method": label, "statistic": r.statistic, "p-value": r.pvalue,
                     "CI low": r.ci[0] if r.ci else np.nan, "CI high": r.ci[1] if r.ci else np.nan,
                     "CI of": r.ci_of or "", "effect": f"{r.effect_size[0]} = {r.effect_size[1]:.3g}"})
    return rows


def power_two_sample(n, d, alpha=0.05, alternative="two-sided"):
    """Power of the two-sample t-test with n per group and standardised effect d (noncentral t)."""
    if not (2 <= n <= 10_000_000):
        raise StatTestError(f"n per group must be between 2 and 10,000,000, got {n!r}.")
    df = 2 * n - 2
    nc = d * math.sqrt(n / 2)
    # Both tails as upper tails (P(T < -t | nc) = P(T > t | -nc)): nct.cdf is NaN far in the lower tail.
    def upper(t, ncp):
        p = stats.nct.sf(t, df, ncp)
        return float(p) if np.isfinite(p) else 0.0

    if alternative == "two-sided":
        t = stats.t.ppf(1 - alpha / 2, df)
        return min(1.0, upper(t, nc) + upper(t, -nc))
    t = stats.t.ppf(1 - alpha, df)
    return upper(t, nc) if alternative == "greater" else upper(t, -nc)


def sample_size_two_sample(d, power=0.8, alpha=0.05, alternative="two-sided"):
    """Smallest n per group reaching `power` for effect d (None if beyond 10,000,000)."""
    if not (0 < power < 1) or d == 0:
        raise StatTestError("Power must be between 0 and 1 and the effect size non-zero.")
    d = abs(d) if alternative == "two-sided" else d
    lo, hi = 2, 2
    while power_two_sample(hi, d, alpha, alternative) < power:
        lo, hi = hi, hi * 2
        if hi > 10_000_000:
            return None
    while lo < hi:
        mid = (lo + hi) // 2
        if power_two_sample(mid, d, alpha, alternative) >= power:
            hi = mid
        else:
            lo = mid + 1
    return hi


def simulate_two_groups(n, d, *, sd=1.0, alpha=0.05, rng=0):
    """What-if: two normal groups of `n` with means d*sd apart; Welch's test on them and the design's power.

    Returns (a, b, result, power) where power is the noncentral-t power for effect d at this n.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 2 <= n <= 100_000:
        raise StatTestError(f"n per group must be a whole number from 2 to 100,000, got {n!r}.")
    if not (0 < sd <= 1e6) or not (-10 <= d <= 10):
        raise StatTestError("The noise SD must be positive and the effect size between -10 and 10.")
    gen = np.random.default_rng(rng)
    a = gen.normal(0.0, sd, n)
    b = gen.normal(d * sd, sd, n)
    result = run_test("ttest_ind", b, a, equal_var=False, confidence_level=1 - alpha, labels=["treated", "control"])
    return a, b, result, power_two_sample(n, d, alpha) if d else alpha
