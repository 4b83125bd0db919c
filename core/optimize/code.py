"""Exported scripts for the optimization page: plain scipy.optimize calls printing the page's numbers."""

from core.common.codegen import header, literal
from core.optimize.linear import STATUS
from core.optimize.minimize import GRADIENT_METHODS, HESSIAN_METHODS
from core.optimize.search import global_arguments

__all__ = ["minimize_script", "global_script", "lp_script"]


def _function(name, source, comment=""):
    """A function of p = (x, y), evaluated on one-element arrays as the page evaluates it (so that every digit,
    and so every iteration count, matches)."""
    return [f"def {name}(p):{('  # ' + comment) if comment else ''}",
            "    x, y = np.asarray(p, dtype=float).reshape(2, 1)",
            f"    return float(np.broadcast_to({source}, (1,))[0])", "", ""]


def _functions(objective, constraints):
    lines = _function("f", objective.source(), objective.formula[:80])
    if objective.gradient_exprs is not None:
        lines += ["def grad(p):  # the exact gradient, derived from the formula",
                  "    return np.array([d(p) for d in (dfdx, dfdy)])", "", ""]
        lines += _function("dfdx", objective.gradient_exprs[0].to_source())
        lines += _function("dfdy", objective.gradient_exprs[1].to_source())
    if objective.hessian_exprs is not None:
        names = [["d2fdx2", "d2fdxdy"], ["d2fdydx", "d2fdy2"]]
        lines += ["def hess(p):  # the exact Hessian",
                  "    return np.array([[d(p) for d in row] for row in "
                  f"(({names[0][0]}, {names[0][1]}), ({names[1][0]}, {names[1][1]}))])", "", ""]
        for i in range(2):
            for j in range(2):
                lines += _function(names[i][j], objective.hessian_exprs[i][j].to_source())
    for k, c in enumerate(constraints or ()):
        lines += _function(f"g{k + 1}", c.source(), f"{c.text[:60]}  ->  g{k + 1}(p) "
                           + (">= 0" if c.kind == "ineq" else "= 0"))
    return lines


def minimize_script(objective, x0, methods, *, bounds=None, constraints=(), maxiter=None, tol=None):
    """Each method from the same start with the arguments the page gave it; prints x, fun, nit, nfev per method
    (``<method>_fun = ...``)."""
    lines = [header(f"Minimizing {objective.label} with scipy.optimize.minimize", "the page's function and start",
                    False), "import numpy as np", "from scipy import optimize", "", ""]
    lines += _functions(objective, constraints)
    lines += [f"x0 = np.array({literal([float(v) for v in x0])})"]
    if bounds is not None:
        lines.append(f"bounds = {literal([tuple(float(v) for v in b) for b in bounds])}")
    if constraints:
        lines.append("constraints = [" + ", ".join(f"{{'type': {c.kind!r}, 'fun': g{k + 1}}}"
                                                   for k, c in enumerate(constraints)) + "]")
    lines.append("")
    for method in methods:
        args = [f"method={method!r}"]
        if method in GRADIENT_METHODS and objective.gradient_exprs is not None:
            args.append("jac=grad")
        if method in HESSIAN_METHODS and objective.hessian_exprs is not None:
            args.append("hess=hess")
        if bounds is not None:
            args.append("bounds=bounds")
        if constraints:
            args.append("constraints=constraints")
        if tol is not None:
            args.append(f"tol={literal(float(tol))}")
        if maxiter is not None:
            args.append(f"options={{'maxiter': {int(maxiter)}}}")
        key = method.replace("-", "_")
        lines += [f"res = optimize.minimize(f, x0, {', '.join(args)})",
                  f"print(f'{key}_x = {{float(res.x[0])!r}}')", f"print(f'{key}_y = {{float(res.x[1])!r}}')",
                  f"print(f'{key}_fun = {{float(res.fun)!r}}')", f"print(f'{key}_nfev = {{int(res.nfev)!r}}')",
                  f"print(f'{key}_nit = {{res.get(\"nit\", float(\"nan\"))!r}}')",
                  f"print('{method}:', res.message)", ""]
    return "\n".join(lines)


