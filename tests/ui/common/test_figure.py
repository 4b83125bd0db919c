"""ui.common.text.figure: one build per identity and settings, shared, made safe."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from ui.common.text import figure, plot  # noqa: F401  (plot reads the flag figure sets)

BUILDS = []


def build(values, *, title, scale=1.0):
    BUILDS.append(title)
    return go.Figure(go.Scatter(y=np.asarray(values) * scale, name=f"<b>{title}</b>")), "note"


def test_settings_are_part_of_the_key_and_data_is_named_by_the_identity():
    st.cache_resource.clear()
    BUILDS.clear()
    data = np.arange(3.0)
    first, note = figure("digest-a", build, data, title="t")
    again, _ = figure("digest-a", build, data.copy(), title="t")
    assert again is first and BUILDS == ["t"] and note == "note"
    assert figure("digest-a", build, data, title="t", scale=2.0)[0] is not first  # a setting changed
    assert figure("digest-a", build, data, title="u")[0] is not first
    assert figure("digest-b", build, data, title="t")[0] is not first  # other data
    assert figure("digest-a", build, data, title="t", scale=np.float64(3))[0] is not first  # numpy scalars count
    assert len(BUILDS) == 5


def test_built_figures_are_made_safe_once():
    st.cache_resource.clear()
    fig, _ = figure("digest-c", build, [1, 2], title="x")
    assert fig.data[0].name == "‹b›x‹/b›" and fig._explorer_safe


def test_group_labels_on_axes_are_made_inert():
    # Category names and tick labels are rendered as HTML by plotly (an <a href> is a live link there).
    from ui.common.text import safe_figure

    evil = '<a href="http://e.vil">x</a>'
    fig = go.Figure(go.Scatter(x=[1.0, 2.0], y=[evil, "fine"], mode="markers"))
    fig.update_xaxes(tickvals=[0], ticktext=[evil])
    safe_figure(fig)
    assert "<" not in "".join(fig.data[0].y) and "<" not in "".join(fig.layout.xaxis.ticktext)
    assert fig.data[0].y[1] == "fine" and list(fig.data[0].x) == [1.0, 2.0]
