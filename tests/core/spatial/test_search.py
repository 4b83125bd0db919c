"""KD-tree queries equal scipy's and brute force; outliers; the timing table."""

import numpy as np
import pytest
from scipy import spatial

from core.spatial import MAX_K, SpatialError, knn, outliers, query_timing, within_radius

RNG = np.random.default_rng(7)
PTS = RNG.normal(size=(3000, 2))


@pytest.mark.parametrize("k", [1, 3, 17])
def test_knn_equals_kdtree_query_and_brute_force(k):
    q = RNG.normal(size=(40, 2))
    d, i = knn(PTS, q, k)
    rd, ri = spatial.KDTree(PTS).query(q, k)
    assert np.array_equal(d, rd) and np.array_equal(i, ri)
    brute = np.sort(spatial.distance.cdist(q, PTS), axis=1)[:, :k]
    np.testing.assert_allclose(np.reshape(d, brute.shape), brute, rtol=1e-12)


def test_radius_query_equals_brute_force_and_is_capped(monkeypatch):
    q = np.array([0.1, -0.2])
    hits, dist = within_radius(PTS, q, 0.5)
    brute = np.flatnonzero(np.linalg.norm(PTS - q, axis=1) <= 0.5)
    assert sorted(hits) == sorted(brute) and np.all(np.diff(dist) >= 0)
    monkeypatch.setattr("core.spatial.search.MAX_RADIUS_HITS", 100)
    with pytest.raises(SpatialError, match="over the 100"):
        within_radius(PTS, q, 100.0)


def test_outlier_scores_are_the_kth_other_neighbour():
    pts = np.vstack([RNG.normal(size=(300, 2)), [[20.0, 20.0], [-15.0, 18.0]]])
    out = outliers(pts, k=4, quantile=0.99)
    d = np.sort(spatial.distance.cdist(pts, pts), axis=1)[:, 4]           # column 0 is the point itself
    np.testing.assert_allclose(out.score, d, rtol=1e-12)
    assert set(out.flagged[:2]) == {300, 301} and out.score[out.flagged[0]] >= out.score[out.flagged[-1]]


@pytest.mark.parametrize("k, message", [(0, "from 1"), (MAX_K + 1, "from 1"), (50, "more than"), (2.5, "whole")])
def test_bad_k(k, message):
    with pytest.raises(SpatialError, match=message):
        knn(PTS[:10], [[0, 0]], k)


def test_timing_rows_agree_with_brute_force():
    rows = query_timing(PTS, queries=200, sizes=(100, 1000, 3000, 10**6))
    assert [r["n"] for r in rows] == [100, 1000, 3000] and all(r["same"] == "yes" for r in rows)
    assert all(r["kdtree_s"] > 0 and r["brute_s"] > 0 for r in rows)


def test_coordinates_too_large_to_square_are_refused():
    with pytest.raises(SpatialError, match="overflow"):
        within_radius(PTS, [1.3e154, 0.0], 1.0)
