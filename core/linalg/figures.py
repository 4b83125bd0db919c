"""Figures for the linear-algebra page: the scree plot, scores, loadings heatmap and biplot, reconstruction
error; an image and its low-rank approximation with the singular values; solver timings; a sparsity pattern
(decimated: never the dense matrix), topics, svds against dense svd, and residual histories."""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.common.plotting import DATA_COLOR, FIT_COLOR, PALETTE, axis_layout

__all__ = ["scree_figure", "scores_figure", "loadings_figure", "biplot_figure", "reconstruction_figure",
           "image_figure", "spectrum_figure", "factor_figure", "pattern_figure", "documents_figure",
           "svds_timing_figure", "residuals_figure"]

_MAX_POINTS = 20_000


def scree_figure(result):
    k = np.arange(1, len(result.explained_variance_ratio) + 1)
    fig = go.Figure(go.Bar(x=k, y=result.explained_variance_ratio, name="explained variance ratio",
                           marker_color=DATA_COLOR))
    fig.add_trace(go.Scatter(x=k, y=np.cumsum(result.explained_variance_ratio), mode="lines+markers",
                             name="cumulative", line=dict(color=FIT_COLOR, width=2)))
    axis_layout(fig, "component", "share of the variance", height=320)
    fig.update_yaxes(range=[0, 1.05])
    return fig


def scores_figure(result, i, j, colour=None, colour_name=None):
    """Scores on components i and j (0-based), coloured by a column's values when given."""
    S = result.scores
    idx = np.arange(S.shape[0])
    if S.shape[0] > _MAX_POINTS:
        idx = np.random.default_rng(0).choice(S.shape[0], _MAX_POINTS, replace=False)
    fig = go.Figure()
    if colour is None:
        fig.add_trace(go.Scatter(x=S[idx, i], y=S[idx, j], mode="markers", name="rows",
                                 marker=dict(color=DATA_COLOR, size=6, opacity=0.7)))
    else:
        colour = np.asarray(colour)[idx]
        for k, g in enumerate(list(dict.fromkeys(colour.tolist()))[:12]):
            sel = colour == g
            fig.add_trace(go.Scatter(x=S[idx][sel, i], y=S[idx][sel, j], mode="markers", name=str(g)[:30],
                                     marker=dict(color=PALETTE[k % len(PALETTE)], size=6, opacity=0.8)))
    r = result.explained_variance_ratio
    axis_layout(fig, f"PC{i + 1} ({r[i]:.0%})", f"PC{j + 1} ({r[j]:.0%})", height=440,
                legend_title_text=str(colour_name)[:30] if colour_name else None)
    return fig


def loadings_figure(result):
    L = result.loadings
    fig = go.Figure(go.Heatmap(z=L, x=[f"PC{k + 1}" for k in range(L.shape[1])], y=list(result.columns),
                               colorscale="RdBu", zmid=0, zmin=-1, zmax=1, colorbar=dict(title="loading")))
    axis_layout(fig, "component", None, height=max(260, 28 * L.shape[0] + 80))
    fig.update_yaxes(autorange="reversed")
    return fig


def biplot_figure(result, i=0, j=1):
    """Scores (points) and loadings (arrows scaled to the scores' spread) on components i and j."""
    fig = scores_figure(result, i, j)
    S, L = result.scores, result.loadings
    scale = 0.9 * np.abs(S[:, [i, j]]).max() / max(np.abs(L[:, [i, j]]).max(), 1e-12)
    for k, name in enumerate(result.columns):
        x, y = L[k, i] * scale, L[k, j] * scale
        fig.add_annotation(x=x, y=y, ax=0, ay=0, xref="x", yref="y", axref="x", ayref="y", showarrow=True,
                           arrowhead=2, arrowcolor=FIT_COLOR, text="")
        fig.add_trace(go.Scatter(x=[x], y=[y], mode="text", text=[str(name)[:20]], showlegend=False,
                                 textposition="top center", textfont=dict(color=FIT_COLOR)))
    return fig


