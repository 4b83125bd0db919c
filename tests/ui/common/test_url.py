"""URL state: widgets are bound by Streamlit (bind="query-params"); ui.common.url adds old-link translation,
forgetting on new data, and non-widget values. Invalid URL values never reach the page."""

from streamlit.testing.v1 import AppTest


def app():
    import streamlit as st
    from ui.common.url import bound, forget

    if st.session_state.get("_forget"):
        st.session_state["_forget"] = False
        forget("t_", keep={"t_choice"})
    bound(st.number_input, "n", min_value=1, max_value=10, value=5, key="t_n")
    bound(st.selectbox, "choice", ["a", "b"], key="t_choice")
    bound(st.selectbox, "level", [0.9, 0.95, 0.99], index=1, key="t_level", format_func=lambda v: f"{v:.0%}")
    bound(st.multiselect, "cols", ["x", "y", "z"], default=["x"], key="t_cols")
    bound(st.multiselect, "labelled", ["a", "b"], key="t_lab", format_func={"a": "one, two", "b": "three"}.get)
    bound(st.number_input, "opt", value=None, key="t_opt")
    bound(st.checkbox, "flag", key="t_flag")
    bound(st.slider, "range", 0.0, 3.0, (0.0, 3.0), key="t_range")


def run(query):
    at = AppTest.from_function(app)
    at.query_params.update(query)
    at.run()
    assert not at.exception
    return at


def test_url_values_restore():
    at = run({"t_n": "7", "t_choice": "b", "t_cols": ["y", "z"], "t_opt": "2.5", "t_flag": "true",
              "t_level": "99%"})
    assert at.number_input(key="t_n").value == 7
    assert at.selectbox(key="t_choice").value == "b"
    assert at.selectbox(key="t_level").value == 0.99
    assert at.multiselect(key="t_cols").value == ["y", "z"]
    assert at.number_input(key="t_opt").value == 2.5
    assert at.checkbox(key="t_flag").value is True


def test_links_written_before_the_binding_still_open_the_same_view():
    # The old URL code wrote option keys, "a,b" lists and ranges, and Python's str(True).
    at = run({"t_cols": "y,z", "t_level": "0.99", "t_flag": "True", "t_range": "0.5,2.25"})
    assert at.multiselect(key="t_cols").value == ["y", "z"]
    assert at.selectbox(key="t_level").value == 0.99
    assert at.checkbox(key="t_flag").value is True
    assert at.slider(key="t_range").value == (0.5, 2.25)


def test_a_label_with_a_comma_is_not_split_as_an_old_list():
    assert run({"t_lab": "one, two"}).multiselect(key="t_lab").value == ["a"]
    assert run({"t_lab": "a,b"}).multiselect(key="t_lab").value == ["a", "b"]


def test_url_cannot_get_past_bounds_or_options():
    at = run({"t_n": "1e9", "t_choice": "evil", "t_cols": "x,../../etc", "t_opt": "nan", "t_flag": "maybe",
              "t_level": "<script>"})
    assert at.number_input(key="t_n").value == 5  # out of range: the default, not a clamped value
    assert at.selectbox(key="t_choice").value == "a"
    assert at.selectbox(key="t_level").value == 0.95
    assert at.multiselect(key="t_cols").value == ["x"]
    assert at.number_input(key="t_opt").value is None
    assert at.checkbox(key="t_flag").value is False


def test_infinite_numbers_do_not_crash_integer_widgets():
    # Streamlit 1.67 alone raises OverflowError here and the page shows an exception.
    for bad in ("1e309", "inf", "-inf", "nan"):
        at = run({"t_n": bad, "t_range": [bad, "2"]})
        assert at.number_input(key="t_n").value == 5, bad
        assert at.slider(key="t_range").value == (0.0, 3.0), bad


