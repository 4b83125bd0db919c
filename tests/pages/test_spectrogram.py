"""Spectrogram page flows through AppTest: samples, uploads (good and bad), settings, filters, URL state."""

import io
import struct

import numpy as np
import pytest
from scipy.io import wavfile

from core.spectral.samples.make_signals import wav24
from core.spectral.samples import SAMPLES
from tests.conftest import shown, table_with
from ui.pages import page as page_info

PAGE = page_info("spectrogram")


def _wav(x, fs=8000, dtype=np.int16):
    buf = io.BytesIO()
    wavfile.write(buf, fs, (np.round(x * 32767) if dtype == np.int16 else x).astype(dtype))
    return buf.getvalue()



@pytest.fixture
def page(driver):
    return driver(PAGE).run()



def test_default_sample_shows_everything(page):
    assert page.metric("frequency resolution fs/N") == "31.25 Hz"
    assert not page.errors
    assert len(page.at.get("plotly_chart")) == 2, "the waveform and the open tab's spectrogram; closed tabs wait"
    assert len(page.tab("Filter").at.get("plotly_chart")) == 6  # response, poles and zeros, waveforms, spectrogram, FIR vs IIR
    code = page.code()
    assert "sps.spectrogram(" in code and "sps.iirfilter(" in code and "signal_tones_chirp.wav" in code


def test_window_in_seconds_and_overlap(page):
    page.set("segmented_control", "unit", "seconds")
    page.set("number_input", "seconds", 0.064)
    assert page.metric("frequency resolution fs/N") == "15.62 Hz"
    page.set("slider", "overlap", 75)
    assert page.metric("time step hop/fs") == "16 ms"


def test_window_longer_than_signal_is_clamped(driver):
    d = driver(PAGE, query={"sp_sample": "signal_sensor", "sp_nperseg": "100000"}).run()
    assert "longer than the signal" in d.warnings and not d.errors


def test_stereo_24bit_sample_has_a_channel_choice(page):
    page.set("selectbox", "sample", "signal_machine")
    assert "24-bit" in " ".join(shown(c.value) for c in page.at.caption)
    assert page.at.selectbox(key="sp_channel").value == 1
    page.set("selectbox", "channel", 0)
    assert not page.errors


@pytest.mark.parametrize("content,name,message", [
    (b"", "empty.wav", "empty"),
    (b"hello, I am text", "fake.wav", "not a WAV"),
    (struct.pack("<4sI4s", b"RIFF", 4, b"WAVE"), "hdr.wav", "no format"),
])
def test_bad_uploads_show_a_message(page, content, name, message):
    page.upload(content, name, "audio/wav")
    assert message in page.errors
    assert not page.at.exception


def test_upload_24bit_and_float_wavs(page, tmp_path):
    t = np.arange(8000) / 8000
    wav24(tmp_path / "a.wav", 8000, 0.5 * np.sin(2 * np.pi * 440 * t))
    page.upload((tmp_path / "a.wav").read_bytes(), "rec.wav", "audio/wav")
    assert not page.errors
    page.upload(_wav(np.sin(2 * np.pi * 300 * t).astype(np.float32), dtype=np.float32), "f.wav", "audio/wav")
    assert not page.errors and "32-bit IEEE float" in " ".join(shown(c.value) for c in page.at.caption)


def test_csv_column_with_nan_is_refused(page):
    page.upload(b"t,v\n0,1\n1,2\n2,\n" + b"".join(b"%d,%d\n" % (i, i % 7) for i in range(3, 60)), "s.csv",
            "text/csv")
    assert "missing or non-finite" in page.errors


def test_csv_upload_with_a_rate(page):
    rows = b"v\n" + b"".join(b"%.5f\n" % np.sin(i / 5) for i in range(2000))
    page.upload(rows, "s.csv", "text/csv")
    page.set("number_input", "fs", 250.0)
    assert not page.errors
    assert "250 Hz (given)" in " ".join(shown(c.value) for c in page.at.caption)


def test_filter_cutoff_at_nyquist_and_band_order(page):
    page.set("number_input", "fc", 8000.0)
    assert "Nyquist" in page.errors
    page.set("selectbox", "btype", "bandpass")
    page.set("number_input", "f1", 3000.0)
    page.set("number_input", "f2", 1000.0)
    assert "wrong order" in page.errors


def test_filter_kinds_and_causal(page):
    for kind in ("cheby1", "cheby2", "ellip", "bessel"):
        page.set("selectbox", "fkind", kind)
        assert not page.errors, kind
    page.set("segmented_control", "phase", "causal")
    assert "sosfilt(sos, x)" in page.code()


def test_synthetic_signals(page):
    page.at.session_state["sp_source"] = "Synthetic"
    page.run()
    for kind in ("sines", "log_chirp", "square", "am", "fm", "white", "pink"):
        page.set("selectbox", "syn_kind", kind)
        assert not page.errors, kind
    assert "sps.spectrogram" in page.code() and "rng = np.random.default_rng" in page.code()


def test_resample_rate(page):
    page.tab("Resample").set("number_input", "newfs", 11025.0)
    assert "up=" in " ".join(shown(c.value) for c in page.at.caption) and not page.errors


def test_fir_family_is_applied_compared_and_exported(page, run_script):
    f = page.tab("Filter")
    f.set("segmented_control", "family", "FIR")
    f.set("selectbox", "fir_method", "remez")
    f.set("segmented_control", "fir_apply", "oaconvolve")
    assert not f.errors
    compare = table_with(f.at, "linear phase")
    assert list(compare["design"]) == ["IIR", "FIR"] and list(compare["linear phase"]) == ["no", "yes"]
    assert int(compare.iloc[1]["order"]) == 100                      # 101 taps
    captions = " ".join(shown(c.value) for c in f.at.caption)
    assert "linear phase" in captions and "50 samples" in captions
    code = f.code()
    assert "sps.remez(101" in code and "sps.oaconvolve(x, taps)" in code
    run_script(code, files={"signal_tones_chirp.wav": SAMPLES.load("signal_tones")})


def test_a_fir_that_cannot_be_designed_does_not_block_the_iir(page):
    f = page.tab("Filter")
    f.set("number_input", "transition", 3000.0)                       # does not fit around the 1 kHz cut-off
    assert not f.errors and "does not fit" in " ".join(shown(c.value) for c in f.at.caption)
    assert "sps.iirfilter(" in f.code()
    f.set("segmented_control", "family", "FIR")
    assert "does not fit" in f.errors
