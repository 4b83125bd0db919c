"""Signals: reading WAV files, spectrograms, spectra, IIR filter design and filtering, resampling (scipy.signal).

Pure Python: no Streamlit here. Every function answers what the scipy.signal call of the same name answers;
what is added is the checking (so a bad file or setting becomes a clear message) and the bookkeeping a page
needs (resolution, equivalent noise bandwidth, pooling a spectrogram to screen size).
"""

import io
import math
import struct
import warnings
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
from scipy import signal as sps
from scipy.fft import rfft, rfftfreq

from core.common.errors import DataError, LimitError
from core.common.validate import ATTENUATION_DB, FILTER_ORDER, FIR_TAPS, RIPPLE_DB, check_float, check_int

__all__ = ["WavInfo", "read_wav", "scale_samples", "load_wav", "wav_bytes", "WINDOWS", "FILTER_KINDS", "BTYPES", "Spectrogram",
           "spectrogram", "check_segments", "pool_max", "to_db", "enbw", "welch_psd", "fft_magnitude",
           "find_spectral_peaks", "parseval_check", "design_filter", "FilterDesign", "frequency_response",
           "apply_filter", "resample", "naive_decimate", "MAX_SAMPLES", "MAX_CHANNELS", "MAX_WAV_MB", "design_fir", "FIR_WINDOWS"]

MAX_SAMPLES = 60_000_000       # per channel: 22 minutes at 44.1 kHz
MAX_WAV_MB = 200               # 10 minutes of 24-bit stereo at 44.1 kHz is 159 MB
MAX_CHANNELS = 16
WINDOWS = ("hann", "hamming", "blackman", "blackmanharris", "flattop", "boxcar", "bartlett", "nuttall")
FILTER_KINDS = {"butter": "Butterworth", "cheby1": "Chebyshev I", "cheby2": "Chebyshev II", "ellip": "Elliptic",
                "bessel": "Bessel"}
BTYPES = ("lowpass", "highpass", "bandpass", "bandstop")

_FORMATS = {1: "PCM", 3: "IEEE float", 6: "A-law", 7: "µ-law", 2: "Microsoft ADPCM", 17: "IMA ADPCM",
            85: "MP3", 0xFFFE: "extensible"}


class WavError(DataError):
    """A file that cannot be read as a WAV recording."""


@dataclass(frozen=True)
class WavInfo:
    fs: float
    channels: int
    bits: int
    encoding: str
    frames: int
    notes: tuple = ()

    @property
    def duration(self):
        return self.frames / self.fs if self.fs else 0.0

    def describe(self):
        return (f"{self.fs:g} Hz, {self.duration:.3f} s ({self.frames:,} samples), {self.channels} channel"
                f"{'s' if self.channels != 1 else ''}, {self.bits}-bit {self.encoding}")


