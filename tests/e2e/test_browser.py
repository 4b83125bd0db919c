"""Browser tests: every page opens, a control changes the result, no exception box appears."""

import re

from playwright.sync_api import expect

from ui.pages import PAGES

EXCEPTION = '[data-testid="stException"]'
# Shared CI machines are slow and noisy: give every expectation 20 s instead of Playwright's 5 s.
expect.set_options(timeout=20_000)


def wait_idle(page):
    page.wait_for_load_state("networkidle")
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=60_000)


def test_deep_link_on_first_load_has_no_page_not_found(page, server):
    # Runs first, against a fresh server: a shared link to a page must open without a "Page not found" modal.
    page.goto(f"{server}/curve_fitting")
    expect(page.locator('[data-testid="stMain"]').get_by_text(re.compile("Fit converged"))).to_be_visible()
    wait_idle(page)
    assert page.get_by_text("Page not found").count() == 0
    # The router's sidebar (sections), not Streamlit's legacy pages/ listing ("app", "home", ...).
    expect(page.locator('[data-testid="stSidebarNav"]').get_by_text("Fit & test")).to_be_visible()


def test_home_links_to_every_page(page, server):
    page.goto(server)
    expect(page.get_by_role("heading", name="SciPy Explorer")).to_be_visible()
    for info in PAGES:
        page.goto(server)
        page.locator('[data-testid="stMain"]').get_by_role("link", name=info.title).click()
        expect(page.get_by_role("heading", name=info.title)).to_be_visible()
        wait_idle(page)
        assert page.locator(EXCEPTION).count() == 0
        assert "Page not found" not in page.content()


def test_curve_fitting_updates_when_a_control_changes(page, server):
    page.goto(f"{server}/curve_fitting")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text(re.compile("Fit converged"))).to_be_visible()
    expect(main.locator('[data-testid="stDataFrame"]').nth(1)).to_be_visible()
    # Switch the model to a quadratic polynomial: the parameter table must change to c0, c1, c2.
    main.get_by_label("Model", exact=True).click()
    page.get_by_role("option", name="Polynomial (choose degree)").click()
    expect(main.get_by_text("Degree")).to_be_visible()
    wait_idle(page)
    expect(main.get_by_text(re.compile("Fit converged"))).to_be_visible()
    assert "c2" in page.url or "polynomial" in page.url  # settings are in the URL
    assert page.locator(EXCEPTION).count() == 0
    page.screenshot(path="/tmp/e2e_curve_fitting.png", full_page=True)


def test_bad_upload_shows_error_not_traceback(page, server, tmp_path):
    page.goto(f"{server}/curve_fitting")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text(re.compile("Fit converged"))).to_be_visible()
    main.get_by_role("radio", name="Upload").click()
    garbage = tmp_path / "data.csv"
    garbage.write_bytes(bytes(range(256)) * 20)
    page.locator('input[type="file"]').set_input_files(str(garbage))
    expect(main.get_by_text(re.compile("binary"))).to_be_visible()
    assert page.locator(EXCEPTION).count() == 0
    assert "Traceback" not in page.content()


def test_shared_link_reopens_the_view(page, server):
    page.goto(f"{server}/curve_fitting?cf_sample=danwood&cf_model=power")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text(re.compile("Fit converged"))).to_be_visible()
    expect(main.get_by_text("y = a*x^b")).to_be_visible()


def test_hypothesis_testing_updates_when_the_test_changes(page, server):
    page.goto(f"{server}/hypothesis_testing")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text(re.compile("Two-sample t-test .*: p ="))).to_be_visible()
    main.get_by_label("Test", exact=True).click()
    page.get_by_role("option", name="Mann-Whitney U test").click()
    expect(main.get_by_text(re.compile("Mann-Whitney U test: p ="))).to_be_visible()
    wait_idle(page)
    expect(page).to_have_url(re.compile("ht_test=mannwhitneyu"))
    assert page.locator(EXCEPTION).count() == 0
    page.screenshot(path="/tmp/e2e_hypothesis_testing.png", full_page=True)


def test_kernel_density_updates_when_the_bandwidth_rule_changes(page, server):
    page.goto(f"{server}/kernel_density")
    main = page.locator('[data-testid="stMain"]')
    metric = main.locator('[data-testid="stMetric"]').first
    expect(metric).to_contain_text("bandwidth h", timeout=60_000)  # a cold server first computes ISJ
    before = metric.inner_text()
    main.get_by_label("Bandwidth", exact=True).click()
    page.get_by_role("option", name="Scott").click()
    expect(metric).not_to_have_text(before)
    wait_idle(page)
    expect(page).to_have_url(re.compile("kd_rule=scott"))
    assert page.locator(EXCEPTION).count() == 0


def test_interpolation_updates_when_methods_change(page, server):
    page.goto(f"{server}/interpolation")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("Cross-validated error", exact=True)).to_be_visible()
    main.get_by_label("Extrapolation", exact=True).click()
    page.get_by_role("option", name="nan", exact=True).click()
    expect(page).to_have_url(re.compile("ip_extrap=nan"))
    wait_idle(page)
    page.goto(f"{server}/interpolation?ip_sample=interp_franke")
    expect(main.get_by_text(re.compile("CV RMSE: 5-fold")).first).to_be_visible()
    wait_idle(page)
    assert page.locator(EXCEPTION).count() == 0


def test_image_morphology_counts_and_edits(page, server):
    page.goto(f"{server}/image_morphology")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("5. Split touching objects").first).to_be_visible(timeout=60_000)
    wait_idle(page)
    main.get_by_role("tab", name="Objects").click()
    expect(main.locator('[data-testid="stMetric"]').filter(has_text="objects").first).to_contain_text("11")
    # Remove the splitting step: the touching coins merge, fewer objects.
    main.locator('[data-testid="stButton"]').filter(has=page.locator('[data-testid="stIconMaterial"]',
                                                                        has_text="delete")).nth(4).click()
    wait_idle(page)
    main.get_by_role("tab", name="Objects").click()
    expect(main.locator('[data-testid="stMetric"]').filter(has_text="objects").first).to_contain_text("9")
    expect(page).not_to_have_url(re.compile("split_touching"))  # the URL follows the pipeline
    assert "mo_pipe=" in page.url
    assert page.locator(EXCEPTION).count() == 0
    page.screenshot(path="/tmp/e2e_image_morphology.png", full_page=True)


def test_spectrogram_page_filters_and_plays(page, server):
    page.goto(f"{server}/spectrogram")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("31.25 Hz").first).to_be_visible(timeout=60_000)
    wait_idle(page)
    expect(main.locator("audio").first).to_be_attached()
    main.get_by_role("tab", name="Filter").click()
    tabs = main.locator('[data-testid="stTabs"]')
    expect(tabs.get_by_text(re.compile("Butterworth lowpass, order 4, 1000 Hz: 2 second-order"))).to_be_visible()
    main.get_by_label("Band", exact=True).click()
    page.get_by_role("option", name="bandpass").click()
    wait_idle(page)
    expect(tabs.get_by_text(re.compile("Butterworth bandpass, order 4, .*: 4 second-order"))).to_be_visible()
    expect(page).to_have_url(re.compile("sp_btype=bandpass"))
    assert page.locator(EXCEPTION).count() == 0
    page.screenshot(path="/tmp/e2e_spectrogram.png", full_page=True)
