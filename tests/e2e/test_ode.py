"""The ODE page in the browser: a click on the phase plane starts a new trajectory there (plotly selection on
an invisible grid), and changing a method reruns the race and follows in the link."""

import re

from playwright.sync_api import expect

from core.integrate import CLICK_GRID
from tests.e2e.conftest import assert_no_exception, main, wait_idle


def test_clicking_the_phase_plane_adds_a_trajectory(page, server):
    page.goto(f"{server}/ode?od_tab=Phase+plane&od_sys=lotka_volterra")
    m = main(page)
    chart = m.locator('[data-testid="stPlotlyChart"]').first
    expect(chart).to_be_visible(timeout=60_000)
    traces = chart.locator(".scatterlayer .trace")
    grid = traces.first.locator("path.point")
    expect(grid).to_have_count(CLICK_GRID * CLICK_GRID)
    before = traces.count()
    grid.nth(CLICK_GRID * 20 + 12).click(force=True)
    wait_idle(page)
    expect(traces).to_have_count(before + 3)          # forward, backward and the start marker
    assert_no_exception(page)


def test_changing_the_tolerance_follows_in_the_link(page, server):
    page.goto(f"{server}/ode")
    m = main(page)
    expect(m.get_by_text("rtol", exact=True)).to_be_visible(timeout=60_000)
    m.get_by_label("System", exact=True).click()
    page.get_by_role("option", name="Lorenz system (3-D)").click()
    wait_idle(page)
    expect(page).to_have_url(re.compile("od_sys=Lorenz"))
    expect(m.locator('[data-testid="stPlotlyChart"]')).to_have_count(3)     # curves, the 3-D view, steps
    assert_no_exception(page)
