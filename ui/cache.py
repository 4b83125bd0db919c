"""Cached wrappers around core functions.

Caches are keyed on a digest of the data (SHA-256 of the uploaded bytes, or the generator settings),
never on a DataFrame or array: Streamlit hashes large frames from a sample, so two different uploads could
share a key and one user be served another's result. The data itself is passed in an argument whose
name starts with an underscore, which Streamlit leaves out of the key. Every cache has ``max_entries``.
"""

import numpy as np
import streamlit as st

from core.data import ParsedTable, TableFormat, parse_table, select_columns
from core.density import RULES, fit_distributions, kde, kde2d
from core.fitting import compare_models, fit_curve
from core.image_pipeline import StepResult, pipeline_from_text, run_step
from core.interpolation import build_1d, cross_validate_1d, cross_validate_2d, interpolate_2d
from core.morphology import label_regions, load_image, region_table, to_grey
from core.signal_synth import make_signal
from core.spectral import apply_filter, design_filter, load_wav, resample, spectrogram, welch_psd
from core.stat_tests import assumption_checks, describe, robustness, run_test
from core.synthetic import make_curve_data, make_distribution_data

__all__ = ["parse_cached", "select_cached", "synthetic_cached", "fit_cached", "compare_cached", "test_cached",
           "assumptions_cached", "robustness_cached", "describe_cached", "kde_cached", "rules_cached",
           "fits_cached", "kde2d_cached", "interp1d_cached", "cv1d_cached", "grid2d_cached", "cv2d_cached",
           "image_cached", "grey_cached", "pipeline_cached", "regions_cached",
           "wav_cached", "channel_cached", "synth_cached", "spectrogram_cached", "welch_cached", "filter_cached", "filtered_cached",
           "resample_cached"]


@st.cache_data(max_entries=16, show_spinner="Reading the table ...")
def parse_cached(digest, overrides, _data):
    """:func:`core.data.parse_table` keyed on the digest of `_data` and the format overrides."""
    return parse_table(_data, **dict(overrides))


@st.cache_data(max_entries=16, show_spinner=False)
def synthetic_cached(kind, model, n, noise, seed):
    """Synthetic data: kind "curve" (core.synthetic.make_curve_data) or "distribution"."""
    if kind == "curve":
        frame = make_curve_data(model, n, noise=noise, rng=seed)
        note = f"Synthetic {model} data: {n:,} points, noise {noise:g}, seed {seed}."
    else:
        frame = make_distribution_data(model, n, rng=seed)
        note = f"Synthetic {model} sample: {n:,} points, seed {seed}."
    return ParsedTable(frame=frame, format=TableFormat(encoding="generated", delimiter=","), notes=(note,))


@st.cache_data(max_entries=32, show_spinner=False)
def select_cached(digest, columns, _frame):
    """:func:`core.data.select_columns`, keyed on the data digest and the column names."""
    return select_columns(_frame, columns)


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
    return fit_curve(options.pop("model"), x, y, sigma=sigma, **options)


@st.cache_data(max_entries=16, show_spinner="Comparing models ...")
def compare_cached(digest, columns, n_x, weighted, models, absolute_sigma, _selection):
    x, y, sigma = _x_y_sigma(_selection, n_x, weighted)
    results, rows = compare_models(list(models), x, y, sigma=sigma, absolute_sigma=absolute_sigma)
    return results, rows


def xy(selection, n_x, weighted):
    """The x, y and sigma arrays of a selection (x first, then y, then sigma if weighted)."""
    return _x_y_sigma(selection, n_x, weighted)


@st.cache_data(max_entries=64, show_spinner="Testing ...")
def test_cached(digest, design_key, test, alternative, confidence_level, options, _samples, labels):
    """:func:`core.stat_tests.run_test`, keyed on the data digest and the design (the columns used)."""
    return run_test(test, *_samples, alternative=alternative, confidence_level=confidence_level, labels=labels,
                    **dict(options))


@st.cache_data(max_entries=32, show_spinner=False)
def assumptions_cached(digest, design_key, alpha, _samples, labels):
    return assumption_checks(_samples, labels, alpha)


@st.cache_data(max_entries=32, show_spinner="Comparing methods ...")
def robustness_cached(digest, design_key, alternative, confidence_level, _samples):
    return robustness(_samples[0], _samples[1], alternative=alternative, confidence_level=confidence_level)


@st.cache_data(max_entries=32, show_spinner=False)
def describe_cached(digest, design_key, _samples, labels):
    return describe(_samples, labels)


@st.cache_data(max_entries=64, show_spinner="Estimating the density ...")
def kde_cached(digest, key, bandwidth, bounds, gridsize, _values, _weights):
    """:func:`core.density.kde` keyed on the data digest and `key` (the columns/group that give `_values`)."""
    return kde(_values, bandwidth=bandwidth, weights=_weights, bounds=bounds, gridsize=gridsize)


@st.cache_data(max_entries=32, show_spinner="Comparing bandwidth rules ...")
def rules_cached(digest, key, bounds, gridsize, _values, _weights):
    return {rule: kde(_values, bandwidth=rule, weights=_weights, bounds=bounds, gridsize=gridsize) for rule in RULES}


@st.cache_data(max_entries=32, show_spinner="Fitting distributions ...")
def fits_cached(digest, key, names, _values):
    return fit_distributions(_values, names)


