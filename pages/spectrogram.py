"""Spectrogram and signal filtering: time-frequency analysis, spectra, IIR and FIR filters, resampling, listening."""

import pandas as pd
import streamlit as st

from core.spectral import find_spectral_peaks, parseval_check, signal_script, spectrum_figure, to_db
from ui.common.cache import content_key
from ui.common.errors import guard
from ui.common.export import code_panel, csv_download
from ui.common.frame import page_setup
from ui.common.tables import display_frame, fmt
from ui.common.text import esc, figure, plot
from ui.common.url import bound, forget
from ui.spectral.cache import (fft_cached, filter_cached, fir_cached, resample_cached, spectrogram_cached,
                              welch_cached)
from ui.spectral.inputs import require_signal
from ui.spectral.views import (aliasing_demo, audio_player, default_nperseg, display_controls, filter_controls,
                               filter_panel, spectrogram_controls, spectrogram_fig, waveform_fig)

PAGE = page_setup("spectrogram", "Look at a signal in time and frequency with `scipy.signal`: spectrogram, Welch "
                  "and FFT spectra with peaks, IIR and FIR filters designed, compared and applied, resampling; "
                  "listen before and after.")
P = PAGE.prefix
# Number inputs whose bounds follow the signal's rate or length (sliders reset themselves: their bounds are part
# of their identity; number inputs are identified by their key alone).
RATE_BOUND = ("fc", "f1", "f2", "newfs", "nperseg", "seconds")

sig = require_signal(P)
x, fs, key, d = sig.x, sig.fs, sig.digest, sig.defaults
duration = x.size / fs
if st.session_state.get(f"_{P}_shape") not in (None, (fs, x.size)):
    forget(P, only={f"{P}_{name}" for name in RATE_BOUND})
st.session_state[f"_{P}_shape"] = (fs, x.size)

with guard("the waveform"):
    fig, note = waveform_fig(key, [("signal", x)], fs)
    plot(st, fig, key=f"{P}_wave")
    if note:
        st.caption(esc(note))
    audio_player("Listen", key, x, fs, download_name="signal.wav", widget_key=f"{P}_dl_wav")

