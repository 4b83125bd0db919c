"""AppTest tests of the curve-fitting page: main flows and bad inputs, no exception ever escapes."""

import numpy as np
import pytest

from core.fitting.samples import SAMPLES
from tests.conftest import shown, table_with
from ui.pages import page as page_info

PAGE = page_info("curve_fitting")


@pytest.fixture
def page(driver):
    return driver(PAGE).run()


def params_table(at):
    table = table_with(at, "parameter")
    return dict(zip(table["parameter"], table["value"]))


def test_opens_with_a_fit_of_the_default_sample(page):
    at = page.at
    assert "Fit converged" in at.success[0].value
    values = params_table(at)
    # Puromycin treated, Michaelis-Menten: Vm = 212.68, K = 0.06412 (Bates & Watts, 1988, p. 269).
    assert float(values["vmax"]) == pytest.approx(212.68, rel=1e-4)
    assert float(values["km"]) == pytest.approx(0.06412, rel=1e-3)
    assert len(at.metric) == 6
    assert any("Reproduce" in e.label for e in at.expander)
    assert any("Least squares" in m.value for m in at.markdown)  # the "What is this?" notes


@pytest.mark.parametrize("key", list(SAMPLES))
def test_every_sample_fits_at_once(driver, key):
    d = driver(PAGE)
    d.at.session_state["cf_sample"] = key
    d.run()
    assert "Fit converged" in texts_of(d.at.success), (key, d.errors)
    assert not d.errors


def texts_of(elements):
    return " | ".join(shown(e.value) for e in elements)


def test_change_model_and_options(page):
    page.set("selectbox", "model", "polynomial")
    page.set("number_input", "degree", 3)
    assert set(params_table(page.at)) == {"c0", "c1", "c2", "c3"}
    page.set("selectbox", "loss", "soft_l1")
    assert "Fit converged (trf" in page.at.success[0].value or "Fit converged (dogbox" in page.at.success[0].value
    page.set("selectbox", "model", "exponential")
    page.set("checkbox", "fix_c", True)
    assert "(fixed)" in " ".join(params_table(page.at))


def test_custom_formula_and_refused_formula(page):
    page.set("selectbox", "model", "formula")
    page.set("text_input", "formula", "vmax*x/(km + x)")
    assert float(params_table(page.at)["vmax"]) == pytest.approx(212.68, rel=1e-4)
    page.set("text_input", "formula", "__import__('os').system('echo hi')")
    assert "only calls of plain function names are allowed" in page.errors and "__import__" in page.errors
    page.set("text_input", "formula", "x.real * a")
    assert "attribute access is not allowed" in page.errors


def test_fit_that_does_not_converge_shows_message(page):
    page.set("selectbox", "model", "formula")
    page.set("text_input", "formula", "a*log(-x - b)")
    assert "NaN or infinite" in page.errors and "start values" in page.errors
    assert not page.at.success


def test_bounds_and_start_values(page):
    page.set("number_input", "hi_vmax", 150.0)
    assert float(params_table(page.at)["vmax"]) <= 150.0 + 1e-9
    assert "ended on its bound" in page.warnings


def test_lm_with_bounds_is_a_clear_error(page):
    page.set("number_input", "lo_km", 0.0)
    page.set("selectbox", "method", "lm")
    assert "supports neither bounds" in page.errors


def test_compare_models(page):
    page.tab("Compare models").set("multiselect", "compare", ["linear", "hill"])
    compare = table_with(page.at, "Akaike weight")
    assert set(compare["model"]) == {"michaelis_menten", "linear", "hill"}
    assert compare.iloc[0]["status"] == "ok"
    tests = table_with(page.at, "more complex")                     # the F test against the current fit
    pairs = set(zip(tests["simpler"], tests["more complex"]))
    assert pairs == {("Michaelis-Menten", "Hill")}                  # linear has as many parameters: no test
    assert all(0 <= float(p) <= 1 for p in tests["p"] if p not in ("", "n/a"))


def test_synthetic_data_and_large_size(driver):
    d = driver(PAGE)
    d.at.session_state["cf_source"] = "Synthetic"
    d.run()
    assert "Fit converged" in d.at.success[0].value
    d.set("number_input", "syn_n", 200_000)
    assert "Fit converged" in d.at.success[0].value
    assert any("of 200,000 points" in shown(c.value) for c in d.at.caption)


def test_weights_column(driver):
    d = driver(PAGE)
    d.at.session_state["cf_sample"] = "decay"
    d.run()
    assert d.at.selectbox(key="cf_sigma").value == "sigma"
    d.set("checkbox", "abs", True)
    assert "Fit converged" in d.at.success[0].value


def test_exported_script_prints_the_page_numbers(page, run_script):
    printed = run_script(page.code())
    values = params_table(page.at)
    assert float(values["vmax"]) == pytest.approx(printed["vmax"], rel=1e-5)
    assert float(values["km"]) == pytest.approx(printed["km"], rel=1e-5)


def test_url_parameters_restore_and_are_bounded(driver):
    d = driver(PAGE, query={"cf_sample": "danwood", "cf_model": "polynomial", "cf_degree": "999",
                                  "cf_loss": "evil", "cf_fscale": "1e300"})
    d.run()
    assert d.at.number_input(key="cf_degree").value == 2  # out of range: the default degree
    assert d.at.selectbox(key="cf_sample").value == "danwood"  # a link with the sample's key still opens it
    assert d.at.selectbox(key="cf_loss").value == "linear"
    # the URL now holds Streamlit's own form of the choice (the option's label), which opens it too
    assert d.at.query_params["cf_sample"] in ("NIST DanWood (power law)", ["NIST DanWood (power law)"])


