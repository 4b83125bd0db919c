"""The image-input widget: a bundled sample, an upload or the camera; shows what was read."""

from dataclasses import dataclass

import streamlit as st

from core.common import MAX_UPLOAD_MB, safe_file_name, sha256
from core.morphology import GREY_METHODS, MAX_PIXELS, LoadedImage
from core.morphology.samples import SAMPLES
from ui.common.data_input import pick_sample, upload
from ui.common.errors import guard
from ui.common.url import bound, forget
from ui.common.text import esc
from ui.morphology.cache import image_cached

__all__ = ["ImageSource", "require_image", "GREY_LABELS"]

SOURCES = ["Sample", "Upload", "Camera"]
UPLOAD_TYPES = ["png", "jpg", "jpeg", "tif", "tiff", "bmp"]
GREY_LABELS = {"luminance": "Luminance (0.299 R + 0.587 G + 0.114 B)", "bt709": "BT.709 (0.2126 R + 0.7152 G + "
               "0.0722 B)", "average": "Average of R, G, B", "red": "Red channel", "green": "Green channel",
               "blue": "Blue channel"}
_INPUT_KEYS = ("source", "sample", "upload", "camera")


@dataclass(frozen=True)
class ImageSource:
    data: bytes
    digest: str
    label: str
    file_name: str
    loaded: LoadedImage
    defaults: dict


def _describe(loaded):
    d = loaded.describe()
    depth = {"uint8": "8-bit", "uint16": "16-bit", "int32": "32-bit integer", "float32": "32-bit float"}.get(
        d["dtype"], d["dtype"])
    kind = "colour (RGB)" if loaded.is_colour else "grey"
    return (f"{d['width']:,} x {d['height']:,} px ({d['megapixels']:.2f} Mpx), {depth} {kind}, {d['format']} "
            f"mode {d['mode']}, stored as {d['dtype']}, values {d['min']:g} to {d['max']:g}")


def _choose(prefix):
    source = bound(st.segmented_control, "Image source", SOURCES, default="Sample", key=f"{prefix}_source",
                   selection_mode="single")
    source = source or "Sample"
    if source == "Sample":
        sample, data = pick_sample(prefix, SAMPLES, "Sample image")
        return data, sample.title, sample.file, dict(sample.defaults)
    if source == "Upload":
        file = upload(f"PNG, JPEG, TIFF (8/16-bit) or BMP, up to {MAX_UPLOAD_MB} MB and {MAX_PIXELS / 1e6:g} "
                      "megapixels", UPLOAD_TYPES, key=f"{prefix}_upload", max_mb=MAX_UPLOAD_MB)
        if file is None:
            st.info("Choose an image file; it stays in this session only.", icon=":material/upload:")
            return None
        return file.getvalue(), f"upload {file.name}", safe_file_name(file.name, "image.png"), {}
    shot = st.camera_input("Take a picture (for example of coins or printed text on a plain background)",
                           key=f"{prefix}_camera")
    if shot is None:
        st.info("Allow the camera in the browser and take a picture.", icon=":material/photo_camera:")
        return None
    return shot.getvalue(), "camera picture", "camera.jpg", {}  # the browser sends a JPEG



def require_image(prefix):
    """Let the user choose an image; return an :class:`ImageSource` or stop the page while there is none.

    When the image changes, the page's other settings are reset to the new image's defaults (an upload or a
    camera picture keeps the current pipeline).
    """
    with st.container(border=True):
        chosen = None
        with guard("choosing the image"):
            chosen = _choose(prefix)
        if chosen is None:
            st.stop()
        data, label, file_name, defaults = chosen
        digest = sha256(data)
        loaded = None
        with guard("reading the image"):
            loaded = image_cached(digest, data)
        if loaded is None:
            st.stop()
        seen = f"_{prefix}_image_seen"
        previous = st.session_state.get(seen)
        if previous is not None and previous != digest:
            # A sample brings its own pipeline; the user's own image keeps the pipeline built so far.
            keep = _INPUT_KEYS + (() if defaults.get("pipeline") else ("pipe",))
            forget(f"{prefix}_", keep={f"{prefix}_{k}" for k in keep})
        st.session_state[seen] = digest
        st.caption(esc(_describe(loaded)))
        for note in loaded.notes:
            st.caption(esc(note))
    return ImageSource(data, digest, label, file_name, loaded, defaults)


def grey_method(prefix, source):
    """The colour-to-grey choice (only shown for colour images)."""
    if not source.loaded.is_colour:
        return "luminance"
    return bound(st.selectbox, "Colour to grey", list(GREY_METHODS), key=f"{prefix}_grey",
                 format_func=GREY_LABELS.get, help="Luminance weights green most, as the eye does; a single channel can give the best "
                             "contrast (for example red for stained tissue).")
