"""The signal page's exported script, run in a subprocess: its printed numbers equal the page's."""

import io

import numpy as np
import pandas as pd
import pytest

from core.spectral.samples import SAMPLES
from core.spectral import (FIR_APPLY, FIR_METHODS, apply_filter, apply_fir, design_filter, design_fir_filter,
                           load_wav, spectrogram, welch_psd)
from core.spectral import signal_script
from core.spectral import make_signal


def _cases():
    wav = SAMPLES["signal_machine"]
    samples, info = load_wav(SAMPLES.load("signal_machine"))
    yield ("wav", samples[:, 1], info.fs, {"kind": "wav", "file_name": wav.file, "channel": 1},
           SAMPLES.load("signal_machine"))
    frame = pd.read_csv(io.BytesIO(SAMPLES.load("signal_sensor")))
    yield ("csv", frame["accel_g"].to_numpy(float), 500.0, {"kind": "csv", "file_name": "x.csv", "column": "accel_g",
                                                             "fs": 500.0}, None)
    params = dict(fs=8000.0, duration=0.5, amplitude=0.8, noise=0.05, rng=3, f0=100.0, f1=3000.0, fm=5.0)
    x, _ = make_signal("fm", **params)
    yield ("synthetic", x, 8000.0, {"kind": "synthetic", "signal": "fm", **params}, None)


@pytest.mark.parametrize("case", list(_cases()), ids=lambda c: c[0])
@pytest.mark.parametrize("zero_phase", [True, False])
def test_script_reproduces_the_page(run_script, case, zero_phase):
    _, x, fs, export, data = case
    spectro = {"window": "hamming", "nperseg": 256, "noverlap": 200, "nfft": 512, "scaling": "spectrum"}
    welch = {"window": "hann", "nperseg": 128, "scaling": "density"}
    span = (100, x.size - 50)
    design = design_filter("ellip", 3, (60.0, 180.0), fs, btype="bandpass", rp=1.0, rs=50.0)
    script, needs_file = signal_script(export, x, source_note="test", spectro=spectro, welch=welch, span=span,
                                       design=design, apply=zero_phase)
    assert not needs_file
    printed = run_script(script, files=None if data is None else {export["file_name"]: data})
    sg = spectrogram(x, fs, **spectro)
    assert printed["spectrogram_cells"] == sg.power.size
    assert printed["spectrogram_total"] == pytest.approx(float(sg.power.sum()), rel=1e-12)
    f, p, _, _ = welch_psd(x[span[0]:span[1]], fs, **welch)
    assert printed["welch_peak_Hz"] == float(f[np.argmax(p)])
    y = apply_filter(x, design, zero_phase=zero_phase)
    assert printed["filtered_rms"] == pytest.approx(float(np.sqrt(np.mean(y ** 2))), rel=1e-12)
    assert printed["sos_sum"] == float(design.sos.sum())


@pytest.mark.parametrize("method", list(FIR_METHODS))
@pytest.mark.parametrize("mode", list(FIR_APPLY))
def test_fir_script_reproduces_the_page(run_script, method, mode):
    _, x, fs, export, _ = list(_cases())[2]
    design = design_fir_filter(method, 61, (500.0, 1500.0), fs, btype="bandpass", window="blackman",
                               transition=300.0)
    spectro = {"window": "hann", "nperseg": 256, "noverlap": 128, "nfft": 256, "scaling": "density"}
    welch = {"window": "hann", "nperseg": 256, "scaling": "density"}
    script, _ = signal_script(export, x, source_note="test", spectro=spectro, welch=welch, span=(0, x.size),
                              design=design, apply=mode)
    printed = run_script(script)
    y = apply_fir(x, design, mode=mode)
    assert printed["filtered_rms"] == pytest.approx(float(np.sqrt(np.mean(y ** 2))), rel=1e-12)
    assert printed["taps_sum"] == float(design.taps.sum())
