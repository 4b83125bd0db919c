"""solve_ivp with every method on the same system: the solution, the step sizes, the counts, the wall time and
the error against a tight reference; events typed as formulas; explicit methods on stiff problems stopped by a
step and time budget with a plain message instead of a hang."""

import math
import time
import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy import integrate

from core.common.budget import ODE_EVALUATIONS, ODE_SECONDS
from core.common.errors import DataError, ExpressionError, LimitError
from core.common.expressions import compile_expression
from core.integrate.systems import System, _evaluator
from core.integrate.systems import system as make_system

__all__ = ["METHODS", "IMPLICIT", "ABOUT", "SolveResult", "Event", "parse_event", "solve", "reference",
           "error_against", "work_precision", "check_span", "MAX_STEPS", "TOLERANCES"]

METHODS = ("RK45", "RK23", "DOP853", "Radau", "BDF", "LSODA")
IMPLICIT = {"Radau", "BDF", "LSODA"}
ABOUT = {"RK45": "explicit Runge-Kutta 5(4), Dormand-Prince: the default for non-stiff problems",
         "RK23": "explicit Runge-Kutta 3(2): cheap steps for loose tolerances",
         "DOP853": "explicit Runge-Kutta of order 8: few steps at tight tolerances",
         "Radau": "implicit Runge-Kutta of order 5: stiff problems, high accuracy",
         "BDF": "implicit multistep (backward differentiation), orders 1 to 5: stiff problems",
         "LSODA": "switches between Adams (non-stiff) and BDF (stiff) as it goes"}
#: The most steps a run may take (each explicit step is several evaluations: the evaluation budget follows).
MAX_STEPS = 200_000
#: The tightest and loosest rtol a user may set (tighter than 1e-13 is below double precision's reach), and atol.
TOLERANCES = (1e-13, 1e-1)
ATOL = (1e-20, 1.0)


@dataclass(frozen=True)
class Event:
    """A zero crossing of ``g(t, y)`` to find (``terminal`` stops the integration there)."""

    text: str
    expression: object
    terminal: bool = False

    def function(self, values):
        inner = _evaluator([self.expression], values, len(self.expression.variables) - 1)

        def g(t, y):
            return float(inner(t, y)[0])
        g.terminal = self.terminal
        return g


def parse_event(text, system, *, terminal=False):
    """An event from a formula in t, the states and the parameters (the crossing of zero is the event)."""
    text = (text or "").strip()
    if not text:
        raise DataError("Type an event formula, e.g. y (its zero crossings are the events).")
    expr = compile_expression(text, variables=("t", *system.states))
    extra = [p for p in expr.parameters if p not in system.parameters]
    if extra:
        raise ExpressionError(f"The event uses {', '.join(extra)}, which is neither t, a state nor a parameter.")
    return Event(text, expr.with_parameters(system.parameters), bool(terminal))


@dataclass(frozen=True)
class SolveResult:
    """solve_ivp's values for one method (t, y, nfev, njev, nlu, status, message, t_events, y_events), with the
    wall time, whether the page stopped it, and the dense solution for smooth curves."""

    method: str
    t: np.ndarray
    y: np.ndarray
    nfev: int
    njev: int
    nlu: int
    status: int
    message: str
    success: bool
    t_events: tuple
    y_events: tuple
    seconds: float
    stopped: bool = False
    sol: object = None
    rtol: float = 1e-6
    atol: float = 1e-9
    warnings: tuple = field(default_factory=tuple)

    @property
    def steps(self):
        return np.diff(self.t)


class _Stop(Exception):
    pass


def check_span(t_span):
    try:
        t0, t1 = (float(v) for v in t_span)
    except (TypeError, ValueError):
        raise DataError("The time span is two numbers: start and end.") from None
    if not (math.isfinite(t0) and math.isfinite(t1)) or max(abs(t0), abs(t1)) > 1e9:
        raise DataError("The time span must be finite numbers of at most 1e9 in size.")
    if t1 <= t0:
        raise DataError(f"The end time ({t1:g}) must be after the start ({t0:g}).")
    return t0, t1


def _check_tolerances(rtol, atol):
    for name, v, (lo, hi) in (("rtol", rtol, TOLERANCES), ("atol", atol, ATOL)):
        if not (isinstance(v, (int, float)) and lo <= v <= hi):
            raise LimitError(f"{name} must lie between {lo:g} and {hi:g}; got {v!r}"
                             + (": tighter is below what double precision can deliver." if v < lo else "."))


