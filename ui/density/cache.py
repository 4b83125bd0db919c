"""Cached wrappers around core.density: keyed on content digests, every cache with ``max_entries``
(see ui.common.cache for the rules)."""

import streamlit as st

from core.density import RULES, fit_distributions, group_densities, histogram, kde, kde2d, resample
from ui.common.cache import frozen

__all__ = ["kde_cached", "rules_cached", "groups_cached", "fits_cached", "kde2d_cached", "histogram_cached", "draws_cached"]


@st.cache_data(max_entries=64, show_spinner="Estimating the density ...")
def kde_cached(digest, key, bandwidth, bounds, gridsize, log_scale, _values, _weights):
    """:func:`core.density.estimation` keyed on the data digest and `key` (the columns/group that give `_values`)."""
    return kde(_values, bandwidth=bandwidth, weights=_weights, bounds=bounds, gridsize=gridsize, log_scale=log_scale)


@st.cache_data(max_entries=32, show_spinner="Comparing bandwidth rules ...")
def rules_cached(digest, key, bounds, gridsize, log_scale, _values, _weights):
    return {rule: kde(_values, bandwidth=rule, weights=_weights, bounds=bounds, gridsize=gridsize, log_scale=log_scale)
            for rule in RULES}


@st.cache_data(max_entries=32, show_spinner="Combining the groups ...")
def groups_cached(key, multiple, common_norm, gridsize, _results, _samples):
    """:func:`core.density.group_densities`; `key` identifies the estimates `_results` and their data."""
    return group_densities(_results, _samples, multiple=multiple, common_norm=common_norm, gridsize=gridsize)


@st.cache_data(max_entries=32, show_spinner="Fitting distributions ...")
def fits_cached(digest, key, names, _values):
    return fit_distributions(_values, names)


@st.cache_data(max_entries=16, show_spinner="Estimating the 2-D density ...")
def kde2d_cached(digest, key, _x, _y, _weights):
    return kde2d(_x, _y, weights=_weights)


@st.cache_data(max_entries=32, show_spinner="Binning ...")
def histogram_cached(digest, key, bins, log_bins, _values, _weights):
    """:func:`core.density.estimation.histogram` keyed on the data digest, `key` and the bin rule."""
    return histogram(_values, bins=bins, weights=_weights, log_bins=log_bins)


@st.cache_resource(max_entries=8, show_spinner="Drawing from the KDE ...")
def draws_cached(key, size, seed, _result, _values, _weights):
    """:func:`core.density.estimation.resample` (up to a million values: shared read-only, not pickled per hit);
    `key` identifies the estimate `_result` and its data."""
    return frozen(resample(_result, _values, size, weights=_weights, rng=seed))
