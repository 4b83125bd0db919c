"""Systems of ordinary differential equations: the presets (each a set of formulas, so that its Jacobian is
exact and its exported script is plain numpy) and the user's own system, one formula per state in t, the
states and named parameters, through the safe formula parser."""

import builtins
import keyword
import re
from dataclasses import dataclass, field

import numpy as np

from core.common.derivatives import derivative
from core.common.errors import DataError, ExpressionError
from core.common.expressions import CONSTANTS, FUNCTIONS, SCALAR_ERRORS, compile_expression
from core.common.validate import parse_assignments

__all__ = ["PRESETS", "System", "system", "parse_parameters", "MAX_STATES", "MAX_PARAMETERS"]

MAX_STATES = 6
MAX_PARAMETERS = 10
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,19}$")
#: Names the exported script uses itself, or Python's: a state or parameter may not take them.
_RESERVED = {"np", "integrate", "state", "f", "jac", "res", "ref", "ev", "method", "methods", "params", "t",
             "grid", "span", "y0", "kwargs", "scale", "err"} | set(dir(builtins))


def _usable(name):
    return (bool(_NAME.match(name)) and name not in FUNCTIONS and name not in CONSTANTS and name not in _RESERVED
            and not keyword.iskeyword(name))


@dataclass(frozen=True)
class Preset:
    label: str
    formulas: dict              # state -> right-hand side
    params: dict                # name -> (default, low, high)
    y0: tuple
    t_end: float
    stiff: bool = False
    note: str = ""
    event: str = ""             # a suggested event expression
    log_time: bool = False


PRESETS = {
    "decay": Preset("Exponential decay", {"y": "-k*y"}, {"k": (0.5, 0.01, 10.0)}, (1.0,), 10.0,
                    note="y' = -k y: the solution is y0 exp(-k t); half-life ln 2 / k."),
    "logistic": Preset("Logistic growth", {"N": "r*N*(1 - N/K)"}, {"r": (1.0, 0.01, 5.0), "K": (10.0, 0.1, 100.0)},
                       (0.5,), 15.0, note="Growth that saturates at the carrying capacity K.", event="N - K/2"),
    "oscillator": Preset("Damped, driven oscillator", {"x": "v", "v": "-2*zeta*w*v - w^2*x + F*cos(wd*t)"},
                         {"zeta": (0.1, 0.0, 2.0), "w": (1.0, 0.1, 5.0), "F": (0.5, 0.0, 5.0),
                          "wd": (1.2, 0.0, 5.0)}, (1.0, 0.0), 60.0,
                         note="x'' + 2ζω x' + ω² x = F cos(ω_d t): transients die out, the drive remains.",
                         event="v"),
    "lotka_volterra": Preset("Lotka-Volterra (predator-prey)", {"x": "a*x - b*x*y", "y": "d*x*y - g*y"},
                             {"a": (1.1, 0.1, 3.0), "b": (0.4, 0.01, 2.0), "d": (0.1, 0.01, 2.0),
                              "g": (0.4, 0.1, 3.0)}, (10.0, 10.0), 50.0,
                             note="Prey x and predators y cycle around a centre at (g/d, a/b)."),
    "sir": Preset("SIR epidemic with vaccination", {"S": "-beta*S*I - nu*S", "I": "beta*S*I - gamma*I",
                                                    "R": "gamma*I + nu*S"},
                  {"beta": (0.3, 0.01, 2.0), "gamma": (0.1, 0.01, 1.0), "nu": (0.0, 0.0, 0.1)}, (0.99, 0.01, 0.0),
                  160.0, note="Susceptible, infected, recovered fractions; vaccination moves S to R at rate ν. "
                              "The event marks the peak of I (where β S = γ).", event="beta*S - gamma"),
    "vanderpol": Preset("Van der Pol oscillator", {"x": "y", "y": "mu*(1 - x^2)*y - x"}, {"mu": (1.0, 0.1, 1000.0)},
                        (2.0, 0.0), 20.0, note="A limit cycle; with large μ the slow and fast phases make it stiff: "
                                               "try μ = 1000 with RK45, then Radau or BDF.", event="y"),
    "lorenz": Preset("Lorenz system (3-D)", {"x": "sigma*(y - x)", "y": "x*(rho - z) - y", "z": "x*y - beta*z"},
                     {"sigma": (10.0, 0.1, 30.0), "rho": (28.0, 0.1, 100.0), "beta": (8 / 3, 0.1, 10.0)},
                     (1.0, 1.0, 1.0), 40.0, note="Chaos: nearby starts separate exponentially; the methods agree "
                                                 "only up to a point, then each follows its own rounding."),
    "robertson": Preset("Robertson's chemical kinetics (stiff)",
                        {"y1": "-k1*y1 + k3*y2*y3", "y2": "k1*y1 - k3*y2*y3 - k2*y2^2", "y3": "k2*y2^2"},
                        {"k1": (0.04, 0.001, 1.0), "k2": (3e7, 1e3, 1e8), "k3": (1e4, 1e2, 1e5)},
                        (1.0, 0.0, 0.0), 1e5, stiff=True, log_time=True,
                        note="Rate constants 0.04, 3e7 and 1e4: time scales 10⁻⁸ to 10⁵ s. The classic stiff "
                             "test: implicit methods stride; add RK45 to watch an explicit one crawl until the "
                             "page stops it."),
    "pendulum": Preset("Pendulum", {"theta": "omega", "omega": "-(g/L)*sin(theta) - c*omega"},
                       {"g": (9.81, 0.1, 30.0), "L": (1.0, 0.1, 10.0), "c": (0.0, 0.0, 2.0)}, (2.5, 0.0), 20.0,
                       note="θ'' = -(g/L) sin θ - c θ'. The event marks the turning points (ω = 0).",
                       event="omega"),
}


