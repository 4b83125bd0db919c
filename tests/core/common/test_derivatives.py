"""Exact derivatives of formulas against finite differences (an independent computation) and known results."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.common.derivatives import MAX_DERIVATIVE_SIZE, derivative, gradient, hessian
from core.common.errors import ExpressionError
from core.common.expressions import FUNCTIONS, compile_expression

# Each whitelisted function on a domain where it is smooth (u stays in (0.1, 0.9) for the points drawn below).
INNER = "(0.3 + 0.2*x*y)"
CASES = [f"{name}({INNER})" for name in FUNCTIONS if name not in ("sign", "abs")] + [
    "abs(x - 2) * y", "x^y", "2^(x*y)", "(x + 1)^(y + 0.5)", "x / (1 + y^2)", "-x^3 + 4*y - pi*x*y", "e^x",
    "sqrt(x^2 + y^2) - 2", "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2"]


def central(f, point, i, h=1e-6):
    step = np.zeros(2)
    step[i] = h
    return (f(point + step) - f(point - step)) / (2 * h)


@pytest.mark.parametrize("text", CASES)
def test_gradient_equals_central_differences(text):
    expr = compile_expression(text, variables=("x", "y"))
    f = lambda p: float(expr(np.asarray(p, dtype=float).reshape(2, 1))[0])  # noqa: E731
    grads = gradient(expr)
    for point in np.random.default_rng(1).uniform(0.2, 1.2, size=(5, 2)):
        exact = [float(g(point.reshape(2, 1))[0]) for g in grads]
        numeric = [central(f, point, i) for i in range(2)]
        np.testing.assert_allclose(exact, numeric, rtol=1e-5, atol=1e-7)


def test_rosenbrock_hessian_by_hand():
    expr = compile_expression("(1 - x)^2 + 100*(y - x^2)^2", variables=("x", "y"))
    h = hessian(expr)
    x, y = 0.7, -0.4
    value = [[float(h[i][j](np.array([[x], [y]]))[0]) for j in range(2)] for i in range(2)]
    np.testing.assert_allclose(value, [[2 + 1200 * x**2 - 400 * y, -400 * x], [-400 * x, 200]], rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(a=st.floats(-3, 3), b=st.floats(-3, 3), n=st.integers(0, 6))
def test_polynomials_follow_the_power_rule(a, b, n):
    expr = compile_expression(f"({a!r})*x^{n} + ({b!r})*y", variables=("x", "y"))
    dx, dy = gradient(expr)
    p = np.array([[1.7], [0.3]])
    assert float(dx(p)[0]) == pytest.approx(n * a * 1.7 ** (n - 1) if n else 0.0, rel=1e-12, abs=1e-12)
    assert float(dy(p)[0]) == pytest.approx(b, rel=1e-12, abs=1e-300)


def test_parameters_derivatives_and_limits():
    expr = compile_expression("a*exp(-k*x)", variables=("x",))
    assert derivative(expr, "k").parameters == ("a", "k")
    assert float(derivative(expr, "k")(np.array(2.0), 3.0, 0.5)) == pytest.approx(-3.0 * 2.0 * np.exp(-1.0))
    with pytest.raises(ExpressionError, match="not a variable"):
        derivative(expr, "z")
    product = compile_expression("*".join(["(x + y)"] * 60), variables=("x", "y"))   # 60 product-rule terms
    with pytest.raises(ExpressionError, match="finite differences"):
        derivative(product, "x")
    assert product.size < MAX_DERIVATIVE_SIZE
