"""The bundled signals are what their descriptions say (the chirp's text once disagreed with its signal)."""

import numpy as np
from scipy import signal as sps

from core.spectral import read_wav
from core.spectral.samples import SAMPLES

N = 2048


def _spectrum(x, fs, t0):
    start = int(t0 * fs)
    return np.fft.rfftfreq(N, 1 / fs), np.abs(np.fft.rfft(x[start:start + N] * sps.get_window("hann", N)))


def test_chirp_starts_at_200_hz_at_half_a_second_and_ends_at_6_khz():
    fs, x = read_wav(SAMPLES.path("signal_tones").read_bytes())
    x = np.asarray(x, dtype=float).reshape(len(x), -1)[:, 0]
    assert fs == 16000
    # the linear chirp: f(t) = 200 + 5800 (t - 0.5) / 2.5 Hz from t = 0.5 s on
    for t0 in (0.6, 1.0, 2.0, 2.8):
        freqs, spec = _spectrum(x, fs, t0)
        expected = 200 + 5800 * (t0 + N / 2 / fs - 0.5) / 2.5
        keep = (freqs > max(expected - 400, 600)) & (freqs < expected + 400)
        assert abs(freqs[keep][np.argmax(spec[keep])] - expected) < 60, t0
    # before 0.5 s there is no chirp: only the 440 Hz tone and noise
    freqs, before = _spectrum(x, fs, 0.2)
    assert before[(freqs > 600)].max() < 0.05 * before.max()
