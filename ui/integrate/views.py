"""The ODE and integration page's panels: choosing the system, racing the methods, the phase plane, work
against precision, and integrals."""

import re

import numpy as np
import pandas as pd
import streamlit as st

from core.common import DataError
from core.integrate import (ABOUT, METHODS, PRESETS, dblquad_script, error_against, lorenz_figure, parse_limit,
                            parse_parameters, phase_figure, quad_script, rules_figure, rules_script,
                            solution_figure, solve_script, steps_figure, work_precision_figure)
from core.common.expressions import compile_expression
from ui.common.cache import content_key
from ui.common.errors import guard
from ui.common.export import csv_download
from ui.common.tables import display_frame, fmt
from ui.common.text import esc, figure, new_click, plot
from ui.common.url import bound
from ui.integrate.cache import (dblquad_cached, phase_cached, quad_cached, reference_cached, rules_cached,
                                solve_cached, system_cached, trajectory_cached, work_cached)

__all__ = ["choose_system", "solve_panel", "phase_panel", "work_panel", "integrals_panel", "CUSTOM"]

CUSTOM = "custom"
_NAMES = {**{k: p.label for k, p in PRESETS.items()}, CUSTOM: "Your system (one formula per state)"}
_EQUATION = re.compile(r"^\s*(?:d\s*)?([A-Za-z][A-Za-z0-9_]*)\s*(?:'|/\s*dt)\s*=\s*(.+)$")
TOLERANCES = [1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12]


def _parse_equations(text):
    formulas = {}
    for line in (ln for ln in (text or "").splitlines() if ln.strip()):
        m = _EQUATION.match(line)
        if not m:
            raise DataError(f"Write each equation as x' = formula (or dx/dt = formula); could not read "
                            f"{line.strip()[:40]!r}.")
        if m.group(1) in formulas:
            raise DataError(f"{m.group(1)}' is given twice.")
        formulas[m.group(1)] = m.group(2).strip()
    return formulas


def choose_system(P):
    """The system, its parameters, start and end time. Returns (spec, system, params, y0, t_end)."""
    options = list(_NAMES)
    c1, c2 = st.columns([1, 2])
    name = bound(c1.selectbox, "System", options, index=options.index("vanderpol"), key=f"{P}_sys",
                 format_func=_NAMES.get)
    if name == CUSTOM:
        text = bound(c2.text_area, "Equations (one per line)", "x' = y\ny' = -x - c*y", key=f"{P}_eqs", height=90,
                     max_chars=2000, help="x' = formula in t, the states and your parameters; functions exp, log, "
                                          "sqrt, sin, cos, tanh, abs ...; nothing else is run.")
        ptext = bound(c2.text_input, "Parameters", "c = 0.2", key=f"{P}_params", max_chars=300,
                      help="name = number, separated by commas: each gets a slider-free input below.")
        formulas, defaults = _parse_equations(text), parse_parameters(ptext)
        spec = (CUSTOM, tuple(formulas.items()), tuple(defaults.items()))
    else:
        spec = (name, (), ())
    s = system_cached(spec)
    if s.note:
        c2.caption(esc(s.note))
    params = {}
    if s.parameters:
        cols = st.columns(max(min(len(s.parameters), 5), 3))
        for k, p in enumerate(s.parameters):
            params[p] = _parameter(cols[k % len(cols)], p, s, key=f"{P}_{name}_{p}")
    cols = st.columns(len(s.states) + 1)
    y0 = tuple(float(bound(cols[i].number_input, esc(f"{state}(0)"), min_value=-1e6, max_value=1e6, value=s.y0[i],
                           key=f"{P}_{name}_y0_{state}", format="%.6g")) for i, state in enumerate(s.states))
    t_end = float(bound(cols[-1].number_input, "end time", min_value=1e-6, max_value=1e6, value=s.t_end,
                        key=f"{P}_{name}_tend", format="%.6g"))
    return spec, s, params, y0, t_end


def _nice(lo, hi, default):
    """1, 2, 5 x 10^k between lo and hi, and the default: the stops of a logarithmic slider."""
    stops = {float(f"{m * 10.0 ** e:.6g}") for e in range(-12, 13) for m in (1, 2, 5)}
    return sorted(v for v in stops | {float(default)} if lo <= v <= hi)