def test_range_sliders_round_trip_and_reject_bad_values():
    at = run({"t_range": ["0.5", "2.25"]})
    assert at.slider(key="t_range").value == (0.5, 2.25)
    for bad in ("9,99", "2,1", "a,b", "nan,1", "1"):
        value = run({"t_range": bad}).slider(key="t_range").value
        assert 0.0 <= value[0] <= value[1] <= 3.0, bad


def test_forget_clears_the_session_and_the_url_but_keeps_what_it_is_told_to():
    at = run({"t_n": "7", "t_choice": "b"})
    at.session_state["_forget"] = True
    at.run()
    assert at.number_input(key="t_n").value == 5
    assert at.selectbox(key="t_choice").value == "b"
    assert "t_n" not in at.query_params
    at.run()  # and the old value does not come back from the URL on the next run
    assert at.number_input(key="t_n").value == 5


def hiding_app():
    import streamlit as st
    from ui.common.url import bound

    if bound(st.checkbox, "show", value=True, key="h_show"):
        bound(st.number_input, "n", 1, 10, 5, key="h_n")


def test_a_hidden_widget_keeps_its_value_through_the_url():
    # No persist_state needed: a bound widget that is not drawn keeps its value (in the URL, in a browser).
    # An unbound widget would come back with its default (5).
    at = AppTest.from_function(hiding_app).run()
    at.number_input(key="h_n").set_value(7).run()
    at.checkbox(key="h_show").set_value(False).run()
    at.checkbox(key="h_show").set_value(True).run()
    assert at.number_input(key="h_n").value == 7


def data_bounds_app():
    import streamlit as st
    from ui.common.url import bound

    fs = st.session_state.get("_fs", 1000.0)
    bound(st.number_input, "cut-off", 0.0, fs, 30.0, key="b_fc")  # a default above a tiny rate's bound
    bound(st.slider, "range", fs, fs / 2, (0.0, fs), key="b_range")  # bounds that came out inverted


def test_bounds_that_follow_the_data_never_break_the_widget():
    for fs in (1000.0, 1.0, 1e-6):
        at = AppTest.from_function(data_bounds_app)
        at.session_state["_fs"] = fs
        at.run()
        assert not at.exception, fs
        assert 0.0 <= at.number_input(key="b_fc").value <= fs


def shrinking():
    import streamlit as st
    from ui.common.url import bound

    top = st.session_state.get("_top", 50)
    bound(st.slider, "step", 0, top, top, key="t_step")
    bound(st.slider, "window", 0.0, float(top), (0.0, float(top)), key="t_window")


def test_a_held_value_outside_bounds_that_moved_is_brought_inside():
    """A replay slider at 40 whose path shrinks to 2 steps: Streamlit would raise; the value moves to 2."""
    at = AppTest.from_function(shrinking).run()
    at.slider(key="t_step").set_value(40).run()
    at.slider(key="t_window").set_value((10.0, 45.0)).run()
    at.session_state["_top"] = 2
    at.run()
    assert not at.exception
    assert at.slider(key="t_step").value == 2 and at.slider(key="t_window").value == (2.0, 2.0)


def clicks():
    import streamlit as st
    from ui.common.text import new_click

    seen = st.session_state.setdefault("_seen", [])
    clicked = new_click("t_chart")
    if clicked is not None:
        seen.append(clicked)


def test_a_chart_click_acts_once():
    """The selection stays in the chart's state: the same click on a later rerun is not new, another one is."""
    at = AppTest.from_function(clicks)
    at.session_state["t_chart"] = {"selection": {"points": [{"x": 1.5, "y": 2}]}}
    at.run()
    at.run()
    at.session_state["t_chart"] = {"selection": {"points": [{"x": 3, "y": "nan"}]}}
    at.run()
    at.session_state["t_chart"] = {"selection": {"points": [{"x": 3, "y": 4}]}}
    at.run()
    assert not at.exception and at.session_state["_seen"] == [(1.5, 2.0), (3.0, 4.0)]
