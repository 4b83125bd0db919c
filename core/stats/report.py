"""A results sentence in APA style (7th edition) for a :class:`~core.stats.testing.TestResult`, to copy into a
report: the statistic with its degrees of freedom, the p-value, the effect size and the confidence interval.

APA rules followed: statistics to two decimals; p to three decimals without the leading zero, "p < .001" below
that; no leading zero for quantities that cannot exceed 1 (p, r, rho, tau, eta squared, ...); the CI as
"95% CI [low, high]". Symbols are plain text (no italics) so the sentence pastes anywhere.
"""

import math

import numpy as np

from core.stats.testing import TESTS

__all__ = ["apa_sentence", "apa_number", "apa_p"]

# Symbol of the test statistic, and whether its df are printed.
_SYMBOL = {
    "ttest_1samp": "t", "ttest_rel": "t", "ttest_ind": "t", "wilcoxon": "T", "mannwhitneyu": "U",
    "ks_2samp": "D", "f_oneway": "F", "kruskal": "H", "levene": "F", "shapiro": "W",
    "chi2_contingency": "χ²", "pearsonr": "r", "spearmanr": "rs", "kendalltau": "τ",
}
# Effect sizes bounded by 1 in absolute value: printed without the leading zero.
_BOUNDED = {"rank-biserial r", "r", "Spearman's rho", "Kendall's tau", "Cramér's V", "phi", "eta squared",
            "epsilon squared", "D"}
_EFFECT_SYMBOL = {"Cohen's d": "d", "Hedges' g": "g", "Cohen's d_z": "dz", "rank-biserial r": "r (rank-biserial)",
                  "eta squared": "η²", "epsilon squared": "ε²", "Cramér's V": "V", "phi": "φ",
                  "conditional odds ratio": "OR"}


def apa_number(value, decimals=2, *, bounded=False):
    """`value` to `decimals` places; ``bounded`` drops the leading zero (APA, for values that cannot exceed 1).

    >>> apa_number(-0.318), apa_number(0.318, bounded=True), apa_number(12345.678)
    ('-0.32', '.32', '12345.68')
    """
    if value is None or not np.isfinite(value):
        return "n/a" if value is None or np.isnan(value) else ("∞" if value > 0 else "-∞")
    text = f"{value:.{decimals}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    if bounded:
        text = text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text
    return text


def apa_p(p):
    """``p = .034``, ``p = .200``, ``p < .001`` (APA: exact to three decimals, no leading zero)."""
    if p is None or not np.isfinite(p):
        return "p n/a"
    if p < 0.001:
        return "p < .001"
    return f"p = {apa_number(p, 3, bounded=True)}"


def _df(df):
    if df is None:
        return ""
    values = [float(v) for v in np.atleast_1d(df)]
    return "(" + ", ".join(str(int(v)) if float(v).is_integer() else apa_number(v) for v in values) + ")"


def apa_sentence(result):
    """One copyable sentence, e.g. ``"Welch's t-test: t(17.78) = -2.10, p = .050, g = -0.69, 95% CI of the
    difference of means [-4.51, 0.00]."``"""
    t = result.test
    level = f"{result.confidence_level * 100:g}%"
    parts = []
    kind = TESTS[t].kind
    if t == "wilcoxon" and len(result.sizes) == 1:
        kind = "one"
    if not result.sizes or kind == "table":
        count = ""
    elif kind in ("paired", "xy"):
        count = f"n = {int(result.sizes[0]['n'])} pairs"
    else:
        count = f"N = {sum(int(s.get('n', 0)) for s in result.sizes)}"
    if t in _SYMBOL:
        symbol = _SYMBOL[t]
        df = _df(result.df)
        if t == "chi2_contingency":
            total = int(np.sum(result.extra["observed"]))
            df = f"({int(np.atleast_1d(result.df)[0])}, N = {total})"
        bounded = t in ("pearsonr", "spearmanr", "kendalltau", "ks_2samp", "shapiro")
        parts.append(f"{symbol}{df} = {apa_number(result.statistic, 2, bounded=bounded)}")
    elif t in ("permutation_test", "bootstrap"):
        parts.append(f"Mdiff = {apa_number(result.statistic)}")
    if np.isfinite(result.pvalue):
        parts.append(apa_p(result.pvalue))
    if t == "fisher_exact":
        parts.append(f"OR = {apa_number(result.effect_size[1])} (conditional MLE)")
    elif result.effect_size and result.effect_size[0] != "D" and t not in ("pearsonr", "spearmanr", "kendalltau"):
        name, value = result.effect_size
        parts.append(f"{_EFFECT_SYMBOL.get(name, name)} = {apa_number(value, 2, bounded=name in _BOUNDED)}")
    if result.ci is not None and all(math.isfinite(v) or math.isinf(v) for v in result.ci):
        bounded = t in ("pearsonr", "spearmanr", "kendalltau")
        low, high = (apa_number(v, 2, bounded=bounded) for v in result.ci)
        article = "" if "'s" in result.ci_of else "the "
        what = f" for {article}{result.ci_of}" if result.ci_of else ""
        parts.append(f"{level} CI [{low}, {high}]{what}")
    if count:
        parts.append(count)
    return f"{result.name}: " + ", ".join(parts) + "."
