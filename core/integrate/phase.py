"""The phase plane of a two-state system: the direction field, the nullclines, and the fixed points found with
scipy.optimize.root and classified from the eigenvalues of the Jacobian there."""

import warnings
from dataclasses import dataclass

import numpy as np
from scipy import optimize

from core.common.errors import DataError

__all__ = ["FixedPoint", "field_grid", "fixed_points", "classify", "MAX_FIELD", "nullcline_grids", "trajectory"]

#: Arrows per side of the direction field.
MAX_FIELD = 40


@dataclass(frozen=True)
class FixedPoint:
    point: tuple
    eigenvalues: tuple
    kind: str            # "saddle", "stable node", "unstable node", "stable focus", "unstable focus", "centre", ...


def _two(system):
    if len(system.states) != 2:
        raise DataError(f"The phase plane is for two states; this system has {len(system.states)}.")


def field_grid(system, box, *, n=20, params=None, t=0.0):
    """(X, Y, U, V) on an n x n grid of the box: the right-hand side at each point (t fixed: a forced system's
    field changes with time)."""
    _two(system)
    n = int(n)
    if not 2 <= n <= MAX_FIELD:
        raise DataError(f"The field has 2 to {MAX_FIELD} arrows per side.")
    (xlo, xhi), (ylo, yhi) = box
    X, Y = np.meshgrid(np.linspace(xlo, xhi, n), np.linspace(ylo, yhi, n))
    values = system.values(params)
    rows = np.stack([np.full(X.shape, float(t)), X, Y])
    with np.errstate(all="ignore"):
        U = system.expressions[0](rows, *values)
        V = system.expressions[1](rows, *values)
    return X, Y, U, V


def classify(eigenvalues, *, tol=1e-9):
    """The kind of a fixed point of a planar system from the eigenvalues of its Jacobian."""
    a, b = (complex(v) for v in eigenvalues)
    scale = max(abs(a), abs(b), 1.0)
    if abs(a.imag) > tol * scale:                              # a complex pair
        if abs(a.real) <= tol * scale:
            return "centre (linearly)"
        return "stable focus" if a.real < 0 else "unstable focus"
    ra, rb = a.real, b.real
    if abs(ra) <= tol * scale or abs(rb) <= tol * scale:
        return "degenerate (a zero eigenvalue)"
    if ra * rb < 0:
        return "saddle"
    return "stable node" if ra < 0 else "unstable node"


def fixed_points(system, box, *, params=None, seeds=7):
    """Points where both right-hand sides vanish inside the box: ``scipy.optimize.root`` (hybr, with the exact
    Jacobian) from a seeds x seeds grid of starts, duplicates merged, each classified by :func:`classify`."""
    _two(system)
    f = system.rhs(params)
    J = system.jac(params)
    (xlo, xhi), (ylo, yhi) = box
    found = []
    span = max(xhi - xlo, yhi - ylo)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for x in np.linspace(xlo, xhi, seeds):
            for y in np.linspace(ylo, yhi, seeds):
                res = optimize.root(lambda p: f(0.0, p), [x, y], jac=(lambda p: J(0.0, p)) if J else None,
                                    method="hybr")
                p = res.x
                if not res.success or not np.isfinite(p).all() or np.abs(f(0.0, p)).max() > 1e-8 * max(1.0, span):
                    continue
                if not (xlo <= p[0] <= xhi and ylo <= p[1] <= yhi):
                    continue
                if any(np.hypot(*(p - q)) < 1e-6 * span for q in found):
                    continue
                found.append(p)
    out = []
    for p in found:
        jac = J(0.0, p) if J else optimize.approx_fprime(p, lambda q: f(0.0, q)[0])
        eig = np.linalg.eigvals(np.asarray(jac, dtype=float))
        clean = tuple(complex(round(v.real, 12), round(v.imag, 12)) for v in eig)
        p = np.where(np.abs(p) < 1e-12 * max(span, 1.0), 0.0, p) + 0.0   # no -0 or 1e-324 in the table
        out.append(FixedPoint((float(p[0]), float(p[1])), clean, classify(eig)))
    return sorted(out, key=lambda fp: fp.point)




def nullcline_grids(system, box, *, n=160, params=None, t=0.0):
    """[(X, Y, x' values), (X, Y, y' values)] on a fine grid: their zero contours are the nullclines."""
    _two(system)
    (xlo, xhi), (ylo, yhi) = box
    X, Y = np.meshgrid(np.linspace(xlo, xhi, n), np.linspace(ylo, yhi, n))
    values = system.values(params)
    rows = np.stack([np.full(X.shape, float(t)), X, Y])
    with np.errstate(all="ignore"):
        return [(X, Y, system.expressions[k](rows, *values)) for k in range(2)]


def trajectory(system, start, t_end, *, params=None, box=None):
    """The trajectory through `start`, forward to `t_end` and backward as far (solve_ivp, LSODA, dense), each
    cut where it leaves four times the box (a trajectory that runs off to infinity stops there).
    Returns (forward, backward) as 2 x k arrays (either None when it could not be solved)."""
    from core.integrate.solve import solve

    _two(system)
    out = []
    for sign in (1.0, -1.0):
        try:
            r = solve(_reversed(system) if sign < 0 else system, (0.0, float(t_end)), start, method="LSODA",
                      rtol=1e-6, atol=1e-9, params=params, max_steps=20_000)
        except DataError:
            out.append(None)
            continue
        y = r.sol(np.linspace(0.0, r.t[-1], 600)) if r.sol is not None and r.t[-1] > 0 else r.y
        if box is not None:
            (xlo, xhi), (ylo, yhi) = box
            w, h = xhi - xlo, yhi - ylo
            inside = ((y[0] > xlo - 1.5 * w) & (y[0] < xhi + 1.5 * w) & (y[1] > ylo - 1.5 * h)
                      & (y[1] < yhi + 1.5 * h))
            cut = int(np.argmin(inside)) if not inside.all() else y.shape[1]
            y = y[:, :max(cut, 1)]
        out.append(y)
    return tuple(out)


def _reversed(system):
    """The same system with time running backward (every right-hand side negated)."""
    from dataclasses import replace

    from core.common.expressions import Expression

    def negate(e):
        import ast

        tree = ast.Expression(body=ast.UnaryOp(op=ast.USub(), operand=e._tree.body))
        return Expression(f"-({e.text})", ast.fix_missing_locations(tree), e.variables, e.parameters)

    jac = None if system.jacobian_exprs is None else tuple(tuple(negate(d) for d in row)
                                                             for row in system.jacobian_exprs)
    return replace(system, expressions=tuple(negate(e) for e in system.expressions), jacobian_exprs=jac)
