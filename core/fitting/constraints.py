"""Parameters tied to others by an expression (lmfit's ``expr``: ``b = 2*a``), the extra-sum-of-squares F test
for nested models, and reading unknown x from a fitted standard curve (Prism's "interpolate unknowns").

A tied parameter is substituted into the formula before the fit, so the optimizer only sees the free ones
(``a*exp(-b*x)`` with ``b = 2*a`` is fitted as ``a*exp(-(2*a)*x)``); its value and standard error are then
computed from the free parameters (the delta method).
"""

import ast
import copy
import re
from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

from core.common.errors import ExplorerError
from core.common.expressions import ExpressionError, compile_expression

__all__ = ["TiedParameter", "parse_constraints", "tie_parameters", "tied_values", "FTest", "extra_sum_of_squares",
           "interpolate_unknowns", "MAX_CONSTRAINTS", "MAX_UNKNOWNS"]

MAX_CONSTRAINTS = 10
MAX_UNKNOWNS = 1000
_LINE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)\s*(.+?)\s*$")


@dataclass(frozen=True)
class TiedParameter:
    """A parameter computed from others: its name, the expression text, and after a fit its value and error."""

    name: str
    text: str
    value: float = np.nan
    stderr: float = np.nan


def parse_constraints(text):
    """``{name: expression}`` from text such as ``"b = 2*a; c = a + 1"`` (one per line or separated by ``;``).

    >>> parse_constraints("b = 2*a\\n c = a/2 ")
    {'b': '2*a', 'c': 'a/2'}
    """
    if not text or not text.strip():
        return {}
    if len(text) > 2000:
        raise ExpressionError("The constraints are too long (at most 2,000 characters).")
    out = {}
    for part in (p for p in re.split(r"[;\n]", text) if p.strip()):
        m = _LINE.match(part)
        if not m:
            raise ExpressionError(f"Write each constraint as `name = expression`, e.g. `b = 2*a`; got "
                                  f"{part.strip()[:60]!r}.")
        name, expression = m.groups()
        if name in out:
            raise ExpressionError(f"{name} is constrained twice.")
        out[name] = expression
    if len(out) > MAX_CONSTRAINTS:
        raise ExpressionError(f"At most {MAX_CONSTRAINTS} constraints are supported.")
    return out


class _Substitute(ast.NodeTransformer):
    def __init__(self, trees):
        self.trees = trees

    def visit_Name(self, node):
        return copy.deepcopy(self.trees[node.id]) if node.id in self.trees else node


def tie_parameters(expr, constraints, variables=("x",)):
    """The model `expr` with each constrained parameter replaced by its expression, and the compiled
    constraints: ``(new Expression, {name: Expression over the remaining parameters})``.

    A constraint may use the model's other parameters and numbers (not x, not another constrained
    parameter). Raises ExpressionError saying what is wrong.
    """
    names = expr.parameters
    tied = {}
    for name, text in constraints.items():
        if name not in names:
            raise ExpressionError(f"{name} is not a parameter of the model; its parameters are {', '.join(names)}.")
        c = compile_expression(text, variables=())
        used = set(c.parameters)
        unknown = used - set(names)
        if unknown:
            raise ExpressionError(f"The constraint {name} = {text} uses {', '.join(sorted(unknown))}, which "
                                  f"{'is' if len(unknown) == 1 else 'are'} not a parameter of the model.")
        if name in used:
            raise ExpressionError(f"The constraint {name} = {text} uses {name} itself.")
        chained = used & set(constraints)
        if chained:
            raise ExpressionError(f"The constraint {name} = {text} uses {', '.join(sorted(chained))}, which is "
                                  "constrained too: write it in the free parameters.")
        tied[name] = c
    if not tied:
        return expr, {}
    if len(tied) >= len(names):
        raise ExpressionError("Every parameter is constrained: leave at least one free.")
    tree = _Substitute({k: c._tree.body for k, c in tied.items()}).visit(copy.deepcopy(expr._tree))
    source = ast.unparse(ast.fix_missing_locations(tree).body)
    return compile_expression(source, variables=variables), tied


def _evaluate(c, params):
    return float(c([], *[params[p] for p in c.parameters]))


def tied_values(tied, params, free, covariance):
    """TiedParameters with values from `params` and standard errors by the delta method (central differences
    with respect to the free parameters, through their covariance)."""
    out = []
    for name, c in tied.items():
        value = _evaluate(c, params)
        stderr = np.nan
        if covariance is not None:
            grad = np.zeros(len(free))
            for i, k in enumerate(free):
                h = 1e-6 * max(abs(params[k]), 1e-3)
                up, down = dict(params), dict(params)
                up[k] += h
                down[k] -= h
                grad[i] = (_evaluate(c, up) - _evaluate(c, down)) / (2 * h)
            stderr = float(np.sqrt(max(grad @ covariance @ grad, 0.0)))
        out.append(TiedParameter(name, c.text, value, stderr))
    return tuple(out)


# -- nested models ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FTest:
    """The extra-sum-of-squares F test of a simpler model against a more complex one fitted to the same data."""

    F: float
    df_num: int
    df_den: int
    pvalue: float
    simpler: str
    complex: str


