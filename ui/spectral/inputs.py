"""The signal-input widget: a bundled sample, an uploaded WAV or CSV column, or a synthetic signal."""

from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from core.common import MAX_UPLOAD_MB, DataError, numeric_columns, safe_file_name, sha256
from core.spectral import MAX_WAV_MB, SIGNAL_KINDS, SYNTH_DURATION, SYNTH_RATE
from core.spectral.samples import SAMPLES
from ui.common.cache import content_key, parse_cached
from ui.common.data_input import pick_sample, upload
from ui.common.errors import guard
from ui.common.shelf import YOUR_DATA, shelf_picker
from ui.common.url import bound, forget
from ui.common.text import esc
from ui.spectral.cache import channel_cached, synth_cached, wav_cached

__all__ = ["Signal", "require_signal"]

SOURCES = ["Sample", YOUR_DATA, "Upload", "Synthetic"]
_INPUT_KEYS = ("source", "sample", "shelf", "upload", "channel", "column", "fs", "syn_kind", "syn_fs", "syn_dur", "syn_amp",
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
        channel = bound(st.selectbox, "Channel", options, index=min(int(defaults.get("channel", 0)), options[-1]),
                        key=f"{prefix}_channel", format_func=lambda c: f"channel {c + 1}")
        x = channel_cached(digest, channel, samples)
    else:
        x = samples
    export = {"kind": "wav", "file_name": file_name, "channel": channel if samples.ndim == 2 else None}
    return Signal(x, info.fs, label, content_key(digest, channel=channel), info.describe(), export, data, defaults,
                  info.notes)


def _from_csv(prefix, data, label, file_name, defaults):
    digest = sha256(data)
    return _from_table(prefix, parse_cached(digest, (), data), digest, data, label, file_name, defaults)


def _from_table(prefix, table, digest, data, label, file_name, defaults):
    """A signal from a numeric column of `table` (an uploaded CSV, or a table from the session's shelf)."""
    numeric = numeric_columns(table.frame)
    if not numeric:
        raise DataError("The table has no numeric column to use as a signal.")
    c1, c2 = st.columns(2)
    default_col = defaults.get("column") if defaults.get("column") in numeric else numeric[-1]
    column = bound(c1.selectbox, "Signal column", numeric, index=numeric.index(default_col), key=f"{prefix}_column")
    fs = bound(c2.number_input, "Sample rate (Hz)", 1e-6, 1e7, float(defaults.get("fs", 1000.0)), key=f"{prefix}_fs",
               format="%.6g", help="A CSV holds no rate: give the number of samples per second.")
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
    return Signal(values, float(fs), label, content_key(digest, column=column, fs=float(fs)), description, export,
                  data, defaults, table.notes)


def _synthetic(prefix):
    c = st.columns(4)
    kinds = list(SIGNAL_KINDS)
    kind = bound(c[0].selectbox, "Signal", kinds, index=kinds.index("linear_chirp"), key=f"{prefix}_syn_kind",
                 format_func=SIGNAL_KINDS.get)
    fs = bound(c[1].number_input, "Sample rate (Hz)", SYNTH_RATE.lo, SYNTH_RATE.hi, 8000.0, key=f"{prefix}_syn_fs",
               step=1000.0, format="%g")
    dur = bound(c[2].number_input, "Duration (s)", SYNTH_DURATION.lo, SYNTH_DURATION.hi, 2.0, key=f"{prefix}_syn_dur",
                format="%g")
    rng_seed = bound(c[3].number_input, "Seed", 0, 2**31 - 1, 0, key=f"{prefix}_syn_seed")
    d = st.columns(5)
    f0 = bound(d[0].number_input, "f0 (Hz)", 0.0, 1e6, 200.0, key=f"{prefix}_syn_f0", format="%g")
    f1 = bound(d[1].number_input, "f1 (Hz)", 0.0, 1e6, 3000.0, key=f"{prefix}_syn_f1", format="%g")
    fm = bound(d[2].number_input, "fm (Hz)", 0.01, 1e5, 5.0, key=f"{prefix}_syn_fm", format="%g")
    amp = bound(d[3].slider, "Amplitude", 0.0, 1.0, 0.8, key=f"{prefix}_syn_amp")
    noise = bound(d[4].slider, "Noise SD", 0.0, 1.0, 0.05, key=f"{prefix}_syn_noise")
    params = dict(fs=float(fs), duration=float(dur), amplitude=float(amp), noise=float(noise), rng=int(rng_seed),
                  f0=float(f0), f1=float(f1), fm=float(fm))
    x, notes = synth_cached(kind, tuple(sorted(params.items())))
    description = f"{fs:g} Hz, {dur:g} s ({x.size:,} samples), synthetic {SIGNAL_KINDS[kind].lower()}"
    return Signal(x, float(fs), f"synthetic {kind}", content_key("synthetic", kind, **params), description,
                  {"kind": "synthetic", "signal": kind, **params}, b"", {}, tuple(notes))


def _choose(prefix):
    source = bound(st.segmented_control, "Signal source", SOURCES, default="Sample", key=f"{prefix}_source") or "Sample"
    if source == "Synthetic":
        return _synthetic(prefix)
    if source == YOUR_DATA:
        item = shelf_picker(prefix)
        if item is None:
            return None
        if st.session_state.get(f"_{prefix}_shelf_seen") != item.digest:  # its rate and column, not the last one's
            forget(f"{prefix}_", only={f"{prefix}_fs", f"{prefix}_column"})
        st.session_state[f"_{prefix}_shelf_seen"] = item.digest
        return _from_table(prefix, item.table, item.digest, b"", item.label, "data.csv", item.defaults)
    if source == "Sample":
        sample, data = pick_sample(prefix, SAMPLES, "Sample signal")
        name, label, defaults = sample.file, sample.title, dict(sample.defaults)
    else:
        file = upload(f"A WAV recording (PCM 8/16/24/32-bit or float, up to {MAX_WAV_MB} MB) or a CSV with one "
                      f"column of samples (up to {MAX_UPLOAD_MB} MB)", ["wav", "wave", "csv", "txt", "tsv"],
                      key=f"{prefix}_upload", max_mb=MAX_WAV_MB)
        if file is None:
            st.info("Choose a file; it stays in this session only.", icon=":material/upload:")
            return None
        data, name, label, defaults = file.getvalue(), safe_file_name(file.name, "signal.wav"), f"upload {file.name}", {}
    if data[:4] in (b"RIFF", b"RIFX") or name.lower().endswith((".wav", ".wave")):
        return _from_wav(prefix, data, label, name, defaults)
    return _from_csv(prefix, data, label, name, defaults)



def require_signal(prefix):
    """The chosen signal (one channel, float64), or stop the page while there is none or it is unreadable."""
    chosen = None
    with st.container(border=True):
        with guard("reading the signal"):
            chosen = _choose(prefix)
        if chosen is None:
            st.stop()
        seen = f"_{prefix}_signal_seen"
        identity = chosen.label if chosen.export["kind"] != "synthetic" else "synthetic"
        previous = st.session_state.get(seen)
        if previous is not None and previous != identity:
            forget(f"{prefix}_", keep={f"{prefix}_{k}" for k in _INPUT_KEYS})
        st.session_state[seen] = identity
        st.caption(esc(chosen.description))
        for note in chosen.notes:
            st.caption(esc(note))
    return chosen
