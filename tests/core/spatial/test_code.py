"""The spatial page's exported scripts print the numbers core computes."""

import numpy as np
import pytest

from core.spatial import convex_hull, knn, outliers, pairwise, polygon_area, spatial_script, triangulate, voronoi_cells

PTS = np.random.default_rng(9).uniform(0, 10, (120, 2))


def test_neighbours_script(run_script):
    settings = {"query": [4.2, 5.1], "k": 3, "radius": 1.5, "outlier_k": 4, "threshold": 1.2}
    printed = run_script(spatial_script(PTS, "Neighbours", settings)[0])
    d, i = knn(PTS, [[4.2, 5.1]], 3)
    assert [printed[f"neighbour_{r}_distance"] for r in (1, 2, 3)] == pytest.approx(list(d[0]))
    assert printed["outliers"] == int(np.sum(outliers(PTS, 4, threshold=1.2).score > 1.2))


@pytest.mark.parametrize("metric", ["euclidean", "minkowski", "mahalanobis"])
def test_distances_script(run_script, metric):
    printed = run_script(spatial_script(PTS, "Distances", {"metric": metric, "p": 3.0})[0])
    d = pairwise(PTS, metric, p=3.0)
    assert printed["nearest_pair_distance"] == pytest.approx(d.condensed.min(), rel=1e-12)
    assert printed["mean_distance"] == pytest.approx(d.condensed.mean(), rel=1e-12)


def test_geometry_script(run_script):
    bbox = [-1.0, -1.0, 11.0, 11.0]
    printed = run_script(spatial_script(PTS, "Geometry", {"query": [5.0, 5.0], "bbox": bbox})[0])
    hull = convex_hull(PTS)
    assert printed["hull_area"] == pytest.approx(hull.size) and printed["hull_perimeter"] == pytest.approx(hull.boundary)
    assert printed["triangles"] == triangulate(PTS).n_simplices
    areas = [polygon_area(c) for c in voronoi_cells(PTS, bbox)]
    assert printed["voronoi_area_total"] == pytest.approx(144.0) == pytest.approx(sum(areas))
    assert printed["voronoi_area_largest"] == pytest.approx(max(areas))