def global_script(objective, methods, *, efforts, popsize=15, seed=0, starts=None, x0=None):
    """Each global method with the page's effort and seed, and the local baseline from random starts."""
    lines = [header(f"Global minimization of {objective.label} with scipy.optimize", "the page's function and box",
                    False), "import numpy as np", "from scipy import optimize", "", ""]
    lines += _functions(objective, ())
    lines += [f"box = {literal([tuple(float(v) for v in b) for b in objective.box])}", ""]
    for method in methods:
        kwargs = global_arguments(method, efforts[method], objective.box, popsize=popsize, seed=seed, x0=x0)
        parts = []
        for k, v in kwargs.items():
            if k == "bounds":
                parts.append("bounds=box")
            elif k == "x0":
                parts.append(f"x0=np.array({literal([float(t) for t in v])})")
            elif k == "minimizer_kwargs":
                parts.append("minimizer_kwargs={'method': 'L-BFGS-B', 'bounds': box}")
            else:
                parts.append(f"{k}={literal(v)}")
        lines += [f"res = optimize.{method}(f, {', '.join(parts)})",
                  f"print(f'{method}_x = {{float(res.x[0])!r}}')", f"print(f'{method}_y = {{float(res.x[1])!r}}')",
                  f"print(f'{method}_fun = {{float(res.fun)!r}}')",
                  f"print(f'{method}_nfev = {{int(res.nfev)!r}}')", ""]
    if starts:
        jac = ", jac=grad" if objective.gradient_exprs is not None else ""
        lines += ["# The local baseline: L-BFGS-B from uniform random starts in the box",
                  f"rng = np.random.default_rng({int(seed)})", "lo, hi = np.array(box).T",
                  f"starts = lo + rng.random(({int(starts)}, 2)) * (hi - lo)",
                  f"runs = [optimize.minimize(f, p, method='L-BFGS-B'{jac}, bounds=box) for p in starts]",
                  "best = min(runs, key=lambda r: r.fun)",
                  "print(f'baseline_fun = {float(best.fun)!r}')",
                  "print(f'baseline_nfev = {sum(r.nfev for r in runs)!r}')", ""]
    return "\n".join(lines)


def lp_script(problem):
    """linprog (HiGHS) or milp on the page's matrices; prints the solution, the objective in the problem's own
    sense, the status and (for an LP) the duals."""
    names = list(problem.variables)
    integer = bool(problem.integrality.any())
    sign = "-" if problem.sense == "max" else ""
    lines = [header("Linear programming with scipy.optimize." + ("milp" if integer else "linprog"),
                    "the page's problem", False), "import numpy as np", "from scipy import optimize", "",
             f"names = {literal(names)}",
             f"c = np.array({literal(problem.c.tolist())})" + ("  # maximize: the objective negated" if sign else ""),
             f"A_ub = np.array({literal(problem.A_ub.tolist())}).reshape(-1, {len(names)})",
             f"b_ub = np.array({literal(problem.b_ub.tolist())})",
             f"A_eq = np.array({literal(problem.A_eq.tolist())}).reshape(-1, {len(names)})",
             f"b_eq = np.array({literal(problem.b_eq.tolist())})",
             f"bounds = {literal([(float(lo), float(hi)) for lo, hi in problem.bounds])}", ""]
    if integer:
        lines += [f"integrality = np.array({literal(problem.integrality.tolist())})",
                  "constraints = []",
                  "if len(b_ub):", "    constraints.append(optimize.LinearConstraint(A_ub, -np.inf, b_ub))",
                  "if len(b_eq):", "    constraints.append(optimize.LinearConstraint(A_eq, b_eq, b_eq))",
                  "lo, hi = np.array(bounds).T",
                  "res = optimize.milp(c, integrality=integrality, bounds=optimize.Bounds(lo, hi),",
                  "                    constraints=constraints, options={'time_limit': 10.0})"]
    else:
        lines += ["res = optimize.linprog(c, A_ub=A_ub if len(b_ub) else None, b_ub=b_ub if len(b_ub) else None,",
                  "                       A_eq=A_eq if len(b_eq) else None, b_eq=b_eq if len(b_eq) else None,",
                  "                       bounds=bounds, method='highs')"]
    lines += [f"print('status:', res.status, {literal(STATUS)}.get(res.status, ''), res.message)",
              "print(f'status = {res.status}')",
              "if res.x is not None:", "    for name, value in zip(names, res.x):",
              "        print(f'{name} = {float(value)!r}')", f"    print(f'fun = {{float({sign}res.fun)!r}}')"]
    if not integer:
        lines += ["    if len(b_ub):  # how much the optimum improves per unit more of each right-hand side",
                  "        for i, m in enumerate(res.ineqlin.marginals):",
                  f"            print(f'dual_ub_{{i}} = {{float({sign}m)!r}}')"]
    lines.append("")
    return "\n".join(lines)
