"""Views of the image page: the image at screen size, before/after, regions and the pixel-grid lesson."""

import io

import numpy as np
import streamlit as st

from core.morphology import (difference_rgb, histogram_figure, image_figure, overlay, pixel_grid_figure, png_uri,
                                reduce_for_display, split_rgb, to_rgb)
from core.morphology import SHAPES, apply_operation, histogram, structuring_element
from core.common import sha256
from ui.common.cache import content_key, frozen
from ui.common.text import esc, figure, plot
from ui.common.url import bound

__all__ = ["display_rgb", "show_image", "histogram_panel", "compare_panel", "pixel_grid_panel", "png_bytes"]

KIND_LABEL = {"grey": "grey image", "binary": "binary mask", "labels": "labelled objects"}


@st.cache_resource(max_entries=32, show_spinner=False)
def _display_cached(key, kind, value_range, _image):
    # Screen-size RGB (up to a few MB): shared read-only rather than unpickled on every rerun.
    small, factor = reduce_for_display(_image, kind)
    return frozen(to_rgb(small, kind, value_range=value_range)), factor


def display_rgb(key, image, kind, value_range=None):
    """(rgb, factor) at screen size; `key` identifies the image (digest + pipeline prefix)."""
    return _display_cached(key, kind, value_range, image)


@st.cache_data(max_entries=32, show_spinner=False)
def _shown_cached(key, kind, base_key, _image, _base):
    rgb, factor = display_rgb(key, _image, kind)
    if kind == "labels" and _base is not None:
        base_rgb, _ = display_rgb(base_key, _base, "grey")
        small_labels, _ = reduce_for_display(_image, "labels")
        rgb = overlay(base_rgb, small_labels)
    return rgb.shape, png_uri(rgb), factor


def _image_figure(key, kind, base_key, image, base, *, title, boxes, highlight):
    shape, uri, factor = _shown_cached(key, kind, base_key, image, base)
    return image_figure(np.empty(shape[:2] + (0,)), factor, title=title, boxes=boxes, highlight=highlight, uri=uri), factor


def show_image(key, image, kind, *, title=None, base=None, boxes=(), highlight=None, chart_key=None):
    """Plot an image; labels are drawn over `base` = (key, grey image) when given."""
    base_key, base_image = base if base else (None, None)
    fig, factor = figure(key, _image_figure, key, kind, base_key, image, base_image, title=title, boxes=boxes,
                         highlight=highlight)
    plot(st, fig, key=chart_key or f"img_{key}", config={"displaylogo": False})
    if factor > 1:
        st.caption(f"Shown at 1/{factor} scale ({image.shape[1]:,} x {image.shape[0]:,} px computed at full "
                   "resolution); zoom in with the mouse.")


@st.cache_data(max_entries=32, show_spinner=False)
def _histogram_cached(cache_key, _image):
    return histogram(_image)


def histogram_panel(image, level, key, cache_key):
    """The grey-level histogram of `image` (identified by `cache_key`) with the threshold `level`."""
    centres, counts = _histogram_cached(cache_key, image)
    log = st.checkbox("Log scale", key=f"{key}_log", value=False)
    plot(st, figure(cache_key, histogram_figure, centres, counts, level=level, log_y=log), key=f"{key}_fig")


def _difference_figure(image_b, kind_b, image_a, kind_a):
    rb, f = reduce_for_display(image_b, kind_b)
    ra, _ = reduce_for_display(image_a, kind_a)
    rgb, caption = difference_rgb(rb, ra, kind_b, kind_a)
    return image_figure(rgb, f), caption


def _split_figure(rgb_b, rgb_a, fraction, factor):
    return image_figure(split_rgb(rgb_b, rgb_a, fraction), factor)


