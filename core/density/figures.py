"""Figures for the kernel-density page."""

import numpy as np
import plotly.graph_objects as go

from core.common.plotting import DATA_COLOR, FIT_COLOR, PALETTE, axis_layout

__all__ = ["density_figure", "rules_figure", "cdf_figure", "fits_figure", "contour_figure", "groups_figure",
           "MAX_RUG"]

MAX_RUG = 2000


def _layout(fig, x_label, y_label):
    return axis_layout(fig, x_label, y_label, bargap=0.02)


def density_figure(results, labels, *, histogram=None, rug=None, kernels=None, x_label="value", rng=0, log_x=False):
    """KDE curves (one per series) over an optional density histogram, rug and per-point kernels.

    `histogram` is (edges, heights); `rug` an array (a random MAX_RUG of it is drawn); `kernels` an (n, grid)
    array for the first series; `log_x` draws the x axis on a log scale. Returns (fig, note).
    """
    fig = go.Figure()
    note = ""
    if histogram is not None:
        edges, heights = histogram
        fig.add_trace(go.Bar(x=0.5 * (edges[1:] + edges[:-1]), y=heights, width=np.diff(edges), name="histogram",
                             marker_color=DATA_COLOR, opacity=0.35))
    if kernels is not None:
        for i, k in enumerate(kernels):
            fig.add_trace(go.Scatter(x=results[0].grid, y=k, mode="lines", line=dict(color=DATA_COLOR, width=1),
                                     name="kernels", legendgroup="kernels", showlegend=i == 0, hoverinfo="skip"))
    for i, (r, label) in enumerate(zip(results, labels)):
        fig.add_trace(go.Scatter(x=r.grid, y=r.density, mode="lines", name=f"{label} (h = {r.bandwidth:.3g})",
                                 line=dict(color=PALETTE[i % len(PALETTE)], width=2.5)))
    if rug is not None:
        rug = np.asarray(rug, dtype=float)
        if rug.size > MAX_RUG:
            rug = np.random.default_rng(rng).choice(rug, MAX_RUG, replace=False)
            note = f"The rug shows a random {MAX_RUG:,} of the points; the density uses all of them."
        top = max(float(np.max(r.density)) for r in results)
        fig.add_trace(go.Scatter(x=rug, y=np.full(rug.size, -0.03 * top), mode="markers", name="data",
                                   marker=dict(symbol="line-ns-open", size=10, color=DATA_COLOR, opacity=0.5)))
    _layout(fig, x_label, "density")
    if log_x:
        fig.update_xaxes(type="log")
    return fig, note


def groups_figure(grid, components, labels, *, multiple="layer", common_norm=True, log_x=False, x_label="value"):
    """Groups' densities from :func:`~core.density.estimation.group_densities`: lines (layer) or stacked areas
    (stack, fill), on a log x axis for log-scale estimates."""
    fig = go.Figure()
    stacked = multiple in ("stack", "fill")
    for i, (label, y) in enumerate(zip(labels, components)):
        colour = PALETTE[i % len(PALETTE)]
        fig.add_trace(go.Scatter(x=grid, y=y, mode="lines", name=label, line=dict(color=colour, width=1 if stacked
                                                                                     else 2.5),
                                 stackgroup="groups" if stacked else None,
                                 hovertemplate="%{x:.4g}: %{y:.4g}<extra>" + label.replace("<", "‹") + "</extra>"))
    y_label = {"layer": "density", "stack": "density (stacked)", "fill": "proportion"}[multiple]
    if common_norm and multiple != "fill":
        y_label += ", groups weighted by their share"
    _layout(fig, x_label, y_label)
    if multiple == "fill":
        fig.update_yaxes(range=[0, 1])
    if log_x:
        fig.update_xaxes(type="log")
    return fig


def rules_figure(results, *, x_label="value"):
    """The same data smoothed with each bandwidth rule: ``results`` maps rule -> KDEResult."""
    fig = go.Figure()
    for i, (rule, r) in enumerate(results.items()):
        fig.add_trace(go.Scatter(x=r.grid, y=r.density, mode="lines", name=f"{rule} (h = {r.bandwidth:.3g})",
                                 line=dict(color=PALETTE[i % len(PALETTE)], width=2)))
    return _layout(fig, x_label, "density")


def cdf_figure(result, quantiles, *, x_label="value"):
    fig = go.Figure(go.Scatter(x=result.grid, y=result.cdf(), mode="lines", name="CDF from the KDE",
                               line=dict(color=PALETTE[0], width=2.5)))
    for p, q in quantiles.items():
        fig.add_trace(go.Scatter(x=[q, q], y=[0, p], mode="lines", showlegend=False, hoverinfo="skip",
                                 line=dict(color=DATA_COLOR, dash="dot", width=1)))
    return _layout(fig, x_label, "cumulative probability")


def fits_figure(result, rows, *, x_label="value"):
    """The KDE with the fitted parametric densities overlaid."""
    from scipy import stats

    fig = go.Figure(go.Scatter(x=result.grid, y=result.density, mode="lines", name="KDE",
                               line=dict(color=FIT_COLOR, width=3)))
    for i, row in enumerate(r for r in rows if r["status"] == "ok"):
        with np.errstate(all="ignore"):
            y = getattr(stats, row["name"]).pdf(result.grid, *row["params"])
        fig.add_trace(go.Scatter(x=result.grid, y=np.where(np.isfinite(y), y, np.nan), mode="lines",
                                 name=row["distribution"], line=dict(color=PALETTE[(i + 1) % len(PALETTE)], dash="dash")))
    return _layout(fig, x_label, "density")


def contour_figure(result, x, y, *, x_label="x", y_label="y", max_points=3000, rng=0):
    """Highest-density-region contours (50/80/95%) of a 2-D KDE over the scatter; returns (fig, note)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    note = ""
    if x.size > max_points:
        idx = np.random.default_rng(rng).choice(x.size, max_points, replace=False)
        x, y = x[idx], y[idx]
        note = f"Showing a random {max_points:,} points; the density uses all of them."
    fig = go.Figure(go.Scatter(x=x, y=y, mode="markers", name="data",
                                 marker=dict(color=DATA_COLOR, size=4, opacity=0.4)))
    for i, (mass, level) in enumerate(sorted(result.levels.items())):
        fig.add_trace(go.Contour(x=result.x, y=result.y, z=result.density, showscale=False, name=f"{mass:.0%}",
                                 contours=dict(type="constraint", operation=">=", value=level, showlabels=False),
                                 line=dict(color=PALETTE[i % len(PALETTE)], width=2), fillcolor="rgba(0,0,0,0)",
                                 showlegend=True, hoverinfo="skip"))
    return _layout(fig, x_label, y_label), note
