"""core.spectral.analysis against scipy.signal: WAV reading (every encoding, every broken file), spectrogram, filters."""

import io
import struct

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import signal as sps
from scipy.io import wavfile

from core.common import DataError, LimitError
from core.spectral.samples.make_signals import wav24
from core.spectral import SIGNAL_KINDS, make_signal, synth_source
from core.spectral import (apply_filter, design_filter, fft_magnitude, find_spectral_peaks, load_wav, naive_decimate,
                           parseval_check, pool_max, read_wav, resample, spectrogram, wav_bytes, welch_psd)

FS = 8000


def _wav(x, dtype, fs=FS):
    buf = io.BytesIO()
    wavfile.write(buf, fs, x.astype(dtype) if not isinstance(dtype, str) else x)
    return buf.getvalue()


@pytest.fixture
def tone():
    t = np.arange(FS) / FS
    return 0.5 * np.sin(2 * np.pi * 440 * t)


# -- reading WAV ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype,scale,tol", [(np.int16, 2 ** 15, 2 ** -15), (np.int32, 2 ** 31, 1e-9),
                                             (np.float32, None, 1e-7), (np.float64, None, 0)])
def test_encodings_scale_to_unit_range(tone, dtype, scale, tol):
    data = _wav(np.round(tone * (scale - 1)) if scale else tone, dtype)
    fs, x = read_wav(data)
    assert fs == FS and x.dtype == np.float64 and x.shape == tone.shape
    np.testing.assert_allclose(x, tone, atol=tol + 1e-12)


def test_8bit_is_unsigned(tone):
    fs, x = read_wav(_wav(np.round(tone * 127 + 128), np.uint8))
    np.testing.assert_allclose(x, tone, atol=1 / 128)


def test_24bit_comes_out_at_the_right_scale(tmp_path, tone):
    # scipy returns 24-bit PCM as int32 shifted left by 8 bits: dividing by 2**23 would give 256 x too loud.
    wav24(tmp_path / "a.wav", FS, tone)
    samples, info = load_wav((tmp_path / "a.wav").read_bytes())
    assert info.bits == 24 and np.max(np.abs(samples)) == pytest.approx(0.5, abs=1e-6)
    np.testing.assert_allclose(samples, tone, atol=2 ** -22)


def test_multichannel_shape_and_info(tmp_path, tone):
    wav24(tmp_path / "s.wav", FS, np.column_stack([tone, -tone, tone / 2]))
    samples, info = load_wav((tmp_path / "s.wav").read_bytes())
    assert samples.shape == (FS, 3) and info.channels == 3 and info.duration == 1.0
    np.testing.assert_allclose(samples[:, 1], -tone, atol=2 ** -22)


