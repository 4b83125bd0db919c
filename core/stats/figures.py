"""Figures for the hypothesis-testing page: the groups, the null distribution, ECDFs, Q-Q plots.

Boxes are drawn from precomputed quartiles, so a million values cost nothing to send; the points shown
beside them are a random subset of at most ``MAX_POINTS_PER_GROUP`` per group.
"""

import numpy as np
import plotly.graph_objects as go
from scipy import stats

from core.common.plotting import DATA_COLOR, FIT_COLOR, PALETTE, axis_layout
from core.common.decimation import MAX_TRACE_POINTS

__all__ = ["groups_figure", "null_figure", "ecdf_figure", "qq_figure", "scatter_figure", "table_figure",
           "posthoc_figure", "MAX_POINTS_PER_GROUP"]

MAX_POINTS_PER_GROUP = 1500
SHADE = "rgba(228, 87, 46, 0.35)"


def _layout(fig, x_label, y_label):
    return axis_layout(fig, x_label, y_label)


def _subset(a, limit, rng):
    return a if a.size <= limit else rng.choice(a, limit, replace=False)


def groups_figure(samples, labels, *, y_label="value", rng=0):
    """Box per group (quartiles of all values, whiskers at 1.5 IQR) with jittered points; returns (fig, note)."""
    gen = np.random.default_rng(rng)
    fig = go.Figure()
    thinned = False
    for i, (a, label) in enumerate(zip(samples, labels)):
        a = np.asarray(a, dtype=float)
        q1, med, q3 = np.percentile(a, [25, 50, 75])
        iqr = q3 - q1
        inside = a[(a >= q1 - 1.5 * iqr) & (a <= q3 + 1.5 * iqr)]
        color = PALETTE[i % len(PALETTE)]
        fig.add_trace(go.Box(x=[i], q1=[q1], median=[med], q3=[q3], lowerfence=[inside.min()],
                             upperfence=[inside.max()], mean=[a.mean()], name=str(label), marker_color=color,
                             boxpoints=False, showlegend=False, width=0.5))
        shown = _subset(a, MAX_POINTS_PER_GROUP, gen)
        thinned |= shown.size < a.size
        fig.add_trace(go.Scatter(x=i + gen.uniform(-0.22, 0.22, shown.size), y=shown, mode="markers",
                                   showlegend=False, marker=dict(color=color, size=5, opacity=0.45), name=str(label),
                                   hovertemplate="%{y}<extra>" + str(label).replace("<", "&lt;") + "</extra>"))
    fig.update_xaxes(tickvals=list(range(len(labels))), ticktext=[str(v) for v in labels])
    note = (f"Boxes use all values; points show a random {MAX_POINTS_PER_GROUP:,} per group." if thinned else "")
    return _layout(fig, "", y_label), note


def _shaded_density(x, pdf, observed, alternative, name, x_label):
    fig = go.Figure(go.Scatter(x=x, y=pdf, mode="lines", name=name, line=dict(color=DATA_COLOR, width=2)))
    regions = []
    if alternative in ("two-sided", "abs"):
        regions = [x >= abs(observed), x <= -abs(observed)]
    elif alternative == "upper":
        regions = [x >= observed]
    elif alternative == "greater":
        regions = [x >= observed]
    elif alternative == "less":
        regions = [x <= observed]
    for i, mask in enumerate(regions):
        if mask.any():
            fig.add_trace(go.Scatter(x=x[mask], y=pdf[mask], fill="tozeroy", mode="none", fillcolor=SHADE,
                                     name="p-value area", showlegend=i == 0))
    fig.add_vline(x=observed, line=dict(color=FIT_COLOR, width=2, dash="dash"),
                  annotation_text=f"observed {observed:.3g}", annotation_position="top left")
    fig = _layout(fig, x_label, "density")
    fig.update_layout(legend=dict(orientation="h", y=-0.25, x=0), margin=dict(t=30))
    return fig


def _grid(dist, observed):
    lo, hi = dist.ppf(1e-4), dist.ppf(1 - 1e-4)
    lo, hi = min(lo, observed, -abs(observed)), max(hi, observed, abs(observed))
    return np.linspace(lo, hi, 600)


