"""The distributions page's panels: the distribution and parameter chooser, exploring, probabilities, sampling
and fitting to data."""

import math

import numpy as np
import pandas as pd
import streamlit as st
from scipy import stats

from core.common import numeric_columns
from core.common.distributions import FITTABLE_DISCRETE
from core.distributions import (APPROXIMATIONS, COMMON, DISCRETE, FAMILIES, LABELS, LEFT_OUT, approximation, cdf_gap,
                                clt_figure, clt_means, clt_script, count_table, draws_figure, fits_figure, functions_figure,
                                goodness_of_fit, is_discrete, label_of, log_probability, max_draws, parameter_names,
                                parameter_ranges, parse_fixed, parse_overlays, pp_figure, probability,
                                probability_figure, qq_figure, quantile, relation_figure, relation_script,
                                sample_script, starting_params, summary)
from ui.common.cache import content_key
from ui.common.errors import guard
from ui.common.export import csv_download
from ui.common.tables import display_frame, fmt
from ui.common.text import esc, figure, plot
from ui.common.url import bound
from ui.distributions.cache import bootstrap_cached, draws_cached, fit_cached, mc_cached

#: The settings that depend on the data (reset when it changes); exploring a distribution does not.
FIT_SETTINGS = ("column", "candidates", "hold_loc", "fixed", "shift", "mc", "plot", "boot")

__all__ = ["FIT_SETTINGS", "choose_distribution", "explore_panel", "probability_panel", "sample_panel", "fit_panel",
           "relations_panel", "clt_panel"]


def choose_distribution(P):
    """The distribution (key ``<P>_dist``) and its parameters (keys ``<P>_<name>_<parameter>``), each input
    bounded by the range SciPy declares. Returns (name, params)."""
    name = bound(st.selectbox, "Distribution", list(FAMILIES), key=f"{P}_dist",
                 format_func=lambda n: f"{LABELS.get(n, n)} ({n})",
                 help=f"Every scipy.stats distribution ({len(FAMILIES)}): the {len(COMMON)} common ones first, then "
                      "by SciPy name. Type to search by name. Left out: "
                      + "; ".join(f"{n} ({why})" for n, why in LEFT_OUT.items()) + ".")
    start = {"loc": 0.0, "scale": 1.0, **starting_params(name)}
    ranges = parameter_ranges(name)
    names = parameter_names(name)
    cols = st.columns(len(names))
    params = {}
    for col, p in zip(cols, names):
        lo, hi, lo_in, hi_in, integer = ranges[p]
        tiny = 1e-9 * max(1.0, abs(lo)) if math.isfinite(lo) else 0.0
        kwargs = {}
        if math.isfinite(lo):
            kwargs["min_value"] = int(lo) if integer else float(lo if lo_in else lo + tiny)
        if math.isfinite(hi):
            kwargs["max_value"] = int(hi) if integer else float(hi if hi_in else hi - 1e-9 * max(1.0, abs(hi)))
        value = int(start[p]) if integer else float(start[p])
        if not integer:
            kwargs.setdefault("min_value", -1e12)
            kwargs.setdefault("max_value", 1e12)
        else:
            kwargs.setdefault("max_value", 10**6)
        params[p] = bound(col.number_input, p, value=value, key=f"{P}_{name}_{p}",
                          step=1 if integer else None, format=None if integer else "%.6g", **kwargs)
    return name, params


def explore_panel(P, name, params):
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    text = bound(c1.text_input, "Overlay (e.g. norm; t(df=1); t(df=30))", "", key=f"{P}_overlays", max_chars=300,
                 help="Other distributions drawn on the same axes: scipy names with optional parameters.")
    log_y = bound(c2.toggle, "Log scale (tails)", value=False, key=f"{P}_logy",
                  help="The density and survival function on a log axis: heavy tails (t, Cauchy) stand out.")
    overlays = []
    with guard("reading the overlays"):
        overlays = parse_overlays(text)
    curves = [(name, params), *overlays]
    plot(st, figure(content_key("explore", [(n, sorted(p.items())) for n, p in curves]), functions_figure, curves,
                    log_y=log_y), key=f"{P}_functions")
    st.markdown(f"**{esc(label_of(name, params))}**")
    rows = summary(name, params)
    values = {r["quantity"].split(" (")[0]: r["value"] for r in rows}
    m = st.columns(3)
    for col, key in zip(m, ("mean", "variance", "median")):
        v = values[key]
        slow = isinstance(v, str) and v.startswith("not ")
        col.metric(key, "—" if slow else v if isinstance(v, str) else fmt(v, 6), help=v if slow else None)
    left, _ = st.columns([1, 1])
    left.dataframe(display_frame([{"quantity": r["quantity"], "value": r["value"] if not isinstance(r["value"], tuple)
                                   else f"[{fmt(r['value'][0], 5)}, {fmt(r['value'][1], 5)}]"} for r in rows]),
                   hide_index=True, width="stretch")


