"""The spatial page's three views: neighbours (KD-tree queries, outliers, query time), distances (metrics,
clustered heatmap) and geometry (hull, triangulation, bounded Voronoi cells)."""

import numpy as np
import pandas as pd
import streamlit as st

from core.spatial import (MAX_GEOMETRY_POINTS, MAX_K, MAX_PDIST_POINTS, METRICS, geometry_figure, heatmap_figure,
                          hull3d_figure, locate, points_figure, polygon_area, timing_figure)
from ui.common.cache import content_key
from ui.common.export import csv_download
from ui.common.tables import display_frame, fmt
from ui.common.text import esc, figure, new_click, plot
from ui.common.url import bound
from ui.spatial.cache import (distances_cached, hull_cached, knn_cached, outliers_cached, pairs_cached,
                              radius_cached, timing_cached, triangulation_cached, voronoi_cached)

__all__ = ["neighbours_view", "distances_view", "geometry_view", "hull3d_view", "padded_box"]


def padded_box(points, pad=0.05):
    lo, hi = points.min(axis=0), points.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    return tuple(float(v) for v in (*(lo - pad * span), *(hi + pad * span)))


def _place(P, name, points, columns):
    """Two number inputs for a placed point (keys <P>_<name>_x/_y), defaulting to the data's centre; a point
    clicked in the figure (`<P>_<name>_fig` selection) is copied into them first."""
    fig_key = f"{P}_{name}_fig"
    clicked = new_click(fig_key)
    if clicked is not None:
        st.session_state[f"{P}_{name}_x"], st.session_state[f"{P}_{name}_y"] = clicked
    centre = points.mean(axis=0)
    lo, hi = points.min(axis=0), points.max(axis=0)
    reach = 10 * np.maximum(hi - lo, 1e-9)  # a placed point stays near the data (a link cannot send 1e300)
    c1, c2 = st.columns(2)
    values = []
    for i, (col, axis, label) in enumerate(((c1, "x", columns[0]), (c2, "y", columns[1]))):
        k = f"{P}_{name}_{axis}"
        initial = {} if k in st.session_state else {"value": float(centre[i])}  # a click set it: no second default
        values.append(bound(col.number_input, f"Point: {esc(label)}", float(lo[i] - reach[i]), float(hi[i] + reach[i]),
                            key=k, format="%.6g", **initial))
    x, y = values
    return np.array([x, y], dtype=float), fig_key


