"""The interpolation page's 2-D views: scattered points (griddata, RBF) and gridded tables
(RegularGridInterpolator)."""

import numpy as np
import streamlit as st

from core.common import paired_columns
from core.interpolation import METHODS_GRID, RBF_DIRECT_MAX, RBF_KERNELS, script_2d, script_grid, surface_figure
from core.interpolation.samples import SAMPLES
from ui.common.cache import content_key
from ui.common.errors import guard
from ui.common.export import code_panel
from ui.common.tables import display_frame, fmt
from ui.common.text import esc, figure, plot
from ui.common.url import bound
from ui.interpolation.cache import cv2d_cached, grid2d_cached, grid_cached, grid_eval_cached, half_grid_cached

__all__ = ["pick", "scattered_view", "grid_view", "METHODS_2D"]

METHODS_2D = ["nearest", "linear", "cubic", "rbf"]


def pick(P, numeric, name, label, default, column, options=None):
    """A column picker (key ``<P>_<name>``) over `options` (the numeric columns by default)."""
    options = options or numeric
    return bound(column.selectbox, label, options, index=options.index(default) if default in options else 0,
                 key=f"{P}_{name}")


def _xyz(P, dataset, numeric, suffix):
    """Pickers for the x, y and value (z) columns (keys x<suffix>, y<suffix>, z<suffix>); returns the names and
    the three clean columns (rows with a missing value dropped and reported)."""
    d = dataset.defaults
    c1, c2, c3 = st.columns(3)
    xc = pick(P, numeric, f"x{suffix}", "x column", d.get("x", numeric[0]), c1)
    yc = pick(P, numeric, f"y{suffix}", "y column", d.get("y", numeric[1]), c2, [c for c in numeric if c != xc])
    zc = pick(P, numeric, f"z{suffix}", "value column (z)", d.get("z", numeric[2]), c3,
              [c for c in numeric if c not in (xc, yc)])
    columns, notes = paired_columns(dataset.frame, [xc, yc, zc])
    for note in notes:
        st.warning(esc(note), icon=":material/filter_alt:")
    return (xc, yc, zc), columns


def _offer_samples(P, mode, need):
    """Not a dead end: say what the mode needs and offer the bundled samples made for it."""
    st.info(f"{mode} interpolation needs {need}. Upload such a table, or open a sample:", icon=":material/info:")
    for k in (k for k, s in SAMPLES.items() if s.defaults.get("mode", "").startswith("2-D")):
        st.button(SAMPLES[k].title, key=f"_{P}_open_{k}", on_click=lambda k=k: st.session_state.update(
            {f"{P}_source": "Sample", f"{P}_sample": k}), icon=":material/scatter_plot:")
    st.stop()


def scattered_view(P, dataset, numeric):
    """2-D scattered points: two methods side by side with their cross-validated error."""
    pts = vals = None
    if len(numeric) < 3:
        _offer_samples(P, "2-D scattered", f"three numeric columns (x, y and the value z); this table has "
                                           f"{len(numeric)}")
    with guard("choosing the data"):
        (xc, yc, zc), (px, py, vals) = _xyz(P, dataset, numeric, "2")
        pts = np.column_stack([px, py])
    if pts is None:
        st.stop()
    o1, o2, o3 = st.columns(3)
    m_a = bound(o1.selectbox, "Method A", METHODS_2D, index=METHODS_2D.index("linear"), key=f"{P}_m2a")
    m_b = bound(o2.selectbox, "Method B", METHODS_2D, index=METHODS_2D.index("rbf"), key=f"{P}_m2b")
    gridsize = bound(o3.slider, "Grid (points per side)", 20, 300, 120, key=f"{P}_grid2")
    r1, r2, r3, r4 = st.columns(4)
    kernel = bound(r1.selectbox, "RBF kernel", RBF_KERNELS, index=list(RBF_KERNELS).index("thin_plate_spline"),
                   key=f"{P}_kernel")
    eps = bound(r2.number_input, "epsilon", min_value=1e-6, max_value=1e6, value=1.0, key=f"{P}_eps", format="%.4g",
                disabled=kernel in ("thin_plate_spline", "cubic", "quintic"))
    smoothing = bound(r3.number_input, "smoothing", min_value=0.0, max_value=1e6, value=0.0, key=f"{P}_smooth",
                      format="%.4g")
    neighbors = bound(r4.number_input, "neighbors (0 = all)", 0, 500, 0 if pts.shape[0] <= RBF_DIRECT_MAX else 50,
                      key=f"{P}_neigh",
                      help=f"Needed above {RBF_DIRECT_MAX:,} points: each value then uses only the nearest.")
    kind = bound(st.radio, "Show as", ["heatmap", "contour"], key=f"{P}_kind", horizontal=True)
    rbf = {"kernel": kernel, "smoothing": float(smoothing)}
    if kernel not in ("thin_plate_spline", "cubic", "quintic"):
        rbf["epsilon"] = float(eps)
    if neighbors:
        rbf["neighbors"] = int(neighbors)
    key = (xc, yc, zc)
    left, right = st.columns(2)
    for col, method in ((left, m_a), (right, m_b)):
        with col, guard(f"interpolating with {method}"):
            opts = tuple(sorted(rbf.items())) if method == "rbf" else ()
            gx, gy, z = grid2d_cached(dataset.digest, key, method, opts, gridsize, pts, vals)
            rmse = cv2d_cached(dataset.digest, key, method, opts, pts, vals)
            plot(st, figure(content_key(dataset.digest, key, method, opts, gridsize), surface_figure, gx, gy, z, pts,
                            kind=kind, title=f"{method}: CV RMSE {fmt(rmse, 4)}", x_label=xc, y_label=yc),
                 key=f"{P}_surf_{col is right}")
    st.caption("CV RMSE: 5-fold cross-validation (points outside the hull of the rest are not counted).")
    with guard("exporting"):
        probes = pts[np.linspace(0, len(pts) - 1, 4).astype(int)] * 0.999 + pts.mean(axis=0) * 0.001
        code_panel(lambda: script_2d(pts, vals, m_a, dict(rbf) if m_a == "rbf" else {}, probes,
                                     source_note=dataset.label), key=P)


