"""Figures of the signal page. What goes to the browser stays small: waveforms are min-max decimated,
spectrograms max-pooled (in linear power, so peaks survive) to at most MAX_HEATMAP_CELLS cells."""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.common.errors import DataError
from core.common.decimation import MAX_HEATMAP_CELLS, MAX_TRACE_POINTS, minmax_indices
from core.common.plotting import DATA_COLOR, FIT_COLOR, PALETTE, axis_layout
from core.spectral.analysis import pool_max, to_db

__all__ = ["waveform_figure", "spectrogram_figure", "spectrum_figure", "response_figure", "pole_zero_figure", "comparison_figure",
           "COLORSCALES"]

COLORSCALES = ("Viridis", "Magma", "Inferno", "Greys", "Jet", "Cividis")


def waveform_figure(traces, fs, *, start=0.0, height=240, span=None):
    """Waveforms (label, samples) against time in seconds, each min-max decimated to the screen."""
    fig = go.Figure()
    note = None
    for k, (label, x) in enumerate(traces):
        t = start + np.arange(x.size) / fs
        idx = minmax_indices(t, x, MAX_TRACE_POINTS)
        if idx.size < x.size:
            note = f"Drawn from {idx.size:,} of {x.size:,} samples (min-max per pixel column, so peaks show)."
        # Later traces (the filtered "after") are drawn see-through, so the one under them stays visible.
        fig.add_trace(go.Scatter(x=t[idx], y=x[idx], mode="lines", name=label, opacity=1.0 if k == 0 else 0.65,
                                 line={"width": 1, "color": (DATA_COLOR, FIT_COLOR, *PALETTE)[k % (2 + len(PALETTE))]}))
    if span is not None:
        fig.add_vrect(x0=span[0], x1=span[1], fillcolor="rgba(255,160,0,0.12)", line_width=0)
    fig.update_layout(height=height, margin={"l": 50, "r": 10, "t": 10, "b": 40}, hovermode="x",
                      legend={"orientation": "h", "y": 1.1}, showlegend=len(traces) > 1)
    axis_layout(fig, "time (s)", "amplitude")
    return fig, note