def null_figure(result):
    """The test statistic's null distribution with the observed value and the p-value area, or None.

    Rank tests are shown through the normal approximation of their standardised statistic; permutation
    tests through the resampled null distribution of the user's own data; the bootstrap through its
    resampled distribution with the CI marked.
    """
    t, alt, stat = result.test, result.alternative, result.statistic
    n = [d["n"] for d in result.sizes]
    if t == "permutation_test":
        null = result.extra["null_distribution"]
        counts, edges = np.histogram(null, bins=min(100, max(10, null.size // 50)))
        centers = 0.5 * (edges[1:] + edges[:-1])
        fig = go.Figure(go.Bar(x=centers, y=counts, width=np.diff(edges), marker_color=DATA_COLOR,
                               name=f"{null.size:,} relabellings"))
        extreme = {"two-sided": np.abs(centers) >= abs(stat), "greater": centers >= stat,
                   "less": centers <= stat}[alt]
        fig.add_trace(go.Bar(x=centers[extreme], y=counts[extreme], width=np.diff(edges)[extreme],
                             marker_color=FIT_COLOR, name="as or more extreme"))
        fig.update_layout(barmode="overlay")
        fig.add_vline(x=stat, line=dict(color=FIT_COLOR, dash="dash"), annotation_text=f"observed {stat:.3g}")
        return _layout(fig, "difference of means under shuffled labels", "count")
    if t == "bootstrap":
        boot = result.extra["bootstrap_distribution"]
        counts, edges = np.histogram(boot, bins=100)
        fig = go.Figure(go.Bar(x=0.5 * (edges[1:] + edges[:-1]), y=counts, width=np.diff(edges),
                               marker_color=DATA_COLOR, name=f"{boot.size:,} bootstrap resamples"))
        for v in result.ci:
            if np.isfinite(v):
                fig.add_vline(x=v, line=dict(color=FIT_COLOR, dash="dash"), annotation_text=f"{v:.3g}")
        fig.add_vline(x=0, line=dict(color=DATA_COLOR, width=1))
        return _layout(fig, "difference of means (resampled)", "count")
    if t in ("ttest_1samp", "ttest_rel", "ttest_ind"):
        dist = stats.t(result.df)
        x = _grid(dist, stat)
        return _shaded_density(x, dist.pdf(x), stat, alt, f"t distribution, df = {result.df:.4g}", "t")
    if t in ("pearsonr", "spearmanr"):
        df = n[0] - 2
        r = max(min(stat, 1 - 1e-12), -1 + 1e-12)
        tstat = r * np.sqrt(df / (1 - r * r))
        dist = stats.t(df)
        x = _grid(dist, tstat)
        return _shaded_density(x, dist.pdf(x), tstat, alt, f"t distribution, df = {df}", "t = r √(df / (1 - r²))")
    if t in ("f_oneway", "levene"):
        d1, d2 = result.df
        dist = stats.f(d1, d2)
        x = np.linspace(0, max(dist.ppf(0.999), stat * 1.1), 600)
        return _shaded_density(x, dist.pdf(x), stat, "upper", f"F({d1}, {d2})", "F")
    if t in ("kruskal", "chi2_contingency"):
        dist = stats.chi2(result.df)
        x = np.linspace(0, max(dist.ppf(0.999), stat * 1.1), 600)
        return _shaded_density(x, dist.pdf(x), stat, "upper", f"chi-square, df = {result.df}", "statistic")
    if t in ("mannwhitneyu", "wilcoxon", "kendalltau"):
        z = _standardised(result, n)
        if z is None:
            return None
        x = np.linspace(-max(4, abs(z) + 0.5), max(4, abs(z) + 0.5), 600)
        return _shaded_density(x, stats.norm.pdf(x), z, alt, "standard normal (large-sample approximation)", "z")
    return None


def _standardised(result, n):
    t, stat = result.test, result.statistic
    if t == "mannwhitneyu":
        n1, n2 = n[0], n[1]
        return (stat - n1 * n2 / 2) / np.sqrt(n1 * n2 * (n1 + n2 + 1) / 12)
    if t == "wilcoxon":
        m = n[-1]
        z = (stat - m * (m + 1) / 4) / np.sqrt(m * (m + 1) * (2 * m + 1) / 24)
        # Two-sided: scipy reports the smaller rank sum; show it on the side of the observed effect.
        return -abs(z) * np.sign(result.effect_size[1] or 1) if result.alternative == "two-sided" else z
    if t == "kendalltau":
        m = n[0]
        return 3 * stat * np.sqrt(m * (m - 1)) / np.sqrt(2 * (2 * m + 5))
    return None


def ecdf_figure(samples, labels, result=None, *, x_label="value"):
    """Empirical CDFs of two samples, with the KS distance D marked where it occurs."""
    fig = go.Figure()
    for i, (a, label) in enumerate(zip(samples, labels)):
        a = np.sort(np.asarray(a, dtype=float))
        y = np.arange(1, a.size + 1) / a.size
        idx = np.unique(np.linspace(0, a.size - 1, min(a.size, MAX_TRACE_POINTS)).astype(int))
        fig.add_trace(go.Scatter(x=a[idx], y=y[idx], mode="lines", line=dict(shape="hv", color=PALETTE[i]),
                                 name=label))
    if result is not None and result.test == "ks_2samp":
        loc = result.extra["location"]
        f = [np.searchsorted(np.sort(s), loc, side="right") / len(s) for s in samples]
        fig.add_trace(go.Scatter(x=[loc, loc], y=f, mode="lines+markers", name=f"D = {result.statistic:.3g}",
                                 line=dict(color=FIT_COLOR, width=3)))
    return _layout(fig, x_label, "cumulative fraction")


def qq_figure(samples, labels):
    """Normal Q-Q plot per sample (standardised), to judge normality by eye."""
    from core.common.plotting import qq_points as _qq_points

    fig = go.Figure()
    for i, (a, label) in enumerate(zip(samples, labels)):
        a = np.asarray(a, dtype=float)
        if a.size < 3 or np.ptp(a) == 0:
            continue
        qx, qy = _qq_points((a - a.mean()) / a.std(ddof=1), 1000)
        fig.add_trace(go.Scatter(x=qx, y=qy, mode="markers", name=label,
                                   marker=dict(color=PALETTE[i % len(PALETTE)], size=5)))
    fig.add_trace(go.Scatter(x=[-3.5, 3.5], y=[-3.5, 3.5], mode="lines", name="normal",
                             line=dict(color=DATA_COLOR, dash="dash")))
    return _layout(fig, "normal quantile", "standardised sample quantile")


def scatter_figure(x, y, *, x_label="x", y_label="y"):
    from core.common.decimation import decimate

    dx, dy, note = decimate(x, y)
    fig = go.Figure(go.Scatter(x=dx, y=dy, mode="markers", marker=dict(color=DATA_COLOR, size=6),
                                 name="data"))
    return _layout(fig, x_label, y_label), note


def table_figure(values, row_labels, col_labels, *, title="standardised residual"):
    """Heatmap of a table (e.g. adjusted standardised residuals: beyond ±2 marks cells that drive the result)."""
    values = np.asarray(values, dtype=float)
    limit = max(2.5, float(np.nanmax(np.abs(values)))) if values.size else 2.5
    fig = go.Figure(go.Heatmap(z=values, x=col_labels, y=row_labels, zmin=-limit, zmax=limit, colorscale="RdBu",
                               reversescale=True, texttemplate="%{z:.2f}", colorbar=dict(title=title)))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(margin=dict(l=10, r=10, t=10, b=10), height=140 + 45 * len(row_labels))
    return fig


def posthoc_figure(result, *, alpha=0.05, x_label="difference of means"):
    """Each comparison's difference of means with its simultaneous CI (Tukey, Dunnett) on one axis with zero
    marked; an interval that misses zero is a significant difference. Pairwise t-test methods have no
    simultaneous interval: their points are coloured by the adjusted p-value against `alpha`."""
    rows = result.rows(alpha)
    names = [r["comparison"] for r in rows][::-1]
    diff = np.array([r["difference"] for r in rows])[::-1]
    significant = np.array([r["significant"] for r in rows])[::-1]
    colours = [FIT_COLOR if sig else DATA_COLOR for sig in significant]
    fig = go.Figure()
    if result.ci_low is not None:
        low = np.array([r["ci_low"] for r in rows])[::-1]
        high = np.array([r["ci_high"] for r in rows])[::-1]
        fig.add_trace(go.Scatter(x=diff, y=names, mode="markers", name=f"{result.confidence_level:.0%} simultaneous CI",
                                 marker=dict(color=colours, size=9),
                                 error_x=dict(type="data", symmetric=False, array=high - diff, arrayminus=diff - low,
                                              color=DATA_COLOR, thickness=2)))
    else:
        fig.add_trace(go.Scatter(x=diff, y=names, mode="markers", name="difference (adjusted p in the table)",
                                 marker=dict(color=colours, size=9)))
    fig.add_vline(x=0, line=dict(color=DATA_COLOR, dash="dash"))
    _layout(fig, x_label, "")
    fig.update_layout(height=max(220, 60 + 32 * len(names)), showlegend=True)
    return fig
