"""Plotly figures built from results: pure functions, testable without a browser.

Every figure thins its data traces with :func:`core.common.decimation.decimate`; functions return ``(figure, note)``
where `note` is the caption that says so ('' when nothing was thinned). Colours come from
:mod:`core.common.plotting`.
"""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.common.decimation import MAX_TRACE_POINTS, decimate
from core.common.plotting import BAND_COLOR, DATA_COLOR, FIT_COLOR, PALETTE, PRED_COLOR, qq_points
from core.common.plotting import layout as _layout

__all__ = ["fit_figure", "residual_figure", "correlation_figure", "compare_figure", "CURVE_POINTS"]

CURVE_POINTS = 400


def _grid(x, points=CURVE_POINTS, log=False):
    lo, hi = float(np.min(x)), float(np.max(x))
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    if log and lo > 0:
        return np.geomspace(lo, hi, points)
    return np.linspace(lo, hi, points)


def fit_figure(result, x, y, *, confidence_level=0.95, bands=True, sigma=None, x_label="x", y_label="y",
               log_x=False, max_points=MAX_TRACE_POINTS):
    """Data, fitted curve, confidence band and prediction band.

    With several predictors the curve cannot be drawn against one axis: the figure shows observed
    against fitted values with the identity line instead.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    fig = go.Figure()
    if x.ndim == 2:
        fitted = result.predict(x)
        fx, fy, note = decimate(fitted, y, max_points)
        fig.add_trace(go.Scatter(x=fx, y=fy, mode="markers", name="data",
                                   marker=dict(color=DATA_COLOR, size=6, opacity=0.8)))
        lo, hi = float(min(fitted.min(), y.min())), float(max(fitted.max(), y.max()))
        fig.add_trace(go.Scatter(x=[lo, hi], y=[lo, hi], mode="lines", name="observed = fitted",
                                 line=dict(color=FIT_COLOR, dash="dash")))
        return _layout(fig, f"fitted {y_label}", f"observed {y_label}"), note

    dx, dy, note = decimate(x, y, max_points)
    fig.add_trace(go.Scatter(x=dx, y=dy, mode="markers", name="data",
                               marker=dict(color=DATA_COLOR, size=6, opacity=0.8)))
    if sigma is not None and len(dx) == len(x):
        fig.data[0].error_y = dict(type="data", array=np.asarray(sigma, float), visible=True, thickness=1)
    log_x = log_x and float(np.min(x)) > 0
    grid = _grid(x, log=log_x)
    curve = result.predict(grid)
    level = int(round(confidence_level * 100))
    if bands and result.success and result.has_covariance and np.all(np.isfinite(curve)):
        new_sigma = None if sigma is None else float(np.median(sigma))
        pred = result.prediction_band(grid, confidence_level, sigma=new_sigma)
        conf = result.confidence_band(grid, confidence_level)
        if np.all(np.isfinite(pred)):
            fig.add_trace(go.Scatter(x=grid, y=curve + pred, mode="lines", name=f"{level}% prediction band",
                                     line=dict(color=PRED_COLOR, dash="dot", width=1), legendgroup="pred"))
            fig.add_trace(go.Scatter(x=grid, y=curve - pred, mode="lines", showlegend=False,
                                     line=dict(color=PRED_COLOR, dash="dot", width=1), legendgroup="pred"))
        if np.all(np.isfinite(conf)):
            fig.add_trace(go.Scatter(x=np.r_[grid, grid[::-1]], y=np.r_[curve + conf, (curve - conf)[::-1]],
                                     fill="toself", fillcolor=BAND_COLOR, line=dict(width=0),
                                     name=f"{level}% confidence band", hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=grid, y=curve, mode="lines", name="fit" if result.success else "start values",
                             line=dict(color=FIT_COLOR, width=2.5, dash=None if result.success else "dash")))
    _layout(fig, x_label, y_label)
    if log_x:
        fig.update_xaxes(type="log")
    return fig, note


def residual_figure(result, x, y, *, sigma=None, kind="qq", x_label="x", max_points=MAX_TRACE_POINTS):
    """Residuals against x (or against fitted values with several predictors) and a Q-Q plot or histogram.

    Residuals are divided by sigma for a weighted fit ("normalised residuals").
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    fitted = result.predict(x)
    resid = y - fitted
    label = "residual"
    if sigma is not None:
        resid = resid / np.asarray(sigma, dtype=float)
        label = "residual / sigma"
    against = x if x.ndim == 1 else fitted
    right = "Normal Q-Q plot" if kind == "qq" else "Histogram"
    fig = make_subplots(rows=1, cols=2, column_widths=[0.62, 0.38], subplot_titles=("Residuals", right))
    dx, dr, note = decimate(against, resid, max_points)
    fig.add_trace(go.Scatter(x=dx, y=dr, mode="markers", name="residual", showlegend=False,
                               marker=dict(color=DATA_COLOR, size=5)), row=1, col=1)
    fig.add_hline(y=0, line=dict(color=FIT_COLOR, dash="dash"), row=1, col=1)
    if kind == "qq":
        qx, qy = qq_points(resid, max_points)
        slope, intercept = np.polyfit(qx, qy, 1) if qx.size > 1 else (1.0, 0.0)
        theo = qx
        fig.add_trace(go.Scatter(x=qx, y=qy, mode="markers", showlegend=False, name="quantiles",
                                   marker=dict(color=DATA_COLOR, size=5)), row=1, col=2)
        ends = np.array([theo.min(), theo.max()]) if theo.size else np.array([0.0, 1.0])
        fig.add_trace(go.Scatter(x=ends, y=intercept + slope * ends, mode="lines", showlegend=False,
                                 line=dict(color=FIT_COLOR, dash="dash")), row=1, col=2)
        fig.update_xaxes(title_text="normal quantile", row=1, col=2)
        fig.update_yaxes(title_text=f"ordered {label}", row=1, col=2)
    else:
        counts, edges = np.histogram(resid, bins="auto" if resid.size <= 100_000 else 100)
        if counts.size > 200:
            counts, edges = np.histogram(resid, bins=200)
        fig.add_trace(go.Bar(x=0.5 * (edges[1:] + edges[:-1]), y=counts, width=np.diff(edges),
                             marker_color=DATA_COLOR, showlegend=False, name="count"), row=1, col=2)
        fig.update_xaxes(title_text=label, row=1, col=2)
        fig.update_yaxes(title_text="count", row=1, col=2)
    fig.update_xaxes(title_text=x_label if x.ndim == 1 else "fitted value", row=1, col=1)
    fig.update_yaxes(title_text=label, row=1, col=1)
    fig.update_layout(margin=dict(l=10, r=10, t=30, b=10))
    return fig, note