@dataclass(frozen=True)
class System:
    """A system dy/dt = f(t, y; params): the states, their formulas, the parameters with defaults and ranges,
    and the exact Jacobian where it could be derived."""

    name: str
    label: str
    states: tuple
    formulas: tuple             # right-hand sides, in the order of states
    expressions: tuple
    parameters: tuple           # names
    defaults: dict
    ranges: dict
    jacobian_exprs: tuple | None
    y0: tuple
    t_end: float
    stiff: bool = False
    note: str = ""
    event: str = ""
    log_time: bool = False
    counts: dict = field(default_factory=dict)

    def values(self, params=None):
        """The parameter values in order: the defaults, overridden by `params` (checked to be finite numbers)."""
        params = dict(params or {})
        unknown = set(params) - set(self.parameters)
        if unknown:
            raise DataError(f"The system has no parameter {', '.join(sorted(unknown))}; its parameters are "
                            f"{', '.join(self.parameters) or 'none'}.")
        out = []
        for p in self.parameters:
            v = float(params.get(p, self.defaults.get(p, 1.0)))
            if not np.isfinite(v) or abs(v) > 1e12:
                raise DataError(f"Parameter {p} must be a finite number of at most 1e12 in size.")
            out.append(v)
        return tuple(out)

    def rhs(self, params=None):
        """f(t, y) for solve_ivp: the formulas on Python floats (the scalar path, as the exported script computes
        them; about 1 µs an operation less than arrays), on arrays where Python's math raises (a log of 0: numpy
        then gives -inf, which solve reports)."""
        return _evaluator(self.expressions, self.values(params), len(self.states))

    def jac(self, params=None):
        """The exact Jacobian df/dy (None when it was left to finite differences)."""
        if self.jacobian_exprs is None:
            return None
        n = len(self.states)
        flat = _evaluator([e for row in self.jacobian_exprs for e in row], self.values(params), n)
        return lambda t, y: flat(t, y).reshape(n, n)


def _evaluator(exprs, values, n):
    """g(t, y) -> array of each expression at (t, y, parameters): scalar closures, arrays as the fallback."""
    fast = [e.scalar() for e in exprs]
    values = tuple(float(v) for v in values)

    def g(t, y):
        v = (float(t), *np.asarray(y, dtype=float).tolist(), *values)
        try:
            return np.array([h(v) for h in fast])
        except SCALAR_ERRORS:
            rows = np.array(v[:n + 1]).reshape(n + 1, 1)
            with np.errstate(all="ignore"):
                return np.array([float(e(rows, *values)[0]) for e in exprs])
    return g


def parse_parameters(text):
    """``{"a": 1.0, "b": 0.5}`` from ``"a = 1, b = 0.5"`` (names and numbers only, nothing evaluated; a name may
    not be t, pi, e, a function or a Python name the exported script uses)."""
    return parse_assignments(text, max_items=MAX_PARAMETERS, usable=_usable, example="c = 0.2")


def system(name="vanderpol", *, formulas=None, params=None, y0=None, t_end=None):
    """The preset `name`, or ``name="custom"`` with `formulas` ({state: right-hand side in t, the states and the
    parameters}) and `params` ({name: default}). Each formula is parsed by the safe parser; a name that is not
    a state, t or a declared parameter is refused."""
    if name == "custom":
        if not formulas:
            raise DataError("Give one formula per state, e.g. x' = y and y' = -x.")
        preset = Preset("Your system", dict(formulas), {k: (float(v), None, None) for k, v in (params or {}).items()},
                        tuple(y0) if y0 is not None else tuple(1.0 for _ in formulas), float(t_end or 10.0))
    elif name in PRESETS:
        preset = PRESETS[name]
    else:
        raise DataError(f"Unknown system {name!r}; choose one of {', '.join(PRESETS)} or custom.")
    states = tuple(preset.formulas)
    if not 1 <= len(states) <= MAX_STATES:
        raise DataError(f"A system has 1 to {MAX_STATES} states; got {len(states)}.")
    for s in states:
        if not _usable(s):
            raise DataError(f"{s[:20]!r} cannot name a state (a plain name, not t, pi, e, a function or a Python "
                            "name such as np or print).")
    for p in preset.params:
        if not _usable(p):
            raise DataError(f"{p[:20]!r} cannot name a parameter.")
    params = tuple(preset.params)
    clash = set(states) & set(params)
    if clash:
        raise DataError(f"{', '.join(sorted(clash))} is both a state and a parameter.")
    exprs = []
    for s in states:
        expr = compile_expression(preset.formulas[s], variables=("t", *states))
        extra = [p for p in expr.parameters if p not in params]
        if extra:
            raise ExpressionError(f"{s}' uses {', '.join(extra)}, which is neither a state, t nor a parameter "
                                  f"(states: {', '.join(states)}; parameters: {', '.join(params) or 'none'}).")
        exprs.append(expr.with_parameters(params))
    try:
        jac = tuple(tuple(derivative(e, s) for s in states) for e in exprs)
    except ExpressionError:
        jac = None
    y0 = tuple(float(v) for v in preset.y0)
    if len(y0) != len(states):
        raise DataError(f"{len(states)} states need {len(states)} initial values; got {len(y0)}.")
    return System(name, preset.label, states, tuple(preset.formulas[s] for s in states), tuple(exprs), params,
                  {k: v[0] for k, v in preset.params.items()}, {k: v[1:] for k, v in preset.params.items()}, jac,
                  y0, float(preset.t_end), preset.stiff, preset.note, preset.event, preset.log_time)
