"""No user text becomes a link, an image or emphasis: URL values, file names, column names, cell values, formulas.

What a page shows is rendered with an independent CommonMark renderer (markdown-it-py with GFM autolinks), as
Streamlit's frontend would, and searched for what the payloads would make if they were not escaped.
"""

import io
import re

import numpy as np
import pytest
from markdown_it import MarkdownIt
from PIL import Image
from scipy.io import wavfile

from tests.conftest import PageDriver, shown
from ui.pages import PAGES

RENDER = MarkdownIt("gfm-like")
LINK = "[EVILLINK](http://e.vil/login)"
PAYLOADS = [LINK, "![EVILIMG](http://e.vil/i.png)", "**EVILBOLD**", "_EVILEM_", "<b>EVILTAG</b>",
            "`[EVILCODE](http://e.vil/x)`", "http://e.vil/auto", ":red[EVILRED]"]
PAYLOAD = " ".join(PAYLOADS)
TEXT_KINDS = ("markdown", "caption", "error", "warning", "info", "success", "title", "subheader")


def rendered(at):
    """The HTML that every markdown-rendering element on the page would produce."""
    html = []
    for kind in TEXT_KINDS:
        for element in getattr(at, kind):
            html.append(RENDER.render(str(element.value)))
    for kind in ("selectbox", "multiselect", "number_input", "text_input", "checkbox", "slider", "radio"):
        for widget in getattr(at, kind):  # widget labels render markdown too
            html.append(RENDER.render(str(widget.label)))
    return "\n".join(html)


def assert_inert(at):
    assert not at.exception
    # Streamlit's frontend links any URL-looking text, escaped or not: none may be visible as one piece.
    visible = " ".join(shown(e.value) for kind in TEXT_KINDS for e in getattr(at, kind))
    assert not re.search(r"(?i)https?://e\.vil|www\.e\.vil", visible), "a URL from user text would be linked"
    html = rendered(at)
    assert "http://e.vil" not in re.findall(r'(?:href|src)="([^"]*)"', html) and 'href="http://e.vil' not in html
    assert "<img" not in html
    for marker in ("EVILBOLD", "EVILEM", "EVILTAG", "EVILLINK", "EVILIMG"):
        assert not re.search(rf"<(strong|em|b|a)[^>]*>[^<]*{marker}", html), marker
    assert not re.search(r"<code>\[EVILCODE", html) or "href" not in html.split("EVILCODE")[1][:40]


@pytest.mark.parametrize("query", [
    {"mo_pipe": f"invert:{LINK}=1;median_filter;{PAYLOAD}"},
    {"cf_model": "formula", "cf_formula": "'`[Click](http://e.vil/x)`'"},
    {"cf_model": "formula", "cf_formula": PAYLOAD},
    {"ht_shape": "table", "ht_table_src": "typed counts", "ht_counts": PAYLOAD},
    {"ip_at": PAYLOAD},
], ids=["mo_pipe", "cf_formula_backtick", "cf_formula", "ht_counts", "ip_at"])
def test_url_text_is_never_rendered_as_markdown(query):
    slug = {"mo": "image_morphology", "cf": "curve_fitting", "ht": "hypothesis_testing", "ip": "interpolation"}
    d = PageDriver(slug[next(iter(query)).split("_")[0]], query=query)
    d.at.run()
    assert_inert(d.at)


@pytest.mark.parametrize("page", ["curve_fitting", "kernel_density", "interpolation", "hypothesis_testing", "spatial",
                                  "linear_algebra"])
def test_uploaded_names_and_cells_are_never_rendered_as_markdown(page):
    # The file name, the column names and a label column all carry the payloads.
    rng = np.random.default_rng(0)
    x = np.linspace(1, 10, 40)
    rows = [f"{a:.3f},{2 * a + rng.normal():.3f},{'[G1](http://e.vil)' if i % 2 else '**G2**'}"
            for i, a in enumerate(x)]
    head = '"[EVILLINK](http://e.vil/col)","**EVILBOLD**","<b>EVILTAG</b>"'
    d = PageDriver(page).run()
    d.upload(("\n".join([head, *rows]) + "\n").encode(), name=f"{LINK} **EVILBOLD**.csv")
    assert_inert(d.at)


def test_distribution_fit_names_and_overlays_are_never_rendered_as_markdown():
    rows = "\n".join(f"{v:.3f}" for v in np.random.default_rng(1).gamma(2.0, 2.0, 60))
    d = PageDriver("distributions", query={"di_tab": "Fit to data"}).run()
    d.upload(('"[EVILLINK](http://e.vil/col)"\n' + rows + "\n").encode(), name=f"{LINK} **EVILBOLD**.csv")
    assert_inert(d.at)
    d = PageDriver("distributions", query={"di_overlays": PAYLOAD}).run()
    assert_inert(d.at)


