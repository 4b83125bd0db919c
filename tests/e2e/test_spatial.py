"""The spatial page in the browser: clicking a point of the scatter makes it the query (plotly selection)."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, main, wait_idle


def test_clicking_a_point_moves_the_query_and_the_link_keeps_it(page, server, browser):
    page.goto(f"{server}/spatial")
    m = main(page)
    expect(m.get_by_text(re.compile("nearest of 5"))).to_be_visible(timeout=60_000)
    qx = m.get_by_label("Point: x", exact=True)
    before = qx.input_value()
    chart = m.locator('[data-testid="stPlotlyChart"]').first
    point = chart.locator(".scatterlayer .trace").first.locator("path.point").nth(7)
    point.click(force=True)
    wait_idle(page)
    expect(qx).not_to_have_value(before)
    after = qx.input_value()
    expect(page).to_have_url(re.compile("sa_q_x="))
    assert_no_exception(page)
    page.screenshot(path="/tmp/e2e_spatial.png", full_page=True)
    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    other.goto(page.url)
    expect(main(other).get_by_label("Point: x", exact=True)).to_have_value(after, timeout=60_000)
    other.context.close()
