"""Interpolation in the browser."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, main, wait_idle


def test_extrapolation_and_a_2d_sample(page, server):
    page.goto(f"{server}/interpolation")
    m = main(page)
    expect(m.get_by_text("Cross-validated error", exact=True)).to_be_visible()
    m.get_by_label("Extrapolation", exact=True).click()
    page.get_by_role("option", name="nan", exact=True).click()
    expect(page).to_have_url(re.compile("ip_extrap=nan"))
    wait_idle(page)
    page.goto(f"{server}/interpolation?ip_sample=interp_franke")
    expect(m.get_by_text(re.compile("CV RMSE: 5-fold")).first).to_be_visible()
    wait_idle(page)
    assert_no_exception(page)