def _parameter(col, p, s, *, key):
    """A preset's parameter as a slider within its range (logarithmic stops where the range spans decades, as
    Van der Pol's μ from 0.1 to 1000); a typed system's as a number."""
    lo, hi = s.ranges.get(p, (None, None))
    default = float(s.defaults[p])
    if lo is None:
        return float(bound(col.number_input, esc(p), min_value=-1e6, max_value=1e6, value=default, key=key,
                           format="%.6g"))
    lo, hi = float(lo), float(hi)
    if lo > 0 and hi / lo >= 100:
        return float(bound(col.select_slider, p, _nice(lo, hi, default), value=default, key=key,
                           format_func=lambda v: f"{v:g}"))
    return float(bound(col.slider, p, lo, hi, default, key=key, format="%.4g"))


def _methods(P, s):
    default = ["Radau", "BDF", "LSODA"] if s.stiff else ["RK45", "DOP853", "LSODA"]  # RK45 on a stiff one: 5 s
    return bound(st.multiselect, "Methods", list(METHODS), default=default, key=f"{P}_methods",
                 help="\n".join(f"- **{m}**: {ABOUT[m]}" for m in METHODS))


def solve_panel(P):
    """The chosen methods on one problem: curves, step sizes, the table with counts, time and error. Returns the
    exported script."""
    spec, s, params, y0, t_end = choose_system(P)
    methods = _methods(P, s)
    c1, c2, c3, c4 = st.columns([1, 1, 2, 1], vertical_alignment="bottom")
    rtol = bound(c1.select_slider, "rtol", TOLERANCES, value=1e-6, key=f"{P}_rtol", format_func=lambda v: f"{v:g}")
    atol = bound(c2.select_slider, "atol", [t * 1e-3 for t in TOLERANCES], value=1e-9, key=f"{P}_atol",
                 format_func=lambda v: f"{v:.0e}", help="rtol bounds the error relative to the solution's size; "
                                                         "atol where the solution is near 0.")
    event = bound(c3.text_input, "Event: zero crossings of", s.event, key=f"{P}_{spec[0]}_event", max_chars=200,
                  help="A formula in t, the states and the parameters; each time it crosses zero is marked.")
    terminal = bound(c4.toggle, "stop at the first", value=False, key=f"{P}_terminal")
    with_ref = bound(st.toggle, "Error against a tight-tolerance reference (DOP853, or Radau when stiff, at rtol "
                                "1e-12)", value=not s.stiff, key=f"{P}_ref")
    events = ((event.strip(), bool(terminal)),) if event.strip() else ()
    span = (0.0, t_end)
    results = []
    for m in methods:
        with guard(m):
            results.append(solve_cached(spec, tuple(params.items()), y0, span, m, rtol, atol, events))
    ref = reference_cached(spec, tuple(params.items()), y0, span) if with_ref and results else None
    if not results:
        return None
    ident = content_key("ode", spec, params, y0, span, rtol, atol, events, methods)
    plot(st, figure(ident, solution_figure, s, results, log_time=s.log_time), key=f"{P}_curves")
    if len(s.states) == 3 and s.name == "lorenz":
        plot(st, figure(content_key("3d", ident), lorenz_figure, results, s.states), key=f"{P}_3d")
    rows = []
    for r in results:
        rows.append({"method": r.method, "nfev": r.nfev, "njev": r.njev, "nlu": r.nlu, "steps": r.t.size - 1,
                     "time (ms)": 1000 * r.seconds, "success": r.success,
                     "error vs reference": error_against(r, ref) if ref is not None and not r.stopped else None,
                     "events": sum(len(te) for te in r.t_events), "message": r.message})
    st.dataframe(display_frame(rows), hide_index=True, width="stretch")
    for r in results:
        if r.stopped:
            st.warning(esc(f"{r.method}: {r.message}"), icon=":material/timer_off:")
    plot(st, figure(content_key("steps", ident), steps_figure, results, log_time=s.log_time), key=f"{P}_steps")
    st.caption("Step size against time: where a method shrinks its steps it is working hard. On a stiff problem "
               "an explicit method's steps stay tiny even where the solution barely changes.")
    ev_rows = [{"method": r.method, "t": float(t), **{st_: float(v) for st_, v in zip(s.states, yv)}}
               for r in results for te, ye in zip(r.t_events, r.y_events) for t, yv in zip(te, ye)]
    if ev_rows:
        st.markdown("**Events**")
        st.dataframe(display_frame(ev_rows[:500]), hide_index=True, width="stretch")
    best = next((r for r in results if not r.stopped), None)
    if best is not None:
        csv_download("Download the solution (CSV)", lambda: pd.DataFrame({"t": best.t, **{
            st_: best.y[i] for i, st_ in enumerate(s.states)}}), "solution.csv", key=f"{P}_dl_sol")
    return solve_script(s, span, y0, [r.method for r in results], rtol=rtol, atol=atol, params=params,
                        events=[_event(s, e) for e in events],
                        reference=("Radau" if s.stiff else "DOP853") if ref is not None else None)


