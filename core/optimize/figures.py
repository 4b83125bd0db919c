"""Figures for the optimization page: the contour map with every method's path (clickable for a new start),
the objective against iteration, global methods' evaluation clouds, and a linear program's feasible region."""

import math

import numpy as np
import plotly.graph_objects as go

from core.common.plotting import DATA_COLOR, FIT_COLOR, PALETTE, axis_layout
from core.optimize.minimize import METHODS, feasible_mask

__all__ = ["contour_figure", "convergence_figure", "global_figure", "lp_figure", "CLICK_GRID"]

#: Points per side of the invisible grid that makes every spot of the map clickable.
CLICK_GRID = 41
_SHOWN_PATH = 2000


def _colour(method, k):
    """Each method keeps one colour on the map and the convergence plot, whatever else is chosen."""
    return PALETTE[(METHODS.index(method) if method in METHODS else k) % len(PALETTE)]


def _surface(objective, box, n=160):
    (xlo, xhi), (ylo, yhi) = box
    xs, ys = np.linspace(xlo, xhi, n), np.linspace(ylo, yhi, n)
    X, Y = np.meshgrid(xs, ys)
    Z = objective.grid(X, Y)
    return xs, ys, X, Y, Z


def _contours(fig, objective, box, constraints=None):
    xs, ys, X, Y, Z = _surface(objective, box)
    finite = Z[np.isfinite(Z)]
    if objective.log and finite.size:
        low = float(finite.min())
        shown = np.log10(np.where(np.isfinite(Z), Z, np.nan) - low + 1e-3 * max(np.ptp(finite), 1e-12))
        title = "log10(f - min + ε)"
    else:
        shown, title = Z, "f(x, y)"
    if finite.size:  # cut extreme values so that the interesting part keeps its colours
        lo, hi = np.nanpercentile(shown, [0, 98])
        shown = np.clip(shown, lo, hi)
    fig.add_trace(go.Contour(x=xs, y=ys, z=shown, ncontours=30, colorscale="Viridis", opacity=0.85,
                             colorbar=dict(title=title, thickness=12), hoverinfo="skip", name="f", showlegend=False,
                             line=dict(width=0.5)))
    if constraints:
        ok = feasible_mask(constraints, X, Y)
        if not ok.all():
            fig.add_trace(go.Heatmap(x=xs, y=ys, z=np.where(ok, np.nan, 1.0), showscale=False, hoverinfo="skip",
                                     colorscale=[[0, "rgba(128,128,128,0.55)"], [1, "rgba(128,128,128,0.55)"]],
                                     name="infeasible", showlegend=False))
    return xs, ys


def _click_grid(fig, box):
    (xlo, xhi), (ylo, yhi) = box
    gx, gy = np.meshgrid(np.linspace(xlo, xhi, CLICK_GRID), np.linspace(ylo, yhi, CLICK_GRID))
    fig.add_trace(go.Scatter(x=gx.ravel(), y=gy.ravel(), mode="markers", name="click to start here",
                             marker=dict(size=14, opacity=0.0), hovertemplate="start at (%{x:.3g}, %{y:.3g})"
                             "<extra></extra>", showlegend=False))


def contour_figure(objective, results=(), *, step=None, simplex=None, bounds=None, constraints=None, x0=None,
                   clickable=True):
    """The function's contours over its view box, with each method's path up to `step` (all of it when None),
    its end point, the known minima, the start, the bounds drawn as a box, infeasible regions shaded, and the
    Nelder-Mead simplex at `step`. With `clickable` an invisible grid of points lets a click choose the start."""
    fig = go.Figure()
    box = objective.box
    _contours(fig, objective, box, constraints)
    if clickable:
        _click_grid(fig, box)
    for k, r in enumerate(results):
        colour = _colour(r.method, k)
        path = r.path if step is None else r.path[:max(1, min(step, len(r.path) - 1)) + 1]
        if len(path) > _SHOWN_PATH:
            path = path[np.unique(np.linspace(0, len(path) - 1, _SHOWN_PATH).astype(int))]
        fig.add_trace(go.Scatter(x=path[:, 0], y=path[:, 1], mode="lines+markers", name=r.method,
                                 line=dict(color=colour, width=2), marker=dict(size=4, color=colour),
                                 hovertemplate=f"{r.method}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>"))
        fig.add_trace(go.Scatter(x=[path[-1, 0]], y=[path[-1, 1]], mode="markers", showlegend=False,
                                 marker=dict(size=11, color=colour, symbol="x", line=dict(width=1, color="white")),
                                 hoverinfo="skip"))
    if simplex is not None:
        s = np.vstack([simplex, simplex[:1]])
        fig.add_trace(go.Scatter(x=s[:, 0], y=s[:, 1], mode="lines", fill="toself", name="simplex",
                                 line=dict(color="white", width=2), fillcolor="rgba(255,255,255,0.25)"))
    if objective.minima:
        m = np.array(objective.minima, dtype=float)
        fig.add_trace(go.Scatter(x=m[:, 0], y=m[:, 1], mode="markers", name="minimum",
                                 marker=dict(symbol="star", size=13, color="gold", line=dict(width=1, color="black"))))
    if x0 is not None:
        fig.add_trace(go.Scatter(x=[x0[0]], y=[x0[1]], mode="markers", name="start",
                                 marker=dict(symbol="circle-open", size=14, color="white", line=dict(width=3))))
    if bounds is not None:
        (xlo, xhi), (ylo, yhi) = bounds
        fig.add_shape(type="rect", x0=xlo, x1=xhi, y0=ylo, y1=yhi, line=dict(color=FIT_COLOR, width=2, dash="dash"))
    (xlo, xhi), (ylo, yhi) = box
    axis_layout(fig, "x", "y", height=560, clickmode="event+select", dragmode="pan")
    fig.update_xaxes(range=[xlo, xhi], constrain="domain")
    fig.update_yaxes(range=[ylo, yhi])
    return fig


