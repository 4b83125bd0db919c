"""Kernel density estimation: bandwidth rules, bounded support, parametric fits, 2-D and resampling."""

import numpy as np
import pandas as pd
import streamlit as st

from core.common import INLINE_MAX_ROWS
from core.common import numeric_columns
from core.density import DISTRIBUTIONS, RULES, histogram, kernels, resample
from core.density import export_frame, kde_script
from core.density import cdf_figure, contour_figure, density_figure, fits_figure, rules_figure
from core.common import DataError
from core.common import groups_from_long, paired_columns
from ui.density.cache import fits_cached, kde2d_cached, kde_cached, rules_cached
from ui.common.cache import select_cached
from ui.common.data_input import require_data
from ui.common.errors import guard
from ui.common.export import code_panel, csv_download
from ui.common.frame import explain, page_setup
from ui.common.state import seed, sync_url
from ui.common.tables import display_frame, fmt

page_setup()

P = "kd"
NONE = "(none)"
RULE_LABELS = {"scott": "Scott", "silverman": "Silverman", "isj": "Improved Sheather-Jones", "lscv": "LSCV",
               "manual": "manual"}

st.title("Kernel density")
st.caption("Estimate a distribution's shape with `scipy.stats.gaussian_kde`-compatible kernels: choose and compare "
           "bandwidths, respect bounds, compare with parametric fits, and go 2-D.")
explain("kernel_density")

dataset = require_data(P, "kernel_density", synthetic_models="distributions")
frame = dataset.frame
d = dataset.defaults

series, labels, weights, key = [], [], None, ()
with guard("choosing columns"):
    numeric = numeric_columns(frame)
    if not numeric:
        raise DataError("The table has no numeric column to estimate a density of.")
    text_cols = [str(c) for c in frame.columns if c not in numeric]
    c1, c2, c3 = st.columns(3)
    seed(f"{P}_cols", [c for c in d.get("columns", []) if c in numeric] or numeric[:1], options=numeric)
    cols = c1.multiselect("Column(s)", numeric, key=f"{P}_cols", max_selections=8,
                          help="Several columns are overlaid; or split one column by a group column.")
    seed(f"{P}_group", d.get("group", NONE), options=[NONE] + text_cols)
    group = c2.selectbox("Split by group column", [NONE] + text_cols, key=f"{P}_group")
    seed(f"{P}_weights", d.get("weights", NONE), options=[NONE] + numeric)
    weight_col = c3.selectbox("Weights column", [NONE] + numeric, key=f"{P}_weights")
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
        st.warning(note, icon=":material/filter_alt:")
    key = (tuple(cols), group, weight_col)
if not series:
    sync_url(P)
    st.stop()

# -- bandwidth, bounds and display options ------------------------------------------------------------
o1, o2, o3, o4 = st.columns(4)
rule_opts = list(RULES) + ["manual"]
seed(f"{P}_rule", "isj", options=rule_opts)
rule = o1.selectbox("Bandwidth", rule_opts, key=f"{P}_rule", format_func=RULE_LABELS.get)
lo_default, hi_default = d.get("bounds") or (None, None)
seed(f"{P}_lo", lo_default)
lower = o2.number_input("Lower bound", value=None, key=f"{P}_lo", format="%.6g", placeholder="none",
                        help="Reflect the density at this bound (e.g. 0 for times or amounts).")
seed(f"{P}_hi", hi_default)
upper = o3.number_input("Upper bound", value=None, key=f"{P}_hi", format="%.6g", placeholder="none")
seed(f"{P}_gridsize", 512, options=[128, 256, 512, 1024, 2048])
gridsize = o4.selectbox("Grid points", [128, 256, 512, 1024, 2048], key=f"{P}_gridsize")
bounds = (lower, upper)
first = series[0]
span = float(np.ptp(first)) or 1.0
bandwidth = rule
if rule == "manual":
    seed(f"{P}_h", round(span / 20, 6), lo=span / 2000, hi=span)
    bandwidth = float(st.slider("Bandwidth h (kernel SD, data units)", span / 2000, span, key=f"{P}_h",
                                format="%.4g"))
t1, t2, t3, t4 = st.columns(4)
seed(f"{P}_hist", True)
show_hist = t1.toggle("Histogram", key=f"{P}_hist")
seed(f"{P}_bins", "auto", options=["auto", "fd", "sturges", "scott", "sqrt"])
bins = t2.selectbox("Bin rule", ["auto", "fd", "sturges", "scott", "sqrt"], key=f"{P}_bins", disabled=not show_hist)
seed(f"{P}_rug", True)
show_rug = t3.toggle("Rug", key=f"{P}_rug")
seed(f"{P}_kernels", bool(d.get("kernels")))
show_kernels = t4.toggle("Show the kernels", key=f"{P}_kernels", disabled=first.size > 60,
                         help="Draws every point's kernel under the sum (up to 60 points).")
sync_url(P)

results = []
with guard("estimating the density"):
    for label, values in zip(labels, series):
        results.append(kde_cached(dataset.digest, key + (label,), bandwidth, bounds, gridsize, values, weights))
if len(results) != len(series):
    st.stop()

