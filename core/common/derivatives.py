"""Exact derivatives of checked formulas: the chain rule applied to the formula's syntax tree, with zeros and
ones folded away. Used where a method wants a gradient or a Hessian (the optimization page's BFGS, Newton-CG,
trust-constr) so that they get the derivative itself rather than a finite-difference guess.

Only the whitelisted operations exist in a formula (``+ - * / **``, unary signs, the functions of
:data:`core.common.expressions.FUNCTIONS`), so every formula has a derivative formula made of the same parts;
it is again an :class:`~core.common.expressions.Expression`, checked and evaluated the same way. A derivative
larger than :data:`MAX_DERIVATIVE_SIZE` operations is refused (the caller falls back to finite differences).
"""

import ast
import math

from core.common.errors import ExpressionError
from core.common.expressions import CONSTANTS, Expression

__all__ = ["derivative", "gradient", "hessian", "MAX_DERIVATIVE_SIZE"]

#: Operations and operands a derivative may have (a deeply nested formula's derivatives grow quickly).
MAX_DERIVATIVE_SIZE = 5000


def _num(v):
    return ast.Constant(value=float(v))


def _is(node, v):
    return isinstance(node, ast.Constant) and float(node.value) == v


def _call(name, arg):
    return ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=[arg], keywords=[])


def _add(a, b):
    if _is(a, 0):
        return b
    if _is(b, 0):
        return a
    if isinstance(a, ast.Constant) and isinstance(b, ast.Constant):
        return _num(a.value + b.value)
    return ast.BinOp(left=a, op=ast.Add(), right=b)


def _neg(a):
    if isinstance(a, ast.Constant):
        return _num(-a.value)
    if isinstance(a, ast.UnaryOp) and isinstance(a.op, ast.USub):
        return a.operand
    return ast.UnaryOp(op=ast.USub(), operand=a)


def _sub(a, b):
    if _is(b, 0):
        return a
    if _is(a, 0):
        return _neg(b)
    if isinstance(a, ast.Constant) and isinstance(b, ast.Constant):
        return _num(a.value - b.value)
    return ast.BinOp(left=a, op=ast.Sub(), right=b)


def _mul(a, b):
    if _is(a, 0) or _is(b, 0):
        return _num(0)
    if _is(a, 1):
        return b
    if _is(b, 1):
        return a
    if isinstance(a, ast.Constant) and isinstance(b, ast.Constant):
        return _num(a.value * b.value)
    if _is(b, -1):
        return _neg(a)
    if _is(a, -1):
        return _neg(b)
    if isinstance(b, ast.Constant) and not isinstance(a, ast.Constant):  # constants first: 2 * x, not x * 2
        a, b = b, a
    return ast.BinOp(left=a, op=ast.Mult(), right=b)


def _div(a, b):
    if _is(a, 0):
        return _num(0)
    if _is(b, 1):
        return a
    return ast.BinOp(left=a, op=ast.Div(), right=b)


def _pow(a, b):
    if _is(b, 1):
        return a
    if _is(b, 0):
        return _num(1)
    if isinstance(a, ast.Constant) and isinstance(b, ast.Constant):
        try:
            value = float(a.value) ** float(b.value)
        except (OverflowError, ZeroDivisionError):
            value = None
        if isinstance(value, float) and math.isfinite(value):
            return _num(value)
    return ast.BinOp(left=a, op=ast.Pow(), right=b)


def _depends(node, var):
    return any(isinstance(n, ast.Name) and n.id == var for n in ast.walk(node))


