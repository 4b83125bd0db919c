"""Axis labels and units: the link's text read back with bounds, and applied only to matching axis titles."""

import json

from hypothesis import given, strategies as st

from core.common import MAX_LABEL_CHARS, axis_title, labels_from_text, labels_to_text, relabel_layout


def test_round_trip_and_only_known_columns():
    labels = {"dose": ("Dose", "mg/L"), "rate": ("", "1/min")}
    text = labels_to_text({**labels, "empty": ("", " ")})
    assert labels_from_text(text, ["dose", "rate", "empty"]) == (labels, False)
    assert labels_from_text(text, ["dose"]) == ({"dose": ("Dose", "mg/L")}, True)


def test_bad_link_text_is_dropped_not_raised():
    for text in ["{", "[1,2]", json.dumps({"dose": "Dose"}), json.dumps({"dose": [1, 2]}), "x" * 9000]:
        assert labels_from_text(text, ["dose"]) == ({}, True)
    long = labels_to_text({"dose": ("D" * 500, "u" * 500)})
    label, unit = labels_from_text(long, ["dose"])[0]["dose"]
    assert len(label) == MAX_LABEL_CHARS and len(unit) == 20


def test_relabel_replaces_exact_titles_and_leaves_the_input_alone():
    layout = {"xaxis": {"title": {"text": "dose"}}, "yaxis2": {"title": {"text": "dose residual"}},
              "yaxis": {"title": {"text": "rate", "font": {"size": 12}}}, "title": {"text": "dose"}}
    new = relabel_layout(layout, {"dose": ("Dose", "mg/L"), "rate": ("Rate", "")})
    assert new["xaxis"]["title"]["text"] == "Dose (mg/L)" and new["yaxis"]["title"] == {"text": "Rate",
                                                                                       "font": {"size": 12}}
    assert new["yaxis2"] is layout["yaxis2"] and new["title"] == {"text": "dose"}
    assert layout["xaxis"]["title"]["text"] == "dose"
    assert relabel_layout(layout, {"other": ("O", "")}) is layout


@given(st.dictionaries(st.text(max_size=10), st.tuples(st.text(max_size=80), st.text(max_size=30)), max_size=5))
def test_any_labels_survive_the_link(labels):
    read, dropped = labels_from_text(labels_to_text(labels), list(labels))
    assert not dropped
    for column, (label, unit) in labels.items():
        if label.strip() or unit.strip():
            assert read[column] == (label[:MAX_LABEL_CHARS], unit[:20])
            assert axis_title(column, *read[column]).startswith(label[:MAX_LABEL_CHARS].strip() or column)