def reconstruction_figure(errors):
    k = np.arange(1, len(errors) + 1)
    fig = go.Figure(go.Scatter(x=k, y=errors, mode="lines+markers", name="relative error",
                               line=dict(color=FIT_COLOR, width=2)))
    axis_layout(fig, "components kept", "relative reconstruction error", height=300)
    return fig


def image_figure(original, approx, k):
    fig = make_subplots(rows=1, cols=2, subplot_titles=("original", f"rank {k}"), horizontal_spacing=0.03)
    for c, img in enumerate((original, approx)):
        fig.add_trace(go.Heatmap(z=img[::-1], colorscale="gray", showscale=False, hoverinfo="skip"), 1, c + 1)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    fig.update_layout(height=360, margin=dict(l=0, r=0, t=30, b=0))
    return fig


def spectrum_figure(s, k):
    fig = go.Figure(go.Scatter(x=np.arange(1, len(s) + 1), y=s, mode="lines", name="singular values",
                               line=dict(color=DATA_COLOR, width=2)))
    fig.add_vline(x=k, line=dict(color=FIT_COLOR, dash="dash"))
    axis_layout(fig, "index", "singular value", height=300)
    fig.update_yaxes(type="log", exponentformat="power")
    return fig


def _timings(x, lines, x_label):
    """Seconds against x on log-log axes, one line per (name, y values, colour)."""
    fig = go.Figure()
    for name, y, colour in lines:
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines+markers", name=name, line=dict(color=colour, width=2)))
    axis_layout(fig, x_label, "seconds", height=320)
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log", exponentformat="power")
    return fig


def factor_figure(rows):
    return _timings([r["m"] for r in rows], [
        ("solve for each right-hand side", [r["solve each (s)"] for r in rows], DATA_COLOR),
        ("lu_factor once + lu_solve each", [r["factor once (s)"] for r in rows], FIT_COLOR)], "right-hand sides m")


def pattern_figure(X, max_points=_MAX_POINTS):
    """Where the nonzeros are: at most `max_points` of them (a uniform sample when there are more), from the
    COO coordinates; the dense matrix is never formed."""
    C = X.tocoo()
    rows, cols = C.row, C.col
    if rows.size > max_points:
        pick = np.random.default_rng(0).choice(rows.size, max_points, replace=False)
        rows, cols = rows[pick], cols[pick]
    fig = go.Figure(go.Scatter(x=cols, y=rows, mode="markers", marker=dict(size=2 if C.nnz > 2000 else 5,
                                                                              color=DATA_COLOR),
                               name=f"{min(C.nnz, max_points):,} of {C.nnz:,} nonzeros"))
    axis_layout(fig, "column", "row", height=380)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(showlegend=True)
    return fig


def documents_figure(u, s, labels):
    """Documents placed by their first two components (u x s)."""
    P = u[:, :2] * s[:2]
    fig = go.Figure(go.Scatter(x=P[:, 0], y=P[:, 1], mode="markers", text=[str(t)[:60] for t in labels],
                               hovertemplate="%{text}<extra></extra>", marker=dict(size=8, color=FIT_COLOR)))
    axis_layout(fig, "component 1", "component 2", height=380)
    return fig


def svds_timing_figure(rows):
    return _timings([r["nnz"] for r in rows], [
        ("svds (k largest)", [r["svds (s)"] for r in rows], FIT_COLOR),
        ("dense scipy.linalg.svd (all)", [r["dense svd (s)"] for r in rows], DATA_COLOR)], "nonzeros")


def residuals_figure(histories):
    fig = go.Figure()
    for k, (name, h) in enumerate(histories.items()):
        h = np.asarray(h).reshape(-1, 2)
        if len(h) > 5000:
            h = h[np.unique(np.linspace(0, len(h) - 1, 5000).astype(int))]
        fig.add_trace(go.Scatter(x=h[:, 0], y=h[:, 1], mode="lines+markers", name=name, marker=dict(size=3),
                                 line=dict(color=PALETTE[k % len(PALETTE)], width=2)))
    axis_layout(fig, "iteration", "relative residual ||b - A x|| / ||b||",
                height=340)
    fig.update_yaxes(type="log", exponentformat="power")
    return fig
