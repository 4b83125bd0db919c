"""Axis labels and units set under the data reach every figure of the page, and the link."""

import json

import pytest

from tests.conftest import table_with
from ui.pages import page as page_info


def titles(driver):
    out = []
    for chart in driver.at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec)["layout"]
        out += [axis["title"]["text"] for name, axis in layout.items()
                if name.startswith(("xaxis", "yaxis")) and isinstance(axis.get("title"), dict)]
    return out


@pytest.mark.parametrize("slug", ["curve_fitting", "kernel_density", "interpolation", "hypothesis_testing"])
def test_a_label_and_unit_replace_the_column_name_on_the_axes(driver, slug):
    d = driver(page_info(slug)).run()
    columns = list(table_with(d.at, "unit")["column"])               # the editor lists the data's columns
    column = next(t for t in titles(d) if t in columns)
    index = columns.index(column)
    d.at.session_state[f"{d.p}_axes_editor"] = {"edited_rows": {index: {"label": "Dose <a href=x>", "unit": "mg/L"}},
                                                "added_rows": [], "deleted_rows": []}
    d.run()
    assert not d.errors
    assert "Dose ‹a href=x› (mg/L)" in titles(d) and column not in titles(d)
    link = d.at.query_params[f"{d.p}_axes"]
    assert json.loads(link[0] if isinstance(link, list) else link) == {column: ["Dose <a href=x>", "mg/L"]}
    again = driver(page_info(slug), query={f"{d.p}_axes": json.dumps({column: ["Dose", "mg/L"], "nope": ["a", ""]})})
    again.run()
    assert "Dose (mg/L)" in titles(again) and not again.errors
    assert "did not match" in " ".join(c.value for c in again.at.caption)