def _outer(name, u):
    """d f(u) / du for each whitelisted function, as a tree in u (u itself is shared, never changed)."""
    one = _num(1)
    table = {
        "exp": lambda: _call("exp", u), "expm1": lambda: _call("exp", u),
        "log": lambda: _div(one, u), "ln": lambda: _div(one, u),
        "log10": lambda: _div(one, _mul(u, _num(math.log(10)))), "log2": lambda: _div(one, _mul(u, _num(math.log(2)))),
        "log1p": lambda: _div(one, _add(one, u)),
        "sqrt": lambda: _div(_num(0.5), _call("sqrt", u)),
        "abs": lambda: _call("sign", u), "sign": lambda: _num(0),
        "sin": lambda: _call("cos", u), "cos": lambda: _neg(_call("sin", u)),
        "tan": lambda: _add(one, _pow(_call("tan", u), _num(2))),
        "arcsin": lambda: _div(one, _call("sqrt", _sub(one, _pow(u, _num(2))))),
        "arccos": lambda: _neg(_div(one, _call("sqrt", _sub(one, _pow(u, _num(2)))))),
        "arctan": lambda: _div(one, _add(one, _pow(u, _num(2)))),
        "sinh": lambda: _call("cosh", u), "cosh": lambda: _call("sinh", u),
        "tanh": lambda: _sub(one, _pow(_call("tanh", u), _num(2))),
    }
    table.update(asin=table["arcsin"], acos=table["arccos"], atan=table["arctan"])
    return table[name]()


def _d(node, var):
    if isinstance(node, ast.Constant):
        return _num(0)
    if isinstance(node, ast.Name):
        return _num(1 if node.id == var else 0)
    if isinstance(node, ast.UnaryOp):
        inner = _d(node.operand, var)
        return _neg(inner) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.Call):
        (u,) = node.args
        return _mul(_outer(node.func.id, u), _d(u, var))
    left, right, op = node.left, node.right, node.op
    if isinstance(op, ast.Add):
        return _add(_d(left, var), _d(right, var))
    if isinstance(op, ast.Sub):
        return _sub(_d(left, var), _d(right, var))
    if isinstance(op, ast.Mult):
        return _add(_mul(_d(left, var), right), _mul(left, _d(right, var)))
    if isinstance(op, ast.Div):
        return _div(_sub(_mul(_d(left, var), right), _mul(left, _d(right, var))), _pow(right, _num(2)))
    # a ** b
    if not _depends(right, var):                       # power rule
        return _mul(_mul(right, _pow(left, _sub(right, _num(1)))), _d(left, var))
    if not _depends(left, var):                        # exponential rule
        return _mul(_mul(node, _call("log", left)), _d(right, var))
    return _mul(node, _add(_mul(_d(right, var), _call("log", left)), _div(_mul(right, _d(left, var)), left)))


def derivative(expression, var):
    """The derivative of `expression` with respect to its variable or parameter `var`, as an Expression with the
    same variables and parameters.

    Examples
    --------
    >>> from core.common.expressions import compile_expression
    >>> f = compile_expression("x^2*y + sin(x)", variables=("x", "y"))
    >>> derivative(f, "x").text
    '2 * x * y + cos(x)'
    """
    names = (*expression.variables, *expression.parameters)
    if var not in names:
        raise ExpressionError(f"{var!r} is not a variable of the formula.")
    body = _d(expression._tree.body, var)
    body = ast.fix_missing_locations(ast.copy_location(body, expression._tree.body))
    tree = ast.fix_missing_locations(ast.Expression(body=body))
    text = ast.unparse(tree.body)
    for name in ast.walk(tree):
        if isinstance(name, ast.Name) and name.id not in names and name.id not in CONSTANTS and not any(
                isinstance(c, ast.Call) and c.func is name for c in ast.walk(tree)):
            raise ExpressionError(f"Unexpected name {name.id!r} in a derivative.")  # cannot happen: a guard
    out = Expression(text, tree, expression.variables, expression.parameters)
    if out.size > MAX_DERIVATIVE_SIZE:
        raise ExpressionError(f"The derivative of this formula has {out.size:,} operations (more than "
                              f"{MAX_DERIVATIVE_SIZE:,}): it is left to finite differences.")
    return out


def gradient(expression, variables=None):
    """The derivatives with respect to each of `variables` (default: the expression's variables)."""
    return tuple(derivative(expression, v) for v in (variables or expression.variables))


def hessian(expression, variables=None):
    """The matrix (tuple of rows) of second derivatives with respect to `variables`."""
    first = gradient(expression, variables)
    return tuple(gradient(d, variables) for d in first)
