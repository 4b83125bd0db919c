"""Cached wrappers around core.spectral: keyed on content digests, every cache with ``max_entries``
(see ui.common.cache for the rules)."""

import numpy as np
import streamlit as st

from core.spectral import (apply_filter, apply_fir, design_filter, design_fir_filter, fft_magnitude, load_wav, make_signal, resample, spectrogram,
                           welch_psd)
from ui.common.cache import frozen as _frozen

__all__ = ["wav_cached", "channel_cached", "synth_cached", "spectrogram_cached", "welch_cached", "filter_cached", "fir_cached", "filtered_cached", "resample_cached",
           "fft_cached"]



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


@st.cache_data(max_entries=24, show_spinner="Computing the Welch PSD ...")
def welch_cached(key, window, nperseg, scaling, _x, fs):
    return welch_psd(_x, fs, window=window, nperseg=nperseg, scaling=scaling)


@st.cache_data(max_entries=32, show_spinner=False)
def filter_cached(kind, order, cutoff, fs, btype, options):
    return design_filter(kind, order, cutoff, fs, btype=btype, **dict(options))


@st.cache_data(max_entries=32, show_spinner="Designing the FIR filter ...")
def fir_cached(method, numtaps, cutoff, fs, btype, window, transition):
    return design_fir_filter(method, numtaps, cutoff, fs, btype=btype, window=window, transition=transition)


@st.cache_resource(max_entries=6, show_spinner="Filtering ...")
def filtered_cached(key, design_key, how, _x, _design):
    """The signal filtered by `_design` (identified by `design_key`): an IIR design with `how` True (zero phase)
    or False (causal), a FIR design with `how` one of FIR_APPLY."""
    if isinstance(how, bool):
        return _frozen(apply_filter(_x, _design, zero_phase=how))
    return _frozen(apply_fir(_x, _design, mode=how))


@st.cache_resource(max_entries=6, show_spinner="Resampling ...")
def resample_cached(key, new_fs, _x, fs):
    y, actual, up, down = resample(_x, fs, new_fs)
    return _frozen(y), actual, up, down


@st.cache_resource(max_entries=4, show_spinner="Computing the FFT ...")
def fft_cached(key, fs, _segment):
    """:func:`core.spectral.analysis.fft_magnitude` of a span in dB (up to 4 million samples: shared read-only);
    `key` identifies the span's samples."""
    freqs, amp = fft_magnitude(_segment, fs)
    return _frozen(freqs), _frozen(20 * np.log10(np.maximum(amp, 1e-15)))
