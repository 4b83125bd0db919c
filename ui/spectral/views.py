"""Pieces of the signal page: audio players, the spectrogram controls, the filter controls, the aliasing demo."""

import math
import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

import streamlit as st

from core.common import ATTENUATION_DB, FILTER_ORDER, FIR_TAPS, RIPPLE_DB
from core.spectral import (BTYPES, COLORSCALES, FILTER_KINDS, FIR_APPLY, FIR_METHODS, FIR_WINDOWS, KAISER, WINDOWS,
                           kaiser_taps,
                           compare_designs, comparison_figure, fir_response, frequency_response, pole_zero_figure,
                           response_figure, make_signal, naive_decimate, resample,
                           spectrogram, spectrogram_figure, wav_bytes, waveform_figure)
from ui.common.url import bound
from ui.common.cache import content_key
from ui.common.shelf import MAX_SHELF_MB, send_button
from ui.common.tables import display_frame
from ui.common.text import esc, figure, plot

__all__ = ["spectrogram_fig", "waveform_fig", "audio_player", "spectrogram_controls", "display_controls",
           "filter_controls", "FilterChoice", "filter_panel", "aliasing_demo", "default_nperseg", "MAX_PLAY_SECONDS"]

MAX_PLAY_SECONDS = 60


def spectrogram_fig(key, sg, view):
    """:func:`spectrogram_figure` of `sg` (identified by `key`) with the display settings `view`, built once."""
    return figure(key, spectrogram_figure, sg, **view)


def waveform_fig(key, traces, fs, height=240):
    """:func:`waveform_figure` of the (label, samples) `traces` (identified by `key`), built once."""
    labels, arrays = zip(*traces)
    return figure(content_key(key, labels), _waveform, arrays, labels, fs, height=height)


def _waveform(arrays, labels, fs, *, height):
    return waveform_figure(list(zip(labels, arrays)), fs, height=height)


@st.cache_data(max_entries=8, show_spinner=False)
def _wav_cached(key, fs, seconds, _x):
    return wav_bytes(_x[: int(seconds * fs)], fs)


def audio_player(label, key, x, fs, *, download_name=None, widget_key):
    """An st.audio player (first MAX_PLAY_SECONDS s) and, optionally, a full-length WAV download."""
    data, note = _wav_cached(key, fs, MAX_PLAY_SECONDS, x)
    st.caption(label + (f" (first {MAX_PLAY_SECONDS} s)" if x.size > MAX_PLAY_SECONDS * fs else "")
               + (f". {esc(note)}" if note else ""))
    if fs < 3000 or fs > 384_000:
        st.caption("Browsers play rates between about 3 kHz and 384 kHz; resample to listen.")
    else:
        st.audio(data, format="audio/wav")
    if download_name:
        st.download_button(f"Download {download_name}", lambda: wav_bytes(x, fs)[0], file_name=download_name,
                           mime="audio/wav", key=widget_key, on_click="ignore", icon=":material/download:")


def default_nperseg(fs, n):
    """About 20 ms, a power of two between 64 and 4096, never longer than the signal."""
    target = 2 ** round(math.log2(max(fs * 0.02, 2)))
    return int(max(2, min(max(64, min(4096, target)), n)))


def spectrogram_controls(prefix, fs, n, default):
    """Window, length, overlap, zero padding, scaling: returns the spectrogram options."""
    c = st.columns(5)
    window = bound(c[0].selectbox, "Window", WINDOWS, key=f"{prefix}_window")
    unit = bound(c[1].segmented_control, "Length in", ["samples", "seconds"], default="samples",
                 key=f"{prefix}_unit") or "samples"
    if unit == "samples":
        nperseg = int(bound(c[2].number_input, "Window length", 2, 1 << 20, int(default), key=f"{prefix}_nperseg",
                            step=64))
    else:
        seconds = bound(c[2].number_input, "Window length (s)", 2 / fs, (1 << 20) / fs, round(default / fs, 6),
                        key=f"{prefix}_seconds", format="%.5g")
        nperseg = max(2, int(round(seconds * fs)))
    overlap = bound(c[3].slider, "Overlap (%)", 0, 99, 50, key=f"{prefix}_overlap",
                    help="100 % is not allowed: each segment must move forward.")
    pad = bound(c[4].selectbox, "Zero padding (FFT = window x)", [1, 2, 4, 8], key=f"{prefix}_pad",
                help="A longer FFT interpolates the spectrum between bins; it does not sharpen it.")
    scaling = bound(st.segmented_control, "Scaling", ["density", "spectrum"], default="density",
                    key=f"{prefix}_scaling", format_func={"density": "PSD (per Hz)", "spectrum": "power spectrum (per bin)"}.get)
    return {"window": window, "nperseg": nperseg, "noverlap": min(int(round(nperseg * overlap / 100)), nperseg - 1),
            "nfft": nperseg * pad, "scaling": scaling or "density"}


