"""Global methods against scipy.optimize called directly, the local baseline, and linear and integer programs
against linprog/milp and hand-solved optima."""

import numpy as np
import pytest
from scipy import optimize

from core.common.budget import BudgetError
from core.common.errors import DataError, ExpressionError, LimitError
from core.optimize import (GLOBAL_METHODS, LP_PRESETS, global_arguments, global_script, global_search, lp_script,
                           multistart, objective, parse_lp, solve_lp, solve_problem)

RASTRIGIN = objective("rastrigin")


@pytest.mark.parametrize("method", GLOBAL_METHODS)
def test_global_methods_equal_the_direct_call(method):
    ours = global_search(RASTRIGIN.fun, RASTRIGIN.box, method=method, effort=30, seed=3)
    kwargs = global_arguments(method, 30, RASTRIGIN.box, seed=3)
    ref = getattr(optimize, method)(RASTRIGIN.fun, **kwargs)
    assert ours.fun == pytest.approx(float(ref.fun), abs=1e-12) and ours.nfev == ref.nfev
    assert len(ours.evaluations) == min(ours.nfev, 20_000) or method == "basinhopping"
    assert ours.evaluations.shape[1] == 2


def test_global_methods_find_rastrigins_minimum_where_local_starts_do_not():
    best, runs, fraction, nfev = multistart(RASTRIGIN.fun, RASTRIGIN.box, starts=20, seed=0, jac=RASTRIGIN.grad)
    assert fraction < 0.5 and len(runs) == 20 and nfev == sum(r["nfev"] for r in runs)
    for method in ("dual_annealing", "direct", "shgo"):
        r = global_search(RASTRIGIN.fun, RASTRIGIN.box, method=method)
        assert r.fun == pytest.approx(0.0, abs=1e-6), method


def test_global_effort_is_bounded_and_budgeted():
    with pytest.raises(LimitError, match="generations"):
        global_search(RASTRIGIN.fun, RASTRIGIN.box, method="differential_evolution", effort=10**9)
    with pytest.raises(BudgetError, match="over the work budget"):
        global_search(RASTRIGIN.fun, RASTRIGIN.box, method="differential_evolution", effort=2000, popsize=100)
    with pytest.raises(DataError, match="at most"):
        global_search(RASTRIGIN.fun, ((-1e300, 1e300), (0, 1)), method="direct")


def test_global_script_prints_the_same(run_script):
    efforts = {"differential_evolution": 20, "direct": 500}
    printed = run_script(global_script(RASTRIGIN, list(efforts), efforts=efforts, seed=2, starts=5))
    for method, effort in efforts.items():
        r = global_search(RASTRIGIN.fun, RASTRIGIN.box, method=method, effort=effort, seed=2)
        assert printed[f"{method}_fun"] == r.fun and printed[f"{method}_nfev"] == r.nfev
    best, *_ = multistart(RASTRIGIN.fun, RASTRIGIN.box, starts=5, seed=2, jac=RASTRIGIN.grad)
    assert printed["baseline_fun"] == best["fun"]


def test_production_plan_by_hand():
    """maximize 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= 18: the optimum (2, 6) with value 36 (the classic
    Wyndor Glass example, Hillier & Lieberman), duals 0, 1.5, 1."""
    p = parse_lp(LP_PRESETS["production"][1])
    r = solve_problem(p)
    np.testing.assert_allclose(r.x, [2, 6], atol=1e-9)
    assert r.fun == pytest.approx(36.0) and r.method == "linprog"
    np.testing.assert_allclose(r.duals_ub, [0, 1.5, 1.0], atol=1e-9)
    np.testing.assert_allclose(r.slack, [2, 0, 0], atol=1e-9)


def test_solve_lp_equals_linprog_and_milp():
    rng = np.random.default_rng(4)
    A = rng.uniform(0, 1, (6, 5))
    b = rng.uniform(1, 3, 6)
    c = -rng.uniform(0, 1, 5)
    ours = solve_lp(c, A_ub=A, b_ub=b)
    ref = optimize.linprog(c, A_ub=A, b_ub=b, bounds=[(0, np.inf)] * 5, method="highs")
    np.testing.assert_allclose(ours.x, ref.x) and (ours.fun, ours.status) == (ref.fun, ref.status)
    ours = solve_lp(c, A_ub=A, b_ub=b, integrality=np.ones(5))
    ref = optimize.milp(c, integrality=np.ones(5), bounds=optimize.Bounds(0, np.inf),
                        constraints=optimize.LinearConstraint(A, -np.inf, b))
    assert ours.fun == pytest.approx(ref.fun) and ours.method == "milp" and np.allclose(ours.x, np.round(ours.x))


def test_knapsack_against_brute_force():
    p = parse_lp(LP_PRESETS["knapsack"][1])
    r = solve_problem(p)
    value, weight = -p.c, p.A_ub[0]
    best = max(value @ np.array(bits) for bits in np.ndindex(*(2,) * 8)
               if weight @ np.array(bits) <= p.b_ub[0])
    assert r.fun == pytest.approx(best) and r.status == 0


def test_infeasible_and_unbounded_are_said_plainly():
    r = solve_problem(parse_lp(LP_PRESETS["infeasible"][1]))
    assert r.status == 2 and set(r.conflict) == {"x + y <= 4", "x >= 3", "y >= 2"}
    r = solve_problem(parse_lp("maximize x + y subject to x - y <= 1"))
    assert r.status == 3 and r.x is None


@pytest.mark.parametrize("text, message", [
    ("maximize x*y subject to x <= 1", "not linear"), ("3x + y", "Start with maximize"),
    ("maximize 3x + 2y subject to x + y", "one relation"), ("maximize __import__('os') subject to x <= 1", ""),
    ("minimize 2e subject to e <= 1", "constants"), ("maximize 3 subject to 1 <= 2", "no variable"),
    ("maximize x subject to " + "; ".join(f"x <= {i}" for i in range(1, 400)), "At most"),
])
def test_bad_problems_get_a_clear_message(text, message):
    with pytest.raises((DataError, LimitError, ExpressionError), match=message):
        parse_lp(text)


def test_mismatched_matrices_and_bounds():
    with pytest.raises(DataError, match="must match"):
        solve_lp([1, 1], A_ub=[[1, 1], [1, 0]], b_ub=[1])
    with pytest.raises(DataError, match="lower bound is above"):
        solve_lp([1, 1], bounds=[(2, 1), (0, 1)])
    with pytest.raises(DataError, match="numbers only"):
        solve_lp([1, 1], A_ub=[[1, "two"]], b_ub=[1])
    with pytest.raises(DataError, match="one per variable"):
        solve_lp([1, 1], A_ub=[[1, 2, 3]], b_ub=[1])
    with pytest.raises(DataError, match="numbers only"):
        solve_lp(["a", 1])


@pytest.mark.parametrize("name", list(LP_PRESETS))
def test_lp_script_prints_the_same(run_script, name):
    p = parse_lp(LP_PRESETS[name][1])
    r = solve_problem(p)
    printed = run_script(lp_script(p))
    assert printed["status"] == r.status
    if r.x is None:
        assert "fun" not in printed
        return
    assert printed["fun"] == pytest.approx(r.fun, rel=1e-12)
    for v, value in zip(p.variables, r.x):
        assert printed[v] == pytest.approx(value, abs=1e-12)
    if r.duals_ub is not None:
        assert printed["dual_ub_0"] == pytest.approx(r.duals_ub[0], abs=1e-12)
