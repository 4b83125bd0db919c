"""The pipeline editor: ordered steps with their settings; add, reorder, remove and toggle.

The pipeline lives in the session (and the URL) as the compact text of core.morphology.pipeline. Widgets of a
step carry a version number in their keys that changes on every structural edit, so after a move each
widget is created afresh from the step it now shows.
"""

import numpy as np
import pandas as pd
import streamlit as st

from core.common import ExplorerError
from core.morphology import (DEFAULT_PIPELINE, MAX_STEPS, OP_GROUPS, OP_LABELS, PARAMS, element_text,
                                 insert_position, make_step, OP_PARAMS, parse_element, pipeline_from_text, pipeline_to_text)
from ui.common.url import set_url_value, url_value
from ui.common.text import esc

__all__ = ["pipeline_editor", "RECIPES"]

RECIPES = {
    "Count touching coins": DEFAULT_PIPELINE,
    "Clean a text scan": "median_filter;black_tophat:shape=disk,size=15;threshold;"
                         "remove_small_objects:min_size=12;label",
    "Cells on an uneven background": "white_tophat:shape=disk,size=25;gaussian_filter;threshold;"
                                     "remove_small_objects:min_size=20;split_touching:min_distance=5",
    "Edges": "gaussian_filter:sigma=2;sobel",
    "Erosion vs dilation (teaching)": "threshold;binary_erosion:shape=disk,size=7",
    "Distance transform": "threshold;binary_fill_holes;distance_transform_edt",
}
CONNECTIVITY = {1: "4-connected", 2: "8-connected"}  # short: the editor's columns are narrow
CONNECTIVITY_HELP = ("Which neighbours touch: 4-connected pixels share an edge; 8-connected pixels share an edge "
                     "or a corner, so diagonal chains count as one object.")


def _visible(name, o):
    if name == "angle":
        return o.get("shape") == "line"
    if name == "element":
        return o.get("shape") == "custom"
    if name == "level":
        return o.get("method") == "manual"
    return True


def _widget(name, value, o, key):
    kind, default, bounds, label = PARAMS[name]
    if name == "element":
        return _element_editor(o, value, key)
    if name == "connectivity":
        return st.selectbox(label, [1, 2], index=[1, 2].index(value), key=key, format_func=CONNECTIVITY.get,
                            help=CONNECTIVITY_HELP)
    if name == "border_value":
        return st.selectbox(label, [0, 1], index=value, key=key,
                            help="What lies outside the image: 0 (background) or 1 (foreground).")
    if kind == "choice":
        return st.selectbox(label, list(bounds), index=list(bounds).index(value), key=key)
    if kind == "bool":
        return st.checkbox(label, value=value, key=key)
    if kind == "int":
        hi = bounds[1] if name != "size" or o.get("shape") != "custom" else 25
        return st.number_input(label, bounds[0], hi, int(min(value, hi)), key=key)
    if name == "angle":
        return st.slider(label, -180.0, 180.0, float(value), step=5.0, key=key)
    return st.number_input(label, float(bounds[0]), float(bounds[1]), float(value), key=key, format="%.6g")


def _element_editor(o, value, key):
    size = int(min(o.get("size", 3), 25))
    try:
        element = parse_element(value)
    except ExplorerError:
        element = np.ones((3, 3), bool)
    grid = np.zeros((size, size), bool)
    h, w = min(size, element.shape[0]), min(size, element.shape[1])
    grid[:h, :w] = element[:h, :w]
    st.caption("Draw the element: tick the pixels that belong to it (the centre is the middle cell).")
    frame = pd.DataFrame(grid, columns=[str(c) for c in range(size)])
    edited = st.data_editor(frame, key=key, hide_index=True, width="content",
                            column_config={c: st.column_config.CheckboxColumn(c, width=30) for c in frame.columns})
    text = element_text(edited.to_numpy(dtype=bool))
    if "1" not in text:
        st.warning("The element is empty; it keeps its last drawn pixels.")
        return value
    return text