def neighbours_view(P, key, points, labels, columns):
    """KD-tree k-nearest and radius queries for a placed point, outlier scores, query time; returns the
    script's settings."""
    query, fig_key = _place(P, "q", points, columns)
    c1, c2, c3, c4 = st.columns(4)
    n = points.shape[0]
    k = bound(c1.number_input, "k nearest", 1, min(MAX_K, n), min(5, n), key=f"{P}_k")
    span = float(np.max(np.ptp(points, axis=0))) or 1.0
    radius = bound(c2.number_input, "radius r", 0.0, 10 * span, round(span / 10, 6), key=f"{P}_r", format="%.4g")
    ok = bound(c3.number_input, "outlier score: k-th neighbour", 1, min(MAX_K, max(1, n - 1)), min(5, n - 1),
               key=f"{P}_ok")
    quantile = bound(c4.select_slider, "flag above the quantile", [0.9, 0.95, 0.97, 0.99, 0.995, 0.999], value=0.97,
                     key=f"{P}_oq")
    d, i = knn_cached(key, tuple(query), int(k), points)
    d, i = np.atleast_1d(d[0]), np.atleast_1d(i[0])
    hits, _ = radius_cached(key, tuple(query), float(radius), points)
    out = outliers_cached(key, int(ok), float(quantile), points)
    fig, note = figure(content_key(key, query.tolist(), int(k), float(radius), int(ok), float(quantile)),
                       points_figure, points, labels=labels, query=query, neighbours=i, radius=float(radius),
                       flagged=out.flagged, x_label=columns[0], y_label=columns[1])
    plot(st, fig, key=fig_key, on_select="rerun", selection_mode="points")
    st.caption("Click a point to make it the query (or type it above). " + esc(note))
    m = st.columns(3)
    m[0].metric(f"nearest of {int(k)}", fmt(float(d[0]), 5))
    m[1].metric(f"within r = {fmt(float(radius), 4)}", f"{hits.size:,}")
    m[2].metric(f"outliers (score > {fmt(out.threshold, 4)})", f"{out.flagged.size:,}")
    rows = [{"rank": r + 1, "point": int(j), columns[0]: points[j, 0], columns[1]: points[j, 1], "distance": float(dd),
             **({"label": labels[j]} if labels is not None else {})} for r, (dd, j) in enumerate(zip(d, i))]
    st.dataframe(display_frame(rows), hide_index=True, width="stretch", height=min(38 * (len(rows) + 1), 300))
    flagged = pd.DataFrame({"point": out.flagged, columns[0]: points[out.flagged, 0],
                            columns[1]: points[out.flagged, 1], "score": out.score[out.flagged]})
    if labels is not None:
        flagged["label"] = labels[out.flagged]
    if out.flagged.size:
        st.markdown(f"**Flagged points** (distance to the {int(ok)}th neighbour above {fmt(out.threshold, 4)})")
        st.dataframe(display_frame(flagged.head(200).to_dict("records")), hide_index=True, width="stretch",
                     height=min(38 * (min(out.flagged.size, 200) + 1), 260))
    csv_download(f"Flagged outliers ({out.flagged.size:,}, CSV)", flagged, "outliers.csv", key=f"{P}_dl_out")
    with st.expander("Query time: KD-tree against brute force", icon=":material/timer:"):
        if bound(st.toggle, "Measure (1,000 random queries at growing n)", value=False, key=f"{P}_time"):
            table = timing_cached(key, points)
            st.dataframe(display_frame(table), hide_index=True, width="stretch")
            plot(st, timing_figure(table), key=f"{P}_time_fig")
            st.caption("Times are this server's, measured once; the speed-up grows with n because a KD-tree query "
                       "costs about log n and brute force n.")
    return {"query": query.tolist(), "k": int(k), "radius": float(radius), "outlier_k": int(ok),
            "threshold": out.threshold}


def distances_view(P, key, points, columns):
    """pdist with a chosen metric, the clustered heatmap, and every metric's nearest pair."""
    c1, c2 = st.columns(2)
    metric = bound(c1.selectbox, "Metric", list(METRICS), key=f"{P}_metric", format_func=METRICS.get)
    p = bound(c2.number_input, "Minkowski p", 1.0, 100.0, 3.0, key=f"{P}_p", disabled=metric != "minkowski")
    sub = points
    if points.shape[0] > MAX_PDIST_POINTS:
        sub = points[np.sort(np.random.default_rng(0).choice(points.shape[0], MAX_PDIST_POINTS, replace=False))]
        st.caption(f"A random {MAX_PDIST_POINTS:,} of the {points.shape[0]:,} points (a full distance matrix of all "
                   "would not fit).")
    result = distances_cached(key, metric, float(p), sub)
    m = st.columns(3)
    m[0].metric("pairs", f"{result.condensed.size:,}")
    m[1].metric("nearest pair", fmt(float(result.condensed.min()), 5))
    m[2].metric("mean distance", fmt(float(result.condensed.mean()), 5))
    if metric == "mahalanobis":
        cov = np.linalg.inv(result.kwargs["VI"])
        st.caption("Covariance of the coordinates (its inverse weighs the differences):")
        st.dataframe(display_frame([{"": columns[r], columns[0]: cov[r, 0], columns[1]: cov[r, 1]} for r in range(2)]),
                     hide_index=True, width="content")
    if sub.shape[0] <= 1500:
        plot(st, figure(content_key(key, metric, float(p), sub.shape[0]), heatmap_figure, result.square(),
                        result.order, metric=metric), key=f"{P}_heat")
    else:
        st.caption("The heatmap is drawn for up to 1,500 points.")
    st.markdown("**The nearest pair under each metric**")
    rows = pairs_cached(key, tuple(METRICS), float(p), sub)
    st.dataframe(display_frame(rows), hide_index=True, width="stretch")
    return {"metric": metric, "p": float(p)}


