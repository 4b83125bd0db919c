"""Figures for the spatial page: points with a query and its neighbours, outliers, the hull, the triangulation
and the Voronoi cells, and the distance heatmap. Large point sets are drawn from a random sample."""

import numpy as np
import plotly.graph_objects as go

from core.common.plotting import DATA_COLOR, FIT_COLOR, PALETTE, axis_layout

__all__ = ["points_figure", "geometry_figure", "heatmap_figure", "timing_figure", "hull3d_figure", "MAX_DRAWN"]

#: Points drawn in a scatter (the computation uses all of them).
MAX_DRAWN = 20_000


def _sample(n, rng=0):
    if n <= MAX_DRAWN:
        return np.arange(n), ""
    idx = np.sort(np.random.default_rng(rng).choice(n, MAX_DRAWN, replace=False))
    return idx, f"Drawn: a random {MAX_DRAWN:,} of the {n:,} points; every computation uses all of them."


def _base(points, labels, x_label, y_label, *, equal=True):
    fig = go.Figure()
    idx, note = _sample(points.shape[0])
    if labels is None:
        fig.add_trace(go.Scatter(x=points[idx, 0], y=points[idx, 1], mode="markers", name="points",
                                 marker=dict(color=DATA_COLOR, size=5, opacity=0.7), customdata=idx,
                                 hovertemplate="point %{customdata}: (%{x:.4g}, %{y:.4g})<extra></extra>"))
    else:
        shown = np.asarray(labels, dtype=object)[idx]
        for k, group in enumerate(dict.fromkeys(shown)):
            sel = idx[shown == group]
            fig.add_trace(go.Scatter(x=points[sel, 0], y=points[sel, 1], mode="markers", name=str(group),
                                     marker=dict(color=PALETTE[k % len(PALETTE)], size=5, opacity=0.75),
                                     customdata=sel, hovertemplate="point %{customdata}: (%{x:.4g}, %{y:.4g})"
                                                                   "<extra>%{fullData.name}</extra>"))
    axis_layout(fig, x_label, y_label)
    if equal:
        fig.update_yaxes(scaleanchor="x", scaleratio=1)
    fig.update_layout(height=520, legend=dict(orientation="h", y=1.08))
    return fig, note


def points_figure(points, *, labels=None, query=None, neighbours=None, radius=None, flagged=None,
                  x_label="x", y_label="y"):
    """The points, a placed query point with lines to its neighbours (and the radius circle), outliers ringed.
    Returns (fig, note)."""
    fig, note = _base(points, labels, x_label, y_label)
    if flagged is not None and len(flagged):
        f = np.asarray(flagged)[:MAX_DRAWN]
        fig.add_trace(go.Scatter(x=points[f, 0], y=points[f, 1], mode="markers", name="outliers",
                                 marker=dict(symbol="circle-open", size=13, color=FIT_COLOR, line=dict(width=2)),
                                 customdata=f, hovertemplate="outlier %{customdata}<extra></extra>"))
    if query is not None:
        q = np.asarray(query, dtype=float)
        if neighbours is not None and len(neighbours):
            nb = np.asarray(neighbours)[:2000]
            xs = np.column_stack([np.full(nb.size, q[0]), points[nb, 0], np.full(nb.size, np.nan)]).ravel()
            ys = np.column_stack([np.full(nb.size, q[1]), points[nb, 1], np.full(nb.size, np.nan)]).ravel()
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name="neighbours", hoverinfo="skip",
                                     line=dict(color=FIT_COLOR, width=1)))
        if radius is not None:
            t = np.linspace(0, 2 * np.pi, 181)
            fig.add_trace(go.Scatter(x=q[0] + radius * np.cos(t), y=q[1] + radius * np.sin(t), mode="lines",
                                     name=f"r = {radius:.4g}", hoverinfo="skip",
                                     line=dict(color=FIT_COLOR, dash="dash", width=1)))
        fig.add_trace(go.Scatter(x=[q[0]], y=[q[1]], mode="markers", name="query",
                                 marker=dict(symbol="star", size=16, color=FIT_COLOR, line=dict(width=1))))
    return fig, note


