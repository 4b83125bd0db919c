"""The session's data shelf in the browser: residuals sent from curve fitting open on kernel density."""

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, main, wait_idle


def test_residuals_travel_from_curve_fitting_to_kernel_density(page, server):
    page.goto(f"{server}/curve_fitting")
    m = main(page)
    m.get_by_role("button", name="Send the residuals to your data").click()
    link = m.get_by_role("link", name="Open Kernel density")
    expect(link).to_be_visible()
    link.click()
    m = main(page)
    m.get_by_role("radio", name="Your data").click()
    wait_idle(page)
    expect(m.get_by_text("residuals", exact=False).first).to_be_visible()
    expect(m.locator('[data-testid="stMetric"]').first).to_contain_text("bandwidth h", timeout=60_000)
    expect(m.get_by_text("residual", exact=True).first).to_be_visible()       # the column picked
    assert_no_exception(page)
