"""AppTest tests of the kernel-density page."""

import pytest

from core.density.samples import SAMPLES
from tests.conftest import chart_array, shown
from ui.pages import page as page_info

PAGE = page_info("kernel_density")
KD_SAMPLES = list(SAMPLES)


@pytest.fixture
def page(driver):
    return driver(PAGE).run()


def metric(at, label):
    return next(m for m in at.metric if m.label == label).value


@pytest.mark.parametrize("key", KD_SAMPLES)
def test_every_sample(driver, key):
    d = driver(PAGE)
    d.at.session_state["kd_sample"] = key
    d.run()
    assert not d.errors and float(metric(d.at, "integral over the grid")) == pytest.approx(1, abs=1e-3)


def test_rules_bounds_and_manual(page):
    for rule in ("scott", "silverman", "lscv"):
        page.set("selectbox", "rule", rule)
        assert not page.errors
    page.set("selectbox", "rule", "manual")
    page.set("slider", "h", 0.5)
    assert metric(page.at, "bandwidth h") == "0.5"
    page.set("number_input", "lo", -10.0)
    assert metric(page.at, "mass outside bounds (plain KDE)").endswith("%")
    page.set("number_input", "lo", 1.0)
    assert "outside the bounds" in page.errors


def test_tabs_content(page):
    frames = [f.value for f in page.at.dataframe]
    rules = next(f for f in frames if "rule" in f.columns)
    assert set(rules["rule"]) == {"Scott", "Silverman", "Improved Sheather-Jones", "LSCV"}
    assert not any("quantile" in f.columns for f in frames), "closed tabs are not computed"
    assert any("quantile" in f.columns for f in (f.value for f in page.tab("CDF & quantiles").at.dataframe))
    fits = next(f for f in (f.value for f in page.tab("Parametric fits").at.dataframe) if "AIC" in f.columns)
    assert len(fits) == 3


def test_group_split_weights_and_kernels(driver):
    d = driver(PAGE).run()
    d.set("selectbox", "group", "group")
    assert not d.errors
    d = driver(PAGE)
    d.at.session_state["kd_sample"] = "kde_incomes"
    d.run()
    assert "effective" in metric(d.at, "points")
    d = driver(PAGE)
    d.at.session_state["kd_sample"] = "kde_small"
    d.run()
    assert d.at.toggle(key="kd_kernels").value is True


def test_synthetic_million_points(driver):
    d = driver(PAGE)
    d.at.session_state["kd_source"] = "Synthetic"
    d.run()
    d.set("number_input", "syn_n", 1_000_000)
    assert metric(d.at, "points") == "1,000,000"
    assert any("binned FFT" in shown(c.value) for c in d.at.caption)


def test_exported_script_prints_the_page_bandwidth(page, run_script):
    printed = run_script(page.code())
    assert metric(page.at, "bandwidth h") == f"{printed['bandwidth']:.4g}"


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (bytes(range(256)) * 20, "binary"),
    (b"v\n1\n", "at least 2"),
    (b"v\n3\n3\n3\n", "equal"),
    (b"name\nalice\nbob\n", "no numeric column"),
    (b"v,w\n1,-1\n2,1\n3,1\n", "zero or more"),
    (b"v,w\n1,0\n2,0\n3,0\n", "all zero"),
])
def test_bad_uploads(driver, content, message):
    d = driver(PAGE).run()
    d.upload(content)
    if b",w" in content:
        d.set("selectbox", "weights", "w")
    assert message.lower() in d.errors.lower(), d.errors


def test_uploaded_table_with_decimal_commas(driver):
    import numpy as np

    values = np.random.default_rng(3).gamma(2.0, 1.5, 300)
    text = "duration;weight\n" + "\n".join(f"{v:.3f};1" .replace(".", ",") for v in values)
    d = driver(PAGE).run()
    d.upload(text.encode("utf-8"))
    assert not d.errors
    # The 2-D tab pairs duration with the constant weight column: only that tab says why it cannot.
    assert d.tab("2-D density").errors == "All values are equal (1): a constant has no spread to smooth."
    d.tab("Compare bandwidths")
    assert float(metric(d.at, "integral over the grid")) == pytest.approx(1, abs=1e-3)
    d.set("number_input", "lo", 0.0)
    assert metric(d.at, "mass outside bounds (plain KDE)").endswith("%")


def test_switching_the_sample_keeps_the_bandwidth_rule_and_says_what_was_reset(page):
    page.set("selectbox", "rule", "lscv")
    page.set("selectbox", "gridsize", 1024)
    page.set("selectbox", "sample", KD_SAMPLES[1])
    assert not page.errors
    assert page.at.session_state["kd_rule"] == "lscv" and page.at.session_state["kd_gridsize"] == 1024
    assert metric(page.at, "bandwidth h") and "LSCV" in next(m for m in page.at.metric
                                                             if m.label == "bandwidth h").proto.delta
    assert any("New data" in t.value for t in page.at.toast)


def test_log_scale_for_skewed_positive_data(driver, run_script):
    import json

    d = driver(PAGE)
    d.at.session_state["kd_sample"] = "kde_incomes"
    d.run()
    d.set("toggle", "log_scale", True)
    assert not d.errors
    assert "log units" in " ".join(shown(c.value) for c in d.at.caption)
    assert float(metric(d.at, "integral over the grid")) == pytest.approx(1, abs=2e-3)
    layout = json.loads(d.at.get("plotly_chart")[0].proto.spec)["layout"]
    assert layout["xaxis"]["type"] == "log"
    script = d.code()
    assert "np.log(data['value']" in script
    printed = run_script(script)
    assert printed["integral"] == pytest.approx(float(metric(d.at, "integral over the grid")), abs=1e-4)
    d.set("selectbox", "rule", "manual")
    assert "log units" in d.at.slider(key="kd_h").label


def test_log_scale_refuses_negative_data(page):
    page.set("toggle", "log_scale", True)
    if page.errors:                                                 # the default sample may hold values <= 0
        assert "positive data" in page.errors


@pytest.mark.parametrize("multiple", ["stack", "fill"])
def test_groups_stack_and_fill(driver, multiple):
    import json

    import numpy as np

    d = driver(PAGE).run()
    d.set("selectbox", "group", "group")
    d.set("segmented_control", "multiple", multiple)
    assert not d.errors and d.at.toggle(key="kd_common_norm").value
    spec = json.loads(d.at.get("plotly_chart")[0].proto.spec)
    traces = [t for t in spec["data"] if t.get("stackgroup")]
    assert len(traces) >= 2
    ys = np.array([chart_array(t["y"]) for t in traces], dtype=float)
    if multiple == "fill":
        np.testing.assert_allclose(np.nansum(ys, axis=0)[np.isfinite(ys).all(0)], 1.0, rtol=1e-9)
    else:
        x = chart_array(traces[0]["x"])
        assert np.trapezoid(ys.sum(0), x) == pytest.approx(1.0, abs=5e-3)   # shares: together they integrate to 1
    assert "Shares of the points" in " ".join(shown(c.value) for c in d.at.caption)