# -- bad uploads -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"just some words\nand more words here\n", "only text"),
    (bytes(range(256)) * 20, "binary"),
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"),
    (b"x,y\n1,2\n", "Too few points"),
    (b"x,y\nnan,1\n2,nan\n3,abc\n", "No row has finite numbers"),
    (b"x,y,z\n1,2,3\n4,5,6,7\n", "Ragged rows"),
    (b"name\nalice\nbob\n", "only text"),
    (b"x,label\n1,a\n2,b\n3,c\n", "two numeric columns"),
])
def test_bad_upload_shows_clear_error(driver, content, message):
    d = driver(PAGE).run()
    d.upload(content)
    assert message.lower() in d.errors.lower(), d.errors


def test_upload_semicolon_decimal_comma(driver):
    d = driver(PAGE).run()
    rows = "\n".join(f"{x:.2f};{2 * x + 1:.2f}".replace(".", ",") for x in np.linspace(0, 5, 20))
    d.upload(("t;v\n" + rows).encode())
    assert "delimiter: semicolon" in texts_of(d.at.caption) and "decimal: ','" in texts_of(d.at.caption)
    d.set("selectbox", "model", "linear")
    assert float(params_table(d.at)["a"]) == pytest.approx(2.0, abs=0.01)


def test_upload_utf16_with_dropped_rows_reported(driver):
    d = driver(PAGE).run()
    text = "x\ty\n" + "\n".join(f"{x}\t{3 * x}" for x in range(1, 30)) + "\n30\tn/a\n31\tinf\n"
    d.upload(text.encode("utf-16"))
    d.set("selectbox", "model", "linear")
    assert "Dropped 2 of 31 rows" in d.warnings
    assert "Fit converged" in d.at.success[0].value


def test_paste_a_table(driver):
    d = driver(PAGE).run()
    d.paste("x,y\n0,1.0\n1,2.7\n2,7.4\n3,20.1\n4,54.6\n")
    d.set("selectbox", "model", "exponential")
    assert "Fit converged" in d.at.success[0].value


def test_unexpected_error_shows_incident_not_traceback(driver, monkeypatch):
    import streamlit as st
    import ui.fitting.cache

    monkeypatch.setenv("SCIPY_EXPLORER_RAISE", "0")

    def broken(*args, **kwargs):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(ui.fitting.cache, "fit_curve", broken)
    st.cache_data.clear()
    d = driver(PAGE).run()
    st.cache_data.clear()
    assert "incident" in d.errors and "ZeroDivisionError" not in d.errors


def test_switching_data_applies_the_new_defaults(driver):
    d = driver(PAGE)
    d.at.session_state["cf_sample"] = "misra1a"
    d.run()
    assert "Fit converged" in d.at.success[0].value
    assert d.at.number_input(key="cf_p0_b1").value == 500
    d.set("selectbox", "sample", "chwirut2")
    assert d.at.text_input(key="cf_formula").value == "exp(-b1*x)/(b2 + b3*x)"
    assert d.at.number_input(key="cf_p0_b1").value == 0.1
    assert "Fit converged" in d.at.success[0].value
    d.set("selectbox", "sample", "puromycin")
    assert d.at.selectbox(key="cf_model").value == "michaelis_menten"


def test_success_box_says_why_the_fit_stopped_in_words(page):
    text = shown(page.at.success[0].value)
    assert "stopped" in text or "gradient vanished" in text
    assert "0.000000" not in text and "termination condition" not in text


def test_a_tied_parameter_is_fitted_shown_and_exported(driver, run_script):
    d = driver(PAGE, query={"cf_model": "Custom formula"}).run()
    formula = d.at.text_input(key="cf_formula").value
    assert formula == "a*exp(-k*x) + c" or formula
    d.set("text_input", "formula", "a*exp(-k*x) + c")
    d.set("text_input", "constraints", "c = a/10")
    assert not d.errors
    table = params_table(d.at)
    tied = next(k for k in table if k.startswith("c = "))
    assert float(table[tied]) == pytest.approx(float(table["a"]) / 10, rel=1e-4)
    printed = run_script(d.code())
    assert printed["c"] == pytest.approx(float(table["a"]) / 10, rel=1e-4)
    d.set("text_input", "constraints", "c = z")
    assert "not a parameter" in d.errors


def test_unknowns_are_read_off_the_standard_curve(page):
    u = page.tab("Interpolate unknowns")
    assert not u.errors and "prediction band" in " ".join(shown(c.value) for c in u.at.caption)
    u.set("text_area", "unknowns", "10, 20\nabc")
    assert "Type numbers" in u.errors
    y = table_with(u.at, "rate_counts_per_min2")["rate_counts_per_min2"].astype(float)
    u.set("text_area", "unknowns", f"{float(y.median())!r}, {float(y.quantile(0.75))!r}, 1e9")
    rows = table_with(u.at, "note")
    assert len(rows) == 3 and "extrapolation" in rows.iloc[2]["note"]
    x_col = rows.columns[1]
    lo, x0, hi = (float(rows.iloc[0][c]) for c in (rows.columns[2], x_col, rows.columns[3]))
    assert lo < x0 < hi
