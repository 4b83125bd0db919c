"""Panels of the hypothesis testing page that stand on their own."""

import streamlit as st

from core.stats import groups_figure, sample_size_two_sample
from ui.common.cache import content_key
from ui.common.tables import fmt
from ui.common.text import figure, plot
from ui.common.url import bound
from ui.stats.cache import simulate_cached

__all__ = ["what_if_panel"]


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
