"""Functions of two variables to minimize: the presets (each a formula, so that its gradient and Hessian are
exact and its exported script is plain numpy) and the user's own formula in x and y through the safe parser."""

import math
from dataclasses import dataclass

import numpy as np

from core.common.derivatives import gradient, hessian
from core.common.errors import DataError, ExpressionError
from core.common.expressions import compile_expression

__all__ = ["PRESETS", "Objective", "objective", "quadratic_formula", "MAX_BOX", "check_box"]

#: The largest coordinate a start, a bound or a view may have.
MAX_BOX = 1e6


@dataclass(frozen=True)
class Preset:
    label: str
    formula: str
    box: tuple            # ((x low, x high), (y low, y high)): the view, and the box global methods search
    x0: tuple
    minima: tuple         # known global minima (x, y)
    log: bool             # contours on a log scale: the values span decades
    note: str


PRESETS = {
    "rosenbrock": Preset("Rosenbrock", "(1 - x)^2 + 100*(y - x^2)^2", ((-2, 2), (-1, 3)), (-1.2, 1.0), ((1, 1),),
                         True, "A curved valley: easy to find, slow to follow. Minimum 0 at (1, 1)."),
    "himmelblau": Preset("Himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", ((-5, 5), (-5, 5)), (0.0, 0.0),
                         ((3, 2), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)), True,
                         "Four minima of value 0: which one a method finds depends on the start."),
    "beale": Preset("Beale", "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
                    ((-4.5, 4.5), (-4.5, 4.5)), (1.0, 1.0), ((3, 0.5),), True,
                    "Flat plateaus and sharp ridges. Minimum 0 at (3, 0.5)."),
    "booth": Preset("Booth", "(x + 2*y - 7)^2 + (2*x + y - 5)^2", ((-10, 10), (-10, 10)), (-8.0, 8.0), ((1, 3),),
                    False, "A plain quadratic bowl. Minimum 0 at (1, 3)."),
    "quadratic": Preset("Quadratic (condition number, rotation)", "", ((-3, 3), (-3, 3)), (-2.5, 1.5), ((0, 0),),
                        False, "An elliptic bowl: the condition number is the ratio of its curvatures; gradient "
                               "methods zig-zag when it is large and the bowl is rotated."),
    "rastrigin": Preset("Rastrigin", "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", ((-5.12, 5.12),
                        (-5.12, 5.12)), (3.3, -2.7), ((0, 0),), False,
                        "A bowl covered in local minima: local methods stop in the nearest one. Minimum 0 at (0, 0)."),
    "ackley": Preset("Ackley", "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20",
                     ((-5, 5), (-5, 5)), (3.1, 2.2), ((0, 0),), False,
                     "A nearly flat outer region with many dimples and one deep well. Minimum 0 at (0, 0)."),
    "valley": Preset("Narrow curved valley", "25*(x^2 + y^2 - 4)^2 + (x - 2)^2", ((-3, 3), (-3, 3)), (-1.0, 2.2),
                     ((2, 0),), True, "A narrow valley along the circle of radius 2. Minimum 0 at (2, 0)."),
}


def quadratic_formula(condition=10.0, angle=30.0):
    """0.5 (u² + κ v²) with (u, v) the coordinates rotated by `angle` degrees: curvatures 1 and κ."""
    if not 1 <= condition <= 1e6 or not math.isfinite(angle):
        raise DataError(f"The condition number must lie in [1, 1e6]; got {condition:g}.")
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return f"0.5*(({c:.12g}*x + {s:.12g}*y)^2 + {condition:.12g}*({-s:.12g}*x + {c:.12g}*y)^2)"


@dataclass(frozen=True)
class Objective:
    """A function of (x, y) with its exact gradient and Hessian where they could be derived.

    ``fun(p)`` takes a length-2 array (as scipy.optimize.minimize passes it) and returns a float; ``grid(X, Y)``
    evaluates on arrays. ``grad``/``hess`` are None when the derivative was left to finite differences."""

    name: str
    label: str
    formula: str
    expression: object
    gradient_exprs: tuple | None
    hessian_exprs: tuple | None
    box: tuple
    x0: tuple
    minima: tuple
    log: bool
    note: str
    derivative_note: str

    def fun(self, p):
        return float(self.expression(np.asarray(p, dtype=float).reshape(2, 1))[0])

    def grid(self, X, Y):
        return self.expression(np.stack([np.asarray(X, dtype=float), np.asarray(Y, dtype=float)]))

    @property
    def grad(self):
        if self.gradient_exprs is None:
            return None
        exprs = self.gradient_exprs
        return lambda p: np.array([float(g(np.asarray(p, dtype=float).reshape(2, 1))[0]) for g in exprs])

    @property
    def hess(self):
        if self.hessian_exprs is None:
            return None
        rows = self.hessian_exprs
        return lambda p: np.array([[float(h(np.asarray(p, dtype=float).reshape(2, 1))[0]) for h in row]
                                   for row in rows])

    def source(self):
        """The formula as numpy source in x and y (for scripts)."""
        return self.expression.to_source()


def objective(name="rosenbrock", *, formula=None, condition=10.0, angle=30.0, box=None):
    """The preset `name`, or ``name="formula"`` with the user's `formula` in x and y (parsed, never evaluated).
    The gradient and Hessian are derived exactly where the derivative stays small, else left to finite
    differences (``derivative_note`` says which)."""
    if name == "formula":
        text = (formula or "").strip()
        preset = Preset("Your formula", text, box or ((-3, 3), (-3, 3)), (0.5, 0.5), (), False, "")
    elif name in PRESETS:
        preset = PRESETS[name]
        text = quadratic_formula(condition, angle) if name == "quadratic" else preset.formula
    else:
        raise DataError(f"Unknown function {name!r}; choose one of {', '.join(PRESETS)} or formula.")
    expr = compile_expression(text, variables=("x", "y"))
    if expr.parameters:
        raise ExpressionError(f"The formula may use x and y only (and pi, e); it also names "
                              f"{', '.join(expr.parameters)}.")
    try:
        grads = gradient(expr)
        note = "exact gradient (derived from the formula)"
    except ExpressionError:
        grads, note = None, "gradient by finite differences (the exact derivative is too large)"
    try:
        hess = hessian(expr) if grads is not None else None
    except ExpressionError:
        hess = None
    if box is not None:
        box = check_box(box)
    return Objective(name, preset.label, text, expr, grads, hess, box or preset.box, preset.x0, preset.minima,
                     preset.log, preset.note, note)


def check_box(box):
    """((xlo, xhi), (ylo, yhi)) checked: finite, at most :data:`MAX_BOX` in size, low below high."""
    try:
        (xlo, xhi), (ylo, yhi) = ((float(a), float(b)) for a, b in box)
    except (TypeError, ValueError):
        raise DataError("Bounds are two pairs of numbers: (x low, x high), (y low, y high).") from None
    for lo, hi, axis in ((xlo, xhi, "x"), (ylo, yhi, "y")):
        if not (math.isfinite(lo) and math.isfinite(hi)) or max(abs(lo), abs(hi)) > MAX_BOX:
            raise DataError(f"The {axis} bounds must be finite numbers of at most {MAX_BOX:g} in size.")
        if lo >= hi:
            raise DataError(f"The lower {axis} bound ({lo:g}) must be below the upper one ({hi:g}).")
    return (xlo, xhi), (ylo, yhi)
