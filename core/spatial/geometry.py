"""Points and their geometry with scipy.spatial: checked point sets, the convex hull, the Delaunay triangulation
(with the simplex and barycentric coordinates of a placed point) and Voronoi cells clipped to a box.

Delaunay is the dual of Voronoi: two points share a Voronoi edge exactly when they share a Delaunay edge. The
convex hull is the boundary of the triangulation. Qhull computes all three; its failures (too few points,
points on a line, duplicates) become messages that name the cause.
"""

import itertools
from dataclasses import dataclass

import numpy as np
from scipy import spatial

from core.common.errors import DataError

__all__ = ["MAX_POINTS", "MAX_GEOMETRY_POINTS", "check_points", "Hull", "convex_hull", "Triangulation",
           "triangulate", "locate", "voronoi_cells", "polygon_area", "SpatialError"]

#: Points accepted for the search views (KD-tree) and for the geometry (Qhull) views.
MAX_POINTS = 1_000_000
MAX_GEOMETRY_POINTS = 200_000
#: Largest coordinate magnitude: squared distances must stay finite.
MAX_MAGNITUDE = 1e150


class SpatialError(DataError):
    """Points that a spatial structure cannot be built from; the message names the cause."""


def check_points(points, *, dims=(2, 3), max_points=MAX_POINTS, what="points"):
    """`points` as a float (n, d) array, or a SpatialError: numbers only, finite, d in `dims`, n bounded."""
    try:
        p = np.asarray(points, dtype=float)
    except (TypeError, ValueError):
        raise SpatialError(f"The {what} must be numbers.") from None
    if p.ndim != 2 or p.shape[1] not in dims:
        raise SpatialError(f"The {what} need {' or '.join(map(str, dims))} coordinate columns; got shape "
                           f"{p.shape}.")
    if p.shape[0] > max_points:
        raise SpatialError(f"{p.shape[0]:,} {what} are over the {max_points:,} this view takes.")
    if not np.isfinite(p).all():
        bad = int((~np.isfinite(p)).any(axis=1).sum())
        raise SpatialError(f"{bad:,} of the {what} have a missing or infinite coordinate.")
    if p.size and np.abs(p).max() > MAX_MAGNITUDE:
        raise SpatialError(f"Coordinates beyond ±{MAX_MAGNITUDE:.0e} cannot be squared without overflow; rescale "
                           f"the {what}.")
    return p


