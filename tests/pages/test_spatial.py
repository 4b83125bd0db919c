"""AppTest flows of the spatial page: every sample and view, a typed query point, bad uploads, a big synthetic set."""

import numpy as np
import pytest

from core.spatial.samples import SAMPLES
from tests.conftest import shown, table_with
from ui.pages import page as page_info

PAGE = page_info("spatial")


@pytest.fixture
def page(driver):
    return driver(PAGE).run()


@pytest.mark.parametrize("key", list(SAMPLES))
@pytest.mark.parametrize("view", ["Neighbours", "Distances", "Geometry"])
def test_every_sample_and_view(driver, key, view):
    d = driver(PAGE)
    d.at.session_state["sa_sample"] = key
    d.run()
    d.tab(view)
    assert not d.errors and not d.at.exception


def test_the_typed_query_point_and_its_neighbours(page):
    page.set("number_input", "q_x", 7.0)
    page.set("number_input", "q_y", 3.0)
    page.set("number_input", "k", 3)
    table = table_with(page.at, "rank")
    assert len(table) == 3 and list(table["rank"].astype(int)) == [1, 2, 3]
    xy = table[["x", "y"]].astype(float).to_numpy()
    dist = table["distance"].astype(float).to_numpy()
    np.testing.assert_allclose(np.hypot(xy[:, 0] - 7, xy[:, 1] - 3), dist, rtol=1e-3)
    assert set(table["label"]) <= {"cluster 2", "outlier"}              # the blob centred at (7, 3)


def test_outliers_are_flagged_on_the_blobs(page):
    flagged = next(m.value for m in page.at.metric if m.label.startswith("outliers"))
    table = table_with(page.at, "score")
    assert int(flagged) == len(table) >= 8 and (table["label"] == "outlier").sum() >= 6   # 8 planted outliers
    assert table["score"].astype(float).is_monotonic_decreasing


def test_geometry_places_a_point_in_a_triangle(page):
    g = page.tab("Geometry")
    weights = table_with(g.at, "barycentric weight")["barycentric weight"].astype(float)
    assert weights.sum() == pytest.approx(1, abs=1e-3) and (weights >= -1e-9).all()
    g.set("number_input", "g_x", 60.0)                                 # far right of the blobs, inside the input's range
    assert next(m.value for m in g.at.metric if m.label == "the point's triangle") == "outside the hull"


def test_a_line_of_points_and_duplicates_say_why(driver):
    d = driver(PAGE)
    d.paste("x,y\n0,0\n1,1\n2,2\n3,3\n4,4")
    d.tab("Geometry")
    assert "on a line" in d.errors
    d = driver(PAGE)
    d.paste("x,y\n0,0\n1,0\n0,1\n0,1\n1,1")
    d.tab("Geometry")
    assert "repeat" in d.errors


def test_missing_coordinates_are_dropped_and_said(driver):
    d = driver(PAGE)
    d.paste("x,y\n0,0\n1,\n0,1\n2,3\nabc,1\n5,5\n3,1")
    assert "row" in d.warnings.lower() and not d.errors


def test_a_big_synthetic_set_uses_the_tree_and_samples_the_drawing(driver):
    d = driver(PAGE)
    d.at.session_state["sa_source"] = "Synthetic"
    d.run()
    d.set("number_input", "syn_n", 200_000)
    assert not d.errors
    assert "random 20,000 of the 200,000" in " ".join(shown(c.value) for c in d.at.caption)
    g = d.tab("Distances")
    assert "random 3,000" in " ".join(shown(c.value) for c in g.at.caption) and not g.errors


def test_a_third_column_gives_the_3d_hull(driver):
    import itertools

    corners = "\n".join(f"{x},{y},{z}" for x, y, z in itertools.product((0, 1), (0, 2), (0, 3)))
    d = driver(PAGE)
    d.paste("x,y,z\n" + corners + "\n0.5,1,1.5")
    d.set("selectbox", "z", "z")
    g = d.tab("Geometry")
    assert not g.errors
    assert float(g.metric("hull volume")) == pytest.approx(6.0) and float(g.metric("hull surface area")) == 22.0
    d = driver(PAGE)
    d.paste("x,y,z\n0,0,0\n1,0,0\n0,1,0\n1,1,0\n0.5,0.5,0")
    d.set("selectbox", "z", "z")
    assert "plane" in d.tab("Geometry").errors
