"""The curve-fitting page's per-parameter inputs: start values, bounds, fixed parameters and constraints."""

import streamlit as st

from core.fitting import parse_constraints
from ui.common.text import esc
from ui.common.url import bound

__all__ = ["parameter_inputs"]


def parameter_inputs(P, names, sample_p0):
    """The "Start values, bounds and constraints" expander for the model's parameter `names`.

    Returns ``(p0, bounds, fixed, constraints)``: dicts by name (only what was given), the fixed names, and
    the constraints ``{name: expression}`` (raises ExpressionError for text that is not ``name = expression``).
    """
    p0, bounds, fixed = {}, {}, []
    with st.expander("Start values, bounds, fixed and tied parameters", icon=":material/tune:"):
        st.caption("Empty start values are guessed from the data (built-in models) or set to 1 (formulas). "
                   "Empty bounds mean unbounded.")
        for name in names:
            cols = st.columns([1, 2, 2, 2, 1], vertical_alignment="bottom")
            cols[0].markdown(f"**{esc(name)}**")
            p0[name] = bound(cols[1].number_input, "start", value=sample_p0.get(name), key=f"{P}_p0_{name}",
                             format="%.6g", placeholder="auto")
            lo = bound(cols[2].number_input, "lower", value=None, key=f"{P}_lo_{name}", format="%.6g",
                       placeholder="-inf")
            hi = bound(cols[3].number_input, "upper", value=None, key=f"{P}_hi_{name}", format="%.6g",
                       placeholder="inf")
            if bound(cols[4].checkbox, "fixed", key=f"{P}_fix_{name}"):
                fixed.append(name)
            if lo is not None or hi is not None:
                bounds[name] = (lo, hi)
        text = bound(st.text_input, "Constraints (tie parameters together)", "", key=f"{P}_constraints",
                     max_chars=500, placeholder="b = 2*a; c = a/10",
                     help="Each `name = expression` in the other parameters is substituted into the model, so "
                          "that parameter is not fitted but computed (lmfit's expr). Its standard error follows "
                          "from the others' (delta method).")
    return p0, bounds, fixed, parse_constraints(text)
