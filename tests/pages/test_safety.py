"""Safe from any link or upload: each case found by trying the app as an attacker would, kept as a test.

Unexpected errors re-raise in the test suite (SCIPY_EXPLORER_RAISE=1), so "no exception" also means no
"incident" message; a stall would show as a test that does not finish, so each case asserts that the work was
refused by its budget, before it started.
"""


import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, PageDriver, texts
from tests.pages.test_injection import PAYLOAD, assert_inert
from ui.pages import PAGES


def opened(slug, query):
    d = PageDriver(slug, query=query)
    d.at.run()
    assert not d.at.exception, texts(d.at.exception)
    return d


# -- crashes and incidents from a link ----------------------------------------------------------------------

def test_an_oversized_drawn_element_in_the_link_is_skipped_not_a_crash():
    element = "/".join(["1" * 26] * 26)
    d = opened("image_morphology", {"mo_pipe": f"grey_erosion:shape=custom,element={element}"})
    assert "Ignored unknown parts" in texts(d.at.caption)


def test_a_formula_too_long_to_export_is_refused_plainly():
    d = opened("curve_fitting", {"cf_model": "formula", "cf_formula": "+".join(["a*x"] * 250)})
    assert "too deeply nested" in d.errors


@pytest.mark.parametrize("counts, message", [("1e300 1\n1 1", "counted exactly"),
                                             ("2000000000 1\n1 3", "over the work budget")])
def test_huge_counts_are_refused_plainly(counts, message):
    d = opened("hypothesis_testing", {"ht_shape": "table", "ht_table_src": "typed counts", "ht_counts": counts,
                                      "ht_test": "fisher_exact"})
    assert message in d.errors


def test_resampling_to_a_tiny_rate_and_a_tiny_csv_rate_are_handled():
    d = opened("spectrogram", {"sp_newfs": "1"})  # below the widget's range: the default
    assert not d.errors
    for fs in ("1e-6", "0.001", "1"):  # bounds that follow the rate never come out inverted
        opened("spectrogram", {"sp_sample": "signal_sensor", "sp_fs": fs})


def test_core_refuses_a_rate_below_its_range():
    from core.common import LimitError
    from core.spectral import resample

    with pytest.raises(LimitError, match="at least 1/1000"):
        resample(np.ones(1000), 16000.0, 1.0)


# -- uploads ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("slug, name", [("curve_fitting", "data.exe"), ("image_morphology", "evil.exe"),
                                        ("spectrogram", "x.exe"), ("curve_fitting", "bad\0.csv")])
def test_a_file_of_another_type_gets_a_clear_message(slug, name):
    d = PageDriver(slug).run()
    d.upload(b"x,y\n1,2\n2,3\n3,5\n", name=name, mime="application/octet-stream")
    assert "not one of the types read here" in d.errors


def test_a_huge_field_gets_a_clear_message():
    d = PageDriver("curve_fitting").run()
    d.upload(b"x,y\n1," + b"9" * 5_000_000 + b"\n2,3\n3,4\n")
    assert "could not be read" in d.errors


def test_extreme_values_in_a_density_upload_get_a_clear_message():
    d = PageDriver("kernel_density").run()
    d.upload(b"v,w\n1,1\n2,2\n3,3\ninf,4\n1e308,5\n-1e308,6\n4,7\n5,8\n")
    assert "at most 1e+150" in d.errors


def test_a_paste_over_the_limit_is_never_read_whole():
    from core.common import MAX_PASTE_CHARS, DataError, pasted_bytes

    text = "x,y\n" + "1,2\n" * (MAX_PASTE_CHARS // 4 + 10)
    with pytest.raises(DataError, match="at most 2,000,000 are read"):
        pasted_bytes(text)  # core refuses it, whatever the widget let through
    d = PageDriver("curve_fitting").run()
    d.paste(text)
    assert len(d.at.text_area(key="cf_paste").value) <= MAX_PASTE_CHARS or "at most" in d.errors


def test_counts_over_the_limit_are_never_read_whole():
    from core.common import MAX_COUNTS_CHARS, DataError, parse_counts

    with pytest.raises(DataError, match="at most 20,000 are read"):
        parse_counts("1 2\n" * 6000)
    d = opened("hypothesis_testing", {"ht_shape": "table", "ht_table_src": "typed counts",
                                      "ht_counts": "1 2\n" * 6000})
    assert len(d.at.text_area(key="ht_counts").value) <= MAX_COUNTS_CHARS or "at most" in d.errors


# -- stalls: refused by a work budget before they start --------------------------------------------------------

def test_a_heavy_pipeline_in_the_link_is_refused_before_it_runs():
    heavy = ";".join(["median_filter:shape=disk,size=101"] * 20)
    d = opened("image_morphology", {"mo_pipe": heavy})
    assert "over the work budget" in d.errors and "Median filter" in d.errors
    d = opened("image_morphology", {"mo_pipe": ";".join(["grey_opening:shape=disk,size=101,iterations=50"] * 20)})
    assert "over the work budget" in d.errors


def test_budgets_refuse_in_core_before_the_work():
    from core.common import BudgetError
    from core.fitting import compare_models
    from core.morphology import pipeline_from_text, run_step

    x = np.linspace(0, 1, 2_000_000)
    models = ["linear", "exponential", "poly3", "gaussian", "lorentzian", "power", "logistic4", "hill"]
    with pytest.raises(BudgetError, match="8 models to 2,000,000 points"):
        compare_models(models, x, x)
    steps, _ = pipeline_from_text("grey_opening:shape=disk,size=101,iterations=50")
    with pytest.raises(BudgetError):
        run_step(np.zeros((2000, 2000), np.float32), "grey", steps[0])


def test_the_default_views_and_recipes_fit_their_budgets():
    from core.morphology import DEFAULT_PIPELINE, check_pipeline, pipeline_from_text
    from ui.morphology.pipeline_editor import RECIPES

    for text in [DEFAULT_PIPELINE, *RECIPES.values()]:
        check_pipeline(pipeline_from_text(text)[0], (2048, 2048))  # a 4-megapixel photo, any recipe


# -- every bound URL parameter, drawn by Hypothesis -------------------------------------------------------------

NASTY = st.one_of(
    st.sampled_from([PAYLOAD, "1e309", "-1e309", "nan", "inf", "1e-320", "0", "-0", "99999999999999999999",
                     "true", "[[", "%00", "\x00", "a" * 10_000, "💥", "0x10", " 5 "]),
    st.text(max_size=40),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.lists(st.text(max_size=8), min_size=2, max_size=4),  # a repeated parameter
)


def bound_keys(slug):
    at = AppTest.from_file(str(ROOT / f"pages/{slug}.py"), default_timeout=120).run()
    kinds = ("selectbox", "radio", "segmented_control", "checkbox", "toggle", "number_input", "slider",
             "multiselect", "select_slider", "text_input", "text_area")
    keys = sorted({w.key for k in kinds for w in getattr(at, k) if w.proto.query_param_key})
    return keys + (["mo_pipe"] if slug == "image_morphology" else [])


@pytest.mark.parametrize("slug", [p.slug for p in PAGES])
def test_any_url_values_leave_the_page_working_and_inert(slug):
    keys = bound_keys(slug)

    @settings(max_examples=6, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.dictionaries(st.sampled_from(keys), NASTY, min_size=1, max_size=6))
    def check(query):
        at = AppTest.from_file(str(ROOT / f"pages/{slug}.py"), default_timeout=120)
        at.query_params.update(query)
        at.run()  # no exception (unexpected errors re-raise here) and, by the budgets, no stall
        assert_inert(at)

    check()
