"""Figures for the interpolation page."""

import numpy as np
import plotly.graph_objects as go
from scipy import spatial

from core.common.decimation import decimate
from core.common.plotting import DATA_COLOR, PALETTE, axis_layout

__all__ = ["curves_figure", "derivative_figure", "surface_figure", "SHADE"]

SHADE = "rgba(127, 140, 155, 0.15)"


def _layout(fig, x_label, y_label):
    return axis_layout(fig, x_label, y_label)


def curves_figure(interpolants, x, y, *, extend=0.1, points=1000, x_label="x", y_label="y"):
    """Data and the interpolants on a fine grid, with the extrapolated zones shaded. Returns (fig, note)."""
    lo, hi = float(np.min(x)), float(np.max(x))
    pad = extend * (hi - lo)
    grid = np.linspace(lo - pad, hi + pad, points)
    fig = go.Figure()
    if pad > 0:
        for a, b in ((lo - pad, lo), (hi, hi + pad)):
            fig.add_vrect(x0=a, x1=b, fillcolor=SHADE, line_width=0, layer="below",
                          annotation_text="extrapolated", annotation_position="top left")
    y_lo, y_hi = float(np.min(y)), float(np.max(y))
    room = max(y_hi - y_lo, abs(y_hi), 1e-12)
    view = (y_lo - room, y_hi + room)  # a polynomial's extrapolation can reach 1e2 x the data: keep the data in view
    beyond = []
    for i, f in enumerate(interpolants):
        with np.errstate(all="ignore"):
            values = f(grid)
        if np.any((values < view[0]) | (values > view[1])):
            beyond.append(f.method)
        fig.add_trace(go.Scatter(x=grid, y=values, mode="lines", name=f.method,
                                 line=dict(color=PALETTE[i % len(PALETTE)], width=2)))
    dx, dy, note = decimate(x, y)
    if beyond:
        fig.update_yaxes(range=list(view))
        note = " ".join(filter(None, [note, f"{', '.join(beyond)} leave(s) the view (the axis keeps the data in "
                                            "sight; zoom out to follow)."]))
    fig.add_trace(go.Scatter(x=dx, y=dy, mode="markers", name="data",
                               marker=dict(color=DATA_COLOR, size=7, line=dict(width=1, color="white"))))
    return _layout(fig, x_label, y_label), note


def derivative_figure(interpolant, *, points=1000, x_label="x"):
    x = interpolant.x
    grid = np.linspace(x[0], x[-1], points)
    fig = go.Figure()
    for nu, dash in ((1, None), (2, "dot")):
        fig.add_trace(go.Scatter(x=grid, y=interpolant.derivative(grid, nu), mode="lines",
                                 name=f"derivative {nu}", line=dict(color=PALETTE[nu], dash=dash)))
    return _layout(fig, x_label, "derivative")


def surface_figure(gx, gy, z, points, *, kind="heatmap", title="", x_label="x", y_label="y", max_points=3000):
    """Interpolated grid as heatmap or contour, the input points and their convex hull (NaN outside it)."""
    fig = go.Figure()
    trace = go.Heatmap if kind == "heatmap" else go.Contour
    fig.add_trace(trace(x=gx, y=gy, z=z, colorscale="Viridis", colorbar=dict(title="z"), name="interpolated"))
    p = np.asarray(points, dtype=float)
    shown = p if p.shape[0] <= max_points else p[np.random.default_rng(0).choice(p.shape[0], max_points, replace=False)]
    fig.add_trace(go.Scatter(x=shown[:, 0], y=shown[:, 1], mode="markers", name="points",
                               marker=dict(color="white", size=4, line=dict(width=1, color="black"))))
    try:
        hull = spatial.ConvexHull(p)
        ring = np.append(hull.vertices, hull.vertices[0])
        fig.add_trace(go.Scatter(x=p[ring, 0], y=p[ring, 1], mode="lines", name="convex hull",
                                 line=dict(color="white", dash="dash", width=1.5)))
    except (spatial.QhullError, ValueError):
        pass
    fig.update_layout(title=title or None)
    return _layout(fig, x_label, y_label)