def _riff(fmt_tag=1, channels=1, rate=FS, bits=16, data=b"\x00\x00" * 10, with_data=True):
    fmt = struct.pack("<HHIIHH", fmt_tag, channels, rate, rate * max(channels, 1) * bits // 8,
                      max(channels, 1) * bits // 8, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt
    if with_data:
        body += b"data" + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


@pytest.mark.parametrize("data,match", [
    (b"", "empty"),
    (b"time,value\n0,1\n", "not a WAV"),
    (b"RIFF\x10\x00\x00\x00WAVEfmt ", "no format|truncated"),
    (_riff(channels=0), "0 channels"),
    (_riff(with_data=False), "no data chunk"),
    (_riff(rate=0), "0 Hz"),
    (_riff(data=b""), "no samples|zero length"),
    (_riff(fmt_tag=7, bits=8), "µ-law.*PCM"),
    (_riff(fmt_tag=2, bits=4), "ADPCM.*PCM"),
])
def test_broken_wavs_raise_clear_errors(data, match):
    with pytest.raises(DataError, match=match):
        read_wav(data)


def test_truncated_wav(tone):
    data = _wav(np.round(tone * 32767), np.int16)
    try:
        samples, info = load_wav(data[: len(data) // 2 + 1])
    except DataError as exc:  # either a clear error ...
        assert "WAV" in str(exc)
    else:                     # ... or the samples that are there, with a note
        assert samples.size < tone.size


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_inf_in_float_wav(tone, bad):
    x = tone.astype(np.float32)
    x[100] = bad
    with pytest.raises(DataError, match="NaN or infinite"):
        read_wav(_wav(x, np.float32))


def test_too_many_samples_refused_from_the_header(monkeypatch, tone):
    import core.spectral.analysis

    monkeypatch.setattr(core.spectral.analysis, "MAX_SAMPLES", 1000)
    with pytest.raises(LimitError):
        read_wav(_wav(np.round(tone * 32767), np.int16))


def test_wav_bytes_round_trip(tone):
    data, note = wav_bytes(tone, FS)
    assert note is None
    np.testing.assert_allclose(read_wav(data)[1], tone, atol=2 ** -14)
    loud, note = wav_bytes(tone * 4, FS)
    assert "Scaled" in note and np.max(np.abs(read_wav(loud)[1])) <= 1


# -- spectrogram: the contract ----------------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(n=st.integers(64, 5000), nperseg=st.integers(8, 512), overlap=st.floats(0, 0.95), pad=st.sampled_from([1, 2, 3]),
       window=st.sampled_from(["hann", "hamming", "blackman", "boxcar", "flattop"]),
       scaling=st.sampled_from(["density", "spectrum"]), seed=st.integers(0, 1000))
def test_spectrogram_equals_scipy(n, nperseg, overlap, pad, window, scaling, seed):
    x = np.random.default_rng(seed).standard_normal(n)
    nperseg = min(nperseg, n)
    noverlap = min(int(nperseg * overlap), nperseg - 1)
    nfft = nperseg * pad
    ours = spectrogram(x, 1000.0, window=window, nperseg=nperseg, noverlap=noverlap, nfft=nfft, scaling=scaling)
    f, t, sxx = sps.spectrogram(x, 1000.0, window=window, nperseg=nperseg, noverlap=noverlap, nfft=nfft,
                                scaling=scaling, mode="psd")
    np.testing.assert_allclose(ours.freqs, f, rtol=1e-12)
    np.testing.assert_allclose(ours.times, t, rtol=1e-12)
    np.testing.assert_allclose(ours.power, sxx, rtol=1e-9, atol=1e-300)


def test_spectrogram_resolution_readout():
    sg = spectrogram(np.random.default_rng(0).standard_normal(10000), 8000, nperseg=400, noverlap=300, nfft=1600)
    assert sg.freq_resolution == 20 and sg.bin_spacing == 5 and sg.time_step == 100 / 8000
    w = sps.get_window("hann", 400)
    assert sg.enbw_hz == pytest.approx(8000 * np.sum(w ** 2) / np.sum(w) ** 2)
    assert sg.enbw_hz == pytest.approx(1.5 * 20, rel=0.01)  # Hann: 1.5 bins


def test_nperseg_longer_than_the_signal_is_clamped_with_a_note():
    x = np.random.default_rng(1).standard_normal(100)
    sg = spectrogram(x, 1000, nperseg=256, noverlap=192)
    assert sg.nperseg == 100 and sg.noverlap < 100 and "longer than the signal" in sg.notes[0]


@pytest.mark.parametrize("kw,match", [(dict(noverlap=256), "100 %"), (dict(noverlap=300), "100 %"),
                                      (dict(nperseg=1), "at least 2"), (dict(nfft=100), "FFT length"),
                                      (dict(window="kaiserz"), "Unknown window"), (dict(scaling="db"), "Scaling")])
def test_bad_spectrogram_settings(kw, match):
    with pytest.raises(DataError, match=match):
        spectrogram(np.zeros(1000), 1000, **{"nperseg": 256, **kw})


@pytest.mark.parametrize("fs", [0, -1, np.nan])
def test_bad_sample_rate(fs):
    with pytest.raises(DataError, match="sample rate"):
        spectrogram(np.zeros(1000), fs)


def test_nan_or_2d_signal_refused():
    with pytest.raises(DataError, match="NaN"):
        spectrogram(np.array([0.0, np.nan] * 100), 100)
    with pytest.raises(DataError, match="one channel"):
        spectrogram(np.zeros((100, 2)), 100)


def test_pool_max_keeps_peaks():
    a = np.zeros((1000, 3000))
    a[517, 2222] = 5.0
    pooled, fr, fc = pool_max(a, 400, 600)
    assert pooled.shape[0] <= 400 and pooled.shape[1] <= 600 and pooled.max() == 5.0
    assert pooled.size <= 250_000


# -- spectra ------------------------------------------------------------------------------------------------

def test_welch_and_fft_find_the_tones():
    t = np.arange(4 * FS) / FS
    x = 0.5 * np.sin(2 * np.pi * 440 * t) + 0.2 * np.sin(2 * np.pi * 1250 * t)
    f, p, _, _ = welch_psd(x, FS, nperseg=2048)
    np.testing.assert_allclose(p, sps.welch(x, FS, nperseg=2048, noverlap=1024)[1])
    peaks = find_spectral_peaks(f, p, count=2)
    assert sorted(round(r["frequency_Hz"]) for r in peaks) == [438, 1250] or \
        sorted(abs(r["frequency_Hz"] - g) < 4 for r, g in zip(sorted(peaks, key=lambda r: r["frequency_Hz"]),
                                                                (440, 1250))) == [True, True]
    ff, amp = fft_magnitude(x, FS)
    assert amp[np.argmin(np.abs(ff - 440))] == pytest.approx(0.5, rel=1e-3)   # amplitude reads as amplitude
    assert amp[np.argmin(np.abs(ff - 1250))] == pytest.approx(0.2, rel=1e-3)


def test_parseval_density_integral_is_the_power():
    x = np.random.default_rng(2).standard_normal(200_000) * 0.3
    f, p, _, _ = welch_psd(x, 1000.0, nperseg=1024)
    integral, power, ratio = parseval_check(f, p, x)
    assert ratio == pytest.approx(1, abs=0.02) and power == pytest.approx(0.09, rel=0.02)


# -- filters --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind,opts", [("butter", {}), ("cheby1", {"rp": 0.5}), ("cheby2", {"rs": 50}),
                                       ("ellip", {"rp": 1, "rs": 60}), ("bessel", {})])
