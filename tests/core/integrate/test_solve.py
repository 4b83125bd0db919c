"""solve against scipy.integrate.solve_ivp called directly, against closed forms and invariants; events; the
stiff stop; bad input; the exported script."""

import numpy as np
import pytest
from scipy import integrate

from core.common.errors import DataError, ExpressionError, LimitError
from core.integrate import (METHODS, PRESETS, error_against, parse_event, reference, solve, solve_script, system,
                            work_precision)


def vdp(mu):
    def f(t, y):                                      # written by hand: independent of the formula parser
        return [y[1], mu * (1 - y[0] ** 2) * y[1] - y[0]]

    def jac(t, y):
        return [[0.0, 1.0], [-2 * mu * y[0] * y[1] - 1.0, mu * (1 - y[0] ** 2)]]
    return f, jac


@pytest.mark.parametrize("method", METHODS)
def test_every_method_equals_a_direct_solve_ivp_call(method):
    s = system("vanderpol")
    ours = solve(s, (0, 20), s.y0, method=method, rtol=1e-6, atol=1e-9)
    f, jac = vdp(1.0)
    kwargs = {"jac": jac} if method in ("Radau", "BDF", "LSODA") else {}
    ref = integrate.solve_ivp(f, (0, 20), s.y0, method=method, rtol=1e-6, atol=1e-9, dense_output=True, **kwargs)
    assert ours.success and ref.success
    np.testing.assert_allclose(ours.y[:, -1], ref.y[:, -1], rtol=1e-6, atol=1e-7)
    assert ours.nfev == pytest.approx(ref.nfev, rel=0.05) and ours.njev == pytest.approx(ref.njev, abs=2)


def test_same_callable_gives_identical_results():
    s = system("lorenz")
    ours = solve(s, (0, 5), s.y0, method="RK45")
    ref = integrate.solve_ivp(s.rhs(), (0, 5), s.y0, method="RK45", rtol=1e-6, atol=1e-9, dense_output=True)
    assert ours.nfev == ref.nfev and np.array_equal(ours.t, ref.t) and np.array_equal(ours.y, ref.y)


def test_exponential_decay_against_its_closed_form():
    s = system("decay")
    r = solve(s, (0, 10), (2.0,), method="DOP853", rtol=1e-10, atol=1e-12, params={"k": 0.7})
    t = np.linspace(0, 10, 50)
    np.testing.assert_allclose(r.sol(t)[0], 2.0 * np.exp(-0.7 * t), rtol=1e-8)