def spectrogram_figure(sg, *, db_range=80.0, log_freq=False, freq_range=None, time_range=None,
                       colorscale="Viridis", max_cells=MAX_HEATMAP_CELLS, start=0.0):
    """The spectrogram in dB (top = its maximum, bottom = top - db_range), cropped and max-pooled."""
    f, t, p = sg.freqs, sg.times + start, sg.power
    fsel = np.ones(f.size, bool)
    if freq_range is not None:
        fsel &= (f >= freq_range[0]) & (f <= freq_range[1])
    if log_freq:
        fsel &= f > 0
    tsel = np.ones(t.size, bool)
    if time_range is not None:
        tsel &= (t >= time_range[0]) & (t <= time_range[1])
    if not fsel.any() or not tsel.any():
        raise DataError("The chosen frequency and time ranges hold no spectrogram cell; widen them.")
    f, t, p = f[fsel], t[tsel], p[np.ix_(fsel, tsel)]
    rows = max(50, min(f.size, 500))
    cols = max(1, max_cells // rows)
    pooled, fr, fc = pool_max(p, rows, cols)
    fy = f[::fr][:pooled.shape[0]]  # each pooled cell is labelled by its first frequency and time
    tx = t[::fc][:pooled.shape[1]]
    z = to_db(pooled).astype(np.float32)  # sent as base64 float32: half the bytes, 0.00001 dB precision
    top = float(z.max())
    unit = "dB re 1/Hz" if sg.scaling == "density" else "dB re 1"
    fig = go.Figure(go.Heatmap(x=tx, y=fy, z=z, zmin=top - db_range, zmax=top, colorscale=colorscale,
                               colorbar={"title": {"text": unit, "side": "right"}},
                               hovertemplate="t %{x:.4g} s<br>f %{y:.5g} Hz<br>%{z:.1f} dB<extra></extra>"))
    fig.update_layout(height=380, margin={"l": 60, "r": 10, "t": 10, "b": 40})
    axis_layout(fig, "time (s)", "frequency (Hz)")
    if log_freq:
        fig.update_yaxes(type="log")
    note = None
    if fr > 1 or fc > 1:
        note = (f"Shown max-pooled from {p.shape[1]:,} x {p.shape[0]:,} to {pooled.shape[1]:,} x {pooled.shape[0]:,} "
                "cells (each cell shows the loudest of the cells it covers).")
    return fig, note


def spectrum_figure(curves, *, peaks=(), log_freq=False, y_label="dB"):
    """Spectra (label, freqs, values already in dB) with the peak table's frequencies marked."""
    fig = go.Figure()
    for k, (label, f, v) in enumerate(curves):
        idx = minmax_indices(f, v, MAX_TRACE_POINTS) if f.size > MAX_TRACE_POINTS else np.arange(f.size)
        fig.add_trace(go.Scatter(x=f[idx], y=v[idx], mode="lines", name=label,
                                   line={"width": 1.3, "color": (DATA_COLOR, FIT_COLOR, *PALETTE)[k]}))
    if peaks:
        fig.add_trace(go.Scatter(x=[p["frequency_Hz"] for p in peaks], y=[p["level_dB"] for p in peaks],
                                 mode="markers+text", text=[f"{p['frequency_Hz']:.4g}" for p in peaks],
                                 textposition="top center", marker={"color": FIT_COLOR, "size": 8, "symbol": "x"},
                                 name="peaks", hovertemplate="%{x:.5g} Hz, %{y:.1f} dB<extra></extra>"))
    fig.update_layout(height=320, margin={"l": 60, "r": 10, "t": 10, "b": 40}, hovermode="x",
                      legend={"orientation": "h", "y": 1.12})
    axis_layout(fig, "frequency (Hz)", y_label)
    if log_freq:
        fig.update_xaxes(type="log")
    return fig


def response_figure(f, mag, phase, cutoffs, *, nyquist):
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=("magnitude (dB)", "phase (degrees, unwrapped)"))
    fig.add_trace(go.Scatter(x=f, y=np.maximum(mag, -200), mode="lines", line={"color": DATA_COLOR}, name="|H|",
                             hovertemplate="%{x:.5g} Hz: %{y:.2f} dB<extra></extra>"), 1, 1)
    fig.add_trace(go.Scatter(x=f, y=phase, mode="lines", line={"color": FIT_COLOR}, name="phase",
                             hovertemplate="%{x:.5g} Hz: %{y:.1f}°<extra></extra>"), 2, 1)
    for c in cutoffs:
        fig.add_vline(x=c, line={"dash": "dash", "color": "grey"})
    fig.add_hline(y=-3, line={"dash": "dot", "color": "grey"}, row=1, col=1)
    fig.update_xaxes(title_text="frequency (Hz)", range=[0, nyquist], row=2, col=1)
    fig.update_yaxes(range=[max(-160, float(np.min(mag[np.isfinite(mag)])) - 5), 5], row=1, col=1)
    fig.update_layout(height=420, margin={"l": 60, "r": 10, "t": 30, "b": 40}, showlegend=False)
    return fig


def comparison_figure(curves, bands):
    """Two magnitude responses (label, freqs, dB) over the specification: stop-bands shaded, pass-bands clear."""
    fig = spectrum_figure(curves, y_label="gain (dB)")
    _, stops = bands
    for lo, hi in stops:
        fig.add_vrect(x0=lo, x1=hi, fillcolor="grey", opacity=0.12, line_width=0, layer="below")
    low = min(float(np.min(v[np.isfinite(v)])) for _, _, v in curves)
    fig.update_yaxes(range=[max(-140.0, low - 5), 5])
    fig.update_layout(height=340)
    return fig


def pole_zero_figure(zeros, poles):
    theta = np.linspace(0, 2 * np.pi, 361)
    fig = go.Figure(go.Scatter(x=np.cos(theta), y=np.sin(theta), mode="lines", line={"color": "grey", "width": 1},
                               name="unit circle", hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=zeros.real, y=zeros.imag, mode="markers", name="zeros",
                             marker={"symbol": "circle-open", "size": 10, "color": DATA_COLOR}))
    fig.add_trace(go.Scatter(x=poles.real, y=poles.imag, mode="markers", name="poles",
                             marker={"symbol": "x", "size": 10, "color": FIT_COLOR},
                             hovertemplate="radius %{customdata:.6f}<extra></extra>", customdata=np.abs(poles)))
    fig.update_layout(height=420, margin={"l": 50, "r": 10, "t": 30, "b": 40}, legend={"orientation": "h", "y": 1.1})
    fig.update_xaxes(title_text="real", scaleanchor="y", range=[-1.3, 1.3])
    fig.update_yaxes(title_text="imaginary", range=[-1.3, 1.3])
    return fig
