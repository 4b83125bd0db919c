"""AppTest flows of the ODE and integration page."""

import pytest

from tests.conftest import numeric_table as table_with
from tests.conftest import table_with as shown_table
from ui.pages import page as page_info

PAGE = page_info("ode")


def test_opens_on_van_der_pol_with_three_methods_and_their_errors(driver, run_script):
    d = driver(PAGE).run()
    assert not d.errors
    table = table_with(d.at, "nfev").set_index("method")
    assert set(table.index) == {"RK45", "DOP853", "LSODA"} and (table["error vs reference"] < 1e-3).all()
    assert (table["events"] > 3).all()                                   # y = 0 crossings
    printed = run_script(d.code())
    assert printed["RK45_nfev"] == table.loc["RK45", "nfev"]


def test_stiff_van_der_pol_stops_rk45_and_radau_strides(driver):
    d = driver(PAGE, query={"od_vanderpol_mu": "1000", "od_vanderpol_tend": "3000", "od_ref": "false"}).run()
    d.set("multiselect", "methods", ["RK45", "Radau"])
    table = table_with(d.at, "nfev").set_index("method")
    assert "Too stiff" in table.loc["RK45", "message"] and table.loc["Radau", "success"] == "yes"
    assert "Too stiff" in " ".join(str(w.value) for w in d.at.warning)


def test_custom_system_with_parameters_and_bad_input(driver):
    d = driver(PAGE, query={"od_sys": "custom"}).run()
    assert not d.errors and table_with(d.at, "nfev") is not None
    d.set("text_area", "eqs", "x' = y\ny' = -k*x")
    assert "neither a state" in d.errors
    d.set("text_input", "params", "k = 4")
    assert not d.errors
    d.set("text_area", "eqs", "x = y")
    assert "x' = formula" in d.errors
    d.set("text_area", "eqs", "x' = __import__('os')")
    assert d.errors and "Traceback" not in d.errors


def test_phase_plane_classifies_the_fixed_points(driver):
    d = driver(PAGE, query={"od_tab": "Phase plane", "od_sys": "lotka_volterra"}).run()
    kinds = set(shown_table(d.at, "kind")["kind"])
    assert kinds == {"saddle", "centre (linearly)"} and not d.errors
    d = driver(PAGE, query={"od_tab": "Phase plane", "od_sys": "lorenz"}).run()
    assert "two states" in " ".join(str(i.value) for i in d.at.info)


def test_work_precision_and_integrals(driver, run_script):
    d = driver(PAGE, query={"od_tab": "Work-precision", "od_sys": "decay"}).run()
    rows = table_with(d.at, "rtol")
    assert set(rows["method"]) == {"RK45", "DOP853", "LSODA"} and not d.errors
    d = driver(PAGE, query={"od_tab": "Integrals"}).run()
    assert float(d.metric("value")) == pytest.approx(1.7724538509, abs=1e-9)
    assert run_script(d.code())["value"] == pytest.approx(1.7724538509055159, rel=1e-12)
    d.set("text_input", "qf", "1/x")
    d.set("text_input", "qa", "0")
    d.set("text_input", "qb", "1")
    assert "subdivisions" in " ".join(str(w.value) for w in d.at.warning)
    d.set("segmented_control", "int", "Rules")
    assert float(d.metric("Simpson order")) == pytest.approx(4.0, abs=0.2)
    d.set("segmented_control", "int", "dblquad")
    assert float(d.metric("value")) == pytest.approx(1 / 6, abs=1e-9)    # ∫0^1 ∫0^√x x y dy dx = ∫ x²/2 dx
