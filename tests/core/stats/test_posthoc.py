"""core.stats.posthoc against scipy (and the adjustments against their definitions)."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from core.common import groups_from_long, read_table
from core.stats import POSTHOC_METHODS, StatTestError, posthoc
from core.stats.samples import SAMPLES

LABELS, GROUPS, _ = groups_from_long(read_table(SAMPLES.load("plant_growth")), "dried_weight_g", "group")


def test_tukey_equals_scipy_and_r():
    r = posthoc(*GROUPS, method="tukey", labels=LABELS)
    ref = stats.tukey_hsd(*GROUPS)
    assert np.array_equal(r.pvalues, ref.pvalue) and np.array_equal(r.statistic, ref.statistic)
    ci = ref.confidence_interval(0.95)
    assert np.array_equal(r.ci_low, ci.low) and np.array_equal(r.ci_high, ci.high)
    # R: TukeyHSD(aov(weight ~ group, PlantGrowth)): trt2-trt1 diff 0.865, lwr 0.1737839, upr 1.5562161,
    # p adj 0.0120064; trt1-ctrl p adj 0.3908711; trt2-ctrl p adj 0.1979960.
    i = {label: n for n, label in enumerate(LABELS)}
    assert_allclose(r.difference[i["trt2"], i["trt1"]], 0.865, rtol=1e-9)
    assert_allclose([r.ci_low[i["trt2"], i["trt1"]], r.ci_high[i["trt2"], i["trt1"]]], [0.1737839, 1.5562161],
                    rtol=1e-5)
    assert_allclose([r.pvalues[i["trt2"], i["trt1"]], r.pvalues[i["trt1"], i["ctrl"]],
                     r.pvalues[i["trt2"], i["ctrl"]]], [0.0120064, 0.3908711, 0.1979960], rtol=1e-4)


def test_dunnett_equals_scipy():
    control = LABELS.index("ctrl")
    r = posthoc(*GROUPS, method="dunnett", control=control, labels=LABELS, rng=0)
    others = [g for n, g in enumerate(GROUPS) if n != control]
    ref = stats.dunnett(*others, control=GROUPS[control], rng=0)
    assert np.array_equal(r.pvalues, ref.pvalue) and np.array_equal(r.statistic, ref.statistic)
    assert r.pvalues.shape == (len(GROUPS) - 1,)
    ci = ref.confidence_interval(0.95)
    assert np.array_equal(r.ci_low, ci.low) and np.array_equal(r.ci_high, ci.high)
    assert [row["comparison"] for row in r.rows()] == [f"{label} − ctrl" for label in LABELS if label != "ctrl"]
    with pytest.raises(StatTestError, match="control"):
        posthoc(*GROUPS, method="dunnett")


@pytest.mark.parametrize("method", ["bonferroni", "holm", "fdr_bh"])
def test_pairwise_welch_adjusted(method):
    gen = np.random.default_rng(1)
    groups = [gen.normal(m, s, n) for m, s, n in ((0, 1, 12), (0.8, 2, 15), (1.5, 1, 10), (0.2, 0.5, 20))]
    r = posthoc(*groups, method=method)
    pairs = [(i, j) for i in range(4) for j in range(i + 1, 4)]
    raw = np.array([stats.ttest_ind(groups[i], groups[j], equal_var=False).pvalue for i, j in pairs])
    m = len(raw)
    if method == "bonferroni":
        expected = np.minimum(raw * m, 1)
    elif method == "holm":  # the definition: max over the smaller p's of (m - rank) p, capped at 1
        order = np.argsort(raw)
        expected = np.empty(m)
        for rank, idx in enumerate(order):
            expected[idx] = min(1.0, max((m - r_) * raw[order[r_]] for r_ in range(rank + 1)))
    else:
        expected = stats.false_discovery_control(raw, method="bh")
    got = np.array([r.pvalues[i, j] for i, j in pairs])
    assert_allclose(got, expected, rtol=1e-12)
    assert np.array_equal(r.pvalues, r.pvalues.T, equal_nan=True) and np.isnan(np.diag(r.pvalues)).all()
    assert r.ci_low is None and len(r.rows()) == m


def test_every_method_has_a_label_and_bad_input_gets_a_message():
    assert set(POSTHOC_METHODS) == {"tukey", "dunnett", "bonferroni", "holm", "fdr_bh"}
    with pytest.raises(StatTestError, match="Unknown"):
        posthoc(*GROUPS, method="scheffe")
    with pytest.raises(StatTestError, match="fewer than two"):
        posthoc([1.0], [2.0, 3.0])


@pytest.mark.parametrize("method", list(POSTHOC_METHODS))
def test_exported_script_prints_the_same_numbers(method, tmp_path):
    from core.stats import posthoc_script
    from tests.conftest import run_exported

    control = 0 if method == "dunnett" else None
    r = posthoc(*GROUPS, method=method, control=control, labels=LABELS, confidence_level=0.9)
    script, needs_file = posthoc_script(r, GROUPS)
    assert not needs_file
    printed = run_exported(script, tmp_path)
    for row, (i, j) in zip(r.rows(), r.pairs()):
        assert printed[f"pvalue_{i}_{j}"] == row["p (adjusted)"]
        if r.ci_low is not None:
            assert (printed[f"ci_low_{i}_{j}"], printed[f"ci_high_{i}_{j}"]) == (row["ci_low"], row["ci_high"])
