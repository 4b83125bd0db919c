"""Cached wrappers around core.optimize: keyed on the function's description (preset or formula text and its
knobs), the start, the method and its arguments; every cache with ``max_entries``."""

import streamlit as st

from core.optimize import (global_search, minimize_2d, multistart, objective, parse_constraint, parse_lp,
                           simplex_at, solve_problem)

__all__ = ["objective_cached", "minimize_cached", "simplex_cached", "global_cached", "baseline_cached",
           "lp_cached", "constraints_cached"]


@st.cache_resource(max_entries=32, show_spinner=False)
def objective_cached(spec):
    """The function `spec` = (name, formula, condition, angle) with its exact derivatives: built once, shared
    read-only (deriving a Hessian takes milliseconds)."""
    name, formula, condition, angle = spec
    return objective(name, formula=formula, condition=condition, angle=angle)


@st.cache_resource(max_entries=32, show_spinner=False)
def constraints_cached(texts):
    return tuple(parse_constraint(t) for t in texts)


@st.cache_data(max_entries=128, show_spinner="Minimizing ...")
def minimize_cached(spec, x0, method, bounds, constraint_texts, maxiter):
    o = objective_cached(spec)
    return minimize_2d(o.fun, x0, method=method, bounds=bounds, constraints=constraints_cached(constraint_texts),
                       jac=o.grad, hess=o.hess, maxiter=maxiter)


@st.cache_data(max_entries=64, show_spinner=False)
def simplex_cached(spec, x0, step, bounds):
    o = objective_cached(spec)
    return simplex_at(o.fun, x0, step, bounds=bounds)


@st.cache_data(max_entries=64, show_spinner="Searching the whole box ...")
def global_cached(spec, method, effort, popsize, seed):
    o = objective_cached(spec)
    return global_search(o.fun, o.box, method=method, effort=effort, popsize=popsize, seed=seed)


@st.cache_data(max_entries=32, show_spinner="Local minimizations from random starts ...")
def baseline_cached(spec, starts, seed):
    o = objective_cached(spec)
    best, runs, fraction, nfev = multistart(o.fun, o.box, starts=starts, seed=seed, jac=o.grad)
    return best, runs, fraction, nfev


@st.cache_data(max_entries=64, show_spinner="Solving ...")
def lp_cached(text):
    problem = parse_lp(text)
    return problem, solve_problem(problem)
