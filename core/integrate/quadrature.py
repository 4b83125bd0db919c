"""Integrals of typed formulas: quad on a finite or infinite interval with its error estimate and evaluation
count (its warnings kept in the result, so a cached result still says them), dblquad over a rectangle or a
region bounded by formulas, and the trapezoid and Simpson rules on n samples against quad, showing their order."""

import math
import time
import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy import integrate as spi

from core.common.budget import QUAD_SECONDS
from core.common.errors import DataError, ExpressionError, LimitError
from core.common.expressions import compile_expression

__all__ = ["Integral", "integrate_formula", "integrate", "double_integral", "rules_convergence", "MAX_LIMIT",
           "MAX_SAMPLES", "parse_limit"]

#: quad's subinterval limit at most (its default is 50).
MAX_LIMIT = 10_000
#: Samples for the trapezoid/Simpson sweep at most.
MAX_SAMPLES = 2**20 + 1


@dataclass(frozen=True)
class Integral:
    value: float
    abserr: float
    neval: int
    message: str = ""                      # quad's warning, plainly
    warnings: tuple = field(default_factory=tuple)


class _Stop(Exception):
    pass


def parse_limit(v, name="integration"):
    """A limit of integration: a number of at most 1e12 in size, or inf / -inf (also typed as text)."""
    if isinstance(v, str):
        text = v.strip().lower()
        if text in ("inf", "+inf", "infinity", "∞", "+∞"):
            return math.inf
        if text in ("-inf", "-infinity", "-∞"):
            return -math.inf
        try:
            v = float(text)
        except ValueError:
            raise DataError(f"The {name} limit must be a number, inf or -inf; got {v[:20]!r}.") from None
    v = float(v)
    if math.isnan(v) or (math.isfinite(v) and abs(v) > 1e12):
        raise DataError(f"The {name} limit must be a number of at most 1e12 in size, inf or -inf.")
    return v


def _timed(fun):
    started = time.perf_counter()
    calls = [0]

    def g(*args):
        calls[0] += 1
        if calls[0] % 256 == 0 and time.perf_counter() - started > QUAD_SECONDS:
            raise _Stop
        return fun(*args)
    return g, calls


def integrate_formula(formula, a, b, *, limit=50, epsabs=1.49e-8, epsrel=1.49e-8):
    """``scipy.integrate.quad(f, a, b, limit=limit, epsabs=epsabs, epsrel=epsrel, full_output=1)`` of a formula
    in x (a or b may be inf). Returns the value, the error estimate, the evaluations and quad's warning message
    (an IntegrationWarning is kept as text, never lost)."""
    expr = compile_expression(formula, variables=("x",))
    if expr.parameters:
        raise ExpressionError(f"The integrand may use x only (and pi, e); it also names {', '.join(expr.parameters)}.")
    a, b = parse_limit(a, "lower"), parse_limit(b, "upper")
    if a == b:
        return Integral(0.0, 0.0, 0)
    if not (isinstance(limit, (int, np.integer)) and 1 <= limit <= MAX_LIMIT):
        raise LimitError(f"limit must be a whole number from 1 to {MAX_LIMIT:,}.")
    for name, eps in (("epsabs", epsabs), ("epsrel", epsrel)):
        if not (isinstance(eps, (int, float)) and 0 <= eps <= 1):
            raise LimitError(f"{name} must lie in [0, 1].")
    if epsabs <= 0 and epsrel < 5e-29:
        raise LimitError("epsrel must be at least 5e-29 when epsabs is 0 (quad refuses smaller).")
    f = lambda x: float(expr(np.asarray(x, dtype=float)))  # noqa: E731
    g, _ = _timed(f)
    with warnings.catch_warnings(record=True) as seen, np.errstate(all="ignore"):
        warnings.simplefilter("always")
        try:
            out = spi.quad(g, a, b, limit=int(limit), epsabs=epsabs, epsrel=epsrel, full_output=1)
        except _Stop:
            raise LimitError(f"quad took more than {QUAD_SECONDS:g} s: the integrand is too costly or too "
                             "irregular here; lower the limit.") from None
    value, abserr, info = out[0], out[1], out[2]
    message = out[3] if len(out) > 3 else ""
    notes = tuple(dict.fromkeys(str(w.message).strip().splitlines()[0][:200] for w in seen))
    if not message and notes:
        message = notes[0]
    if not math.isfinite(value):
        message = (message + " " if message else "") + "The integral is not finite (it diverges, or the " \
                                                       "integrand is infinite inside the interval)."
    return Integral(float(value), float(abserr), int(info["neval"]), " ".join(str(message).split()), notes)


