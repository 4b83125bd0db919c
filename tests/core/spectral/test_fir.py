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
