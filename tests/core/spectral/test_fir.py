"""core.spectral.design_fir: the taps scipy.signal.firwin gives, with the input checked."""

import numpy as np
import pytest
from scipy import signal

from core.common import DataError, LimitError
from core.spectral import FIR_WINDOWS, design_fir


@pytest.mark.parametrize("window", FIR_WINDOWS)
@pytest.mark.parametrize("cutoff, pass_zero, numtaps", [(1000.0, True, 64), (1000.0, False, 65),
                                                       ((500.0, 2000.0), False, 100), ((500.0, 2000.0), True, 101)])
def test_equals_firwin(window, cutoff, pass_zero, numtaps):
    taps = design_fir(numtaps, cutoff, 8000.0, pass_zero=pass_zero, window=window)
    ref = signal.firwin(numtaps, cutoff, fs=8000.0, pass_zero=pass_zero, window=window)
    assert np.array_equal(taps, ref)
    assert np.allclose(taps, taps[::-1])  # symmetric: linear phase


def test_the_design_does_what_it_says():
    taps = design_fir(101, 1000.0, 8000.0)
    w, h = signal.freqz(taps, worN=[200.0, 3000.0], fs=8000.0)
    assert abs(abs(h[0]) - 1) < 0.01 and abs(h[1]) < 0.01  # passes 200 Hz, stops 3 kHz


@pytest.mark.parametrize("numtaps, cutoff, pass_zero, message", [
    (64, 1000.0, False, "odd number of taps; use 65"), (2, 1000.0, True, "numtaps"),
    (101, 4000.0, True, "Nyquist"), (101, (2000.0, 500.0), False, "wrong order"), (101, 0.0, True, "between 0"),
    (101, (1.0, 2.0, 3.0), True, "one cut-off"),
])
def test_bad_designs_get_a_message(numtaps, cutoff, pass_zero, message):
    with pytest.raises((DataError, LimitError), match=message):
        design_fir(numtaps, cutoff, 8000.0, pass_zero=pass_zero)
    with pytest.raises(DataError, match="window"):
        design_fir(101, 1000.0, 8000.0, window="tukey")


def test_before_and_after_both_show():
    # The filtered "after" trace once hid the "before" one under it.
    from core.spectral import waveform_figure

    x = np.sin(np.arange(4000) / 20)
    fig, _ = waveform_figure([("before", x), ("after", 0.9 * x)], 8000.0)
    assert fig.data[0].opacity == 1 and fig.data[1].opacity < 1


# -- the FIR designs of the filter tab (design_fir_filter), how they are applied, and the FIR/IIR comparison ----

from core.common import BudgetError
from core.spectral import (FIR_APPLY, apply_fir, compare_designs, design_filter, design_fir_filter,
                           fir_response, spec_bands)

BANDS = [("lowpass", (1000.0,)), ("highpass", (1000.0,)), ("bandpass", (500.0, 2000.0)), ("bandstop", (500.0, 2000.0))]


@pytest.mark.parametrize("btype, cutoff", BANDS)
def test_each_method_equals_its_scipy_call_and_meets_the_spec(btype, cutoff):
    fs, tw = 8000.0, 400.0
    passes, stops = spec_bands(btype, cutoff, tw, fs)
    half = tw / 2
    edges = sorted([0.0, fs / 2] + [c + s for c in cutoff for s in (-half, half)])
    on = 1.0 if btype in ("lowpass", "bandstop") else 0.0
    gain = [on, on, 1 - on, 1 - on] + ([on, on] if len(cutoff) == 2 else [])
    expected = {
        "firwin": signal.firwin(101, cutoff if len(cutoff) == 2 else cutoff[0], fs=fs,
                                pass_zero=btype in ("lowpass", "bandstop"), window="blackman"),
        "firwin2": signal.firwin2(101, edges, gain, fs=fs, window="blackman"),
        "remez": signal.remez(101, edges, gain[::2], fs=fs),
    }
    for method, ref in expected.items():
        d = design_fir_filter(method, 101, cutoff, fs, btype=btype, window="blackman", transition=tw)
        assert np.array_equal(d.taps, ref), method
        assert np.allclose(d.taps, d.taps[::-1]) and d.delay_samples == 50
        f, h = signal.freqz(d.taps, worN=4096, fs=fs)
        in_pass = np.any([(f >= lo) & (f <= hi) for lo, hi in passes], axis=0)
        in_stop = np.any([(f >= lo) & (f <= hi) for lo, hi in stops], axis=0)
        assert np.abs(h[in_pass]).min() > 0.9 and np.abs(h[in_stop]).max() < 0.1, method