def _event(s, e):
    from core.integrate import parse_event

    return parse_event(e[0], s, terminal=e[1])


def phase_panel(P):
    """Two states: the field, nullclines, fixed points and trajectories (click to add). Returns the script."""
    spec, s, params, y0, t_end = choose_system(P)
    if len(s.states) != 2:
        st.info(f"The phase plane is for two states; {esc(s.label)} has {len(s.states)}. Choose another system.")
        return None
    clicked = new_click(f"{P}_phase")                   # a click adds a trajectory from there (12 at most)
    if clicked is not None:
        starts = st.session_state.setdefault(f"_{P}_starts", [])
        starts.append(tuple(round(v, 6) for v in clicked))
        del starts[:-12]
    zoom = bound(st.select_slider, "Zoom out", [0.5, 1.0, 2.0, 4.0], value=1.0, key=f"{P}_zoom")
    first = trajectory_cached(spec, tuple(params.items()), y0, t_end, None)[0]
    pts = first if first is not None else np.array(y0)[:, None]
    lo, hi = np.nanmin(pts, axis=1), np.nanmax(pts, axis=1)
    centre, half = (lo + hi) / 2, np.maximum((hi - lo) / 2 * 1.3, 1.0) * zoom
    box = ((float(centre[0] - half[0]), float(centre[0] + half[0])),
           (float(centre[1] - half[1]), float(centre[1] + half[1])))
    field, nullclines, fixed = phase_cached(spec, tuple(params.items()), box)
    starts = [tuple(y0)] + list(st.session_state.get(f"_{P}_starts", []))
    trajectories = [trajectory_cached(spec, tuple(params.items()), tuple(p), t_end, box) for p in starts]
    ident = content_key("phase", spec, params, box, starts, t_end)
    plot(st, figure(ident, phase_figure, s, box, field, nullclines, fixed, trajectories), key=f"{P}_phase",
         on_select="rerun", selection_mode="points")
    c1, c2 = st.columns([3, 1])
    c1.caption("Click to start a trajectory there (solid: forward in time, dotted: backward). Dashed: the "
               "nullclines, where one state stops changing; fixed points where they cross.")
    if c2.button("Clear the clicked trajectories", key=f"{P}_clear"):
        st.session_state[f"_{P}_starts"] = []
        st.rerun()
    if fixed:
        st.dataframe(display_frame([{s.states[0]: fp.point[0], s.states[1]: fp.point[1], "kind": fp.kind,
                                     "eigenvalues": ", ".join(fmt(complex(v).real, 4) + (
                                         f" {'+' if complex(v).imag >= 0 else '-'} {fmt(abs(complex(v).imag), 4)}i"
                                         if abs(complex(v).imag) > 0 else "") for v in fp.eigenvalues)}
                                    for fp in fixed]), hide_index=True, width="stretch")
    else:
        st.caption("No fixed point inside the view.")
    return solve_script(s, (0.0, t_end), y0, ["LSODA"], rtol=1e-6, atol=1e-9, params=params)


