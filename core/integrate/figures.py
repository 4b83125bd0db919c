"""Figures for the ODE and integration page: solution curves of several methods with their events, step sizes
on a log axis, work against precision, the phase plane (field, nullclines, fixed points, trajectories, a click
grid), Lorenz in 3-D, and the rules' error against the number of samples."""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.common.plotting import DATA_COLOR, FIT_COLOR, PALETTE, axis_layout

__all__ = ["solution_figure", "steps_figure", "work_precision_figure", "phase_figure", "lorenz_figure",
           "rules_figure", "CLICK_GRID"]

CLICK_GRID = 31
_CURVE_POINTS = 1500


def _dense(result, points=_CURVE_POINTS, log_time=False):
    t0, t1 = result.t[0], result.t[-1]
    if result.sol is None or t1 <= t0:
        return result.t, result.y
    if log_time and t0 >= 0:
        grid = np.unique(np.concatenate([[t0], np.geomspace(max(t1 * 1e-9, 1e-12), t1, points)]))
    else:
        grid = np.linspace(t0, t1, points)
    return grid, result.sol(grid)


def solution_figure(system, results, *, log_time=False):
    """One panel per state (up to 3 drawn; the rest listed), each method's dense solution in its colour, its
    steps as markers, and its events."""
    states = system.states
    n = len(states)
    fig = make_subplots(rows=n, cols=1, shared_xaxes=True, vertical_spacing=0.04, subplot_titles=states)
    for k, r in enumerate(results):
        colour = PALETTE[k % len(PALETTE)]
        t, y = _dense(r, log_time=log_time)
        for i in range(n):
            fig.add_trace(go.Scatter(x=t, y=y[i], mode="lines", name=r.method, legendgroup=r.method,
                                     showlegend=i == 0, line=dict(color=colour, width=2)), i + 1, 1)
            if r.t.size <= 600:
                fig.add_trace(go.Scatter(x=r.t, y=r.y[i], mode="markers", legendgroup=r.method, showlegend=False,
                                         marker=dict(color=colour, size=4), hoverinfo="skip"), i + 1, 1)
        for te, ye in zip(r.t_events, r.y_events):
            if len(te):
                for i in range(n):
                    fig.add_trace(go.Scatter(x=te, y=np.asarray(ye)[:, i], mode="markers", legendgroup=r.method,
                                             name=f"{r.method} events", showlegend=i == 0,
                                             marker=dict(symbol="diamond", size=9, color=colour,
                                                         line=dict(width=1, color="black"))), i + 1, 1)
    fig.update_xaxes(title_text="t", row=n, col=1)
    if log_time:
        fig.update_xaxes(type="log")
    axis_layout(fig, None, None, height=min(240 * n + 80, 820))
    fig.update_xaxes(title_text="t", row=n, col=1)
    return fig


def steps_figure(results, *, log_time=False):
    """Step size h against t on a log axis: where each integrator works hard."""
    fig = go.Figure()
    for k, r in enumerate(results):
        if r.t.size > 1:
            h = np.diff(r.t)
            fig.add_trace(go.Scatter(x=r.t[1:], y=h, mode="lines+markers", name=f"{r.method} ({h.size:,} steps)",
                                     marker=dict(size=3), line=dict(color=PALETTE[k % len(PALETTE)], width=1.5)))
    axis_layout(fig, "t", "step size h", height=320)
    fig.update_yaxes(type="log", exponentformat="power")
    if log_time:
        fig.update_xaxes(type="log")
    return fig


def work_precision_figure(rows):
    """Error against function evaluations, one line per method as rtol tightens (log-log): lower left wins."""
    fig = go.Figure()
    methods = list(dict.fromkeys(r["method"] for r in rows))
    for k, m in enumerate(methods):
        mine = [r for r in rows if r["method"] == m and np.isfinite(r["error"]) and r["error"] > 0]
        fig.add_trace(go.Scatter(x=[r["nfev"] for r in mine], y=[r["error"] for r in mine], mode="lines+markers",
                                 name=m, text=[f"rtol {r['rtol']:g}" for r in mine],
                                 hovertemplate="%{text}<br>nfev %{x}<br>error %{y:.2e}<extra></extra>",
                                 line=dict(color=PALETTE[k % len(PALETTE)], width=2)))
    axis_layout(fig, "function evaluations (nfev)", "largest relative error", height=380)
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log", exponentformat="power")
    return fig


