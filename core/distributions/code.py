"""Exported scripts for the distributions page: plain scipy.stats calls printing the page's numbers."""

import pandas as pd

from core.common.codegen import data_source, header, literal
from core.common.distributions import DISCRETE, default_bounds

__all__ = ["explore_script", "fit_script"]


def _call(name, params):
    return f"stats.{name}({', '.join(f'{k}={literal(v)}' for k, v in params.items())})"


def explore_script(name, params, *, lower=None, upper=None, q=0.95, points=(0.5, 1.0, 2.0)):
    """The frozen distribution, its pdf/pmf and cdf at `points`, P(lower < X <= upper), a quantile, moments."""
    mass = "pmf" if name in DISCRETE else "pdf"
    lines = [header(f"The {name} distribution with scipy.stats", "the page's parameters", False),
             "import numpy as np", "from scipy import stats", "", f"d = {_call(name, params)}",
             f"for i, x in enumerate({literal(list(points))}):",
             f"    print(f'{mass}_{{i}} = {{float(d.{mass}(x))!r}}')",
             "    print(f'cdf_{i} = {float(d.cdf(x))!r}')",
             f"print(f'quantile = {{float(d.ppf({literal(q)}))!r}}')"]
    lo = "-np.inf" if lower is None else literal(lower)
    hi = "np.inf" if upper is None else literal(upper)
    lines += [f"lower, upper = {lo}, {hi}",
              "# P(lower < X <= upper); in the upper tail the survival function keeps the digits",
              "p = d.sf(lower) - d.sf(upper) if d.cdf(lower) > 0.5 else d.cdf(upper) - d.cdf(lower)",
              "print(f'probability = {float(max(p, 0.0))!r}')",
              "mean, var = d.stats(moments='mv')",
              "print(f'mean = {float(mean)!r}')", "print(f'variance = {float(var)!r}')", ""]
    return "\n".join(lines)


def fit_script(name, fixed, data, column, *, source_note="your data"):
    """Refit `name` to the data column (dist.fit, or stats.fit for counts) and print parameters and AIC."""
    src, needs_file = data_source(pd.DataFrame({"x": data}))
    lines = [header(f"Maximum-likelihood fit of {name} with scipy.stats", source_note, needs_file),
             "import io", "", "import numpy as np", "import pandas as pd", "from scipy import stats", "", src,
             f"x = data['x'].to_numpy(dtype=float)  # column {column!r}", ""]
    if name in DISCRETE:
        bounds = {**default_bounds(name, data), **{k: (float(v), float(v)) for k, v in fixed.items()}}
        lines += ["# Counts: scipy.stats.fit searches each parameter within bounds (loc held at 0).",
                  f"res = stats.fit(stats.{name}, x, bounds={literal(bounds)})",
                  "params = tuple(res.params)",
                  f"loglik = float(np.sum(stats.{name}.logpmf(x, *params)))",
                  f"k = len(params) - {len(fixed)}"]
    else:
        kwargs = ", ".join(f"f{k}={literal(v)}" for k, v in fixed.items())
        lines += [f"params = stats.{name}.fit(x{', ' + kwargs if kwargs else ''})",
                  f"loglik = float(np.sum(stats.{name}.logpdf(x, *params)))", f"k = len(params) - {len(fixed)}"]
    lines += ["for i, value in enumerate(params):", "    print(f'param_{i} = {float(value)!r}')",
              "print(f'loglik = {loglik!r}')", "print(f'aic = {2 * k - 2 * loglik!r}')", ""]
    return "\n".join(lines), needs_file
