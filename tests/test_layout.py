"""The house rules, checked: one package per capability, thin pages, ui files that serve one capability.

These read the source as text (imports), so a new page that breaks a rule fails here with the file named.
"""

import ast
import re
from pathlib import Path

import pytest

from ui.pages import PAGES

ROOT = Path(__file__).resolve().parents[1]
CAPABILITIES = sorted({p.capability for p in PAGES})
SHARED = "common"


def imports(path):
    """Every module name `path` imports (absolute imports, at any depth)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return names


def capabilities_used(path, package):
    """The capability packages under `package` ("core" or "ui") that `path` imports."""
    found = set()
    for name in imports(path):
        parts = name.split(".")
        if parts[0] == package and len(parts) > 1 and parts[1] in CAPABILITIES:
            found.add(parts[1])
    return found


def test_core_and_ui_have_one_package_per_capability_and_one_shared():
    for package in ("core", "ui"):
        folders = {p.name for p in (ROOT / package).iterdir() if p.is_dir() and not p.name.startswith("_")}
        assert set(CAPABILITIES) | {SHARED} <= folders, package
        flat = [p.name for p in (ROOT / package).glob("*.py") if p.name not in ("__init__.py", "pages.py")]
        assert not flat, f"{package}/ keeps modules in packages, found {flat}"


def test_core_never_imports_streamlit():
    for path in (ROOT / "core").rglob("*.py"):
        assert not any(n.split(".")[0] == "streamlit" for n in imports(path)), path


@pytest.mark.parametrize("package", ["core", "ui"])
def test_shared_package_imports_no_capability(package):
    for path in (ROOT / package / SHARED).rglob("*.py"):
        assert not capabilities_used(path, "core") and not capabilities_used(path, "ui"), path


def test_no_ui_file_imports_more_than_one_capability():
    for path in (ROOT / "ui").rglob("*.py"):
        used = capabilities_used(path, "core") | capabilities_used(path, "ui")
        assert len(used) <= 1, (path, used)
        if path.parent.name in CAPABILITIES:
            assert used <= {path.parent.name}, (path, used)


def test_a_capability_imports_no_other_capability():
    for capability in CAPABILITIES:
        for path in (ROOT / "core" / capability).rglob("*.py"):
            assert capabilities_used(path, "core") <= {capability}, path


@pytest.mark.parametrize("page", PAGES, ids=[p.slug for p in PAGES])
def test_page_is_thin_and_uses_its_own_packages(page):
    path = ROOT / page.path
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 200, path
    used = capabilities_used(path, "core") | capabilities_used(path, "ui")
    assert used == {page.capability}, used
    assert (ROOT / "core" / page.capability / "__init__.py").is_file()
    assert (ROOT / "core" / page.capability / "samples" / "README.md").is_file()
    assert page.help_file.is_file()
    assert re.search(rf'page_setup\("{page.slug}"', path.read_text(encoding="utf-8")), "the page names its slug"


def test_widgets_are_bound_through_the_one_helper():
    # The URL is kept by Streamlit (bind="query-params" via ui.common.url.bound); no hand-written seeding.
    for path in [*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bseed\(|\bsync_url\(", text), path


def test_figures_draw_in_svg_not_webgl():
    # Traces are decimated to a few thousand points, which SVG draws quickly; every WebGL trace costs the browser a
    # context (about 0.3 s per changed chart in software-rendered Chromium, and browsers cap live contexts at ~16).
    for path in [*(ROOT / "core").rglob("*.py"), *(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").glob("*.py")]:
        assert not re.search(r"Scattergl|scattergl|render_mode=.webgl", path.read_text(encoding="utf-8")), path
