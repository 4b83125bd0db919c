"""The router and the home page."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui.pages import PAGES

ROOT = Path(__file__).resolve().parents[2]


def test_app_opens_on_home_with_a_link_per_page():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "SciPy Explorer"
    links = [link.proto.page for link in at.page_link]
    assert len(links) == len(PAGES)


def test_pages_folder_holds_only_pages():
    files = sorted(p.name for p in (ROOT / "pages").iterdir() if p.suffix == ".py")
    assert files == sorted({"home.py", *(Path(p.path).name for p in PAGES)})


def test_switch_to_every_page():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    for page in PAGES:
        at.switch_page(page.path).run()
        assert not at.exception, page.path
        assert at.title[0].value == page.title


def test_the_router_warms_every_capability_in_the_background():
    import sys

    from ui.common.warm import WARMED, warm_up
    from ui.pages import PAGES

    thread = warm_up()
    thread.join(120)
    assert WARMED.is_set() and not thread.is_alive() and thread.name == "warm-imports" and thread.daemon
    assert all(f"core.{p.capability}" in sys.modules and f"ui.{p.capability}.cache" in sys.modules for p in PAGES)
