"""Synthetic test signals: tones, chirps, square waves, AM/FM, white and pink noise, with noise and a seed.

:func:`synth_source` gives the same computation as Python source, so an exported script regenerates the
signal bit for bit instead of reading a file.
"""

import numpy as np
from scipy import signal as sps

from core.common.errors import DataError, LimitError
from core.common.validate import Bound, check_float

__all__ = ["SYNTH_RATE", "SYNTH_DURATION", "SIGNAL_KINDS", "make_signal", "synth_source", "MAX_SYNTH_SAMPLES"]

#: Sample rate and duration of a synthetic signal (the widgets read these too).
SYNTH_RATE = Bound(100.0, 192_000.0, "Hz")
SYNTH_DURATION = Bound(0.01, 600.0, "s")

SIGNAL_KINDS = {
    "sines": "Two sines (f0 and f1 at half amplitude)",
    "linear_chirp": "Linear chirp from f0 to f1",
    "log_chirp": "Logarithmic chirp from f0 to f1",
    "square": "Square wave at f0",
    "am": "AM tone: carrier f0, modulation fm",
    "fm": "FM tone: carrier f0, deviation f1 - f0, modulation fm",
    "white": "White noise",
    "pink": "Pink (1/f) noise",
}
MAX_SYNTH_SAMPLES = 30_000_000

_BODY = {
    "sines": "x = np.sin(2 * np.pi * f0 * t) + 0.5 * np.sin(2 * np.pi * f1 * t)",
    "linear_chirp": "x = sps.chirp(t, f0, duration, f1, method='linear')",
    "log_chirp": "x = sps.chirp(t, f0, duration, f1, method='logarithmic')",
    "square": "x = sps.square(2 * np.pi * f0 * t)",
    "am": "x = (1 + 0.5 * np.sin(2 * np.pi * fm * t)) * np.sin(2 * np.pi * f0 * t) / 1.5",
    "fm": "x = np.sin(2 * np.pi * f0 * t + (f1 - f0) / fm * np.sin(2 * np.pi * fm * t))",
    "white": "x = rng.standard_normal(n) / 3",
    "pink": ("spectrum = np.fft.rfft(rng.standard_normal(n))\n"
             "scale = np.ones(spectrum.size)\n"
             "scale[1:] = 1 / np.sqrt(np.arange(1, spectrum.size))\n"
             "x = np.fft.irfft(spectrum * scale, n)\n"
             "x = x / (3 * x.std())"),
}


def synth_source(kind, *, fs, duration, amplitude, noise, rng, f0, f1, fm):
    """Python source that defines ``fs`` and ``x`` (numpy as np, scipy.signal as sps); `rng` is an int seed."""
    if kind not in SIGNAL_KINDS:
        raise DataError(f"Unknown signal {kind!r}; choose one of {', '.join(SIGNAL_KINDS)}.")
    lines = [f"fs = {float(fs)!r}", f"duration = {float(duration)!r}", f"f0, f1, fm = {float(f0)!r}, {float(f1)!r}, "
             f"{float(fm)!r}", f"rng = np.random.default_rng({int(rng)})", "n = int(round(fs * duration))",
             "t = np.arange(n) / fs", _BODY[kind], f"x = {float(amplitude)!r} * x"]
    if noise:
        lines.append(f"x = x + {float(noise)!r} * rng.standard_normal(n)")
    return "\n".join(lines)


def make_signal(kind, *, fs=8000.0, duration=2.0, amplitude=0.8, noise=0.0, rng=0, f0=440.0, f1=2000.0,
                fm=5.0):
    """(x, notes): the signal of `kind` sampled at `fs` for `duration` seconds; `rng` seeds the noise (an int or a
    ``numpy.random.Generator``)."""
    fs = check_float(fs, SYNTH_RATE, "fs (sample rate)")
    duration = check_float(duration, SYNTH_DURATION, "duration")
    if round(fs * duration) < 16:
        raise DataError("That is fewer than 16 samples; lengthen the signal.")
    if round(fs * duration) > MAX_SYNTH_SAMPLES:
        raise LimitError(f"At most {MAX_SYNTH_SAMPLES:,} synthetic samples; shorten it or lower the rate.")
    if not (0 <= noise <= 10 and 0 <= amplitude <= 10):
        raise LimitError("Amplitude and noise must be between 0 and 10.")
    if kind in ("log_chirp",) and (f0 <= 0 or f1 <= 0):
        raise DataError("A logarithmic chirp needs f0 and f1 above 0 Hz.")
    if kind in ("am", "fm") and fm <= 0:
        raise DataError("The modulation frequency must be above 0 Hz.")
    if kind not in SIGNAL_KINDS:
        raise DataError(f"Unknown signal {kind!r}; choose one of {', '.join(SIGNAL_KINDS)}.")
    f0, f1, fm = float(f0), float(f1), float(fm)
    notes = []
    top = max(f0, f1) if kind in ("sines", "linear_chirp", "log_chirp", "fm") else f0
    if kind not in ("white", "pink") and top >= fs / 2:
        notes.append(f"{top:g} Hz is at or above the Nyquist frequency ({fs / 2:g} Hz): it aliases to a lower "
                     "frequency. That is what the spectrogram will show.")
    rng = np.random.default_rng(rng)
    n = int(round(fs * duration))
    t = np.arange(n) / fs
    x = _generate(kind, t, n, rng, duration, f0, f1, fm)
    x = float(amplitude) * x
    if noise:
        x = x + float(noise) * rng.standard_normal(n)
    return x, notes


def _generate(kind, t, n, rng, duration, f0, f1, fm):
    """The same formulas as _BODY (a test checks that the exported source gives identical samples)."""
    if kind == "sines":
        return np.sin(2 * np.pi * f0 * t) + 0.5 * np.sin(2 * np.pi * f1 * t)
    if kind == "linear_chirp":
        return sps.chirp(t, f0, duration, f1, method="linear")
    if kind == "log_chirp":
        return sps.chirp(t, f0, duration, f1, method="logarithmic")
    if kind == "square":
        return sps.square(2 * np.pi * f0 * t)
    if kind == "am":
        return (1 + 0.5 * np.sin(2 * np.pi * fm * t)) * np.sin(2 * np.pi * f0 * t) / 1.5
    if kind == "fm":
        return np.sin(2 * np.pi * f0 * t + (f1 - f0) / fm * np.sin(2 * np.pi * fm * t))
    if kind == "white":
        return rng.standard_normal(n) / 3
    if kind == "pink":
        spectrum = np.fft.rfft(rng.standard_normal(n))
        scale = np.ones(spectrum.size)
        scale[1:] = 1 / np.sqrt(np.arange(1, spectrum.size))
        x = np.fft.irfft(spectrum * scale, n)
        return x / (3 * x.std())
    raise DataError(f"Unknown signal {kind!r}; choose one of {', '.join(SIGNAL_KINDS)}.")