def probability_panel(P, name, params):
    c1, c2, c3 = st.columns(3)
    lower = bound(c1.number_input, "lower a (empty: -∞)", value=None, key=f"{P}_lower", format="%.6g",
                  placeholder="-inf", min_value=-1e300, max_value=1e300)
    upper = bound(c2.number_input, "upper b (empty: +∞)", value=None, key=f"{P}_upper", format="%.6g",
                  placeholder="inf", min_value=-1e300, max_value=1e300)
    q = bound(c3.number_input, "probability for a quantile", 0.0, 1.0, 0.975, key=f"{P}_q", format="%.6g")
    if lower is None and upper is None:  # something to see at once: the area up to the chosen quantile
        upper = quantile(name, params, q)
        st.caption(f"No bounds given: showing P(X ≤ ppf({fmt(q, 4)})). Type a and b for any interval.")
    p = probability(name, params, lower=lower, upper=upper)
    m = st.columns(3)
    what = ("P(" + ("" if lower is None else f"{fmt(lower, 4)} < ") + "X"
            + (" ≤ " + fmt(upper, 4) if upper is not None else "") + ")")
    m[0].metric(what, fmt(p, 6))
    logp = log_probability(name, params, lower=lower, upper=upper)
    m[1].metric("log10 of it", "−∞" if logp == -math.inf else fmt(logp / math.log(10), 6),
                help="Exact even where the probability underflows (below 1e-300).")
    m[2].metric(f"quantile ppf({fmt(q, 4)})", fmt(quantile(name, params, q), 6))
    if name in DISCRETE:
        st.caption("For a discrete distribution P(a < X ≤ b) includes the mass at b but not at a: P(X = k) is "
                   "P(k - 1 < X ≤ k).")
    plot(st, figure(content_key("prob", name, sorted(params.items()), lower, upper), probability_figure, name,
                    params, lower, upper, p), key=f"{P}_prob_fig")
    return {"lower": lower, "upper": None if upper is None or not math.isfinite(upper) else float(upper),
            "q": float(q)}


def sample_panel(P, name, params):
    """Draws with a seed against the distribution; returns the script that repeats them."""
    c1, c2 = st.columns(2)
    most = max_draws(name)
    size = bound(c1.number_input, "Values to draw", 1, 1_000_000, 1000, step=1000, key=f"{P}_size",
                 help="Up to a million" + ("" if most >= 1_000_000 else
                                           f"; SciPy draws {name} slowly (by inverting its cdf): at most {most:,}"))
    seed = bound(c2.number_input, "Seed", 0, 2**31 - 1, 0, key=f"{P}_seed")
    draws = draws_cached(name, tuple(sorted(params.items())), int(size), int(seed))
    plot(st, figure(content_key("draws", name, sorted(params.items()), int(size), int(seed)), draws_figure, name,
                    params, draws), key=f"{P}_draws_fig")
    theory = {r["quantity"]: r["value"] for r in summary(name, params)}
    sd = float(draws.std(ddof=1)) if draws.size > 1 else math.nan
    st.dataframe(display_frame([
        {"statistic": "mean", "sample": float(draws.mean()), "distribution": theory["mean"]},
        {"statistic": "variance", "sample": sd ** 2, "distribution": theory["variance"]},
        {"statistic": "median", "sample": float(np.median(draws)), "distribution": theory["median"]}]),
        hide_index=True, width="content")
    csv_download("Download the draws (CSV)", lambda: pd.DataFrame({"draw": draws}), "draws.csv", key=f"{P}_dl_draws")
    return sample_script(name, params, int(size), int(seed))


