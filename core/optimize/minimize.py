"""Local minimization in two dimensions with scipy.optimize.minimize: every method's path (through its
callback), counts and time, bounds and constraints typed as formulas, within an evaluation and time budget."""

import math
import re
import time
import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize

from core.common.budget import OPTIMIZE_EVALUATIONS, OPTIMIZE_SECONDS
from core.common.errors import DataError, ExpressionError, LimitError
from core.common.expressions import compile_expression
from core.optimize.functions import MAX_BOX, check_box

__all__ = ["METHODS", "GRADIENT_METHODS", "BOUND_METHODS", "CONSTRAINT_METHODS", "HESSIAN_METHODS", "ABOUT",
           "MinimizeResult", "Constraint", "parse_constraint", "availability", "minimize_2d", "simplex_at",
           "violation", "feasible_mask", "MAX_ITER", "MAX_CONSTRAINTS"]

METHODS = ("Nelder-Mead", "Powell", "CG", "BFGS", "L-BFGS-B", "TNC", "COBYLA", "COBYQA", "SLSQP", "trust-constr",
           "Newton-CG")
GRADIENT_METHODS = {"CG", "BFGS", "L-BFGS-B", "TNC", "SLSQP", "trust-constr", "Newton-CG"}
HESSIAN_METHODS = {"Newton-CG", "trust-constr"}
BOUND_METHODS = {"Nelder-Mead", "Powell", "L-BFGS-B", "TNC", "SLSQP", "trust-constr", "COBYLA", "COBYQA"}
CONSTRAINT_METHODS = {"COBYLA", "COBYQA", "SLSQP", "trust-constr"}
#: What each method does, for the page's table and notes.
ABOUT = {
    "Nelder-Mead": "simplex of 3 points reflected, expanded and shrunk; no derivatives",
    "Powell": "line searches along a set of directions it updates; no derivatives",
    "CG": "nonlinear conjugate gradients; gradient only, little memory",
    "BFGS": "quasi-Newton: builds the inverse Hessian from gradients",
    "L-BFGS-B": "limited-memory BFGS with bounds",
    "TNC": "truncated Newton with bounds",
    "COBYLA": "linear models of the function and constraints in a trust region; no derivatives",
    "COBYQA": "quadratic models in a trust region, constraints too; no derivatives",
    "SLSQP": "sequential quadratic programming: bounds and constraints",
    "trust-constr": "trust-region interior point / SQP: bounds and constraints",
    "Newton-CG": "Newton steps solved by conjugate gradients: needs the gradient, uses the Hessian",
}
#: Iterations a method may be given.
MAX_ITER = 10_000
MAX_CONSTRAINTS = 2
_RELATION = re.compile(r"(<=|>=|==|=|<|>)")


@dataclass(frozen=True)
class Constraint:
    """``g(x, y) >= 0`` (kind "ineq") or ``g(x, y) = 0`` (kind "eq") from a typed relation."""

    text: str
    kind: str
    expression: object

    def __call__(self, p):
        return float(self.expression(np.asarray(p, dtype=float).reshape(2, 1))[0])

    def as_scipy(self):
        return {"type": self.kind, "fun": self}

    def source(self):
        return self.expression.to_source()


def parse_constraint(text):
    """A relation such as ``x + y <= 1``, ``x^2 + y^2 >= 0.5`` or ``x = 2*y`` as a :class:`Constraint`
    (``<=`` becomes ``right - left >= 0``). Parsed by the safe formula parser; x and y only."""
    text = (text or "").strip()
    parts = _RELATION.split(text)
    if len(parts) != 3:
        raise DataError(f"Write a constraint as one relation with <=, >= or =, e.g. x + y <= 1; could not read "
                        f"{text[:40]!r}.")
    left, op, right = (p.strip() for p in parts)
    if not left or not right:
        raise DataError(f"Both sides of {text[:40]!r} need a formula.")
    body = {"<=": f"({right}) - ({left})", "<": f"({right}) - ({left})", ">=": f"({left}) - ({right})",
            ">": f"({left}) - ({right})"}.get(op, f"({left}) - ({right})")
    expr = compile_expression(body, variables=("x", "y"))
    if expr.parameters:
        raise ExpressionError(f"A constraint may use x and y only; {text[:40]!r} also names "
                              f"{', '.join(expr.parameters)}.")
    return Constraint(text, "eq" if op in ("=", "==") else "ineq", expr)


