"""The optimization page's panels: choosing the function, local methods raced on the map, global methods
against a local baseline, and linear programs."""

import pandas as pd
import streamlit as st

from core.common import DataError
from core.optimize import (ABOUT, GLOBAL_ABOUT, GLOBAL_METHODS, LP_PRESETS, METHODS, PRESETS, STATUS, EFFORT,
                           availability, contour_figure, convergence_figure, global_figure, global_script, lp_figure,
                           lp_script, minimize_script, default_effort)
from ui.common.cache import content_key
from ui.common.errors import guard
from ui.common.export import csv_download
from ui.common.tables import display_frame, fmt
from ui.common.text import esc, figure, new_click, plot
from ui.common.url import bound
from ui.optimize.cache import (baseline_cached, constraints_cached, global_cached, lp_cached, minimize_cached,
                               objective_cached, simplex_cached)

__all__ = ["choose_function", "minimize_panel", "global_panel", "lp_panel", "FORMULA"]

FORMULA = "formula"
_NAMES = {**{k: p.label for k, p in PRESETS.items()}, FORMULA: "Your formula in x and y"}


def choose_function(P, *, default="rosenbrock", tag=""):
    """The function (preset or formula) as a cache key ``spec`` and its :class:`Objective`. `tag` keeps each
    tab's choice apart (``<P>_fun``, ``<P>_gfun``, ...)."""
    options = list(_NAMES)
    c1, c2 = st.columns([1, 2])
    name = bound(c1.selectbox, "Function", options, index=options.index(default), key=f"{P}_{tag}fun",
                 format_func=_NAMES.get)
    formula, condition, angle = None, 10.0, 30.0
    if name == FORMULA:
        formula = bound(c2.text_input, "f(x, y) =", "sin(x)*cos(y) + 0.1*(x^2 + y^2)",
                        max_chars=500, help="x, y, numbers, + - * / ^, pi, e and exp, log, sqrt, sin, cos, tan, "
                                            "arctan, sinh, cosh, tanh, abs. Nothing else is run.",
                        key=f"{P}_{tag}formula")
    elif name == "quadratic":
        a, b = c2.columns(2)
        condition = float(bound(a.select_slider, "condition number κ", [1, 2, 5, 10, 30, 100, 300, 1000],
                                value=30, key=f"{P}_{tag}kappa"))
        angle = float(bound(b.slider, "rotation (degrees)", 0, 90, 30, key=f"{P}_{tag}angle"))
    spec = (name, formula, condition, angle)
    o = objective_cached(spec)
    st.caption(esc(f"{o.note} " if o.note else "") + f"Derivatives: {o.derivative_note}.")
    return spec, o


def _problem_inputs(P, o):
    c1, c2, c3 = st.columns([1, 1, 1])
    (xlo, xhi), (ylo, yhi) = ((float(a), float(b)) for a, b in o.box)
    span = max(xhi - xlo, yhi - ylo)
    x0 = bound(c1.number_input, "start x", min_value=xlo - span, max_value=xhi + span, value=float(o.x0[0]),
               key=f"{P}_x0", format="%.4g", help="Or click the map.")
    y0 = bound(c2.number_input, "start y", min_value=ylo - span, max_value=yhi + span, value=float(o.x0[1]),
               key=f"{P}_y0", format="%.4g", help="Or click the map.")
    maxiter = int(bound(c3.number_input, "max iterations", 1, 10_000, 500, step=100, key=f"{P}_maxiter"))
    bounds, texts = None, ()
    with st.expander("Bounds and constraints", icon=":material/crop_free:"):
        b1, b2, b3, b4, b5 = st.columns([1.2, 1, 1, 1, 1], vertical_alignment="bottom")
        if bound(b1.toggle, "Bounds (a box)", value=False, key=f"{P}_bounded"):
            w, h = xhi - xlo, yhi - ylo  # default: the view inset by an eighth, stretched to hold the start
            lx = bound(b2.number_input, "x low", value=min(xlo + w / 8, float(x0) - w / 20), key=f"{P}_xlo",
                       min_value=-1e6, max_value=1e6, format="%.4g")
            hx = bound(b3.number_input, "x high", value=max(xhi - w / 8, float(x0) + w / 20), key=f"{P}_xhi",
                       min_value=-1e6, max_value=1e6, format="%.4g")
            ly = bound(b4.number_input, "y low", value=min(ylo + h / 8, float(y0) - h / 20), key=f"{P}_ylo",
                       min_value=-1e6, max_value=1e6, format="%.4g")
            hy = bound(b5.number_input, "y high", value=max(yhi - h / 8, float(y0) + h / 20), key=f"{P}_yhi",
                       min_value=-1e6, max_value=1e6, format="%.4g")
            bounds = ((float(lx), float(hx)), (float(ly), float(hy)))
        text = bound(st.text_area, "Constraints (one or two, one per line)", "", key=f"{P}_constraints",
                     max_chars=600, height=80, placeholder="x^2 + y^2 <= 2\nx + y >= 0.5",
                     help="Relations in x and y with <=, >= or =. Only SLSQP, trust-constr, COBYLA and COBYQA "
                          "take constraints; the grey region of the map breaks one.")
        texts = tuple(t.strip() for t in text.splitlines() if t.strip())
        if len(texts) > 2:
            raise DataError("At most two constraints.")
    return (float(x0), float(y0)), maxiter, bounds, texts


