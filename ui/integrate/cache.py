"""Cached wrappers around core.integrate: keyed on the system's description (preset or formulas), its
parameters, the start, the span, the method and tolerances; every cache with ``max_entries``."""

import streamlit as st

from core.integrate import (double_integral, fixed_points, integrate_formula, nullcline_grids, parse_event,
                            reference, rules_convergence, solve, system, trajectory, work_precision, field_grid)

__all__ = ["system_cached", "solve_cached", "reference_cached", "work_cached", "phase_cached", "trajectory_cached",
           "quad_cached", "dblquad_cached", "rules_cached"]


@st.cache_resource(max_entries=32, show_spinner=False)
def system_cached(spec):
    """The system `spec` = (name, formulas, parameter defaults) with its exact Jacobian: built once, read-only."""
    name, formulas, params = spec
    if name == "custom":
        return system("custom", formulas=dict(formulas), params=dict(params))
    return system(name)


def _events(s, events):
    return [parse_event(text, s, terminal=terminal) for text, terminal in events]


@st.cache_data(max_entries=128, show_spinner="Integrating ...")
def solve_cached(spec, params, y0, span, method, rtol, atol, events):
    s = system_cached(spec)
    return solve(s, span, y0, method=method, rtol=rtol, atol=atol, params=dict(params), events=_events(s, events))


@st.cache_data(max_entries=32, show_spinner="A tight-tolerance reference solution ...")
def reference_cached(spec, params, y0, span):
    s = system_cached(spec)
    return reference(s, span, y0, params=dict(params))


@st.cache_data(max_entries=16, show_spinner="Solving at each tolerance ...")
def work_cached(spec, params, y0, span, methods):
    s = system_cached(spec)
    return work_precision(s, span, y0, list(methods), params=dict(params))


@st.cache_data(max_entries=32, show_spinner="The field, nullclines and fixed points ...")
def phase_cached(spec, params, box):
    s = system_cached(spec)
    params = dict(params)
    return (field_grid(s, box, params=params), nullcline_grids(s, box, params=params),
            fixed_points(s, box, params=params))


@st.cache_data(max_entries=128, show_spinner="A trajectory ...")
def trajectory_cached(spec, params, start, t_end, box):
    return trajectory(system_cached(spec), start, t_end, params=dict(params), box=box)


@st.cache_data(max_entries=64, show_spinner="quad ...")
def quad_cached(formula, a, b, limit):
    return integrate_formula(formula, a, b, limit=limit)


@st.cache_data(max_entries=64, show_spinner="dblquad ...")
def dblquad_cached(formula, a, b, lower, upper):
    return double_integral(formula, a, b, lower, upper)


@st.cache_data(max_entries=32, show_spinner="The rules on up to 16,385 samples ...")
def rules_cached(formula, a, b):
    return rules_convergence(formula, a, b)
