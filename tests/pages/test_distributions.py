"""AppTest flows of the distributions page."""

import pytest

from tests.conftest import shown, table_with
from ui.pages import page as page_info

PAGE = page_info("distributions")


@pytest.fixture
def page(driver):
    return driver(PAGE).run()


def test_explore_opens_on_the_normal_with_its_moments(page):
    assert not page.errors
    table = table_with(page.at, "quantity")
    assert float(table.set_index("quantity").loc["mean", "value"]) == 0.0


def test_cauchy_has_no_mean_and_overlays_are_checked(page):
    page.set("selectbox", "dist", "cauchy")
    assert table_with(page.at, "quantity").set_index("quantity").loc["mean", "value"] == "undefined"
    page.set("text_input", "overlays", "norm; t(df=1)")
    assert not page.errors
    page.set("text_input", "overlays", "__import__('os')")
    assert "could not read" in page.errors


def test_probabilities_far_in_the_tail(page):
    p = page.tab("Probabilities")
    assert float(p.metric("P(X ≤ 1.96)")) == pytest.approx(0.975, abs=1e-6)    # the default: up to ppf(0.975)
    p.set("number_input", "lower", 40.0)
    assert p.metric("P(40 < X)") == "0"
    assert float(p.metric("log10 of it")) == pytest.approx(-349.43, abs=0.01)    # log10 of norm.sf(40)


def test_discrete_bounds_and_a_bad_parameter(driver):
    d = driver(PAGE, query={"di_tab": "Probabilities", "di_dist": "poisson"}).run()
    d.set("number_input", "lower", 3.0)
    d.set("number_input", "upper", 4.0)
    assert float(d.metric("P(3 < X ≤ 4)")) == pytest.approx(0.195367, abs=1e-6)     # P(X = 4) for mu = 4
    assert "mass at b but not at a" in " ".join(shown(c.value) for c in d.at.caption)


def test_fit_ranks_candidates_and_reads_counts(driver, run_script):
    d = driver(PAGE, query={"di_tab": "Fit to data"}).run()
    table = table_with(d.at, "AIC")
    assert table.iloc[0]["distribution"] in ("gamma", "weibull_min", "lognorm") and not d.errors
    assert "optimistic" in " ".join(str(v) for v in table_with(d.at, "test")["value"])
    run_script(d.code())
    d.at.session_state["di_sample"] = "dist_calls"
    d.run()
    assert table_with(d.at, "AIC").iloc[0]["distribution"] == "nbinom"
    assert "Chi-square" in " ".join(shown(c.value) for c in d.at.caption)


def test_relationships_and_the_central_limit_view(driver):
    d = driver(PAGE, query={"di_tab": "Relationships"}).run()
    before = float(d.metric("largest gap between the cdfs"))
    d.set("slider", "rel_n", 1500)
    d.set("slider", "rel_p", 0.002)
    assert float(d.metric("largest gap between the cdfs")) < before and not d.errors
    c = driver(PAGE, query={"di_tab": "Central limit", "di_dist": "cauchy"}).run()
    assert "do not settle" in " ".join(shown(x.value) for x in c.at.caption) and not c.errors


def test_pp_plot_and_holding_loc(driver):
    d = driver(PAGE, query={"di_tab": "Fit to data"}).run()
    free = table_with(d.at, "AIC").set_index("distribution")
    d.set("toggle", "hold_loc", True)
    held = table_with(d.at, "AIC").set_index("distribution")
    assert "loc=0" in held.loc["gamma", "parameters"] and float(held.loc["gamma", "log-likelihood"]) <= float(
        free.loc["gamma", "log-likelihood"]) + 1e-6                    # a constraint never raises the likelihood
    d.set("segmented_control", "plot", "P-P")
    assert not d.errors


def test_monte_carlo_p_value_on_request(driver):
    d = driver(PAGE, query={"di_tab": "Fit to data"}).run()
    d.set("toggle", "mc", True)
    tests = table_with(d.at, "test").set_index("test")["value"]
    p = float(tests["KS p-value, Monte Carlo (fitting accounted for)"])
    assert 0 <= p <= 1 and not d.errors