def correlation_figure(result):
    """Heatmap of the parameter correlation matrix (None without a covariance)."""
    corr = result.correlation()
    if corr is None:
        return None
    names = list(result.free)
    text = [[f"{v:+.3f}" for v in row] for row in corr]
    fig = go.Figure(go.Heatmap(z=corr, x=names, y=names, zmin=-1, zmax=1, colorscale="RdBu", reversescale=True,
                               text=text, texttemplate="%{text}", colorbar=dict(title="r")))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(margin=dict(l=10, r=10, t=10, b=10), height=120 + 40 * len(names))
    return fig


def compare_figure(fits, x, y, *, x_label="x", y_label="y", max_points=MAX_TRACE_POINTS):
    """Data with the curves of several successful fits overlaid; `fits` is a list of (label, FitResult)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    dx, dy, note = decimate(x, y, max_points)
    fig = go.Figure(go.Scatter(x=dx, y=dy, mode="markers", name="data",
                                 marker=dict(color=DATA_COLOR, size=6, opacity=0.8)))
    grid = _grid(x)
    for i, (label, result) in enumerate(fits):
        fig.add_trace(go.Scatter(x=grid, y=result.predict(grid), mode="lines", name=label,
                                 line=dict(color=PALETTE[i % len(PALETTE)], width=2)))
    return _layout(fig, x_label, y_label), note