def display_controls(prefix, fs, duration):
    c = st.columns(4)
    db_range = bound(c[0].slider, "Dynamic range (dB)", 10, 200, 80, key=f"{prefix}_db",
                     help="Contrast: levels more than this far below the maximum are drawn as the darkest colour.")
    log_freq = bound(c[1].toggle, "Log frequency axis", key=f"{prefix}_logf")
    cmap = bound(c[2].selectbox, "Colour map", COLORSCALES, index=list(COLORSCALES).index("Viridis"),
                 key=f"{prefix}_cmap")
    frange = bound(c[3].slider, "Frequencies shown (Hz)", 0.0, float(fs / 2), (0.0, float(fs / 2)),
                   key=f"{prefix}_frange", format="%g")
    trange = bound(st.slider, "Time range shown (s)", 0.0, float(duration), (0.0, float(duration)),
                   key=f"{prefix}_trange", format="%.3f")
    return {"db_range": db_range, "log_freq": log_freq, "colorscale": cmap, "freq_range": tuple(frange),
            "time_range": tuple(trange)}


@dataclass(frozen=True)
class FilterChoice:
    """What the filter tab's controls say: the family applied, the band and edges, both designs' settings."""

    family: str
    btype: str
    cutoff: tuple
    kind: str
    order: int
    options: tuple
    zero_phase: bool
    fir_method: str
    numtaps: int
    window: str
    transition: float
    fir_mode: str


