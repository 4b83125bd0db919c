"""run_test against scipy (same call, 1e-12), against published results, and on bad input."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from numpy.testing import assert_allclose
from scipy import stats
from scipy.stats.contingency import association

from core.common import BudgetError, read_table, select_columns
from core.stats.samples import SAMPLES
from core.common import groups_from_long
from core.stats import (TESTS, StatTestError, assumption_checks, power_two_sample, resample_count, robustness,
                             run_test, sample_size_two_sample, simulate_two_groups)

rng = np.random.default_rng(7)
A = rng.normal(0, 1, 40)
B = rng.normal(0.4, 1.3, 33)
C = rng.normal(-0.2, 1, 25)
PAIR = A[:33] + rng.normal(0.3, 0.5, 33)
TABLE = np.array([[12, 20, 8], [8, 18, 14], [4, 14, 22]])

# (test, samples, options, the direct scipy call)
CASES = [
    ("ttest_1samp", (A,), {"popmean": 0.2}, lambda alt: stats.ttest_1samp(A, 0.2, alternative=alt)),
    ("ttest_ind", (A, B), {"equal_var": True}, lambda alt: stats.ttest_ind(A, B, alternative=alt)),
    ("ttest_ind", (A, B), {"equal_var": False}, lambda alt: stats.ttest_ind(A, B, equal_var=False, alternative=alt)),
    ("ttest_rel", (A[:33], PAIR), {}, lambda alt: stats.ttest_rel(A[:33], PAIR, alternative=alt)),
    ("wilcoxon", (A[:33], PAIR), {}, lambda alt: stats.wilcoxon(A[:33], PAIR, alternative=alt)),
    ("mannwhitneyu", (A, B), {}, lambda alt: stats.mannwhitneyu(A, B, alternative=alt)),
    ("mannwhitneyu", (A, B), {"use_continuity": False, "method": "asymptotic"},
     lambda alt: stats.mannwhitneyu(A, B, use_continuity=False, method="asymptotic", alternative=alt)),
    ("ks_2samp", (A, B), {}, lambda alt: stats.ks_2samp(A, B, alternative=alt)),
    ("pearsonr", (A[:33], PAIR), {}, lambda alt: stats.pearsonr(A[:33], PAIR, alternative=alt)),
    ("spearmanr", (A[:33], PAIR), {}, lambda alt: stats.spearmanr(A[:33], PAIR, alternative=alt)),
    ("kendalltau", (A[:33], PAIR), {}, lambda alt: stats.kendalltau(A[:33], PAIR, alternative=alt)),
    ("fisher_exact", ([[3, 1], [1, 3]],), {}, lambda alt: stats.fisher_exact([[3, 1], [1, 3]], alternative=alt)),
]
GROUP_CASES = [
    ("f_oneway", (A, B, C), {}, lambda: stats.f_oneway(A, B, C)),
    ("kruskal", (A, B, C), {}, lambda: stats.kruskal(A, B, C)),
    ("levene", (A, B, C), {}, lambda: stats.levene(A, B, C)),
    ("shapiro", (A,), {}, lambda: stats.shapiro(A)),
    ("chi2_contingency", (TABLE,), {}, lambda: stats.chi2_contingency(TABLE)),
    ("chi2_contingency", ([[10, 4], [3, 9]],), {"correction": False},
     lambda: stats.chi2_contingency([[10, 4], [3, 9]], correction=False)),
]


@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_equals_scipy(case, alternative):
    test, samples, options, direct = case
    r = run_test(test, *samples, alternative=alternative, **options)
    ref = direct(alternative)
    assert_allclose(r.statistic, ref.statistic, rtol=1e-12)
    assert_allclose(r.pvalue, ref.pvalue, rtol=1e-12)


@pytest.mark.parametrize("case", GROUP_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(GROUP_CASES)])
def test_equals_scipy_two_sided_only(case):
    test, samples, options, direct = case
    r = run_test(test, *samples, **options)
    ref = direct()
    assert_allclose([r.statistic, r.pvalue], [ref.statistic, ref.pvalue], rtol=1e-12)


def test_every_test_is_covered_here():
    covered = {c[0] for c in CASES + GROUP_CASES} | {"permutation_test", "bootstrap"}
    assert covered == set(TESTS)


def test_student_sleep_paired():
    # R: t.test(sleep$extra[1:10], sleep$extra[11:20], paired = TRUE): t = -4.0621, df = 9, p-value = 0.002833,
    # 95% CI -2.4598858 -0.7001142.
    frame = read_table(SAMPLES.load("sleep"))
    sel = select_columns(frame, ["drug_1_extra_h", "drug_2_extra_h"])
    r = run_test("ttest_rel", sel.values[:, 0], sel.values[:, 1])
    assert_allclose([r.statistic, r.df, r.pvalue], [-4.0621, 9, 0.002833], rtol=1e-4)
    assert_allclose(r.ci, (-2.4598858, -0.7001142), rtol=1e-6)


def test_plant_growth_anova():
    # R: anova(lm(weight ~ group, PlantGrowth)): F = 4.8461 on 2 and 27 df, p = 0.01591.
    labels, groups, _ = groups_from_long(read_table(SAMPLES.load("plant_growth")), "dried_weight_g", "group")
    r = run_test("f_oneway", *groups, labels=labels)
    assert r.df == (2, 27)
    assert_allclose([r.statistic, r.pvalue], [4.8461, 0.01591], rtol=2e-4)
    ss_between = sum(g.size * (g.mean() - np.concatenate(groups).mean()) ** 2 for g in groups)
    ss_total = np.sum((np.concatenate(groups) - np.concatenate(groups).mean()) ** 2)
    assert_allclose(r.effect_size[1], ss_between / ss_total, rtol=1e-12)


def test_welch_anova_equals_scipy_and_r():
    # R: oneway.test(weight ~ group, PlantGrowth): F = 5.181, num df = 2.000, denom df = 17.128, p-value = 0.01739.
    labels, groups, _ = groups_from_long(read_table(SAMPLES.load("plant_growth")), "dried_weight_g", "group")
    r = run_test("f_oneway", *groups, equal_var=False, labels=labels)
    ref = stats.f_oneway(*groups, equal_var=False)
    assert (r.statistic, r.pvalue) == (float(ref.statistic), float(ref.pvalue))
    assert r.df[0] == 2
    assert_allclose([r.statistic, r.df[1], r.pvalue], [5.181, 17.128, 0.01739], rtol=3e-4)
    assert r.options == {"equal_var": False} and "Welch" in " ".join(r.notes)
    assert run_test("f_oneway", *groups).options == {"equal_var": True}
    with pytest.raises(StatTestError, match="equal_var"):
        run_test("f_oneway", *groups, equal_var="no")


@pytest.mark.parametrize("method", ["auto", "asymptotic", "exact"])
def test_kendall_method_equals_scipy(method):
    gen = np.random.default_rng(5)
    x = gen.normal(size=40)
    y = x + gen.normal(size=40)
    for alternative in ("two-sided", "greater"):
        r = run_test("kendalltau", x, y, method=method, alternative=alternative)
        ref = stats.kendalltau(x, y, method=method, alternative=alternative)
        assert (r.statistic, r.pvalue) == (float(ref.statistic), float(ref.pvalue))
        assert r.options == {"method": method}
    exact, asymptotic = (run_test("kendalltau", x[:12], y[:12], method=m).pvalue for m in ("exact", "asymptotic"))
    assert exact != asymptotic  # the option reaches scipy


def test_kendall_exact_refuses_ties_and_large_n_with_a_message():
    with pytest.raises(StatTestError, match="without ties"):
        run_test("kendalltau", [1, 1, 2, 3, 4], [1, 2, 3, 4, 5], method="exact")
    gen = np.random.default_rng(0)
    with pytest.raises(BudgetError, match="asymptotic"):
        run_test("kendalltau", gen.normal(size=5000), gen.normal(size=5000), method="exact")
    with pytest.raises(StatTestError, match="method"):
        run_test("kendalltau", [1, 2, 3, 4], [2, 1, 4, 3], method="permutation")


def test_fisher_tea_tasting_matches_r():
    # R: fisher.test(matrix(c(3, 1, 1, 3), 2)): p = 0.4857, odds ratio 6.408309, CI 0.2117329 621.9337505.
    r = run_test("fisher_exact", [[3, 1], [1, 3]])
    assert_allclose(r.pvalue, 0.4857, rtol=1e-4)
    assert_allclose(r.effect_size[1], 6.408309, rtol=1e-5)
    assert_allclose(r.ci[0], 0.2117329, rtol=5e-5)  # R's uniroot tolerance leaves ~1e-5 of slack


def test_effect_sizes_against_formulas():
    r = run_test("ttest_ind", A, B)
    n1, n2 = A.size, B.size
    sp = np.sqrt(((n1 - 1) * A.var(ddof=1) + (n2 - 1) * B.var(ddof=1)) / (n1 + n2 - 2))
    d = (A.mean() - B.mean()) / sp
    assert_allclose(r.effect_size[1], d * (1 - 3 / (4 * (n1 + n2) - 9)), rtol=1e-12)
    mw = run_test("mannwhitneyu", A, B)
    u = stats.mannwhitneyu(A, B).statistic
    assert_allclose(mw.effect_size[1], 2 * u / (n1 * n2) - 1, rtol=1e-12)
    chi = run_test("chi2_contingency", TABLE)
    assert_allclose(chi.effect_size[1], association(TABLE, method="cramer"), rtol=1e-12)
    pr = run_test("pearsonr", A[:33], PAIR)
    ci = stats.pearsonr(A[:33], PAIR).confidence_interval()
    assert_allclose(pr.ci, (ci.low, ci.high), rtol=1e-12)
    k = run_test("kruskal", A, B, C)
    n = A.size + B.size + C.size
    assert_allclose(k.effect_size[1], k.statistic * (n + 1) / (n ** 2 - 1), rtol=1e-12)


def test_effect_labels():
    assert run_test("ttest_ind", A, A + 3).effect_label() == "large"
    r = run_test("pearsonr", A[:33], PAIR)
    assert r.effect_label() in ("small", "medium", "large")


def test_permutation_and_bootstrap_are_reproducible_and_sensible():
    p1 = run_test("permutation_test", A, B, n_resamples=999)
    p2 = run_test("permutation_test", A, B, n_resamples=999)
    assert p1.pvalue == p2.pvalue and p1.extra["null_distribution"].size == 999
    t = run_test("ttest_ind", A, B)
    assert abs(p1.pvalue - t.pvalue) < 0.05
    b = run_test("bootstrap", A, B, n_resamples=999)
    assert np.isnan(b.pvalue) and b.ci[0] < A.mean() - B.mean() < b.ci[1]


def test_resample_count_is_bounded():
    assert resample_count(100) == 9999
    assert resample_count(2_000_000) == resample_count(100_000) == 600  # big data: a 100,000 subsample
    assert resample_count(100, 500) == 500
    with pytest.raises(StatTestError):
        resample_count(100, 0)


def test_power_matches_cohen():
    # Cohen (1988), table 2.4.1: d = 0.5, alpha = 0.05 two-sided, power 0.80 needs n = 64 per group.
    assert sample_size_two_sample(0.5, 0.8) == 64
    assert_allclose(power_two_sample(64, 0.5), 0.8015, atol=5e-4)
    assert power_two_sample(64, 0.5, alternative="greater") > power_two_sample(64, 0.5)
    assert power_two_sample(200, 1.0) == pytest.approx(1.0)  # nct.cdf is NaN this far in the tail
    assert power_two_sample(64, -0.5) == pytest.approx(power_two_sample(64, 0.5))


def test_simulation_and_assumptions():
    a, b, r, power = simulate_two_groups(50, 0.8, sd=2.0, rng=1)
    assert a.size == b.size == 50 and 0 < power < 1 and r.test == "ttest_ind"
    rows, advice = assumption_checks([A, B * 5], ["a", "b"])
    assert rows[-1]["check"] == "equal variances" and "Welch" in advice
    skewed = [np.exp(rng.normal(0, 1.5, 12)), np.exp(rng.normal(0, 1.5, 12))]
    assert "rank test" in assumption_checks(skewed, ["a", "b"])[1]
    methods = [row["method"] for row in robustness(A, B)]
    assert methods[:2] == ["Student's t", "Welch's t"] and len(methods) == 5


def test_conclusions_say_what_a_test_does_not_show():
    big_p = run_test("ttest_ind", A, A + 0.01)
    assert "not evidence of no difference" in big_p.conclusion(0.05)
    assert "not a test of medians" in run_test("mannwhitneyu", A, B).conclusion() or \
        "test of medians only if" in run_test("mannwhitneyu", A, B).conclusion()


@pytest.mark.parametrize("args, kwargs, match", [
    (("ttest_ind", [1.0], [2.0, 3.0]), {}, "at least 2"),
    (("ttest_ind", [1.0, 1.0], [2.0, 2.0]), {}, "constant"),
    (("ttest_1samp", [5.0, 5.0, 5.0]), {}, "constant"),
    (("ttest_rel", [1.0, 2.0, 3.0], [1.0, 2.0]), {}, "same length"),
    (("wilcoxon", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0]), {}, "zero"),
    (("chi2_contingency", [[1, -2], [3, 4]]), {}, "zero or more"),
    (("chi2_contingency", [[1.5, 2], [3, 4]]), {}, "whole numbers"),
    (("chi2_contingency", [[1, 2, 3]]), {}, "2 rows"),
    (("chi2_contingency", [[0, 0], [3, 4]]), {}, "all zeros"),
    (("fisher_exact", [[1, 2, 3], [4, 5, 6]]), {}, "2x2"),
    (("f_oneway", [1.0, 2.0, 3.0]), {}, "two groups"),
    (("f_oneway", [1.0, 2.0], [3.0, 4.0]), {"alternative": "less"}, "one-sided"),
    (("ttest_ind", [1.0, np.nan], [2.0, 3.0]), {}, "NaN"),
    (("pearsonr", [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0]), {}, "same length"),
    (("nope", [1.0]), {}, "Unknown test"),
    (("ttest_ind", [1.0, 2.0], [3.0, 4.0]), {"alternative": "sideways"}, "alternative"),
    (("ttest_ind", [1.0, 2.0], [3.0, 4.0]), {"trim": 0.1}, "does not take"),
    (("ttest_ind", ["a", "b"], [3.0, 4.0]), {}, "numbers"),
])
def test_bad_input(args, kwargs, match):
    with pytest.raises(StatTestError, match=match):
        run_test(*args, **kwargs)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # scipy's own exact-to-asymptotic switch in the reference
@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-1e3, 1e3), min_size=3, max_size=40), st.lists(st.floats(-1e3, 1e3), min_size=3, max_size=40),
       st.sampled_from(["ttest_ind", "mannwhitneyu", "ks_2samp"]))
def test_random_data_equals_scipy_or_refuses(a, b, test):
    try:
        r = run_test(test, a, b)
    except StatTestError:
        return
    ref = getattr(stats, test)(a, b)
    assert_allclose([r.statistic, r.pvalue], [ref.statistic, ref.pvalue], rtol=1e-12, equal_nan=True)


def test_hodges_lehmann_shift_matches_r_example():
    # R's ?wilcox.test example: wilcox.test(x, y, conf.int = TRUE) gives W = 35, p = 0.2544 and
    # "difference in location 0.305".
    x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
    y = [1.15, 0.88, 0.90, 0.74, 1.21]
    r = run_test("mannwhitneyu", x, y)
    assert r.statistic == 35 and abs(r.pvalue - 0.2544) < 1e-4
    assert_allclose(r.extra["hodges_lehmann"], 0.305, rtol=1e-9)
    assert r.ci[0] < 0.305 < r.ci[1]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-100, 100), min_size=4, max_size=30), st.lists(st.floats(-100, 100), min_size=4, max_size=30))
def test_hodges_lehmann_lies_in_its_interval(a, b):
    try:
        r = run_test("mannwhitneyu", a, b)
    except StatTestError:
        return
    assert r.ci[0] <= r.extra["hodges_lehmann"] <= r.ci[1]
    diffs = np.subtract.outer(a, b).ravel()
    assert_allclose(r.extra["hodges_lehmann"], np.median(diffs), rtol=1e-12, atol=1e-12)