# Settings in every tab are drawn (the export reads them all); charts, tables and sounds only in the open tab.
tabs = bound(st.tabs, ["Spectrogram", "Spectrum", "Filter", "Resample"], key=f"{P}_tab")
n0 = default_nperseg(fs, x.size)
spec_opts = {"window": "hann", "nperseg": n0, "noverlap": n0 // 2, "nfft": n0, "scaling": "density"}
view, sg, design, choice, span, welch_opts = {}, None, None, None, (0, x.size), None
with tabs[0], guard("the spectrogram"):
    spec_opts = spectrogram_controls(P, fs, x.size, d.get("nperseg") or default_nperseg(fs, x.size))
    view = display_controls(P, fs, duration)
    sg = spectrogram_cached(key, spec_opts["window"], spec_opts["nperseg"], spec_opts["noverlap"], spec_opts["nfft"],
                            spec_opts["scaling"], x, fs)
    spec_opts.update(nperseg=sg.nperseg, noverlap=sg.noverlap, nfft=sg.nfft)
    if tabs[0].open:
        m = st.columns(4)
        m[0].metric("frequency resolution fs/N", f"{fmt(sg.freq_resolution, 4)} Hz",
                    help="Two tones closer than about this (times the window's ENBW in bins) merge.")
        m[1].metric("time step hop/fs", f"{fmt(sg.time_step * 1000, 4)} ms")
        m[2].metric("window ENBW", f"{fmt(sg.enbw_hz, 4)} Hz", help="Equivalent noise bandwidth: fs·Σw²/(Σw)².")
        m[3].metric("FFT bin spacing", f"{fmt(sg.bin_spacing, 4)} Hz")
        for note in sg.notes:
            st.warning(esc(note), icon=":material/straighten:")
        spec_key = content_key(key, **spec_opts)
        fig, note = spectrogram_fig(spec_key, sg, view)
        plot(st, fig, key=f"{P}_spec")
        st.caption(f"{sg.times.size:,} segments x {sg.freqs.size:,} frequencies. " + esc(note or "")
                   + " Hover for time, frequency and level.")

with tabs[1], guard("the spectrum"):
    t0, t1 = bound(st.slider, "Time span (s)", 0.0, float(duration), (0.0, float(duration)), key=f"{P}_span",
                   format="%.3f")
    i0, i1 = int(round(t0 * fs)), max(int(round(t1 * fs)), int(round(t0 * fs)) + 2)
    span = (i0, min(i1, x.size))
    segment = x[span[0]:span[1]]
    c1, c2 = st.columns(2)
    lengths = [n for n in (64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 65536)]
    wn = bound(c1.selectbox, "Welch segment length", lengths, key=f"{P}_wn",
               index=lengths.index(min(4096, max(64, default_nperseg(fs, x.size) * 4))),
               help="Longer segments: finer frequency detail, noisier estimate (fewer averages).")
    show_fft = bound(c2.toggle, "Show the FFT magnitude of the span", value=segment.size <= 4_000_000,
                     key=f"{P}_fft", disabled=segment.size > 4_000_000)
    f, pxx, wn_used, notes = welch_cached(content_key(key, span=span), "hann", int(wn), "density", segment, fs)
    welch_opts = {"window": "hann", "nperseg": int(wn_used), "scaling": "density"}
    if tabs[1].open:
        for note in notes:
            st.warning(esc(note), icon=":material/straighten:")
        curves = [("Welch PSD (dB re 1/Hz)", f, to_db(pxx))]
        if show_fft and segment.size <= 4_000_000:
            curves.append(("FFT amplitude, Hann (dB re 1)", *fft_cached(content_key(key, span=span), fs, segment)))
        peaks = find_spectral_peaks(f, pxx, count=10)
        plot(st, figure(content_key(key, span=span, wn=int(wn), fft=len(curves) > 1), spectrum_figure, curves,
                        peaks=peaks), key=f"{P}_psd")
        integral, power, ratio = parseval_check(f, pxx, segment)
        m = st.columns(3)
        m[0].metric("∫ PSD df", fmt(integral, 5))
        m[1].metric("mean square (mean removed)", fmt(power, 5))
        m[2].metric("ratio (Parseval)", fmt(ratio, 4))
        st.caption("With *density* scaling the PSD is power per hertz, so its integral over frequency is the "
                   "signal's mean square (Parseval); Welch's per-segment detrending and window make the ratio close "
                   "to, not exactly, 1. *Spectrum* scaling gives power per bin instead: a pure tone's peak then reads "
                   f"its power (A²/2) whatever the window length. Welch used {wn_used:,}-sample Hann segments with "
                   "50 % overlap.")
        st.dataframe(display_frame(peaks), hide_index=True, width="content")
        csv_download("PSD (CSV)", lambda: pd.DataFrame({"frequency_Hz": f, "psd_per_Hz": pxx}), "psd.csv",
                     key=f"{P}_dl_psd")

with tabs[2]:
    choice, iir, fir = filter_controls(P, fs, d), None, None
    with guard("the IIR design", aside=choice.family != "IIR"):
        iir = filter_cached(choice.kind, choice.order, choice.cutoff if len(choice.cutoff) == 2 else choice.cutoff[0],
                            fs, choice.btype, choice.options)
    with guard("the FIR design", aside=choice.family != "FIR"):
        fir = fir_cached(choice.fir_method, choice.numtaps, choice.cutoff, fs, choice.btype, choice.window,
                         choice.transition)
    design = iir if choice.family == "IIR" else fir
    if tabs[2].open:
        with guard("filtering"):
            filter_panel(P, key, x, fs, choice, iir, fir, spec_opts, view)

with tabs[3], guard("resampling"):
    if tabs[3].open:
        new_fs = bound(st.number_input, "New sample rate (Hz)", float(fs / 1000), float(fs * 16), float(fs / 2),
                       key=f"{P}_newfs", format="%g")
        r, actual, up, down = resample_cached(key, float(new_fs), x, fs)
        st.caption(f"`resample_poly(x, up={up}, down={down})`: {x.size:,} → {r.size:,} samples at {actual:g} Hz "
                   "(a polyphase filter removes what the new rate cannot hold before decimating).")
        resampled_key = content_key(key, resampled=actual)
        fig, _ = waveform_fig(resampled_key, [("resampled", r)], actual, height=200)
        plot(st, fig, key=f"{P}_rwave")
        audio_player("Resampled", resampled_key, r, actual, download_name="resampled.wav",
                     widget_key=f"{P}_dl_resampled")
        st.divider()
        aliasing_demo(P)

if spec_opts is not None and sg is not None:
    with guard("exporting"):
        script, needs_file = signal_script(sig.export, x, source_note=f"{sig.label}: {sig.description}",
                                           spectro=spec_opts, welch=welch_opts or {"window": "hann",
                                                                                   "nperseg": 1024,
                                                                                   "scaling": "density"},
                                           span=span, design=design,
                                           apply=None if choice is None else (choice.zero_phase if choice.family
                                                                              == "IIR" else choice.fir_mode))
        attachment = (sig.export["file_name"], sig.data, "audio/wav") if sig.export["kind"] == "wav" else None
        code_panel(script, key=P, file_name="signal_analysis.py", attachment=attachment,
                   data_frame=pd.DataFrame({"x": x}) if needs_file else None, needs_file=needs_file)
