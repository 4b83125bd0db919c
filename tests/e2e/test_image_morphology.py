"""Image morphology in the browser."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, main, wait_idle


def test_counts_objects_and_the_url_follows_the_pipeline(page, server):
    page.goto(f"{server}/image_morphology")
    m = main(page)
    expect(m.get_by_text("5. Split touching objects").first).to_be_visible(timeout=60_000)
    wait_idle(page)
    m.get_by_role("tab", name="Objects").click()
    expect(m.locator('[data-testid="stMetric"]').filter(has_text="objects").first).to_contain_text("11")
    # Remove the splitting step: the touching coins merge, fewer objects.
    m.locator('[data-testid="stButton"]').filter(has=page.locator('[data-testid="stIconMaterial"]',
                                                                     has_text="delete")).nth(4).click()
    wait_idle(page)
    m.get_by_role("tab", name="Objects").click()
    expect(m.locator('[data-testid="stMetric"]').filter(has_text="objects").first).to_contain_text("9")
    expect(page).not_to_have_url(re.compile("split_touching"))  # the URL follows the pipeline
    assert "mo_pipe=" in page.url
    assert_no_exception(page)
    page.screenshot(path="/tmp/e2e_image_morphology.png", full_page=True)


def test_a_link_in_the_url_is_shown_as_text_not_as_a_link(page, server):
    # Ignored pipeline parts are shown to the user; they once rendered as a clickable link.
    page.goto(f"{server}/image_morphology?mo_pipe=invert:[Click to re-login](http://e.vil/login)=1")
    m = main(page)
    expect(m.get_by_text(re.compile("Ignored unknown parts of the pipeline link"))).to_be_visible(timeout=60_000)
    wait_idle(page)
    assert page.locator('a[href*="e.vil"]').count() == 0
    assert_no_exception(page)
