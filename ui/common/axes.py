"""Axis labels and units for the columns of the page's data, set once under the data and used by every figure.

The map lives in the session and the URL (``<prefix>_axes``, hand-kept: a table editor cannot be bound) and is
applied by :func:`ui.common.text.plot` to any axis whose title is exactly a labelled column's name, so no page
and no core figure function needs to know about it.
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.common import MAX_LABEL_CHARS, MAX_UNIT_CHARS, labels_from_text, labels_to_text, relabel_layout
from core.common.axes import MAX_LABELED_COLUMNS
from ui.common.url import set_url_value, url_value

__all__ = ["axis_labels_editor", "relabel", "clear_axis_labels"]

_ACTIVE = "_axis_labels_active"  # this run's map; page_setup clears it, so another page never inherits it


def clear_axis_labels():
    st.session_state.pop(_ACTIVE, None)


def axis_labels_editor(prefix, columns):
    """The "Axis labels and units" expander for `columns`; sets the map the page's figures use."""
    key = f"{prefix}_axes"
    columns = [str(c) for c in columns][:MAX_LABELED_COLUMNS]
    base_key = f"{prefix}_axes_base"  # what the editor started from; forgotten with the data like the rest
    if base_key not in st.session_state:
        st.session_state[base_key] = labels_from_text(url_value(key, ""), columns)
    base, dropped = st.session_state[base_key]
    with st.expander("Axis labels and units", icon=":material/straighten:"):
        st.caption("Figures show the column names; give a column a label and a unit to show "
                   "\"Label (unit)\" on its axes instead.")
        if dropped:
            st.caption("Part of the labels in the link did not match this data and was left out.")
        frame = pd.DataFrame({"column": columns, "label": [base.get(c, ("", ""))[0] for c in columns],
                              "unit": [base.get(c, ("", ""))[1] for c in columns]})
        edited = st.data_editor(frame, key=f"{prefix}_axes_editor", hide_index=True, width="stretch",
                                disabled=["column"], num_rows="fixed", column_config={
                                    "label": st.column_config.TextColumn("label", max_chars=MAX_LABEL_CHARS),
                                    "unit": st.column_config.TextColumn("unit", max_chars=MAX_UNIT_CHARS)})
    labels = {row.column: (str(row.label or ""), str(row.unit or "")) for row in edited.itertuples()
              if str(row.label or "").strip() or str(row.unit or "").strip()}
    text = labels_to_text(labels)
    set_url_value(key, text, default="")
    st.session_state[_ACTIVE], _ = labels_from_text(text, columns)


def relabel(fig):
    """`fig`, or a copy with the labelled columns' axis titles (the shared cached figure is never changed)."""
    labels = st.session_state.get(_ACTIVE)
    if not labels:
        return fig
    layout = {name: axis for name, axis in fig.layout.to_plotly_json().items()
              if name.startswith(("xaxis", "yaxis"))}
    new = relabel_layout(layout, labels)
    if new is layout:
        return fig
    copy = go.Figure(fig)
    for name, axis in new.items():
        if axis is not layout[name]:
            copy.layout[name].title.text = axis["title"]["text"]
    return copy
