"""Hulls, triangulations and bounded Voronoi cells against scipy and against geometry computed by hand."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy import spatial

from core.spatial import (SpatialError, check_points, convex_hull, locate, polygon_area, triangulate,
                          voronoi_cells)

BOX = (0.0, 0.0, 1.0, 1.0)


def inside_polygon(point, poly):
    """Point in a convex counter-clockwise polygon (on the edge counts)."""
    edges = np.roll(poly, -1, axis=0) - poly
    rel = point - poly
    return bool(np.all(edges[:, 0] * rel[:, 1] - edges[:, 1] * rel[:, 0] >= -1e-9))


def check_cells(points, bbox=BOX):
    cells = voronoi_cells(points, bbox)
    xmin, ymin, xmax, ymax = bbox
    assert len(cells) == len(points)
    for p, cell in zip(points, cells):
        assert cell.shape[1] == 2 and len(cell) >= 3
        assert (cell >= [xmin, ymin]).all() and (cell <= [xmax, ymax]).all()
        assert inside_polygon(p, cell)
    total = sum(polygon_area(c) for c in cells)
    assert total == pytest.approx((xmax - xmin) * (ymax - ymin), rel=1e-9)
    return cells


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0.01, 0.99), st.floats(0.01, 0.99)), min_size=1, max_size=40, unique=True))
def test_cells_tile_the_box_and_hold_their_points(coords):
    check_cells(np.array(coords))


def test_every_cell_is_its_points_nearest_region():
    rng = np.random.default_rng(4)
    pts = rng.uniform(0.05, 0.95, (200, 2))
    cells = check_cells(pts)
    probes = rng.uniform(0, 1, (2000, 2))
    nearest = spatial.cKDTree(pts).query(probes)[1]
    for probe, owner in zip(probes[:300], nearest[:300]):
        assert inside_polygon(probe, cells[owner])


@pytest.mark.parametrize("pts", [[[0.2, 0.5], [0.8, 0.5]], [[0.1, 0.5], [0.3, 0.5], [0.6, 0.5], [0.9, 0.5]],
                                 [[0.1, 0.1], [0.5, 0.5], [0.9, 0.9]], [[0.5, 0.5]]],
                         ids=["two", "collinear horizontal", "collinear diagonal", "one"])
def test_two_and_collinear_points_get_strips(pts):
    cells = check_cells(np.array(pts))
    if len(pts) == 2:                                                    # the bisector x = 0.5 splits the box
        assert sorted(polygon_area(c) for c in cells) == pytest.approx([0.5, 0.5])


def test_voronoi_refusals():
    with pytest.raises(SpatialError, match="repeat"):
        voronoi_cells([[0.2, 0.2], [0.2, 0.2], [0.5, 0.5]], BOX)
    with pytest.raises(SpatialError, match="inside the box"):
        voronoi_cells([[0.2, 0.2], [1.5, 0.5]], BOX)
    with pytest.raises(SpatialError, match="xmin < xmax"):
        voronoi_cells([[0.2, 0.2]], (1, 0, 0, 1))


def test_hull_in_2d_and_3d():
    square = np.array([[0, 0], [2, 0], [2, 1], [0, 1], [1, 0.5]], float)
    h = convex_hull(square)
    assert h.size == pytest.approx(2.0) and h.boundary == pytest.approx(6.0) and sorted(h.vertices) == [0, 1, 2, 3]
    cube = np.array([[x, y, z] for x in (0, 1) for y in (0, 2) for z in (0, 3)], float)
    h3 = convex_hull(cube)
    assert h3.size == pytest.approx(6.0) and h3.boundary == pytest.approx(2 * (2 + 3 + 6))


@pytest.mark.parametrize("pts, message", [
    ([[0, 0], [1, 1]], "at least 3"), ([[0, 0], [1, 1], [2, 2], [3, 3]], "on a line"),
    ([[0, 0], [1, 0], [0, 1], [0, 1]], "repeat"), ([[0, 0], [1, np.nan], [0, 1]], "missing"),
    ([["a", "b"]], "numbers"),
])
def test_qhull_failures_name_the_cause(pts, message):
    with pytest.raises(SpatialError, match=message):
        convex_hull(pts) if message != "numbers" else check_points(pts)
    if message in ("on a line", "repeat", "at least 3"):
        with pytest.raises(SpatialError, match=message):
            triangulate(pts)


def test_locate_gives_the_triangle_and_weights_that_rebuild_the_point():
    rng = np.random.default_rng(2)
    pts = rng.uniform(0, 1, (50, 2))
    tri = triangulate(pts)
    ref = spatial.Delaunay(pts)
    q = np.array([0.41, 0.57])
    simplex, corners, weights = locate(tri, q)
    assert simplex == int(ref.find_simplex(q)) and np.array_equal(corners, ref.simplices[simplex])
    assert (weights >= 0).all() and weights.sum() == pytest.approx(1)
    np.testing.assert_allclose(weights @ pts[corners], q, atol=1e-12)
    assert locate(tri, [5.0, 5.0])[0] == -1


def test_a_3d_hull_needs_four_points_off_a_plane():
    with pytest.raises(SpatialError, match="at least 4"):
        convex_hull([[0, 0, 0], [1, 0, 0], [0, 1, 0]])
    with pytest.raises(SpatialError, match="plane"):
        convex_hull([[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 0]])
