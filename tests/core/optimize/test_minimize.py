"""minimize_2d against scipy.optimize.minimize called directly, the paths, the refusals and the script."""

import numpy as np
import pytest
from scipy import optimize

from core.common.errors import DataError, ExpressionError, LimitError
from core.optimize import (METHODS, PRESETS, availability, minimize_2d, minimize_script, objective,
                           parse_constraint, simplex_at, violation)

ROSEN = objective("rosenbrock")


def rosen(p):                                   # scipy's own Rosenbrock: an independent definition
    return optimize.rosen(np.asarray(p, dtype=float))


@pytest.mark.parametrize("method", METHODS)
def test_every_method_equals_a_direct_minimize_call(method):
    """Same x, fun, nit and nfev as scipy.optimize.minimize with the same function and arguments (SciPy's
    own rosen, rosen_der and rosen_hess for the independent call)."""
    ours = minimize_2d(ROSEN.fun, ROSEN.x0, method=method, jac=ROSEN.grad, hess=ROSEN.hess, maxiter=3000)
    kwargs = {"options": {"maxiter": 3000}}
    if method in ("CG", "BFGS", "L-BFGS-B", "TNC", "SLSQP", "trust-constr", "Newton-CG"):
        kwargs["jac"] = optimize.rosen_der
    if method in ("Newton-CG", "trust-constr"):
        kwargs["hess"] = optimize.rosen_hess
    ref = optimize.minimize(rosen, ROSEN.x0, method=method, **kwargs)
    np.testing.assert_allclose(ours.x, ref.x, atol=5e-4)          # the two functions differ in the last digits,
    assert ours.fun == pytest.approx(ref.fun, abs=1e-7)            # so a stopping test may fire an iteration
    assert ours.nfev == pytest.approx(ref.nfev, rel=0.15)          # apart: same algorithm, same minimum
    assert np.array_equal(ours.path[0], ROSEN.x0) and np.array_equal(ours.path[-1], ours.x)
    np.testing.assert_allclose(ours.path_fun, [rosen(p) for p in ours.path], rtol=1e-12, atol=1e-300)


def test_exact_counts_against_the_same_callable():
    """With the very same callables, the counts are identical (the callback changes nothing)."""
    for method in ("BFGS", "Nelder-Mead", "Newton-CG"):
        ours = minimize_2d(ROSEN.fun, ROSEN.x0, method=method, jac=ROSEN.grad, hess=ROSEN.hess)
        kwargs = {"jac": ROSEN.grad} if method != "Nelder-Mead" else {}
        if method == "Newton-CG":
            kwargs["hess"] = ROSEN.hess
        ref = optimize.minimize(ROSEN.fun, ROSEN.x0, method=method, **kwargs)
        assert (ours.nit, ours.nfev, tuple(ours.x)) == (ref.nit, ref.nfev, tuple(ref.x))


def test_the_formula_gradient_is_scipys_rosen_der():
    for p in np.random.default_rng(0).uniform(-2, 2, (10, 2)):
        np.testing.assert_allclose(ROSEN.grad(p), optimize.rosen_der(p), rtol=1e-12)
        np.testing.assert_allclose(ROSEN.hess(p), optimize.rosen_hess(p), rtol=1e-12)


def test_bounds_and_constraints_are_respected():
    box = ((-1.5, 0.5), (-0.5, 2.0))
    r = minimize_2d(ROSEN.fun, (-1.2, 1.0), method="L-BFGS-B", jac=ROSEN.grad, bounds=box)
    assert r.x[0] == pytest.approx(0.5, abs=1e-6)              # the minimum (1, 1) is outside: on the edge
    disc = parse_constraint("x^2 + y^2 <= 1")
    for method in ("SLSQP", "trust-constr", "COBYLA", "COBYQA"):
        r = minimize_2d(ROSEN.fun, (0.0, 0.0), method=method, jac=ROSEN.grad, constraints=[disc], maxiter=2000)
        assert np.hypot(*r.x) == pytest.approx(1.0, abs=1e-3) and r.x[0] == pytest.approx(0.7864, abs=2e-3)
        assert violation([disc], r.x) < 1e-5
    line = parse_constraint("x = 2*y")
    r = minimize_2d(ROSEN.fun, (0.0, 0.0), method="SLSQP", jac=ROSEN.grad, constraints=[line])
    assert r.x[0] == pytest.approx(2 * r.x[1], abs=1e-6) and line.kind == "eq"


def test_constraints_no_point_satisfies_are_said():
    a, b = parse_constraint("x + y >= 3"), parse_constraint("x + y <= 1")
    r = minimize_2d(ROSEN.fun, (0.0, 0.0), method="SLSQP", jac=ROSEN.grad, constraints=[a, b])
    assert not r.success and ("not met" in r.message or "incompatible" in r.message.lower())


