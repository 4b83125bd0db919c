"""Figures for the image page: images go to the browser as PNG pixels at screen size, never as numbers.

A 4096 x 4096 float image as a Plotly heatmap is ~300 MB of JSON; as a PNG at 900 pixels across it is a
few hundred kB. Computation always runs on the full image; only the display is reduced (block means for
grey and binary images, nearest pixels for labels, so label colours stay exact).
"""

import base64
import io

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.common.plotting import DATA_COLOR, FIT_COLOR

__all__ = ["DISPLAY_SIDE", "reduce_for_display", "to_rgb", "label_colours", "overlay", "png_uri",
           "image_figure", "histogram_figure", "difference_rgb", "split_rgb", "pixel_grid_figure"]

DISPLAY_SIDE = 900


def _factor(shape, max_side):
    return max(1, int(np.ceil(max(shape[:2]) / max_side)))


def reduce_for_display(image, kind, max_side=DISPLAY_SIDE):
    """(small image, factor): block mean (grey, binary) or nearest pixel (labels) by an integer factor."""
    f = _factor(image.shape, max_side)
    if f == 1:
        return image, 1
    h, w = image.shape[:2]
    if kind == "labels":  # the pixel nearest each block's centre, on the same block grid as the means
        rows = np.minimum(np.arange(-(-h // f)) * f + f // 2, h - 1)
        cols = np.minimum(np.arange(-(-w // f)) * f + f // 2, w - 1)
        return image[np.ix_(rows, cols)], f
    hh, ww = -(-h // f) * f, -(-w // f) * f
    a = image.astype(np.float32)
    if (hh, ww) != (h, w):
        a = np.pad(a, ((0, hh - h), (0, ww - w)), mode="edge")
    return a.reshape(hh // f, f, ww // f, f).mean(axis=(1, 3)), f


def label_colours(n):
    """n + 1 RGB colours: black for the background, then bright hues spaced by the golden angle."""
    hues = (np.arange(1, n + 1) * 0.618033988749895) % 1.0
    s, v = 0.75, 0.95
    sector = np.floor(hues * 6).astype(int) % 6
    f = hues * 6 - np.floor(hues * 6)
    p = np.full_like(f, v * (1 - s))
    q, t, full = v * (1 - s * f), v * (1 - s * (1 - f)), np.full_like(f, v)
    table = [(full, t, p), (q, full, p), (p, full, t), (p, q, full), (t, p, full), (full, p, q)]
    rgb = np.zeros((n + 1, 3))
    for k, channels in enumerate(table):
        sel = sector == k
        rgb[1:][sel] = np.stack(channels, axis=-1)[sel]
    return np.rint(rgb * 255).astype(np.uint8)


def to_rgb(image, kind, *, value_range=None):
    """uint8 RGB for display: grey scaled from `value_range` (default min..max), binary white on black,
    labels in :func:`label_colours`."""
    if kind == "labels":
        labels = np.asarray(image)
        colours = label_colours(int(labels.max()) if labels.size else 0)
        return colours[labels]
    a = np.asarray(image, dtype=np.float32)
    lo, hi = value_range if value_range is not None else (float(np.min(a)), float(np.max(a)))
    if kind == "binary":
        lo, hi = 0.0, 1.0
    scale = 255.0 / (hi - lo) if hi > lo else 0.0
    grey = np.clip(np.rint((a - lo) * scale), 0, 255).astype(np.uint8)
    return np.repeat(grey[..., None], 3, axis=2)


def overlay(base_rgb, labels, alpha=0.45):
    """Label colours blended over a grey image (background left as it is)."""
    colours = to_rgb(labels, "labels").astype(np.float32)
    out = base_rgb.astype(np.float32)
    on = labels > 0
    out[on] = (1 - alpha) * out[on] + alpha * colours[on]
    return np.rint(out).astype(np.uint8)


def png_uri(rgb):
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb)).save(buf, format="PNG", compress_level=3)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def image_figure(rgb, factor=1, *, title=None, boxes=(), highlight=None, height=None, uri=None):
    """An image as a zoomable Plotly figure in full-resolution pixel coordinates (row down, column across).

    `boxes` are (min_row, min_col, max_row, max_col) rectangles drawn thinly; `highlight` one drawn boldly.
    `uri` is :func:`png_uri` of `rgb` when the caller has it already.
    """
    h, w = rgb.shape[:2]
    fig = go.Figure(go.Image(source=uri or png_uri(rgb), x0=factor / 2 - 0.5, y0=factor / 2 - 0.5, dx=factor, dy=factor,
                             hovertemplate="row %{y:.0f}, column %{x:.0f}<extra></extra>"))
    for box, width, colour in [(b, 1, "rgba(255,255,255,0.6)") for b in boxes] + (
            [(highlight, 3, FIT_COLOR)] if highlight is not None else []):
        r0, c0, r1, c1 = box
        fig.add_shape(type="rect", x0=c0 - 0.5, x1=c1 - 0.5, y0=r0 - 0.5, y1=r1 - 0.5,
                      line={"color": colour, "width": width})
    full_h, full_w = h * factor, w * factor
    fig.update_xaxes(range=[-0.5, full_w - 0.5], showgrid=False, title_text="column (px)", constrain="domain")
    fig.update_yaxes(range=[full_h - 0.5, -0.5], showgrid=False, title_text="row (px)", scaleanchor="x",
                     constrain="domain")
    fig.update_layout(margin={"l": 50, "r": 10, "t": 40 if title else 10, "b": 40}, title=title,
                      height=height or int(min(640, max(260, 560 * h / max(w, 1)))), dragmode="zoom")
    return fig


def histogram_figure(centres, counts, *, level=None, x_label="grey level", log_y=False):
    fig = go.Figure(go.Bar(x=centres, y=counts, marker_color=DATA_COLOR, marker_line_width=0, name="pixels",
                           hovertemplate="level %{x:.4g}: %{y:,} pixels<extra></extra>"))
    if level is not None:
        fig.add_vline(x=level, line={"color": FIT_COLOR, "width": 2, "dash": "dash"},
                      annotation_text=f"threshold {level:.4g}", annotation_position="top right")
    fig.update_layout(bargap=0, height=240, margin={"l": 50, "r": 10, "t": 20, "b": 40}, showlegend=False)
    fig.update_xaxes(title_text=x_label)
    fig.update_yaxes(title_text="pixels", type="log" if log_y else "linear")
    return fig


def difference_rgb(before, after, before_kind, after_kind):
    """What changed. Two masks: red = removed, green = added, grey = kept. Otherwise after - before on a
    blue (darker) / white / red (brighter) scale, symmetric about zero. Returns (rgb, caption)."""
    if before_kind == "binary" and after_kind == "binary":
        b, a = before > 0.5, after > 0.5
        rgb = np.zeros(b.shape + (3,), np.uint8)
        rgb[b & a] = (150, 150, 150)
        rgb[b & ~a] = (220, 50, 47)
        rgb[~b & a] = (40, 180, 80)
        return rgb, "grey: kept, red: removed, green: added"
    if "labels" in (before_kind, after_kind):
        b, a = before > 0.5, after > 0.5
        return difference_rgb(b.astype(np.float32), a.astype(np.float32), "binary", "binary")
    d = np.asarray(after, np.float32) - np.asarray(before, np.float32)
    m = float(np.max(np.abs(d))) or 1.0
    t = np.clip(d / m, -1, 1)
    rgb = np.empty(d.shape + (3,), np.float32)
    rgb[..., 0] = np.where(t > 0, 1.0, 1 + t)
    rgb[..., 1] = 1 - np.abs(t)
    rgb[..., 2] = np.where(t < 0, 1.0, 1 - t)
    return np.rint(rgb * 255).astype(np.uint8), f"after - before, from -{m:.4g} (blue) to +{m:.4g} (red)"


def split_rgb(before_rgb, after_rgb, fraction):
    """Before on the left of the split, after on the right, with a thin divider."""
    out = after_rgb.copy()
    cut = int(round(fraction * out.shape[1]))
    out[:, :cut] = before_rgb[:, :cut]
    if 0 < cut < out.shape[1]:
        out[:, max(cut - 1, 0):cut + 1] = (255, 80, 0)
    return out


def pixel_grid_figure(patch, element, result, *, operation, centre=None):
    """Teaching view: the input patch, the structuring element and the output, pixel by pixel.

    Changed pixels are outlined in the output; `centre` (row, col) places the element over the input to
    show which pixels decide that output pixel.
    """
    fig = make_subplots(rows=1, cols=3, column_widths=[0.42, 0.16, 0.42], horizontal_spacing=0.05,
                        subplot_titles=("input", "structuring element", f"after {operation.replace('_', ' ')}"))
    grey = [[0, "#111111"], [1, "#f4f4f4"]]
    orange = [[0, "#111111"], [1, "#ff9900"]]
    for col, arr in ((1, patch), (2, element), (3, result)):
        fig.add_trace(go.Heatmap(z=arr.astype(int), colorscale=orange if col == 2 else grey, zmin=0, zmax=1, showscale=False, xgap=1,
                                 ygap=1, hovertemplate="row %{y}, col %{x}: %{z}<extra></extra>"), 1, col)
        fig.update_yaxes(autorange="reversed", scaleanchor=f"x{'' if col == 1 else col}", showgrid=False,
                         row=1, col=col)
        fig.update_xaxes(showgrid=False, row=1, col=col)
    # Outlines as one list of layout shapes (one add_shape call per pixel cost ~0.3 s per rerun on this page).
    def box(r, c, axis, color, width):
        return {"type": "rect", "xref": f"x{axis}", "yref": f"y{axis}", "x0": c - 0.5, "x1": c + 0.5,
                "y0": r - 0.5, "y1": r + 0.5, "line": {"color": color, "width": width}}

    shapes = [box(r, c, 3, FIT_COLOR, 2) for r, c in np.argwhere(patch.astype(bool) != result.astype(bool))]
    if centre is not None:
        er, ec = element.shape
        r0, c0 = centre[0] - er // 2, centre[1] - ec // 2
        shapes += [box(r0 + r, c0 + c, "", "#ff9900", 2) for r, c in np.argwhere(element)]
        shapes.append(box(centre[0], centre[1], 3, "#ff9900", 4))
    fig.update_layout(shapes=shapes)
    fig.update_layout(height=360, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig
