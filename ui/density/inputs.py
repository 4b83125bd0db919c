"""The kernel-density page's controls: bandwidth, bounds, scale, display and how several series combine."""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from core.density import MULTIPLE, RULES
from ui.common.url import bound

__all__ = ["DensityOptions", "density_options", "RULE_LABELS"]

RULE_LABELS = {"scott": "Scott", "silverman": "Silverman", "isj": "Improved Sheather-Jones", "lscv": "LSCV",
               "manual": "manual"}
GRIDSIZES = [128, 256, 512, 1024, 2048]


@dataclass(frozen=True)
class DensityOptions:
    rule: str
    bandwidth: object  # a rule's name or the manual h
    bounds: tuple
    gridsize: int
    log_scale: bool
    show_hist: bool
    bins: str
    show_rug: bool
    show_kernels: bool
    multiple: str
    common_norm: bool


def density_options(P, d, series):
    """Draw the controls for the page's `series` (the first one sizes the manual bandwidth); `d` holds the
    data's defaults."""
    first = series[0]
    o1, o2, o3, o4 = st.columns(4)
    rule_opts = list(RULES) + ["manual"]
    rule = bound(o1.selectbox, "Bandwidth", rule_opts, index=rule_opts.index("isj"), key=f"{P}_rule",
                 format_func=RULE_LABELS.get)
    lo_default, hi_default = d.get("bounds") or (None, None)
    lower = bound(o2.number_input, "Lower bound", value=lo_default, key=f"{P}_lo", format="%.6g", placeholder="none",
                  help="Reflect the density at this bound (e.g. 0 for times or amounts).")
    upper = bound(o3.number_input, "Upper bound", value=hi_default, key=f"{P}_hi", format="%.6g", placeholder="none")
    gridsize = bound(o4.selectbox, "Grid points", GRIDSIZES, index=GRIDSIZES.index(512), key=f"{P}_gridsize")
    bounds = (lower, upper)
    t1, t2, t3, t4, t5 = st.columns(5)
    log_scale = bound(t1.toggle, "Log scale", value=False, key=f"{P}_log_scale",
                      help="For positive, skewed data (incomes, sizes, times): estimate on log x, where the data are "
                           "closer to symmetric, and transform back with the Jacobian 1/x. Kernels are then narrow near "
                           "zero and wide in the tail, and no density leaks below zero.")
    show_hist = bound(t2.toggle, "Histogram", value=True, key=f"{P}_hist")
    bins = bound(t3.selectbox, "Bin rule", ["auto", "fd", "sturges", "scott", "sqrt"], key=f"{P}_bins",
                 disabled=not show_hist)
    show_rug = bound(t4.toggle, "Rug", value=True, key=f"{P}_rug")
    show_kernels = bound(t5.toggle, "Show the kernels", value=bool(d.get("kernels")), key=f"{P}_kernels",
                         disabled=first.size > 60 or log_scale, help="Draws every point's kernel under the sum (up to 60 "
                                                                     "points, linear scale).")
    scaled = np.log(first[first > 0]) if log_scale else first
    span = float(np.ptp(scaled)) if scaled.size else 1.0
    span = span or 1.0
    bandwidth = rule
    if rule == "manual":
        bandwidth = float(bound(st.slider, "Bandwidth h (kernel SD, " + ("log units)" if log_scale else "data units)"),
                                span / 2000, span, round(span / 20, 6), key=f"{P}_h", format="%.4g"))
    multiple, common_norm = "layer", False
    if len(series) > 1:
        g1, g2 = st.columns(2)
        multiple = bound(g1.segmented_control, "Several series", list(MULTIPLE), default="layer", key=f"{P}_multiple",
                         help="layer: curves over each other; stack: areas on top of each other; fill: each series' "
                              "share of the total at each x (seaborn's multiple=).") or "layer"
        common_norm = bound(g2.toggle, "Common normalisation", value=True, key=f"{P}_common_norm",
                            help="Weight each series by its share of the points, so that together they integrate to 1 "
                                 "(seaborn's common_norm, on by default there too); off: each integrates to 1.")
    return DensityOptions(rule, bandwidth, bounds, gridsize, log_scale, show_hist, bins, show_rug, show_kernels,
                          multiple, common_norm)