def _qhull_ready(p, need, structure):
    """Say why Qhull would fail, before it does: too few points, duplicates, all on a line (or a plane)."""
    n, d = p.shape
    if n < need:
        raise SpatialError(f"A {structure} in {d}-D needs at least {need} points; there are {n}.")
    unique = np.unique(p, axis=0)
    if unique.shape[0] < n:
        raise SpatialError(f"{n - unique.shape[0]:,} point(s) repeat another exactly: a {structure} needs distinct "
                           "points. Remove the duplicates (or add a little jitter).")
    centred = p - p.mean(axis=0)
    s = np.linalg.svd(centred[:: max(1, n // 20_000)], compute_uv=False)
    if s[-1] <= 1e-12 * s[0]:
        shape = "a line" if d == 2 else "a plane (or a line)"
        raise SpatialError(f"All points lie on {shape}: a {structure} needs points that span "
                           f"{'an area' if d == 2 else 'a volume'}.")


def _qhull(call, structure):
    try:
        return call()
    except spatial.QhullError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "Qhull failed"
        raise SpatialError(f"Qhull could not build the {structure}: {first}") from None


@dataclass(frozen=True)
class Hull:
    """A convex hull: in 2-D its area and perimeter; in 3-D its volume and surface area."""

    vertices: np.ndarray   # indices of the points on the hull (counter-clockwise in 2-D)
    simplices: np.ndarray
    size: float            # area (2-D) or volume (3-D)
    boundary: float        # perimeter (2-D) or surface area (3-D)
    dims: int


def convex_hull(points):
    """``scipy.spatial.ConvexHull`` with the 2-D naming made plain (its ``volume`` is an area and its ``area`` a
    perimeter in 2-D)."""
    p = check_points(points, max_points=MAX_GEOMETRY_POINTS)
    _qhull_ready(p, p.shape[1] + 1, "convex hull")
    hull = _qhull(lambda: spatial.ConvexHull(p), "convex hull")
    return Hull(hull.vertices, hull.simplices, float(hull.volume), float(hull.area), p.shape[1])


@dataclass(frozen=True)
class Triangulation:
    points: np.ndarray
    simplices: np.ndarray
    neighbors: np.ndarray
    transform: np.ndarray = None

    @property
    def n_simplices(self):
        return int(self.simplices.shape[0])


def triangulate(points):
    """``scipy.spatial.Delaunay`` of 2-D points."""
    p = check_points(points, dims=(2,), max_points=MAX_GEOMETRY_POINTS)
    _qhull_ready(p, 3, "triangulation")
    tri = _qhull(lambda: spatial.Delaunay(p), "triangulation")
    return Triangulation(p, tri.simplices, tri.neighbors, tri.transform)


def locate(triangulation, point):
    """``(simplex index, its three vertex indices, barycentric coordinates)`` of `point`, from the
    triangulation's affine ``transform`` (what ``Delaunay.find_simplex`` uses); simplex -1 (and None, None)
    outside the hull. Vectorised over the triangles, so the triangulation is never rebuilt."""
    q = np.asarray(point, dtype=float).reshape(2)
    t = triangulation.transform
    b = np.einsum("sij,sj->si", t[:, :2], q - t[:, 2])
    weights = np.column_stack([b, 1.0 - b.sum(axis=1)])
    inside = np.flatnonzero((weights >= -1e-12).all(axis=1))
    if inside.size == 0:
        return -1, None, None
    simplex = int(inside[0])
    return simplex, triangulation.simplices[simplex], weights[simplex]


def polygon_area(vertices):
    """The area of a simple polygon (shoelace formula), vertices in order."""
    v = np.asarray(vertices, dtype=float)
    x, y = v[:, 0], v[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def voronoi_cells(points, bbox):
    """One finite Voronoi cell per point, clipped to ``bbox = (xmin, ymin, xmax, ymax)``: a list of (m, 2)
    vertex arrays (counter-clockwise) in the order of the points. Every cell lies inside the box and contains
    its point; the cells tile the box, so their areas sum to its area.

    The points are mirrored across the box's four edges and ``scipy.spatial.Voronoi`` is run on all five copies:
    the mirror images put a bisector exactly on each edge, so the original points' cells are finite and end at
    the box. This also gives two points, or points on one line, their cells (strips).
    """
    p = check_points(points, dims=(2,), max_points=MAX_GEOMETRY_POINTS)
    xmin, ymin, xmax, ymax = (float(v) for v in bbox)
    if not (np.isfinite([xmin, ymin, xmax, ymax]).all() and xmin < xmax and ymin < ymax):
        raise SpatialError("The box must be (xmin, ymin, xmax, ymax) with xmin < xmax and ymin < ymax.")
    n = p.shape[0]
    if n < 1:
        raise SpatialError("Voronoi cells need at least one point.")
    inside = (p[:, 0] > xmin) & (p[:, 0] < xmax) & (p[:, 1] > ymin) & (p[:, 1] < ymax)
    if not inside.all():
        raise SpatialError(f"{int((~inside).sum()):,} point(s) are not strictly inside the box; enlarge it.")
    if np.unique(p, axis=0).shape[0] < n:
        raise SpatialError("Some points repeat exactly: two points at one place cannot each have a cell. Remove "
                           "the duplicates.")
    if n == 1:
        return [np.array([[xmin, ymin], [xmax, ymin], [xmax, ymax], [xmin, ymax]])]
    lo, hi = np.array([xmin, ymin]), np.array([xmax, ymax])
    first = _qhull(lambda: spatial.Voronoi(p), "Voronoi diagram") if n >= 3 and _spans_area(p) else None
    if first is None:
        crossing = np.arange(n)
    else:  # only cells that are unbounded or leave the box need mirror images (see the note below)
        flat, lengths = _flat_regions(first, n)
        outside = np.r_[((first.vertices < lo) | (first.vertices > hi)).any(axis=1), True]  # index -1: unbounded
        bad = np.add.reduceat(outside[flat].astype(int), np.r_[0, np.cumsum(lengths)[:-1]]) > 0
        crossing = np.flatnonzero(bad | (lengths == 0))
    # A mirror image of a point across a box edge is never nearer than the point itself to anything inside the box,
    # so mirrors leave every cell unchanged inside the box and cut each crossing cell exactly at the edge.
    c = p[crossing]
    mirrored = np.vstack([p, np.column_stack([2 * xmin - c[:, 0], c[:, 1]]),
                          np.column_stack([2 * xmax - c[:, 0], c[:, 1]]),
                          np.column_stack([c[:, 0], 2 * ymin - c[:, 1]]),
                          np.column_stack([c[:, 0], 2 * ymax - c[:, 1]])])
    vor = first if crossing.size == 0 else _qhull(lambda: spatial.Voronoi(mirrored), "Voronoi diagram")
    flat, lengths = _flat_regions(vor, n)
    if (lengths == 0).any() or (flat < 0).any():
        raise SpatialError("Qhull returned an unbounded cell for a point inside the box; this should not happen "
                           "with mirrored points (please report the data).")
    # Per cell, vectorised: clip rounding strays, drop vertices Qhull repeats, orient counter-clockwise.
    v = np.clip(vor.vertices[flat], lo, hi)
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    cell = np.repeat(np.arange(n), lengths)
    following = np.arange(flat.size) + 1
    ends = starts + lengths
    following[ends - 1] = starts
    span = max(xmax - xmin, ymax - ymin)
    keep = np.hypot(*(v[following] - v).T) > 1e-12 * span
    v, cell = v[keep], cell[keep]
    lengths = np.bincount(cell, minlength=n)
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    following = np.arange(v.shape[0]) + 1
    following[starts + lengths - 1] = starts
    cross = v[:, 0] * v[following, 1] - v[:, 1] * v[following, 0]
    clockwise = np.bincount(cell, weights=cross, minlength=n) < 0
    position = np.arange(v.shape[0])
    flip = clockwise[cell]
    position[flip] = (starts + lengths - 1)[cell[flip]] - (position[flip] - starts[cell[flip]])
    return np.split(v[position], np.cumsum(lengths)[:-1])


def _flat_regions(vor, n):
    """The Voronoi regions of the first `n` input points as one flat array of vertex indices and their lengths."""
    regions = [vor.regions[r] for r in vor.point_region[:n]]
    lengths = np.fromiter(map(len, regions), dtype=int, count=n)
    flat = np.fromiter(itertools.chain.from_iterable(regions), dtype=int, count=int(lengths.sum()))
    return flat, lengths


def _spans_area(p):
    centred = p - p.mean(axis=0)
    s = np.linalg.svd(centred[:: max(1, p.shape[0] // 20_000)], compute_uv=False)
    return s[-1] > 1e-12 * s[0]