def _parse_header(data):
    """(format tag, channels, rate, bits) from the RIFF chunks, without trusting scipy on broken files."""
    if len(data) < 12 or data[:4] not in (b"RIFF", b"RIFX") or data[8:12] != b"WAVE":
        raise WavError("This file is not a WAV recording (no RIFF/WAVE header). Upload a .wav file, or a CSV with "
                       "one column of samples.")
    endian = "<" if data[:4] == b"RIFF" else ">"
    pos, fmt, has_data = 12, None, False
    while pos + 8 <= len(data):
        cid = data[pos:pos + 4]
        size = struct.unpack(endian + "I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            if len(body) < 16:
                raise WavError("The WAV header (fmt chunk) is truncated.")
            tag, channels, rate, _, _, bits = struct.unpack(endian + "HHIIHH", body[:16])
            if tag == 0xFFFE and len(body) >= 26:
                tag = struct.unpack(endian + "H", body[24:26])[0]
            fmt = (tag, channels, rate, bits)
        elif cid == b"data":
            has_data = True
            break
        pos += 8 + size + (size & 1)
    if fmt is None:
        raise WavError("The WAV file has no format (fmt) chunk; it is damaged or truncated.")
    if not has_data:
        raise WavError("The WAV file has no data chunk (it is truncated or holds no audio).")
    return fmt


def load_wav(data):
    """Read WAV bytes: ``(samples, WavInfo)``; samples float64 in [-1, 1], shape (n,) or (n, channels)."""
    from scipy.io import wavfile

    if not data:
        raise WavError("The file is empty.")
    if len(data) > MAX_WAV_MB * 2 ** 20:
        raise LimitError(f"The file is {len(data) / 2 ** 20:.0f} MB; WAV files up to {MAX_WAV_MB} MB can be read.")
    tag, channels, rate, bits = _parse_header(data)
    if tag not in (1, 3):
        name = _FORMATS.get(tag, f"format {tag}")
        raise WavError(f"This WAV holds {name} audio, which is compressed. Export it as PCM (16- or 24-bit) or "
                       "32-bit float WAV, for example in Audacity (File > Export > WAV, signed 16-bit PCM).")
    if channels == 0:
        raise WavError("The WAV header says it has 0 channels: the file is damaged.")
    if channels > MAX_CHANNELS:
        raise LimitError(f"The WAV has {channels} channels; at most {MAX_CHANNELS} are supported.")
    if rate <= 0:
        raise WavError("The WAV header gives a sample rate of 0 Hz: the file is damaged.")
    notes = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fs, raw = wavfile.read(io.BytesIO(data), mmap=False)
        except (ValueError, ZeroDivisionError, UnboundLocalError, struct.error, EOFError, OSError) as exc:
            raise WavError(f"This WAV file cannot be read ({exc or type(exc).__name__}).") from None
    for w in caught:
        msg = str(w.message)
        if "Reached EOF" in msg or "truncated" in msg.lower():
            notes.append("The file ends early (truncated); the samples present were read.")
        elif "chunk" in msg.lower():
            notes.append(f"Skipped an unknown part of the file ({msg.split('.')[0]}).")
    if raw.size == 0:
        raise WavError("The WAV file holds no samples (zero length).")
    if raw.shape[0] > MAX_SAMPLES:
        raise LimitError(f"The recording has {raw.shape[0]:,} samples per channel; the limit is {MAX_SAMPLES:,} "
                         f"(about {MAX_SAMPLES / 44100 / 60:.0f} minutes at 44.1 kHz). Trim it first.")
    samples = scale_samples(raw)
    if samples.dtype.kind != "f":
        raise WavError(f"Unsupported sample type {raw.dtype}.")
    if raw.dtype.kind == "f":
        if not np.isfinite(samples).all():
            bad = int(np.count_nonzero(~np.isfinite(samples)))
            raise WavError(f"The float WAV holds {bad:,} NaN or infinite samples; it cannot be analysed.")
        peak = float(np.max(np.abs(samples)))
        if peak > 1:
            notes.append(f"Float samples reach {peak:.3g}, beyond the usual [-1, 1]; kept as they are.")
    info = WavInfo(float(fs), 1 if samples.ndim == 1 else samples.shape[1], bits, _FORMATS.get(tag, "PCM"),
                   samples.shape[0], tuple(notes))
    return samples, info


def scale_samples(raw):
    """WAV samples as float64 in [-1, 1] from what ``scipy.io.wavfile.read`` returns.

    8-bit PCM is unsigned (128 = silence); 16- and 32-bit are signed; 24-bit arrives as int32 shifted left by
    8 bits, so dividing by the dtype's range (2³¹) is right for it too. Floats are kept.
    (Copied into exported scripts: numpy only.)
    """
    if raw.dtype == np.uint8:
        return (raw.astype(np.float64) - 128.0) / 128.0
    if raw.dtype.kind == "i":
        return raw.astype(np.float64) / float(2 ** (8 * raw.dtype.itemsize - 1))
    if raw.dtype.kind == "f":
        return raw.astype(np.float64)
    return raw


def read_wav(data: bytes):
    """``(fs, samples)``: samples float64 scaled to [-1, 1], shape (n,) or (n, channels)."""
    samples, info = load_wav(data)
    return info.fs, samples


def wav_bytes(samples, fs, *, bits=16):
    """A playable PCM WAV of `samples` (peak-normalised only when it would clip). Returns (bytes, note)."""
    from scipy.io import wavfile

    x = np.asarray(samples, dtype=np.float64)
    peak = float(np.max(np.abs(x))) if x.size else 0.0
    note = None
    if peak > 1:
        x = x / peak
        note = f"Scaled by 1/{peak:.3g} to fit 16-bit PCM without clipping."
    rate = int(round(fs))
    if rate != fs:
        note = (note + " " if note else "") + f"Sample rate rounded to {rate} Hz in the file."
    buf = io.BytesIO()
    if bits == 16:
        wavfile.write(buf, max(rate, 1), np.round(x * 32767).astype(np.int16))
    else:
        wavfile.write(buf, max(rate, 1), x.astype(np.float32))
    return buf.getvalue(), note


# -- spectrogram ------------------------------------------------------------------------------------------

def _signal(x):
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 1:
        raise DataError("Choose one channel: the analysis works on one signal at a time.")
    if x.size < 2:
        raise DataError("The signal needs at least 2 samples.")
    if not np.isfinite(x).all():
        raise DataError("The signal holds NaN or infinite values.")
    return x


def _fs(fs):
    fs = float(fs)
    if not math.isfinite(fs) or fs <= 0:
        raise DataError("The sample rate must be a positive number of Hz.")
    return fs


def check_segments(n, nperseg, noverlap, nfft=None, *, default_divisor=2):
    """Checked (nperseg, noverlap, nfft, notes): nperseg longer than the signal is shortened to it (and the
    overlap with it), an overlap of 100 % or more is refused, nfft below nperseg is refused. Without `noverlap`,
    ``nperseg // default_divisor``, as scipy: 2 for ``welch``, 8 for ``spectrogram``."""
    notes = []
    nperseg = int(nperseg)
    if nperseg < 2:
        raise DataError("The window must be at least 2 samples long.")
    if noverlap is None:
        noverlap = nperseg // default_divisor
    noverlap = int(noverlap)
    if noverlap < 0:
        raise DataError("The overlap cannot be negative.")
    if noverlap >= nperseg:
        raise DataError("The overlap must be less than 100 % of the window (each step must move forward).")
    if nperseg > n:
        fraction = noverlap / nperseg
        notes.append(f"The window ({nperseg:,} samples) is longer than the signal ({n:,}); it was shortened to the "
                     "whole signal.")
        nperseg, noverlap = n, min(int(fraction * n), n - 1)
    if nfft is not None:
        nfft = int(nfft)
        if nfft < nperseg:
            raise DataError("The FFT length must be at least the window length (it only adds zero padding).")
    return nperseg, noverlap, nfft, notes


@dataclass(frozen=True)
class Spectrogram:
    freqs: np.ndarray
    times: np.ndarray
    power: np.ndarray          # linear (not dB), shape (freqs, times)
    fs: float
    window: str
    nperseg: int
    noverlap: int
    nfft: int
    scaling: str
    notes: tuple = ()

    @property
    def hop(self):
        return self.nperseg - self.noverlap

    @property
    def freq_resolution(self):
        return self.fs / self.nperseg

    @property
    def bin_spacing(self):
        return self.fs / self.nfft

    @property
    def time_step(self):
        return self.hop / self.fs

    @property
    def enbw_hz(self):
        return enbw(self.window, self.nperseg, self.fs)


def spectrogram(signal, fs, *, window="hann", nperseg=256, noverlap=None, nfft=None, scaling="density"):
    """``scipy.signal.spectrogram(signal, fs, window=window, nperseg=nperseg, noverlap=noverlap, nfft=nfft,
    scaling=scaling, mode="psd")`` as a :class:`Spectrogram` (power linear); without `noverlap`, scipy's
    ``nperseg // 8``. The window defaults to Hann (scipy's own default is a Tukey window)."""
    x = _signal(signal)
    fs = _fs(fs)
    if window not in WINDOWS:
        raise DataError(f"Unknown window {window!r}; choose one of {', '.join(WINDOWS)}.")
    if scaling not in ("density", "spectrum"):
        raise DataError("Scaling is 'density' (PSD, per Hz) or 'spectrum' (power per bin).")
    nperseg, noverlap, nfft, notes = check_segments(x.size, nperseg, noverlap, nfft, default_divisor=8)
    segments = (x.size - noverlap) // (nperseg - noverlap)
    bins = (nfft or nperseg) // 2 + 1
    if segments * bins > 400_000_000:
        raise LimitError(f"This spectrogram would have {segments:,} x {bins:,} cells; use a longer window, less "
                         "overlap or a shorter FFT.")
    f, t, sxx = sps.spectrogram(x, fs, window=window, nperseg=nperseg, noverlap=noverlap, nfft=nfft,
                                scaling=scaling, mode="psd")
    return Spectrogram(f, t, sxx, fs, window, nperseg, noverlap, nfft or nperseg, scaling, tuple(notes))


def enbw(window, nperseg, fs):
    """Equivalent noise bandwidth of the window in Hz: fs * sum(w²) / sum(w)²."""
    w = sps.get_window(window, int(nperseg))
    return float(fs * np.sum(w ** 2) / np.sum(w) ** 2)


def pool_max(values, max_rows, max_cols):
    """Max-pool a 2-D array so it has at most `max_rows` x `max_cols` cells; peaks survive.
    Returns (pooled, row_factor, col_factor)."""
    a = np.asarray(values)
    fr = max(1, -(-a.shape[0] // max_rows))
    fc = max(1, -(-a.shape[1] // max_cols))
    if fr == 1 and fc == 1:
        return a, 1, 1
    rows, cols = -(-a.shape[0] // fr) * fr, -(-a.shape[1] // fc) * fc
    padded = np.pad(a, ((0, rows - a.shape[0]), (0, cols - a.shape[1])), mode="edge")
    return padded.reshape(rows // fr, fr, cols // fc, fc).max(axis=(1, 3)), fr, fc


def to_db(power, floor=1e-30):
    return 10.0 * np.log10(np.maximum(power, floor))


# -- spectra ----------------------------------------------------------------------------------------------

def welch_psd(signal, fs, *, window="hann", nperseg=1024, noverlap=None, scaling="density"):
    """``scipy.signal.welch``: (freqs, Pxx, nperseg used, notes)."""
    x = _signal(signal)
    fs = _fs(fs)
    nperseg, noverlap, _, notes = check_segments(x.size, nperseg, noverlap)
    f, p = sps.welch(x, fs, window=window, nperseg=nperseg, noverlap=noverlap, scaling=scaling)
    return f, p, nperseg, notes


def fft_magnitude(signal, fs, *, window="hann"):
    """Single-sided amplitude spectrum of the whole span: a sine of amplitude A shows as a peak of height A
    (window-corrected, at a bin centre). Returns (freqs, amplitude)."""
    x = _signal(signal)
    fs = _fs(fs)
    w = sps.get_window(window, x.size) if window != "boxcar" else np.ones(x.size)
    spectrum = np.abs(rfft((x - x.mean()) * w)) / np.sum(w)
    spectrum[1:] *= 2
    if x.size % 2 == 0:
        spectrum[-1] /= 2
    return rfftfreq(x.size, 1 / fs), spectrum


def find_spectral_peaks(freqs, values, *, count=10, in_db=True, prominence_db=6.0):
    """The strongest peaks (``scipy.signal.find_peaks`` with a prominence in dB): rows of frequency and level."""
    v = to_db(values) if in_db else np.asarray(values, float)
    idx, props = sps.find_peaks(v, prominence=prominence_db if in_db else None)
    order = np.argsort(v[idx])[::-1][:count]
    rows = []
    for k in order:
        i = idx[k]
        rows.append({"frequency_Hz": float(freqs[i]), "level": float(values[i]),
                     "level_dB": float(v[i]) if in_db else float(to_db(values[i])),
                     "prominence_dB": float(props["prominences"][k]) if "prominences" in props else np.nan})
    return rows


def parseval_check(freqs, psd, signal):
    """(integral of the density PSD, mean square of the signal without its mean, their ratio).

    With ``scaling="density"`` the PSD integrates to the signal's power (Parseval); Welch removes each segment's
    mean (detrend="constant") and the window's edges weigh less, so expect a ratio near 1, not exactly 1.
    """
    integral = float(np.trapezoid(psd, freqs)) if hasattr(np, "trapezoid") else float(np.trapz(psd, freqs))
    x = np.asarray(signal, float)
    power = float(np.mean((x - x.mean()) ** 2))
    return integral, power, integral / power if power > 0 else np.nan


# -- filters ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FilterDesign:
    sos: np.ndarray
    kind: str
    btype: str
    order: int
    cutoff: tuple
    fs: float
    options: dict = field(default_factory=dict)
    stable: bool = True
    warnings: tuple = ()

    @property
    def label(self):
        edges = " - ".join(f"{c:g}" for c in self.cutoff)
        return f"{FILTER_KINDS[self.kind]} {self.btype}, order {self.order}, {edges} Hz"


#: Windows for the FIR window method (firwin's names; "kaiser" takes its beta from the attenuation asked for).
FIR_WINDOWS = ("hamming", "hann", "blackman", "blackmanharris", "boxcar", "nuttall")


def design_fir(numtaps, cutoff, fs, *, pass_zero=True, window="hamming"):
    """FIR filter taps by the window method: ``scipy.signal.firwin(numtaps, cutoff, fs=fs, pass_zero=pass_zero,
    window=window)``, with its input checked.

    `cutoff` is one frequency (low-pass with ``pass_zero=True``, high-pass with False) or two (band-stop with
    True, band-pass with False). A filter that passes the Nyquist frequency (high-pass, band-stop) needs an odd
    number of taps (type I linear phase). The taps are symmetric: linear phase, a delay of (numtaps - 1) / 2
    samples.

    Examples
    --------
    >>> taps = design_fir(31, 1000.0, 8000.0)
    >>> taps.size, bool(abs(taps.sum() - 1) < 1e-12)
    (31, True)
    """
    fs = _fs(fs)
    numtaps = check_int(numtaps, FIR_TAPS, "numtaps (the number of taps)")
    if window not in FIR_WINDOWS:
        raise DataError(f"Unknown window {window!r}; choose one of {', '.join(FIR_WINDOWS)}.")
    if pass_zero not in (True, False):
        raise DataError(f"`pass_zero` must be True or False, got {pass_zero!r}.")
    edges = np.atleast_1d(np.asarray(cutoff, dtype=float))
    if edges.size not in (1, 2):
        raise DataError("Give one cut-off frequency (low- or high-pass) or two band edges.")
    if not np.isfinite(edges).all() or (edges <= 0).any() or (edges >= fs / 2).any():
        raise DataError(f"Cut-off frequencies must lie between 0 and the Nyquist frequency ({fs / 2:g} Hz).")
    if edges.size == 2 and edges[0] >= edges[1]:
        raise DataError(f"The band edges are in the wrong order ({edges[0]:g} Hz >= {edges[1]:g} Hz).")
    passes_nyquist = (edges.size == 1 and not pass_zero) or (edges.size == 2 and pass_zero)
    if passes_nyquist and numtaps % 2 == 0:
        raise DataError(f"A {'high-pass' if edges.size == 1 else 'band-stop'} FIR filter passes the Nyquist "
                        f"frequency, so it needs an odd number of taps; use {numtaps + 1}.")
    return sps.firwin(numtaps, edges if edges.size == 2 else float(edges[0]), fs=fs, pass_zero=pass_zero,
                      window=window)


def design_filter(kind, order, cutoff, fs, *, btype="lowpass", **options):
    """``scipy.signal.iirfilter(order, cutoff, btype=btype, ftype=kind, output="sos", fs=fs, **options)``.

    Options: ``rp`` (pass-band ripple, dB: cheby1, ellip), ``rs`` (stop-band attenuation, dB: cheby2, ellip);
    others are ignored when the type does not use them. Bessel designs are phase-normalised, as iirfilter makes
    them. Bad designs raise a DataError that says why.
    """
    fs = _fs(fs)
    if kind not in FILTER_KINDS:
        raise DataError(f"Unknown filter type {kind!r}; choose one of {', '.join(FILTER_KINDS)}.")
    if btype not in BTYPES:
        raise DataError(f"Unknown band type {btype!r}; choose one of {', '.join(BTYPES)}.")
    order = check_int(order, FILTER_ORDER, "order")
    edges = np.atleast_1d(np.asarray(cutoff, dtype=float))
    nyquist = fs / 2
    if btype in ("bandpass", "bandstop"):
        if edges.size != 2:
            raise DataError("A band-pass or band-stop filter needs two cut-off frequencies (low, high).")
        if edges[0] >= edges[1]:
            raise DataError(f"The band edges are in the wrong order ({edges[0]:g} Hz >= {edges[1]:g} Hz): the low "
                            "edge must come first.")
    elif edges.size != 1:
        raise DataError("A low-pass or high-pass filter needs one cut-off frequency.")
    if not np.isfinite(edges).all() or (edges <= 0).any():
        raise DataError("Cut-off frequencies must be above 0 Hz.")
    if (edges >= nyquist).any():
        raise DataError(f"A cut-off at or above the Nyquist frequency ({nyquist:g} Hz, half the sample rate "
                        f"{fs:g} Hz) cannot be designed; choose a lower one.")
    kwargs = {}
    if kind in ("cheby1", "ellip"):
        kwargs["rp"] = check_float(options.pop("rp", 1.0), RIPPLE_DB, "rp (pass-band ripple)")
    if kind in ("cheby2", "ellip"):
        kwargs["rs"] = check_float(options.pop("rs", 60.0), ATTENUATION_DB, "rs (stop-band attenuation)")
    options.pop("rp", None), options.pop("rs", None)
    if options:
        raise DataError(f"Unknown filter option(s): {', '.join(options)}.")
    wn = float(edges[0]) if edges.size == 1 else [float(e) for e in edges]
    notes = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            sos = sps.iirfilter(order, wn, btype=btype, ftype=kind, output="sos", fs=fs, **kwargs)
        except (ValueError, np.linalg.LinAlgError) as exc:
            raise DataError(f"This filter cannot be designed: {exc}") from None
    if any(issubclass(w.category, sps.BadCoefficients) for w in caught):
        notes.append("SciPy reports badly conditioned coefficients: the response may be inaccurate. Lower the "
                     "order or move the cut-off away from 0 Hz and Nyquist.")
    _, poles, _ = sps.sos2zpk(sos)
    radius = float(np.max(np.abs(poles))) if poles.size else 0.0
    stable = bool(np.isfinite(sos).all() and radius < 1)
    if not stable:
        notes.append(f"The design is unstable (a pole at radius {radius:.6f} >= 1): lower the order or move the "
                     "cut-off away from 0 Hz and Nyquist.")
    elif radius > 0.9999:
        notes.append(f"Poles lie very close to the unit circle (radius {radius:.6f}): the filter rings for a long "
                     "time and is sensitive to rounding.")
    return FilterDesign(sos, kind, btype, order, tuple(float(e) for e in edges), fs, kwargs, stable, tuple(notes))


def frequency_response(design, n=2048):
    """(freqs, magnitude dB, phase (unwrapped, degrees), zeros, poles) of the design (``sosfreqz``)."""
    f, h = sps.sosfreqz(design.sos, worN=n, fs=design.fs)
    mag = 20 * np.log10(np.maximum(np.abs(h), 1e-300))
    phase = np.degrees(np.unwrap(np.angle(h)))
    z, p, _ = sps.sos2zpk(design.sos)
    return f, mag, phase, z, p


def apply_filter(signal, design, *, zero_phase=True):
    """``sosfiltfilt`` (zero phase, twice the attenuation) or ``sosfilt`` (causal, delays the signal)."""
    x = _signal(signal)
    if not design.stable:
        raise DataError("The filter is unstable; its output would grow without bound. Change the design first.")
    if zero_phase:
        padlen = 3 * (2 * len(design.sos) + 1 - min((design.sos[:, 2] == 0).sum(), (design.sos[:, 5] == 0).sum()))
        if x.size <= padlen:
            raise DataError(f"Zero-phase filtering needs more than {padlen} samples with this design; the signal "
                            f"has {x.size}. Use causal filtering or a lower order.")
        return sps.sosfiltfilt(design.sos, x)
    return sps.sosfilt(design.sos, x)


# -- resampling -------------------------------------------------------------------------------------------

def resample(signal, fs, new_fs, *, max_denominator=1000):
    """``resample_poly`` to `new_fs` (the ratio as a fraction up/down): (samples, actual new rate, up, down)."""
    x = _signal(signal)
    fs, new_fs = _fs(fs), _fs(new_fs)
    if new_fs < fs / max_denominator:
        raise LimitError(f"The new rate must be at least 1/{max_denominator} of the current one "
                         f"({fs / max_denominator:g} Hz), got {new_fs:g} Hz.")
    ratio = Fraction(new_fs / fs).limit_denominator(max_denominator)
    up, down = ratio.numerator, ratio.denominator
    if up * x.size > 2_000_000_000 or up > 10_000:
        raise LimitError("That resampling ratio is too large.")
    return sps.resample_poly(x, up, down), fs * up / down, up, down


def naive_decimate(signal, factor):
    """Every `factor`-th sample, with no anti-aliasing filter (what not to do)."""
    factor = int(factor)
    if factor < 1:
        raise DataError("The decimation factor must be at least 1.")
    return np.asarray(signal)[::factor]
