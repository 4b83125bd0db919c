"""Figures for the distributions page: pdf/pmf, cdf, survival and quantile functions with overlays; a probability
as a shaded area; draws against the density; fitted densities over the data and a Q-Q plot."""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.common.budget import DISTRIBUTION_VIEW_SECONDS
from core.common.distributions import affordable_points, frozen
from core.common.plotting import DATA_COLOR, FIT_COLOR, PALETTE, axis_layout
from core.distributions.explore import is_discrete, support_grid, view_grid

__all__ = ["functions_figure", "probability_figure", "draws_figure", "fits_figure", "qq_figure", "label_of",
           "relation_figure", "clt_figure", "pp_figure"]


def label_of(name, params):
    inner = ", ".join(f"{k}={v:g}" for k, v in params.items())
    return f"{name}({inner})"


def functions_figure(curves, *, log_y=False):
    """Four panels (density or mass, cdf, survival function, quantile function) for each (name, params); with
    `log_y` the density and survival panels are on a log scale, where the tails can be compared."""
    fig = make_subplots(rows=2, cols=2, subplot_titles=("pdf / pmf", "cdf", "survival function sf = 1 - cdf",
                                                        "quantile function ppf"), vertical_spacing=0.14)
    share = 0.5 / max(len(curves), 1)  # half of each curve's share for the grid, half for the quantiles
    for k, (name, params) in enumerate(curves):
        d, discrete, x = view_grid(name, params, ("pdf", "cdf", "sf"), share=share)
        q = np.linspace(0.001, 0.999, affordable_points(name, ("ppf",), 400, share * DISTRIBUTION_VIEW_SECONDS,
                                                        least=12, what="The quantile function"))
        colour = (FIT_COLOR, *PALETTE[1:])[k % len(PALETTE)]
        label = label_of(name, params)
        style = dict(color=colour, width=2, shape="hv" if discrete else "linear")
        density = d.pmf(x) if discrete else d.pdf(x)
        if discrete:
            fig.add_trace(go.Scatter(x=x, y=density, mode="markers+lines", name=label, legendgroup=label,
                                     line=dict(color=colour, width=1, dash="dot"), marker=dict(size=5)), 1, 1)
        else:
            fig.add_trace(go.Scatter(x=x, y=density, mode="lines", name=label, legendgroup=label, line=style), 1, 1)
        fig.add_trace(go.Scatter(x=x, y=d.cdf(x), mode="lines", showlegend=False, legendgroup=label, line=style), 1, 2)
        fig.add_trace(go.Scatter(x=x, y=d.sf(x), mode="lines", showlegend=False, legendgroup=label, line=style), 2, 1)
        fig.add_trace(go.Scatter(x=q, y=d.ppf(q), mode="lines", showlegend=False, legendgroup=label,
                                 line=dict(color=colour, width=2, shape="vh" if discrete else "linear")), 2, 2)
    fig.update_xaxes(title_text="x", row=1, col=1)
    fig.update_xaxes(title_text="x", row=1, col=2)
    fig.update_xaxes(title_text="x", row=2, col=1)
    fig.update_xaxes(title_text="probability q", row=2, col=2)
    if log_y:
        fig.update_yaxes(type="log", row=1, col=1)
        fig.update_yaxes(type="log", row=2, col=1)
    fig.update_layout(height=620, legend=dict(orientation="h", y=1.1), margin=dict(l=50, r=10, t=60, b=40))
    return fig


def probability_figure(name, params, lower, upper, probability):
    """The density with P(lower < X <= upper) shaded."""
    d, discrete, x = view_grid(name, params, ("pdf",))
    lo = -np.inf if lower is None else lower
    hi = np.inf if upper is None else upper
    fig = go.Figure()
    if discrete:
        inside = (x > lo) & (x <= hi)
        fig.add_trace(go.Bar(x=x, y=d.pmf(x), marker_color=np.where(inside, FIT_COLOR, DATA_COLOR), name="pmf"))
    else:
        y = d.pdf(x)
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines", name="pdf", line=dict(color=DATA_COLOR, width=2)))
        sel = (x >= lo) & (x <= hi)
        if sel.any():
            xs = np.r_[max(x[sel][0], lo), x[sel], min(x[sel][-1], hi)]
            fig.add_trace(go.Scatter(x=xs, y=d.pdf(xs), mode="lines", fill="tozeroy", name=f"P = {probability:.4g}",
                                     line=dict(color=FIT_COLOR, width=1)))
    axis_layout(fig, "x", "probability mass" if discrete else "density")
    fig.update_layout(height=340)
    return fig


