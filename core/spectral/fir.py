"""FIR filters: design by the window method, frequency sampling or equiripple (Parks-McClellan), applied three
ways, and compared with an IIR design of the same specification (order, delay, ripple, attenuation).

A finite impulse response filter with symmetric taps has linear phase: every frequency is delayed by the same
(numtaps - 1) / 2 samples, so the waveform keeps its shape. It needs many more coefficients than an IIR filter
for the same steepness; the comparison makes that trade visible.
"""

import warnings
from dataclasses import dataclass

import numpy as np
from scipy import signal as sps

from core.common.budget import check_budget
from core.common.errors import DataError
from core.common.validate import Bound, FIR_TAPS, check_float, check_int
from core.spectral.analysis import FIR_WINDOWS, BTYPES, _fs, _signal, design_fir

__all__ = ["FIR_METHODS", "FIR_APPLY", "KAISER", "kaiser_taps", "FIR_DIRECT_MACS", "REMEZ_TAPS", "FirDesign", "design_fir_filter",
           "fir_response", "apply_fir", "compare_designs", "spec_bands"]

FIR_METHODS = {"firwin": "Window method (firwin)", "firwin2": "Frequency sampling (firwin2)",
               "remez": "Equiripple (remez)"}
FIR_APPLY = {"filtfilt": "zero-phase (filtfilt)", "lfilter": "causal (lfilter)",
             "oaconvolve": "delay removed (oaconvolve)"}
#: Multiply-adds for direct-form filtering (lfilter; filtfilt runs it twice over a padded signal): lfilter ran at
#: 1.4-8 GMAC/s here, so the budget is a few seconds at worst. oaconvolve (FFT overlap-add) has no such cost.
FIR_DIRECT_MACS = 1.5e10
#: Parks-McClellan with more taps rarely converges and its exchange grows as taps squared.
REMEZ_TAPS = Bound(3, 1001)
#: firwin's Kaiser window, its beta set by the transition width (``firwin(..., width=transition)``).
KAISER = "kaiser"
#: Zeros are found (np.roots, cubic in the taps) only for short filters.
_ROOTS_MAX_TAPS = 256


@dataclass(frozen=True)
class FirDesign:
    taps: np.ndarray
    method: str
    btype: str
    cutoff: tuple
    fs: float
    window: str
    transition: float
    warnings: tuple = ()

    @property
    def numtaps(self):
        return int(self.taps.size)

    @property
    def delay_samples(self):
        """The group delay of a linear-phase filter: (numtaps - 1) / 2 samples at every frequency."""
        return (self.numtaps - 1) / 2

    @property
    def label(self):
        edges = " - ".join(f"{c:g}" for c in self.cutoff)
        how = f", {self.window} window" if self.method != "remez" else ""
        return f"FIR {self.btype}, {self.numtaps} taps ({FIR_METHODS[self.method]}{how}), {edges} Hz"

    def call(self):
        """The scipy call that makes the taps, as source text (the exported script uses it)."""
        fs, n = self.fs, self.numtaps
        if self.method == "firwin":
            wn = self.cutoff[0] if len(self.cutoff) == 1 else list(self.cutoff)
            shape = f"width={self.transition!r}" if self.window == KAISER else f"window={self.window!r}"
            return f"sps.firwin({n}, {wn!r}, fs={fs!r}, pass_zero={_pass_zero(self.btype)!r}, {shape})"
        freq, gain = _frequency_gain(self.btype, self.cutoff, self.transition, fs)
        if self.method == "firwin2":
            return f"sps.firwin2({n}, {freq!r}, {gain!r}, fs={fs!r}, window={self.window!r})"
        bands, desired = _bands_desired(freq, gain)
        return f"sps.remez({n}, {bands!r}, {desired!r}, fs={fs!r})"


def kaiser_taps(attenuation_db, transition, fs):
    """The taps (and Kaiser beta) ``scipy.signal.kaiserord`` says a window design needs for `attenuation_db` of
    stop-band attenuation across a transition of `transition` Hz: ``(numtaps, beta)``."""
    numtaps, beta = sps.kaiserord(float(attenuation_db), float(transition) / (fs / 2))
    return int(numtaps), float(beta)


def _pass_zero(btype):
    return btype in ("lowpass", "bandstop")


def spec_bands(btype, cutoff, transition, fs):
    """(pass-bands, stop-bands) as lists of (lo, hi) Hz: the specification both designs are measured against,
    each band edge the cut-off -/+ half the transition width."""
    nyq = fs / 2
    half = transition / 2
    if btype in ("lowpass", "highpass"):
        c = cutoff[0]
        low, high = [(0.0, c - half)], [(c + half, nyq)]
        return (low, high) if btype == "lowpass" else (high, low)
    f1, f2 = cutoff
    outer = [(0.0, f1 - half), (f2 + half, nyq)]
    inner = [(f1 + half, f2 - half)]
    return (inner, outer) if btype == "bandpass" else (outer, inner)