@pytest.mark.parametrize("btype,cutoff", [("lowpass", 1000), ("highpass", 300), ("bandpass", (300, 1500)),
                                          ("bandstop", (900, 1100))])
def test_design_equals_iirfilter(kind, opts, btype, cutoff):
    design = design_filter(kind, 4, cutoff, FS, btype=btype, **opts)
    expected = sps.iirfilter(4, cutoff, btype=btype, ftype=kind, output="sos", fs=FS, **opts)
    np.testing.assert_array_equal(design.sos, expected)
    assert design.stable


@pytest.mark.parametrize("cutoff,btype,match", [
    (4000, "lowpass", "Nyquist"), (5000, "highpass", "Nyquist"), ((1000, 4000), "bandpass", "Nyquist"),
    ((1500, 300), "bandpass", "wrong order"), ((1000, 1000), "bandstop", "wrong order"), (0, "lowpass", "above 0"),
    (-5, "lowpass", "above 0"), ((100,), "bandpass", "two cut-off"), ((100, 200), "lowpass", "one cut-off"),
])
def test_bad_designs(cutoff, btype, match):
    with pytest.raises(DataError, match=match):
        design_filter("butter", 4, cutoff, FS, btype=btype)


def test_bad_order_kind_and_options():
    with pytest.raises(LimitError):
        design_filter("butter", 0, 100, FS)
    with pytest.raises(DataError, match="Unknown filter"):
        design_filter("fir", 4, 100, FS)
    with pytest.raises(DataError, match="Unknown filter option"):
        design_filter("butter", 4, 100, FS, ripple=3)


def test_extreme_design_warns_about_stability():
    design = design_filter("butter", 24, 1.0, FS)  # 24th order at 1 Hz of 8 kHz: poles on the unit circle
    assert design.warnings


def test_apply_filter_equals_scipy(tone):
    design = design_filter("butter", 4, 1000, FS)
    np.testing.assert_array_equal(apply_filter(tone, design), sps.sosfiltfilt(design.sos, tone))
    np.testing.assert_array_equal(apply_filter(tone, design, zero_phase=False), sps.sosfilt(design.sos, tone))
    with pytest.raises(DataError, match="Zero-phase filtering needs more than"):
        apply_filter(tone[:10], design)


def test_resample_and_naive_decimation():
    x = np.random.default_rng(3).standard_normal(8000)
    y, new_fs, up, down = resample(x, 8000, 3000)
    assert (up, down) == (3, 8) and new_fs == 3000
    np.testing.assert_array_equal(y, sps.resample_poly(x, 3, 8))
    assert np.array_equal(naive_decimate(x, 4), x[::4])


# -- synthetic signals ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(SIGNAL_KINDS))
def test_synthetic_source_regenerates_the_same_samples(kind):
    params = dict(fs=8000.0, duration=0.25, amplitude=0.7, noise=0.1, rng=5, f0=300.0, f1=1500.0, fm=4.0)
    x, _ = make_signal(kind, **params)
    namespace = {"np": np, "sps": sps}
    exec(synth_source(kind, **params), namespace)  # the exported script's own text, run as the script would
    assert np.array_equal(x, namespace["x"])


def test_synthetic_limits_and_aliasing_note():
    with pytest.raises(LimitError):
        make_signal("white", fs=8000, duration=10_000)
    with pytest.raises(DataError):
        make_signal("log_chirp", f0=0)
    x, notes = make_signal("sines", fs=1000, duration=1, f0=100, f1=700)
    assert "Nyquist" in notes[0]


def test_default_overlaps_follow_scipy():
    # Reported: spectrogram(noverlap=None) used nperseg // 2 where scipy.signal.spectrogram uses nperseg // 8.
    x = np.random.default_rng(4).standard_normal(5000)
    sg = spectrogram(x, 1000.0, window="hann", nperseg=256)
    f, t, sxx = sps.spectrogram(x, 1000.0, window="hann", nperseg=256)
    assert sg.noverlap == 256 // 8
    np.testing.assert_allclose(sg.times, t)
    np.testing.assert_allclose(sg.power, sxx, rtol=1e-12)
    fw, pw, _, _ = welch_psd(x, 1000.0, window="hann", nperseg=256)
    np.testing.assert_allclose(pw, sps.welch(x, 1000.0, window="hann", nperseg=256)[1], rtol=1e-12)  # welch: nperseg // 2