with guard("showing the density"):
    main = results[0]
    m = st.columns(4)
    m[0].metric("bandwidth h", fmt(main.bandwidth, 4), RULE_LABELS.get(main.rule, main.rule), delta_color="off",
                delta_arrow="off")
    m[1].metric("points", f"{main.n:,}" + ("" if weights is None else f" (effective {main.n_eff:,.0f})"))
    m[2].metric("integral over the grid", fmt(main.integral(), 5))
    m[3].metric("mass outside bounds (plain KDE)", "—" if bounds == (None, None)
                else f"{main.mass_outside:.2%}")
    for note in main.notes:
        st.caption(note)
    hist = histogram(first, bins=bins, weights=weights) if show_hist else None
    if hist and hist[2]:
        st.caption(hist[2])
    kern = kernels(first, main.bandwidth, main.grid, weights=weights) if show_kernels and first.size <= 60 else None
    fig, note = density_figure(results, labels, histogram=hist[:2] if hist else None,
                               rug=first if show_rug else None, kernels=kern, x_label=labels[0])
    st.plotly_chart(fig, width="stretch", key=f"{P}_fig")
    st.caption(f"Evaluated {main.method}" + (f". {note}" if note else "."))

    tabs = st.tabs(["Compare bandwidths", "CDF & quantiles", "Parametric fits", "2-D density", "Sample from the KDE"])
    with tabs[0], guard("this tab"):
        by_rule = rules_cached(dataset.digest, key + (labels[0],), bounds, gridsize, first, weights)
        st.dataframe(display_frame([{"rule": RULE_LABELS[r], "bandwidth h": v.bandwidth} for r, v in by_rule.items()]),
                     hide_index=True, width="content")
        st.plotly_chart(rules_figure({RULE_LABELS[r]: v for r, v in by_rule.items()}, x_label=labels[0]),
                        width="stretch", key=f"{P}_rules")
    with tabs[1], guard("this tab"):
        q = main.quantiles((0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99))
        st.dataframe(display_frame([{"probability": p, "quantile": v} for p, v in q.items()]), hide_index=True,
                     width="content")
        st.plotly_chart(cdf_figure(main, q, x_label=labels[0]), width="stretch", key=f"{P}_cdf")
    with tabs[2], guard("this tab"):
        seed(f"{P}_dists", ["norm", "lognorm", "gamma"], options=list(DISTRIBUTIONS))
        names = st.multiselect("Distributions", list(DISTRIBUTIONS), key=f"{P}_dists", format_func=DISTRIBUTIONS.get)
        if names:
            rows, fit_note = fits_cached(dataset.digest, key + (labels[0],), tuple(names), first)
            st.dataframe(display_frame([{k: r.get(k, np.nan) for k in ("distribution", "log-likelihood", "AIC", "KS",
                                                                        "status")} for r in rows]),
                         hide_index=True, width="stretch")
            if fit_note:
                st.caption(fit_note)
            st.plotly_chart(fits_figure(main, rows, x_label=labels[0]), width="stretch", key=f"{P}_fits")
    with tabs[3], guard("this tab"):
        others = [c for c in numeric if c != labels[0].split(" | ")[0]]
        if not others:
            st.info("A 2-D density needs a second numeric column.")
        else:
            seed(f"{P}_y", others[0], options=others)
            ycol = st.selectbox("Second column (y)", others, key=f"{P}_y")
            (xv, yv), _ = paired_columns(frame, [labels[0].split(" | ")[0], ycol])
            r2 = kde2d_cached(dataset.digest, key + (ycol,), xv, yv, None)
            fig2, note2 = contour_figure(r2, xv, yv, x_label=labels[0], y_label=ycol)
            st.plotly_chart(fig2, width="stretch", key=f"{P}_2d")
            st.caption("Contours enclose the highest-density regions holding 50%, 80% and 95% of the probability."
                       + (f" {note2}" if note2 else ""))
    with tabs[4], guard("this tab"):
        s1, s2 = st.columns(2)
        seed(f"{P}_draws", 1000, lo=1, hi=1_000_000)
        size = s1.number_input("Values to draw", 1, 1_000_000, step=1000, key=f"{P}_draws")
        seed(f"{P}_draw_seed", 0, lo=0, hi=2**31 - 1)
        draw_seed = s2.number_input("Seed", 0, 2**31 - 1, key=f"{P}_draw_seed")
        draws = resample(main, first, int(size), weights=weights, rng=int(draw_seed))
        st.caption(f"Drawn: mean {fmt(draws.mean(), 4)}, SD {fmt(draws.std(ddof=1) if draws.size > 1 else np.nan, 4)}; "
                   f"data: mean {fmt(np.average(first, weights=weights), 4)}.")
        csv_download("Download the draws (CSV)", lambda: pd.DataFrame({"draw": draws}), "kde_draws.csv",
                     key=f"{P}_dl_draws")

    csv_download("Density on the grid (CSV)", lambda: pd.DataFrame({"x": main.grid, "density": main.density,
                                                                    "cdf": main.cdf()}),
                 "density.csv", key=f"{P}_dl_density")
    data_frame = export_frame(first, weights)
    code_panel(kde_script(main, data_frame, source_note=f"{dataset.label}, column {labels[0]}"), key=P,
               data_frame=data_frame, needs_file=len(data_frame) > INLINE_MAX_ROWS)
sync_url(P)