def violation(constraints, p):
    """How far `p` is from meeting the constraints: the largest shortfall (0 when all hold)."""
    worst = 0.0
    for c in constraints or ():
        g = c(p)
        worst = max(worst, abs(g) if c.kind == "eq" else max(-g, 0.0))
    return worst


def feasible_mask(constraints, X, Y, *, tol=1e-9):
    """Where on the grid (X, Y) every inequality holds (equalities are lines: left out of the shading)."""
    ok = np.ones(np.shape(X), dtype=bool)
    for c in constraints or ():
        if c.kind == "ineq":
            ok &= c.expression(np.stack([X, Y])) >= -tol
    return ok


def availability(method, *, bounds=False, constraints=False, gradient=True):
    """None when `method` can run on this problem, else why not (the page greys it out with the reason)."""
    if method not in METHODS:
        return f"unknown method {method!r}"
    if constraints and method not in CONSTRAINT_METHODS:
        return "does not take constraints (use SLSQP, trust-constr, COBYLA or COBYQA)"
    if bounds and method not in BOUND_METHODS:
        return "does not take bounds (use L-BFGS-B, TNC, SLSQP, Powell, Nelder-Mead, ...)"
    if method == "Newton-CG" and not gradient:
        return "needs the exact gradient, which this formula does not have"
    return None


@dataclass(frozen=True)
class MinimizeResult:
    """scipy's OptimizeResult values for one method, with the path its callback saw and the wall time."""

    method: str
    x: np.ndarray
    fun: float
    nit: int | None
    nfev: int
    njev: int | None
    nhev: int | None
    success: bool
    status: int | None
    message: str
    path: np.ndarray            # (k, 2): the start, each iterate, the result
    path_fun: np.ndarray        # the function along the path
    seconds: float
    violation: float = 0.0
    warnings: tuple = field(default_factory=tuple)


class _Stop(Exception):
    pass


def _check_start(fun, x0, bounds):
    x0 = np.asarray(x0, dtype=float).ravel()
    if x0.shape != (2,) or not np.isfinite(x0).all() or np.abs(x0).max() > MAX_BOX:
        raise DataError(f"The start must be two finite numbers of at most {MAX_BOX:g} in size.")
    if bounds is not None:
        (xlo, xhi), (ylo, yhi) = bounds
        if not (xlo <= x0[0] <= xhi and ylo <= x0[1] <= yhi):
            raise DataError(f"The start ({x0[0]:g}, {x0[1]:g}) lies outside the bounds "
                            f"[{xlo:g}, {xhi:g}] x [{ylo:g}, {yhi:g}].")
    value = fun(x0)
    if not math.isfinite(value):
        raise DataError(f"The function is {value} at the start ({x0[0]:g}, {x0[1]:g}): start somewhere it is "
                        "finite.")
    return x0


