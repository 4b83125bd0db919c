"""AppTest tests of the hypothesis-testing page: every sample and test, bad inputs, export, what-if."""

import pytest

from ui.common.tables import fmt

from core.stats.samples import SAMPLES
from core.stats import TESTS
from tests.conftest import shown
from ui.pages import page as page_info

PAGE = page_info("hypothesis_testing")
HT_SAMPLES = list(SAMPLES)


@pytest.fixture
def page(driver):
    return driver(PAGE).run()


def conclusion(at):
    return shown(at.info[0].value)


def test_opens_with_a_result(page):
    at = page.at
    assert "Welch's t-test" in conclusion(at)
    assert at.metric[0].label == "statistic" and len(at.metric) >= 4
    assert any("Reproduce" in e.label for e in at.expander)
    assert not any(m.label == "power" for m in at.metric), "closed tabs are not computed"


@pytest.mark.parametrize("key", HT_SAMPLES)
def test_every_sample_gives_a_result(driver, key):
    d = driver(PAGE)
    d.at.session_state["ht_sample"] = key
    d.run()
    assert not d.errors, d.errors
    assert "p =" in conclusion(d.at) or "interval" in conclusion(d.at)


@pytest.mark.parametrize("test", [t for t in TESTS if TESTS[t].kind == "two"])
def test_every_two_sample_test_runs(page, test):
    page.set("selectbox", "test", test)
    assert not page.errors
    name = "Welch's t-test" if test == "ttest_ind" else TESTS[test].name.split(" (")[0]
    assert name in conclusion(page.at) or test == "bootstrap"


def test_every_design_runs(driver):
    designs = {"sleep": ["ttest_rel", "wilcoxon"], "plant_growth": ["f_oneway", "kruskal", "levene"],
               "bottle_fill": ["ttest_1samp", "wilcoxon", "shapiro"], "treatment_3x3": ["chi2_contingency"],
               "vaccine_2x2": ["fisher_exact", "chi2_contingency"],
               "study_hours": ["pearsonr", "spearmanr", "kendalltau"]}
    for key, tests in designs.items():
        d = driver(PAGE)
        d.at.session_state["ht_sample"] = key
        d.run()
        for t in tests:
            d.set("selectbox", "test", t)
            assert not d.errors, (key, t, d.errors)
            assert "α" in conclusion(d.at)


def test_alternative_and_welch(page):
    page.set("selectbox", "alt", "less")
    assert "less" in page.at.selectbox(key="ht_alt").value
    page.set("checkbox", "equal_var", True)
    assert any("Student's t-test" in shown(c.value) for c in page.at.caption)


def test_robustness_and_assumptions_tabs(page):
    frames = [df.value for df in page.tab("Robustness").at.dataframe]
    methods = next(f for f in frames if "method" in f.columns)
    assert list(methods["method"])[:2] == ["Student's t", "Welch's t"]
    frames = [df.value for df in page.tab("Assumptions").at.dataframe]
    checks = next(f for f in frames if "check" in f.columns)
    assert any("normality" in c for c in checks["check"])


def test_what_if_sliders(page):
    page.tab("What-if & power").set("slider", "wi_n", 200)
    page.set("slider", "wi_d", 1.0)
    power = next(m for m in page.at.metric if m.label == "power")
    assert power.value == "100.0%"
    assert any("per group" in m.value for m in page.at.markdown)


def test_typed_counts(driver):
    d = driver(PAGE)
    d.at.session_state["ht_sample"] = "vaccine_2x2"
    d.run()
    d.set("radio", "table_src", "typed counts")
    assert "Fisher's exact test" in conclusion(d.at)
    d.set("text_area", "counts", "10 -2\n3 4")
    assert "zero or more" in d.errors
    d.set("text_area", "counts", "10 2\nabc 4")
    assert "numbers" in d.errors


def test_exported_script_prints_the_page_numbers(page, run_script):
    printed = run_script(page.code())
    assert page.at.metric[0].value == f"{printed['statistic']:.5g}"


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (bytes(range(256)) * 20, "binary"),
    (b"group,value\na,1\nb,2\n", "at least 2"),
    (b"group,value\na,1\na,1\nb,1\nb,1\n", "constant"),
    (b"group,value\na,1\na,2\na,3\n", "only 1 level"),
    (b"group,value\na,x\nb,y\n", "numeric"),
])
def test_bad_uploads(driver, content, message):
    d = driver(PAGE).run()
    d.upload(content)
    assert message.lower() in d.errors.lower(), d.errors


