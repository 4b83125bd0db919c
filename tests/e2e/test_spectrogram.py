"""Spectrogram and filters in the browser."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, main, wait_idle


def test_filters_and_plays(page, server):
    page.goto(f"{server}/spectrogram")
    m = main(page)
    expect(m.get_by_text("31.25 Hz").first).to_be_visible(timeout=60_000)
    wait_idle(page)
    expect(m.locator("audio").first).to_be_attached()
    m.get_by_role("tab", name="Filter").click()
    tabs = m.locator('[data-testid="stTabs"]')
    expect(tabs.get_by_text(re.compile("Butterworth lowpass, order 4, 1000 Hz: 2 second-order"))).to_be_visible()
    m.get_by_label("Band", exact=True).click()
    page.get_by_role("option", name="bandpass").click()
    wait_idle(page)
    expect(tabs.get_by_text(re.compile("Butterworth bandpass, order 4, .*: 4 second-order"))).to_be_visible()
    expect(page).to_have_url(re.compile("sp_btype=bandpass"))
    assert_no_exception(page)
    page.screenshot(path="/tmp/e2e_spectrogram.png", full_page=True)