def hull3d_view(P, key, points3, columns):
    """The convex hull of three coordinates: its volume and surface area, drawn as a mesh."""
    hull = hull_cached(key, points3)
    m = st.columns(3)
    m[0].metric("hull volume", fmt(hull.size, 5))
    m[1].metric("hull surface area", fmt(hull.boundary, 5))
    m[2].metric("points on the hull", f"{hull.vertices.size:,}")
    plot(st, figure(content_key(key, "hull3d"), hull3d_figure, points3, hull.simplices, labels=columns),
         key=f"{P}_hull3d")
    st.caption("In 3-D, the hull is made of triangles (Qhull's facets); the other geometry views are for two "
               "coordinates: choose no z column to see them.")
    return None


def geometry_view(P, key, points, labels, columns):
    """Convex hull, Delaunay triangulation with a located point, Voronoi cells clipped to a box."""
    if points.shape[0] > MAX_GEOMETRY_POINTS:
        st.info(f"The geometry views take up to {MAX_GEOMETRY_POINTS:,} points; this set has "
                f"{points.shape[0]:,}. Use the neighbours view, or fewer points.")
        return None
    query, _ = _place(P, "g", points, columns)
    s1, s2, s3 = st.columns(3)
    show_hull = bound(s1.toggle, "Convex hull", value=True, key=f"{P}_hull")
    show_tri = bound(s2.toggle, "Delaunay triangles", value=True, key=f"{P}_tri")
    show_vor = bound(s3.toggle, "Voronoi cells", value=points.shape[0] <= 5000, key=f"{P}_vor")
    hull = hull_cached(key, points)
    tri = triangulation_cached(key, points)
    bbox = padded_box(points)
    cells = voronoi_cached(key, bbox, points) if show_vor else None
    simplex, corners, weights = locate(tri, query)
    m = st.columns(4)
    m[0].metric("hull area", fmt(hull.size, 5))
    m[1].metric("hull perimeter", fmt(hull.boundary, 5))
    m[2].metric("triangles", f"{tri.n_simplices:,}")
    m[3].metric("the point's triangle", "outside the hull" if simplex < 0 else f"#{simplex}")
    fig, note = figure(content_key(key, show_hull, show_tri, show_vor, query.tolist()), geometry_figure, points,
                       hull=hull.vertices if show_hull else None, simplices=tri.simplices if show_tri else None,
                       cells=cells, highlight=corners, query=query, bbox=bbox if show_vor else None,
                       x_label=columns[0], y_label=columns[1])
    plot(st, fig, key=f"{P}_g_fig", on_select="rerun", selection_mode="points")
    st.caption("Click a point to place it there (or type it above). " + esc(note))
    if simplex >= 0:
        st.dataframe(display_frame([{"corner": int(c), columns[0]: points[c, 0], columns[1]: points[c, 1],
                                     "barycentric weight": float(w)} for c, w in zip(corners, weights)]),
                     hide_index=True, width="content")
        st.caption("The weights are non-negative inside the triangle and sum to 1: the placed point is the "
                   "weighted mean of the corners.")
    if cells is not None:
        areas = np.array([polygon_area(c) for c in cells])
        st.caption(f"{len(cells):,} cells in the box [{bbox[0]:.4g}, {bbox[2]:.4g}] x [{bbox[1]:.4g}, {bbox[3]:.4g}]; "
                   f"their areas sum to {areas.sum():.6g} (the box: {(bbox[2] - bbox[0]) * (bbox[3] - bbox[1]):.6g}).")
        table = pd.DataFrame({"point": np.arange(len(cells)), columns[0]: points[:, 0], columns[1]: points[:, 1],
                              "cell area": areas, **({"label": labels} if labels is not None else {})})
        csv_download("Voronoi cell areas (CSV)", table, "voronoi_cells.csv", key=f"{P}_dl_cells")
    return {"query": query.tolist(), "bbox": list(bbox)}
