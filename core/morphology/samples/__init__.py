"""Bundled samples of this capability: small, documented (source and licence in README.md beside them).

Each sample names the columns, model or settings a page starts with, so the page shows a useful result
the moment it opens."""

from core.common.samples import Catalogue, Sample

__all__ = ["SAMPLES"]

SAMPLES = Catalogue(__file__, [
    Sample("image_coins", "Coins, some touching (8-bit grey)", "image_coins.png",
           "Eleven coin-like disks on an unevenly lit background, three pairs touching: threshold, fill, and "
           "split the touching ones to count and measure them.",
           "Synthetic (core/morphology/samples/make_images.py, seed 20261125)",
           {"pipeline": "gaussian_filter;threshold;binary_opening:shape=disk,size=5;binary_fill_holes;"
                        "split_touching:min_distance=15"}),
    Sample("image_cells", "Fluorescent cells (16-bit grey)", "image_cells_16bit.png",
           "Blob-like cells on a bright gradient, stored as 16-bit: a white top-hat removes the background "
           "before thresholding.", "Synthetic (core/morphology/samples/make_images.py, seed 7)",
           {"pipeline": "white_tophat:shape=disk,size=25;gaussian_filter;threshold;"
                        "remove_small_objects:min_size=20;split_touching:min_distance=5"}),
    Sample("image_text", "Text scan with speckle (RGB)", "image_text_scan.png",
           "Dark text on shaded paper with dust specks, saved in colour: a black top-hat flattens the shading, "
           "removing small objects drops the specks.", "Synthetic (core/morphology/samples/make_images.py, Pillow's "
           "default font)",
           {"pipeline": "median_filter;black_tophat:shape=disk,size=15;threshold;"
                        "remove_small_objects:min_size=12;label"}),
])
