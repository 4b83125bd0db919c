"""Interpolation: 1-D methods compared with honest errors, smoothing, gaps; 2-D scattered and gridded data."""

import numpy as np
import pandas as pd
import streamlit as st

from core.common import DataError, numeric_columns, paired_columns, sha256
from core.interpolation import (EXTRAPOLATION, METHODS_1D, curves_figure, derivative_figure, fill_gaps, overshoot,
                                parse_points, probes_1d, script_1d)
from core.interpolation.samples import SAMPLES
from ui.common.cache import content_key
from ui.common.data_input import require_data
from ui.common.errors import guard
from ui.common.export import code_panel, csv_download
from ui.common.frame import lazy_tabs, page_setup
from ui.common.tables import display_frame, fmt
from ui.common.url import bound
from ui.interpolation.cache import cv1d_cached, interp1d_cached
from ui.interpolation.views import grid_view, pick as pick_column, scattered_view
from ui.common.text import esc, figure, plot

PAGE = page_setup("interpolation", "Fill in between measured points with `scipy.interpolate`: compare methods by "
                  "cross-validated error, see where splines overshoot, smooth noisy data, fill gaps, and interpolate "
                  "scattered or gridded 2-D data.")
P = PAGE.prefix
MODES = ["1-D", "2-D scattered", "2-D grid"]

dataset = require_data(P, SAMPLES)
frame, d = dataset.frame, dataset.defaults
numeric = numeric_columns(frame)
mode = bound(st.segmented_control, "Mode", MODES, default=d.get("mode", "1-D"), key=f"{P}_mode") or "1-D"


def pick(name, label, default, column, options=None):
    return pick_column(P, numeric, name, label, default, column, options)


