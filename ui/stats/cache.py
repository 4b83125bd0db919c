"""Cached wrappers around core.stats: keyed on content digests, every cache with ``max_entries``
(see ui.common.cache for the rules)."""

import streamlit as st

from core.stats import second_opinion, assumption_checks, describe, posthoc, robustness, run_test, simulate_two_groups

__all__ = ["test_cached", "assumptions_cached", "robustness_cached", "describe_cached", "simulate_cached", "posthoc_cached",
           "opinion_cached"]


@st.cache_data(max_entries=64, show_spinner="Testing ...")
def test_cached(digest, design_key, test, alternative, confidence_level, options, _samples, labels):
    """:func:`core.stats.testing.run_test`, keyed on the data digest and the design (the columns used)."""
    return run_test(test, *_samples, alternative=alternative, confidence_level=confidence_level, labels=labels,
                    **dict(options))


@st.cache_data(max_entries=32, show_spinner="Checking the assumptions ...")
def assumptions_cached(digest, design_key, alpha, _samples, labels):
    return assumption_checks(_samples, labels, alpha)


@st.cache_data(max_entries=32, show_spinner="Comparing methods ...")
def robustness_cached(digest, design_key, alternative, confidence_level, _samples):
    return robustness(_samples[0], _samples[1], alternative=alternative, confidence_level=confidence_level)


@st.cache_data(max_entries=32, show_spinner=False)
def describe_cached(digest, design_key, _samples, labels):
    return describe(_samples, labels)


@st.cache_data(max_entries=32, show_spinner=False)
def simulate_cached(n, d, sd, alpha, seed):
    """:func:`core.stats.testing.simulate_two_groups` (the what-if panel), keyed on its settings."""
    return simulate_two_groups(n, d, sd=sd, alpha=alpha, rng=seed)


@st.cache_data(max_entries=32, show_spinner="Comparing the groups pairwise ...")
def posthoc_cached(digest, design_key, method, control, level, _samples, labels):
    """:func:`core.stats.posthoc.posthoc` keyed on the data digest and the design (the columns used)."""
    return posthoc(*_samples, method=method, control=control, confidence_level=level, labels=labels)


@st.cache_data(max_entries=32, show_spinner="Checking the assumptions ...")
def opinion_cached(test_key, alpha, _result, _samples, labels):
    """:func:`core.stats.testing.second_opinion` for the result `test_key` names (data, design, test, options)."""
    return second_opinion(_result, _samples, labels, alpha)
