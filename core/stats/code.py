"""The exported script for a hypothesis test: the same samples, the same scipy.stats call, the same numbers."""

import inspect

import numpy as np
import pandas as pd

from core.common.codegen import data_source, header, literal
from core.stats.inversion import permutation_ci

__all__ = ["export_frame", "script_for_test", "posthoc_script"]

_NO_ALTERNATIVE = {"f_oneway", "kruskal", "levene", "shapiro", "chi2_contingency"}


def export_frame(samples):
    """Samples in long format (columns ``sample`` = 1, 2, ... and ``value``), as the script reads them."""
    return pd.DataFrame({"sample": np.concatenate([np.full(len(s), i + 1) for i, s in enumerate(samples)]),
                         "value": np.concatenate([np.asarray(s, dtype=float) for s in samples])})


def script_for_test(result, samples=None, *, labels=None, source_note="the data you tested"):
    """A self-contained script repeating `result`'s scipy.stats call; prints statistic, pvalue (and CI)."""
    t = result.test
    opts = {k: v for k, v in result.options.items() if k not in ("rng", "method") or t in ("mannwhitneyu", "kendalltau")}
    lines = []
    needs_file = False
    if t in ("chi2_contingency", "fisher_exact"):
        table = result.extra["observed"].astype(int).tolist()
        body = [f"table = np.array({literal(table)})"]
        args = ["table"]
    else:
        frame = export_frame(samples)
        src, needs_file = data_source(frame)
        body = [src, f"samples = [data.loc[data['sample'] == i, 'value'].to_numpy(dtype=float) "
                     f"for i in range(1, {len(samples) + 1})]"]
        if labels:
            body.insert(0, f"# Samples in order: {literal(list(map(str, labels)))}")
        args = ["*samples"]
        if t == "wilcoxon" and len(samples) == 2:
            args = ["samples[0] - samples[1]"]
        if t == "ttest_1samp":
            args = ["samples[0]", literal(opts.pop("popmean"))]
    kwargs = [f"{k}={literal(v)}" for k, v in opts.items() if k not in ("n_resamples",)]
    if t not in _NO_ALTERNATIVE:
        kwargs.append(f"alternative={result.alternative!r}")
    lines += [header(f"{result.name} with scipy.stats.{t}", source_note, needs_file), "import io", "",
              "import numpy as np", "import pandas as pd", "from scipy import stats", ""] + body + [""]
    if t in ("permutation_test", "bootstrap"):
        n_total = sum(len(s) for s in samples)
        sub = result.options.get("subsample")
        if sub:
            n_total = sum(sub)
            lines += ["# Large data: resample a random subsample, as the page does.",
                      f"gen = np.random.default_rng({literal(result.options['rng'])})",
                      f"samples = [gen.choice(samples[0], {sub[0]}, replace=False), "
                      f"gen.choice(samples[1], {sub[1]}, replace=False)]"]
        lines += ["", "def mean_diff(x, y, axis=-1):", "    return np.mean(x, axis=axis) - np.mean(y, axis=axis)",
                  "", ""]
        common = [f"n_resamples={result.options['n_resamples']}", "vectorized=True",
                  f"rng={literal(result.options['rng'])}", f"alternative={result.alternative!r}",
                  f"batch={max(1, int(20_000_000 // max(n_total, 1)))}"]
        if t == "permutation_test":
            lines += [f"res = stats.permutation_test((samples[0], samples[1]), mean_diff, {', '.join(common)})",
                      "print(f'statistic = {float(res.statistic)!r}')", "print(f'pvalue = {float(res.pvalue)!r}')",
                      "", "", "# The CI: the shifts of samples[0] that the same test would not reject (test inversion).",
                      inspect.getsource(permutation_ci).rstrip(), "", "",
                      f"low, high = permutation_ci(samples[0], samples[1], confidence_level="
                      f"{result.confidence_level!r}, alternative={result.alternative!r}, "
                      f"n_resamples={result.options['n_resamples']}, rng={literal(result.options['rng'])})",
                      "print(f'ci_low = {low!r}')", "print(f'ci_high = {high!r}')"]
        else:
            common += [f"confidence_level={result.confidence_level!r}", f"method={result.options['method']!r}"]
            lines += [f"res = stats.bootstrap((samples[0], samples[1]), mean_diff, {', '.join(common)})",
                      "print(f'statistic = {float(mean_diff(samples[0], samples[1]))!r}')",
                      "print(f'ci_low = {float(res.confidence_interval.low)!r}')",
                      "print(f'ci_high = {float(res.confidence_interval.high)!r}')"]
        return "\n".join(lines) + "\n"
    lines += [f"res = stats.{t}({', '.join(args + kwargs)})",
              "print(f'statistic = {float(res.statistic)!r}')", "print(f'pvalue = {float(res.pvalue)!r}')"]
    if t in ("ttest_1samp", "ttest_ind", "ttest_rel", "pearsonr"):
        lines += [f"ci = res.confidence_interval({result.confidence_level!r})",
                  "print(f'ci_low = {float(ci.low)!r}')", "print(f'ci_high = {float(ci.high)!r}')"]
    return "\n".join(lines) + "\n"


