"""Cached wrappers around core.distributions: keyed on the distribution, its parameters and data digests, every
cache with ``max_entries`` (see ui.common.cache for the rules)."""

import streamlit as st

from core.distributions import bootstrap_params, draw, fit, monte_carlo_gof
from ui.common.cache import frozen

__all__ = ["draws_cached", "fit_cached", "mc_cached", "bootstrap_cached"]


@st.cache_resource(max_entries=8, show_spinner="Drawing ...")
def draws_cached(name, params, size, seed):
    """`size` draws (up to a million: shared read-only) of the distribution `name` with `params` (a tuple)."""
    return frozen(draw(name, dict(params), size, rng=seed))


@st.cache_data(max_entries=64, show_spinner="Fitting ...")
def fit_cached(digest, column, shift, name, fixed, _data):
    """The maximum-likelihood fit of `name` to the column `column` of the data `digest` (plus `shift`)."""
    return fit(name, _data, fixed=dict(fixed))


@st.cache_data(max_entries=16, show_spinner="Refitting 99 Monte Carlo samples ...")
def mc_cached(digest, column, shift, name, fixed, _result, _data):
    return monte_carlo_gof(_result, _data)


@st.cache_data(max_entries=16, show_spinner="Refitting 199 bootstrap resamples ...")
def bootstrap_cached(digest, column, shift, name, fixed, _result, _data):
    return bootstrap_params(_result, _data)
