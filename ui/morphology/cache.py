"""Cached wrappers around core.morphology: keyed on content digests, every cache with ``max_entries``
(see ui.common.cache for the rules)."""

import streamlit as st

from core.morphology import StepResult, label_regions, load_image, pipeline_from_text, region_table, run_step, to_grey
from ui.common.cache import frozen as _frozen

__all__ = ["image_cached", "grey_cached", "pipeline_cached", "regions_cached"]


@st.cache_resource(max_entries=8, show_spinner="Reading the image ...")
def image_cached(digest, _data):
    """:func:`core.morphology.load_image`, keyed on the SHA-256 of the bytes. Pixels are read-only."""
    loaded = load_image(_data)
    _frozen(loaded.pixels)
    return loaded


@st.cache_resource(max_entries=8, show_spinner=False)
def grey_cached(digest, method, _loaded):
    return _frozen(to_grey(_loaded.pixels, method))


@st.cache_resource(max_entries=24, show_spinner="Running the pipeline ...")
def pipeline_cached(digest, method, text, _grey):
    """The result after the steps in `text` (core.morphology.pipeline text form). Each prefix is its own entry,
    so changing the last step re-runs only that step."""
    steps, _ = pipeline_from_text(text)
    if not steps:
        return StepResult(_grey, "grey")
    prefix = ";".join(text.split(";")[:-1])
    previous = pipeline_cached(digest, method, prefix, _grey)
    result = run_step(previous.image, previous.kind, steps[-1])
    _frozen(result.image)
    return result


@st.cache_resource(max_entries=8, show_spinner="Measuring the objects ...")
def regions_cached(digest, method, text, connectivity, _result, _grey):
    """(labels, table) of a pipeline's final mask (labelled with `connectivity`) or labels."""
    if _result.kind == "labels":
        return _result.image, region_table(_result.image, intensity=_grey)
    labels, table = label_regions(_result.image, connectivity=connectivity, intensity=_grey)
    return _frozen(labels), table