def filter_controls(prefix, fs, defaults):
    """The band, its edges and the family to apply, then the IIR and the FIR design side by side (both are
    designed: the comparison needs them)."""
    c = st.columns(4)
    family = bound(c[0].segmented_control, "Family", ["IIR", "FIR"], default="IIR", key=f"{prefix}_family",
                   help="IIR: few coefficients, steep, but the delay varies with frequency. FIR: linear phase "
                        "(every frequency delayed alike), many more coefficients.") or "IIR"
    btypes = list(BTYPES)
    btype = bound(c[1].selectbox, "Band", btypes, index=btypes.index(defaults.get("btype", "lowpass")),
                  key=f"{prefix}_btype")
    nyq = fs / 2
    cut = defaults.get("cutoff", nyq / 4)
    if btype in ("bandpass", "bandstop"):
        lo_default, hi_default = cut if isinstance(cut, (tuple, list)) else (nyq / 8, nyq / 2)
        f1 = bound(c[2].number_input, "Low edge (Hz)", 0.0, float(fs), float(lo_default), key=f"{prefix}_f1",
                   format="%g")
        f2 = bound(c[3].number_input, "High edge (Hz)", 0.0, float(fs), float(hi_default), key=f"{prefix}_f2",
                   format="%g")
        cutoff = (float(f1), float(f2))
    else:
        fc = float(cut if not isinstance(cut, (tuple, list)) else cut[0])
        cutoff = (float(bound(c[2].number_input, "Cut-off (Hz)", 0.0, float(fs), fc, key=f"{prefix}_fc",
                              format="%g")),)
    left, right = st.columns(2)
    with left.container(border=True):
        st.markdown("**IIR design**" + (" (applied)" if family == "IIR" else ""))
        d = st.columns(2)
        kinds = list(FILTER_KINDS)
        kind = bound(d[0].selectbox, "Filter", kinds, index=kinds.index("butter"), key=f"{prefix}_fkind",
                     format_func=FILTER_KINDS.get)
        order = bound(d[1].number_input, "Order", int(FILTER_ORDER.lo), int(FILTER_ORDER.hi), 4,
                      key=f"{prefix}_order", help="Band-pass and band-stop designs have twice this order.")
        options = {}
        if kind in ("cheby1", "ellip"):
            options["rp"] = float(bound(d[0].number_input, "Pass-band ripple (dB)", RIPPLE_DB.lo, RIPPLE_DB.hi, 1.0,
                                        key=f"{prefix}_rp"))
        if kind in ("cheby2", "ellip"):
            options["rs"] = float(bound(d[1].number_input, "Stop-band attenuation (dB)", ATTENUATION_DB.lo,
                                        ATTENUATION_DB.hi, 60.0, key=f"{prefix}_rs"))
        mode = bound(st.segmented_control, "Apply", ["zero-phase", "causal"], default="zero-phase",
                     key=f"{prefix}_phase", help="zero-phase: sosfiltfilt (no delay, squared magnitude); causal: "
                                                 "sosfilt (as a real-time filter, delays the signal).") or "zero-phase"
    with right.container(border=True):
        st.markdown("**FIR design**" + (" (applied)" if family == "FIR" else ""))
        e = st.columns(2)
        methods = list(FIR_METHODS)
        method = bound(e[0].selectbox, "Method", methods, key=f"{prefix}_fir_method", format_func=FIR_METHODS.get,
                       help="firwin: the ideal response times a window. firwin2: a response drawn through points, "
                            "windowed. remez: the equiripple optimum for the bands.")
        numtaps = bound(e[1].number_input, "Taps", int(FIR_TAPS.lo), int(FIR_TAPS.hi), 101, step=2,
                        key=f"{prefix}_taps", help="Odd counts give a whole-sample delay and can pass Nyquist.")
        windows = list(FIR_WINDOWS) + ([KAISER] if method == "firwin" else [])
        window = bound(e[0].selectbox, "FIR window", windows, key=f"{prefix}_fir_window", disabled=method == "remez",
                       help="kaiser: firwin's width= design, its beta set by the transition width.")
        transition = bound(e[1].number_input, "Transition width (Hz)", float(fs * 1e-4), float(nyq),
                           float(min(nyq / 4, fs / 25)), key=f"{prefix}_transition", format="%g",
                           help="From the pass-band edge to the stop-band edge, centred on each cut-off: the "
                                "specification both designs are measured against. The default, fs/25, suits about "
                                "100 taps (a Hamming window needs about 3.3·fs/transition).")
        taps_60, _ = kaiser_taps(60.0, transition, fs)
        st.caption(f"`kaiserord`: about {taps_60:,} taps give 60 dB of attenuation across this transition.")
        fir_mode = bound(st.segmented_control, "Apply the FIR", list(FIR_APPLY), default="filtfilt", key=f"{prefix}_fir_apply",
                         format_func=FIR_APPLY.get) or "filtfilt"
    return FilterChoice(family, btype, cutoff, kind, int(order), tuple(sorted(options.items())), mode == "zero-phase",
                        method, int(numtaps), window, float(transition), fir_mode)


