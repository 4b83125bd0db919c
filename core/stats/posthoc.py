"""Post-hoc comparisons after a one-way ANOVA or Kruskal-Wallis test: which groups differ?

:func:`posthoc` runs one of SciPy's multiple-comparison procedures on k groups and returns every pairwise
difference with its adjusted p-value (and, for Tukey and Dunnett, its simultaneous confidence interval):

* ``"tukey"``: Tukey's honestly significant difference (``scipy.stats.tukey_hsd``): all pairs, family-wise
  error controlled, equal variances assumed (Tukey-Kramer for unequal sizes).
* ``"dunnett"``: each group against a control (``scipy.stats.dunnett``): fewer comparisons, so more power.
* ``"bonferroni"``, ``"holm"``, ``"fdr_bh"``: pairwise Welch t-tests (``scipy.stats.ttest_ind(equal_var=False)``)
  with the p-values adjusted by Bonferroni (p x m), Holm's step-down (family-wise, never less powerful than
  Bonferroni) or Benjamini-Hochberg (``scipy.stats.false_discovery_control``: the false discovery rate).
"""

from dataclasses import dataclass
from itertools import combinations

import numpy as np
from scipy import stats

from core.common.validate import check_level
from core.stats.testing import StatTestError

__all__ = ["posthoc", "PosthocResult", "POSTHOC_METHODS"]

POSTHOC_METHODS = {
    "tukey": "Tukey HSD (all pairs)",
    "dunnett": "Dunnett (each group against a control)",
    "holm": "Pairwise Welch t-tests, Holm",
    "bonferroni": "Pairwise Welch t-tests, Bonferroni",
    "fdr_bh": "Pairwise Welch t-tests, Benjamini-Hochberg (FDR)",
}


@dataclass(frozen=True)
class PosthocResult:
    """Pairwise comparisons. For Dunnett, `pvalues`, `statistic`, `difference` and the CI are vectors over the
    k - 1 groups other than `control` (in their order); otherwise k x k matrices (row minus column, diagonal
    NaN for p-values). `ci_low`/`ci_high` are None where the method has no interval."""

    method: str
    labels: tuple
    pvalues: np.ndarray
    statistic: np.ndarray
    difference: np.ndarray
    ci_low: np.ndarray | None
    ci_high: np.ndarray | None
    confidence_level: float
    control: int | None = None

    def pairs(self):
        """(i, j) index pairs compared, in the order of :meth:`rows`."""
        k = len(self.labels)
        if self.method == "dunnett":
            return [(i, self.control) for i in range(k) if i != self.control]
        return list(combinations(range(k), 2))

    def rows(self, alpha=0.05):
        """One dict per comparison: the difference of means (first minus second), its CI, the adjusted p."""
        out = []
        for n, (i, j) in enumerate(self.pairs()):
            at = n if self.method == "dunnett" else (i, j)
            row = {"comparison": f"{self.labels[i]} − {self.labels[j]}",
                   "difference": float(self.difference[at]),
                   "ci_low": np.nan if self.ci_low is None else float(self.ci_low[at]),
                   "ci_high": np.nan if self.ci_high is None else float(self.ci_high[at]),
                   "statistic": float(self.statistic[at]), "p (adjusted)": float(self.pvalues[at])}
            row["significant"] = bool(row["p (adjusted)"] < alpha)
            out.append(row)
        return out


def _holm(p):
    order = np.argsort(p)
    m = p.size
    adjusted = np.maximum.accumulate((m - np.arange(m)) * p[order])
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return out


def posthoc(*groups, method="tukey", control=None, confidence_level=0.95, labels=None, rng=0):
    """Multiple comparisons among `groups` (two or more samples).

    Parameters
    ----------
    *groups : array_like
    method : {"tukey", "dunnett", "bonferroni", "holm", "fdr_bh"}
    control : int, optional
        Index of the control group (Dunnett only, required there).
    confidence_level : float
        Of the simultaneous intervals (Tukey, Dunnett).
    labels : sequence of str, optional
    rng : int
        Seed of Dunnett's quasi-Monte Carlo integration (its p-values are reproducible only with a seed).

    Returns
    -------
    PosthocResult

    Examples
    --------
    >>> r = posthoc([4.2, 4.6, 4.4, 4.9], [5.1, 5.3, 5.9, 5.6], [4.1, 4.3, 4.0, 4.6], method="tukey")
    >>> r.pvalues.shape, round(float(r.pvalues[0, 1]), 4)
    ((3, 3), 0.0045)
    """
    if method not in POSTHOC_METHODS:
        raise StatTestError(f"Unknown post-hoc method {method!r}; choose one of {', '.join(POSTHOC_METHODS)}.")
    check_level(confidence_level)
    if not 2 <= len(groups) <= 50:
        raise StatTestError(f"Post-hoc comparisons need 2 to 50 groups, got {len(groups)}.")
    data = []
    for i, g in enumerate(groups):
        a = np.asarray(g, dtype=float)
        a = a[np.isfinite(a)]
        if a.size < 2:
            raise StatTestError(f"Group {i + 1} has fewer than two values.")
        data.append(a)
    k = len(data)
    labels = tuple(str(v) for v in labels) if labels is not None else tuple(f"group {i + 1}" for i in range(k))
    if len(labels) != k:
        raise StatTestError(f"{k} groups but {len(labels)} labels.")
    means = np.array([a.mean() for a in data])
    if method == "tukey":
        r = stats.tukey_hsd(*data)
        ci = r.confidence_interval(confidence_level)
        return PosthocResult(method, labels, np.asarray(r.pvalue), np.asarray(r.statistic),
                             means[:, None] - means[None, :], np.asarray(ci.low), np.asarray(ci.high),
                             confidence_level)
    if method == "dunnett":
        if isinstance(control, bool) or not isinstance(control, (int, np.integer)) or not 0 <= control < k:
            raise StatTestError(f"Dunnett's test needs the control group's index (0 to {k - 1}), got {control!r}.")
        others = [a for i, a in enumerate(data) if i != control]
        r = stats.dunnett(*others, control=data[control], rng=rng)
        ci = r.confidence_interval(confidence_level)
        diff = np.array([a.mean() - data[control].mean() for a in others])
        return PosthocResult(method, labels, np.asarray(r.pvalue), np.asarray(r.statistic), diff,
                             np.asarray(ci.low), np.asarray(ci.high), confidence_level, int(control))
    pairs = list(combinations(range(k), 2))
    raw = np.empty(len(pairs))
    tstat = np.full((k, k), np.nan)
    for n, (i, j) in enumerate(pairs):
        r = stats.ttest_ind(data[i], data[j], equal_var=False)
        raw[n] = r.pvalue
        tstat[i, j], tstat[j, i] = r.statistic, -r.statistic
    if method == "bonferroni":
        adjusted = np.minimum(raw * len(pairs), 1.0)
    elif method == "holm":
        adjusted = _holm(raw)
    else:
        adjusted = stats.false_discovery_control(raw, method="bh")
    pvalues = np.full((k, k), np.nan)
    for n, (i, j) in enumerate(pairs):
        pvalues[i, j] = pvalues[j, i] = adjusted[n]
    return PosthocResult(method, labels, pvalues, tstat, means[:, None] - means[None, :], None, None,
                         confidence_level)