def draws_figure(name, params, draws):
    """A histogram of the draws (density scale) against the distribution's pdf or pmf."""
    d, discrete = frozen(name, params), is_discrete(name)
    fig = go.Figure()
    if discrete:
        values, counts = np.unique(draws, return_counts=True)
        fig.add_trace(go.Bar(x=values, y=counts / draws.size, name="draws", marker_color=DATA_COLOR, opacity=0.6))
        x = view_grid(name, params, ("pdf",))[2]
        fig.add_trace(go.Scatter(x=x, y=d.pmf(x), mode="markers", name="pmf", marker=dict(color=FIT_COLOR, size=7)))
    else:
        heights, edges = np.histogram(draws, bins="auto" if draws.size <= 100_000 else 200, density=True)
        fig.add_trace(go.Bar(x=0.5 * (edges[1:] + edges[:-1]), y=heights, width=np.diff(edges), name="draws",
                             marker_color=DATA_COLOR, opacity=0.6))
        x = np.linspace(edges[0], edges[-1], affordable_points(name, ("pdf",), 600, DISTRIBUTION_VIEW_SECONDS))
        fig.add_trace(go.Scatter(x=x, y=d.pdf(x), mode="lines", name="pdf", line=dict(color=FIT_COLOR, width=2)))
    axis_layout(fig, "x", "density")
    fig.update_layout(height=340, bargap=0.02)
    return fig


def fits_figure(data, fits, *, x_label="x"):
    """The data (histogram, or relative frequencies for counts) with each fitted density."""
    x = np.asarray(data, dtype=float)
    fig = go.Figure()
    discrete = fits and is_discrete(fits[0].name)
    if discrete:
        values, counts = np.unique(x, return_counts=True)
        fig.add_trace(go.Bar(x=values, y=counts / x.size, name="data", marker_color=DATA_COLOR, opacity=0.6))
        grid = np.arange(int(x.min()), int(x.max()) + 1)
    else:
        heights, edges = np.histogram(x, bins="auto", density=True)
        fig.add_trace(go.Bar(x=0.5 * (edges[1:] + edges[:-1]), y=heights, width=np.diff(edges), name="data",
                             marker_color=DATA_COLOR, opacity=0.6))
        grid = np.linspace(edges[0], edges[-1], 600)
    for k, f in enumerate(fits):
        d = frozen(f.name, f.params)
        n = affordable_points(f.name, ("pdf",), grid.size, DISTRIBUTION_VIEW_SECONDS / len(fits), least=2)
        points = grid if n == grid.size else np.linspace(grid[0], grid[-1], n)
        y = d.pmf(points) if discrete else d.pdf(points)
        fig.add_trace(go.Scatter(x=points, y=y, mode="lines+markers" if discrete else "lines", name=f.name,
                                 line=dict(color=PALETTE[k % len(PALETTE)], width=2)))
    axis_layout(fig, x_label, "probability" if discrete else "density")
    fig.update_layout(height=360, bargap=0.02)
    if not discrete and heights.size and heights.max() > 0:  # a density with a pole (shape < 1) must not flatten
        fig.update_yaxes(range=[0, 1.6 * float(heights.max())])  # the data: its peak runs off the top instead
    return fig


def qq_figure(data, fit):
    """Sample quantiles against the fitted distribution's: on the line when the fit is right; a bow says the data
    are skewed relative to it, an S that their tails are heavier or lighter."""
    x = np.sort(np.asarray(data, dtype=float))
    p = (np.arange(1, x.size + 1) - 0.5) / x.size
    shown = affordable_points(fit.name, ("ppf",), min(x.size, 2000), DISTRIBUTION_VIEW_SECONDS,
                              least=min(x.size, 30), what="The Q-Q plot")
    idx = np.unique(np.linspace(0, x.size - 1, shown).astype(int))
    theory = frozen(fit.name, fit.params).ppf(p[idx])
    fig = go.Figure(go.Scatter(x=theory, y=x[idx], mode="markers", name="data", marker=dict(color=DATA_COLOR, size=5)))
    ends = [float(np.nanmin(theory)), float(np.nanmax(theory))]
    fig.add_trace(go.Scatter(x=ends, y=ends, mode="lines", name="y = x", line=dict(color=FIT_COLOR, dash="dash")))
    axis_layout(fig, f"quantiles of the fitted {fit.name}", "data quantiles")
    fig.update_layout(height=360)
    return fig