def grid_view(P, dataset, numeric):
    """A table whose (x, y) pairs form a full grid: RegularGridInterpolator, two methods side by side, each with
    the error of predicting the grid from every second row and column, and values read off at a chosen point."""
    if len(numeric) < 3:
        _offer_samples(P, "Gridded 2-D", f"three numeric columns (x, y and the value z) whose (x, y) pairs form a "
                                          f"full grid; this table has {len(numeric)}")
    grid = None
    with guard("reading the grid"):
        key, columns = _xyz(P, dataset, numeric, "_grid")
        xc, yc, zc = key
        grid = grid_cached(dataset.digest, key, *columns)
    if grid is None:
        st.stop()
    st.caption(f"A grid of {grid.x.size} x values by {grid.y.size} y values ({grid.z.size:,} cells).")
    o1, o2, o3 = st.columns(3)
    methods = list(METHODS_GRID)
    m_a = bound(o1.selectbox, "Method A", methods, index=methods.index("linear"), key=f"{P}_gma")
    m_b = bound(o2.selectbox, "Method B", methods, index=methods.index("pchip"), key=f"{P}_gmb",
                help="pchip and cubic need 4 values along each axis, quintic 6.")
    size = bound(o3.slider, "Display raster (points per side)", 20, 300, 150, key=f"{P}_gsize")
    kind = bound(st.radio, "Show as", ["heatmap", "contour"], key=f"{P}_kind", horizontal=True)
    X, Y = np.meshgrid(grid.x, grid.y)
    nodes = np.column_stack([X.ravel(), Y.ravel()])
    left, right = st.columns(2)
    for col, method in ((left, m_a), (right, m_b)):
        with col, guard(f"interpolating with {method}"):
            gx, gy, z = grid_eval_cached(dataset.digest, key, method, size, grid)
            error = half_grid_cached(dataset.digest, key, method, grid)
            title = f"{method}: half-grid RMSE {fmt(error, 4)}" if np.isfinite(error) else method
            plot(st, figure(content_key(dataset.digest, key, method, size), surface_figure, gx, gy,
                            z.reshape(size, size), nodes, kind=kind, title=title, x_label=xc, y_label=yc),
                 key=f"{P}_gsurf_{col is right}")
    st.caption("Half-grid RMSE: each method interpolates from every second x and y value and is scored on the "
               "values left out, an honest error for reading between the table's lines.")
    a1, a2 = st.columns(2)
    at_x = bound(a1.number_input, f"Read at {esc(xc)} =", float(grid.x[0]), float(grid.x[-1]),
                 float((grid.x[0] + grid.x[-1]) / 2), key=f"{P}_gat_x", format="%.6g")
    at_y = bound(a2.number_input, f"{esc(yc)} =", float(grid.y[0]), float(grid.y[-1]),
                 float((grid.y[0] + grid.y[-1]) / 2), key=f"{P}_gat_y", format="%.6g")
    with guard("reading off a value"):
        rows = [{"method": m, zc: float(grid_eval_cached(dataset.digest, key, m, 0, grid, ((at_x, at_y),))[0])}
                for m in dict.fromkeys((m_a, m_b))]
        st.dataframe(display_frame(rows), hide_index=True, width="content")
    with guard("exporting"):
        span = lambda v, f: float(v[0] + f * (v[-1] - v[0]))  # noqa: E731
        probes = [(float(at_x), float(at_y))] + [(span(grid.x, fx), span(grid.y, fy))
                                                 for fx, fy in ((0.2, 0.3), (0.55, 0.8), (0.9, 0.1))]
        code_panel(lambda: script_grid(grid, m_a, probes, source_note=dataset.label), key=P)