def minimize_panel(P):
    """Local methods from one start: the map with their paths, a replay slider, the objective against iteration
    and the table. Returns the exported script."""
    spec, o = choose_function(P)
    clicked = new_click(f"{P}_map")                     # a click on the map is the new start
    if clicked is not None:
        st.session_state[f"{P}_x0"], st.session_state[f"{P}_y0"] = (float(f"{v:.4g}") for v in clicked)
    x0, maxiter, bounds, texts = _problem_inputs(P, o)
    constraints = constraints_cached(texts)
    chosen = bound(st.multiselect, "Methods", list(METHODS), default=["Nelder-Mead", "BFGS", "Newton-CG"],
                   key=f"{P}_methods", help="\n".join(f"- **{m}**: {ABOUT[m]}" for m in METHODS))
    runnable, greyed = [], []
    for m in chosen:
        reason = availability(m, bounds=bounds is not None, constraints=bool(constraints),
                              gradient=o.gradient_exprs is not None)
        (greyed if reason else runnable).append((m, reason))
    if greyed:
        st.caption("Not run: " + "; ".join(f"{m} {r}" for m, r in greyed) + ".")
    results = []
    for m, _ in runnable:
        with guard(m):
            results.append(minimize_cached(spec, x0, m, bounds, texts, maxiter))
    longest = max((len(r.path) - 1 for r in results), default=0)
    step = None
    if longest > 0:
        step = int(bound(st.slider, "Replay: iteration", 0, longest, longest, key=f"{P}_step",
                         help="Each path up to this iteration (the Nelder-Mead simplex too)."))
    simplex = None
    if step is not None and any(r.method == "Nelder-Mead" for r in results):
        nm = next(r for r in results if r.method == "Nelder-Mead")
        if step < len(nm.path) - 1:
            simplex = simplex_cached(spec, x0, step, bounds)
    ident = content_key("map", spec, x0, bounds, texts, maxiter, [r.method for r in results], step)
    plot(st, figure(ident, contour_figure, o, results, step=step, simplex=simplex, bounds=bounds,
                    constraints=constraints, x0=x0), key=f"{P}_map", on_select="rerun", selection_mode="points")
    st.caption("Click the map to start from there. Dashed box: the bounds; grey: where a constraint is broken; "
               "stars: the known minima.")
    if results:
        plot(st, figure(content_key("conv", ident), convergence_figure, results, step=step), key=f"{P}_conv")
        rows = [{"method": r.method, "x": r.x[0], "y": r.x[1], "fun": r.fun, "nit": r.nit, "nfev": r.nfev,
                 "njev": r.njev, "time (ms)": 1000 * r.seconds, "success": r.success, "message": r.message}
                for r in results]
        st.dataframe(display_frame(rows), hide_index=True, width="stretch")
        csv_download("Download the table (CSV)", pd.DataFrame(rows), "minimize.csv", key=f"{P}_dl_min")
    return minimize_script(o, x0, [r.method for r in results], bounds=bounds, constraints=constraints,
                           maxiter=maxiter)


