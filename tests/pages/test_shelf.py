"""The session's data shelf: data loaded on one page is offered on the others, results are sent on as data,
and a shared link that named shelf data says so. Driven through app.py, so one session visits several pages."""

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, shown
from ui.common.shelf import MAX_SHELF_ITEMS, YOUR_DATA
from ui.pages import page as page_info


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("SCIPY_EXPLORER_RAISE", "1")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    return at


def go(at, slug):
    return at.switch_page(f"pages/{slug}.py").run()


def errors(at):
    return " ".join(shown(e.value) for e in at.error)


def test_an_upload_on_one_page_is_offered_on_another(app):
    go(app, "curve_fitting")
    app.session_state["cf_source"] = "Upload"
    app.run()
    rng = np.random.default_rng(0)
    x = np.linspace(0, 10, 40)
    csv = pd.DataFrame({"dose_mg": x, "response": 2 + 3 * x + rng.normal(0, 1, x.size)}).to_csv(index=False)
    app.file_uploader(key="cf_upload").set_value(("measurements.csv", csv.encode(), "text/csv")).run()
    assert not errors(app)
    go(app, "kernel_density")
    app.session_state["kd_source"] = YOUR_DATA
    app.run()
    picker = app.selectbox(key="kd_shelf")
    assert picker.value.startswith("measurements.csv (40 x 2, from curve fitting)")
    assert not errors(app) and app.multiselect(key="kd_cols").value == ["dose_mg"]


def sent(driver, page, key, **state):
    """Click a page's send button (page scripts are driven on their own: AppTest loses button clicks in a
    multipage run); returns the session's shelf, to hand to another AppTest of the same "session"."""
    d = driver(page_info(page))
    for k, v in state.items():
        d.at.session_state[k] = v
    d.run()
    d.at.button(key=key).click().run()
    assert not d.errors and "Sent" in " ".join(shown(c.value) for c in d.at.caption)
    return d.at.session_state["_data_shelf"]


def test_residuals_sent_from_curve_fitting_are_tested_for_a_zero_mean(app, driver):
    shelf = sent(driver, "curve_fitting", "cf_send")
    (item,) = shelf.values()
    assert list(item.table.frame.columns[-2:]) == ["fitted", "residual"]
    np.testing.assert_allclose(item.table.frame["residual"], item.table.frame.iloc[:, 1] - item.table.frame["fitted"])
    app.session_state["_data_shelf"] = shelf
    go(app, "hypothesis_testing")
    app.session_state["ht_source"] = YOUR_DATA
    app.run()
    assert not errors(app) and "residuals" in app.selectbox(key="ht_shelf").value
    assert "t-test" in " ".join(shown(i.value) for i in app.info)     # the residuals' defaults: one-sample t-test
    go(app, "kernel_density")
    app.session_state["kd_source"] = YOUR_DATA
    app.run()
    assert app.multiselect(key="kd_cols").value == ["residual"] and not errors(app)


def test_a_filtered_signal_goes_back_to_the_spectrogram_at_its_rate(driver):
    d = driver(page_info("spectrogram"))
    d.at.session_state["sp_tab"] = "Filter"
    d.run()
    d.at.button(key="sp_send").click().run()
    d.at.session_state["sp_source"] = YOUR_DATA
    d.run()
    assert not d.errors
    assert d.at.number_input(key="sp_fs").value == 16000.0 and d.at.selectbox(key="sp_column").value == "filtered"
    assert "48,000 samples" in " ".join(shown(c.value) for c in d.at.caption)


def test_an_object_table_goes_to_kernel_density(app, driver):
    app.session_state["_data_shelf"] = sent(driver, "image_morphology", "mo_send", mo_tab="Objects")
    go(app, "kernel_density")
    app.session_state["kd_source"] = YOUR_DATA
    app.run()
    assert app.multiselect(key="kd_cols").value == ["area"] and not errors(app)


def test_a_shared_link_naming_shelf_data_says_the_data_is_not_in_the_link():
    at = AppTest.from_file(str(ROOT / "pages/kernel_density.py"), default_timeout=60)
    at.query_params.update({"kd_source": YOUR_DATA, "kd_shelf": "measurements.csv (40 x 2, from curve fitting)"})
    at.run()
    warning = " ".join(shown(w.value) for w in at.warning)
    assert "author's session" in warning and "measurements.csv" in warning
    assert "Nothing here yet" in " ".join(shown(i.value) for i in at.info) and not at.exception


def test_the_shelf_is_bounded():
    def script():
        import numpy as np
        import pandas as pd
        import streamlit as st

        from ui.common.shelf import shelf_items, shelve_frame

        for i in range(20):
            shelve_frame(f"t{i}", pd.DataFrame({"v": np.arange(10.0) + i}), origin="test")
        big = shelve_frame("big", pd.DataFrame({"v": np.zeros(10_000_000)}), origin="test")
        st.write(",".join(item.label for item in shelf_items()))
        st.write(str(big))

    at = AppTest.from_function(script).run()
    labels = at.markdown[0].value.split(",")
    assert len(labels) == MAX_SHELF_ITEMS and labels[0] == "t19" and "t0" not in labels
    assert at.markdown[1].value == "None"                                # 80 MB: refused, the shelf unchanged


def test_a_shared_link_made_with_an_upload_asks_for_the_file():
    at = AppTest.from_file(str(ROOT / "pages/curve_fitting.py"), default_timeout=60)
    at.query_params.update({"cf_source": "Upload", "cf_model": "Hill"})
    at.run()
    assert "uploaded file" in " ".join(shown(w.value) for w in at.warning) and not at.exception
