"""fit_curve against the NIST StRD nonlinear regression problems with certified values.

Reference: NIST Statistical Reference Datasets, Nonlinear Regression (certified to 11 digits), copied in
tests/reference/. A problem passes when every parameter and every standard error agrees to at least 4
significant digits (log relative error >= 4), from NIST's start 1 and start 2.
"""

import json
from pathlib import Path

import numpy as np
import pytest

from core.fitting import fit_curve

PROBLEMS = json.loads((Path(__file__).parents[2] / "reference" / "nist_strd_certified.json").read_text())["problems"]


def lre(value, certified):
    """Log relative error: the number of agreeing significant digits."""
    value, certified = np.asarray(value, float), np.asarray(certified, float)
    rel = np.abs(value - certified) / np.abs(certified)
    return float(np.min(-np.log10(np.maximum(rel, 1e-16))))


def nist_fit(problem, start):
    x = np.array(problem["x"], dtype=float)
    y = np.array(problem["y"], dtype=float)
    if problem["model_lhs_numpy"] != "y":  # Nelson: log(y) is the response
        y = np.log(y)
    x = x.T if x.ndim == 2 else x
    formula = problem["model_rhs_numpy"].replace("np.", "")
    return fit_curve(formula, x, y, p0=dict(zip(problem["parameter_names"], problem[start])))


@pytest.mark.parametrize("start", ["start1", "start2"])
@pytest.mark.parametrize("problem", PROBLEMS, ids=[p["name"] for p in PROBLEMS])
def test_nist_certified_values(problem, start):
    result = nist_fit(problem, start)
    names = problem["parameter_names"]
    assert result.success, result.message
    assert lre([result.params[k] for k in names], problem["certified_values"]) >= 4
    # Lanczos1's certified RSS (1.4e-25) is below what doubles resolve on its data, and the standard
    # errors scale with sqrt(RSS), so they agree to about 3 digits only (see the reference README).
    needed = 2.5 if problem["name"] == "Lanczos1" else 4
    assert lre([result.stderr[k] for k in names], problem["certified_std_devs"]) >= needed
    if problem["name"] != "Lanczos1":
        assert lre(result.rss, problem["residual_sum_of_squares"]) >= 4


def test_all_27_problems_are_present():
    assert len(PROBLEMS) == 27