def relations_panel(P):
    """A limit shown by overlay, with the largest gap between the two cdfs."""
    kind = bound(st.selectbox, "Approximation", list(APPROXIMATIONS), key=f"{P}_rel", format_func=APPROXIMATIONS.get)
    c1, c2 = st.columns(2)
    options = {}
    if kind.startswith("binom"):
        options["n"] = bound(c1.slider, "trials n", 1, 2000, 30, key=f"{P}_rel_n")
        options["p"] = bound(c2.slider, "success probability p", 0.001, 0.999, 0.1, key=f"{P}_rel_p", format="%.3f")
    elif kind == "poisson_norm":
        options["mu"] = bound(c1.slider, "mean μ", 0.1, 500.0, 10.0, key=f"{P}_rel_mu")
    elif kind == "t_norm":
        options["df"] = bound(c1.slider, "degrees of freedom", 0.5, 200.0, 5.0, key=f"{P}_rel_df")
    else:
        options["a"] = bound(c1.slider, "shape a", 0.1, 500.0, 5.0, key=f"{P}_rel_a")
    exact, approx = approximation(kind, **options)
    gap = cdf_gap(exact, approx)
    st.metric("largest gap between the cdfs", fmt(gap, 4),
              help="max |F(x) - G(x)| over the exact distribution's range (with x + 1/2 for a normal against "
                   "counts: the continuity correction).")
    plot(st, figure(content_key("rel", kind, sorted(options.items())), relation_figure, exact, approx),
         key=f"{P}_rel_fig")
    st.caption("Move the sliders towards the limit and watch the gap shrink.")
    return relation_script(exact, approx)


