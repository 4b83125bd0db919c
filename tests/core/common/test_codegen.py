"""Embedded data in exported scripts: exact, and compact (one value per line made a 12,000 px code panel)."""

import io

import numpy as np
import pandas as pd
import pytest

from core.common.codegen import DATA_FILENAME, INLINE_MAX_ROWS, data_source


def run(src):
    ns = {"pd": pd, "io": io}
    exec(compile(src, "<script>", "exec"), ns)
    return ns["data"]


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_embedded_data_reads_back_bit_for_bit_in_few_lines(columns):
    rng = np.random.default_rng(columns)
    frame = pd.DataFrame({f"c{i}": rng.normal(size=INLINE_MAX_ROWS) * 10.0 ** rng.integers(-8, 8) for i in range(columns)})
    frame.iloc[3, 0] = np.nan
    src, needs_file = data_source(frame)
    assert not needs_file
    pd.testing.assert_frame_equal(run(src), frame, check_exact=True)
    lines = src.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert len(lines) <= INLINE_MAX_ROWS + 3                     # never more than a row a line
    assert np.mean([len(line) for line in lines]) > 44          # and lines are filled, not one short value each


def test_short_numbers_pack_densely_and_large_data_goes_to_a_file():
    frame = pd.DataFrame({"x": np.arange(1000) / 4})
    src, _ = data_source(frame)
    assert len(src.splitlines()) < 100
    pd.testing.assert_frame_equal(run(src), frame)
    src, needs_file = data_source(pd.DataFrame({"x": np.zeros(INLINE_MAX_ROWS + 1)}))
    assert needs_file and DATA_FILENAME in src
