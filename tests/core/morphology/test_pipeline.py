"""The pipeline (kinds, text form) and its exported script, run in a subprocess against the page's numbers."""


import numpy as np
import pandas as pd
import pytest

from core.common import DataError
from core.morphology import (DEFAULT_PIPELINE, make_step, pipeline_from_text, pipeline_to_text, run_step)
from core.morphology import label_regions, load_image, region_table, to_grey
from core.morphology import REGIONS_FILE, final_summary, pipeline_script
from core.morphology.samples import SAMPLES


def _run(grey, steps):
    image, kind = grey, "grey"
    for step in steps:
        r = run_step(image, kind, step)
        image, kind = r.image, r.kind
    return image, kind


def test_text_round_trip_and_clamping():
    steps, skipped = pipeline_from_text(DEFAULT_PIPELINE)
    assert not skipped and pipeline_from_text(pipeline_to_text(steps))[0] == steps
    steps, skipped = pipeline_from_text("binary_erosion:size=999,iterations=-3,shape=hexagon,evil=1;"
                                        "__import__;-gaussian_filter:sigma=nan")
    assert skipped == ["binary_erosion.evil", "__import__"]
    o = steps[0].options
    assert o["size"] == 101 and o["iterations"] == 1 and o["shape"] == "square"
    assert not steps[1].enabled and steps[1].options["sigma"] == 1.0


def test_binary_step_on_grey_says_what_to_add():
    with pytest.raises(DataError, match="add a Threshold step"):
        run_step(np.zeros((5, 5), np.float32), "grey", make_step("binary_erosion"))
    with pytest.raises(DataError, match="labelled objects"):
        run_step(np.ones((5, 5), np.int32), "labels", make_step("gaussian_filter"))


def test_structuring_element_larger_than_image_gives_a_note():
    r = run_step(np.ones((3, 3), bool), "binary", make_step("binary_erosion", size=9))
    assert any("larger than the image" in n for n in r.notes) and not r.image.any()


def test_disabled_step_passes_through():
    image = np.random.default_rng(0).random((5, 5)).astype(np.float32)
    assert run_step(image, "grey", make_step("gaussian_filter", enabled=False)).image is image


PIPELINES = [
    ("image_coins", None),
    ("image_cells", None),
    ("image_text", None),
    ("image_coins", "sobel;grey_opening:shape=cross,size=5,iterations=2;threshold:invert=1;clear_border;"
                    "binary_propagation:markers=border;distance_transform_edt"),
    ("image_coins", "median_filter:shape=line,size=5,angle=30;threshold:method=manual,level=140;"
                    "binary_closing:shape=custom,size=3,element=010/111/010,iterations=2,border_value=1;"
                    "binary_propagation:shape=disk,size=9;invert;label;remove_small_objects:min_size=500"),
    ("image_text", "uniform_filter:size=5;grey_closing:size=4,iterations=2;black_tophat:shape=disk,size=9;"
                   "laplace;gaussian_gradient_magnitude:sigma=1.5;threshold;binary_dilation:size=15;"
                   "binary_erosion:size=16,iterations=2;remove_small_objects:min_size=3"),
]


@pytest.mark.parametrize("key,text", PIPELINES)
def test_exported_script_reproduces_the_pipeline(tmp_path, run_script, key, text):
    sample = SAMPLES[key]
    data = SAMPLES.load(key)
    loaded = load_image(data)
    grey = to_grey(loaded.pixels, "bt709")
    steps, skipped = pipeline_from_text(text or sample.defaults["pipeline"])
    assert not skipped
    image, kind = _run(grey, steps)
    script = pipeline_script(steps, file_name=sample.file, grey_method="bt709", colour=loaded.is_colour,
                             source_note=sample.title)
    printed = run_script(script, files={sample.file: data})
    expected = final_summary(image)
    assert printed["final_sum"] == expected["final_sum"] and printed["final_max"] == expected["final_max"]
    if kind in ("binary", "labels"):
        table = region_table(image, intensity=grey) if kind == "labels" else label_regions(image, intensity=grey)[1]
        exported = pd.read_csv(tmp_path / REGIONS_FILE)
        assert printed["regions"] == len(table)
        pd.testing.assert_frame_equal(exported, table.reset_index(drop=True), check_dtype=False, rtol=1e-6)  # float32 intensities via CSV text
    assert "eval(" not in script and "import core" not in script


def test_default_pipelines_find_the_objects():
    # The coins sample has eleven coins, three pairs touching: the default pipeline must count eleven.
    grey = to_grey(load_image(SAMPLES.load("image_coins")).pixels)
    labels, kind = _run(grey, pipeline_from_text(SAMPLES["image_coins"].defaults["pipeline"])[0])
    assert kind == "labels" and labels.max() == 11


def test_pixel_grid_figure_outlines_the_changed_pixels_and_the_element():
    from core.morphology import apply_operation, pixel_grid_figure, structuring_element

    rng = np.random.default_rng(2)
    patch = rng.random((12, 14)) > 0.5
    se = structuring_element("disk", 3)
    result = apply_operation(patch, "binary_erosion", shape="disk", size=3)
    fig = pixel_grid_figure(patch, se, result, operation="binary_erosion", centre=(5, 6))
    shapes = fig.layout.shapes
    changed = {(int(r), int(c)) for r, c in np.argwhere(patch != result)}
    in_output = {(round(s.y0 + 0.5), round(s.x0 + 0.5)) for s in shapes if s.xref == "x3" and s.line.width == 2}
    assert in_output == changed
    on_input = [s for s in shapes if s.xref == "x"]
    assert len(on_input) == int(se.sum())  # the element placed over the input
    assert sum(1 for s in shapes if s.xref == "x3" and s.line.width == 4) == 1  # the output pixel it decides