def relation_figure(exact, approx):
    """An exact distribution (bars for a discrete one) and its approximation over the same range."""
    d, a = frozen(*exact), frozen(*approx)
    discrete = is_discrete(exact[0])
    x = support_grid(d, discrete)
    fig = go.Figure()
    if discrete:
        fig.add_trace(go.Bar(x=x, y=d.pmf(x), name=label_of(*exact), marker_color=DATA_COLOR, opacity=0.7))
    else:
        fig.add_trace(go.Scatter(x=x, y=d.pdf(x), mode="lines", name=label_of(*exact),
                                 line=dict(color=DATA_COLOR, width=3)))
    if is_discrete(approx[0]):
        fig.add_trace(go.Scatter(x=x, y=a.pmf(x), mode="markers", name=label_of(*approx),
                                 marker=dict(color=FIT_COLOR, size=8, symbol="diamond")))
    else:
        grid = np.linspace(x[0] - 0.5, x[-1] + 0.5, 600) if discrete else x
        fig.add_trace(go.Scatter(x=grid, y=a.pdf(grid), mode="lines", name=label_of(*approx),
                                 line=dict(color=FIT_COLOR, width=2, dash="dash")))
    axis_layout(fig, "x", "probability" if discrete else "density")
    fig.update_layout(height=360, bargap=0.05, legend=dict(orientation="h", y=1.12))
    return fig


def clt_figure(means, name, params, n):
    """The means of n draws against normal(mu, sigma / sqrt(n)) when the variance is finite."""
    d = frozen(name, params)
    lo, hi = np.quantile(means, [0.001, 0.999])
    heights, edges = np.histogram(means[(means >= lo) & (means <= hi)], bins=60, density=True)
    fig = go.Figure(go.Bar(x=0.5 * (edges[1:] + edges[:-1]), y=heights, width=np.diff(edges), name=f"means of {n}",
                           marker_color=DATA_COLOR, opacity=0.6))
    mean, var = (float(v) for v in d.stats(moments="mv"))
    if np.isfinite(mean) and np.isfinite(var):
        x = np.linspace(edges[0], edges[-1], 400)
        sd = np.sqrt(var / n)
        fig.add_trace(go.Scatter(x=x, y=np.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * np.sqrt(2 * np.pi)),
                                 mode="lines", name="normal(μ, σ/√n)", line=dict(color=FIT_COLOR, width=2)))
    axis_layout(fig, f"mean of {n} draws", "density")
    fig.update_layout(height=360, bargap=0.02, legend=dict(orientation="h", y=1.12))
    return fig


def pp_figure(data, fit):
    """The fitted cdf at each sorted data point against its plotting position (i - 1/2) / n: on the diagonal when
    the fit is right; the P-P plot is most sensitive in the middle, the Q-Q plot in the tails."""
    x = np.sort(np.asarray(data, dtype=float))
    p = (np.arange(1, x.size + 1) - 0.5) / x.size
    shown = affordable_points(fit.name, ("cdf",), min(x.size, 2000), DISTRIBUTION_VIEW_SECONDS,
                              least=min(x.size, 30), what="The P-P plot")
    idx = np.unique(np.linspace(0, x.size - 1, shown).astype(int))
    fitted = frozen(fit.name, fit.params).cdf(x[idx])
    fig = go.Figure(go.Scatter(x=p[idx], y=fitted, mode="markers", name="data", marker=dict(color=DATA_COLOR, size=5)))
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name="y = x", line=dict(color=FIT_COLOR, dash="dash")))
    axis_layout(fig, "empirical probability (i - 1/2) / n", f"fitted {fit.name} cdf")
    fig.update_layout(height=360)
    return fig
