"""Work budgets: the cost of what was asked, estimated before it runs, against one constant per kind of work.

Every heavy path estimates its cost from the sizes it was given (pixels, element area, iterations, points,
models) and calls :func:`check_budget` first; over the budget it raises :class:`BudgetError`, a user error whose
message says what to reduce, instead of starting. The budgets are sized so the default views and the benchmark
sizes pass and nothing takes more than about 10 s on a 2-core machine (rates measured with bench/run.py).
"""

from core.common.errors import LimitError

__all__ = ["BudgetError", "check_budget", "MORPHOLOGY_VISITS", "FIT_POINT_MODELS", "DENSITY_FIT_POINTS",
           "FISHER_TOTAL", "KENDALL_EXACT_N", "MAX_PASTE_CHARS", "MAX_COUNTS_CHARS",
           "DISTRIBUTION_VIEW_SECONDS", "DISTRIBUTION_FIT_SECONDS", "OPTIMIZE_EVALUATIONS", "OPTIMIZE_SECONDS",
           "GLOBAL_EVALUATIONS", "ODE_EVALUATIONS", "ODE_SECONDS", "QUAD_SECONDS"]

#: Grey-level neighbourhood visits (pixels x element area x passes x iterations, rank filters weighted by their
#: measured cost) for a whole image pipeline: grey erosion runs at about 1.4e9 visits/s here.
MORPHOLOGY_VISITS = 1.2e10
#: Points x models when fitting several models to the same data (about 1.1e-6 s per point and model here).
FIT_POINT_MODELS = 5e6
#: Points x distributions for parametric fits (maximum likelihood; Student's t and beta are the slow ones).
DENSITY_FIT_POINTS = 4e6
#: Total count of a table for Fisher's exact test (its conditional odds ratio took 6 s at 28,000 here).
FISHER_TOTAL = 10_000
#: Pairs for Kendall's tau with the exact null distribution (its cost grows as n³: 2,000 pairs took 10 s here).
KENDALL_EXACT_N = 600
#: Seconds one plot or table of a scipy.stats distribution may take, estimated from the per-point costs that
#: bench/probe_distributions.py measured for each family (most take microseconds a point; a few integrate or
#: invert numerically and take milliseconds to seconds: their grids get fewer points, or the view is refused).
DISTRIBUTION_VIEW_SECONDS = 3.0
#: Seconds one maximum-likelihood fit (and each Monte Carlo or bootstrap batch of refits) may take, estimated
#: the same way from the probe's fixed and per-point fit costs.
DISTRIBUTION_FIT_SECONDS = 10.0
#: Function evaluations and seconds one local minimization may take (a formula costs microseconds to evaluate
#: at a point: the evaluation count bounds the work, the time stops a pathological case).
OPTIMIZE_EVALUATIONS = 200_000
OPTIMIZE_SECONDS = 5.0
#: Evaluations a global method is estimated to need (from its iterations and population) before it starts.
GLOBAL_EVALUATIONS = 400_000
#: Right-hand-side evaluations and seconds one solve_ivp run may take (a formula right-hand side costs about
#: 20 µs an evaluation here: 300,000 evaluations are about 6 s). An explicit method on a stiff problem meets it.
ODE_EVALUATIONS = 300_000
ODE_SECONDS = 5.0
#: Seconds an integral (quad, dblquad, the rules' sweep) may take before it is stopped.
QUAD_SECONDS = 5.0
#: Characters of a pasted table and of typed counts (the widgets say the same; the server checks).
MAX_PASTE_CHARS = 2_000_000
MAX_COUNTS_CHARS = 20_000


class BudgetError(LimitError):
    """The work asked for is over its budget; the message says what to reduce."""


def check_budget(cost, budget, *, what, reduce):
    """Raise :class:`BudgetError` when `cost` is over `budget`.

    Examples
    --------
    >>> check_budget(10, 100, what="a small job", reduce="nothing")
    >>> check_budget(1e12, 1e10, what="This pipeline", reduce="use a smaller element")
    Traceback (most recent call last):
    ...
    core.common.budget.BudgetError: This pipeline is about 100x over the work budget: use a smaller element.
    """
    if not cost <= budget:  # also catches NaN
        ratio = cost / budget if budget else float("inf")
        raise BudgetError(f"{what} is about {ratio:,.0f}x over the work budget: {reduce}.")
