"""Linear and mixed-integer programming: problems typed as text (``maximize 3x + 2y subject to ...``) or as
matrices, solved by linprog (HiGHS) or milp, with slacks, duals and a plain statement of infeasibility (the
smallest set of constraints that cannot hold together) or unboundedness."""

import math
import re
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize

from core.common.errors import DataError, LimitError
from core.common.expressions import compile_expression

__all__ = ["LPProblem", "LPResult", "parse_lp", "solve_lp", "solve_problem", "conflicting_constraints",
           "LP_PRESETS", "MAX_VARIABLES", "MAX_CONSTRAINTS_LP", "problem_text", "STATUS"]

MAX_VARIABLES = 200
MAX_CONSTRAINTS_LP = 200
MAX_TEXT = 20_000
STATUS = {0: "optimal", 1: "iteration or time limit reached", 2: "infeasible", 3: "unbounded",
          4: "numerical difficulties"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOKEN = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[A-Za-z_][A-Za-z0-9_]*")
_KEYWORDS = {"maximize", "maximise", "max", "minimize", "minimise", "min", "subject", "to", "st", "s", "t",
             "free", "integer", "int", "binary", "bin"}


@dataclass(frozen=True)
class LPProblem:
    """``minimize c @ x`` (``sense`` says whether the typed problem maximized: c is then negated) subject to
    ``A_ub @ x <= b_ub``, ``A_eq @ x == b_eq``, ``bounds`` and ``integrality`` (1: integer)."""

    variables: tuple
    c: np.ndarray
    A_ub: np.ndarray
    b_ub: np.ndarray
    A_eq: np.ndarray
    b_eq: np.ndarray
    bounds: tuple
    integrality: np.ndarray
    sense: str = "min"
    ub_labels: tuple = ()
    eq_labels: tuple = ()


@dataclass(frozen=True)
class LPResult:
    x: np.ndarray | None
    fun: float | None                # in the problem's own sense (a maximum when it maximized)
    status: int
    message: str
    success: bool
    method: str                      # "linprog" or "milp"
    slack: np.ndarray | None = None  # b_ub - A_ub x
    residual_eq: np.ndarray | None = None
    duals_ub: np.ndarray | None = None      # marginals: change of the optimum per unit of b_ub
    duals_eq: np.ndarray | None = None
    reduced_costs: np.ndarray | None = None
    conflict: tuple = ()              # labels of constraints that cannot hold together (infeasible)
    notes: tuple = field(default_factory=tuple)


def _insert_products(text):
    """``3x`` -> ``3*x``, ``2 y`` -> ``2*y`` (numbers written before a name), leaving ``1e5`` alone."""
    return re.sub(r"(?<![A-Za-z_0-9.])(\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*(?=[A-Za-z_(])",
                  lambda m: m.group(0).rstrip() + "*", text)


def _linear(text, variables):
    """(coefficients, constant) of a linear formula in `variables`, or a message saying it is not linear."""
    source = _insert_products(text)
    expr = compile_expression(source, variables=variables)
    if expr.parameters:
        raise DataError(f"Unknown name(s) {', '.join(expr.parameters)} in {text.strip()[:60]!r}.")
    n = len(variables)

    def at(point):
        return float(np.asarray(expr(np.asarray(point, dtype=float).reshape(n, 1) if n > 1 else
                                     np.asarray(point, dtype=float).reshape(1))).ravel()[0])

    zero = np.zeros(n)
    const = at(zero)
    coef = np.array([at(np.eye(n)[i]) - const for i in range(n)])
    rng = np.random.default_rng(0)
    for _ in range(3):                                   # a linear formula equals its own linear part everywhere
        p = rng.uniform(-3, 3, n)
        if not math.isclose(at(p), const + coef @ p, rel_tol=1e-9, abs_tol=1e-9 * (1 + np.abs(coef).sum())):
            raise DataError(f"{text.strip()[:60]!r} is not linear in {', '.join(variables)}.")
    if not (np.isfinite(coef).all() and math.isfinite(const)):
        raise DataError(f"{text.strip()[:60]!r} has a coefficient that is not a finite number.")
    return coef, const


def parse_lp(text):
    """A linear program from text:

    ``maximize 3x + 2y subject to x + y <= 4; x + 3y <= 6; x, y >= 0; x integer``

    Objective first (``maximize``/``minimize``, or ``max``/``min``), then ``subject to`` (or ``s.t.``) and
    constraints separated by ``;`` or new lines. A line comparing a list of variables with a number
    (``x, y >= 0``, ``x >= 0``, ``0 <= z <= 5``) sets bounds (a single variable against a number other than 0,
    ``x <= 4``, stays a constraint, with its slack and dual); ``x free`` removes the bounds; ``x, y integer``
    (or ``binary``) makes variables whole.
    Variables are the names used; without a bound they are >= 0, as in linprog."""
    text = (text or "").strip()
    if not text:
        raise DataError("Type a problem, e.g. maximize 3x + 2y subject to x + y <= 4; x + 3y <= 6.")
    if len(text) > MAX_TEXT:
        raise LimitError(f"The problem has {len(text):,} characters; at most {MAX_TEXT:,}.")
    m = re.match(r"^\s*(maximi[sz]e|max|minimi[sz]e|min)\b\s*:?(.*)$", text, re.I | re.S)
    if not m:
        raise DataError("Start with maximize or minimize, then the objective.")
    sense = "max" if m.group(1).lower().startswith("max") else "min"
    parts = re.split(r"\bsubject\s+to\b|\bs\.\s*t\.|\bst\b|\bsuch\s+that\b", m.group(2), maxsplit=1, flags=re.I)
    objective = parts[0].strip().rstrip(";,")
    lines = [ln.strip() for ln in re.split(r"[;\n]", parts[1] if len(parts) > 1 else "") if ln.strip()]
    names = []
    for piece in [objective, *lines]:
        if re.search(r"(?<![A-Za-z_0-9])(e|pi)(?![A-Za-z_0-9(])", _insert_products(piece)):
            raise DataError("e and pi are constants in formulas: name the variables otherwise.")
        for token in _TOKEN.findall(piece):
            if _NAME.fullmatch(token) and token.lower() not in _KEYWORDS and token not in names:
                names.append(token)
    if not names:
        raise DataError("The objective names no variable.")
    if len(names) > MAX_VARIABLES:
        raise LimitError(f"At most {MAX_VARIABLES} variables; the problem has {len(names)}.")
    variables = tuple(names)
    c, _ = _linear(objective, variables)
    lower = {v: 0.0 for v in variables}
    upper = {v: math.inf for v in variables}
    integer = set()
    A_ub, b_ub, A_eq, b_eq, ub_labels, eq_labels = [], [], [], [], [], []
    for line in lines:
        words = line.replace(",", " ").split()
        if len(words) >= 2 and words[-1].lower() in ("integer", "int", "binary", "bin", "free"):
            targets = words[:-1]
            unknown = [w for w in targets if w not in variables]
            if unknown:
                raise DataError(f"{', '.join(unknown)} in {line[:60]!r} is not a variable of the problem.")
            for v in targets:
                kind = words[-1].lower()
                if kind == "free":
                    lower[v], upper[v] = -math.inf, math.inf
                else:
                    integer.add(v)
                    if kind in ("binary", "bin"):
                        lower[v], upper[v] = 0.0, 1.0
            continue
        if _bound_line(line, variables, lower, upper):
            continue
        pieces = re.split(r"(<=|>=|==|=|<|>)", line)
        if len(pieces) != 3:
            raise DataError(f"Write each constraint as one relation (<=, >= or =); could not read {line[:60]!r}.")
        left, op, right = pieces
        lc, lk = _linear(left, variables)
        rc, rk = _linear(right, variables)
        row, rhs = lc - rc, rk - lk
        if op in ("<=", "<"):
            A_ub.append(row)
            b_ub.append(rhs)
            ub_labels.append(line)
        elif op in (">=", ">"):
            A_ub.append(-row)
            b_ub.append(-rhs)
            ub_labels.append(line)
        else:
            A_eq.append(row)
            b_eq.append(rhs)
            eq_labels.append(line)
    if len(A_ub) + len(A_eq) > MAX_CONSTRAINTS_LP:
        raise LimitError(f"At most {MAX_CONSTRAINTS_LP} constraints.")
    n = len(variables)
    c = -c if sense == "max" else c
    return LPProblem(variables, c, np.array(A_ub, dtype=float).reshape(-1, n), np.array(b_ub, dtype=float),
                     np.array(A_eq, dtype=float).reshape(-1, n), np.array(b_eq, dtype=float),
                     tuple((lower[v], upper[v]) for v in variables),
                     np.array([1 if v in integer else 0 for v in variables]), sense, tuple(ub_labels),
                     tuple(eq_labels))


def _bound_line(line, variables, lower, upper):
    """``x, y >= 0``, ``x <= 5`` or ``0 <= x <= 5``: bounds on named variables. True when the line was one."""
    pieces = [p.strip() for p in re.split(r"(<=|>=|<|>)", line)]
    number = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[-+]?inf"

    def names(p):
        items = [w.strip() for w in p.split(",")]
        return items if items and all(w in variables for w in items) else None

    def value(p):
        return float(p) if re.fullmatch(number, p) else None

    if len(pieces) == 3:
        a, op, b = pieces
        single = "," not in a + b
        if single and not (value(a) == 0 or value(b) == 0):
            return False              # x <= 4 is a constraint (with its slack and dual); x >= 0 is a bound
        if names(b) and value(a) is not None:      # 0 <= x is x >= 0
            a, b, op = b, a, {"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op]
        if names(a) and value(b) is not None:
            for v in names(a):
                (lower if op.startswith(">") else upper)[v] = value(b)
            return True
        return False
    if len(pieces) == 5 and names(pieces[2]) and value(pieces[0]) is not None and value(pieces[4]) is not None:
        lo, hi = (value(pieces[0]), value(pieces[4])) if pieces[1].startswith("<") else (value(pieces[4]),
                                                                                         value(pieces[0]))
        for v in names(pieces[2]):
            lower[v], upper[v] = lo, hi
        return True
    return False


def _matrices(A, b, n):
    try:
        A = np.asarray(A if A is not None else np.empty((0, n)), dtype=float)
        b = np.asarray(b if b is not None else np.empty(0), dtype=float).ravel()
    except (TypeError, ValueError):
        raise DataError("The constraint matrices must hold numbers only.") from None
    if A.ndim != 2 and A.size or (A.ndim == 2 and A.shape[1] != n and A.size):
        raise DataError(f"Each row of A needs {n} numbers, one per variable; got shape {A.shape}.")
    A = A.reshape(-1, n)
    if A.shape[0] != b.size:
        raise DataError(f"A has {A.shape[0]} rows but b has {b.size} values: they must match.")
    if not (np.isfinite(A).all() and np.isfinite(b).all()):
        raise DataError("The constraint matrices must hold finite numbers.")
    return A, b


def solve_lp(c, *, A_ub=None, b_ub=None, A_eq=None, b_eq=None, bounds=None, integrality=None):
    """``linprog(c, A_ub, b_ub, A_eq, b_eq, bounds, method="highs")``, or ``milp`` when `integrality` marks an
    integer variable. Returns x, fun, status and message as those calls give them, with slacks and (for an LP)
    the duals, i.e. the marginals of the constraints and the reduced costs of the variables."""
    try:
        c = np.asarray(c, dtype=float).ravel()
    except (TypeError, ValueError):
        raise DataError("c must hold numbers only.") from None
    n = c.size
    if not 1 <= n <= MAX_VARIABLES or not np.isfinite(c).all():
        raise DataError(f"c must hold 1 to {MAX_VARIABLES} finite numbers.")
    A_ub, b_ub = _matrices(A_ub, b_ub, n)
    A_eq, b_eq = _matrices(A_eq, b_eq, n)
    if A_ub.shape[0] + A_eq.shape[0] > MAX_CONSTRAINTS_LP:
        raise LimitError(f"At most {MAX_CONSTRAINTS_LP} constraints.")
    bounds = [(0.0, math.inf)] * n if bounds is None else [tuple(b) for b in bounds]
    if len(bounds) != n:
        raise DataError(f"{len(bounds)} bounds for {n} variables.")
    for i, (lo, hi) in enumerate(bounds):
        lo = -math.inf if lo is None else float(lo)
        hi = math.inf if hi is None else float(hi)
        if math.isnan(lo) or math.isnan(hi) or lo > hi:
            raise DataError(f"Variable {i + 1}: its lower bound is above its upper bound ({lo:g} > {hi:g}).")
        bounds[i] = (lo, hi)
    integrality = np.zeros(n, dtype=int) if integrality is None else np.asarray(integrality, dtype=int).ravel()
    if integrality.size != n:
        raise DataError(f"integrality needs {n} values; got {integrality.size}.")
    if integrality.any():
        return _milp(c, A_ub, b_ub, A_eq, b_eq, bounds, integrality)
    res = optimize.linprog(c, A_ub=A_ub if A_ub.size else None, b_ub=b_ub if b_ub.size else None,
                           A_eq=A_eq if A_eq.size else None, b_eq=b_eq if b_eq.size else None, bounds=bounds,
                           method="highs")
    ok = res.status == 0
    return LPResult(np.asarray(res.x) if ok else None, float(res.fun) if ok else None, int(res.status),
                    str(res.message), bool(res.success), "linprog",
                    slack=np.asarray(res.slack) if ok and A_ub.size else None,
                    residual_eq=np.asarray(res.con) if ok and A_eq.size else None,
                    duals_ub=np.asarray(res.ineqlin.marginals) if ok and A_ub.size else None,
                    duals_eq=np.asarray(res.eqlin.marginals) if ok and A_eq.size else None,
                    reduced_costs=np.asarray(res.lower.marginals) + np.asarray(res.upper.marginals) if ok else None)


def _milp(c, A_ub, b_ub, A_eq, b_eq, bounds, integrality):
    constraints = []
    if A_ub.size:
        constraints.append(optimize.LinearConstraint(A_ub, -np.inf, b_ub))
    if A_eq.size:
        constraints.append(optimize.LinearConstraint(A_eq, b_eq, b_eq))
    lo, hi = np.array(bounds, dtype=float).T
    res = optimize.milp(c, integrality=integrality, bounds=optimize.Bounds(lo, hi), constraints=constraints,
                        options={"time_limit": 10.0})
    ok = res.x is not None and res.status in (0, 1)
    status = {0: 0, 1: 1, 2: 2, 3: 3, 4: 4}.get(int(res.status), 4)
    x = np.asarray(res.x) + 0.0 if ok else None  # + 0.0: no -0 in the table
    return LPResult(x, float(res.fun) if ok else None, status, str(res.message), bool(res.success), "milp",
                    slack=(b_ub - A_ub @ x) if ok and A_ub.size else None,
                    residual_eq=(b_eq - A_eq @ x) if ok and A_eq.size else None,
                    notes=("Integer programs have no duals: fix the integers and solve the LP for marginals.",))


def conflicting_constraints(problem):
    """For an infeasible problem: a smallest set of its constraints (and the variables' bounds) that cannot
    hold together, found by dropping each in turn and keeping it only if the rest become feasible (a
    deletion filter: an irreducible infeasible subset). Labels, in the problem's order."""
    rows = [("ub", i) for i in range(problem.A_ub.shape[0])] + [("eq", i) for i in range(problem.A_eq.shape[0])]
    if len(rows) > 60:
        return ()
    keep = list(rows)

    def feasible(subset):
        ub = [i for k, i in subset if k == "ub"]
        eq = [i for k, i in subset if k == "eq"]
        r = solve_lp(np.zeros(len(problem.variables)), A_ub=problem.A_ub[ub], b_ub=problem.b_ub[ub],
                     A_eq=problem.A_eq[eq], b_eq=problem.b_eq[eq], bounds=problem.bounds,
                     integrality=problem.integrality)
        return r.status != 2

    if feasible(keep):
        return ()
    for row in rows:
        trial = [r for r in keep if r != row]
        if not feasible(trial):
            keep = trial
    labels = [problem.ub_labels[i] if k == "ub" else problem.eq_labels[i] for k, i in keep]
    return tuple(labels) or ("the variables' bounds",)


def solve_problem(problem):
    """:func:`solve_lp` of a parsed problem, the objective back in its own sense, and for an infeasible one the
    constraints that conflict."""
    r = solve_lp(problem.c, A_ub=problem.A_ub, b_ub=problem.b_ub, A_eq=problem.A_eq, b_eq=problem.b_eq,
                 bounds=problem.bounds, integrality=problem.integrality)
    sign = -1.0 if problem.sense == "max" else 1.0
    updates = {}
    if r.fun is not None:
        updates["fun"] = sign * r.fun
    if r.duals_ub is not None:
        updates["duals_ub"] = sign * r.duals_ub
    if r.duals_eq is not None:
        updates["duals_eq"] = sign * r.duals_eq
    if r.reduced_costs is not None:
        updates["reduced_costs"] = sign * r.reduced_costs
    if r.status == 2:
        updates["conflict"] = conflicting_constraints(problem)
    if updates:
        from dataclasses import replace
        r = replace(r, **updates)
    return r


def problem_text(problem):
    """The problem written back as text (for a table-edited problem)."""
    def expr(row):
        terms = [f"{v:g}{name}" if v not in (1, -1) else ("" if v == 1 else "-") + name
                 for v, name in zip(row, problem.variables) if v != 0]
        return " + ".join(terms).replace("+ -", "- ") or "0"

    sign = -1 if problem.sense == "max" else 1
    lines = [f"{'maximize' if problem.sense == 'max' else 'minimize'} {expr(sign * problem.c)}", "subject to"]
    lines += [f"{expr(r)} <= {b:g}" for r, b in zip(problem.A_ub, problem.b_ub)]
    lines += [f"{expr(r)} = {b:g}" for r, b in zip(problem.A_eq, problem.b_eq)]
    return "\n".join(lines)


def _presets():
    from core.optimize.samples import SAMPLES

    out = {}
    for key, sample in SAMPLES.items():
        text = SAMPLES.load(key)
        text = text.decode("utf-8") if isinstance(text, bytes) else text
        out[key] = (sample.title, text.partition("\n")[2].strip())  # the first line is the title
    return out


#: The bundled problems (core/optimize/samples/*.lp): name -> (title, text).
LP_PRESETS = _presets()
