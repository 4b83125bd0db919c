"""Reading images: PNG, JPEG, TIFF or BMP bytes to a numpy array, the size checked from the header before any
pixel is decoded, alpha composited over white, palettes and 1-bit images expanded; colour to grey. Shared by the
image-morphology page and the linear-algebra page's low-rank approximation."""

import io
import warnings
from dataclasses import dataclass

import numpy as np

from core.common.errors import DataError, LimitError

__all__ = ["MAX_PIXELS", "MAX_FILE_MB", "IMAGE_FORMATS", "GREY_METHODS", "ImageError", "LoadedImage", "load_image",
           "read_image", "to_grey", "pil_to_array"]

#: Our own pixel limit, checked from the header before any pixel is decoded.
MAX_PIXELS = 50_000_000
MAX_FILE_MB = 50
IMAGE_FORMATS = ("PNG", "JPEG", "TIFF", "BMP")
#: Colour to grey: weights of (R, G, B).
GREY_METHODS = {
    "luminance": (0.299, 0.587, 0.114),
    "bt709": (0.2126, 0.7152, 0.0722),
    "average": (1 / 3, 1 / 3, 1 / 3),
    "red": (1.0, 0.0, 0.0),
    "green": (0.0, 1.0, 0.0),
    "blue": (0.0, 0.0, 1.0),
}


class ImageError(DataError):
    """A file that cannot be read as an image."""


@dataclass(frozen=True)
class LoadedImage:
    """Pixels as stored (``(h, w)`` or ``(h, w, 3)``, dtype kept) and what was done to get them."""

    pixels: np.ndarray
    format: str
    mode: str
    notes: tuple = ()

    @property
    def is_colour(self):
        return self.pixels.ndim == 3

    def describe(self):
        h, w = self.pixels.shape[:2]
        lo, hi = float(self.pixels.min()), float(self.pixels.max())
        return {"width": w, "height": h, "megapixels": h * w / 1e6, "format": self.format, "mode": self.mode,
                "dtype": str(self.pixels.dtype), "channels": 3 if self.is_colour else 1, "min": lo, "max": hi}


def pil_to_array(im):
    """A Pillow image as a numpy array: grey ``(h, w)`` or colour ``(h, w, 3)``, its own dtype kept.

    Palette images are expanded; alpha is composited over white; CMYK and other colour spaces become RGB;
    16-bit images stay 16-bit (uint16); 1-bit images become 0/255 (uint8). EXIF rotation is applied.
    Returns ``(array, notes)``. (This function is copied into exported scripts: numpy and Pillow only.)
    """
    from PIL import Image, ImageOps

    notes = []
    if getattr(im, "n_frames", 1) > 1:
        notes.append(f"The file holds {im.n_frames} frames; the first is used.")
    if im.getexif().get(0x0112, 1) not in (0, 1):
        im = ImageOps.exif_transpose(im)
        notes.append("Rotated as its EXIF orientation says.")
    mode = im.mode
    if mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
        notes.append("Palette colours expanded to RGB.")
    elif mode == "1":
        im = im.convert("L")
        notes.append("A 1-bit image: read as 0 and 255.")
    elif mode == "PA":
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "La", "RGBa"):
        base = "L" if im.mode in ("LA", "La") else "RGB"
        background = Image.new(im.mode, im.size, (255,) * len(im.mode))
        im = Image.alpha_composite(background.convert("RGBA"), im.convert("RGBA")).convert(base)
        notes.append("The alpha channel (transparency) was composited over white.")
    elif im.mode not in ("L", "RGB", "I", "F") and not im.mode.startswith("I;16"):
        im = im.convert("RGB")
        notes.append(f"Converted from {mode} to RGB.")
    array = np.asarray(im)
    if array.dtype.byteorder == ">":
        array = array.astype(array.dtype.newbyteorder("="))
    if array.ndim == 3 and array.shape[2] > 3:
        array = array[..., :3]
    return np.ascontiguousarray(array), notes


def load_image(data, *, max_pixels=MAX_PIXELS):
    """Decode PNG, JPEG, TIFF or BMP bytes into a :class:`LoadedImage`.

    The size in the header is checked against `max_pixels` before any pixel is decoded.
    """
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise ImageError("The file is empty.")
    if len(data) > MAX_FILE_MB * 2 ** 20:
        raise LimitError(f"The file is {len(data) / 2 ** 20:.0f} MB; images up to {MAX_FILE_MB} MB can be read.")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS))
        except UnidentifiedImageError:
            raise ImageError("This file is not a PNG, JPEG, TIFF or BMP image.") from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise LimitError(f"The image has more than {max_pixels / 1e6:g} megapixels; scale it down first.") from None
        except Exception as exc:  # broken headers make the decoders raise many different things
            raise ImageError(f"The image header cannot be read ({type(exc).__name__}).") from None
        w, h = im.size
        if w * h > max_pixels:
            raise LimitError(f"The image is {w:,} x {h:,} = {w * h / 1e6:.1f} megapixels; the limit is "
                             f"{max_pixels / 1e6:g} megapixels. Scale it down first.")
        if w < 1 or h < 1:
            raise ImageError("The image has no pixels.")
        fmt, mode = im.format, im.mode
        try:
            im.load()
            array, notes = pil_to_array(im)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise LimitError(f"The image has more than {max_pixels / 1e6:g} megapixels.") from None
        except Exception as exc:
            raise ImageError(f"The image data is truncated or damaged ({exc}).") from None
    if array.dtype.kind not in "uif" or array.ndim not in (2, 3):
        raise ImageError(f"Unsupported pixel layout ({mode}, {array.dtype}).")
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        raise ImageError("The image holds NaN or infinite values.")
    return LoadedImage(array, fmt, mode, tuple(notes))


def read_image(data: bytes):
    """The pixels of an image file as a numpy array (see :func:`load_image`)."""
    return load_image(data).pixels


def to_grey(pixels, method="luminance"):
    """Grey levels as float32 in the image's own units (0-255 for 8-bit, 0-65535 for 16-bit)."""
    if pixels.ndim == 2:
        return pixels.astype(np.float32)
    if method not in GREY_METHODS:
        raise DataError(f"Unknown grey conversion {method!r}; choose one of {', '.join(GREY_METHODS)}.")
    weights = np.asarray(GREY_METHODS[method], dtype=np.float64)
    return (pixels[..., :3].astype(np.float64) @ weights).astype(np.float32)
