"""Kernel density estimation: bandwidth rules, bounded support, parametric fits, 2-D and resampling."""

import numpy as np
import pandas as pd
import streamlit as st

from core.common import INLINE_MAX_ROWS, DataError, groups_from_long, numeric_columns, paired_columns
from core.density import (DISTRIBUTIONS, DISTRIBUTIONS_SYNTHETIC, cdf_figure, contour_figure, density_figure,
                          groups_figure, export_frame, fits_figure, kde_script, kernels, rules_figure)
from core.density.samples import SAMPLES
from ui.common.cache import content_key, select_cached
from ui.common.data_input import require_data
from ui.common.errors import guard
from ui.common.export import code_panel, csv_download
from ui.common.frame import lazy_tabs, page_setup
from ui.common.tables import display_frame, fmt
from ui.common.url import bound
from ui.density.inputs import RULE_LABELS, density_options
from ui.density.cache import (draws_cached, fits_cached, groups_cached, histogram_cached, kde2d_cached, kde_cached,
                              rules_cached)
from ui.common.text import esc, figure, plot

PAGE = page_setup("kernel_density", "Estimate a distribution's shape with `scipy.stats.gaussian_kde`-compatible "
                  "kernels: choose and compare bandwidths, respect bounds, compare with parametric fits, and go 2-D.")
P = PAGE.prefix
NONE = "(none)"

dataset = require_data(P, SAMPLES, synthetic=DISTRIBUTIONS_SYNTHETIC,
                       keep=("rule", "gridsize", "hist", "bins", "rug", "tab", "dists"))
frame = dataset.frame
d = dataset.defaults

series, labels, weights, key = [], [], None, ()
with guard("choosing columns"):
    numeric = numeric_columns(frame)
    if not numeric:
        raise DataError("The table has no numeric column to estimate a density of.")
    text_cols = [str(c) for c in frame.columns if c not in numeric]
    c1, c2, c3 = st.columns(3)
    cols = bound(c1.multiselect, "Column(s)", numeric, default=[c for c in d.get("columns", []) if c in numeric]
                 or numeric[:1], key=f"{P}_cols", max_selections=8,
                 help="Several columns are overlaid; or split one column by a group column.")
    group_opts, weight_opts = [NONE] + text_cols, [NONE] + numeric
    group = bound(c2.selectbox, "Split by group column", group_opts, key=f"{P}_group",
                  index=group_opts.index(d["group"]) if d.get("group") in group_opts else 0)
    weight_col = bound(c3.selectbox, "Weights column", weight_opts, key=f"{P}_weights",
                       index=weight_opts.index(d["weights"]) if d.get("weights") in weight_opts else 0)
    if not cols:
        raise DataError("Choose at least one column.")
    if group != NONE:
        if weight_col != NONE:
            raise DataError("Weights work with whole columns; choose no group column to use them.")
        labels, series, notes = groups_from_long(frame, cols[0], group)
        labels = [f"{cols[0]} | {g}" for g in labels][:8]
        series = series[:8]
    elif weight_col != NONE:
        (values, w), notes = paired_columns(frame, [cols[0], weight_col])
        series, labels, weights = [values], [cols[0]], w
    else:
        series, labels, notes = [], [], []
        for c in cols:
            sel = select_cached(dataset.digest, (c,), frame)
            series.append(sel.values[:, 0])
            labels.append(c)
            if sel.n_dropped:
                notes.append(sel.report())
    for note in notes:
        st.warning(esc(note), icon=":material/filter_alt:")
    key = (tuple(cols), group, weight_col)
if not series:
    st.stop()

opts = density_options(P, d, series)
first = series[0]
rule, bandwidth, bounds, gridsize, log_scale = opts.rule, opts.bandwidth, opts.bounds, opts.gridsize, opts.log_scale
show_hist, bins, show_rug, show_kernels = opts.show_hist, opts.bins, opts.show_rug, opts.show_kernels
multiple, common_norm = opts.multiple, opts.common_norm

results = []
with guard("estimating the density"):
    for label, values in zip(labels, series):
        results.append(kde_cached(dataset.digest, key + (label,), bandwidth, bounds, gridsize, log_scale, values,
                                  weights))
if len(results) != len(series):
    st.stop()