@st.fragment
def compare_panel(prefix, before, after, names):
    """Before/after of two (key, image, kind): side by side, a split slider, or the difference. Its controls concern
    this panel alone, so it is a fragment: they rerun the panel, not the pipeline."""
    mode = bound(st.segmented_control, "Compare", ["Side by side", "Slider", "Difference"], default="Slider",
                 key=f"{prefix}_cmp") or "Slider"
    (kb, ib, tb), (ka, ia, ta) = before, after
    if mode == "Side by side":
        c1, c2 = st.columns(2)
        with c1:
            show_image(kb, ib, tb, title=names[0], chart_key=f"{prefix}_cmp_b")
        with c2:
            show_image(ka, ia, ta, title=names[1], chart_key=f"{prefix}_cmp_a")
        return
    if mode == "Difference":
        fig, caption = figure(content_key(kb, ka), _difference_figure, ib, tb, ia, ta)
        plot(st, fig, key=f"{prefix}_cmp_d")
        st.caption(esc(caption))
        return
    frac = bound(st.slider, f"← {names[0]} | {names[1]} →", 0, 100, 50, key=f"{prefix}_split", format="%d%%")
    rgb_b, f = display_rgb(kb, ib, tb)
    rgb_a, _ = display_rgb(ka, ia, ta)
    plot(st, figure(content_key(kb, ka), _split_figure, rgb_b, rgb_a, frac / 100, f), key=f"{prefix}_cmp_s")


DEMO = np.array([[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                 [0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
                 [0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0],
                 [0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0],
                 [0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
                 [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0],
                 [0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 0],
                 [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0],
                 [0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0],
                 [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0],
                 [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0],
                 [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]], dtype=bool)


@st.fragment
def pixel_grid_panel(prefix, mask=None):
    """One erosion/dilation/opening/closing step on a small patch, pixel by pixel. A lesson of its own: a fragment,
    so its controls rerun only this panel."""
    c1, c2, c3 = st.columns(3)
    ops = ["binary_erosion", "binary_dilation", "binary_opening", "binary_closing"]
    op = bound(c1.selectbox, "Operation", ops, key=f"{prefix}_pg_op", format_func=lambda o: o.split("_")[1].title())
    shapes = [s for s in SHAPES if s != "custom"]
    shape = bound(c2.selectbox, "Element", shapes, index=shapes.index("square"), key=f"{prefix}_pg_shape")
    size = bound(c3.number_input, "Size", 1, 7, 3, key=f"{prefix}_pg_size")
    patch = DEMO
    if mask is not None and mask.any():
        if bound(st.toggle, "Use a patch of the pipeline's mask", key=f"{prefix}_pg_src"):
            r, c = np.argwhere(mask)[len(np.argwhere(mask)) // 2] if mask.size <= 4_000_000 else (0, 0)
            r0, c0 = max(0, r - 8), max(0, c - 8)
            patch = np.asarray(mask[r0:r0 + 16, c0:c0 + 16], dtype=bool)
    se = structuring_element(shape, size, angle=45)
    result = apply_operation(patch, op, shape=shape, size=size, angle=45)
    h, w = patch.shape
    s1, s2 = st.columns(2)
    row = bound(s1.slider, "Row of the output pixel", 0, h - 1, h // 2, key=f"{prefix}_pg_row")
    col = bound(s2.slider, "Column", 0, w - 1, w // 2, key=f"{prefix}_pg_col")
    patch_id = content_key(sha256(patch.tobytes()), patch.shape, shape, size)  # what se and result follow from
    plot(st, figure(patch_id, pixel_grid_figure, patch, se, result, operation=op, centre=(int(row), int(col))),
         key=f"{prefix}_pg_fig")
    rule = ("every pixel under the element (orange) is on" if op == "binary_erosion" else
            "at least one pixel under the mirrored element is on" if op == "binary_dilation" else
            "erosion, then dilation with the same element" if op == "binary_opening" else
            "dilation, then erosion with the same element")
    st.caption(f"Output pixel ({row}, {col}) is **{'on' if result[row, col] else 'off'}**: it is on when {rule}. "
               "Outlined in red: pixels this step changed. Outside the image counts as off (border value 0).")


def png_bytes(image, kind):
    """The full-resolution result as PNG: masks 0/255, labels as 16-bit ids, grey scaled to 16 bits."""
    from PIL import Image

    a = np.asarray(image)
    if kind == "binary":
        out = a.astype(np.uint8) * 255
    elif kind == "labels":
        out = np.clip(a, 0, 65535).astype(np.uint16)
    else:
        lo, hi = float(a.min()), float(a.max())
        out = np.zeros(a.shape, np.uint16) if hi == lo else np.rint((a - lo) / (hi - lo) * 65535).astype(np.uint16)
    buf = io.BytesIO()
    Image.fromarray(out).save(buf, format="PNG")
    return buf.getvalue()