def solve(system, t_span, y0, *, method="RK45", rtol=1e-6, atol=1e-9, params=None, events=None,
          max_steps=MAX_STEPS, dense=True, jac=True):
    """``scipy.integrate.solve_ivp(f, t_span, y0, method=method, rtol=rtol, atol=atol, events=events,
    dense_output=dense, jac=J)`` with the system's right-hand side (J, the exact Jacobian, for the implicit
    methods when `jac`), within a budget: at most `max_steps` steps' worth of evaluations and
    :data:`ODE_SECONDS` seconds. A run over it is stopped: the result says how far it got, in how many
    evaluations and seconds, and what to use instead."""
    system = system if isinstance(system, System) else make_system(system)
    if method not in METHODS:
        raise DataError(f"Unknown method {method!r}; choose one of {', '.join(METHODS)}.")
    t0, t1 = check_span(t_span)
    _check_tolerances(rtol, atol)
    if not (isinstance(max_steps, (int, np.integer)) and 1 <= max_steps <= MAX_STEPS):
        raise LimitError(f"max_steps must be a whole number from 1 to {MAX_STEPS:,}.")
    y0 = np.asarray(y0, dtype=float).ravel()
    if y0.size != len(system.states):
        raise DataError(f"{len(system.states)} states ({', '.join(system.states)}) need {len(system.states)} "
                        f"initial values; got {y0.size}.")
    if not np.isfinite(y0).all() or np.abs(y0).max() > 1e12:
        raise DataError("Initial values must be finite numbers of at most 1e12 in size.")
    f = system.rhs(params)
    first = f(t0, y0)
    if not np.isfinite(first).all():
        raise DataError(f"The right-hand side is not finite at the start (t = {t0:g}): {first.tolist()}.")
    values = system.values(params)
    event_functions = [e.function(values) for e in (events or ())]
    budget = min(ODE_EVALUATIONS, int(max_steps) * 13)
    calls, started, last = [0], time.perf_counter(), [t0]

    def counted(t, y):
        calls[0] += 1
        if calls[0] > budget or time.perf_counter() - started > ODE_SECONDS:
            raise _Stop
        out = f(t, y)
        if not np.isfinite(out).all():
            raise FloatingPointError(t)
        last[0] = max(last[0], t)
        return out

    kwargs = {"method": method, "rtol": rtol, "atol": atol, "dense_output": dense}
    if event_functions:
        kwargs["events"] = event_functions
    J = system.jac(params) if jac else None
    if J is not None and method in IMPLICIT:
        kwargs["jac"] = J
    with warnings.catch_warnings(record=True) as seen, np.errstate(all="ignore"):
        warnings.simplefilter("always")
        try:
            res = integrate.solve_ivp(counted, (t0, t1), y0, **kwargs)
        except _Stop:
            seconds = time.perf_counter() - started
            why = "steps" if calls[0] > budget else "seconds"
            return SolveResult(method, np.array([t0]), y0[:, None], calls[0] - 1, 0, 0, -1,
                               f"Stopped by the page at t = {last[0]:.6g} of {t1:g}: {calls[0] - 1:,} evaluations "
                               f"in {seconds:.2g} s (over its {why} budget). "
                               + ("Too stiff for an explicit method at this tolerance: use Radau, BDF or LSODA."
                                  if method not in IMPLICIT else "Loosen the tolerance or shorten the span."),
                               False, (), (), seconds, True, None, rtol, atol)
        except FloatingPointError as exc:
            raise DataError(f"The right-hand side became NaN or infinite at t = {float(exc.args[0]):.6g} (the "
                            "solution blows up there, or a formula divides by zero).") from None
    notes = tuple(dict.fromkeys(str(w.message).splitlines()[0][:160] for w in seen))
    message = str(res.message)
    if res.status == -1:
        message += (f" It could not go past t = {res.t[-1]:.6g}: the solution may blow up there (the steps shrank "
                    f"to nothing), or the problem is too stiff for {method}.")
    return SolveResult(method, res.t, res.y, int(res.nfev), int(res.njev), int(res.nlu), int(res.status),
                       message, bool(res.success),
                       tuple(np.asarray(te) for te in (res.t_events or ())),
                       tuple(np.asarray(ye) for ye in (res.y_events or ())), time.perf_counter() - started, False,
                       res.sol, rtol, atol, notes)


def reference(system, t_span, y0, *, params=None):
    """A tight-tolerance solution to measure errors against: DOP853 at rtol 1e-12 (Radau for a stiff system)."""
    method = "Radau" if system.stiff else "DOP853"
    return solve(system, t_span, y0, method=method, rtol=1e-12, atol=1e-14, params=params)


def error_against(result, ref, *, points=400):
    """The largest error of `result`'s dense solution against the reference on a grid of the span, each state
    scaled by its largest magnitude (so a state of size 1e-5 counts as much as one of size 1)."""
    if result.sol is None or ref.sol is None:
        return math.nan
    t0, t1 = ref.t[0], ref.t[-1]
    end = min(t1, result.t[-1])
    grid = np.linspace(t0, end, points)
    a, b = result.sol(grid), ref.sol(grid)
    scale = np.maximum(np.abs(b).max(axis=1, keepdims=True), 1e-300)
    return float(np.max(np.abs(a - b) / scale))


def work_precision(system, t_span, y0, methods, *, params=None, tolerances=(1e-3, 1e-5, 1e-7, 1e-9)):
    """For each method and rtol (atol = rtol x 1e-3): evaluations and error against the reference. Rows of
    {method, rtol, nfev, error, seconds, stopped}."""
    ref = reference(system, t_span, y0, params=params)
    rows = []
    for method in methods:
        for rtol in tolerances:
            r = solve(system, t_span, y0, method=method, rtol=rtol, atol=rtol * 1e-3, params=params,
                      max_steps=20_000)
            rows.append({"method": method, "rtol": rtol, "nfev": r.nfev, "error": error_against(r, ref) if not
                         r.stopped else math.nan, "seconds": r.seconds, "stopped": r.stopped})
            if r.stopped:
                break  # tighter tolerances only cost more
    return rows