_PAIRWISE_ADJUST = {
    "bonferroni": "np.minimum(raw * raw.size, 1.0)",
    "holm": "holm(raw)",
    "fdr_bh": "stats.false_discovery_control(raw, method='bh')",
}


def posthoc_script(result, samples, *, source_note="the groups you compared"):
    """A self-contained script repeating :func:`core.stats.posthoc.posthoc`; prints each comparison's adjusted
    p-value (``pvalue_i_j``, groups numbered from 0 in the page's order) and, for Tukey and Dunnett, its CI."""
    frame = export_frame(samples)
    src, needs_file = data_source(frame)
    lines = [header(f"{result.method} post-hoc comparisons with scipy.stats", source_note, needs_file), "import io",
             "from itertools import combinations", "", "import numpy as np", "import pandas as pd",
             "from scipy import stats", "", f"# Groups in order: {literal(list(result.labels))}", src,
             f"samples = [data.loc[data['sample'] == i, 'value'].to_numpy(dtype=float) "
             f"for i in range(1, {len(samples) + 1})]", ""]
    level = literal(result.confidence_level)
    if result.method == "tukey":
        lines += ["res = stats.tukey_hsd(*samples)", f"ci = res.confidence_interval({level})",
                  "for i, j in combinations(range(len(samples)), 2):",
                  "    print(f'pvalue_{i}_{j} = {float(res.pvalue[i, j])!r}')",
                  "    print(f'ci_low_{i}_{j} = {float(ci.low[i, j])!r}')",
                  "    print(f'ci_high_{i}_{j} = {float(ci.high[i, j])!r}')"]
    elif result.method == "dunnett":
        c = result.control
        lines += [f"control = {c}", "others = [i for i in range(len(samples)) if i != control]",
                  "res = stats.dunnett(*[samples[i] for i in others], control=samples[control], rng=0)",
                  f"ci = res.confidence_interval({level})",
                  "for n, i in enumerate(others):",
                  "    print(f'pvalue_{i}_{control} = {float(res.pvalue[n])!r}')",
                  "    print(f'ci_low_{i}_{control} = {float(ci.low[n])!r}')",
                  "    print(f'ci_high_{i}_{control} = {float(ci.high[n])!r}')"]
    else:
        if result.method == "holm":
            lines += ["", "def holm(p):", "    order = np.argsort(p)",
                      "    adjusted = np.maximum.accumulate((p.size - np.arange(p.size)) * p[order])",
                      "    out = np.empty(p.size)", "    out[order] = np.minimum(adjusted, 1.0)", "    return out",
                      "", ""]
        lines += ["pairs = list(combinations(range(len(samples)), 2))",
                  "# Welch's t-test for every pair, then the p-values adjusted together",
                  "raw = np.array([stats.ttest_ind(samples[i], samples[j], equal_var=False).pvalue for i, j in pairs])",
                  f"adjusted = {_PAIRWISE_ADJUST[result.method]}",
                  "for (i, j), p in zip(pairs, adjusted):",
                  "    print(f'pvalue_{i}_{j} = {float(p)!r}')"]
    return "\n".join(lines) + "\n", needs_file
