"""Regenerate the bundled sample images (python3 -m core.morphology.samples.make_images).

All three are synthetic, drawn with numpy and Pillow from fixed seeds, so they are free of any licence
terms; the PNG files beside this script are what the app ships (regenerating them with another Pillow or
font may change a few pixels of the text scan).
"""

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

_HERE = Path(__file__).resolve().parent


def coins(rng):
    """Touching disks of a few sizes on an unevenly lit background, 8-bit: threshold, fill, split."""
    h, w = 320, 400
    r, c = np.mgrid[0:h, 0:w]
    image = 60 + 40 * (c / w) + 15 * (r / h)
    centres = [(60, 70, 34), (72, 128, 30), (65, 260, 38), (160, 95, 28), (152, 160, 40), (170, 300, 33),
               (255, 60, 30), (250, 150, 36), (255, 214, 26), (240, 335, 35), (110, 355, 22)]
    for (cy, cx, radius) in centres:
        d = np.hypot(r - cy, c - cx)
        disk = d <= radius
        image[disk] = 170 + 40 * (1 - d[disk] / radius) ** 0.5
        ring = (d > radius - 4) & disk
        image[ring] -= 25
    image += rng.normal(0, 8, image.shape)
    return np.clip(np.rint(image), 0, 255).astype(np.uint8)


def cells(rng):
    """Fluorescent-like blobs with a bright gradient, 16-bit: top-hat removes the background."""
    h, w = 300, 300
    r, c = np.mgrid[0:h, 0:w]
    image = 2000 + 6000 * np.exp(-((r - 40) ** 2 + (c - 260) ** 2) / (2 * 160.0 ** 2))
    for _ in range(38):
        cy, cx = rng.uniform(10, h - 10), rng.uniform(10, w - 10)
        sy, sx = rng.uniform(3, 7, 2)
        image += rng.uniform(5000, 20000) * np.exp(-((r - cy) ** 2 / (2 * sy ** 2) + (c - cx) ** 2 / (2 * sx ** 2)))
    image += rng.normal(0, 400, image.shape)
    return np.clip(np.rint(image), 0, 65535).astype(np.uint16)


def text_scan():
    """Dark text on shaded paper with speckle, 8-bit RGB: a scan to clean up and measure."""
    h, w = 220, 520
    page = Image.new("L", (w, h), 235)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=30)
    lines = ["Erosion shrinks, dilation grows.", "Opening = erosion then dilation.", "Closing fills gaps."]
    for i, line in enumerate(lines):
        draw.text((18, 20 + 62 * i), line, fill=25, font=font)
    page = page.filter(ImageFilter.GaussianBlur(0.8))
    rng = np.random.default_rng(3)
    arr = np.asarray(page).astype(float)
    r, c = np.mgrid[0:h, 0:w]
    arr -= 55 * (c / w) ** 2 + 20 * (r / h)
    arr += rng.normal(0, 6, arr.shape)
    speckle = rng.random(arr.shape) < 0.004
    arr[speckle] = 40
    grey = np.clip(np.rint(arr), 0, 255).astype(np.uint8)
    rgb = np.stack([grey, np.clip(grey.astype(int) - 8, 0, 255), np.clip(grey.astype(int) - 20, 0, 255)], axis=-1)
    return rgb.astype(np.uint8)


def main():
    Image.fromarray(coins(np.random.default_rng(20261125))).save(_HERE / "image_coins.png", optimize=True)
    Image.fromarray(cells(np.random.default_rng(7))).save(_HERE / "image_cells_16bit.png", optimize=True)
    Image.fromarray(text_scan()).save(_HERE / "image_text_scan.png", optimize=True)


if __name__ == "__main__":
    main()
