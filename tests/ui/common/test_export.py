"""The CSV download: a small table made with the page (held by its session), a large one or a callable on click."""

import types

import numpy as np
import pandas as pd
import pytest

from core.common import to_csv_bytes
from ui.common import export


@pytest.fixture
def calls(monkeypatch):
    seen = []
    monkeypatch.setattr(export, "st", types.SimpleNamespace(download_button=lambda *a, **k: seen.append((a, k))))
    return seen


def test_a_small_table_is_written_with_the_page(calls):
    frame = pd.DataFrame({"x": [1.5, 2.0], "label": ["=cmd", "ok"]})
    export.csv_download("Download", frame, "t.csv", key="k")
    (label, data), kwargs = calls[0]
    assert data == to_csv_bytes(frame) and data.decode().count("'=cmd") == 1
    assert kwargs["on_click"] == "ignore" and kwargs["file_name"] == "t.csv" and kwargs["mime"] == "text/csv"


def test_a_large_table_and_a_callable_wait_for_the_click(calls):
    big = pd.DataFrame(np.arange(2 * (export.EAGER_CELLS // 2 + 1), dtype=float).reshape(-1, 2))
    export.csv_download("Download", big, "big.csv", key="a")
    export.csv_download("Download", lambda: big.head(3), "small.csv", key="b")
    (_, lazy_big), _ = calls[0]
    (_, lazy_small), _ = calls[1]
    assert callable(lazy_big) and callable(lazy_small)
    assert lazy_big() == to_csv_bytes(big) and lazy_small() == to_csv_bytes(big.head(3))