def clt_panel(P, name, params):
    """The central limit theorem: the mean of n draws of the chosen distribution, many times. Returns the script."""
    n = int(bound(st.slider, "draws per mean n", 1, 500, 5, key=f"{P}_clt_n"))
    reps = min(10_000, 5_000_000 // n, max(max_draws(name) // n, 200))
    means = clt_means(name, params, n, reps=reps)
    plot(st, figure(content_key("clt", name, sorted(params.items()), n, reps), clt_figure, means, name, params, n),
         key=f"{P}_clt_fig")
    variance = {r["quantity"]: r["value"] for r in summary(name, params)}["variance"]
    m = st.columns(3)
    m[0].metric(f"mean of {reps:,} means", fmt(float(means.mean()), 5))
    m[1].metric("their standard deviation", fmt(float(means.std(ddof=1)), 5))
    m[2].metric("σ/√n", "—" if isinstance(variance, str) else fmt(math.sqrt(variance / n), 5),
                help="What the standard deviation of the means approaches when the variance is finite.")
    if isinstance(variance, str):
        st.caption(f"The variance is {esc(variance)}: the means do not settle into a normal distribution however "
                   "large n is (for the Cauchy, the mean of n draws is again Cauchy).")
    else:
        st.caption("With a finite variance the means approach normal(μ, σ/√n): narrower as n grows, and more "
                   "symmetric whatever the shape of one draw.")
    return clt_script(name, params, n, reps)


def _fit_options(P, x, counts, d):
    """The candidates, the held parameters and the shift the user chose."""
    options = [n for n in FAMILIES if n in FITTABLE_DISCRETE] if counts else [n for n in FAMILIES
                                                                             if n not in DISCRETE]
    default = [n for n in d.get("candidates", []) if n in options] or (["poisson", "nbinom"] if counts
                                                                      else ["norm", "gamma", "lognorm"])
    names = bound(st.multiselect, "Candidates" + (" (whole numbers: discrete)" if counts else ""), options,
                  default=default, key=f"{P}_candidates", max_selections=8,
                  format_func=lambda n: LABELS.get(n, n))
    c1, c2 = st.columns([1, 1])
    hold = bound(c1.toggle, "Hold loc at 0 where the support starts at loc",
                 value=False, key=f"{P}_hold_loc", disabled=counts,
                 help="The two-parameter forms most references use; free loc shifts the start of the support.")
    text = bound(c2.text_input, "Hold other parameters (e.g. scale=2; df=5)", "", key=f"{P}_fixed", max_chars=200,
                 help="Each held parameter applies to the candidates that have it; the others fit it freely.")
    held = {}
    with guard("reading the held parameters"):
        held = parse_fixed(text)
    shift = 0.0
    lower_bounded = [n for n in names if not counts and math.isfinite(getattr(stats, n).a)]
    if x.size and x.min() <= 0 and lower_bounded and (hold or "loc" in held):
        suggested = float(f"{-x.min() + 0.01 * max(np.ptp(x), 1.0):.3g}")
        if bound(st.toggle, f"Shift the data by +{fmt(suggested, 3)} so they start above 0", value=False,
                 key=f"{P}_shift", help=f"{', '.join(lower_bounded)} start at loc: with loc held, data at or "
                                         "below it have zero likelihood. Shifting moves the data instead; the "
                                         "fitted loc is then relative to the shifted data."):
            shift = suggested
    return names, hold, held, shift


def _held_for(name, hold, held, counts):
    own = {k: v for k, v in held.items() if k in parameter_names(name)}
    if hold and not counts and getattr(stats, name).a == 0:
        own.setdefault("loc", 0.0)
    return tuple(sorted(own.items()))


def fit_panel(P, dataset):
    """Fit candidates to a column: ranked by AIC, goodness of fit, fitted densities and the best one's Q-Q plot.
    Returns (best fit, data, column, shift, bootstrap resamples or None) or None."""
    frame, d = dataset.frame, dataset.defaults
    numeric = numeric_columns(frame)
    if not numeric:
        st.info("The table has no numeric column to fit.")
        return None
    column = bound(st.selectbox, "Column", numeric, key=f"{P}_column",
                   index=numeric.index(d["column"]) if d.get("column") in numeric else 0)
    x = frame[column].to_numpy(dtype=float, na_value=np.nan)
    dropped = int((~np.isfinite(x)).sum())
    x = x[np.isfinite(x)]
    if dropped:
        st.caption(f"{dropped:,} missing value(s) left out.")
    counts = x.size > 0 and bool(np.all(x == np.round(x))) and x.min() >= 0
    names, hold, held, shift = _fit_options(P, x, counts, d)
    x = x + shift
    rows, fits = [], []
    for n in names:
        fixed = _held_for(n, hold, held, counts)
        try:
            f = fit_cached(dataset.digest, column, shift, n, fixed, x)
        except Exception as exc:  # noqa: BLE001 - one candidate's failure must not hide the others
            rows.append({"distribution": n, "parameters": "", "log-likelihood": math.nan, "AIC": math.nan,
                         "BIC": math.nan, "note": str(exc)})
            continue
        fits.append(f)
        rows.append({"distribution": n, "parameters": ", ".join(f"{k}={v:.4g}" + (" (held)" if k in f.fixed else "")
                                                                for k, v in f.params.items()),
                     "log-likelihood": f.loglik, "AIC": f.aic, "BIC": f.bic, "note": " ".join(f.notes)})
    rows.sort(key=lambda r: (math.isnan(r["AIC"]), r["AIC"]))
    fits.sort(key=lambda f: f.aic)
    st.dataframe(display_frame(rows), hide_index=True, width="stretch")
    if not fits:
        return None
    best = fits[0]
    plot(st, figure(content_key(dataset.digest, column, shift, "fits", [(f.name, f.values) for f in fits]),
                    fits_figure, x, fits, x_label=column + (f" + {fmt(shift, 3)}" if shift else "")),
         key=f"{P}_fits_fig")
    if is_discrete(best.name):
        table, statistic, dof, p = count_table(best, x)
        st.markdown(f"**Observed against expected counts ({esc(best.name)})**")
        st.dataframe(display_frame(table), hide_index=True, width="content")
        st.caption(f"Chi-square {fmt(statistic, 5)} on {dof} degrees of freedom, p = {fmt(p, 4)}.")
    else:
        g = {}
        with guard("the goodness of fit"):
            g = goodness_of_fit(best, x)
        if bound(st.toggle, "Monte Carlo p-value (goodness_of_fit: 99 refits)", value=False, key=f"{P}_mc",
                 help="Draws 99 samples from the fitted distribution, refits each and compares: a KS p-value that "
                      "accounts for the fitting (slower; up to a few thousand points)."):
            with guard("the Monte Carlo test"):
                mc = mc_cached(dataset.digest, column, shift, best.name, tuple(sorted(best.fixed.items())), best, x)
                g["KS p-value, Monte Carlo (fitting accounted for)"] = mc["pvalue"]
        if g:
            st.dataframe(display_frame([{"test": k, "value": v} for k, v in g.items()]), hide_index=True,
                         width="content")
        kind = bound(st.segmented_control, "Plot", ["Q-Q", "P-P"], default="Q-Q", key=f"{P}_plot") or "Q-Q"
        plot(st, figure(content_key(dataset.digest, column, shift, kind, best.name, best.values),
                        qq_figure if kind == "Q-Q" else pp_figure, x, best), key=f"{P}_qq")
    resamples = None
    if bound(st.toggle, f"Parameter uncertainty for {best.name} (bootstrap: 199 refits)", value=False,
             key=f"{P}_boot", help="Resamples the data with replacement 199 times and refits each "
                                   "(scipy.stats.bootstrap): the spread of the refitted parameters is their "
                                   "uncertainty, with 95% percentile intervals."):
        with guard("the bootstrap"):
            boot = bootstrap_cached(dataset.digest, column, shift, best.name, tuple(sorted(best.fixed.items())),
                                    best, x)
            st.dataframe(display_frame([{k: v for k, v in r.items() if k != "failed"} for r in boot]),
                         hide_index=True, width="content")
            if boot and boot[0]["failed"]:
                st.caption(f"{boot[0]['failed']} of the refits failed; their intervals are not shown.")
            resamples = 199
    return best, x, column, shift, resamples
