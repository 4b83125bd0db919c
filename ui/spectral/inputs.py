"""The signal-input widget: a bundled sample, an uploaded WAV or CSV column, or a synthetic signal."""

from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from core.common import MAX_UPLOAD_MB, numeric_columns, safe_file_name, sha256
from core.common import DataError
from core.samples import SAMPLES, load_sample, samples_for
from core.spectral import SIGNAL_KINDS
from core.spectral import MAX_WAV_MB
from ui.spectral.cache import channel_cached, synth_cached, wav_cached
from ui.common.cache import parse_cached
from ui.common.errors import guard
from ui.common.state import reset, seed

__all__ = ["Signal", "require_signal"]

SOURCES = ["Sample", "Upload", "Synthetic"]
_INPUT_KEYS = ("source", "sample", "upload", "channel", "column", "fs", "syn_kind", "syn_fs", "syn_dur", "syn_amp",
               "syn_noise", "syn_seed", "syn_f0", "syn_f1", "syn_fm")


@dataclass(frozen=True)
class Signal:
    x: np.ndarray
    fs: float
    label: str
    digest: str
    description: str
    export: dict
    data: bytes = b""
    defaults: dict = field(default_factory=dict)
    notes: tuple = ()


def _from_wav(prefix, data, label, file_name, defaults):
    digest = sha256(data)
    samples, info = wav_cached(digest, data)
    channel = 0
    if samples.ndim == 2:
        options = list(range(samples.shape[1]))
        seed(f"{prefix}_channel", min(int(defaults.get("channel", 0)), options[-1]), options=options)
        channel = st.selectbox("Channel", options, key=f"{prefix}_channel", format_func=lambda c: f"channel {c + 1}")
        x = channel_cached(digest, channel, samples)
    else:
        x = samples
    export = {"kind": "wav", "file_name": file_name, "channel": channel if samples.ndim == 2 else None}
    return Signal(x, info.fs, label, f"{digest}:{channel}", info.describe(), export, data, defaults, info.notes)


def _from_csv(prefix, data, label, file_name, defaults):
    digest = sha256(data)
    table = parse_cached(digest, (), data)
    numeric = numeric_columns(table.frame)
    if not numeric:
        raise DataError("The table has no numeric column to use as a signal.")
    c1, c2 = st.columns(2)
    default_col = defaults.get("column") if defaults.get("column") in numeric else numeric[-1]
    seed(f"{prefix}_column", default_col, options=numeric)
    column = c1.selectbox("Signal column", numeric, key=f"{prefix}_column")
    seed(f"{prefix}_fs", float(defaults.get("fs", 1000.0)), lo=1e-6, hi=1e7)
    fs = c2.number_input("Sample rate (Hz)", 1e-6, 1e7, key=f"{prefix}_fs", format="%.6g",
                         help="A CSV holds no rate: give the number of samples per second.")
    values = table.frame[column].to_numpy(dtype=float, na_value=np.nan)
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        rows = ", ".join(str(int(r) + 2) for r in bad[:5])
        raise DataError(f"Column {column!r} has {bad.size:,} missing or non-finite values (file rows {rows}"
                        f"{' ...' if bad.size > 5 else ''}). A signal must be evenly sampled: fill or cut them first.")
    if values.size < 16:
        raise DataError(f"Column {column!r} has only {values.size} samples; a signal needs at least 16.")
    description = f"{fs:g} Hz (given), {values.size / fs:.4g} s ({values.size:,} samples), column {column!r}"
    export = {"kind": "csv", "file_name": file_name, "column": column, "fs": float(fs)}
    return Signal(values, float(fs), label, f"{digest}:{column}:{fs!r}", description, export, data, defaults,
                  table.notes)


