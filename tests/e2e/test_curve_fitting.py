"""Curve fitting in the browser."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, main, reopen, wait_idle


def test_a_control_changes_the_fit_and_the_link_keeps_it(page, server, browser):
    page.goto(f"{server}/curve_fitting")
    m = main(page)
    expect(m.get_by_text(re.compile("Fit converged"))).to_be_visible()
    expect(m.locator('[data-testid="stDataFrame"]').filter(visible=True).first).to_be_visible()  # the parameters
    # Switch the model to a quadratic polynomial: the parameter table must change to c0, c1, c2.
    m.get_by_label("Model", exact=True).click()
    page.get_by_role("option", name="Polynomial (choose degree)").click()
    expect(m.get_by_text("Degree")).to_be_visible()
    wait_idle(page)
    expect(m.get_by_text(re.compile("Fit converged"))).to_be_visible()
    expect(page).to_have_url(re.compile("cf_model=Polynomial"))  # Streamlit writes the setting into the URL
    assert_no_exception(page)
    page.screenshot(path="/tmp/e2e_curve_fitting.png", full_page=True)
    # A colleague opening the copied link sees the same model.
    other = reopen(browser, page.url)
    expect(main(other).get_by_text("Degree")).to_be_visible()
    expect(main(other).get_by_text(re.compile("Fit converged"))).to_be_visible()
    other.context.close()


def test_bad_upload_shows_error_not_traceback(page, server, tmp_path):
    page.goto(f"{server}/curve_fitting")
    m = main(page)
    expect(m.get_by_text(re.compile("Fit converged"))).to_be_visible()
    m.get_by_role("radio", name="Upload").click()
    garbage = tmp_path / "data.csv"
    garbage.write_bytes(bytes(range(256)) * 20)
    page.locator('input[type="file"]').set_input_files(str(garbage))
    expect(m.get_by_text(re.compile("binary"))).to_be_visible()
    assert_no_exception(page)


def test_link_shared_before_the_binding_reopens_the_view(page, server):
    # Old links carry option keys (danwood, power), not the labels Streamlit writes now.
    page.goto(f"{server}/curve_fitting?cf_sample=danwood&cf_model=power")
    m = main(page)
    expect(m.get_by_text(re.compile("Fit converged"))).to_be_visible()
    expect(m.get_by_text("y = a*x^b")).to_be_visible()


def test_a_formula_with_a_backtick_in_the_url_shows_no_link(page, server):
    page.goto(f"{server}/curve_fitting?cf_model=formula&cf_formula='`[Click](http://e.vil/x)`'")
    expect(main(page).locator('[data-testid="stAlertContentError"]').first).to_be_visible(timeout=60_000)
    wait_idle(page)
    assert page.locator('a[href*="e.vil"]').count() == 0
    assert_no_exception(page)