def global_panel(P):
    """Global methods over the function's box, their evaluations as clouds, against a local method from random
    starts. Returns the exported script."""
    spec, o = choose_function(P, default="rastrigin", tag="g")
    chosen = bound(st.multiselect, "Global methods", list(GLOBAL_METHODS), default=["differential_evolution",
                   "dual_annealing", "direct"], key=f"{P}_global",
                   help="\n".join(f"- **{m}**: {GLOBAL_ABOUT[m]}" for m in GLOBAL_METHODS))
    cols = st.columns(max(len(chosen), 1) + 2)
    efforts = {}
    for col, m in zip(cols, chosen):
        what, limits = EFFORT[m]
        efforts[m] = int(bound(col.number_input, f"{m}: {what}", int(limits.lo), int(limits.hi), default_effort(m),
                               key=f"{P}_eff_{m}"))
    seed = int(bound(cols[-2].number_input, "seed", 0, 2**31 - 1, 0, key=f"{P}_seed"))
    starts = int(bound(cols[-1].number_input, "random starts (local baseline)", 0, 200, 20, key=f"{P}_starts",
                       help="L-BFGS-B from this many uniform random points in the box: the local way to look "
                            "for the global minimum. 0 leaves it out."))
    results = []
    for m in chosen:
        with guard(m):
            results.append(global_cached(spec, m, efforts[m], 15, seed))
    baseline = baseline_cached(spec, starts, seed) if starts else None
    ident = content_key("global", spec, [(r.method, r.options) for r in results], starts, seed)
    plot(st, figure(ident, global_figure, o, results, baseline[1] if baseline else None), key=f"{P}_global_map")
    rows = [{"method": r.method, "x": r.x[0], "y": r.x[1], "fun": r.fun, "nfev": r.nfev, "nit": r.nit,
             "time (ms)": 1000 * r.seconds, "success": r.success, "message": r.message} for r in results]
    if baseline:
        best, runs, fraction, nfev = baseline
        rows.append({"method": f"L-BFGS-B from {starts} random starts", "x": best["x"][0], "y": best["x"][1],
                     "fun": best["fun"], "nfev": nfev, "nit": None, "time (ms)": None, "success": True,
                     "message": f"{fraction:.0%} of the starts reached the best value found"})
    if rows:
        st.dataframe(display_frame(rows), hide_index=True, width="stretch")
    return global_script(o, [r.method for r in results], efforts=efforts, seed=seed, starts=starts or None)


def lp_panel(P):
    """A linear or integer program typed as text (presets to start from): the solution, slacks and duals, the
    feasible region for two variables. Returns the exported script."""
    options = list(LP_PRESETS)
    preset = bound(st.selectbox, "Problem", options, key=f"{P}_lp", format_func=lambda k: LP_PRESETS[k][0])
    text = bound(st.text_area, "The problem (edit it)", LP_PRESETS[preset][1], key=f"{P}_lp_{preset}",
                 height=180, max_chars=20_000,
                 help="maximize or minimize, an objective, then subject to and one constraint per line "
                      "(<=, >=, =). `x, y >= 0` sets bounds (variables are >= 0 unless `x free`); `x, y integer` "
                      "or `binary` makes them whole numbers (milp).")
    problem, result = lp_cached(text)
    if result.status == 0:
        st.success(f"{STATUS[0].capitalize()}: {'maximum' if problem.sense == 'max' else 'minimum'} "
                   f"{fmt(result.fun, 8)} ({result.method}).", icon=":material/check_circle:")
    elif result.status == 2:
        why = "; ".join(result.conflict)
        st.error(esc(f"Infeasible: no point meets every constraint. These cannot hold together: {why}."),
                 icon=":material/block:")
    elif result.status == 3:
        st.error("Unbounded: the objective improves without limit inside the constraints. A constraint or a "
                 "bound is missing.", icon=":material/all_inclusive:")
    else:
        st.warning(esc(f"{STATUS.get(result.status, 'stopped')}: {result.message}"))
    if result.x is not None:
        c1, c2 = st.columns(2)
        c1.dataframe(display_frame([{"variable": v, "value": x, "reduced cost": None if result.reduced_costs is None
                                     else result.reduced_costs[i]} for i, (v, x) in enumerate(zip(problem.variables,
                                                                                               result.x))]),
                     hide_index=True, width="stretch")
        rows = [{"constraint": label, "slack": None if result.slack is None else result.slack[i],
                 "dual": None if result.duals_ub is None else result.duals_ub[i]}
                for i, label in enumerate(problem.ub_labels)]
        rows += [{"constraint": label, "slack": 0.0, "dual": None if result.duals_eq is None else result.duals_eq[i]}
                 for i, label in enumerate(problem.eq_labels)]
        if rows:
            c2.dataframe(display_frame(rows), hide_index=True, width="stretch")
        for note in result.notes:
            st.caption(esc(note))
    if len(problem.variables) == 2:
        plot(st, figure(content_key("lp", text), lp_figure, problem, result), key=f"{P}_lp_fig")
    else:
        st.caption(f"{len(problem.variables)} variables: the picture is for two.")
    return lp_script(problem)