def convergence_figure(results, *, step=None):
    """f(x_k) - best f (over all methods, plus a small floor) against iteration k, on a log axis."""
    fig = go.Figure()
    finite = [float(np.nanmin(r.path_fun)) for r in results if np.isfinite(r.path_fun).any()]
    best = min(finite) if finite else 0.0
    floor = 1e-16 * max(1.0, abs(best))
    for k, r in enumerate(results):
        y = np.maximum(np.asarray(r.path_fun, dtype=float) - best, 0) + floor
        x = np.arange(y.size)
        if step is not None:
            x, y = x[:step + 1], y[:step + 1]
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines+markers", name=r.method, marker=dict(size=4),
                                 line=dict(color=_colour(r.method, k), width=2)))
    axis_layout(fig, "iteration", "f − best f", height=340)
    fig.update_yaxes(type="log", exponentformat="power")
    return fig


def global_figure(objective, results, baseline=None):
    """The map with each global method's evaluations as a cloud, its result, and the local baseline's starts
    joined to where they ended."""
    fig = go.Figure()
    _contours(fig, objective, objective.box)
    for k, r in enumerate(results):
        colour = PALETTE[(k + 1) % len(PALETTE)]
        pts = r.evaluations
        if len(pts) > 5000:
            pts = pts[np.unique(np.linspace(0, len(pts) - 1, 5000).astype(int))]
        fig.add_trace(go.Scatter(x=pts[:, 0], y=pts[:, 1], mode="markers", name=f"{r.method} ({r.nfev:,} evals)",
                                 marker=dict(size=4, color=colour, opacity=0.75)))
        fig.add_trace(go.Scatter(x=[r.x[0]], y=[r.x[1]], mode="markers", showlegend=False,
                                 marker=dict(size=14, color=colour, symbol="x", line=dict(width=1, color="white"))))
    if baseline:
        xs, ys = [], []
        for run in baseline:
            xs += [run["start"][0], run["x"][0], None]
            ys += [run["start"][1], run["x"][1], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines+markers", name="local method from random starts",
                                 line=dict(color="white", width=1), marker=dict(size=4, color="white")))
    if objective.minima:
        m = np.array(objective.minima, dtype=float)
        fig.add_trace(go.Scatter(x=m[:, 0], y=m[:, 1], mode="markers", name="global minimum",
                                 marker=dict(symbol="star", size=13, color="gold", line=dict(width=1, color="black"))))
    (xlo, xhi), (ylo, yhi) = objective.box
    axis_layout(fig, "x", "y", height=560)
    fig.update_xaxes(range=[xlo, xhi], constrain="domain")
    fig.update_yaxes(range=[ylo, yhi])
    return fig


def _polygon(A, b, box):
    """Vertices (in order) of {x : A x <= b} inside the box: pairwise intersections of the lines that satisfy
    every inequality, ordered by angle about their centre."""
    (xlo, xhi), (ylo, yhi) = box
    A = np.vstack([A, [[-1, 0], [1, 0], [0, -1], [0, 1]]])
    b = np.concatenate([b, [-xlo, xhi, -ylo, yhi]])
    points = []
    for i in range(len(A)):
        for j in range(i + 1, len(A)):
            M = A[[i, j]]
            if abs(np.linalg.det(M)) < 1e-12:
                continue
            p = np.linalg.solve(M, b[[i, j]])
            if np.all(A @ p <= b + 1e-9 * (1 + np.abs(b))):
                points.append(p)
    if len(points) < 3:
        return np.empty((0, 2))
    pts = np.unique(np.round(np.array(points), 12), axis=0)
    centre = pts.mean(axis=0)
    return pts[np.argsort(np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0]))]


