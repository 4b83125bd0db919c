"""Curve fitting: scipy.optimize.curve_fit on the user's data, with uncertainties and diagnostics."""

import pandas as pd
import streamlit as st

from core.common import FUNCTIONS, INLINE_MAX_ROWS, MAX_LENGTH
from core.fitting import (CURVES, LOSSES, MAX_POLY_DEGREE, METHODS, MODELS, correlation_figure, export_frame, fit_figure,
                          fit_script, fitted_frame, parameter_names, residual_figure)
from core.fitting.samples import SAMPLES
from ui.common.data_input import pick_columns, require_data
from ui.common.errors import guard
from ui.common.export import code_panel, csv_download
from ui.common.frame import lazy_tabs, page_setup
from ui.common.tables import display_frame, fmt
from ui.common.cache import content_key
from ui.common.shelf import send_button
from ui.common.text import esc, figure, plot
from ui.common.url import bound
from ui.fitting.cache import fit_cached, xy
from ui.fitting.inputs import parameter_inputs
from ui.fitting.views import compare_panel, unknowns_panel

PAGE = page_setup("curve_fitting", "Fit a model to (x, y) data by least squares with `scipy.optimize.curve_fit`; "
                  "see the parameters with their uncertainties, the fit with its bands, and the residuals.")
P = PAGE.prefix
LEVELS = [0.68, 0.9, 0.95, 0.99]
CHOICES = ["linear", "polynomial", *(k for k in MODELS if k != "linear" and not k.startswith("poly")), "formula"]
RESIDUAL_PAGES = [("pages/kernel_density.py", "Kernel density"), ("pages/hypothesis_testing.py", "Hypothesis testing")]
LABELS = {"polynomial": "Polynomial (choose degree)", "formula": "Custom formula",
          **{k: m.name for k, m in MODELS.items()}}


dataset = require_data(P, SAMPLES, synthetic=CURVES)

selection = None
with guard("choosing columns"):
    x_cols, y_col, sigma_col, selection = pick_columns(P, dataset, multi_x=True)
if selection is None:
    st.stop()
n_x = len(x_cols)

# -- model --------------------------------------------------------------------------------------------
defaults = dataset.defaults
default_choice = "formula" if "formula" in defaults or n_x > 1 else defaults.get("model", "linear")
default_choice = "polynomial" if str(default_choice).startswith("poly") else default_choice
c1, c2 = st.columns([1, 2])
default_choice = default_choice if default_choice in CHOICES else "linear"
choice = bound(c1.selectbox, "Model", CHOICES, index=CHOICES.index(default_choice), key=f"{P}_model",
               format_func=LABELS.get)
if choice == "polynomial":
    degree = bound(c2.number_input, "Degree", 1, MAX_POLY_DEGREE, 2, key=f"{P}_degree")
    model = f"poly{int(degree)}"
elif choice == "formula":
    example = "b1 - b2*x1*exp(-b3*x2)" if n_x > 1 else "a*exp(-k*x) + c"
    model = bound(c2.text_input, "Formula (y = ...)", defaults.get("formula", example), key=f"{P}_formula",
                  max_chars=MAX_LENGTH,
                          help="Numbers, parameters, x (or x1, x2, ... for several x columns), + - * / ^ **, "
                               "parentheses, pi, e and the functions " + ", ".join(sorted(FUNCTIONS)) + ".")
else:
    model = choice
    c2.markdown(f"`y = {MODELS[model].formula}`  \n{MODELS[model].description}")

# -- per-parameter options and optimizer settings -----------------------------------------------------
spec = None
with guard("reading the model"):
    names = parameter_names(model, n_x)
    sample_p0 = defaults.get("p0", {}) if choice == "formula" else {}
    p0, bounds, fixed, constraints = parameter_inputs(P, names, sample_p0)
    o1, o2, o3, o4 = st.columns(4)
    method = bound(o1.selectbox, "Method", ["auto", *METHODS], key=f"{P}_method",
                          help="auto: lm without bounds or robust loss, else trf; small problems also try trf "
                               "and keep the better fit.")
    loss = bound(o2.selectbox, "Loss", LOSSES, key=f"{P}_loss",
                 help="Anything but linear is a robust fit (trf/dogbox).")
    f_scale = bound(o3.number_input, "f_scale", min_value=1e-12, max_value=1e12, value=1.0, key=f"{P}_fscale",
                    format="%.4g", disabled=loss == "linear",
                    help="Residual size where the robust loss starts to bite.")
    level = bound(o4.selectbox, "Confidence level", LEVELS, index=LEVELS.index(0.95), key=f"{P}_level",
                  format_func=lambda v: f"{v:.0%}")
    absolute_sigma = False
    if sigma_col:
        absolute_sigma = bound(st.checkbox, "absolute sigma (sigmas are true standard deviations of y)",
                               key=f"{P}_abs")
    spec = (("model", model), ("p0", tuple(sorted((k, v) for k, v in p0.items() if v is not None))),
            ("bounds", tuple(sorted(bounds.items()))), ("fixed", tuple(fixed)),
            ("method", None if method == "auto" else method), ("loss", loss), ("f_scale", float(f_scale)),
            ("absolute_sigma", absolute_sigma), ("constraints", tuple(sorted(constraints.items()))))
if spec is None:
    st.stop()

