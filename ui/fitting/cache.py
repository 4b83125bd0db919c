"""Cached wrappers around core.fitting: keyed on content digests, every cache with ``max_entries``
(see ui.common.cache for the rules)."""

import streamlit as st

from core.fitting import compare_models, fit_curve

__all__ = ["fit_cached", "compare_cached", "xy"]


def _x_y_sigma(selection, n_x, weighted):
    values = selection.values
    x = values[:, :n_x].T
    x = x[0] if n_x == 1 else x
    y = values[:, n_x]
    sigma = values[:, n_x + 1] if weighted else None
    return x, y, sigma


@st.cache_data(max_entries=32, show_spinner="Fitting ...")
def fit_cached(digest, columns, n_x, weighted, spec, _selection):
    """:func:`core.fitting.fit_curve` on the selected columns; `spec` is a hashable tuple of its options."""
    x, y, sigma = _x_y_sigma(_selection, n_x, weighted)
    options = dict(spec)
    for k in ("p0", "bounds"):
        options[k] = dict(options[k]) if options.get(k) else None
    options["fixed"] = list(options.get("fixed") or ()) or None
    options["constraints"] = dict(options.get("constraints") or ()) or None
    return fit_curve(options.pop("model"), x, y, sigma=sigma, **options)


@st.cache_data(max_entries=16, show_spinner="Comparing models ...")
def compare_cached(digest, columns, n_x, weighted, models, absolute_sigma, _selection):
    x, y, sigma = _x_y_sigma(_selection, n_x, weighted)
    results, rows = compare_models(list(models), x, y, sigma=sigma, absolute_sigma=absolute_sigma)
    return results, rows


def xy(selection, n_x, weighted):
    """The x, y and sigma arrays of a selection (x first, then y, then sigma if weighted)."""
    return _x_y_sigma(selection, n_x, weighted)