def pipeline_editor(prefix, default, *, threshold_help=None):
    """Render the editor; return the current list of steps. `threshold_help(steps up to a threshold step)`
    may draw that step's histogram."""
    key = f"{prefix}_pipe"
    # The pipeline is not a widget, so Streamlit's binding cannot keep it: read once from the URL, written back
    # below (the only hand-kept URL value in the app).
    steps, skipped = pipeline_from_text(url_value(key, default))
    if skipped:
        st.caption("Ignored unknown parts of the pipeline link: " + esc(", ".join(skipped[:5])))
    ver = st.session_state.setdefault(f"_{prefix}_pipe_ver", 0)
    action = None
    new_steps = []
    for i, step in enumerate(steps):
        base = f"{prefix}_v{ver}_{i}"
        with st.container(border=True):
            c = st.columns([0.1, 0.6, 0.1, 0.1, 0.1], vertical_alignment="center", gap="small")
            enabled = c[0].checkbox("on", value=step.enabled, key=f"{base}_on", label_visibility="collapsed",
                                    help="Switch this step off without removing it.")
            c[1].markdown(f"**{i + 1}. {step.label}**" if enabled else f"~~{i + 1}. {step.label}~~")
            if c[2].button("", icon=":material/arrow_upward:", key=f"{base}_up", disabled=i == 0, help="Move up"):
                action = ("move", i, i - 1)
            if c[3].button("", icon=":material/arrow_downward:", key=f"{base}_down", disabled=i == len(steps) - 1,
                           help="Move down"):
                action = ("move", i, i + 1)
            if c[4].button("", icon=":material/delete:", key=f"{base}_del", help="Remove"):
                action = ("remove", i)
            params = {}
            current = step.options
            cols = st.columns(2)
            shown = 0
            for name in OP_PARAMS[step.op]:
                live = {**current, **params}
                if not _visible(name, live):
                    params[name] = current[name]
                    continue
                with st.container() if name == "element" else cols[shown % 2]:
                    params[name] = _widget(name, current[name], live, f"{base}_{name}")
                shown += name != "element"
            new_steps.append(make_step(step.op, enabled, **params))
            if step.op == "threshold" and enabled and threshold_help is not None:
                threshold_help(new_steps)
    with st.container(border=True):
        a1, a2 = st.columns([0.7, 0.3], vertical_alignment="bottom")
        ops = [op for group in OP_GROUPS.values() for op in group]
        group_of = {op: g for g, group in OP_GROUPS.items() for op in group}
        op = a1.selectbox("Add a step", ops, key=f"_{prefix}_add_op",
                          format_func=lambda o: f"{group_of[o]}: {OP_LABELS[o]}")
        if a2.button("Add", icon=":material/add:", key=f"_{prefix}_add", disabled=len(steps) >= MAX_STEPS,
                     width="stretch", help="The step goes where it gets the image it needs (a blur before the "
                                           "threshold, an erosion after it), not always at the end."):
            index, note = insert_position(new_steps, op)
            if index is None:
                st.warning(esc(note), icon=":material/block:")
            else:
                st.session_state[f"_{prefix}_add_note"] = note  # shown after the rerun below
                action = ("add", op, index)
        elif f"_{prefix}_add_note" in st.session_state:
            st.caption(esc(st.session_state.pop(f"_{prefix}_add_note")))
        r1, r2 = st.columns([0.7, 0.3], vertical_alignment="bottom")
        recipe = r1.selectbox("Or start from a recipe", list(RECIPES), key=f"_{prefix}_recipe")
        if r2.button("Use", key=f"_{prefix}_use_recipe", width="stretch"):
            action = ("recipe", recipe)
    if action is not None:
        if action[0] == "move":
            _, i, j = action
            new_steps[i], new_steps[j] = new_steps[j], new_steps[i]
        elif action[0] == "remove":
            del new_steps[action[1]]
        elif action[0] == "add":
            new_steps.insert(action[2], make_step(action[1]))
        else:
            new_steps = pipeline_from_text(RECIPES[action[1]])[0]
        set_url_value(key, pipeline_to_text(new_steps), default=default)
        st.session_state[f"_{prefix}_pipe_ver"] = ver + 1
        st.rerun()
    set_url_value(key, pipeline_to_text(new_steps), default=default)
    return new_steps