if mode == "1-D":
    x = y = None
    with guard("choosing the data"):
        if len(numeric) < 2:
            raise DataError(f"Two numeric columns (x and y) are needed; found {len(numeric)}.")
        c1, c2, c3 = st.columns(3)
        xcol = pick("x", "x column", d.get("x", numeric[0]), c1)
        ycol = pick("y", "y column", d.get("y", numeric[-1]), c2, [c for c in numeric if c != xcol])
        duplicates = bound(c3.radio, "Repeated x", ["average", "error"], key=f"{P}_dups", horizontal=True,
                              format_func=lambda v: {"average": "average their y", "error": "refuse"}[v])
        (x, y), notes = paired_columns(frame, [xcol, ycol])
        for note in notes:
            st.warning(esc(note), icon=":material/filter_alt:")
        if x.size <= 1000 and bound(st.toggle, "Edit the points", key=f"{P}_edit"):
            edited = st.data_editor(pd.DataFrame({"x": x, "y": y}), num_rows="dynamic", key=f"{P}_editor",
                                    width="content")
            (x, y), _ = paired_columns(edited, ["x", "y"])
    if x is None:
        st.stop()
    o1, o2, o3 = st.columns([2, 1, 1])
    methods = bound(o1.multiselect, "Methods (the first is the one exported and differentiated)", list(METHODS_1D),
                    default=d.get("methods", ["cubic_spline", "pchip", "linear"]), key=f"{P}_methods",
                    max_selections=6)
    extrapolation = bound(o2.selectbox, "Extrapolation", EXTRAPOLATION, key=f"{P}_extrap",
                          help="method: the method's own; nan: nothing; nearest: hold the end value; "
                                      "linear: continue the end slope.")
    extend = bound(o3.slider, "Show beyond the data (%)", 0, 100, 10, key=f"{P}_extend")
    options = {}
    if "cubic_spline" in methods:
        bc_opts = ["not-a-knot", "natural", "clamped", "periodic"]
        bc = bound(st.selectbox, "Cubic spline end condition", bc_opts, key=f"{P}_bc")
        if bc == "clamped":
            b1, b2 = st.columns(2)
            bc = ((1, bound(b1.number_input, "slope at the left end", value=0.0, key=f"{P}_slope_l")),
                  (1, bound(b2.number_input, "slope at the right end", value=0.0, key=f"{P}_slope_r")))
        options["cubic_spline"] = {"bc_type": bc}
    if "smoothing_spline" in methods:
        if not bound(st.checkbox, "smoothing_spline: choose lam by GCV", value=True, key=f"{P}_auto_lam"):
            options["smoothing_spline"] = {"lam": 10 ** bound(st.slider, "log10(lam)", -10.0, 10.0, 0.0, step=0.1,
                                                              key=f"{P}_log_lam")}
    if "univariate_spline" in methods:
        m_pts = len(np.unique(x))
        s = bound(st.slider, "univariate_spline: smoothing factor s", 0.0, float(10 * m_pts), float(m_pts),
                  key=f"{P}_s", help=f"With unit-variance weights the expected range is m ± √(2m) = "
                           f"{m_pts - np.sqrt(2 * m_pts):.1f} to {m_pts + np.sqrt(2 * m_pts):.1f} (m = {m_pts}).")
        options["univariate_spline"] = {"s": float(s)}
    frozen = {m: tuple(sorted((k, v) for k, v in options.get(m, {}).items())) for m in methods}
    fits = []
    with guard("interpolating"):
        if not methods:
            raise DataError("Choose at least one method.")
        # The points may have been edited in the table: key the caches on their bytes, not on the upload alone.
        key = (xcol, ycol, sha256(x.tobytes() + y.tobytes()))
        fits = [interp1d_cached(dataset.digest, key, m, extrapolation, duplicates, frozen[m], x, y) for m in methods]
        fits_id = content_key(dataset.digest, key, methods, extrapolation, duplicates, sorted(frozen.items()))
    if not fits:
        st.stop()
    with guard("showing the results"):
        for note in fits[0].notes:
            st.caption(esc(note))
        fig, note = figure(fits_id, curves_figure, fits, x, y, extend=extend / 100, x_label=xcol, y_label=ycol)
        plot(st, fig, key=f"{P}_fig")
        if note:
            st.caption(esc(note))
        rows, scheme = cv1d_cached(dataset.digest, key, tuple(methods), tuple(frozen.items()), x, y)
        shape = {f.method: overshoot(f) for f in fits}
        st.markdown(f"**Cross-validated error** ({scheme}, interior points) **and overshoot**")
        st.dataframe(display_frame([{**r, "leaves the data range": shape[r["method"]]["leaves range"],
                                     "breaks monotonicity": (shape[r["method"]]["breaks monotonicity"]
                                                             if shape[r["method"]]["monotone data"] else "n/a")}
                                    for r in rows]), hide_index=True, width="stretch")
        main = fits[0]
        tabs = {"Derivatives & integral": "differentiating", "Evaluate": "evaluating", "Fill gaps": "filling gaps"}
        tab, panel = lazy_tabs(list(tabs), key=f"{P}_tab")
        with panel, guard(tabs[tab]):
            if tab == "Derivatives & integral":
                plot(st, figure(fits_id, derivative_figure, main, x_label=xcol), key=f"{P}_deriv")
                st.metric(f"integral of {main.method} from {fmt(main.x[0], 4)} to {fmt(main.x[-1], 4)}",
                          fmt(main.integral(main.x[0], main.x[-1]), 6))
            elif tab == "Evaluate":
                typed = bound(st.text_input, "At these x (comma separated; empty: a regular grid)", key=f"{P}_at")
                at = parse_points(typed) if typed.strip() else np.linspace(main.x[0], main.x[-1], 101)
                table = pd.DataFrame({"x": at, **{f.method: f(at) for f in fits}})
                st.dataframe(table.head(200), hide_index=True, width="content")
                csv_download("Values (CSV)", table, "interpolated.csv", key=f"{P}_dl_values")
            elif tab == "Fill gaps":
                step = bound(st.number_input, "Regular step", min_value=1e-12, key=f"{P}_step", format="%.6g",
                             value=float(np.median(np.diff(main.x))) if main.x.size > 1 else 1.0)
                gap_method = main.method if main.method in ("linear", "pchip", "akima", "makima", "cubic_spline") \
                    else "pchip"
                grid, filled_y, filled = fill_gaps(x, y, float(step), method=gap_method)
                st.caption(f"{int(filled.sum()):,} of {grid.size:,} values are interpolated ({gap_method}).")
                csv_download("Filled table (CSV)", pd.DataFrame({xcol: grid, ycol: filled_y,
                                                                 "interpolated": filled}),
                             "filled.csv", key=f"{P}_dl_filled")
        code_panel(lambda: script_1d(main, options.get(main.method, {}), source_note=dataset.label), key=P)
        st.caption("Printed values are at x = " + ", ".join(fmt(v, 5) for v in probes_1d(main)) + ": "
                   + ", ".join(fmt(v, 6) for v in main(np.array(probes_1d(main)))))
elif mode == "2-D scattered":
    scattered_view(P, dataset, numeric)
else:
    grid_view(P, dataset, numeric)
