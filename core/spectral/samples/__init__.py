"""Bundled samples of this capability: small, documented (source and licence in README.md beside them).

Each sample names the columns, model or settings a page starts with, so the page shows a useful result
the moment it opens."""

from core.common.samples import Catalogue, Sample

__all__ = ["SAMPLES"]

SAMPLES = Catalogue(__file__, [
    Sample("signal_tones", "Tones and a chirp (16-bit WAV)", "signal_tones_chirp.wav",
           "A steady 440 Hz tone, a chirp sweeping 200 Hz to 6 kHz from 0.5 s, and a 2.5 kHz burst between 1.2 "
           "and 1.8 s, at 16 kHz: the time-frequency trade-off at a glance.",
           "Synthetic (core/spectral/samples/make_signals.py, seed 20261125)",
           {"nperseg": 512, "cutoff": 1000.0}),
    Sample("signal_machine", "Machine vibration, 2 channels (24-bit WAV)", "signal_machine_24bit_stereo.wav",
           "Shaft harmonics of 50 Hz on both channels; channel 2 also carries bearing impacts 7.3 times a second "
           "that ring at 1.2 kHz. Choose the channel; a band-pass around 1.2 kHz isolates the impacts.",
           "Synthetic (core/spectral/samples/make_signals.py, seed 7)",
           {"channel": 1, "nperseg": 256, "btype": "bandpass", "cutoff": (900.0, 1500.0)}),
    Sample("signal_sensor", "Accelerometer with mains hum (CSV, 500 Hz)", "signal_sensor_500hz.csv",
           "A 12 Hz motion with 60 Hz mains interference and noise, one value per row at 500 Hz: a low-pass "
           "filter below 60 Hz cleans it.", "Synthetic (core/spectral/samples/make_signals.py, seed 11)",
           {"column": "accel_g", "fs": 500.0, "nperseg": 128, "cutoff": 30.0}),
])