# -- fit and results ----------------------------------------------------------------------------------
x, y, sigma = xy(selection, n_x, sigma_col is not None)
columns = tuple(x_cols) + (y_col,) + ((sigma_col,) if sigma_col else ())
result = None
with guard("fitting"):
    result = fit_cached(dataset.digest, columns, n_x, sigma_col is not None, spec, selection)
    fit_id = content_key(dataset.digest, columns, n_x, sigma_col is not None, spec)  # what the figures show
if result is None:
    st.stop()

with guard("showing the results"):
    x_label = x_cols[0] if n_x == 1 else ", ".join(x_cols)
    if result.success:
        st.success(f"Fit converged ({result.method}, {result.nfev} function evaluations): "
                   f"{esc(result.explanation)}.", icon=":material/check_circle:")
    else:
        st.error(f"The fit failed: {esc(result.message)} The parameters shown are the start values.",
                 icon=":material/error:")
    for warning in result.warnings:
        st.warning(esc(warning), icon=":material/warning:")

    m = st.columns(6)
    for col, (label, value) in zip(m, [("R²", result.r_squared), ("adjusted R²", result.adj_r_squared),
                                       ("RMSE", result.rmse), ("reduced χ²", result.reduced_chi_square),
                                       ("AIC", result.aic), ("BIC", result.bic)]):
        col.metric(label, fmt(value, 5))

    st.markdown("**Parameters**")
    rows = result.parameter_rows(level)
    st.dataframe(display_frame([{"parameter": r["parameter"] + (" (fixed)" if r["fixed"] else
                                                                f" = {r['tied']}" if r["tied"] else ""), "value": r["value"],
                                 "std. error": r["stderr"],
                                 f"{level:.0%} CI": "n/a" if fmt(r["stderr"]) == "n/a" else
                                 f"[{fmt(r['ci_low'], 5)}, {fmt(r['ci_high'], 5)}]",
                                 "rel. error %": r["rel_error_pct"]} for r in rows]),
                 hide_index=True, width="content")
    d1, d2, _ = st.columns([1, 1, 2])
    with d1:
        csv_download("Parameters (CSV)", pd.DataFrame(rows), "parameters.csv", key=f"{P}_dl_params")
    fitted_table = lambda: fitted_frame(result, {c: selection.column(c) for c in columns}, x, y_col)  # noqa: E731
    with d2:
        csv_download("Data with fitted values (CSV)", fitted_table, "fitted.csv", key=f"{P}_dl_fitted")
    if result.success:
        send_button("Send the residuals to your data", fitted_table, name=f"fit of {result.model} to "
                    f"{dataset.label}: residuals", origin="curve fitting", key=f"{P}_send", targets=RESIDUAL_PAGES,
                    defaults={"shape": "one", "columns": ["residual"], "popmean": 0.0, "test": "ttest_1samp"})
    positive_x = n_x == 1 and float(x.min()) > 0
    log_x = bound(st.toggle, "log x axis", value=bool(defaults.get("log_x")) and positive_x, key=f"{P}_logx",
                  disabled=not positive_x,
                      help="Dose-response and scaling data are easier to read on a log axis (needs x > 0).")
    fig, note = figure(fit_id, fit_figure, result, x, y, confidence_level=level, sigma=sigma, x_label=x_label, y_label=y_col,
                           log_x=log_x and positive_x)
    plot(st, fig, key=f"{P}_fig")
    if note:
        st.caption(esc(note))

    tab, panel = lazy_tabs(["Residuals", "Correlation", "Statistics", "Compare models", "Interpolate unknowns"],
                           key=f"{P}_tab")
    with panel:
        if tab == "Residuals":
            kind = bound(st.radio, "Right panel", ["Q-Q plot", "Histogram"], key=f"{P}_resid_kind", horizontal=True)
            rfig, rnote = figure(fit_id, residual_figure, result, x, y, sigma=sigma, x_label=x_label,
                                 kind="qq" if kind == "Q-Q plot" else "hist")
            plot(st, rfig, key=f"{P}_resid_fig")
            st.caption("Residuals should scatter evenly around zero with no pattern; in the Q-Q plot they should "
                       "follow the line if the errors are normal." + (f" {esc(rnote)}" if rnote else ""))
        elif tab == "Correlation":
            cfig = figure(fit_id, correlation_figure, result)
            if cfig is None:
                st.info("No correlation matrix: the covariance could not be estimated.")
            else:
                plot(st, cfig, key=f"{P}_corr_fig")
                st.caption("|r| near 1 means two parameters trade off against each other: the data cannot pin both.")
        elif tab == "Statistics":
            st.dataframe(display_frame([{"statistic": k, "value": v} for k, v in result.statistics().items()]),
                         hide_index=True, width="stretch")
            st.caption(f"Optimizer: {result.method}; message: {esc(result.message)}")
        elif tab == "Compare models":
            compare_panel(P, result, model, CHOICES, dataset.digest, columns, n_x, sigma_col is not None,
                          absolute_sigma, selection, fit_id, x, y, x_label, y_col)
        elif tab == "Interpolate unknowns":
            unknowns_panel(P, result, x, y_col, x_label, level, sigma)
    if result.success:
        data_frame = export_frame(x, y, sigma)
        code_panel(lambda: fit_script(result, data_frame, source_note=dataset.label,
                                      column_note=", ".join(map(str, columns))),
                   key=P, data_frame=data_frame, needs_file=len(data_frame) > INLINE_MAX_ROWS)
