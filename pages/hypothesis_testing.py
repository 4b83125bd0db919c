"""Hypothesis testing: scipy.stats tests with effect sizes, assumptions, null distributions and robustness."""

import numpy as np
import pandas as pd
import streamlit as st

from core.common import INLINE_MAX_ROWS
from core.stats import (ALTERNATIVES, TESTS, apa_sentence, ecdf_figure, export_frame, groups_figure, null_figure, qq_figure,
                        scatter_figure, script_for_test, table_figure)
from core.stats.samples import SAMPLES
from ui.common.data_input import require_data
from ui.common.errors import guard
from ui.common.export import code_panel, csv_download
from ui.common.cache import content_key
from ui.common.frame import lazy_tabs, page_setup
from ui.common.tables import display_frame, fmt
from ui.common.url import bound
from ui.stats.cache import assumptions_cached, describe_cached, opinion_cached, robustness_cached, test_cached
from ui.stats.inputs import choose_design, test_options
from ui.stats.views import posthoc_panel, what_if_panel
from ui.common.text import esc, figure, plot

PAGE = page_setup("hypothesis_testing", "Compare groups, pairs or categories with `scipy.stats`: the test, its "
                  "effect size with a confidence interval, the assumptions behind it, and how the answer changes "
                  "with the method.")
P = PAGE.prefix
ALPHAS = [0.001, 0.01, 0.05, 0.1]
KINDS = {"two": ["two"], "paired": ["paired"], "one": ["one"], "groups": ["groups"], "table": ["table"],
         "xy": ["xy"]}

dataset = require_data(P, SAMPLES, require_numeric=False)

design = None
with guard("choosing the design"):
    design = choose_design(P, dataset)
    for note in design.notes:
        st.warning(esc(note), icon=":material/filter_alt:")
if design is None:
    st.stop()

# -- the test and its options -------------------------------------------------------------------------
shape = design.shape
choices = [k for k, info in TESTS.items() if info.kind in KINDS[shape]]
if shape == "one":
    choices += ["wilcoxon"]
if shape == "groups" and len(design.samples) == 2:
    choices += [k for k, info in TESTS.items() if info.kind == "two"]
if shape == "table" and design.table.shape != (2, 2):
    choices.remove("fisher_exact")
default_test = dataset.defaults.get("test") if dataset.defaults.get("shape") == shape else None
o1, o2, o3 = st.columns([2, 1, 1])
test = bound(o1.selectbox, "Test", choices, index=choices.index(default_test) if default_test in choices else 0,
             key=f"{P}_test", format_func=lambda k: TESTS[k].name)
st.caption(TESTS[test].summary)
one_sided_ok = TESTS[test].kind not in ("groups", "table") or test == "fisher_exact"
alternative = bound(o2.selectbox, "Alternative", ALTERNATIVES if one_sided_ok else ["two-sided"], key=f"{P}_alt",
                    help="'less': the first sample (or x) tends to be smaller; 'greater': larger.")
alternative = alternative if one_sided_ok else "two-sided"
alpha = bound(o3.selectbox, "α (significance level)", ALPHAS, index=ALPHAS.index(0.05), key=f"{P}_alpha",
              help="Confidence intervals are at level 1 - α.")
options, samples, shifted = test_options(P, test, design)
data_args = [design.table] if shape == "table" else samples
level = 1 - alpha

result = None
with guard("running the test"):
    result = test_cached(dataset.digest, design.key + (str(design.popmean),), test, alternative, level,
                         tuple(sorted(options.items())), data_args, list(design.labels))
if result is None:
    st.stop()
# What the figures are drawn from: the samples (the design's columns), and the test's result on them.
samples_id = content_key(dataset.digest, design.key, str(design.popmean), shifted)
test_id = content_key(samples_id, test, alternative, level, tuple(sorted(options.items())), list(design.labels))

