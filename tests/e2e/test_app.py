"""The router and the home page in the browser."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, main, wait_idle
from ui.pages import PAGES


def test_deep_link_on_first_load_has_no_page_not_found(page, server):
    # This module runs first, against a fresh server: a shared link to a page must open without a
    # "Page not found" modal.
    page.goto(f"{server}/curve_fitting")
    expect(main(page).get_by_text(re.compile("Fit converged"))).to_be_visible()
    wait_idle(page)
    assert page.get_by_text("Page not found").count() == 0
    # The router's sidebar (sections), not Streamlit's legacy pages/ listing ("app", "home", ...).
    expect(page.locator('[data-testid="stSidebarNav"]').get_by_text("Fit & test")).to_be_visible()


def test_home_links_to_every_page(page, server):
    page.goto(server)
    expect(page.get_by_role("heading", name="SciPy Explorer")).to_be_visible()
    for info in PAGES:
        page.goto(server)
        main(page).get_by_role("link", name=info.title).click()
        expect(page.get_by_role("heading", name=info.title)).to_be_visible()
        wait_idle(page)
        assert_no_exception(page)
        assert "Page not found" not in page.content()
