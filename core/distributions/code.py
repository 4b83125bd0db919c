"""Exported scripts for the distributions page: plain scipy.stats calls printing the page's numbers."""

import pandas as pd

from core.common.codegen import data_source, header, literal
from core.common.distributions import DISCRETE, discrete_box, parameter_names

__all__ = ["explore_script", "fit_script", "sample_script", "relation_script", "clt_script"]


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


def sample_script(name, params, size, seed):
    """Draw `size` values with the page's seed and print the sample's mean, variance and median beside the
    distribution's."""
    return "\n".join([
        header(f"Draws from the {name} distribution with scipy.stats", "the page's parameters and seed", False),
        "import numpy as np", "from scipy import stats", "", f"d = {_call(name, params)}",
        f"draws = d.rvs(size={int(size)}, random_state=np.random.default_rng({int(seed)}))",
        "print(f'sample_mean = {float(draws.mean())!r}')",
        "print(f'sample_variance = {float(draws.var(ddof=1)) if draws.size > 1 else float(\"nan\")!r}')",
        "print(f'sample_median = {float(np.median(draws))!r}')",
        "mean, var = d.stats(moments='mv')",
        "print(f'mean = {float(mean)!r}')", "print(f'variance = {float(var)!r}')",
        "print(f'median = {float(d.median())!r}')",
        "np.savetxt('draws.csv', draws, header='draw', comments='')  # the page's download", ""])


def clt_script(name, params, n, reps, seed=0):
    """Means of `n` draws, `reps` times (the page's seed), their mean and standard deviation against mu and
    sigma / sqrt(n)."""
    return "\n".join([
        header(f"The central limit theorem for the {name} distribution", "the page's parameters and seed", False),
        "import numpy as np", "from scipy import stats", "", f"d = {_call(name, params)}", f"n, reps = {int(n)}, {int(reps)}",
        f"means = d.rvs(size=(reps, n), random_state=np.random.default_rng({int(seed)})).mean(axis=1)",
        "print(f'mean_of_means = {float(means.mean())!r}')",
        "print(f'sd_of_means = {float(means.std(ddof=1))!r}')",
        "mean, var = d.stats(moments='mv')",
        "print(f'sigma_over_sqrt_n = {float(np.sqrt(var / n))!r}')  # inf or nan: the means never settle", ""])


def relation_script(exact, approx):
    """An exact distribution and its approximation: the largest gap between their cdfs over the exact one's range
    (at whole numbers, with the continuity correction x + 1/2, for counts against a normal)."""
    (en, ep), (an, ap) = exact, approx
    discrete = en in DISCRETE
    shift = 0.5 if discrete and an not in DISCRETE else 0.0
    grid = (["lo, hi = (int(v) for v in d.ppf([0.001, 0.999]))",
             "x = np.arange(lo, hi + 1) if hi - lo < 2000 else np.unique(np.linspace(lo, hi, 2000).round())"]
            if discrete else ["lo, hi = d.ppf([0.001, 0.999])", "x = np.linspace(lo, hi, 2000)"])
    return "\n".join([
        header(f"How close {an} comes to {en}", "the page's parameters", False),
        "import numpy as np", "from scipy import stats", "", f"d = {_call(en, ep)}  # exact",
        f"a = {_call(an, ap)}  # approximation", *grid,
        f"gap = np.max(np.abs(d.cdf(x) - a.cdf(x + {literal(shift)})))"
        + ("  # + 1/2: the continuity correction" if shift else ""),
        "print(f'largest_cdf_gap = {float(gap)!r}')", ""])


def fit_script(name, fixed, data, column, *, source_note="your data", shift=0.0, bootstrap=None):
    """Refit `name` to the data column (dist.fit, or for counts the likelihood over distinct values maximised as
    stats.fit does) and print parameters and AIC; with `bootstrap` (resamples) also the bootstrap standard
    errors."""
    src, needs_file = data_source(pd.DataFrame({"x": data}))
    lines = [header(f"Maximum-likelihood fit of {name} with scipy.stats", source_note, needs_file),
             "import io", "", "import numpy as np", "import pandas as pd", "from scipy import optimize, stats", "",
             src, f"x = data['x'].to_numpy(dtype=float)  # column {column!r}"]
    if shift:
        lines.append(f"x = x + {literal(shift)}  # shifted so that every value lies in the family's support")
    lines.append("")
    names = parameter_names(name)
    if name in DISCRETE:
        _, box, integral = discrete_box(name, data + shift, fixed)
        lines += ["# Counts: the likelihood summed over the distinct values, weighted by their counts, maximised as",
                  "# scipy.stats.fit does it (differential evolution within bounds; whole-number parameters kept",
                  f"# whole). stats.fit(stats.{name}, x, bounds=...) maximises the same likelihood, more slowly.",
                  "values, counts = np.unique(x, return_counts=True)",
                  f"box = np.array({literal(box.tolist())})  # {', '.join(names)}",
                  f"integral = np.array({literal(integral.tolist())})",
                  "free = box[:, 0] < box[:, 1]",
                  "PENALTY = 100 * np.log(np.finfo(float).max)  # stats.fit's cost of a point outside the support",
                  "", "def nll(theta):", "    full = box[:, 0].copy()", "    full[free] = theta",
                  "    with np.errstate(all='ignore'):", f"        lp = stats.{name}.logpmf(values, *full)",
                  "    bad = ~np.isfinite(lp)",
                  "    return float(-np.sum(counts[~bad] * lp[~bad]) + PENALTY * np.sum(counts[bad]))", "", "",
                  "res = optimize.differential_evolution(nll, box[free], rng=0,",
                  "                                      integrality=integral[free] if integral[free].any() else None)",
                  "params = box[:, 0].copy()", "params[free] = res.x",
                  f"loglik = float(np.sum(stats.{name}.logpmf(x, *params)))",
                  "k = int(free.sum())"]
    else:
        kwargs = ", ".join(f"f{k}={literal(v)}" for k, v in fixed.items())
        lines += [f"params = stats.{name}.fit(x{', ' + kwargs if kwargs else ''})",
                  f"loglik = float(np.sum(stats.{name}.logpdf(x, *params)))", f"k = len(params) - {len(fixed)}"]
    lines += [f"for name, value in zip({literal(list(names))}, params):", "    print(f'{name} = {float(value)!r}')",
              "print(f'loglik = {loglik!r}')", "print(f'aic = {2 * k - 2 * loglik!r}')", ""]
    if bootstrap and name not in DISCRETE:
        free = [k for k in names if k not in fixed]
        kwargs = ", ".join(f"f{k}={literal(v)}" for k, v in fixed.items())
        lines += ["# Parameter uncertainty: refit each of the bootstrap resamples (percentile intervals).",
                  f"free = {literal(free)}", f"every = {literal(list(names))}", "",
                  "def refit(sample):",
                  f"    p = stats.{name}.fit(sample{', ' + kwargs if kwargs else ''})",
                  "    return np.array([p[every.index(k)] for k in free])", "", "",
                  f"boot = stats.bootstrap((x,), refit, n_resamples={int(bootstrap)}, vectorized=False,",
                  "                       method='percentile', rng=np.random.default_rng(0))",
                  "for k, se in zip(free, np.atleast_1d(boot.standard_error)):",
                  "    print(f'se_{k} = {float(se)!r}')", ""]
    return "\n".join(lines), needs_file