#: The issue's name for the same call.
integrate = integrate_formula


def double_integral(formula, a, b, lower="", upper="", *, c=None, d=None, epsabs=1.49e-8, epsrel=1.49e-8):
    """``dblquad(f, a, b, g, h)`` of a formula in x and y over a <= x <= b and g(x) <= y <= h(x): the bounds of y
    are numbers (`c`, `d`: a rectangle) or formulas in x (`lower`, `upper`). Returns (value, error estimate)."""
    f = compile_expression(formula, variables=("x", "y"))
    if f.parameters:
        raise ExpressionError(f"The integrand may use x and y only; it also names {', '.join(f.parameters)}.")
    a, b = parse_limit(a, "lower x"), parse_limit(b, "upper x")
    if not (math.isfinite(a) and math.isfinite(b)):
        raise DataError("Double integrals here are over finite x ranges.")

    def edge(text, number, name):
        if number is not None:
            value = parse_limit(number, name)
            return lambda x: value
        expr = compile_expression(text, variables=("x",))
        if expr.parameters:
            raise ExpressionError(f"The {name} boundary may use x only; it also names {', '.join(expr.parameters)}.")
        return lambda x: float(expr(np.asarray(x, dtype=float)))

    g, h = edge(lower, c, "lower y"), edge(upper, d, "upper y")
    fun, calls = _timed(lambda y, x: float(f(np.array([[x], [y]]))[0]))
    with warnings.catch_warnings(record=True) as seen, np.errstate(all="ignore"):
        warnings.simplefilter("always")
        try:
            value, err = spi.dblquad(fun, a, b, g, h, epsabs=epsabs, epsrel=epsrel)
        except _Stop:
            raise LimitError(f"dblquad took more than {QUAD_SECONDS:g} s: loosen the tolerances.") from None
    notes = tuple(dict.fromkeys(str(w.message).strip().splitlines()[0][:200] for w in seen))
    return Integral(float(value), float(err), calls[0], notes[0] if notes else "", notes)


def rules_convergence(formula, a, b, *, exponents=range(2, 15)):
    """The composite trapezoid and Simpson rules on n = 2^k + 1 samples, against quad's value: rows of
    {n, trapezoid, simpson, error_trapezoid, error_simpson}, and the observed orders (the slopes of log error
    against log n: about 2 and 4 for a smooth integrand)."""
    a, b = parse_limit(a, "lower"), parse_limit(b, "upper")
    if not (math.isfinite(a) and math.isfinite(b)) or a >= b:
        raise DataError("The rules need a finite interval with a < b.")
    ks = [int(k) for k in exponents]
    if not ks or min(ks) < 1 or 2 ** max(ks) + 1 > MAX_SAMPLES:
        raise LimitError(f"At most {MAX_SAMPLES:,} samples.")
    expr = compile_expression(formula, variables=("x",))
    if expr.parameters:
        raise ExpressionError(f"The integrand may use x only; it also names {', '.join(expr.parameters)}.")
    exact = integrate_formula(formula, a, b, limit=200).value
    rows = []
    with np.errstate(all="ignore"):
        for k in ks:
            x = np.linspace(a, b, 2**k + 1)
            y = expr(x)
            t, s = float(spi.trapezoid(y, x)), float(spi.simpson(y, x=x))
            rows.append({"n": x.size, "trapezoid": t, "simpson": s, "error_trapezoid": abs(t - exact),
                         "error_simpson": abs(s - exact)})
    orders = {}
    for rule in ("trapezoid", "simpson"):
        n = np.array([r["n"] - 1 for r in rows], dtype=float)
        e = np.array([r[f"error_{rule}"] for r in rows])
        ok = (e > 1e-13 * max(abs(exact), 1.0)) & np.isfinite(e)
        orders[rule] = float(-np.polyfit(np.log(n[ok]), np.log(e[ok]), 1)[0]) if ok.sum() >= 3 else math.nan
    return rows, orders, exact