@pytest.mark.parametrize("query", [
    {"op_fun": "formula", "op_formula": PAYLOAD},
    {"op_constraints": f"x + y <= 1\n{PAYLOAD}"},
    {"op_tab": "Linear programming", "op_lp_production": f"maximize x subject to x <= 1; {PAYLOAD} <= 2"},
    {"op_tab": "Linear programming", "op_lp_infeasible": "maximize EVILBOLD subject to EVILBOLD <= 1; "
                                                          "EVILBOLD >= 2 + _EVILEM_*0"},
], ids=["formula", "constraints", "lp_text", "lp_conflict"])
def test_optimization_formulas_and_problems_are_never_rendered_as_markdown(query):
    """Typed formulas, constraints and problems reach messages (a refused formula, the constraints that
    conflict) only escaped."""
    d = PageDriver("optimization", query=query)
    d.at.run()
    assert_inert(d.at)


@pytest.mark.parametrize("query", [
    {"od_sys": "custom", "od_eqs": f"x' = {PAYLOAD}"},
    {"od_sys": "custom", "od_eqs": "x' = -x", "od_params": PAYLOAD},
    {"od_vanderpol_event": PAYLOAD},
    {"od_tab": "Integrals", "od_qf": PAYLOAD},
    {"od_tab": "Integrals", "od_qf": "1/x", "od_qa": PAYLOAD},
], ids=["equations", "parameters", "event", "integrand", "limit"])
def test_ode_formulas_are_never_rendered_as_markdown(query):
    d = PageDriver("ode", query=query)
    d.at.run()
    assert_inert(d.at)


def test_pasted_documents_are_never_rendered_as_markdown():
    d = PageDriver("linear_algebra", query={"la_tab": "Sparse & svds", "la_sparse": "Term-document",
                                            "la_text": "Paste"}).run()
    d.at.text_area(key="la_text_paste").set_value("\n".join([PAYLOAD] * 6 + ["plain words here twice"] * 3)).run()
    assert_inert(d.at)


def test_image_file_name_is_never_rendered_as_markdown():
    buf = io.BytesIO()
    Image.fromarray((np.indices((40, 40)).sum(0) * 3 % 255).astype(np.uint8)).save(buf, format="PNG")
    d = PageDriver("image_morphology").run()
    d.upload(buf.getvalue(), name=f"{LINK}.png", mime="image/png")
    assert_inert(d.at)


def test_signal_file_name_is_never_rendered_as_markdown():
    buf = io.BytesIO()
    wavfile.write(buf, 8000, (np.sin(np.arange(8000) * 0.3) * 20000).astype(np.int16))
    d = PageDriver("spectrogram").run()
    d.upload(buf.getvalue(), name=f"{LINK}.wav", mime="audio/wav")
    assert_inert(d.at)


def test_the_check_finds_an_unescaped_link():
    # The check itself can fail: an element showing the raw payload is caught.
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(f"import streamlit as st\nst.caption({LINK!r})").run()
    with pytest.raises(AssertionError):
        assert_inert(at)


def test_every_page_is_covered():
    covered = {"image_morphology", "curve_fitting", "hypothesis_testing", "interpolation", "kernel_density", "spatial",
               "distributions", "optimization", "ode", "linear_algebra",
               "spectrogram"}
    assert {p.slug for p in PAGES} <= covered


def test_column_names_in_the_unknowns_and_grid_views_are_never_rendered_as_markdown():
    """Widget labels and captions render markdown: the column names there carry the payloads."""
    x = np.linspace(1, 10, 30)
    head = '"[EVILLINK](http://e.vil/x)","**EVILBOLD**"'
    rows = [f"{a:.3f},{2 * a + 1:.3f}" for a in x]
    d = PageDriver("curve_fitting").run()
    d.upload(("\n".join([head, *rows]) + "\n").encode())
    d.tab("Interpolate unknowns")
    assert "Measured" in " ".join(t.label for t in d.at.text_area) and not d.errors
    assert_inert(d.at)
    grid = [f"{gx},{gy},{gx * gy}" for gx in range(5) for gy in range(4)]
    d = PageDriver("interpolation").run()
    d.upload(("\n".join(['"[EVILLINK](http://e.vil/x)","**EVILBOLD**","z"', *grid]) + "\n").encode())
    d.set("segmented_control", "mode", "2-D grid")
    assert not d.errors
    assert_inert(d.at)