def _frequency_gain(btype, cutoff, transition, fs):
    """firwin2's (freq, gain) points for the ideal response with straight transitions."""
    nyq = fs / 2
    half = transition / 2
    on = 1.0 if btype in ("lowpass", "bandstop") else 0.0
    if len(cutoff) == 1:
        c = cutoff[0]
        return [0.0, c - half, c + half, nyq], [on, on, 1 - on, 1 - on]
    f1, f2 = cutoff
    return ([0.0, f1 - half, f1 + half, f2 - half, f2 + half, nyq], [on, on, 1 - on, 1 - on, on, on])


def _bands_desired(freq, gain):
    """remez's band edges and the desired gain per band, from the (freq, gain) points (pairs of equal gain)."""
    bands = [float(f) for f in freq]
    desired = [float(g) for g in gain[::2]]
    return bands, desired


def _check_spec(btype, cutoff, transition, fs):
    if btype not in BTYPES:
        raise DataError(f"Unknown band type {btype!r}; choose one of {', '.join(BTYPES)}.")
    edges = tuple(float(c) for c in np.atleast_1d(np.asarray(cutoff, dtype=float)))
    if len(edges) != (2 if btype in ("bandpass", "bandstop") else 1):
        raise DataError("A band-pass or band-stop filter needs two cut-off frequencies, a low- or high-pass one.")
    nyq = fs / 2
    if not np.isfinite(edges).all() or min(edges) <= 0 or max(edges) >= nyq:
        raise DataError(f"Cut-off frequencies must lie between 0 and the Nyquist frequency ({nyq:g} Hz).")
    if len(edges) == 2 and edges[0] >= edges[1]:
        raise DataError(f"The band edges are in the wrong order ({edges[0]:g} Hz >= {edges[1]:g} Hz).")
    transition = check_float(transition, Bound(fs * 1e-6, nyq), "transition width (Hz)")
    points = [0.0]
    for c in edges:
        points += [c - transition / 2, c + transition / 2]
    points.append(nyq)
    if np.any(np.diff(points) <= 0):
        raise DataError(f"A transition of {transition:g} Hz does not fit: every band edge +/- half of it must stay "
                        f"inside 0 to {nyq:g} Hz and apart from the other edge. Narrow the transition.")
    return edges, transition


def design_fir_filter(method, numtaps, cutoff, fs, *, btype="lowpass", window="hamming", transition=None):
    """A linear-phase FIR filter: ``firwin`` (window method; `transition` only sets the measured specification),
    ``firwin2`` (the ideal response with straight transitions of `transition` Hz, sampled and windowed) or
    ``remez`` (equiripple between pass- and stop-bands `transition` Hz apart). The taps equal scipy's call
    (:meth:`FirDesign.call`). Filters that pass the Nyquist frequency (high-pass, band-stop) need an odd number
    of taps.
    """
    fs = _fs(fs)
    if method not in FIR_METHODS:
        raise DataError(f"Unknown FIR method {method!r}; choose one of {', '.join(FIR_METHODS)}.")
    numtaps = check_int(numtaps, REMEZ_TAPS if method == "remez" else FIR_TAPS, "numtaps (the number of taps)")
    windows = FIR_WINDOWS + ((KAISER,) if method == "firwin" else ())
    if window not in windows:
        raise DataError(f"Unknown window {window!r} for {method}; choose one of {', '.join(windows)}.")
    transition = fs / 50 if transition is None else transition
    edges, transition = _check_spec(btype, cutoff, transition, fs)
    passes_nyquist = btype in ("highpass", "bandstop")
    if passes_nyquist and numtaps % 2 == 0:
        raise DataError(f"A {btype} FIR filter passes the Nyquist frequency, so it needs an odd number of taps; "
                        f"use {numtaps + 1}.")
    notes = []
    if method == "firwin" and window == KAISER:
        taps = sps.firwin(numtaps, list(edges) if len(edges) == 2 else edges[0], width=transition, fs=fs,
                          pass_zero=_pass_zero(btype))
    elif method == "firwin":
        taps = design_fir(numtaps, edges if len(edges) == 2 else edges[0], fs, pass_zero=_pass_zero(btype),
                          window=window)
    else:
        freq, gain = _frequency_gain(btype, edges, transition, fs)
        if method == "firwin2":
            taps = sps.firwin2(numtaps, freq, gain, fs=fs, window=window)
        else:
            bands, desired = _bands_desired(freq, gain)
            try:
                taps = sps.remez(numtaps, bands, desired, fs=fs)
            except ValueError as exc:
                raise DataError(f"remez did not converge ({exc}): use fewer taps, or a transition width that "
                                "suits this many taps (wider for few taps, narrower for many).") from None
    taps = np.asarray(taps, float)
    if not np.isfinite(taps).all():
        raise DataError("The design gave non-finite taps; change the number of taps or the transition width.")
    if numtaps > 8 * fs / transition:
        notes.append(f"{numtaps} taps are far more than a {transition:g} Hz transition needs (about "
                     f"{int(4 * fs / transition)}): the delay is longer than it has to be.")
    taps.setflags(write=False)
    return FirDesign(taps, method, btype, edges, fs, window, float(transition), tuple(notes))