def phase_figure(system, box, field, nullclines, fixed, trajectories, *, clickable=True):
    """The direction field (normalised arrows as short segments), the nullclines (where x' = 0 and y' = 0), the
    fixed points by kind, trajectories forward (solid) and backward (dotted), and a grid of invisible points
    that makes every spot clickable."""
    X, Y, U, V = field
    (xlo, xhi), (ylo, yhi) = box
    fig = go.Figure()
    if clickable:
        gx, gy = np.meshgrid(np.linspace(xlo, xhi, CLICK_GRID), np.linspace(ylo, yhi, CLICK_GRID))
        fig.add_trace(go.Scatter(x=gx.ravel(), y=gy.ravel(), mode="markers", showlegend=False,
                                 name="click to start a trajectory", marker=dict(size=12, opacity=0.0),
                                 hovertemplate="start at (%{x:.3g}, %{y:.3g})<extra></extra>"))
    with np.errstate(all="ignore"):
        norm = np.hypot(U, V)
        scale = 0.4 * min((xhi - xlo) / X.shape[1], (yhi - ylo) / X.shape[0])
        du, dv = U / norm * scale * (xhi - xlo) / max(xhi - xlo, yhi - ylo), V / norm * scale
    ok = np.isfinite(du) & np.isfinite(dv)
    xs, ys = [], []
    for x, y, a, b in zip(X[ok], Y[ok], du[ok], dv[ok]):
        xs += [x - a, x + a, None]
        ys += [y - b, y + b, None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name="direction field", hoverinfo="skip",
                             line=dict(color=DATA_COLOR, width=1)))
    hx, hy = X[ok] + du[ok], Y[ok] + dv[ok]
    fig.add_trace(go.Scatter(x=hx, y=hy, mode="markers", showlegend=False, hoverinfo="skip",
                             marker=dict(size=3, color=DATA_COLOR)))
    names = system.states
    for k, (NX, NY, Z) in enumerate(nullclines):
        fig.add_trace(go.Contour(x=NX[0], y=NY[:, 0], z=Z, contours=dict(start=0, end=0, size=1, coloring="none"),
                                 line=dict(color=(FIT_COLOR, PALETTE[1])[k], width=2.5, dash="dash"),
                                 showscale=False, name=f"{names[k]}' = 0 (nullcline)", showlegend=True,
                                 hoverinfo="skip"))
    for k, (forward, backward) in enumerate(trajectories):
        colour = PALETTE[(k + 2) % len(PALETTE)]
        for part, dash in ((forward, "solid"), (backward, "dot")):
            if part is not None and part.shape[1] > 1:
                fig.add_trace(go.Scatter(x=part[0], y=part[1], mode="lines", showlegend=False,
                                         line=dict(color=colour, width=2, dash=dash), hoverinfo="skip"))
        start = forward[:, 0] if forward is not None else backward[:, 0]
        fig.add_trace(go.Scatter(x=[start[0]], y=[start[1]], mode="markers", showlegend=False,
                                 marker=dict(size=9, color=colour, line=dict(width=1, color="white"))))
    symbols = {"saddle": "x", "stable node": "circle", "unstable node": "circle-open", "stable focus": "circle",
               "unstable focus": "circle-open", "centre (linearly)": "diamond-open"}
    for kind in dict.fromkeys(fp.kind for fp in fixed):
        pts = np.array([fp.point for fp in fixed if fp.kind == kind])
        fig.add_trace(go.Scatter(x=pts[:, 0], y=pts[:, 1], mode="markers", name=kind,
                                 marker=dict(size=13, symbol=symbols.get(kind, "square"), color="black",
                                             line=dict(width=2, color="black"))))
    axis_layout(fig, names[0], names[1], height=560, clickmode="event+select", dragmode="pan")
    fig.update_xaxes(range=[xlo, xhi])
    fig.update_yaxes(range=[ylo, yhi])
    return fig


def lorenz_figure(results, states=("x", "y", "z")):
    """The 3-D trajectory of each method (Lorenz)."""
    fig = go.Figure()
    for k, r in enumerate(results):
        t, y = _dense(r, points=4000)
        fig.add_trace(go.Scatter3d(x=y[0], y=y[1], z=y[2], mode="lines", name=r.method,
                                   line=dict(color=PALETTE[k % len(PALETTE)], width=3)))
    fig.update_layout(height=560, margin=dict(l=0, r=0, t=30, b=0), legend=dict(orientation="h", y=1.05),
                      scene=dict(xaxis_title=states[0], yaxis_title=states[1], zaxis_title=states[2]))
    return fig


def rules_figure(rows, orders):
    """|error| of the trapezoid and Simpson rules against the number of intervals (log-log)."""
    fig = go.Figure()
    scale = max([abs(r["trapezoid"]) for r in rows] + [1.0])
    for k, rule in enumerate(("trapezoid", "simpson")):
        kept = [r for r in rows if r[f"error_{rule}"] > 1e-15 * scale]   # below that, rounding: not drawn
        n, e = [r["n"] - 1 for r in kept], [r[f"error_{rule}"] for r in kept]
        fig.add_trace(go.Scatter(x=n, y=e, mode="lines+markers", name=f"{rule} (order ≈ {orders[rule]:.2f})",
                                 line=dict(color=PALETTE[k], width=2)))
    axis_layout(fig, "intervals n", "|error| against quad", height=360)
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log", exponentformat="power")
    return fig