def extra_sum_of_squares(simpler, complex_):
    """``F = ((χ²_s - χ²_c) / (k_c - k_s)) / (χ²_c / (n - k_c))`` with its p-value from the F distribution.

    Valid only when the simpler model is the complex one with some parameters held at fixed values (nested:
    a line inside a quadratic, Michaelis-Menten inside Hill with n = 1); χ² is the (weighted) residual sum of
    squares. The two fits must use the same points. A small p says the extra parameters explain more than
    noise would.
    """
    if simpler.n != complex_.n:
        raise ExplorerError("The two fits use different numbers of points; an F test needs the same data.")
    if not (simpler.success and complex_.success):
        raise ExplorerError("Both fits must have converged.")
    if simpler.n_free >= complex_.n_free:
        raise ExplorerError(f"The simpler model must have fewer free parameters ({simpler.n_free} is not fewer "
                            f"than {complex_.n_free}).")
    df_num = complex_.n_free - simpler.n_free
    df_den = complex_.dof
    if df_den <= 0:
        raise ExplorerError("The complex model leaves no degrees of freedom for the test.")
    F = ((simpler.chi_square - complex_.chi_square) / df_num) / (complex_.chi_square / df_den)
    p = float(stats.f.sf(F, df_num, df_den)) if np.isfinite(F) else np.nan
    return FTest(float(F), int(df_num), int(df_den), p, simpler.model, complex_.model)


# -- interpolate unknowns ------------------------------------------------------------------------------

def _roots(g, lo, hi, points=2001):
    """All sign changes of g on [lo, hi] (a dense scan, log-spaced over positive ranges of several decades,
    then brentq in each bracket)."""
    grid = np.geomspace(lo, hi, points) if lo > 0 and hi / lo > 100 else np.linspace(lo, hi, points)
    values = g(grid)
    roots = []
    for i in np.flatnonzero(np.isfinite(values[:-1]) & np.isfinite(values[1:])):
        a, b = values[i], values[i + 1]
        if a == 0:
            roots.append(float(grid[i]))
        elif a * b < 0:
            roots.append(float(optimize.brentq(lambda t: float(g(np.array([t]))[0]), grid[i], grid[i + 1],
                                               xtol=1e-12 * max(1.0, abs(grid[i])))))
    if np.isfinite(values[-1]) and values[-1] == 0:
        roots.append(float(grid[-1]))
    return roots


def interpolate_unknowns(result, y_values, *, x_range, confidence_level=0.95, sigma=None):
    """x for each measured y on the fitted standard curve, with an interval: Prism's "interpolate unknowns".

    For each y0 the curve is solved for f(x) = y0 within `x_range` (the standards' range: reading beyond it is
    extrapolation and is refused). The interval is where the prediction band (a new measurement's uncertainty
    at `confidence_level`) crosses y0: the x values a single measurement of y0 is consistent with. Returns
    rows ``{"y", "x", "x_low", "x_high", "note"}``; x is NaN, with a note, where the curve does not reach y0
    or reaches it more than once.
    """
    if len(result.expression.variables) != 1:
        raise ExplorerError("Unknowns can be read from a curve of one x variable.")
    if not result.success:
        raise ExplorerError("The fit did not converge, so there is no standard curve to read from.")
    y_values = np.asarray(y_values, dtype=float).ravel()
    if y_values.size > MAX_UNKNOWNS:
        raise ExplorerError(f"At most {MAX_UNKNOWNS:,} unknowns at once, got {y_values.size:,}.")
    lo, hi = (float(v) for v in x_range)
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise ExplorerError("The x range of the standards must be two finite numbers, low < high.")
    rows = []
    for y0 in y_values:
        row = {"y": float(y0), "x": np.nan, "x_low": np.nan, "x_high": np.nan, "note": ""}
        if not np.isfinite(y0):
            row["note"] = "not a number"
            rows.append(row)
            continue
        roots = _roots(lambda t: result.predict(t) - y0, lo, hi)
        if not roots:
            span = result.predict(np.array([lo, hi]))
            row["note"] = (f"outside the curve over the standards ({min(span):.4g} to {max(span):.4g}): reading it "
                           "would be extrapolation")
        elif len(roots) > 1:
            row["note"] = f"the curve reaches this y {len(roots)} times (at {', '.join(f'{r:.4g}' for r in roots[:4])})"
        else:
            x0 = roots[0]
            row["x"] = x0
            if result.has_covariance:
                def edge(sign):
                    return lambda t: result.predict(t) + sign * result.prediction_band(
                        t, confidence_level, sigma=sigma) - y0
                ends = sorted(_roots(edge(+1), lo, hi) + _roots(edge(-1), lo, hi))
                below = [e for e in ends if e < x0]
                above = [e for e in ends if e > x0]
                row["x_low"] = below[-1] if below else np.nan
                row["x_high"] = above[0] if above else np.nan
                if not below or not above:
                    row["note"] = "the interval reaches past the standards' range"
        rows.append(row)
    return rows
