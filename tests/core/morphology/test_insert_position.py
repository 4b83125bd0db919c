"""Where the editor's "Add" puts a step: where it gets the image it needs, and the pipeline still runs."""

import numpy as np
import pytest

from core.common import DataError
from core.morphology import DEFAULT_PIPELINE, OP_LABELS, insert_position, pipeline_from_text, run_step
from core.morphology.operations import OPERATIONS

DEFAULT = pipeline_from_text(DEFAULT_PIPELINE)[0]
PIPELINES = [DEFAULT_PIPELINE, "", "threshold", "gaussian_filter", "threshold;label", "sobel;threshold;invert",
             "median_filter;black_tophat:shape=disk,size=15;threshold;remove_small_objects:min_size=12;label"]


def run(steps, image):
    """Run the pipeline; raise DataError where a step breaks or reads a mask as grey levels (a threshold of a
    threshold runs, but is never a place "Add" chooses)."""
    kind = "grey"
    for step in steps:
        result = run_step(image, kind, step)
        if any("read as 0 and 1" in n for n in result.notes):
            raise DataError(f"{step.label} got a mask")
        image, kind = result.image, result.kind
    return kind


def test_a_blur_goes_before_the_threshold_of_the_default_pipeline():
    index, note = insert_position(DEFAULT, "gaussian_filter")
    assert index == 1 and "step 2" in note
    assert insert_position(DEFAULT, "binary_erosion")[0] == 4        # after the last mask step, before splitting


def test_a_mask_step_in_an_empty_pipeline_asks_for_a_threshold():
    index, note = insert_position([], "binary_erosion")
    assert index is None and "Threshold" in note


@pytest.mark.parametrize("text", PIPELINES)
@pytest.mark.parametrize("op", list(OPERATIONS))
def test_every_placed_step_leaves_a_pipeline_that_runs(text, op):
    from core.morphology import make_step

    steps = pipeline_from_text(text)[0]
    index, note = insert_position(steps, op)
    image = np.random.default_rng(0).random((24, 24)).astype(np.float32)
    image[6:18, 6:18] += 1.0
    if index is None:                                                # then truly no place runs
        assert OP_LABELS[op] in note
        for where in range(len(steps) + 1):
            with pytest.raises(DataError):
                run(steps[:where] + [make_step(op)] + steps[where:], image)
        return
    new = steps[:index] + [make_step(op)] + steps[index:]
    run(new, image)                                                  # raises DataError if a step breaks