def minimize_2d(fun, x0, *, method, bounds=None, constraints=None, jac=None, hess=None, maxiter=None, tol=None):
    """``scipy.optimize.minimize(fun, x0, method=method, jac=jac, hess=hess, bounds=bounds,
    constraints=constraints, tol=tol, options={"maxiter": maxiter})`` (arguments a method does not take are left
    out, as the exported script does), with the path of iterates from its callback.

    `fun` takes a length-2 array; `constraints` are :class:`Constraint` objects; `jac`/`hess` callables or None
    (finite differences). Bounded: `maxiter` at most :data:`MAX_ITER`, at most :data:`OPTIMIZE_EVALUATIONS`
    evaluations and :data:`OPTIMIZE_SECONDS` seconds (a run stopped there says so and keeps its path)."""
    if method not in METHODS:
        raise DataError(f"Unknown method {method!r}; choose one of {', '.join(METHODS)}.")
    if maxiter is not None and not (isinstance(maxiter, (int, np.integer)) and 1 <= maxiter <= MAX_ITER):
        raise LimitError(f"Iterations must be a whole number from 1 to {MAX_ITER:,}; got {maxiter!r}.")
    if tol is not None and not (isinstance(tol, (int, float)) and 0 < tol < 1):
        raise DataError(f"The tolerance must lie in (0, 1); got {tol!r}.")
    constraints = list(constraints or ())
    if len(constraints) > MAX_CONSTRAINTS:
        raise LimitError(f"At most {MAX_CONSTRAINTS} constraints.")
    bounds = check_box(bounds) if bounds is not None else None
    reason = availability(method, bounds=bounds is not None, constraints=bool(constraints),
                          gradient=jac is not None)
    if reason:
        raise DataError(f"{method} {reason}.")
    x0 = _check_start(fun, x0, bounds)
    calls, started = [0], time.perf_counter()

    def counted(p):
        calls[0] += 1
        if calls[0] > OPTIMIZE_EVALUATIONS or time.perf_counter() - started > OPTIMIZE_SECONDS:
            raise _Stop
        return fun(p)

    path = [x0.copy()]

    def callback(xk, *_):
        path.append(np.array(xk, dtype=float).copy())

    kwargs = call_arguments(method, jac=jac, hess=hess, bounds=bounds, constraints=constraints, maxiter=maxiter,
                            tol=tol)
    caught = []
    with warnings.catch_warnings(record=True) as seen, np.errstate(all="ignore"):
        warnings.simplefilter("always")
        try:
            res = optimize.minimize(counted, x0, method=method, callback=callback, **kwargs)
        except _Stop:
            res = None
        caught = tuple(dict.fromkeys(str(w.message).splitlines()[0][:160] for w in seen))
    seconds = time.perf_counter() - started
    if res is None:
        x = path[-1]
        return MinimizeResult(method, x, fun(x), len(path) - 1, calls[0] - 1, None, None, False, None,
                              f"Stopped by the page after {calls[0] - 1:,} evaluations or {OPTIMIZE_SECONDS:g} s "
                              "(its work budget).", np.array(path), np.array([fun(p) for p in path]), seconds,
                              violation(constraints, x), caught)
    x = np.asarray(res.x, dtype=float)
    if not np.array_equal(path[-1], x):
        path.append(x.copy())
    path = np.array(path)
    broken = violation(constraints, x)
    message = str(res.message)
    success = bool(res.success)
    if broken > 1e-6:
        success = False
        message += f" The constraints are not met at the end (off by {broken:.3g}): they may have no common point."
    return MinimizeResult(method, x, float(res.fun), _int(res, "nit"), int(res.nfev), _int(res, "njev"),
                          _int(res, "nhev"), success, _int(res, "status"), message, path,
                          np.array([fun(p) for p in path]), seconds, broken, caught)


def _int(res, key):
    value = res.get(key)
    return None if value is None else int(value)


def call_arguments(method, *, jac=None, hess=None, bounds=None, constraints=(), maxiter=None, tol=None):
    """The keyword arguments `minimize` gets for `method`: only those it takes (the script writes the same)."""
    kwargs = {}
    if method in GRADIENT_METHODS and jac is not None:
        kwargs["jac"] = jac
    if method in HESSIAN_METHODS and hess is not None:
        kwargs["hess"] = hess
    if bounds is not None:
        kwargs["bounds"] = bounds
    if constraints:
        kwargs["constraints"] = [c.as_scipy() for c in constraints]
    if tol is not None:
        kwargs["tol"] = tol
    if maxiter is not None:
        kwargs["options"] = {"maxiter": int(maxiter)}
    return kwargs


def simplex_at(fun, x0, step, *, bounds=None):
    """Nelder-Mead's simplex (3 x 2) at `step` of its path (0: the starting simplex): the same run stopped there
    (``options={"maxiter": step + 1}``; SciPy counts the starting simplex as the first iteration). The run is
    deterministic, so this is the simplex the full run had; from step 1 on, its best vertex is the path's point."""
    if not (isinstance(step, (int, np.integer)) and 0 <= step < MAX_ITER):
        raise LimitError(f"The step must be a whole number from 0 to {MAX_ITER - 1:,}.")
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        res = optimize.minimize(fun, np.asarray(x0, dtype=float), method="Nelder-Mead", bounds=bounds,
                                options={"maxiter": int(step) + 1})
    return np.asarray(res.final_simplex[0])
