"""Regenerate the bundled sample signals (python3 -m core.spectral.samples.make_signals).

Synthetic, from fixed seeds, so free of licence terms (CC0). No real recording is bundled: none with a clear
free licence was at hand offline; the synthetic ones show the same phenomena and are documented exactly.
"""

import struct
from pathlib import Path

import numpy as np
from scipy.io import wavfile
from scipy.signal import chirp

_HERE = Path(__file__).resolve().parent


def wav24(path, fs, x):
    """Write float samples in [-1, 1], shape (n,) or (n, channels), as 24-bit PCM (scipy cannot)."""
    x = np.atleast_2d(np.asarray(x).T).T
    ints = np.round(np.clip(x, -1, 1) * (2 ** 23 - 1)).astype("<i4")
    raw = ints.reshape(-1, 1).view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    ch = x.shape[1]
    fmt = struct.pack("<HHIIHH", 1, ch, fs, fs * 3 * ch, 3 * ch, 24)
    body = b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt + b"data" + struct.pack("<I", len(raw)) + raw
    Path(path).write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)


def tones_and_chirp():
    fs, dur = 16000, 3.0
    t = np.arange(int(fs * dur)) / fs
    rng = np.random.default_rng(20261125)
    x = 0.3 * np.sin(2 * np.pi * 440 * t) + 0.3 * chirp(t - 0.5, 200, dur - 0.5, 6000) * (t >= 0.5)
    x += 0.15 * np.sin(2 * np.pi * 2500 * t) * ((t > 1.2) & (t < 1.8)) + 0.02 * rng.standard_normal(t.size)
    return fs, x


def machine_vibration():
    fs, dur = 4000, 5.0
    t = np.arange(int(fs * dur)) / fs
    rng = np.random.default_rng(7)
    shaft = sum(0.25 / k * np.sin(2 * np.pi * 50 * k * t + k) for k in range(1, 6))
    left = shaft + 0.03 * rng.standard_normal(t.size)
    impacts = np.zeros(t.size)
    impacts[(np.arange(0, dur, 1 / 7.3) * fs).astype(int)] = 1.0
    ring = np.exp(-np.arange(200) / fs * 300) * np.sin(2 * np.pi * 1200 * np.arange(200) / fs)
    right = 0.6 * shaft + 0.4 * np.convolve(impacts, ring)[: t.size] + 0.03 * rng.standard_normal(t.size)
    return fs, np.column_stack([left, right]) * 0.9


def sensor_csv():
    fs, n = 500, 2000
    t = np.arange(n) / fs
    rng = np.random.default_rng(11)
    accel = np.sin(2 * np.pi * 12 * t) + 0.4 * np.sin(2 * np.pi * 60 * t) + 0.2 * rng.standard_normal(n)
    lines = ["time_s,accel_g"] + [f"{a:.6f},{b:.6f}" for a, b in zip(t, accel)]
    return "\n".join(lines) + "\n"


def main():
    fs, x = tones_and_chirp()
    wavfile.write(_HERE / "signal_tones_chirp.wav", fs, np.round(x * 32767).astype(np.int16))
    fs, x = machine_vibration()
    wav24(_HERE / "signal_machine_24bit_stereo.wav", fs, x)
    (_HERE / "signal_sensor_500hz.csv").write_text(sensor_csv())


if __name__ == "__main__":
    main()