@st.cache_data(max_entries=16, show_spinner="Estimating the 2-D density ...")
def kde2d_cached(digest, key, _x, _y, _weights):
    return kde2d(_x, _y, weights=_weights)


@st.cache_data(max_entries=64, show_spinner="Interpolating ...")
def interp1d_cached(digest, key, method, extrapolation, duplicates, options, _x, _y):
    return build_1d(_x, _y, method=method, extrapolation=extrapolation, duplicates=duplicates, **dict(options))


@st.cache_data(max_entries=32, show_spinner="Cross-validating ...")
def cv1d_cached(digest, key, methods, options, _x, _y):
    return cross_validate_1d(_x, _y, list(methods), **{m: dict(o) for m, o in options})


@st.cache_data(max_entries=32, show_spinner="Interpolating the surface ...")
def grid2d_cached(digest, key, method, options, gridsize, _points, _values):
    p = _points
    gx = np.linspace(p[:, 0].min(), p[:, 0].max(), gridsize)
    gy = np.linspace(p[:, 1].min(), p[:, 1].max(), gridsize)
    X, Y = np.meshgrid(gx, gy)
    z = interpolate_2d(p, _values, np.column_stack([X.ravel(), Y.ravel()]), method=method, **dict(options))
    return gx, gy, z.reshape(gridsize, gridsize)


@st.cache_data(max_entries=32, show_spinner="Cross-validating ...")
def cv2d_cached(digest, key, method, options, _points, _values):
    return cross_validate_2d(_points, _values, method, **dict(options))


# -- images: large arrays, so the caches hold them once (cache_resource, no copy per rerun) and read-only ----

def _frozen(array):
    array.flags.writeable = False
    return array


@st.cache_resource(max_entries=8, show_spinner="Reading the image ...")
def image_cached(digest, _data):
    """:func:`core.morphology.load_image`, keyed on the SHA-256 of the bytes. Pixels are read-only."""
    loaded = load_image(_data)
    _frozen(loaded.pixels)
    return loaded


@st.cache_resource(max_entries=8, show_spinner=False)
def grey_cached(digest, method, _loaded):
    return _frozen(to_grey(_loaded.pixels, method))


@st.cache_resource(max_entries=24, show_spinner="Running the pipeline ...")
def pipeline_cached(digest, method, text, _grey):
    """The result after the steps in `text` (core.image_pipeline text form). Each prefix is its own entry,
    so changing the last step re-runs only that step."""
    steps, _ = pipeline_from_text(text)
    if not steps:
        return StepResult(_grey, "grey")
    prefix = ";".join(text.split(";")[:-1])
    previous = pipeline_cached(digest, method, prefix, _grey)
    result = run_step(previous.image, previous.kind, steps[-1])
    _frozen(result.image)
    return result


@st.cache_resource(max_entries=8, show_spinner="Measuring the objects ...")
def regions_cached(digest, method, text, connectivity, _result, _grey):
    """(labels, table) of a pipeline's final mask (labelled with `connectivity`) or labels."""
    if _result.kind == "labels":
        return _result.image, region_table(_result.image, intensity=_grey)
    labels, table = label_regions(_result.image, connectivity=connectivity, intensity=_grey)
    return _frozen(labels), table


# -- signals: long arrays, held once per content digest and read-only ------------------------------------------

@st.cache_resource(max_entries=6, show_spinner="Reading the recording ...")
def wav_cached(digest, _data):
    samples, info = load_wav(_data)
    return _frozen(samples), info


@st.cache_resource(max_entries=6, show_spinner=False)
def channel_cached(digest, channel, _samples):
    """One channel of a multichannel recording as its own contiguous (fast) array."""
    return _frozen(np.ascontiguousarray(_samples[:, channel]))


@st.cache_resource(max_entries=8, show_spinner="Generating ...")
def synth_cached(kind, params):
    x, notes = make_signal(kind, **dict(params))
    return _frozen(x), notes


@st.cache_resource(max_entries=12, show_spinner="Computing the spectrogram ...")
def spectrogram_cached(key, window, nperseg, noverlap, nfft, scaling, _x, fs):
    """:func:`core.spectral.spectrogram` keyed on the signal's identity `key` (digest, channel, span ...)."""
    return spectrogram(_x, fs, window=window, nperseg=nperseg, noverlap=noverlap, nfft=nfft, scaling=scaling)


@st.cache_data(max_entries=24, show_spinner=False)
def welch_cached(key, window, nperseg, scaling, _x, fs):
    return welch_psd(_x, fs, window=window, nperseg=nperseg, scaling=scaling)


@st.cache_data(max_entries=32, show_spinner=False)
def filter_cached(kind, order, cutoff, fs, btype, options):
    return design_filter(kind, order, cutoff, fs, btype=btype, **dict(options))


@st.cache_resource(max_entries=6, show_spinner="Filtering ...")
def filtered_cached(key, design_key, zero_phase, _x, _design):
    return _frozen(apply_filter(_x, _design, zero_phase=zero_phase))


@st.cache_resource(max_entries=6, show_spinner="Resampling ...")
def resample_cached(key, new_fs, _x, fs):
    y, actual, up, down = resample(_x, fs, new_fs)
    return _frozen(y), actual, up, down
