"""Spatial: nearest neighbours and outliers with a KD-tree, distances with many metrics, hulls, triangulations and
bounded Voronoi cells."""

import pandas as pd
import streamlit as st

from core.common import INLINE_MAX_ROWS, DataError, numeric_columns
from core.spatial import POINTS_SYNTHETIC, check_points, spatial_script
from core.spatial.samples import SAMPLES
from ui.common.cache import content_key, select_cached
from ui.common.data_input import require_data
from ui.common.errors import guard
from ui.common.export import code_panel
from ui.common.frame import lazy_tabs, page_setup
from ui.common.text import esc
from ui.common.url import bound
from ui.spatial.views import distances_view, geometry_view, hull3d_view, neighbours_view

PAGE = page_setup("spatial", "Points in the plane with `scipy.spatial`: nearest neighbours and outliers with a "
                  "KD-tree, distances under many metrics, the convex hull, the Delaunay triangulation and Voronoi "
                  "cells cut to a box.")
P = PAGE.prefix
NONE = "(none)"
VIEWS = ["Neighbours", "Distances", "Geometry"]

dataset = require_data(P, SAMPLES, synthetic=POINTS_SYNTHETIC)
frame, d = dataset.frame, dataset.defaults

points = points3 = labels = None
with guard("choosing the columns"):
    numeric = numeric_columns(frame)
    if len(numeric) < 2:
        raise DataError(f"Two numeric columns (x and y) are needed; found {len(numeric)}.")
    c1, c2, c3, c4 = st.columns(4)
    xcol = bound(c1.selectbox, "x column", numeric, key=f"{P}_x",
                 index=numeric.index(d["x"]) if d.get("x") in numeric else 0)
    ys = [c for c in numeric if c != xcol]
    ycol = bound(c2.selectbox, "y column", ys, key=f"{P}_y", index=ys.index(d["y"]) if d.get("y") in ys else 0)
    z_opts = [NONE] + [c for c in numeric if c not in (xcol, ycol)]
    zcol = bound(c3.selectbox, "z column (3-D hull)", z_opts, key=f"{P}_z",
                 help="With a third coordinate the geometry view shows the 3-D convex hull: volume and surface.")
    label_opts = [NONE] + [str(c) for c in frame.columns if c not in (xcol, ycol)]
    label_col = bound(c4.selectbox, "Label column (optional)", label_opts, key=f"{P}_label",
                      index=label_opts.index(d["label"]) if d.get("label") in label_opts else 0)
    selection = select_cached(dataset.digest, (xcol, ycol) + ((zcol,) if zcol != NONE else ()), frame)
    if selection.n_dropped:
        st.warning(esc(selection.report()), icon=":material/filter_alt:")
    points3 = check_points(selection.values) if zcol != NONE else None
    points = check_points(selection.values[:, :2])
    if label_col != NONE:
        labels = frame[label_col].astype(str).to_numpy()[selection.kept]
if points is None:
    st.stop()
key = content_key(dataset.digest, xcol, ycol)
columns = (str(xcol), str(ycol))

view, panel = lazy_tabs(VIEWS, key=f"{P}_tab")
settings = None
with panel, guard(f"the {view.lower()} view"):
    if view == "Neighbours":
        settings = neighbours_view(P, key, points, labels, columns)
    elif view == "Distances":
        settings = distances_view(P, key, points, columns)
    elif points3 is not None:
        settings = hull3d_view(P, content_key(key, zcol), points3, columns + (str(zcol),))
    else:
        settings = geometry_view(P, key, points, labels, columns)

if settings is not None:
    with guard("exporting"):
        needs_file = points.shape[0] > INLINE_MAX_ROWS
        code_panel(lambda: spatial_script(points, view, settings, source_note=f"{dataset.label}: {xcol}, {ycol}")[0],
                   key=P, file_name="spatial.py", needs_file=needs_file,
                   data_frame=pd.DataFrame({"x": points[:, 0], "y": points[:, 1]}) if needs_file else None)
