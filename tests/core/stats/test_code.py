"""Exported hypothesis-test scripts print the statistic and p-value the page shows, exactly."""


import numpy as np
import pytest

from core.common import DATA_FILENAME, INLINE_MAX_ROWS
from core.common import to_csv_bytes
from core.stats import export_frame, script_for_test as make_script
from core.stats import run_test
from tests.conftest import run_exported

rng = np.random.default_rng(3)
A, B = rng.normal(0, 1, 30), rng.normal(0.5, 1, 25)
C = A[:25] + 0.3
CASES = [("ttest_ind", (A, B), {"equal_var": False}), ("mannwhitneyu", (A, B), {}), ("ks_2samp", (A, B), {}),
         ("permutation_test", (A, B), {"n_resamples": 999}), ("bootstrap", (A, B), {"n_resamples": 999}),
         ("ttest_rel", (A[:25], C), {}), ("wilcoxon", (A[:25], C), {}), ("ttest_1samp", (A,), {"popmean": 0.3}),
         ("f_oneway", (A, B, C), {}), ("kruskal", (A, B, C), {}), ("levene", (A, B, C), {}), ("shapiro", (A,), {}),
         ("chi2_contingency", ([[10, 20, 30], [20, 15, 5]],), {}), ("fisher_exact", ([[3, 1], [1, 3]],), {}),
         ("pearsonr", (A[:25], C), {}), ("spearmanr", (A[:25], C), {}), ("kendalltau", (A[:25], C), {}),
         ("f_oneway", (A, B, C), {"equal_var": False}), ("kendalltau", (A[:12], C[:12]), {"method": "exact"})]


def run(script, tmp_path, frame=None):
    return run_exported(script, tmp_path, files=None if frame is None else {DATA_FILENAME: to_csv_bytes(frame)})


@pytest.mark.parametrize("test, samples, options", CASES, ids=[c[0] + "".join(f"-{v}" for v in c[2].values())
                                                               for c in CASES])
def test_script_reproduces(test, samples, options, tmp_path):
    alternative = "less" if test in ("ttest_ind", "mannwhitneyu", "pearsonr", "permutation_test") else "two-sided"
    r = run_test(test, *samples, alternative=alternative, **options)
    table = test in ("chi2_contingency", "fisher_exact")
    printed = run(make_script(r, None if table else samples, labels=["a", "b", "c"]), tmp_path)
    assert printed["statistic"] == r.statistic
    if not np.isnan(r.pvalue):
        assert printed["pvalue"] == r.pvalue
    if r.ci is not None and "ci_low" in printed:
        assert (printed["ci_low"], printed["ci_high"]) == r.ci


def test_large_samples_go_to_a_file(tmp_path):
    a, b = rng.normal(0, 1, INLINE_MAX_ROWS), rng.normal(0, 1, 700)
    r = run_test("ttest_ind", a, b)
    script = make_script(r, (a, b))
    assert DATA_FILENAME in script
    printed = run(script, tmp_path, export_frame((a, b)))
    assert printed["statistic"] == r.statistic and printed["pvalue"] == r.pvalue


def test_large_resampling_uses_the_same_subsample(tmp_path):
    a, b = rng.normal(0, 1, 70_000), rng.normal(0.01, 1, 50_000)
    r = run_test("permutation_test", a, b, n_resamples=199)
    assert r.options["subsample"] == (58_333, 41_667) and "subsample" in r.notes[0]
    printed = run(make_script(r, (a, b)), tmp_path, export_frame((a, b)))
    assert printed["statistic"] == r.statistic and printed["pvalue"] == r.pvalue
