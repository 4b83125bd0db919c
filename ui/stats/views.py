"""Panels of the hypothesis testing page that stand on their own."""

import streamlit as st

from core.stats import POSTHOC_METHODS, groups_figure, posthoc_figure, posthoc_script, sample_size_two_sample
from ui.common.cache import content_key
from ui.common.export import code_panel
from ui.common.tables import display_frame, fmt
from ui.common.text import esc, figure, plot
from ui.common.url import bound
from ui.stats.cache import posthoc_cached, simulate_cached

__all__ = ["what_if_panel", "posthoc_panel"]


@st.fragment
def what_if_panel(prefix, alpha):
    """Simulated two-group study and the sample size for a target power. Its sliders concern this panel alone, so
    it is a fragment: turning one reruns the panel, not the page (and not the test above)."""
    level = 1 - alpha
    w1, w2, w3, w4 = st.columns(4)
    n = bound(w1.slider, "n per group", 2, 2000, 20, key=f"{prefix}_wi_n")
    d = bound(w2.slider, "effect size d", 0.0, 3.0, 0.5, step=0.05, key=f"{prefix}_wi_d")
    sd = bound(w3.slider, "noise SD", 0.1, 10.0, 1.0, step=0.1, key=f"{prefix}_wi_sd")
    seed = bound(w4.number_input, "seed", 0, 10_000, 0, key=f"{prefix}_wi_seed")
    a, b, sim, power = simulate_cached(int(n), float(d), float(sd), alpha, int(seed))
    s1, s2, s3 = st.columns(3)
    s1.metric("p (Welch)", fmt(sim.pvalue, 3))
    s2.metric(f"{level:.1%} CI of the difference", f"[{fmt(sim.ci[0], 3)}, {fmt(sim.ci[1], 3)}]")
    s3.metric("power", f"{power:.1%}", help="Chance that a study of this size detects effect d at this α "
                                              "(noncentral t).")
    fig, _ = figure(content_key("what-if", int(n), float(d), float(sd), alpha, int(seed)), groups_figure, [b, a],
                    ["treated", "control"])
    plot(st, fig, key=f"{prefix}_wi_fig")
    target = bound(st.slider, "target power", 0.5, 0.99, 0.8, step=0.01, key=f"{prefix}_target")
    need = sample_size_two_sample(d, target, alpha) if d > 0 else None
    st.markdown(f"To detect d = {d:g} with {target:.0%} power at α = {alpha:g} (two-sided): "
                + (f"**{need:,} per group**." if need else "no finite sample size (d = 0)."))


@st.fragment
def posthoc_panel(prefix, digest, design_key, samples, labels, alpha):
    """Which groups differ: a multiple-comparison procedure, its table and interval plot, and its script. A
    fragment: choosing the method reruns this panel only."""
    labels = [str(v) for v in labels]
    c1, c2 = st.columns(2)
    method = bound(c1.selectbox, "Method", list(POSTHOC_METHODS), key=f"{prefix}_posthoc",
                   format_func=POSTHOC_METHODS.get,
                   help="Tukey: all pairs, equal variances assumed. Dunnett: each group against one control "
                        "(fewer comparisons, more power). Pairwise Welch t-tests: no equal-variance assumption; "
                        "Holm and Bonferroni control the chance of any false positive, Benjamini-Hochberg the "
                        "expected share of false positives among the discoveries.")
    control = None
    if method == "dunnett":
        control = bound(c2.selectbox, "Control group", list(range(len(labels))), key=f"{prefix}_control",
                        format_func=lambda i: labels[i])
    level = 1 - alpha
    result = posthoc_cached(digest, design_key, method, control, level, samples, labels)
    rows = result.rows(alpha)
    st.dataframe(display_frame(rows, 4), hide_index=True, width="stretch")
    found = [r["comparison"] for r in rows if r["significant"]]
    st.caption(f"At α = {alpha:g}, " + (f"{len(found)} of {len(rows)} comparisons differ: " + esc(", ".join(found))
                                         if found else f"none of the {len(rows)} comparisons differs") + ". "
               + ("Intervals are simultaneous: all of them cover the true differences with "
                  f"{level:.0%} confidence together." if result.ci_low is not None else
                  "p-values are adjusted for the number of comparisons."))
    plot(st, figure(content_key(digest, design_key, method, control, level, alpha), posthoc_figure, result,
                    alpha=alpha), key=f"{prefix}_posthoc_fig")
    code_panel(lambda: posthoc_script(result, samples)[0], key=f"{prefix}_posthoc")
