"""AppTest tests of the interpolation page."""

import json

import pytest

from core.interpolation.samples import SAMPLES
from tests.conftest import shown, table_with
from ui.pages import page as page_info

PAGE = page_info("interpolation")
IP_SAMPLES = list(SAMPLES)


@pytest.fixture
def page(driver):
    return driver(PAGE).run()


@pytest.mark.parametrize("key", IP_SAMPLES)
def test_every_sample(driver, key):
    d = driver(PAGE)
    d.at.session_state["ip_sample"] = key
    d.run()
    assert not d.errors, d.errors


def cv_table(at):
    return next(f.value for f in at.dataframe if "rmse" in f.value.columns)


def test_overshoot_on_monotone_data(driver):
    d = driver(PAGE)
    d.at.session_state["ip_sample"] = "interp_monotone"
    d.run()
    table = cv_table(d.at).set_index("method")
    assert table.loc["cubic_spline", "leaves the data range"] == "yes"
    assert table.loc["pchip", "leaves the data range"] == ""


def test_every_method_and_option(page):
    page.set("multiselect", "methods", ["cubic_spline", "smoothing_spline", "univariate_spline", "nearest",
                                        "previous", "next"])
    assert not page.errors
    page.set("selectbox", "bc", "clamped")
    page.set("number_input", "slope_l", 1.0)
    page.set("checkbox", "auto_lam", False)
    page.set("slider", "log_lam", -3.0)
    page.set("slider", "s", 2.0)
    for policy in ("nan", "nearest", "linear"):
        page.set("selectbox", "extrap", policy)
        assert not page.errors
    page.set("multiselect", "methods", ["quadratic", "cubic", "akima", "makima", "pchip", "linear"])
    assert len(cv_table(page.at)) == 6


def test_evaluate_and_gaps(driver):
    d = driver(PAGE)
    d.at.session_state["ip_sample"] = "interp_gaps"
    d.run()
    assert not any("values are interpolated" in shown(c.value) for c in d.at.caption), "a closed tab is not run"
    assert any("values are interpolated" in shown(c.value) for c in d.tab("Fill gaps").at.caption)
    d.tab("Evaluate").set("text_input", "at", "1.5, 2.5")
    assert not d.errors
    d.set("text_input", "at", "1.5, abc")
    assert "Type numbers" in d.errors


def test_exported_script_matches_the_page(page, run_script):
    printed = run_script(page.code())
    caption = next(shown(c.value) for c in page.at.caption if shown(c.value).startswith("Printed values"))
    assert f"{printed['value_0']:.6g}" in caption


def test_2d_methods_and_rbf_guard(driver):
    d = driver(PAGE)
    d.at.session_state["ip_sample"] = "interp_franke"
    d.run()
    for method in ("nearest", "cubic"):
        d.set("selectbox", "m2a", method)
        assert not d.errors
    d.set("selectbox", "kernel", "gaussian")
    d.set("number_input", "eps", 3.0)
    assert not d.errors


def test_rbf_without_neighbors_is_refused_for_many_points(driver):
    import numpy as np

    rng = np.random.default_rng(0)
    p = rng.uniform(size=(4000, 2))
    text = "x,y,z\n" + "\n".join(f"{a},{b},{a * b}" for a, b in p)
    d = driver(PAGE).run()
    d.upload(text.encode())
    d.set("segmented_control", "mode", "2-D scattered")
    d.set("number_input", "neigh", 0)
    assert "neighbors" in d.errors


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (bytes(range(256)) * 20, "binary"),
    (b"x,y\n1,2\n", "at least"),
    (b"x,y\n1,2\n1,3\n1,4\n", "All x values are equal"),
    (b"x\n1\n2\n", "Two numeric columns"),
])
def test_bad_uploads(driver, content, message):
    d = driver(PAGE).run()
    d.upload(content)
    assert message.lower() in d.errors.lower(), d.errors


def test_collinear_2d(driver):
    d = driver(PAGE).run()
    d.upload(b"x,y,z\n0,0,1\n1,1,2\n2,2,3\n3,3,4\n4,4,5\n")
    d.set("segmented_control", "mode", "2-D scattered")
    assert "line" in d.errors