def test_availability_greys_out_what_a_method_cannot_take():
    assert availability("BFGS", bounds=True).startswith("does not take bounds")
    assert availability("Nelder-Mead", constraints=True).startswith("does not take constraints")
    assert availability("Newton-CG", gradient=False).startswith("needs the exact gradient")
    assert availability("SLSQP", bounds=True, constraints=True) is None
    with pytest.raises(DataError, match="does not take bounds"):
        minimize_2d(ROSEN.fun, (0, 0), method="CG", bounds=((-1, 1), (-1, 1)))


@pytest.mark.parametrize("call, error, message", [
    (lambda: objective("formula", formula="__import__('os')"), ExpressionError, "not allowed|unknown"),
    (lambda: objective("formula", formula="x + a"), ExpressionError, "x and y only"),
    (lambda: minimize_2d(objective("formula", formula="log(x) + y^2").fun, (-1, 0), method="BFGS"), DataError,
     "at the start"),
    (lambda: minimize_2d(ROSEN.fun, (3, 3), method="L-BFGS-B", bounds=((-1, 1), (-1, 1))), DataError, "outside"),
    (lambda: minimize_2d(ROSEN.fun, (0, 0), method="L-BFGS-B", bounds=((1, -1), (-1, 1))), DataError, "below"),
    (lambda: minimize_2d(ROSEN.fun, (0, 0), method="BFGS", maxiter=10**9), LimitError, "Iterations"),
    (lambda: minimize_2d(ROSEN.fun, (1e300, 0), method="BFGS"), DataError, "finite"),
    (lambda: parse_constraint("x + y"), DataError, "one relation"),
    (lambda: parse_constraint("x < y < 2"), DataError, "one relation"),
])
def test_bad_input_gets_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_runaway_run_is_stopped_by_the_budget(monkeypatch):
    import core.optimize.minimize as m

    monkeypatch.setattr(m, "OPTIMIZE_EVALUATIONS", 50)
    r = m.minimize_2d(ROSEN.fun, ROSEN.x0, method="Nelder-Mead", maxiter=5000)
    assert not r.success and "Stopped by the page" in r.message and len(r.path) > 1


def test_nelder_mead_simplex_replays_the_run():
    r = minimize_2d(ROSEN.fun, ROSEN.x0, method="Nelder-Mead")
    for step in (1, 5, 20, len(r.path) - 2):
        s = simplex_at(ROSEN.fun, ROSEN.x0, step)
        assert s.shape == (3, 2) and np.allclose(s[0], r.path[step])
    start = simplex_at(ROSEN.fun, ROSEN.x0, 0)
    assert any(np.allclose(v, ROSEN.x0) for v in start)


def test_presets_have_their_minima_where_they_say():
    for name, preset in PRESETS.items():
        o = objective(name)
        for m in o.minima:
            assert o.fun(m) == pytest.approx(0.0, abs=1e-5), name
        assert np.isfinite(o.fun(o.x0)) and o.gradient_exprs is not None


def test_quadratic_condition_number_is_its_hessians():
    o = objective("quadratic", condition=50.0, angle=35.0)
    eig = np.linalg.eigvalsh(o.hess((0.3, -0.2)))
    assert eig[1] / eig[0] == pytest.approx(50.0, rel=1e-9)


def test_script_prints_the_table(run_script):
    disc = parse_constraint("x^2 + y^2 <= 1.5")
    methods = ["Nelder-Mead", "BFGS", "Newton-CG"]
    printed = run_script(minimize_script(ROSEN, ROSEN.x0, methods, maxiter=500))
    for method in methods:
        r = minimize_2d(ROSEN.fun, ROSEN.x0, method=method, jac=ROSEN.grad, hess=ROSEN.hess, maxiter=500)
        key = method.replace("-", "_")
        assert printed[f"{key}_fun"] == r.fun and printed[f"{key}_nfev"] == r.nfev and printed[f"{key}_x"] == r.x[0]
    box = ((-1.5, 1.5), (-1.0, 2.0))
    printed = run_script(minimize_script(ROSEN, (0.0, 0.0), ["SLSQP", "COBYQA"], bounds=box, constraints=[disc]))
    r = minimize_2d(ROSEN.fun, (0.0, 0.0), method="SLSQP", jac=ROSEN.grad, bounds=box, constraints=[disc])
    assert printed["SLSQP_fun"] == pytest.approx(r.fun, rel=1e-12) and printed["SLSQP_nit"] == r.nit
