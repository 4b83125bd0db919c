"""Caches are keyed on the uploaded bytes, not on a sampled hash of the DataFrame."""

import numpy as np

from tests.conftest import table_with


def _table(y):
    x = np.arange(y.size, dtype=float)
    return ("x,y\n" + "\n".join(f"{a:.1f},{b:.6f}" for a, b in zip(x, y))).encode()


def test_two_large_uploads_differing_in_few_rows_get_different_results(driver):
    # HAZARDS: Streamlit hashes frames of >= 50,000 rows from a sample; two 60,000-row uploads differing
    # in 5,000 rows shared a cache key, so one user could be served another's result.
    rng = np.random.default_rng(0)
    y_a = 2.0 * np.arange(60_000) + rng.normal(0, 1, 60_000)
    y_b = y_a.copy()
    y_b[20_000:25_000] += 500.0
    results = []
    for y in (y_a, y_b):
        d = driver("curve_fitting").run()
        d.upload(_table(y))
        d.set("selectbox", "model", "linear")
        table = table_with(d.at, "parameter")
        results.append(dict(zip(table["parameter"], table["value"])))
    assert results[0]["b"] != results[1]["b"]


def test_every_cache_has_max_entries():
    import re
    from pathlib import Path

    decorators = []
    for path in (Path(__file__).parents[3] / "ui").rglob("*.py"):
        decorators += re.findall(r"@st\.cache_(?:data|resource)\b[^\n]*", path.read_text())
    assert len(decorators) >= 20
    assert all("max_entries=" in d for d in decorators), decorators


def test_content_key_is_canonical_and_separates_settings():
    from ui.common.cache import content_key

    digest = "ab" * 32
    assert content_key(digest, a=1, b=(1.0, 2.0)) == content_key(digest, b=(1.0, 2.0), a=1)  # order of options
    keys = {content_key(digest, a=1), content_key(digest, a=1.0000000001), content_key(digest, a="1"),
            content_key(digest, b=1), content_key("cd" * 32, a=1), content_key(digest, 1)}
    assert len(keys) == 6
    assert len(content_key(digest)) == 64


def test_caches_without_a_spinner_are_the_cheap_ones():
    # A run over 0.5 s must say what it computes: Streamlit shows a cached function's spinner message after
    # 0.5 s. Only these stay silent, each well under that on the largest input the page accepts.
    import re
    from pathlib import Path

    cheap = {"grey_cached", "_display_cached", "_shown_cached", "_histogram_cached", "describe_cached",
             "simulate_cached", "warm_up", "select_cached", "synthetic_cached", "channel_cached", "filter_cached",
             "_wav_cached", "knn_cached",  # knn_cached: one query on a tree built (with its spinner) elsewhere
             # parsing a formula and deriving its Hessian (ms); a Nelder-Mead replay of at most one run (ms)
             "objective_cached", "constraints_cached", "simplex_cached", "system_cached"}
    silent = []
    for path in (Path(__file__).parents[3] / "ui").rglob("*.py"):
        silent += re.findall(r"show_spinner=False\)[^\n]*\n(?:#[^\n]*\n)*def (\w+)", path.read_text())
    assert silent and set(silent) <= cheap, set(silent) - cheap
