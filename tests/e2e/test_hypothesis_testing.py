"""Hypothesis testing in the browser."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, main, reopen, wait_idle


def test_changing_the_test_updates_the_result_and_the_link(page, server, browser):
    page.goto(f"{server}/hypothesis_testing")
    m = main(page)
    expect(m.get_by_text(re.compile("Welch's t-test.*: p ="))).to_be_visible()
    m.get_by_label("Test", exact=True).click()
    page.get_by_role("option", name="Mann-Whitney U test").click()
    expect(m.get_by_text(re.compile("Mann-Whitney U test: p ="))).to_be_visible()
    wait_idle(page)
    expect(page).to_have_url(re.compile("ht_test=Mann-Whitney"))
    assert_no_exception(page)
    page.screenshot(path="/tmp/e2e_hypothesis_testing.png", full_page=True)
    other = reopen(browser, page.url)
    expect(main(other).get_by_text(re.compile("Mann-Whitney U test: p ="))).to_be_visible()
    other.context.close()
