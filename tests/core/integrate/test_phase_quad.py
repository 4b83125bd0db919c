"""Fixed points against their closed forms, and integrals against known values, with the scripts."""

import numpy as np
import pytest

from core.common.errors import DataError, ExpressionError, LimitError
from core.integrate import (classify, dblquad_script, double_integral, fixed_points, integrate, quad_script,
                            rules_convergence, rules_script, system)


def test_lotka_volterra_has_a_saddle_and_a_centre_where_the_algebra_says():
    s = system("lotka_volterra")
    a, b, d, g = s.values()
    fps = {fp.kind: fp for fp in fixed_points(s, ((-1, 20), (-1, 10)))}
    assert fps["saddle"].point == pytest.approx((0, 0), abs=1e-9)
    assert fps["centre (linearly)"].point == pytest.approx((g / d, a / b), rel=1e-9)
    assert abs(fps["centre (linearly)"].eigenvalues[0].imag) == pytest.approx(np.sqrt(a * g), rel=1e-9)


@pytest.mark.parametrize("mu, kind", [(0.5, "unstable focus"), (3.0, "unstable node")])
def test_van_der_pol_origin_changes_kind_at_mu_2(mu, kind):
    (fp,) = fixed_points(system("vanderpol"), ((-3, 3), (-3, 3)), params={"mu": mu})
    assert fp.kind == kind and fp.point == pytest.approx((0, 0), abs=1e-9)


def test_damped_pendulum_and_the_classifier():
    fps = fixed_points(system("pendulum"), ((-4, 4), (-3, 3)), params={"c": 0.5})
    kinds = {round(fp.point[0], 6): fp.kind for fp in fps}
    assert kinds[0.0] == "stable focus" and kinds[round(np.pi, 6)] == "saddle"
    assert classify([-1, -2]) == "stable node" and classify([1j, -1j]) == "centre (linearly)"
    with pytest.raises(DataError, match="two states"):
        fixed_points(system("lorenz"), ((0, 1), (0, 1)))


def test_quad_against_known_integrals_and_its_warnings_kept():
    r = integrate("exp(-x^2)", "-inf", "inf")
    assert r.value == pytest.approx(np.sqrt(np.pi), rel=1e-12) and r.neval > 0 and not r.message
    assert integrate("sin(x)", 0, "pi" if False else np.pi).value == pytest.approx(2.0, rel=1e-12)
    singular = integrate("1/x", 0, 1)
    assert "subdivisions" in singular.message
    slow = integrate("sin(x)/x", 1, "inf")
    assert "divergent" in slow.message or "convergent" in slow.message


def test_dblquad_rectangle_and_region():
    assert double_integral("x*y", 0, 1, c=0, d=1).value == pytest.approx(0.25, rel=1e-12)
    disc = double_integral("1", -1, 1, "-sqrt(1 - x^2)", "sqrt(1 - x^2)")
    assert disc.value == pytest.approx(np.pi, rel=1e-8)


def test_rules_show_their_orders():
    rows, orders, exact = rules_convergence("exp(x)*sin(3*x)", 0, 2)
    assert orders["trapezoid"] == pytest.approx(2.0, abs=0.05) and orders["simpson"] == pytest.approx(4.0, abs=0.2)
    assert exact == pytest.approx((np.exp(2) * (np.sin(6) - 3 * np.cos(6)) + 3) / 10, rel=1e-12)


@pytest.mark.parametrize("call, error, message", [
    (lambda: integrate("__import__('os')", 0, 1), ExpressionError, ""),
    (lambda: integrate("a*x", 0, 1), ExpressionError, "x only"),
    (lambda: integrate("x", "zero", 1), DataError, "number, inf"),
    (lambda: integrate("x", 0, 1, limit=10**9), LimitError, "limit"),
    (lambda: double_integral("x*y", 0, "inf", "0", "1"), DataError, "finite x"),
    (lambda: rules_convergence("x", 0, 1, exponents=range(2, 40)), LimitError, "samples"),
])
def test_bad_integrals_get_a_clear_message(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_integral_scripts_print_the_same(run_script):
    from core.common.expressions import compile_expression

    src = compile_expression("exp(-x^2)*cos(x)").to_source()
    r = integrate("exp(-x^2)*cos(x)", 0, "inf")
    printed = run_script(quad_script(src, "exp(-x^2)*cos(x)", 0.0, np.inf))
    assert printed["value"] == r.value and printed["neval"] == r.neval
    f = compile_expression("x*y", variables=("x", "y")).to_source()
    g, h = (compile_expression(t).to_source() for t in ("0", "sqrt(x)"))
    printed = run_script(dblquad_script(f, "x*y", 0.0, 1.0, g, h))
    assert printed["value"] == pytest.approx(double_integral("x*y", 0, 1, "0", "sqrt(x)").value, rel=1e-12)
    rows, _, exact = rules_convergence("exp(x)*sin(3*x)", 0, 2)
    printed = run_script(rules_script(compile_expression("exp(x)*sin(3*x)").to_source(), "t", 0.0, 2.0,
                                      list(range(2, 15))))
    assert printed["quad"] == exact and printed["simpson_17"] == rows[2]["simpson"]
