"""URL state: values come from the URL once, are checked and clamped, and are written back."""

from streamlit.testing.v1 import AppTest


def app():
    import streamlit as st
    from ui.state import seed, sync_url

    seed("t_n", 5, lo=1, hi=10)
    st.number_input("n", min_value=1, max_value=10, key="t_n")
    seed("t_choice", "a", options=["a", "b"])
    st.selectbox("choice", ["a", "b"], key="t_choice")
    seed("t_cols", ["x"], options=["x", "y", "z"])
    st.multiselect("cols", ["x", "y", "z"], key="t_cols")
    seed("t_opt", None)
    st.number_input("opt", value=None, key="t_opt")
    seed("t_flag", False)
    st.checkbox("flag", key="t_flag")
    seed("t_range", (0.0, 3.0))
    st.slider("range", 0.0, 3.0, key="t_range")
    sync_url("t_")


def run(query):
    at = AppTest.from_function(app)
    at.query_params.update(query)
    at.run()
    assert not at.exception
    return at


def test_url_values_restore():
    at = run({"t_n": "7", "t_choice": "b", "t_cols": "y,z", "t_opt": "2.5", "t_flag": "true"})
    assert at.number_input(key="t_n").value == 7
    assert at.selectbox(key="t_choice").value == "b"
    assert at.multiselect(key="t_cols").value == ["y", "z"]
    assert at.number_input(key="t_opt").value == 2.5
    assert at.checkbox(key="t_flag").value is True


def test_url_cannot_get_past_bounds_or_options():
    at = run({"t_n": "1e9", "t_choice": "evil", "t_cols": "x,../../etc", "t_opt": "nan", "t_flag": "maybe"})
    assert at.number_input(key="t_n").value == 10
    assert at.selectbox(key="t_choice").value == "a"
    assert at.multiselect(key="t_cols").value == ["x"]
    assert at.number_input(key="t_opt").value is None
    assert at.checkbox(key="t_flag").value is False


def test_widget_changes_are_written_to_the_url():
    at = run({})
    at.selectbox(key="t_choice").set_value("b").run()
    assert at.query_params["t_choice"] in ("b", ["b"])


def test_range_sliders_round_trip_and_are_clamped():
    at = run({"t_range": "0.5,2.25"})
    assert at.slider(key="t_range").value == (0.5, 2.25)
    at.slider(key="t_range").set_value((1.0, 2.0)).run()
    assert at.query_params["t_range"] in ("1.0,2.0", ["1.0,2.0"])
    for bad in ("9,99", "2,1", "a,b", "nan,1", "1"):
        value = run({"t_range": bad}).slider(key="t_range").value
        assert 0.0 <= value[0] <= value[1] <= 3.0, bad