def filter_panel(prefix, key, x, fs, choice, iir, fir, spec_opts, view):
    """The open filter tab: the applied design's response, the filtered signal (waveform, spectrogram, sound) and
    the FIR against IIR comparison. `iir` or `fir` is None when its design failed (its message is shown)."""
    from ui.spectral.cache import filtered_cached, spectrogram_cached

    design = iir if choice.family == "IIR" else fir
    if design is not None:
        for note in design.warnings:
            st.warning(esc(note), icon=":material/warning:")
        settings = dataclasses.asdict(choice)
        design_id = content_key(fs=fs, **settings)
        if choice.family == "IIR":
            ff, mag, phase, z, p = frequency_response(design)
        else:
            ff, mag, phase, z = fir_response(design)
            p = np.zeros(0 if z is None else z.size)  # an FIR filter's poles all sit at the origin
        c1, c2 = st.columns([0.62, 0.38])
        plot(c1, figure(design_id, response_figure, ff, mag, phase, design.cutoff, nyquist=fs / 2),
             key=f"{prefix}_resp")
        if z is not None:
            plot(c2, figure(design_id, pole_zero_figure, z, p), key=f"{prefix}_pz")
        else:
            c2.caption(f"Zeros are drawn for filters of up to 256 taps; this one has {design.numtaps}.")
        if choice.family == "IIR":
            st.caption(f"{esc(design.label)}: {len(design.sos)} second-order sections. Zero-phase filtering applies "
                       "it forwards and backwards, so the magnitude is squared (twice the dB) and there is no delay.")
        else:
            st.caption(f"{esc(design.label)}. Symmetric taps: linear phase, every frequency delayed by "
                       f"{design.delay_samples:g} samples ({design.delay_samples / fs * 1000:.4g} ms) when applied "
                       "causally. Zero-phase squares the magnitude; removing the delay by a shift keeps it as "
                       "designed.")
        how = choice.zero_phase if choice.family == "IIR" else choice.fir_mode
        fkey = content_key(key, filter=design_id, how=how)
        y = filtered_cached(key, design_id, how, x, design)
        fig, _ = waveform_fig(content_key(fkey, "both"), [("before", x), ("after", y)], fs)
        plot(st, fig, key=f"{prefix}_fwave")
        sg_after = spectrogram_cached(fkey, spec_opts["window"], spec_opts["nperseg"], spec_opts["noverlap"],
                                      spec_opts["nfft"], spec_opts["scaling"], y, fs)
        fig, _ = spectrogram_fig(content_key(fkey, **spec_opts), sg_after, view)
        plot(st, fig, key=f"{prefix}_fspec")
        a1, a2 = st.columns(2)
        with a1:
            audio_player("Before", key, x, fs, widget_key=f"{prefix}_dl_before")
        with a2:
            audio_player("After", fkey, y, fs, download_name="filtered.wav", widget_key=f"{prefix}_dl_filtered")
        if y.size * 24 / 2**20 <= MAX_SHELF_MB:
            send_button("Send the filtered signal to your data", lambda: pd.DataFrame(
                {"time_s": np.arange(y.size) / fs, "original": x, "filtered": y}), name=f"filtered signal "
                f"({design.label})", origin="spectrogram", key=f"{prefix}_send", defaults={"column": "filtered",
                                                                                        "fs": float(fs)},
                targets=[("pages/spectrogram.py", "its spectrogram (choose Your data)")])
        else:
            st.caption(f"The filtered signal is too long for the session's data shelf ({MAX_SHELF_MB} MB); "
                       "download it instead.")
    if iir is not None and fir is not None:
        st.markdown("**FIR against IIR, measured against the same specification**")
        rows, curves, bands = compare_designs(iir, fir)
        st.dataframe(display_frame(rows), hide_index=True, width="stretch")
        plot(st, figure(content_key(fs=fs, **dataclasses.asdict(choice)), comparison_figure, curves, bands),
             key=f"{prefix}_compare")
        st.caption(f"Pass-bands end and stop-bands (shaded) begin {fir.transition / 2:g} Hz either side of each "
                   "cut-off (the FIR's transition width). The IIR reaches a steep edge with a handful of "
                   "multiplies but its delay changes across the pass-band (phase distortion); the FIR's delay is "
                   "the same at every frequency, at the price of many more taps.")


@st.cache_data(max_entries=8, show_spinner="Decimating ...")
def _aliasing(factor):
    fs = 8000.0
    x, _ = make_signal("linear_chirp", fs=fs, duration=2.0, amplitude=0.8, noise=0.0, rng=0, f0=0.0, f1=4000.0)
    naive = naive_decimate(x, factor)
    proper, new_fs, _, _ = resample(x, fs, fs / factor)
    n = 256
    a = spectrogram(naive, fs / factor, nperseg=n // factor * 2, noverlap=n // factor)
    b = spectrogram(proper, new_fs, nperseg=n // factor * 2, noverlap=n // factor)
    return a, b


@st.fragment
def aliasing_demo(prefix):
    """A teaching panel of its own (its slider concerns nothing else): a fragment, so the slider reruns only it."""
    st.markdown("**Why decimation needs a filter.** A chirp sweeping 0 to 4 kHz at 8 kHz, reduced by a factor: "
                "taking every k-th sample folds everything above the new Nyquist frequency back down (the chirp "
                "turns around); `resample_poly` filters first, so the sweep just stops.")
    factor = bound(st.slider, "Reduce the rate by", 2, 8, 4, key=f"{prefix}_alias")
    naive, proper = _aliasing(int(factor))
    c1, c2 = st.columns(2)
    for col, sg, title in ((c1, naive, "every k-th sample (aliased)"), (c2, proper, "resample_poly")):
        with col:
            st.caption(f"{title}: {sg.fs:g} Hz")
            fig, _ = figure(content_key("aliasing", int(factor), title), spectrogram_figure, sg, db_range=60)
            plot(st, fig, key=f"{prefix}_alias_{title[:5]}")