# -- the result ---------------------------------------------------------------------------------------
with guard("showing the result"):
    opinion = None if shape in ("table", "xy") else opinion_cached(test_id, alpha, result, samples,
                                                                    [str(v) for v in design.labels])
    head = st.columns(2) if opinion else [st]
    head[0].info(esc(result.conclusion(alpha)), icon=":material/lightbulb:")
    if opinion:
        head[1].warning(esc(opinion.sentence(alpha)), icon=":material/rule:")
    st.caption("Report it (APA style; the copy button is at the right):")
    st.code(apa_sentence(result), language=None, wrap_lines=True)
    pct = f"{level * 100:g}%"
    m = st.columns(4)
    m[0].metric("statistic", fmt(result.statistic, 5))
    m[1].metric("df", "—" if result.df is None else ", ".join(fmt(v, 5) for v in np.atleast_1d(result.df)))
    m[2].metric("p-value", "—" if np.isnan(result.pvalue) else fmt(result.pvalue, 4))
    if result.effect_size:
        name, value = result.effect_size
        m[3].metric(name, fmt(value, 4), result.effect_label() or None, delta_color="off", delta_arrow="off")
    lines = []
    if result.ci is not None:
        lines.append(f"{pct} CI of the {esc(result.ci_of)}: [{fmt(result.ci[0], 5)}, {fmt(result.ci[1], 5)}]")
    if result.effect_ci is not None:
        lines.append(f"{pct} CI of {result.effect_size[0]}: [{fmt(result.effect_ci[0], 3)}, "
                     f"{fmt(result.effect_ci[1], 3)}] (approximate)")
    if result.extra.get("hodges_lehmann") is not None:
        lines.append(f"Hodges-Lehmann estimate: {fmt(result.extra['hodges_lehmann'], 5)}")
    if "cohens_d" in result.extra:
        lines.append(f"Cohen's d (pooled SD, no small-sample correction) = {fmt(result.extra['cohens_d'], 4)}")
    if lines:
        st.markdown("  \n".join(lines))
    for warning in result.warnings:
        st.warning(esc(warning), icon=":material/warning:")
    for note in result.notes:
        st.caption(esc(note))
    if shape != "table":
        rank = TESTS[test].family == "rank"
        cols = ["sample", "n"] + (["median", "IQR", "min", "max"] if rank else ["mean", "sd", "median", "IQR"])
        rows = describe_cached(dataset.digest, design.key + (test,), samples, [str(v) for v in design.labels])
        st.dataframe(display_frame([{k: r[k] for k in cols} for r in rows]), hide_index=True, width="content")

    tab_names = ["Plots", "Assumptions", "Robustness", "What-if & power"]
    tab_names[1:1] = ["Post-hoc"] if shape == "groups" and len(samples) >= 3 else []
    tab, panel = lazy_tabs(tab_names, key=f"{P}_tab")
    with panel:
        if tab == "Plots":
            left, right = st.columns(2)
            with left:
                if shape == "table":
                    st.markdown("**Adjusted standardised residuals** (|value| > 2: the cells that drive the result)")
                    plot(st, figure(test_id, table_figure, result.extra["std_residuals"], design.row_labels,
                                    design.col_labels), key=f"{P}_resid")
                    counts = pd.DataFrame(result.extra["observed"].astype(int), index=design.row_labels,
                                          columns=design.col_labels)
                    expected = pd.DataFrame(result.extra["expected"], index=design.row_labels,
                                            columns=design.col_labels)
                    st.caption("Observed counts")
                    st.dataframe(counts)
                    st.caption("Expected counts under independence")
                    st.dataframe(expected.round(2))
                elif shape == "xy":
                    fig, note = figure(samples_id, scatter_figure, samples[0], samples[1], x_label=design.labels[0],
                                       y_label=design.labels[1])
                    plot(st, fig, key=f"{P}_scatter")
                else:
                    fig, note = figure(samples_id, groups_figure, samples, design.labels, y_label=design.value_label)
                    plot(st, fig, key=f"{P}_groups")
                    if note:
                        st.caption(esc(note))
            with right:
                null = figure(test_id, null_figure, result)
                if null is not None:
                    plot(st, null, key=f"{P}_null")
                    st.caption("The statistic's distribution if the null hypothesis were true; the shaded area is "
                               "the p-value." if test not in ("bootstrap",) else "Resampled differences with the CI.")
                if test == "ks_2samp" or (shape == "two" and test in ("mannwhitneyu",)):
                    plot(st, figure(test_id, ecdf_figure, samples, design.labels, result, x_label=design.value_label),
                         key=f"{P}_ecdf")
        elif tab == "Post-hoc":
            posthoc_panel(P, dataset.digest, design.key, samples, design.labels, alpha)
        elif tab == "Assumptions":
            if shape in ("table",):
                st.caption("A table of counts has no normality assumption; the chi-square approximation needs "
                           "expected counts of 5 or more (see the warnings above).")
            else:
                rows, advice = assumptions_cached(dataset.digest, design.key, alpha, samples, list(design.labels))
                st.dataframe(display_frame(rows, 4), hide_index=True, width="content")
                st.info(esc(advice), icon=":material/rule:")
                plot(st, figure(samples_id, qq_figure, samples, design.labels), key=f"{P}_qq")
        elif tab == "Robustness":
            if len(samples) == 2 and shape in ("two", "groups"):
                rows = robustness_cached(dataset.digest, design.key, alternative, level, samples)
                st.dataframe(display_frame(rows, 4), hide_index=True, width="stretch")
                st.caption("If the methods disagree, the conclusion depends on assumptions (normality, outliers): "
                           "trust the ones whose assumptions hold.")
            else:
                st.caption("The robustness panel compares two independent samples.")
        elif tab == "What-if & power":
            what_if_panel(P, alpha)

    csv_download("Result (CSV)", pd.DataFrame([{"test": test, "statistic": result.statistic, "df": str(result.df),
                                                "pvalue": result.pvalue, "alternative": alternative,
                                                "ci_low": result.ci[0] if result.ci else np.nan,
                                                "ci_high": result.ci[1] if result.ci else np.nan,
                                                "effect": result.effect_size[0] if result.effect_size else "",
                                                "effect_value": result.effect_size[1] if result.effect_size else np.nan}]),
                 "test_result.csv", key=f"{P}_dl_result")
    frame = None if shape == "table" else export_frame(data_args)
    code_panel(lambda: script_for_test(result, None if shape == "table" else data_args, labels=design.labels,
                                       source_note=dataset.label), key=P, data_frame=frame, needs_file=frame is not None and len(frame) > INLINE_MAX_ROWS)
