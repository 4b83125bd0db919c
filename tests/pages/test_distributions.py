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


def test_any_scipy_distribution_opens_with_its_own_ranges(driver):
    """A family outside the common list: its parameters start at SciPy's test values and its ranges hold."""
    d = driver(PAGE, query={"di_dist": "burr12"}).run()
    assert not d.errors and table_with(d.at, "quantity") is not None
    d.set("number_input", "burr12_c", -1.0)                    # below the range: the widget keeps its minimum
    assert not d.errors
    slow = driver(PAGE, query={"di_dist": "studentized_range", "di_tab": "Sample"}).run()
    assert "too slow in SciPy" in slow.errors and "Traceback" not in slow.errors


def test_held_parameters_shift_and_bootstrap(driver, run_script):
    d = driver(PAGE, query={"di_tab": "Fit to data"}).run()
    d.set("text_input", "fixed", "scale=2")
    table = table_with(d.at, "AIC").set_index("distribution")
    assert "scale=2 (held)" in table.loc["gamma", "parameters"] and "scale=2 (held)" in table.loc["norm", "parameters"]
    d.set("text_input", "fixed", "scale=oops")
    assert "must be a number" in d.errors
    d.set("text_input", "fixed", "")
    d.set("toggle", "boot", True)
    boot = table_with(d.at, "standard error")
    assert len(boot) >= 2 and (boot["low"] <= boot["estimate"]).all() and (boot["estimate"] <= boot["high"]).all()
    printed = run_script(d.code())
    assert any(k.startswith("se_") for k in printed) and not d.errors


def test_negative_data_offer_a_shift_when_loc_is_held(driver):
    import pandas as pd

    d = driver(PAGE, query={"di_tab": "Fit to data"}).run()
    values = pd.Series(range(-20, 180)).astype(float) / 10
    d.paste(values.to_frame("v").to_csv(index=False))
    d.set("toggle", "hold_loc", True)
    table = table_with(d.at, "AIC").set_index("distribution")
    assert "support" in table.loc["gamma", "note"]                   # held at 0 with data below 0: refused
    d.set("toggle", "shift", True)
    table = table_with(d.at, "AIC").set_index("distribution")
    assert table.loc["gamma", "note"] == "" and float(table.loc["gamma", "AIC"]) > 0 and not d.errors


def test_each_tab_exports_a_script_that_runs(driver, run_script):
    for tab, key in [("Sample", "sample_mean"), ("Central limit", "mean_of_means"), ("Relationships", "largest_cdf_gap")]:
        d = driver(PAGE, query={"di_tab": tab}).run()
        assert key in run_script(d.code()) and not d.errors


def test_new_data_resets_the_fit_settings_only(driver):
    """Pasting data on the Fit tab keeps the tab and the explored distribution; the candidates start again."""
    d = driver(PAGE, query={"di_tab": "Fit to data", "di_dist": "cauchy"}).run()
    d.set("multiselect", "candidates", ["norm"])
    d.paste("v\n1.5\n2.5\n2.0\n3.1\n2.2\n1.9\n")
    assert any("New data" in t.value for t in d.at.toast)
    d.run()
    assert d.at.session_state["di_tab"] == "Fit to data"
    assert set(table_with(d.at, "AIC")["distribution"]) == {"norm", "gamma", "lognorm"}
    assert dict(d.at.query_params)["di_dist"] == "cauchy"          # the explored distribution stays in the link
