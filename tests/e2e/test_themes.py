"""Light and dark: every page follows the browser's colour scheme, figures included, and the menu lets a user
switch (the theme has a light and a dark variant; the settings menu stays reachable)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, main, wait_idle
from ui.pages import PAGES


def _luminance(rgb):
    r, g, b = (int(v) for v in rgb.replace("rgba(", "").replace("rgb(", "").rstrip(")").split(",")[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_follows_the_colour_scheme(browser, server, scheme):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=scheme)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    try:
        for info in PAGES:
            pg.goto(f"{server}/{info.slug}")
            wait_idle(pg)
            expect(main(pg).locator(".js-plotly-plot").first).to_be_visible(timeout=60_000)
            background = pg.evaluate("() => getComputedStyle(document.querySelector('[data-testid=stApp]'))"
                                     ".backgroundColor")
            text = pg.evaluate("() => getComputedStyle(document.querySelector('[data-testid=stMain] h1')).color")
            # Plotly's axis labels take the theme's text colour (st.plotly_chart theme="streamlit").
            tick = pg.evaluate("() => getComputedStyle(document.querySelector('.js-plotly-plot .xtick text'))"
                               ".fill")
            dark = scheme == "dark"
            assert (_luminance(background) < 60) == dark, (info.slug, background)
            assert (_luminance(text) > 150) == dark, (info.slug, text)
            assert (_luminance(tick) > 180) == dark, (info.slug, tick)  # light: grey 132; dark: 233
            assert_no_exception(pg)
        pg.screenshot(path=f"/tmp/e2e_theme_{scheme}.png")
    finally:
        context.close()


def test_the_menu_switches_the_theme(page, server):
    page.goto(server)
    wait_idle(page)
    page.get_by_test_id("stMainMenu").click()
    menu = page.get_by_test_id("stMainMenuList")
    expect(menu.get_by_test_id("stMainMenuItem-theme-System")).to_be_visible()
    menu.get_by_test_id("stMainMenuItem-theme-Dark").click()
    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_css("background-color", "rgb(23, 22, 20)")  # Streamlit's dark background
