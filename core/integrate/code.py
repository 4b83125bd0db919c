"""Exported scripts for the ODE and integration page: plain scipy.integrate calls printing the page's numbers."""

from core.common.codegen import header, literal
from core.integrate.solve import IMPLICIT

__all__ = ["solve_script", "quad_script", "dblquad_script", "rules_script"]


def _unpack(states):
    unpack = ", ".join(states) + ("," if len(states) == 1 else "")
    return ["    t = float(t)", f"    {unpack} = np.asarray(state, dtype=float).tolist()"]


def _vector(exprs, states):
    """The right-hand sides in plain Python arithmetic on floats, as the page evaluates them (every digit
    matches)."""
    return [*_unpack(states), f"    return np.array([{', '.join(e.to_source(scalar=True) for e in exprs)}])"]


def _system_lines(system, values):
    lines = [f"{p} = {literal(float(v))}" for p, v in zip(system.parameters, values)]
    lines += ["", "", "def f(t, state):  # " + "; ".join(f"{s}' = {x}" for s, x in zip(system.states,
                                                                                       system.formulas))[:150]]
    lines += _vector(system.expressions, system.states)
    if system.jacobian_exprs is not None:
        n = len(system.states)
        lines += ["", "", "def jac(t, state):  # the exact Jacobian, derived from the formulas",
                  *_unpack(system.states), "    return np.array(["]
        for row in system.jacobian_exprs:
            lines.append("        [" + ", ".join(d.to_source(scalar=True) for d in row) + "],")
        lines.append(f"    ]).reshape({n}, {n})")
    return lines + ["", ""]


def solve_script(system, t_span, y0, methods, *, rtol, atol, params=None, events=(), reference=None):
    """Each method on the page's system, span, start and tolerances (the exact Jacobian for the implicit ones),
    printing nfev, njev, nlu, success, the last state and the events; with `reference` the error against a
    tight-tolerance solution, as the page measures it."""
    values = system.values(params)
    lines = [header(f"{system.label} with scipy.integrate.solve_ivp", "the page's system", False),
             "import math", "", "import numpy as np", "from scipy import integrate", "",
             *_system_lines(system, values)]
    for k, e in enumerate(events or ()):
        lines += [f"def ev{k + 1}(t, state):  # {e.text[:80]}", *_unpack(system.states),
                  f"    return float({e.expression.to_source(scalar=True)})", "",
                  f"ev{k + 1}.terminal = {e.terminal!r}", "", ""]
    lines += [f"span = {literal(tuple(float(v) for v in t_span))}", f"y0 = {literal([float(v) for v in y0])}", ""]
    if reference:
        jac = ", jac=jac" if reference == "Radau" and system.jacobian_exprs is not None else ""
        lines += ["# The reference: a tight-tolerance solution; errors are the largest, each state scaled by its size",
                  f"ref = integrate.solve_ivp(f, span, y0, method={reference!r}, rtol=1e-12, atol=1e-14, "
                  f"dense_output=True{jac})", ""]
    for method in methods:
        args = [f"method={method!r}", f"rtol={literal(float(rtol))}", f"atol={literal(float(atol))}",
                "dense_output=True"]
        if method in IMPLICIT and system.jacobian_exprs is not None:
            args.append("jac=jac")
        if events:
            args.append("events=[" + ", ".join(f"ev{k + 1}" for k in range(len(events))) + "]")
        key = method
        lines += [f"res = integrate.solve_ivp(f, span, y0, {', '.join(args)})",
                  f"print('{method}:', res.message)",
                  f"print(f'{key}_nfev = {{res.nfev}}')", f"print(f'{key}_njev = {{res.njev}}')",
                  f"print(f'{key}_nlu = {{res.nlu}}')", f"print(f'{key}_steps = {{res.t.size - 1}}')"]
        for i, s in enumerate(system.states):
            lines.append(f"print(f'{key}_{s}_end = {{float(res.y[{i}, -1])!r}}')")
        if events:
            lines.append(f"print(f'{key}_events = {{sum(len(te) for te in res.t_events)}}')")
        if reference:
            lines += ["grid = np.linspace(ref.t[0], min(ref.t[-1], res.t[-1]), 400)",
                      "scale = np.maximum(np.abs(ref.sol(grid)).max(axis=1, keepdims=True), 1e-300)",
                      f"print(f'{key}_error = {{float(np.max(np.abs(res.sol(grid) - ref.sol(grid)) / scale))!r}}')"]
        lines.append("")
    return "\n".join(lines)


def quad_script(formula_source, text, a, b, *, limit=50, epsabs=1.49e-8, epsrel=1.49e-8):
    return "\n".join([
        header("An integral with scipy.integrate.quad", "the page's integrand", False),
        "import numpy as np", "from scipy import integrate", "", "",
        f"def f(x):  # {text[:100]}", "    x = np.asarray(x, dtype=float)", f"    return float({formula_source})",
        "", "",
        f"value, abserr, info, *message = integrate.quad(f, {literal(float(a))}, {literal(float(b))}, "
        f"limit={int(limit)}, epsabs={literal(float(epsabs))}, epsrel={literal(float(epsrel))}, full_output=1)",
        "print(f'value = {value!r}')", "print(f'abserr = {abserr!r}')", "print(f'neval = {info[\"neval\"]}')",
        "if message:", "    print('quad says:', ' '.join(str(message[0]).split()))", ""])


def dblquad_script(source, text, a, b, lower_source, upper_source):
    return "\n".join([
        header("A double integral with scipy.integrate.dblquad", "the page's integrand and region", False),
        "import numpy as np", "from scipy import integrate", "", "",
        f"def f(y, x):  # {text[:100]}", "    x, y = np.array([x]), np.array([y])",
        f"    return float(np.broadcast_to({source}, (1,))[0])", "", "",
        "def lower(x):", "    x = np.asarray(x, dtype=float)",
        f"    return float(np.broadcast_to({lower_source}, np.shape(x)))", "", "",
        "def upper(x):", "    x = np.asarray(x, dtype=float)",
        f"    return float(np.broadcast_to({upper_source}, np.shape(x)))", "", "",
        f"value, abserr = integrate.dblquad(f, {literal(float(a))}, {literal(float(b))}, lower, upper)",
        "print(f'value = {value!r}')", "print(f'abserr = {abserr!r}')", ""])


def rules_script(formula_source, text, a, b, exponents):
    return "\n".join([
        header("Trapezoid and Simpson rules against quad", "the page's integrand", False),
        "import numpy as np", "from scipy import integrate", "", "",
        f"def f(x):  # {text[:100]}", f"    return {formula_source} + 0 * x", "", "",
        f"a, b = {literal(float(a))}, {literal(float(b))}",
        "exact = integrate.quad(lambda x: float(f(np.asarray(x))), a, b, limit=200)[0]",
        "print(f'quad = {exact!r}')", "n, et, es = [], [], []",
        f"for k in {literal(list(exponents))}:", "    x = np.linspace(a, b, 2**k + 1)", "    y = f(x)",
        "    n.append(x.size - 1)", "    et.append(abs(integrate.trapezoid(y, x) - exact))",
        "    es.append(abs(integrate.simpson(y, x=x) - exact))",
        "    print(f'trapezoid_{x.size} = {float(integrate.trapezoid(y, x))!r}')",
        "    print(f'simpson_{x.size} = {float(integrate.simpson(y, x=x))!r}')", ""])