def test_runge_sample_shows_the_oscillation_and_chebyshev_nodes_cure_it(driver):
    import numpy as np

    from core.interpolation import build_1d, chebyshev_nodes

    runge = lambda t: 1 / (1 + 25 * t ** 2)  # noqa: E731
    grid = np.linspace(-1, 1, 2001)
    for key, nodes, worst in (("interp_runge", np.linspace(-1, 1, 11), (1.5, np.inf)),
                              ("interp_runge_chebyshev", chebyshev_nodes(11), (0, 0.12))):
        d = driver(PAGE)
        d.at.session_state["ip_sample"] = key
        d.run()
        assert d.at.multiselect(key="ip_methods").value[0] == "barycentric" and not d.errors
        error = np.max(np.abs(build_1d(nodes, runge(nodes), method="barycentric")(grid) - runge(grid)))
        assert worst[0] < error < worst[1]  # equal spacing: off by ~1.9 near the ends; Chebyshev: ~0.11
        # The page draws that polynomial: beyond the data it explodes, and the axis keeps the data in view.
        assert "leave(s) the view" in " ".join(shown(c.value) for c in d.at.caption)


def test_2d_mode_on_a_two_column_table_offers_the_2d_samples(driver):
    d = driver(PAGE)
    d.at.session_state["ip_sample"] = "interp_runge"
    d.run()
    d.set("segmented_control", "mode", "2-D scattered")
    assert not d.errors and "needs three numeric columns" in d.at.info[0].value
    d.at.button(key="_ip_open_interp_franke").click()
    d.run()
    assert not d.errors and d.at.session_state["ip_sample"] == "interp_franke"
    assert any("CV RMSE" in shown(c.value) for c in d.at.caption)


def test_edited_points_reach_the_fit_and_the_script(page, run_script):
    """The data_editor path: a changed y, a deleted row, an added row and a half-typed row (dropped)."""
    import ast
    import re

    import numpy as np
    from scipy import interpolate

    page.set("toggle", "edit", True)
    x0 = page.code()
    page.at.session_state["ip_editor"] = {"edited_rows": {0: {"y": 3.0}}, "deleted_rows": [1],
                                          "added_rows": [{"x": 1.5, "y": 0.25}, {"x": 2.0}]}
    page.run()
    assert not page.errors
    script = page.code()
    assert script != x0 and "-1.0,3.0" in script and "1.5,0.25" in script and "-0.8," not in script
    data = re.search(r"DATA = \((.*?)\n\)", script, re.S).group(1)
    rows = "".join(ast.literal_eval(part.strip()) for part in data.split("\n") if part.strip())
    table = np.array([r.split(",") for r in rows.strip().split("\n")[1:]], float)
    x = np.r_[-1.0, np.linspace(-1, 1, 11)[2:], 1.5]
    y = np.r_[3.0, 1 / (1 + 25 * np.linspace(-1, 1, 11)[2:] ** 2), 0.25]
    np.testing.assert_allclose(table, np.c_[x, y], atol=1e-9)         # the sample's Runge points (10 digits), edited
    printed = run_script(script)
    at = np.array([float(v) for v in re.search(r"f\(np\.array\(\[(.*?)\]\)\)", script).group(1).split(",")])
    expected = interpolate.BarycentricInterpolator(table[:, 0], table[:, 1])(at)
    np.testing.assert_allclose([printed[f"value_{i}"] for i in range(at.size)], expected, rtol=1e-9)


def test_a_gridded_table_reads_between_its_lines(driver, run_script):
    """The wind chill table: RegularGridInterpolator, the half-grid check, a value read off, the script."""
    d = driver(PAGE)
    d.at.session_state["ip_sample"] = "interp_wind_chill"
    d.run()
    assert not d.errors and d.at.segmented_control(key="ip_mode").value == "2-D grid"
    assert "11 x values by 12 y values" in " ".join(c.value for c in d.at.caption)
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in d.at.get("plotly_chart")]
    assert any(t.startswith("linear: half-grid RMSE") for t in titles)
    d.set("number_input", "gat_x", -15.0)
    d.set("number_input", "gat_y", 32.5)
    read = table_with(d.at, "method").set_index("method")["wind_chill_C"].astype(float)
    formula = 13.12 + 0.6215 * -15 - 11.37 * 32.5 ** 0.16 + 0.3965 * -15 * 32.5 ** 0.16
    assert abs(read["pchip"] - formula) < 0.05 and abs(read["linear"] - formula) < 0.05
    printed = run_script(d.code())
    assert printed["value_0"] == pytest.approx(read["linear"], abs=1e-3)   # the read-off point, method A


def test_grid_mode_on_scattered_points_says_it_is_not_a_grid(driver):
    d = driver(PAGE)
    d.at.session_state["ip_sample"] = "interp_franke"
    d.run()
    d.set("segmented_control", "mode", "2-D grid")
    assert "not a full grid" in d.errors and "2-D scattered" in d.errors
