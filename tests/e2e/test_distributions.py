"""The distributions page in the browser: choosing a distribution changes the moments and the link."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, main, reopen, wait_idle


def test_choosing_cauchy_says_its_mean_is_undefined(page, server, browser):
    page.goto(f"{server}/distributions")
    m = main(page)
    mean = m.locator('[data-testid="stMetric"]').first
    expect(mean).to_contain_text("0", timeout=60_000)
    m.get_by_label("Distribution", exact=True).click()
    page.keyboard.type("Cauchy")
    page.get_by_role("option", name="Cauchy (cauchy)").click()
    wait_idle(page)
    expect(mean).to_contain_text("undefined")
    expect(page).to_have_url(re.compile("di_dist=Cauchy"))
    assert_no_exception(page)
    other = reopen(browser, page.url)
    expect(main(other).locator('[data-testid="stMetric"]').first).to_contain_text("undefined", timeout=60_000)
    other.context.close()


def test_any_scipy_distribution_is_found_by_typing(page, server):
    """Beyond the common ones: type part of a name, pick it, and its parameters come with SciPy's ranges."""
    page.goto(f"{server}/distributions")
    m = main(page)
    expect(m.locator('[data-testid="stMetric"]').first).to_contain_text("0", timeout=60_000)
    m.get_by_label("Distribution", exact=True).click()
    page.keyboard.type("Type XII")
    page.get_by_role("option", name="Burr (Type XII) (burr12)").click()
    wait_idle(page)
    expect(m.get_by_label("c", exact=True)).to_be_visible()
    expect(m.get_by_label("d", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile("di_dist=Burr"))
    assert_no_exception(page)