def work_panel(P):
    """Error against evaluations as rtol tightens: which method is cheapest for a given accuracy."""
    spec, s, params, y0, t_end = choose_system(P)
    methods = _methods(P, s)
    if not methods:
        return None
    rows = work_cached(spec, tuple(params.items()), y0, (0.0, t_end), tuple(methods))
    plot(st, figure(content_key("wp", spec, params, y0, t_end, methods), work_precision_figure, rows),
         key=f"{P}_wp")
    st.caption("Each line is one method as rtol goes from 1e-3 to 1e-9 (atol = rtol x 1e-3): lower left is better. "
               "High-order methods (DOP853, Radau) win at tight tolerances; a method stopped by the budget ends "
               "its line.")
    st.dataframe(display_frame(rows), hide_index=True, width="stretch")
    return solve_script(s, (0.0, t_end), y0, methods, rtol=1e-6, atol=1e-9, params=params,
                        reference="Radau" if s.stiff else "DOP853")


def integrals_panel(P):
    """quad of a formula, dblquad over a region, and the trapezoid and Simpson rules against quad."""
    mode = bound(st.segmented_control, "Integral", ["quad", "dblquad", "Rules"], default="quad",
                 key=f"{P}_int") or "quad"
    if mode == "quad":
        c1, c2, c3, c4 = st.columns([3, 1, 1, 1])
        text = bound(c1.text_input, "f(x) =", "exp(-x^2)", key=f"{P}_qf", max_chars=500)
        a = bound(c2.text_input, "from a", "-inf", key=f"{P}_qa", max_chars=30)
        b = bound(c3.text_input, "to b", "inf", key=f"{P}_qb", max_chars=30)
        limit = int(bound(c4.number_input, "subintervals (limit)", 1, 10_000, 50, key=f"{P}_qlimit"))
        r = quad_cached(text, a, b, limit)
        m = st.columns(3)
        m[0].metric("value", fmt(r.value, 12))
        m[1].metric("error estimate", fmt(r.abserr, 3))
        m[2].metric("evaluations", f"{r.neval:,}")
        if r.message:
            st.warning(esc(f"quad says: {r.message}"), icon=":material/warning:")
        expr = compile_expression(text, variables=("x",))
        return quad_script(expr.to_source(), text, float(parse_limit(a)), float(parse_limit(b)), limit=limit)
    if mode == "dblquad":
        c1, c2, c3 = st.columns([2, 1, 1])
        text = bound(c1.text_input, "f(x, y) =", "x*y", key=f"{P}_df", max_chars=500)
        a = bound(c2.text_input, "x from", "0", key=f"{P}_da", max_chars=30)
        b = bound(c3.text_input, "x to", "1", key=f"{P}_db", max_chars=30)
        c4, c5 = st.columns(2)
        lower = bound(c4.text_input, "y from g(x) =", "0", key=f"{P}_dg", max_chars=300)
        upper = bound(c5.text_input, "y to h(x) =", "sqrt(x)", key=f"{P}_dh", max_chars=300)
        r = dblquad_cached(text, a, b, lower, upper)
        m = st.columns(2)
        m[0].metric("value", fmt(r.value, 12))
        m[1].metric("error estimate", fmt(r.abserr, 3))
        if r.message:
            st.warning(esc(f"dblquad says: {r.message}"), icon=":material/warning:")
        src = compile_expression(text, variables=("x", "y")).to_source()
        g, h = (compile_expression(t, variables=("x",)).to_source() for t in (lower, upper))
        return dblquad_script(src, text, float(parse_limit(a)), float(parse_limit(b)), g, h)
    c1, c2, c3 = st.columns([3, 1, 1])
    text = bound(c1.text_input, "f(x) =", "exp(x)*sin(3*x)", key=f"{P}_rf", max_chars=500)
    a = bound(c2.text_input, "from a", "0", key=f"{P}_ra", max_chars=30)
    b = bound(c3.text_input, "to b", "2", key=f"{P}_rb", max_chars=30)
    rows, orders, exact = rules_cached(text, a, b)
    m = st.columns(3)
    m[0].metric("quad", fmt(exact, 12))
    m[1].metric("trapezoid order", fmt(orders["trapezoid"], 3), help="The slope of log error against log n: 2.")
    m[2].metric("Simpson order", fmt(orders["simpson"], 3), help="4 for a smooth integrand.")
    plot(st, figure(content_key("rules", text, a, b), rules_figure, rows, orders), key=f"{P}_rules")
    st.dataframe(display_frame(rows), hide_index=True, width="stretch")
    return rules_script(compile_expression(text, variables=("x",)).to_source(), text, float(parse_limit(a)),
                        float(parse_limit(b)), list(range(2, 15)))


