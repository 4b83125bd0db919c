"""The optimization page in the browser: a click on the contour map becomes the start (plotly selection on an
invisible grid of points), every method reruns from there, and the link keeps the start."""

import re

from playwright.sync_api import expect

from core.optimize import CLICK_GRID
from tests.e2e.conftest import assert_no_exception, main, reopen, wait_idle


def test_clicking_the_map_moves_the_start_and_the_link_keeps_it(page, server, browser):
    page.goto(f"{server}/optimization")
    m = main(page)
    start_x = m.get_by_label("start x", exact=True)
    expect(start_x).to_have_value("-1.2", timeout=60_000)
    chart = m.locator('[data-testid="stPlotlyChart"]').first
    grid = chart.locator(".scatterlayer .trace").first.locator("path.point")
    expect(grid).to_have_count(CLICK_GRID * CLICK_GRID)
    grid.nth(CLICK_GRID * 30 + 35).click(force=True)          # row 30 (y = 2), column 35 (x = 1.5)
    wait_idle(page)
    expect(start_x).to_have_value("1.5")
    expect(m.get_by_label("start y", exact=True)).to_have_value("2")
    expect(page).to_have_url(re.compile("op_x0=1.5"))
    expect(m.locator('[data-testid="stAlert"]')).to_have_count(0)          # every method ran from there
    assert_no_exception(page)
    other = reopen(browser, page.url)
    expect(main(other).get_by_label("start x", exact=True)).to_have_value("1.5", timeout=60_000)
    other.context.close()


def test_the_table_downloads_as_csv_without_a_rerun(page, server):
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(frame)))
    page.goto(f"{server}/optimization")
    m = main(page)
    button = m.get_by_role("button", name="Download the table (CSV)")
    expect(button).to_be_visible(timeout=60_000)
    wait_idle(page)
    assert sent                                            # (the listener sees this page's websocket)
    sent.clear()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "minimize.csv"
    text = open(download.path(), encoding="utf-8").read()
    header, *rows = text.strip().splitlines()
    assert header.startswith("method,x,y,fun,nit,nfev") and any(r.startswith("Nelder-Mead,") for r in rows)
    fun = {r.split(",")[0]: float(r.split(",")[3]) for r in rows}
    assert min(fun.values()) < 1e-6                        # Rosenbrock's minimum is 0: some method reached it
    page.wait_for_timeout(500)
    assert sent == []                                      # the file came with the page: the click asked nothing
    assert_no_exception(page)