def geometry_figure(points, *, hull=None, simplices=None, cells=None, highlight=None, query=None, bbox=None,
                    x_label="x", y_label="y"):
    """The points with (any of) the convex hull, the Delaunay triangles, the clipped Voronoi cells, one
    highlighted triangle and the placed point. Returns (fig, note)."""
    fig = go.Figure()
    note = ""
    if cells is not None:
        xs, ys = [], []
        for c in cells[:5000]:
            xs += [*c[:, 0], c[0, 0], None]
            ys += [*c[:, 1], c[0, 1], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name="Voronoi cells", hoverinfo="skip",
                                 line=dict(color=PALETTE[1], width=1)))
        if len(cells) > 5000:
            note = "The first 5,000 Voronoi cells are drawn; the areas cover all of them."
    if simplices is not None:
        s = np.asarray(simplices)[:20_000]
        ring = np.column_stack([s, s[:, :1]])
        xs = np.column_stack([points[ring, 0], np.full(len(s), np.nan)]).ravel()
        ys = np.column_stack([points[ring, 1], np.full(len(s), np.nan)]).ravel()
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name="Delaunay triangles", hoverinfo="skip",
                                 line=dict(color=DATA_COLOR, width=0.8)))
    if hull is not None:
        ring = np.append(hull, hull[0])
        fig.add_trace(go.Scatter(x=points[ring, 0], y=points[ring, 1], mode="lines", name="convex hull",
                                 hoverinfo="skip", line=dict(color=FIT_COLOR, width=2)))
    if highlight is not None:
        ring = np.append(highlight, highlight[0])
        fig.add_trace(go.Scatter(x=points[ring, 0], y=points[ring, 1], mode="lines", fill="toself",
                                 name="the point's triangle", line=dict(color=PALETTE[3], width=2)))
    idx, sample_note = _sample(points.shape[0])
    fig.add_trace(go.Scatter(x=points[idx, 0], y=points[idx, 1], mode="markers", name="points", customdata=idx,
                             marker=dict(color=DATA_COLOR, size=5), hovertemplate="point %{customdata}<extra></extra>"))
    if query is not None:
        fig.add_trace(go.Scatter(x=[query[0]], y=[query[1]], mode="markers", name="placed point",
                                 marker=dict(symbol="star", size=16, color=FIT_COLOR)))
    if bbox is not None:
        x0, y0, x1, y1 = bbox
        fig.add_shape(type="rect", x0=x0, y0=y0, x1=x1, y1=y1, line=dict(color="grey", dash="dot", width=1))
    axis_layout(fig, x_label, y_label)
    fig.update_yaxes(scaleanchor="x", scaleratio=1)
    fig.update_layout(height=560, legend=dict(orientation="h", y=1.08))
    return fig, " ".join(t for t in (note, sample_note) if t)


def heatmap_figure(square, order, *, metric="euclidean"):
    """The distance matrix with rows and columns in clustering order (similar points next to each other)."""
    m = square[np.ix_(order, order)]
    labels = [str(i) for i in order]
    fig = go.Figure(go.Heatmap(z=m, x=labels, y=labels, colorscale="Viridis", colorbar=dict(title=metric),
                               hovertemplate="points %{y} and %{x}: %{z:.4g}<extra></extra>"))
    fig.update_xaxes(showticklabels=len(order) <= 60, title_text="point (clustering order)")
    fig.update_yaxes(showticklabels=len(order) <= 60, autorange="reversed", title_text="point (clustering order)")
    fig.update_layout(height=520, margin=dict(l=60, r=10, t=10, b=50))
    return fig


def timing_figure(rows):
    """Query time for 1,000 queries against n: KD-tree and brute force, log-log."""
    n = [r["n"] for r in rows]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=n, y=[r["kdtree_s"] for r in rows], mode="lines+markers", name="KDTree.query",
                             line=dict(color=FIT_COLOR)))
    fig.add_trace(go.Scatter(x=n, y=[r["brute_s"] for r in rows], mode="lines+markers", name="cdist + argmin",
                             line=dict(color=DATA_COLOR)))
    axis_layout(fig, "points n", "seconds for the queries")
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log")
    fig.update_layout(height=320)
    return fig


def hull3d_figure(points, simplices, *, labels=("x", "y", "z")):
    """A 3-D convex hull as a translucent mesh over the points (a sample of them when there are many)."""
    idx, _ = _sample(points.shape[0])
    fig = go.Figure(go.Scatter3d(x=points[idx, 0], y=points[idx, 1], z=points[idx, 2], mode="markers", name="points",
                                 marker=dict(size=2, color=DATA_COLOR)))
    s = np.asarray(simplices)
    fig.add_trace(go.Mesh3d(x=points[:, 0], y=points[:, 1], z=points[:, 2], i=s[:, 0], j=s[:, 1], k=s[:, 2],
                            opacity=0.25, color=FIT_COLOR, name="convex hull", hoverinfo="skip"))
    fig.update_layout(height=560, scene=dict(xaxis_title=labels[0], yaxis_title=labels[1], zaxis_title=labels[2]),
                      margin=dict(l=0, r=0, t=10, b=0))
    return fig