def test_many_group_levels_refused(driver):
    d = driver(PAGE).run()
    rows = "\n".join(f"g{i},{i}" for i in range(200))
    d.upload(("group,value\n" + rows).encode())
    assert "groups are supported" in d.errors or "only" in d.errors or "groups (" in d.errors


def test_mann_whitney_continuity_and_cohens_d(page):
    assert any("Cohen's d (pooled SD" in m.value for m in page.at.markdown)
    page.set("selectbox", "test", "mannwhitneyu")
    with_correction = page.at.metric[2].value
    page.set("checkbox", "continuity", False)
    assert page.at.metric[2].value != with_correction


def test_the_conventions_that_differ_from_other_tools_are_stated(page):
    notes = " ".join(m.value for m in page.at.markdown)
    for convention in ("normal approximation", "no continuity correction", "asymptotic one"):
        assert convention in notes, convention


def test_welch_anova_is_the_default_and_classic_anova_one_click_away(driver):
    # R: oneway.test(weight ~ group, PlantGrowth) F = 5.181 (Welch); anova(lm(...)) F = 4.8461 (classic).
    d = driver(PAGE)
    d.at.session_state["ht_sample"] = "plant_growth"
    d.run()
    assert d.at.selectbox(key="ht_test").value == "f_oneway"
    assert d.metric("statistic") == "5.181" and d.metric("df") == "2, 17.128"
    d.set("checkbox", "anova_equal_var", True)
    assert d.metric("statistic") == "4.8461" and d.metric("df") == "2, 27"
    assert "equal_var=True" in d.code()


def test_kendall_p_value_method(driver):
    import io

    import pandas as pd
    from scipy import stats

    frame = pd.read_csv(io.BytesIO(SAMPLES.load("study_hours")))
    d = driver(PAGE)
    d.at.session_state["ht_sample"] = "study_hours"
    d.run()
    d.set("selectbox", "test", "kendalltau")
    d.set("segmented_control", "kendall_method", "asymptotic")
    ref = stats.kendalltau(frame["study_hours"], frame["exam_score"], method="asymptotic")
    assert d.metric("p-value") == fmt(ref.pvalue, 4) and "method='asymptotic'" in d.code()
    d.set("segmented_control", "kendall_method", "exact")  # the sample has ties: a message, not a traceback
    assert "without ties" in d.errors


def test_posthoc_tab_after_anova(driver):
    from scipy import stats

    d = driver(PAGE)
    d.at.session_state["ht_sample"] = "plant_growth"
    d.run()
    d.tab("Post-hoc")
    table = d.at.dataframe[-1].value
    assert list(table["comparison"]) == ["ctrl − trt1", "ctrl − trt2", "trt1 − trt2"]
    # R: TukeyHSD(aov(weight ~ group, PlantGrowth)): trt2-trt1 p adj 0.0120064
    assert float(table["p (adjusted)"].iloc[2]) == pytest.approx(0.0120064, rel=1e-3)  # shown to 4 digits
    assert "1 of 3 comparisons differ: trt1 − trt2" in " ".join(shown(c.value) for c in d.at.caption)
    d.set("selectbox", "posthoc", "dunnett")
    d.set("selectbox", "control", 0)
    table = d.at.dataframe[-1].value
    assert list(table["comparison"]) == ["trt1 − ctrl", "trt2 − ctrl"]
    d.at.session_state["ht_posthoc_code"] = True
    d.run()
    assert "stats.dunnett(" in d.at.code[-1].value


def test_headline_carries_the_assumption_advice_and_the_robust_result(page):
    # the default sample: Welch's t finds nothing, the checks point to Mann-Whitney, which does
    assert "do not give evidence" in conclusion(page.at)
    advice = shown(page.at.warning[0].value)
    assert "Mann-Whitney U test: p = " in advice and "< α" in advice and "disagrees" in advice
    report = page.at.code[0].value
    assert report.startswith("Welch's t-test: t(") and "p = ." in report and "95% CI [" in report
    page.set("selectbox", "test", "mannwhitneyu")          # a rank test needs no second opinion
    assert not any("disagrees" in shown(w.value) for w in page.at.warning)
    assert page.at.code[0].value.startswith("Mann-Whitney U test: U = ")