def test_linear_phase_is_a_constant_delay():
    d = design_fir_filter("firwin", 81, (1000.0,), 8000.0)
    f, mag, phase, zeros = fir_response(d)
    band = f < 800
    slope = np.polyfit(f[band], np.radians(phase[band]), 1)[0]
    assert slope / (-2 * np.pi) * 8000.0 == pytest.approx(40.0, rel=1e-6)   # (81 - 1) / 2 samples
    assert zeros.size == 80


def test_the_three_ways_to_apply():
    rng = np.random.default_rng(1)
    x = rng.normal(size=5000)
    d = design_fir_filter("remez", 41, (1000.0,), 8000.0, transition=500.0)
    assert np.array_equal(apply_fir(x, d, mode="lfilter"), signal.lfilter(d.taps, [1.0], x))
    assert np.array_equal(apply_fir(x, d, mode="filtfilt"), signal.filtfilt(d.taps, [1.0], x))
    shifted = apply_fir(x, d, mode="oaconvolve")
    np.testing.assert_allclose(shifted[:-20], np.convolve(x, d.taps)[20:x.size], atol=1e-12)  # delay of 20 removed
    with pytest.raises(BudgetError, match="oaconvolve"):
        apply_fir(np.zeros(5_000_000), design_fir_filter("firwin", 4001, (1000.0,), 8000.0), mode="filtfilt")
    assert set(FIR_APPLY) == {"filtfilt", "lfilter", "oaconvolve"}


@pytest.mark.parametrize("kwargs, message", [
    (dict(method="firwin", numtaps=100, cutoff=(1000.0,), btype="highpass"), "odd number of taps; use 101"),
    (dict(method="firwin2", numtaps=101, cutoff=(100.0,), transition=400.0), "does not fit"),
    (dict(method="remez", numtaps=101, cutoff=(500.0, 600.0), btype="bandpass", transition=200.0), "does not fit"),
    (dict(method="remez", numtaps=1001, cutoff=(1000.0,), transition=1000.0), "converge"),
    (dict(method="remez", numtaps=2001, cutoff=(1000.0,)), "numtaps"),
    (dict(method="firls", numtaps=11, cutoff=(1000.0,)), "Unknown FIR method"),
])
def test_bad_fir_designs_get_a_message(kwargs, message):
    with pytest.raises((DataError, LimitError), match=message):
        design_fir_filter(fs=8000.0, **kwargs)


def test_comparison_measures_both_against_the_same_spec():
    fs = 8000.0
    iir = design_filter("ellip", 5, 1000.0, fs, rp=0.5, rs=60.0)
    fir = design_fir_filter("remez", 121, (1000.0,), fs, transition=400.0)
    rows, curves, (passes, stops) = compare_designs(iir, fir)
    by = {r["design"]: r for r in rows}
    f = np.linspace(0, fs / 2, 4096)
    db = 20 * np.log10(np.abs(signal.sosfreqz(iir.sos, worN=f, fs=fs)[1]))
    assert by["IIR"]["pass-band ripple (dB)"] == pytest.approx(np.ptp(db[f <= 800]), abs=1e-9)
    assert by["IIR"]["stop-band attenuation (dB)"] == pytest.approx(-db[f >= 1200].max(), abs=1e-9)
    assert by["IIR"]["pass-band ripple (dB)"] <= 0.5 + 1e-6 and by["IIR"]["order"] == 5
    assert by["FIR"]["order"] == 120 and by["FIR"]["delay in the pass-band (ms)"] == "7.5"
    lo, hi = map(float, by["IIR"]["delay in the pass-band (ms)"].split(" to "))
    _, gd = signal.group_delay(signal.sos2tf(iir.sos), w=[100.0, 700.0], fs=fs)
    assert lo <= gd.min() / fs * 1000 + 1e-6 and gd.max() / fs * 1000 <= hi + 1e-6 and hi > 1.5 * lo  # varies
    assert len(curves) == 2 and passes == [(0.0, 800.0)] and stops == [(1200.0, 4000.0)]


def test_kaiser_window_takes_its_beta_from_the_transition_width():
    from core.spectral import kaiser_taps

    d = design_fir_filter("firwin", 101, (1000.0,), 8000.0, window="kaiser", transition=300.0)
    assert np.array_equal(d.taps, signal.firwin(101, 1000.0, width=300.0, fs=8000.0, pass_zero=True))
    numtaps, beta = kaiser_taps(60.0, 300.0, 8000.0)
    assert (numtaps, beta) == signal.kaiserord(60.0, 300.0 / 4000.0)
    assert "width=300.0" in d.call()
    assert np.array_equal(eval(d.call(), {"sps": signal}), d.taps)      # the exported call (our own text)
    with pytest.raises(DataError, match="kaiser"):
        design_fir_filter("firwin2", 101, (1000.0,), 8000.0, window="kaiser")