def lp_figure(problem, result):
    """Two variables: the feasible polygon, each constraint's line, objective iso-lines, the optimum, and for an
    integer program the whole-number points inside."""
    lower = np.array([lo for lo, _ in problem.bounds], dtype=float)
    upper = np.array([hi for _, hi in problem.bounds], dtype=float)
    A = np.vstack([problem.A_ub, problem.A_eq, -problem.A_eq]) if problem.A_eq.size else problem.A_ub
    b = np.concatenate([problem.b_ub, problem.b_eq, -problem.b_eq]) if problem.A_eq.size else problem.b_ub
    scale = [abs(v) for v in (*lower, *upper, *b) if math.isfinite(v)]
    if result.x is not None:
        scale += list(np.abs(result.x))
    span = 1.3 * max(scale + [1.0])
    box = tuple((max(lo, -span) if math.isfinite(lo) else -span * (0.15 if lo == 0 else 1),
                 min(hi, span) if math.isfinite(hi) else span) for lo, hi in zip(lower - 0.0, upper))
    fig = go.Figure()
    poly = _polygon(A, b, box)
    shown = np.vstack([poly, [[0.0, 0.0]]] + ([result.x[None, :2]] if result.x is not None else []))
    lo, hi = shown.min(axis=0), shown.max(axis=0)
    pad = 0.25 * np.maximum(hi - lo, 1.0)
    view = ((lo[0] - pad[0], hi[0] + pad[0]), (lo[1] - pad[1], hi[1] + pad[1]))  # the region, not the whole box
    if len(poly):
        closed = np.vstack([poly, poly[:1]])
        fig.add_trace(go.Scatter(x=closed[:, 0], y=closed[:, 1], fill="toself", mode="lines", name="feasible region",
                                 line=dict(color=DATA_COLOR, width=1), fillcolor="rgba(127,140,155,0.3)"))
    xs = np.array(view[0])
    labels = (*problem.ub_labels, *problem.eq_labels)
    rows = np.vstack([problem.A_ub, problem.A_eq]) if problem.A_eq.size else problem.A_ub
    rhs = np.concatenate([problem.b_ub, problem.b_eq]) if problem.A_eq.size else problem.b_ub
    for k, (row, value) in enumerate(zip(rows, rhs)):
        label = labels[k] if k < len(labels) else f"constraint {k + 1}"
        if abs(row[1]) > 1e-12:
            fig.add_trace(go.Scatter(x=xs, y=(value - row[0] * xs) / row[1], mode="lines", name=label,
                                     line=dict(color=PALETTE[(k + 1) % len(PALETTE)], width=1.5)))
        elif abs(row[0]) > 1e-12:
            fig.add_trace(go.Scatter(x=[value / row[0]] * 2, y=list(view[1]), mode="lines", name=label,
                                     line=dict(color=PALETTE[(k + 1) % len(PALETTE)], width=1.5)))
    c = -problem.c if problem.sense == "max" else problem.c
    if result.x is not None and np.abs(c).max() > 0:
        best = float(c @ result.x)
        for j, level in enumerate(best * np.array([0.25, 0.5, 0.75, 1.0]) if best else [best]):
            if abs(c[1]) > 1e-12:
                fig.add_trace(go.Scatter(x=xs, y=(level - c[0] * xs) / c[1], mode="lines",
                                         name="objective = optimum" if j == 3 or not best else None,
                                         showlegend=j == 3 or not best,
                                         line=dict(color=FIT_COLOR, width=2 if j == 3 else 1, dash="dot")))
    if problem.integrality.any() and len(poly):
        gx = np.arange(math.ceil(box[0][0]), math.floor(box[0][1]) + 1)
        gy = np.arange(math.ceil(box[1][0]), math.floor(box[1][1]) + 1)
        if gx.size * gy.size <= 40_000:
            P = np.array(np.meshgrid(gx, gy)).reshape(2, -1).T
            inside = np.all(A @ P.T <= b[:, None] + 1e-9, axis=0)
            fig.add_trace(go.Scatter(x=P[inside, 0], y=P[inside, 1], mode="markers", name="whole-number points",
                                     marker=dict(size=6, color=DATA_COLOR)))
    if result.x is not None:
        fig.add_trace(go.Scatter(x=[result.x[0]], y=[result.x[1]], mode="markers", name="optimum",
                                 marker=dict(symbol="star", size=16, color="gold", line=dict(width=1, color="black"))))
    axis_layout(fig, problem.variables[0], problem.variables[1], height=480)
    fig.update_xaxes(range=list(view[0]))
    fig.update_yaxes(range=list(view[1]))
    return fig
