"""Global minimization over a box: differential evolution, dual annealing, basin hopping, SHGO and DIRECT with
every evaluation recorded (a point cloud), against a local method from many random starts. Every count the
user sets is bounded, and the evaluations a run may need are estimated against a budget before it starts."""

import math
import time
import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize

from core.common.budget import GLOBAL_EVALUATIONS, OPTIMIZE_SECONDS, check_budget
from core.common.errors import DataError, LimitError
from core.common.validate import Bound, check_int
from core.optimize.functions import check_box

__all__ = ["GLOBAL_METHODS", "GLOBAL_ABOUT", "GlobalResult", "global_search", "multistart", "estimated_evaluations",
           "MAX_RECORDED", "EFFORT", "STARTS", "POPSIZE", "global_arguments", "default_effort"]

GLOBAL_METHODS = ("differential_evolution", "dual_annealing", "basinhopping", "shgo", "direct")
GLOBAL_ABOUT = {
    "differential_evolution": "a population that breeds new points from differences of old ones",
    "dual_annealing": "random jumps that shrink as a temperature falls, with local searches",
    "basinhopping": "a local minimization, a random hop, again; keeps the best",
    "shgo": "samples the box, builds a simplicial complex, minimizes locally in each basin it finds",
    "direct": "divides the box into rectangles and refines the most promising ones; deterministic",
}
#: The effort knob of each method: what it means and its bounds.
EFFORT = {"differential_evolution": ("generations (maxiter)", Bound(1, 2000)),
          "dual_annealing": ("iterations (maxiter)", Bound(1, 5000)),
          "basinhopping": ("hops (niter)", Bound(1, 1000)),
          "shgo": ("sampling points (n)", Bound(8, 5000)),
          "direct": ("evaluations (maxfun)", Bound(10, 200_000))}
#: Random starts for the local baseline.
STARTS = Bound(1, 200)
#: Population multiplier of differential evolution.
POPSIZE = Bound(4, 100)
#: Evaluations kept for the point cloud (the first ones: they show the exploration).
MAX_RECORDED = 20_000


@dataclass(frozen=True)
class GlobalResult:
    method: str
    x: np.ndarray
    fun: float
    nfev: int
    nit: int | None
    success: bool
    message: str
    evaluations: np.ndarray          # (m, 2), at most MAX_RECORDED
    seconds: float
    options: dict = field(default_factory=dict)


def estimated_evaluations(method, effort, *, popsize=15):
    """Evaluations a run needs at most, roughly: the budget is checked against this before it starts."""
    if method == "differential_evolution":
        return (effort + 1) * popsize * 2 + 2000          # population x generations, and the polishing
    if method == "dual_annealing":
        return effort * 2 * 10 + effort * 40               # visits and local searches
    if method == "basinhopping":
        return effort * 200                                # one local minimization per hop
    if method == "shgo":
        return effort * 60
    return effort                                          # direct: maxfun


class _Stop(Exception):
    pass


def global_search(fun, bounds, *, method, effort=None, popsize=15, seed=0, x0=None):
    """One global method on the box `bounds` with its effort knob (maxiter, niter, n or maxfun; see
    :data:`EFFORT`) and seed, called as scipy.optimize calls it; every evaluation is recorded (the first
    :data:`MAX_RECORDED`)."""
    if method not in GLOBAL_METHODS:
        raise DataError(f"Unknown global method {method!r}; choose one of {', '.join(GLOBAL_METHODS)}.")
    bounds = check_box(bounds)
    what, bound = EFFORT[method]
    effort = check_int(effort if effort is not None else default_effort(method), bound, what)
    popsize = check_int(popsize, POPSIZE, "population size")
    if not (isinstance(seed, (int, np.integer)) and 0 <= seed < 2**32):
        raise LimitError("The seed must be a whole number from 0 to 2**32 - 1.")
    check_budget(estimated_evaluations(method, effort, popsize=popsize), GLOBAL_EVALUATIONS,
                 what=f"{method} with {what} = {effort:,}", reduce=f"lower the {what.split(' (')[0]}")
    seen, started = [], time.perf_counter()

    def recorded(p):
        if len(seen) >= 5 * GLOBAL_EVALUATIONS or time.perf_counter() - started > 6 * OPTIMIZE_SECONDS:
            raise _Stop
        seen.append((float(p[0]), float(p[1])))
        return fun(p)

    kwargs = global_arguments(method, effort, bounds, popsize=popsize, seed=seed, x0=x0)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            res = getattr(optimize, method)(recorded, **kwargs)
        except _Stop:
            raise LimitError(f"{method} was stopped after {len(seen):,} evaluations: over the page's work "
                             f"budget; lower the {what.split(' (')[0]}.") from None
    if method == "basinhopping":
        res = res.lowest_optimization_result if not hasattr(res, "x") else res
    cloud = np.array(seen[:MAX_RECORDED]) if seen else np.empty((0, 2))
    message = res.message[0] if isinstance(res.message, (list, tuple)) else str(res.message)
    nit = res.get("nit")
    return GlobalResult(method, np.asarray(res.x, dtype=float), float(res.fun), int(res.nfev),
                        None if nit is None else int(nit), bool(res.get("success", True)), str(message), cloud,
                        time.perf_counter() - started, {"effort": effort, "popsize": popsize, "seed": seed})


def default_effort(method):
    return {"differential_evolution": 100, "dual_annealing": 200, "basinhopping": 50, "shgo": 64,
            "direct": 2000}[method]


def global_arguments(method, effort, bounds, *, popsize=15, seed=0, x0=None):
    """The keyword arguments of the scipy.optimize call (the exported script writes the same)."""
    box = [tuple(b) for b in bounds]
    if method == "differential_evolution":
        return {"bounds": box, "maxiter": effort, "popsize": popsize, "rng": seed}
    if method == "dual_annealing":
        return {"bounds": box, "maxiter": effort, "rng": seed}
    if method == "basinhopping":
        start = np.mean(box, axis=1) if x0 is None else np.asarray(x0, dtype=float)
        step = 0.25 * float(min(hi - lo for lo, hi in box))
        return {"x0": start, "niter": effort, "stepsize": step, "rng": seed,
                "minimizer_kwargs": {"method": "L-BFGS-B", "bounds": box}}
    if method == "shgo":
        return {"bounds": box, "n": effort, "sampling_method": "sobol"}
    return {"bounds": box, "maxfun": effort}


def multistart(fun, bounds, *, starts=20, seed=0, method="L-BFGS-B", jac=None, tol=1e-6):
    """The local baseline: `method` from `starts` uniform random points in the box. Returns (best result dict,
    results, fraction of starts that reached the best value within `tol`, total evaluations)."""
    bounds = check_box(bounds)
    starts = check_int(starts, STARTS, "random starts")
    rng = np.random.default_rng(seed)
    lo, hi = np.array(bounds, dtype=float).T
    points = lo + rng.random((starts, 2)) * (hi - lo)
    results = []
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for p in points:
            r = optimize.minimize(fun, p, method=method, jac=jac, bounds=bounds)
            results.append({"start": p, "x": np.asarray(r.x), "fun": float(r.fun), "nfev": int(r.nfev)})
    best = min(results, key=lambda r: r["fun"] if math.isfinite(r["fun"]) else math.inf)
    hits = sum(abs(r["fun"] - best["fun"]) <= tol * max(1.0, abs(best["fun"])) for r in results)
    return best, results, hits / len(results), sum(r["nfev"] for r in results)