with guard("showing the density"):
    main = results[0]
    data_id = content_key(dataset.digest, key)  # the series and weights shown
    main_id = content_key(data_id, labels[0], bandwidth, bounds, gridsize, log_scale)  # the first column's estimate
    m = st.columns(4)
    m[0].metric("bandwidth h", fmt(main.bandwidth, 4), RULE_LABELS.get(main.rule, main.rule), delta_color="off",
                delta_arrow="off")
    m[1].metric("points", f"{main.n:,}" + ("" if weights is None else f" (effective {main.n_eff:,.0f})"))
    m[2].metric("integral over the grid", fmt(main.integral(), 5))
    m[3].metric("mass outside bounds (plain KDE)", "—" if bounds == (None, None)
                else f"{main.mass_outside:.2%}")
    for note in main.notes:
        st.caption(esc(note))
    hist = (histogram_cached(dataset.digest, key + (labels[0],), bins, log_scale, first, weights) if show_hist
            else None)
    if hist and hist[2]:
        st.caption(esc(hist[2]))
    kern = kernels(first, main.bandwidth, main.grid, weights=weights) if show_kernels and first.size <= 60 else None
    if multiple == "layer" and not common_norm:
        fig, note = figure(content_key(data_id, bandwidth, bounds, gridsize, bins), density_figure, results, labels,
                           histogram=hist[:2] if hist else None, rug=first if show_rug else None, kernels=kern,
                           x_label=labels[0], log_x=log_scale)
    else:
        grid, parts, shares = groups_cached(content_key(data_id, bandwidth, bounds, log_scale), multiple, common_norm,
                                            gridsize, results, series)
        fig, note = figure(content_key(data_id, bandwidth, bounds, gridsize, log_scale), groups_figure, grid, parts,
                           labels, multiple=multiple, common_norm=common_norm, log_x=log_scale,
                           x_label=labels[0]), ""
        st.caption("Shares of the points: " + esc(", ".join(f"{lb} {s:.1%}" for lb, s in zip(labels, shares))))
    plot(st, fig, key=f"{P}_fig")
    st.caption(f"Evaluated {esc(main.method)}" + (f". {esc(note)}" if note else "."))

    tab, panel = lazy_tabs(["Compare bandwidths", "CDF & quantiles", "Parametric fits", "2-D density",
                            "Sample from the KDE"], key=f"{P}_tab")
    with panel, guard("this tab"):
        if tab == "Compare bandwidths":
            by_rule = rules_cached(dataset.digest, key + (labels[0],), bounds, gridsize, log_scale, first, weights)
            st.dataframe(display_frame([{"rule": RULE_LABELS[r], "bandwidth h": v.bandwidth}
                                        for r, v in by_rule.items()]), hide_index=True, width="content")
            plot(st, figure(content_key(data_id, labels[0], bounds, gridsize, log_scale), rules_figure,
                            {RULE_LABELS[r]: v for r, v in by_rule.items()}, x_label=labels[0]), key=f"{P}_rules")
        elif tab == "CDF & quantiles":
            q = main.quantiles((0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99))
            st.dataframe(display_frame([{"probability": p, "quantile": v} for p, v in q.items()]), hide_index=True,
                         width="content")
            plot(st, figure(main_id, cdf_figure, main, q, x_label=labels[0]), key=f"{P}_cdf")
        elif tab == "Parametric fits":
            names = bound(st.multiselect, "Distributions", list(DISTRIBUTIONS), default=["norm", "lognorm", "gamma"],
                          key=f"{P}_dists", format_func=DISTRIBUTIONS.get)
            if names:
                rows, fit_note = fits_cached(dataset.digest, key + (labels[0],), tuple(names), first)
                columns = ("distribution", "log-likelihood", "AIC", "KS", "status")
                st.dataframe(display_frame([{k: r.get(k, np.nan) for k in columns} for r in rows]), hide_index=True,
                             width="stretch")
                if fit_note:
                    st.caption(esc(fit_note))
                plot(st, figure(content_key(main_id, names), fits_figure, main, rows, x_label=labels[0]),
                     key=f"{P}_fits")
        elif tab == "2-D density":
            others = [c for c in numeric if c != labels[0].split(" | ")[0]]
            if not others:
                st.info("A 2-D density needs a second numeric column.")
            else:
                ycol = bound(st.selectbox, "Second column (y)", others, key=f"{P}_y")
                (xv, yv), _ = paired_columns(frame, [labels[0].split(" | ")[0], ycol])
                r2 = kde2d_cached(dataset.digest, key + (ycol,), xv, yv, None)
                fig2, note2 = figure(content_key(data_id, ycol), contour_figure, r2, xv, yv, x_label=labels[0],
                                     y_label=ycol)
                plot(st, fig2, key=f"{P}_2d")
                st.caption("Contours enclose the highest-density regions holding 50%, 80% and 95% of the probability."
                           + (f" {esc(note2)}" if note2 else ""))
        elif tab == "Sample from the KDE":
            s1, s2 = st.columns(2)
            size = bound(s1.number_input, "Values to draw", 1, 1_000_000, 1000, step=1000, key=f"{P}_draws")
            draw_seed = bound(s2.number_input, "Seed", 0, 2**31 - 1, 0, key=f"{P}_draw_seed")
            draws = draws_cached(main_id, int(size), int(draw_seed), main, first, weights)
            sd = draws.std(ddof=1) if draws.size > 1 else np.nan
            st.caption(f"Drawn: mean {fmt(draws.mean(), 4)}, SD {fmt(sd, 4)}; "
                       f"data: mean {fmt(np.average(first, weights=weights), 4)}.")
            csv_download("Download the draws (CSV)", lambda: pd.DataFrame({"draw": draws}), "kde_draws.csv",
                         key=f"{P}_dl_draws")

    csv_download("Density on the grid (CSV)", lambda: pd.DataFrame({"x": main.grid, "density": main.density,
                                                                    "cdf": main.cdf()}),
                 "density.csv", key=f"{P}_dl_density")
    data_frame = export_frame(first, weights)
    code_panel(lambda: kde_script(main, data_frame, source_note=f"{dataset.label}, column {labels[0]}"), key=P,
               data_frame=data_frame, needs_file=len(data_frame) > INLINE_MAX_ROWS)
