"""AppTest flows of the linear-algebra page."""

import io

import numpy as np
import pytest
from PIL import Image

from tests.conftest import numeric_table, shown
from ui.pages import page as page_info

PAGE = page_info("linear_algebra")


def test_pca_opens_on_the_cultivars_and_svd_agrees_with_eigh(driver, run_script):
    d = driver(PAGE).run()
    assert not d.errors and d.metric("rows left out") == "4"
    assert float(d.metric("SVD against eigh")) < 1e-10
    printed = run_script(d.code())
    assert printed["explained_variance_ratio_1"] > 0.5
    d.set("toggle", "scale", False)
    d.set("multiselect", "cols", ["length_mm"])
    assert "at least two" in " ".join(str(i.value) for i in d.at.info)


def test_constant_column_is_named_when_scaling(driver):
    d = driver(PAGE).run()
    d.paste("a,b,c\n1,2,5\n2,3,5\n3,5,5\n4,4,5\n")
    assert "c (its standard deviation is 0)" in d.errors


def test_low_rank_image_sample_and_upload(driver):
    d = driver(PAGE, query={"la_tab": "Low-rank image"}).run()
    before = d.metric("relative error")
    d.set("slider", "rank", 80)
    assert float(d.metric("relative error").rstrip("%")) < float(before.rstrip("%")) and not d.errors
    buf = io.BytesIO()
    Image.fromarray((np.indices((60, 90)).sum(0) * 2 % 255).astype(np.uint8)).save(buf, format="PNG")
    d.at.session_state["la_img"] = "Upload"
    d.run()
    d.at.file_uploader(key="la_upload").set_value(("ramp.png", buf.getvalue(), "image/png"))
    d.run()
    assert d.metric("size") == "60 x 90" and not d.errors


def test_linear_systems_cholesky_refusal_and_digits(driver, run_script):
    d = driver(PAGE, query={"la_tab": "Linear systems"}).run()
    table = numeric_table(d.at, "method").set_index("method")
    assert "use LU" in table.loc["cho_factor + cho_solve", "note"]
    assert run_script(d.code())["solve_residual"] < 1e-10
    d.set("selectbox", "kind", "conditioned")
    d.set("select_slider", "cond", 1e12)
    assert float(d.metric("digits you may lose")) == pytest.approx(12, abs=0.1)


def test_sparse_seed_example_and_topics(driver, run_script):
    d = driver(PAGE, query={"la_tab": "Sparse & svds"}).run()
    assert d.metric("nonzeros") == "100,000" and not d.errors
    values = numeric_table(d.at, "singular value")["singular value"]
    assert len(values) == 50 and values.is_monotonic_decreasing
    assert run_script(d.code())["singular_value_1"] == pytest.approx(values.iloc[0], rel=1e-5)
    d.set("select_slider", "density", 0.1)
    d.set("number_input", "m", 1_000_000)
    d.set("number_input", "cols_n", 1_000_000)
    assert "over the work budget" in d.errors
    t = driver(PAGE, query={"la_tab": "Sparse & svds", "la_sparse": "Term-document"}).run()
    terms = " ".join(shown(v) for v in numeric_table(t.at, "top terms")["top terms"])
    assert "galaxy" in terms and "team" in terms and not t.errors
    t.set("number_input", "topics", 40)
    assert "k < min(shape)" in t.errors


def test_iterative_solvers(driver):
    d = driver(PAGE, query={"la_tab": "Iterative solvers"}).run()
    table = numeric_table(d.at, "iterations").set_index("method")
    assert table.loc["cg", "final residual"] < 1e-8 and not d.errors
    assert table.loc["spsolve (direct)", "final residual"] < 1e-12
    assert table.loc["cg", "largest difference from spsolve"] < 1e-5
