"""The curve-fitting page's tabs that need more than a few lines: comparing models (AIC and the F test for
nested ones) and reading unknowns off the fitted curve."""

import numpy as np
import pandas as pd
import streamlit as st

from core.common import ExplorerError, parse_numbers
from core.fitting import compare_figure, extra_sum_of_squares, get_model, interpolate_unknowns, MAX_UNKNOWNS
from ui.common.cache import content_key
from ui.common.errors import guard
from ui.common.export import csv_download
from ui.common.tables import display_frame, fmt
from ui.common.text import esc, figure, plot
from ui.common.url import bound
from ui.fitting.cache import compare_cached

__all__ = ["compare_panel", "unknowns_panel"]


def _name(key):
    model = get_model(key)
    return model.name if model else key


def f_tests(current, results):
    """The extra-sum-of-squares F test of the current fit against every other converged fit with a different
    number of free parameters (the one with fewer is the simpler): table rows."""
    rows = []
    for key, other in results:
        if isinstance(other, str) or not other.success or other is current or other.n_free == current.n_free:
            continue
        simpler, complex_ = sorted((current, other), key=lambda r: r.n_free)
        try:
            test = extra_sum_of_squares(simpler, complex_)
        except ExplorerError as exc:
            rows.append({"simpler": _name(simpler.model), "more complex": _name(complex_.model), "F": np.nan,
                         "df": "", "p": np.nan, "note": str(exc)})
            continue
        rows.append({"simpler": _name(simpler.model), "more complex": _name(complex_.model), "F": test.F,
                     "df": f"{test.df_num}, {test.df_den}", "p": test.pvalue, "note": ""})
    return rows


def compare_panel(P, result, model, choices, digest, columns, n_x, weighted, absolute_sigma, selection, fit_id,
                  x, y, x_label, y_col):
    if n_x > 1:
        st.info("Model comparison works with one x column.")
        return
    options = [k for k in choices if k not in ("polynomial", "formula")] + ["poly2", "poly3", "poly4"]
    chosen = bound(st.multiselect, "Models to compare with the current fit", options, key=f"{P}_compare",
                   format_func=_name, max_selections=8)
    if not chosen:
        st.caption("Pick models to fit to the same data: ranked by AIC, and tested against the current fit by "
                   "the extra-sum-of-squares F test.")
        return
    with guard("comparing models"):
        models = tuple(dict.fromkeys([model, *chosen]))
        results, table = compare_cached(digest, columns, n_x, weighted, models, absolute_sigma, selection)
        st.dataframe(display_frame(table), hide_index=True, width="stretch")
        ok = [(_name(k), r) for k, r in results if not isinstance(r, str) and r.success]
        cmp_fig, _ = figure(content_key(fit_id, models, absolute_sigma), compare_figure, ok, x, y, x_label=x_label,
                            y_label=y_col)
        plot(st, cmp_fig, key=f"{P}_cmp_fig")
        st.caption("Akaike weight: the probability that a model is the best of this set (given the data).")
        current = results[0][1]
        tests = f_tests(current, results) if not isinstance(current, str) and current.success else []
        if tests:
            st.markdown("**Extra-sum-of-squares F test** (nested models)")
            st.dataframe(display_frame(tests), hide_index=True, width="stretch")
            st.caption("F = ((χ² simpler − χ² complex) / extra parameters) / (χ² complex / its degrees of freedom). "
                       "Valid only when the simpler model is the complex one with parameters held fixed (a line "
                       "inside a quadratic, Michaelis-Menten inside Hill with n = 1); a small p says the extra "
                       "parameters explain more than noise would. For models that are not nested, use AIC.")


def unknowns_panel(P, result, x, y_col, x_label, level, sigma):
    """Prism's "interpolate unknowns": x for measured y values on the fitted standard curve."""
    if np.ndim(x) != 1:
        st.info("Unknowns are read from a curve of one x column.")
        return
    text = bound(st.text_area, f"Measured {esc(y_col)} of the unknowns (commas or one per line)", "",
                 key=f"{P}_unknowns",
                 height=100, max_chars=20_000, placeholder="0.25, 0.5, 0.8")
    st.caption(f"Each is solved for {esc(x_label)} on the fitted curve within the standards' range "
               f"({fmt(float(np.min(x)), 4)} to {fmt(float(np.max(x)), 4)}); the interval is where the "
               f"{level:.0%} prediction band crosses the value: the {esc(x_label)} a single new measurement is "
               "consistent with.")
    if not text.strip():
        return
    with guard("reading the unknowns"):
        values = parse_numbers(text, max_values=MAX_UNKNOWNS, max_chars=20_000, what="unknowns")
        median_sigma = float(np.median(sigma)) if sigma is not None else None
        rows = interpolate_unknowns(result, values, x_range=(float(np.min(x)), float(np.max(x))),
                                    confidence_level=level, sigma=median_sigma)
        shown = [{y_col: r["y"], x_label: r["x"], f"{level:.0%} low": r["x_low"], f"{level:.0%} high": r["x_high"],
                  "note": r["note"]} for r in rows]
        st.dataframe(display_frame(shown), hide_index=True, width="stretch")
        csv_download("Unknowns (CSV)", pd.DataFrame(shown), "unknowns.csv", key=f"{P}_dl_unknowns")
        if sigma is not None:
            st.caption(f"Weighted fit: the band uses the median sigma of the standards ({esc(fmt(median_sigma, 4))}) "
                       "for a new measurement.")
