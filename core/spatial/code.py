"""Exported scripts for the spatial page's views: the same points and calls, printing the page's numbers."""

import pandas as pd

from core.common.codegen import data_source, header, literal

__all__ = ["spatial_script"]

_VORONOI = '''

def voronoi_cells(points, bbox):
    """Each point's Voronoi cell clipped to bbox = (xmin, ymin, xmax, ymax): the points are mirrored across
    the box's edges, which puts a cell edge exactly on each box edge."""
    xmin, ymin, xmax, ymax = bbox
    x, y = points[:, 0], points[:, 1]
    mirrored = np.vstack([points, np.c_[2 * xmin - x, y], np.c_[2 * xmax - x, y], np.c_[x, 2 * ymin - y],
                          np.c_[x, 2 * ymax - y]])
    vor = spatial.Voronoi(mirrored)
    return [np.clip(vor.vertices[vor.regions[vor.point_region[i]]], (xmin, ymin), (xmax, ymax))
            for i in range(len(points))]


def polygon_area(v):
    return 0.5 * abs(np.dot(v[:, 0], np.roll(v[:, 1], -1)) - np.dot(v[:, 1], np.roll(v[:, 0], -1)))
'''


def spatial_script(points, view, settings, *, source_note="your data"):
    """A script for `view` ("Neighbours", "Distances" or "Geometry") with the page's `settings`."""
    frame = pd.DataFrame({"x": points[:, 0], "y": points[:, 1]})
    src, needs_file = data_source(frame)
    lines = [header(f"Spatial analysis ({view.lower()}) with scipy.spatial", source_note, needs_file),
             "import io", "", "import numpy as np", "import pandas as pd", "from scipy import spatial",
             "from scipy.spatial import distance", "", src, "points = data[['x', 'y']].to_numpy(dtype=float)", ""]
    s = settings
    if view == "Neighbours":
        lines += ["tree = spatial.KDTree(points)",
                  f"query = np.array({literal(list(map(float, s['query'])))})",
                  f"d, i = tree.query(query, k={s['k']})",
                  "for rank, (dist, index) in enumerate(zip(np.atleast_1d(d), np.atleast_1d(i)), 1):",
                  "    print(f'neighbour_{rank}_distance = {float(dist)!r}')",
                  "    print(f'neighbour_{rank}_index = {int(index)}')",
                  f"hits = tree.query_ball_point(query, {literal(s['radius'])})",
                  "print(f'within_radius = {len(hits)}')",
                  "# Outlier score: the distance to the k-th nearest other point (k + 1: the point itself comes first)",
                  f"scores = tree.query(points, {s['outlier_k'] + 1})[0][:, {s['outlier_k']}]",
                  f"threshold = {literal(s['threshold'])}",
                  "print(f'outliers = {int(np.sum(scores > threshold))}')",
                  "print(f'largest_score = {float(scores.max())!r}')", ""]
    elif view == "Distances":
        kwargs = ""
        if s["metric"] == "minkowski":
            kwargs = f", p={literal(s['p'])}"
        elif s["metric"] == "mahalanobis":
            lines.append("VI = np.linalg.inv(np.cov(points, rowvar=False))  # the inverse covariance")
            kwargs = ", VI=VI"
        lines += [f"d = distance.pdist(points, {s['metric']!r}{kwargs})",
                  "print(f'nearest_pair_distance = {float(d.min())!r}')",
                  "print(f'mean_distance = {float(d.mean())!r}')",
                  "square = distance.squareform(d)",
                  "print(f'pairs = {d.size}')", ""]
    else:
        lines += [_VORONOI, "",
                  "hull = spatial.ConvexHull(points)",
                  "print(f'hull_area = {float(hull.volume)!r}')  # in 2-D, volume is the area ...",
                  "print(f'hull_perimeter = {float(hull.area)!r}')  # ... and area the perimeter",
                  "tri = spatial.Delaunay(points)",
                  "print(f'triangles = {len(tri.simplices)}')",
                  f"query = np.array({literal(list(map(float, s['query'])))})",
                  "simplex = int(tri.find_simplex(query[None, :])[0])",
                  "print(f'simplex = {simplex}')",
                  "if simplex >= 0:",
                  "    t = tri.transform[simplex]",
                  "    b = t[:2] @ (query - t[2])",
                  "    for k, weight in enumerate(np.append(b, 1 - b.sum())):",
                  "        print(f'barycentric_{k} = {float(weight)!r}')",
                  f"cells = voronoi_cells(points, {literal(list(map(float, s['bbox'])))})",
                  "areas = np.array([polygon_area(c) for c in cells])",
                  "print(f'voronoi_area_total = {float(areas.sum())!r}')",
                  "print(f'voronoi_area_largest = {float(areas.max())!r}')", ""]
    return "\n".join(lines), needs_file
