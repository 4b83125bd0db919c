"""The linear-algebra page in the browser: the rank slider redraws the approximation and the link keeps it."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, main, reopen, wait_idle


def test_rank_slider_changes_the_error_and_the_link_keeps_it(page, server, browser):
    page.goto(f"{server}/linear_algebra?la_tab=Low-rank+image")
    m = main(page)
    error = m.locator('[data-testid="stMetric"]').first
    expect(error).to_contain_text("%", timeout=60_000)
    before = error.inner_text()
    slider = m.get_by_role("slider").first
    slider.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    wait_idle(page)
    expect(error).not_to_have_text(before)
    expect(page).to_have_url(re.compile("la_rank=30"))
    assert_no_exception(page)
    other = reopen(browser, page.url)
    shown = error.locator('[data-testid="stMetricValue"]').inner_text()
    expect(main(other).locator('[data-testid="stMetricValue"]').first).to_have_text(shown, timeout=60_000)
    other.context.close()