def _synthetic(prefix):
    c = st.columns(4)
    kinds = list(SIGNAL_KINDS)
    seed(f"{prefix}_syn_kind", "linear_chirp", options=kinds)
    kind = c[0].selectbox("Signal", kinds, key=f"{prefix}_syn_kind", format_func=SIGNAL_KINDS.get)
    seed(f"{prefix}_syn_fs", 8000.0, lo=100.0, hi=192000.0)
    fs = c[1].number_input("Sample rate (Hz)", 100.0, 192000.0, key=f"{prefix}_syn_fs", step=1000.0, format="%g")
    seed(f"{prefix}_syn_dur", 2.0, lo=0.01, hi=600.0)
    dur = c[2].number_input("Duration (s)", 0.01, 600.0, key=f"{prefix}_syn_dur", format="%g")
    seed(f"{prefix}_syn_seed", 0, lo=0, hi=2**31 - 1)
    rng_seed = c[3].number_input("Seed", 0, 2**31 - 1, key=f"{prefix}_syn_seed")
    d = st.columns(5)
    seed(f"{prefix}_syn_f0", 200.0, lo=0.0, hi=1e6)
    f0 = d[0].number_input("f0 (Hz)", 0.0, 1e6, key=f"{prefix}_syn_f0", format="%g")
    seed(f"{prefix}_syn_f1", 3000.0, lo=0.0, hi=1e6)
    f1 = d[1].number_input("f1 (Hz)", 0.0, 1e6, key=f"{prefix}_syn_f1", format="%g")
    seed(f"{prefix}_syn_fm", 5.0, lo=0.01, hi=1e5)
    fm = d[2].number_input("fm (Hz)", 0.01, 1e5, key=f"{prefix}_syn_fm", format="%g")
    seed(f"{prefix}_syn_amp", 0.8, lo=0.0, hi=1.0)
    amp = d[3].slider("Amplitude", 0.0, 1.0, key=f"{prefix}_syn_amp")
    seed(f"{prefix}_syn_noise", 0.05, lo=0.0, hi=1.0)
    noise = d[4].slider("Noise SD", 0.0, 1.0, key=f"{prefix}_syn_noise")
    params = dict(fs=float(fs), duration=float(dur), amplitude=float(amp), noise=float(noise), seed=int(rng_seed),
                  f0=float(f0), f1=float(f1), fm=float(fm))
    x, notes = synth_cached(kind, tuple(sorted(params.items())))
    description = f"{fs:g} Hz, {dur:g} s ({x.size:,} samples), synthetic {SIGNAL_KINDS[kind].lower()}"
    return Signal(x, float(fs), f"synthetic {kind}", f"syn:{kind}:{sorted(params.items())}", description,
                  {"kind": "synthetic", "signal": kind, **params}, b"", {}, tuple(notes))


def _choose(prefix, page):
    seed(f"{prefix}_source", "Sample", options=SOURCES)
    source = st.segmented_control("Signal source", SOURCES, key=f"{prefix}_source") or "Sample"
    if source == "Synthetic":
        return _synthetic(prefix)
    if source == "Sample":
        keys = [s.key for s in samples_for(page)]
        seed(f"{prefix}_sample", keys[0], options=keys)
        key = st.selectbox("Sample signal", keys, key=f"{prefix}_sample", format_func=lambda k: SAMPLES[k].title)
        sample = SAMPLES[key]
        st.caption(f"{sample.description} Source: {sample.source}.")
        data, name, label, defaults = load_sample(key), sample.file, sample.title, dict(sample.defaults)
    else:
        file = st.file_uploader(f"A WAV recording (PCM 8/16/24/32-bit or float, up to {MAX_WAV_MB} MB) or a CSV "
                                f"with one column of samples (up to {MAX_UPLOAD_MB} MB)",
                                type=["wav", "wave", "csv", "txt", "tsv"], key=f"{prefix}_upload",
                                max_upload_size=MAX_WAV_MB)
        if file is None:
            st.info("Choose a file; it stays in this session only.", icon=":material/upload:")
            return None
        data, name, label, defaults = file.getvalue(), safe_file_name(file.name, "signal.wav"), f"upload {file.name}", {}
    if data[:4] in (b"RIFF", b"RIFX") or name.lower().endswith((".wav", ".wave")):
        return _from_wav(prefix, data, label, name, defaults)
    return _from_csv(prefix, data, label, name, defaults)



def require_signal(prefix, page):
    """The chosen signal (one channel, float64), or stop the page while there is none or it is unreadable."""
    chosen = None
    with st.container(border=True):
        with guard("reading the signal"):
            chosen = _choose(prefix, page)
        if chosen is None:
            st.stop()
        seen = f"_{prefix}_signal_seen"
        identity = chosen.label if chosen.export["kind"] != "synthetic" else "synthetic"
        previous = st.session_state.get(seen)
        if previous is not None and previous != identity:
            reset(f"{prefix}_", keep={f"{prefix}_{k}" for k in _INPUT_KEYS})
        st.session_state[seen] = identity
        st.caption(chosen.description)
        for note in chosen.notes:
            st.caption(note)
    return chosen