def test_invariants_hold():
    """Lotka-Volterra conserves d x - g ln x + b y - a ln y; Robertson conserves y1 + y2 + y3 = 1."""
    s = system("lotka_volterra")
    a, b, d, g = s.values()
    r = solve(s, (0, 50), s.y0, method="DOP853", rtol=1e-10, atol=1e-12)
    x, y = r.y
    V = d * x - g * np.log(x) + b * y - a * np.log(y)
    assert np.ptp(V) < 1e-7 * abs(V[0])
    rb = system("robertson")
    r = solve(rb, (0, 1e5), rb.y0, method="BDF", rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(r.y.sum(axis=0), 1.0, atol=1e-6)
    assert r.y[2, -1] == pytest.approx(0.98213, abs=5e-4)         # Hairer & Wanner's value at t = 1e5: 0.9821


def test_the_jacobian_is_exact():
    s = system("vanderpol")
    J = s.jac({"mu": 7.0})
    _, ref = vdp(7.0)
    for y in np.random.default_rng(0).uniform(-3, 3, (5, 2)):
        np.testing.assert_allclose(J(0.0, y), ref(0.0, y), rtol=1e-12)


def test_events_find_turning_points_and_the_epidemic_peak():
    p = system("pendulum")
    r = solve(p, (0, 20), p.y0, method="DOP853", rtol=1e-10, atol=1e-12, events=[parse_event("omega", p)])
    te = r.t_events[0]
    assert len(te) >= 6 and np.allclose(r.y_events[0][:, 1], 0, atol=1e-9)
    assert np.allclose(np.diff(te[1:]), np.diff(te[1:]).mean(), rtol=1e-6)     # undamped: a regular half-period
    sir = system("sir")
    r = solve(sir, (0, 160), sir.y0, method="DOP853", rtol=1e-10, atol=1e-12, events=[parse_event(sir.event, sir)])
    t = np.linspace(0, 160, 160_001)
    assert r.t_events[0][0] == pytest.approx(t[np.argmax(r.sol(t)[1])], abs=2e-3)     # where I peaks
    stop = solve(p, (0, 20), p.y0, events=[parse_event("omega", p, terminal=True)])
    assert stop.status == 1 and stop.t[-1] == pytest.approx(stop.t_events[0][-1])


def test_an_explicit_method_on_a_stiff_problem_is_stopped_and_says_why(monkeypatch):
    import sys

    m = sys.modules["core.integrate.solve"]
    monkeypatch.setattr(m, "ODE_EVALUATIONS", 20_000)
    s = system("vanderpol")
    r = m.solve(s, (0, 3000), s.y0, method="RK45", params={"mu": 1000.0})
    assert r.stopped and not r.success and "Too stiff for an explicit method" in r.message and "Radau" in r.message
    ok = m.solve(s, (0, 3000), s.y0, method="Radau", params={"mu": 1000.0})
    assert ok.success and ok.nfev < 20_000


def test_error_against_the_reference_falls_with_the_tolerance():
    s = system("vanderpol")
    rows = work_precision(s, (0, 20), s.y0, ["RK45", "DOP853"], tolerances=(1e-4, 1e-8))
    by = {(r["method"], r["rtol"]): r for r in rows}
    assert by[("RK45", 1e-8)]["error"] < by[("RK45", 1e-4)]["error"] / 100
    assert by[("DOP853", 1e-8)]["nfev"] < by[("RK45", 1e-8)]["nfev"]
    ref = reference(s, (0, 20), s.y0)
    assert error_against(ref, ref) == 0.0


@pytest.mark.parametrize("call, error, message", [
    (lambda: system("custom", formulas={"x": "__import__('os')"}), ExpressionError, ""),
    (lambda: system("custom", formulas={"x": "k*x + q"}, params={"k": 1}), ExpressionError, "neither a state"),
    (lambda: system("custom", formulas={"np": "-np"}), DataError, "cannot name a state"),
    (lambda: solve(system("custom", formulas={"x": "sqrt(-1 - x)"}), (0, 1), (1.0,)), DataError, "not finite"),
    (lambda: solve(system("decay"), (5, 1), (1.0,)), DataError, "must be after"),
    (lambda: solve(system("decay"), (0, 0), (1.0,)), DataError, "must be after"),
    (lambda: solve(system("vanderpol"), (0, 1), (1.0,)), DataError, "need 2 initial values"),
    (lambda: parse_event("import os", system("decay")), ExpressionError, ""),
    (lambda: parse_event("z + 1", system("decay")), ExpressionError, "neither t"),
    (lambda: solve(system("decay"), (0, 1), (1.0,), rtol=1e-20), LimitError, "double precision"),
    (lambda: solve(system("decay"), (0, 1), (1.0,), max_steps=10**12), LimitError, "max_steps"),
])
def test_bad_input_gets_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_solution_that_blows_up_is_said_plainly():
    r = solve(system("custom", formulas={"x": "x^2"}), (0, 5), (1.0,))          # x = 1 / (1 - t)
    assert not r.success and "blow up" in r.message and r.t[-1] == pytest.approx(1.0, abs=1e-3)


def test_presets_open():
    for name in PRESETS:
        s = system(name)
        assert s.jacobian_exprs is not None and np.isfinite(s.rhs()(0.0, s.y0)).all()


def test_script_prints_the_same_table(run_script):
    s = system("pendulum")
    ev = parse_event("omega", s)
    methods = ["RK45", "Radau"]
    printed = run_script(solve_script(s, (0, 10), s.y0, methods, rtol=1e-7, atol=1e-10, params={"c": 0.1},
                                      events=[ev], reference="DOP853"))
    ref = reference(s, (0, 10), s.y0, params={"c": 0.1})
    for m in methods:
        r = solve(s, (0, 10), s.y0, method=m, rtol=1e-7, atol=1e-10, params={"c": 0.1}, events=[ev])
        assert printed[f"{m}_nfev"] == r.nfev and printed[f"{m}_njev"] == r.njev
        assert printed[f"{m}_theta_end"] == r.y[0, -1] and printed[f"{m}_events"] == len(r.t_events[0])
        assert printed[f"{m}_error"] == pytest.approx(error_against(r, ref), rel=1e-9)
