"""Pairwise distances with ``scipy.spatial.distance``: many metrics side by side, a heatmap in the order of a
hierarchical clustering, and each metric's nearest pair.

Euclidean distance measures how far apart two points are; cosine distance only the angle between them as
vectors from the origin (two points on one ray are at cosine distance 0 however far apart), and correlation the
angle after each point's coordinates are centred. Mahalanobis distance first undoes the data's covariance, so a
step along a direction in which the data vary a lot counts for less.
"""

from dataclasses import dataclass

import numpy as np
from scipy.cluster import hierarchy
from scipy.spatial import distance

from core.common.budget import check_budget
from core.spatial.geometry import SpatialError, check_points

__all__ = ["METRICS", "BINARY_METRICS", "MAX_PDIST_POINTS", "Distances", "pairwise", "nearest_pairs",
           "metric_kwargs"]

METRICS = {"euclidean": "Euclidean", "sqeuclidean": "squared Euclidean", "cityblock": "city block (L1)",
           "chebyshev": "Chebyshev (L∞)", "minkowski": "Minkowski (p)", "cosine": "cosine",
           "correlation": "correlation", "mahalanobis": "Mahalanobis", "hamming": "Hamming (binary)",
           "jaccard": "Jaccard (binary)"}
BINARY_METRICS = ("hamming", "jaccard")
#: Points for the full distance matrix: n(n-1)/2 distances and an n x n heatmap.
MAX_PDIST_POINTS = 3000
_PAIRS_BUDGET = MAX_PDIST_POINTS * (MAX_PDIST_POINTS - 1) / 2


def metric_kwargs(metric, points, *, p=3.0):
    """The extra arguments a metric takes: ``p`` for Minkowski, ``VI`` (the inverse covariance) for Mahalanobis;
    SpatialError for a metric that cannot be used on these points (a singular covariance, non-binary data)."""
    if metric not in METRICS:
        raise SpatialError(f"Unknown metric {metric!r}; choose one of {', '.join(METRICS)}.")
    if metric == "minkowski":
        p = float(p)
        if not (np.isfinite(p) and p >= 1):
            raise SpatialError(f"Minkowski's p must be a number >= 1 (below 1 it is not a distance), got {p}.")
        return {"p": p}
    if metric == "mahalanobis":
        if points.shape[0] <= points.shape[1]:
            raise SpatialError("Mahalanobis distance needs more points than coordinates to estimate a covariance.")
        cov = np.cov(points, rowvar=False)
        if np.linalg.cond(cov) > 1e12:
            raise SpatialError("The covariance of the coordinates is singular (one is a combination of the others, "
                               "or constant): Mahalanobis distance is undefined. Drop a coordinate.")
        return {"VI": np.linalg.inv(cov)}
    if metric in BINARY_METRICS and not np.isin(points, (0.0, 1.0)).all():
        raise SpatialError(f"{METRICS[metric]} distance is for binary (0/1) columns; these have other values.")
    return {}


@dataclass(frozen=True)
class Distances:
    metric: str
    condensed: np.ndarray        # pdist's n(n-1)/2 distances
    order: np.ndarray            # the leaves of an average-linkage clustering (similar points together)
    kwargs: dict

    def square(self):
        return distance.squareform(self.condensed)


def pairwise(points, metric="euclidean", *, p=3.0):
    """``scipy.spatial.distance.pdist(points, metric, **kwargs)`` and the order of the leaves of an
    average-linkage clustering on those distances (``hierarchy.leaves_list``), for the heatmap."""
    pts = check_points(points, dims=tuple(range(1, 33)))
    n = pts.shape[0]
    check_budget(n * (n - 1) / 2, _PAIRS_BUDGET, what=f"The distances between {n:,} points",
                 reduce=f"take at most {MAX_PDIST_POINTS:,} points (a sample)")
    if n < 2:
        raise SpatialError("Distances need at least two points.")
    kwargs = metric_kwargs(metric, pts, p=p)
    with np.errstate(all="ignore"):
        d = distance.pdist(pts, metric, **kwargs)
    if not np.isfinite(d).all():
        raise SpatialError(f"{METRICS[metric]} distance is undefined for some pairs here (a point at the origin for "
                           "cosine, or one whose coordinates are all equal for correlation).")
    order = hierarchy.leaves_list(hierarchy.linkage(d, method="average")) if n > 2 else np.arange(n)
    return Distances(metric, d, order, kwargs)


def nearest_pairs(points, metrics, *, p=3.0):
    """For each metric, the closest pair of points and its distance: rows ``{metric, i, j, distance}``, so the
    metrics can be compared (they often disagree). Metrics that do not apply say why."""
    pts = check_points(points, dims=tuple(range(1, 33)))
    rows = []
    for metric in metrics:
        try:
            d = pairwise(pts, metric, p=p)
        except SpatialError as exc:
            rows.append({"metric": METRICS.get(metric, metric), "i": -1, "j": -1, "distance": np.nan,
                         "note": str(exc)})
            continue
        k = int(np.argmin(d.condensed))
        i, j = _pair(k, pts.shape[0])
        rows.append({"metric": METRICS[metric], "i": i, "j": j, "distance": float(d.condensed[k]), "note": ""})
    return rows


def _pair(k, n):
    """The (i, j), i < j, of position k in pdist's condensed order."""
    i = int(n - 2 - np.floor(np.sqrt(-8 * k + 4 * n * (n - 1) - 7) / 2.0 - 0.5))
    j = int(k + i + 1 - n * (n - 1) // 2 + (n - i) * ((n - i) - 1) // 2)
    return i, j
