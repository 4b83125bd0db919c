"""panel_tabs: only the open tab's panel runs, its error is a message (no export), its script is exported."""

from streamlit.testing.v1 import AppTest


def _page():
    import streamlit as st

    from core.common import ExplorerError
    from ui.common.frame import panel_tabs

    def good(prefix):
        st.write(f"good ran with {prefix}")
        return "print(1)\n"

    def bad(prefix):
        raise ExplorerError("the bad panel refuses")

    def never(prefix):
        raise AssertionError("a closed tab ran")

    panel_tabs({"Good": ("the good one", good), "Bad": ("the bad one", bad), "Never": ("never", never)}, "zz",
               file_name="z.py")


def test_the_open_tab_runs_and_exports_its_script():
    at = AppTest.from_function(_page)
    at.run()
    assert not at.exception and not at.error
    assert any("good ran with zz" in m.value for m in at.markdown)
    assert [e.label for e in at.expander] == ["Reproduce in Python"]


def test_an_error_in_the_open_tab_is_a_message_and_nothing_is_exported():
    at = AppTest.from_function(_page)
    at.session_state["zz_tab"] = "Bad"
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["the bad panel refuses"]
    assert not any("good ran" in m.value for m in at.markdown)
    assert [e.label for e in at.expander] == []