def fir_response(design, n=2048):
    """(freqs, magnitude dB, phase (unwrapped, degrees), zeros or None) of the taps (``freqz``); zeros only for
    filters of at most 256 taps (``np.roots`` is cubic in their number)."""
    f, h = sps.freqz(design.taps, worN=n, fs=design.fs)
    mag = 20 * np.log10(np.maximum(np.abs(h), 1e-300))
    phase = np.degrees(np.unwrap(np.angle(h)))
    zeros = np.roots(design.taps) if design.numtaps <= _ROOTS_MAX_TAPS else None
    return f, mag, phase, zeros


def apply_fir(signal, design, *, mode="filtfilt"):
    """Filter `signal`: ``filtfilt(taps, 1.0, x)`` (zero phase, squared magnitude), ``lfilter(taps, 1.0, x)``
    (causal: delayed by (numtaps - 1) / 2 samples) or ``oaconvolve(x, taps)`` with that delay cut off (the
    linear phase undone by a shift: no delay, magnitude as designed; for an even number of taps half a sample
    remains). The direct forms are checked against :data:`FIR_DIRECT_MACS` before they start."""
    x = _signal(signal)
    taps = design.taps
    if mode not in FIR_APPLY:
        raise DataError(f"Unknown way to apply the filter {mode!r}; choose one of {', '.join(FIR_APPLY)}.")
    if mode == "oaconvolve":
        delay = (taps.size - 1) // 2
        return sps.oaconvolve(x, taps)[delay:delay + x.size]
    passes = 2 if mode == "filtfilt" else 1
    check_budget(passes * (x.size + 6 * taps.size) * taps.size, FIR_DIRECT_MACS,
                 what=f"Filtering {x.size:,} samples with {taps.size:,} taps by {mode}",
                 reduce="use fewer taps, or apply it with the delay removed (oaconvolve, FFT-based)")
    if mode == "lfilter":
        return sps.lfilter(taps, [1.0], x)
    padlen = 3 * taps.size
    if x.size <= padlen:
        raise DataError(f"Zero-phase filtering (filtfilt) needs more than {padlen} samples with {taps.size} taps; "
                        f"the signal has {x.size}. Use fewer taps or another way to apply it.")
    return sps.filtfilt(taps, [1.0], x)


def _group_delay_sos(sos, freqs, fs):
    """Group delay in samples of a cascade of second-order sections at `freqs` (Hz): the sum of the sections'."""
    total = np.zeros(len(freqs))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # singular points (a zero on the unit circle) give nan there
        for section in sos:
            _, gd = sps.group_delay((section[:3], section[3:]), w=freqs, fs=fs)
            total += gd
    return total


def _in_bands(f, bands):
    mask = np.zeros(f.shape, bool)
    for lo, hi in bands:
        mask |= (f >= lo) & (f <= hi)
    return mask


def compare_designs(iir, fir, n=4096):
    """Rows (one per design) measured against the FIR's specification (its pass- and stop-bands): order,
    multiplies per output sample, delay in the pass-band (ms; a range for IIR, whose delay varies with
    frequency), pass-band ripple (dB, peak to peak), minimum stop-band attenuation (dB) and linear phase.
    Also returns the two magnitude responses for an overlay: ``(rows, curves, (pass_bands, stop_bands))``."""
    fs = fir.fs
    passes, stops = spec_bands(fir.btype, fir.cutoff, fir.transition, fs)
    f = np.linspace(0, fs / 2, n)
    _, h_fir = sps.freqz(fir.taps, worN=f, fs=fs)
    _, h_iir = sps.sosfreqz(iir.sos, worN=f, fs=fs)
    in_pass, in_stop = _in_bands(f, passes), _in_bands(f, stops)
    rows, curves = [], []
    for name, h in (("IIR", h_iir), ("FIR", h_fir)):
        db = 20 * np.log10(np.maximum(np.abs(h), 1e-300))
        curves.append((f"IIR: {iir.label}" if name == "IIR" else fir.label, f, db))
        ripple = float(np.ptp(db[in_pass])) if in_pass.any() else np.nan
        attenuation = float(-db[in_stop].max()) if in_stop.any() else np.nan
        if name == "FIR":
            delay = fir.delay_samples / fs * 1000
            delay_text, order, multiplies, linear = f"{delay:.4g}", fir.numtaps - 1, fir.numtaps, "yes"
        else:
            probe = f[in_pass][:: max(1, in_pass.sum() // 256)]
            gd = _group_delay_sos(iir.sos, probe, fs) / fs * 1000
            gd = gd[np.isfinite(gd)]
            delay_text = f"{gd.min():.4g} to {gd.max():.4g}" if gd.size else "n/a"
            order = iir.order * (2 if iir.btype in ("bandpass", "bandstop") else 1)
            multiplies = 5 * len(iir.sos)
            linear = "no"
        rows.append({"design": name, "order": order, "multiplies per sample": multiplies,
                     "delay in the pass-band (ms)": delay_text, "pass-band ripple (dB)": ripple,
                     "stop-band attenuation (dB)": attenuation, "linear phase": linear})
    return rows, curves, (passes, stops)
