"""AppTest flows of the optimization page."""

import pytest

from tests.conftest import numeric_table as table_with
from ui.pages import page as page_info

PAGE = page_info("optimization")


@pytest.fixture
def page(driver):
    return driver(PAGE).run()


def test_opens_on_rosenbrock_with_three_methods_that_reach_the_minimum(page):
    assert not page.errors
    table = table_with(page.at, "nfev").set_index("method")
    assert set(table.index) == {"Nelder-Mead", "BFGS", "Newton-CG"}
    assert (abs(table["x"] - 1) < 1e-3).all() and (abs(table["y"] - 1) < 1e-3).all()
    assert table.loc["BFGS", "nit"] < table.loc["Nelder-Mead", "nit"]


def test_bounds_grey_out_methods_that_cannot_take_them(page):
    page.set("toggle", "bounded", True)
    captions = " ".join(str(c.value) for c in page.at.caption)
    assert "BFGS does not take bounds" in captions and "Newton-CG does not take bounds" in captions
    assert list(table_with(page.at, "nfev")["method"]) == ["Nelder-Mead"]


def test_constraints_run_on_the_methods_that_take_them(page):
    page.set("multiselect", "methods", ["SLSQP", "COBYQA", "BFGS"])
    page.set("text_area", "constraints", "x^2 + y^2 <= 1")
    table = table_with(page.at, "nfev").set_index("method")
    assert set(table.index) == {"SLSQP", "COBYQA"}
    assert ((table["x"] ** 2 + table["y"] ** 2) <= 1 + 1e-5).all() and not page.errors
    page.set("text_area", "constraints", "x + y")
    assert "one relation" in page.errors


def test_bad_formulas_and_starts_get_messages(driver):
    d = driver(PAGE, query={"op_fun": "formula", "op_formula": "__import__('os').system('x')"}).run()
    assert d.errors and "Traceback" not in d.errors
    d = driver(PAGE, query={"op_fun": "formula", "op_formula": "log(x) + y^2", "op_x0": "-1"}).run()
    assert "at the start" in d.errors


def test_replay_slider_and_nelder_mead_simplex(page):
    page.set("slider", "step", 3)
    fig = next(c for c in page.at.get("plotly_chart") if '"simplex"' in c.proto.spec)
    assert fig is not None and not page.errors


def test_quadratic_condition_number_slows_gradient_methods(driver):
    d = driver(PAGE, query={"op_fun": "quadratic"}).run()
    d.set("multiselect", "methods", ["CG", "BFGS"])
    d.set("select_slider", "kappa", 1)
    easy = table_with(d.at, "nfev").set_index("method")["nit"]
    d.set("select_slider", "kappa", 1000)
    hard = table_with(d.at, "nfev").set_index("method")["nit"]
    assert hard["CG"] > easy["CG"] and easy["BFGS"] <= 3


def test_global_search_beats_random_starts_on_rastrigin(driver, run_script):
    d = driver(PAGE, query={"op_tab": "Global search"}).run()
    table = table_with(d.at, "nfev").set_index("method")
    assert table.loc["direct", "fun"] < 1e-6 and not d.errors
    baseline = next(i for i in table.index if i.startswith("L-BFGS-B"))
    assert "of the starts reached" in table.loc[baseline, "message"]
    printed = run_script(d.code())
    assert printed["direct_fun"] == pytest.approx(table.loc["direct", "fun"], abs=1e-12)
    d.set("number_input", "eff_differential_evolution", 2000)
    assert not d.errors or "work budget" in d.errors


def test_linear_programs_solutions_duals_and_plain_failures(driver, run_script):
    d = driver(PAGE, query={"op_tab": "Linear programming"}).run()
    assert "maximum 36" in " ".join(str(s.value) for s in d.at.success)
    duals = table_with(d.at, "dual").set_index("constraint")["dual"]
    assert duals["3x + 2y <= 18"] == pytest.approx(1.0)
    assert run_script(d.code())["fun"] == pytest.approx(36.0)
    d.set("selectbox", "lp", "infeasible")
    assert "cannot hold together" in d.errors and "x >= 3" in d.errors
    d.set("selectbox", "lp", "production")
    d.set("text_area", "lp_production", "maximize x + y subject to x - y <= 1")
    assert "Unbounded" in d.errors
    d.set("text_area", "lp_production", "maximize x*y subject to x <= 1")
    assert "not linear" in d.errors
    d.set("selectbox", "lp", "knapsack")
    values = table_with(d.at, "variable")["value"]
    assert set(values) <= {0.0, 1.0} and not d.errors
