"""Distances equal scipy's pdist for every metric; bad metric parameters are refused with the reason."""

import numpy as np
import pytest
from scipy.cluster import hierarchy
from scipy.spatial import distance

from core.spatial import METRICS, SpatialError, nearest_pairs, pairwise

RNG = np.random.default_rng(3)
PTS = RNG.normal(size=(60, 2)) * [3.0, 0.5]
BINARY = RNG.integers(0, 2, size=(30, 6)).astype(float)


@pytest.mark.parametrize("metric", [m for m in METRICS if m not in ("hamming", "jaccard")])
def test_equals_pdist(metric):
    d = pairwise(PTS, metric, p=2.5)
    kwargs = {"minkowski": {"p": 2.5}, "mahalanobis": {"VI": np.linalg.inv(np.cov(PTS.T))}}.get(metric, {})
    np.testing.assert_allclose(d.condensed, distance.pdist(PTS, metric, **kwargs), rtol=1e-12)
    ref = hierarchy.leaves_list(hierarchy.linkage(d.condensed, "average"))
    assert np.array_equal(d.order, ref) and sorted(d.order) == list(range(len(PTS)))


@pytest.mark.parametrize("metric", ["hamming", "jaccard"])
def test_binary_metrics(metric):
    np.testing.assert_allclose(pairwise(BINARY, metric).condensed, distance.pdist(BINARY, metric))
    with pytest.raises(SpatialError, match="binary"):
        pairwise(PTS, metric)


def test_refusals():
    with pytest.raises(SpatialError, match="p must be"):
        pairwise(PTS, "minkowski", p=0.5)
    singular = np.column_stack([PTS[:, 0], 2 * PTS[:, 0]])
    with pytest.raises(SpatialError, match="singular"):
        pairwise(singular, "mahalanobis")
    with pytest.raises(SpatialError, match="Unknown metric"):
        pairwise(PTS, "haversine")
    with pytest.raises(Exception, match="work budget"):
        pairwise(RNG.normal(size=(5000, 2)))


def test_nearest_pairs_per_metric_match_brute_force():
    rows = {r["metric"]: r for r in nearest_pairs(PTS, ["euclidean", "cityblock", "cosine", "hamming"])}
    for name, metric in (("Euclidean", "euclidean"), ("city block (L1)", "cityblock"), ("cosine", "cosine")):
        sq = distance.squareform(distance.pdist(PTS, metric))
        np.fill_diagonal(sq, np.inf)
        i, j = np.unravel_index(np.argmin(sq), sq.shape)
        assert {rows[name]["i"], rows[name]["j"]} == {i, j} and rows[name]["distance"] == pytest.approx(sq[i, j])
    assert "binary" in rows["Hamming (binary)"]["note"]
