import numpy as np
import pandas as pd
import pytest

from core.common import DataError
from core.common import MAX_GROUPS, crosstab, groups_from_long, independent_columns, paired_columns, parse_counts
from core.stats import ecdf_figure, groups_figure, null_figure, qq_figure, table_figure
from core.stats import TESTS, run_test

FRAME = pd.DataFrame({"g": ["a", "b", "a", "b", None, "a"], "v": [1.0, 2.0, "x", 4.0, 5.0, 6.0],
                      "w": [1.0, np.nan, 3.0, 4.0, 5.0, 6.0]})


def test_groups_from_long_reports_drops():
    labels, samples, notes = groups_from_long(FRAME, "v", "g")
    assert labels == ["a", "b"] and [s.tolist() for s in samples] == [[1.0, 6.0], [2.0, 4.0]]
    assert any("non-numeric" in n for n in notes) and any("no group" in n for n in notes)


def test_groups_errors():
    with pytest.raises(DataError, match="only 1 level"):
        groups_from_long(pd.DataFrame({"g": ["a"] * 4, "v": [1, 2, 3, 4]}), "v", "g")
    many = pd.DataFrame({"g": np.arange(MAX_GROUPS + 1).astype(str), "v": np.arange(MAX_GROUPS + 1.0)})
    with pytest.raises(DataError, match="groups are supported"):
        groups_from_long(many, "v", "g")


def test_independent_and_paired_columns():
    samples, notes = independent_columns(FRAME, ["v", "w"])
    assert [s.size for s in samples] == [5, 5] and len(notes) == 2
    pairs, notes = paired_columns(FRAME, ["v", "w"])
    assert pairs[0].size == pairs[1].size == 4


def test_crosstab_and_counts():
    table, rows, cols, _ = crosstab(pd.DataFrame({"r": list("aabbab"), "c": list("xyxyyy")}), "r", "c")
    assert table.tolist() == [[1, 2], [1, 2]] and rows == ["a", "b"] and cols == ["x", "y"]
    assert parse_counts("3 1\n1 3").tolist() == [[3, 1], [1, 3]]
    assert parse_counts("3;1\n1;3").tolist() == [[3, 1], [1, 3]]
    with pytest.raises(DataError):
        parse_counts("3 1\nx 3")
    with pytest.raises(DataError):
        parse_counts("   ")
    with pytest.raises(DataError, match="100 categories"):
        crosstab(pd.DataFrame({"r": np.arange(200).astype(str), "c": ["x", "y"] * 100}), "r", "c")


rng = np.random.default_rng(0)
A, B = rng.normal(0, 1, 40), rng.normal(0.5, 1, 30)


@pytest.mark.parametrize("test", [t for t in TESTS if t != "shapiro" and TESTS[t].kind != "table"])
def test_null_figure_for_every_test(test):
    kind = TESTS[test].kind
    samples = {"one": (A,), "paired": (A[:30], B), "two": (A, B), "groups": (A, B, B + 1), "xy": (A[:30], B)}[kind]
    options = {"n_resamples": 199} if test in ("permutation_test", "bootstrap") else {}
    fig = null_figure(run_test(test, *samples, **options))
    if test != "ks_2samp":
        assert fig is not None and len(fig.data) >= 1


def test_null_figure_shades_the_p_value_area():
    fig = null_figure(run_test("ttest_ind", A, B))
    shaded = [t for t in fig.data if t.name == "p-value area"]
    assert shaded and all(abs(x) >= abs(run_test("ttest_ind", A, B).statistic) - 1e-9 for t in shaded for x in t.x)


def test_figures_stay_small_with_a_million_values():
    big = [rng.normal(size=1_000_000), rng.normal(size=1_000_000)]
    fig, note = groups_figure(big, ["a", "b"])
    assert sum(len(t.y) for t in fig.data if t.type == "scatter" and t.mode == "markers") <= 3000 and note
    assert len(fig.to_json()) < 500_000
    assert len(ecdf_figure(big, ["a", "b"]).to_json()) < 500_000
    assert len(qq_figure(big, ["a", "b"]).to_json()) < 500_000


def test_ks_ecdf_marks_d():
    r = run_test("ks_2samp", A, B)
    fig = ecdf_figure([A, B], ["a", "b"], r)
    mark = fig.data[-1]
    assert abs(abs(mark.y[1] - mark.y[0]) - r.statistic) < 1e-12


def test_table_figure():
    r = run_test("chi2_contingency", [[10, 20], [20, 10]])
    assert table_figure(r.extra["std_residuals"], ["a", "b"], ["x", "y"]).data[0].z.shape == (2, 2)
