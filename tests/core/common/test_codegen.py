"""The exported scripts run on their own and print the numbers the app shows."""

import json
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

from core.common import DATA_FILENAME, INLINE_MAX_ROWS, literal
from core.common import to_csv_bytes
from core.fitting import fit_curve
from core.fitting import export_frame, fit_script
from tests.conftest import run_exported

NIST = {p["name"]: p for p in json.loads(
    (Path(__file__).parents[2] / "reference" / "nist_strd_certified.json").read_text())["problems"]}


def run_script(script, tmp_path, frame=None):
    return run_exported(script, tmp_path, files=None if frame is None else {DATA_FILENAME: to_csv_bytes(frame)})


def check(result, printed):
    for k in result.free:
        assert_allclose(printed[k], result.params[k], rtol=1e-12, err_msg=k)
        assert_allclose(printed[f"stderr_{k}"], result.stderr[k], rtol=1e-9, err_msg=k)
    assert_allclose(printed["rss"], result.rss, rtol=1e-12)
    assert_allclose(printed["r_squared"], result.r_squared, rtol=1e-12)


rng = np.random.default_rng(5)
X = np.sort(rng.uniform(0.1, 5, 60))
Y = 3 * np.exp(-1.1 * X) + 0.3 + rng.normal(0, 0.02, X.size)
SIGMA = rng.uniform(0.01, 0.05, X.size)

CASES = {
    "builtin": dict(model="exponential"),
    "formula": dict(model="a*exp(-k*x^1) + c*cos(0*x) + pi*0"),
    "fixed": dict(model="exponential", fixed={"c": 0.3}),
    "bounds_robust": dict(model="exponential", bounds={"k": (0.5, 1.05)}, loss="cauchy", f_scale=0.05),
    "weighted_relative": dict(model="exponential", sigma=SIGMA),
    "weighted_absolute": dict(model="exponential", sigma=SIGMA, absolute_sigma=True),
    "dogbox": dict(model="poly3", method="dogbox"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_script_reproduces_fit(case, tmp_path):
    options = dict(CASES[case])
    model = options.pop("model")
    result = fit_curve(model, X, Y, **options)
    assert result.success
    frame = export_frame(X, Y, options.get("sigma"))
    check(result, run_script(fit_script(result, frame), tmp_path))


def test_script_with_two_predictors_nelson(tmp_path):
    p = NIST["Nelson"]
    x = np.array(p["x"]).T
    y = np.log(p["y"])
    result = fit_curve("b1 - b2*x1*exp(-b3*x2)", x, y, p0=dict(zip(p["parameter_names"], p["start1"])))
    check(result, run_script(fit_script(result, export_frame(x, y)), tmp_path))


def test_large_data_goes_to_a_csv_file(tmp_path):
    x = np.linspace(0, 5, INLINE_MAX_ROWS + 500)
    y = 2 * x + 1 + np.sin(40 * x) * 0.1
    result = fit_curve("linear", x, y)
    frame = export_frame(x, y)
    script = fit_script(result, frame)
    assert DATA_FILENAME in script and str(x[7]) not in script
    check(result, run_script(script, tmp_path, frame))


def test_user_text_cannot_inject_code(tmp_path):
    result = fit_curve("linear", X, Y)
    evil = "x\n__import__('os').system('touch hacked')\n\"\"\""
    script = fit_script(result, export_frame(X, Y), source_note=evil, column_note=evil)
    run_script(script, tmp_path)
    assert not (tmp_path / "hacked").exists()


def test_literal():
    assert literal([1.5, np.inf, -np.inf, np.nan, 2]) == "[1.5, np.inf, -np.inf, np.nan, 2]"
    assert literal(np.float64(0.1)) == "0.1" and literal("a'b") == repr("a'b")
