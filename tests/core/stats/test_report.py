"""The APA results sentence (numbers checked against R) and the second opinion the assumption checks give."""

import io

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from core.stats import apa_number, apa_p, apa_sentence, run_test, second_opinion
from core.stats.samples import SAMPLES


def frame(key):
    return pd.read_csv(io.BytesIO(SAMPLES.load(key)))


def plant_groups():
    df = frame("plant_growth")
    return [df.loc[df.group == k, "dried_weight_g"].to_numpy() for k in ("ctrl", "trt1", "trt2")]


def test_apa_numbers():
    assert apa_p(0.01739) == "p = .017" and apa_p(0.2) == "p = .200" and apa_p(2e-7) == "p < .001"
    assert apa_p(0.0005) == "p < .001" and apa_p(1.0) == "p = 1.000"
    assert apa_number(-0.004) == "0.00" and apa_number(0.456, bounded=True) == ".46"
    assert apa_number(-0.456, bounded=True) == "-.46" and apa_number(1.5, bounded=True) == "1.50"


def test_welch_anova_sentence_matches_r():
    # R: oneway.test(weight ~ group, PlantGrowth): F = 5.181, num df = 2, denom df = 17.128, p-value = 0.01739
    text = apa_sentence(run_test("f_oneway", *plant_groups(), equal_var=False))
    assert text.startswith("Welch's one-way ANOVA: F(2, 17.13) = 5.18, p = .017, η² = ")
    assert text.endswith("N = 30.")


def test_paired_t_sentence_matches_r():
    # R: t.test(extra ~ group, sleep, paired = TRUE): t = -4.0621, df = 9, p-value = 0.002833,
    #    95 percent CI -2.4598858 -0.7001142
    df = frame("sleep")
    text = apa_sentence(run_test("ttest_rel", df["drug_1_extra_h"], df["drug_2_extra_h"]))
    assert text.startswith("Paired t-test: t(9) = -4.06, p = .003, dz = -1.28, 95% CI [-2.46, -0.70]")
    assert text.endswith("n = 10 pairs.")


def test_every_test_has_a_sentence_with_its_p_value():
    rng = np.random.default_rng(4)
    a, b, c = rng.normal(0, 1, 15), rng.normal(1, 1, 15), rng.normal(2, 1, 15)
    table = np.array([[12, 5], [4, 14]])
    for test, args in (("ttest_1samp", (a,)), ("wilcoxon", (a, b)), ("ttest_rel", (a, b)), ("ttest_ind", (a, b)),
                       ("mannwhitneyu", (a, b)), ("ks_2samp", (a, b)), ("permutation_test", (a, b)),
                       ("f_oneway", (a, b, c)), ("kruskal", (a, b, c)), ("levene", (a, b, c)), ("shapiro", (a,)),
                       ("chi2_contingency", (table,)), ("fisher_exact", (table,)), ("pearsonr", (a, b)),
                       ("spearmanr", (a, b)), ("kendalltau", (a, b))):
        r = run_test(test, *args)
        text = apa_sentence(r)
        assert apa_p(r.pvalue) in text and "nan" not in text, (test, text)
    boot = apa_sentence(run_test("bootstrap", a, b, n_resamples=999))
    assert "Mdiff = " in boot and "p = " not in boot and "p < " not in boot and "95% CI [" in boot


def test_second_opinion_on_the_default_sample_disagrees_and_says_why():
    df = frame("two_groups_outlier")
    groups = [df.loc[df.group == k, "reaction_ms"].to_numpy() for k in ("control", "treated")]
    welch = run_test("ttest_ind", *groups, equal_var=False)
    opinion = second_opinion(welch, groups, ["control", "treated"])
    assert opinion.result.test == "mannwhitneyu" and not opinion.agrees
    assert opinion.result.pvalue == pytest.approx(stats.mannwhitneyu(*groups).pvalue, rel=1e-12)
    assert welch.pvalue > 0.05 > opinion.result.pvalue
    assert "not all samples look normal" in opinion.sentence().lower() and "disagrees" in opinion.sentence()


def test_second_opinion_welch_for_unequal_variances_and_none_when_fine():
    rng = np.random.default_rng(0)
    a, b = rng.normal(0, 1, 60), rng.normal(0.4, 4, 60)
    student = run_test("ttest_ind", a, b, equal_var=True)
    opinion = second_opinion(student, [a, b], ["a", "b"])
    assert opinion.result.options["equal_var"] is False and opinion.result.name == "Welch's t-test"
    assert opinion.result.pvalue == pytest.approx(stats.ttest_ind(a, b, equal_var=False).pvalue, rel=1e-12)
    assert second_opinion(run_test("ttest_ind", a, b, equal_var=False), [a, b], ["a", "b"]) is None
    assert second_opinion(run_test("mannwhitneyu", a, b), [a, b], ["a", "b"]) is None
    c, d = rng.normal(0, 1, 40), rng.normal(0.2, 1, 40)
    assert second_opinion(run_test("ttest_ind", c, d, equal_var=True), [c, d], ["c", "d"]) is None


def test_second_opinion_for_paired_data_checks_the_differences():
    rng = np.random.default_rng(2)
    x = rng.normal(0, 1, 12)
    y = x - rng.exponential(1, 12) ** 3          # skewed differences, small n
    r = run_test("ttest_rel", x, y)
    opinion = second_opinion(r, [x, y], ["x", "y"])
    assert opinion.result.test == "wilcoxon"
    assert opinion.result.pvalue == pytest.approx(stats.wilcoxon(x - y).pvalue, rel=1e-12)
