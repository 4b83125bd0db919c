"""Kernel density in the browser."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, main, wait_idle


def test_the_bandwidth_rule_changes_the_estimate(page, server):
    page.goto(f"{server}/kernel_density")
    m = main(page)
    metric = m.locator('[data-testid="stMetric"]').first
    expect(metric).to_contain_text("bandwidth h", timeout=60_000)  # a cold server first computes ISJ
    before = metric.inner_text()
    m.get_by_label("Bandwidth", exact=True).click()
    page.get_by_role("option", name="Scott").click()
    expect(metric).not_to_have_text(before)
    wait_idle(page)
    expect(page).to_have_url(re.compile("kd_rule=Scott"))
    assert_no_exception(page)
