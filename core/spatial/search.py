"""Nearest-neighbour search with ``scipy.spatial.KDTree``: k nearest and within a radius, outlier scores from
the k-th neighbour's distance, and the query time against brute force (``cdist``).

A KD-tree splits space in half along one coordinate at a time; a query descends to the query point's leaf, then
visits a neighbouring box only when the box could hold something nearer than the best found so far. Most boxes
are never opened, so a query costs about log n instead of n distance computations (in few dimensions).
"""

import time
from dataclasses import dataclass

import numpy as np
from scipy import spatial

from core.spatial.geometry import SpatialError, check_points

__all__ = ["MAX_K", "MAX_RADIUS_HITS", "BRUTE_FORCE_PAIRS", "knn", "within_radius", "Outliers", "outliers",
           "query_timing"]

MAX_K = 100
#: Points a radius query may return in total (the answer is a list of indices).
MAX_RADIUS_HITS = 2_000_000
#: Distance pairs a brute-force comparison may compute (1,000 queries x n points).
BRUTE_FORCE_PAIRS = 2e8


def _k(k, n):
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= MAX_K:
        raise SpatialError(f"k must be a whole number from 1 to {MAX_K}, got {k!r}.")
    if k > n:
        raise SpatialError(f"k = {k} is more than the {n:,} points there are.")
    return int(k)


def knn(points, queries, k, *, tree=None):
    """``(distances, indices)``, equal to ``scipy.spatial.KDTree(points).query(queries, k)``; `tree` (that
    KDTree, built once) saves the build."""
    p = check_points(points)
    q = check_points(queries, dims=(p.shape[1],), what="query points")
    k = _k(k, p.shape[0])
    return (tree or spatial.KDTree(p)).query(q, k)


def within_radius(points, query, r, *, tree=None):
    """Indices of the points within distance `r` of `query` (sorted by distance), via
    ``KDTree.query_ball_point``; counted first (``return_length``) and refused above MAX_RADIUS_HITS."""
    p = check_points(points)
    q = check_points(np.atleast_2d(query), dims=(p.shape[1],), what="query point")
    r = float(r)
    if not (np.isfinite(r) and r >= 0):
        raise SpatialError(f"The radius must be a finite number >= 0, got {r}.")
    tree = tree or spatial.KDTree(p)
    count = int(tree.query_ball_point(q[0], r, return_length=True))
    if count > MAX_RADIUS_HITS:
        raise SpatialError(f"{count:,} points lie within r = {r:g}: over the {MAX_RADIUS_HITS:,} a query may "
                           "return. Use a smaller radius or k nearest.")
    hits = np.asarray(tree.query_ball_point(q[0], r), dtype=int)
    d = np.linalg.norm(p[hits] - q[0], axis=1)
    order = np.argsort(d, kind="stable")
    return hits[order], d[order]


@dataclass(frozen=True)
class Outliers:
    """Each point's distance to its k-th nearest other point; flagged above `threshold`."""

    k: int
    score: np.ndarray
    threshold: float
    flagged: np.ndarray     # indices, the largest score first


def outliers(points, k=5, *, quantile=0.99, threshold=None, tree=None):
    """Outlier scores: the distance from each point to its k-th nearest other point (the point itself not
    counted). Points whose score is above `threshold` (by default the score's `quantile`) are flagged."""
    p = check_points(points)
    k = _k(k, p.shape[0] - 1)
    distances, _ = (tree or spatial.KDTree(p)).query(p, k + 1)
    score = distances[:, k]
    if threshold is None:
        if not 0 < quantile < 1:
            raise SpatialError(f"The quantile must lie between 0 and 1, got {quantile}.")
        threshold = float(np.quantile(score, quantile))
    flagged = np.flatnonzero(score > threshold)
    flagged = flagged[np.argsort(-score[flagged], kind="stable")]
    return Outliers(k, score, float(threshold), flagged)


def query_timing(points, *, queries=1000, k=1, sizes=(1_000, 10_000, 100_000, 1_000_000), rng=0):
    """Rows ``{n, build_s, kdtree_s, brute_s, speed-up, same}``: build a KDTree on the first n points, answer
    `queries` random queries, and the same by brute force (``cdist`` then argmin) where it fits the budget;
    ``same`` says the nearest neighbours agree. Sizes beyond the data are left out."""
    p = check_points(points)
    gen = np.random.default_rng(rng)
    lo, hi = p.min(axis=0), p.max(axis=0)
    q = gen.uniform(lo, hi, size=(int(queries), p.shape[1]))
    rows = []
    for n in sorted({min(int(s), p.shape[0]) for s in sizes}):
        sub = p[:n]
        t0 = time.perf_counter()
        tree = spatial.KDTree(sub)
        t1 = time.perf_counter()
        d_tree, i_tree = tree.query(q, k)
        t2 = time.perf_counter()
        row = {"n": n, "build_s": t1 - t0, "kdtree_s": t2 - t1, "brute_s": np.nan, "speed-up": np.nan, "same": ""}
        if n * q.shape[0] <= BRUTE_FORCE_PAIRS:
            t3 = time.perf_counter()
            d = spatial.distance.cdist(q, sub)
            nearest = np.argpartition(d, k - 1, axis=1)[:, :k] if k > 1 else np.argmin(d, axis=1)
            t4 = time.perf_counter()
            row["brute_s"] = t4 - t3
            row["speed-up"] = (t4 - t3) / max(t2 - t1, 1e-9)
            if k == 1:
                row["same"] = "yes" if np.allclose(d[np.arange(q.shape[0]), nearest], d_tree) else "no"
        rows.append(row)
    return rows

