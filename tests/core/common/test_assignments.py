"""name = number text, parsed for held fit parameters and ODE parameters: read, never evaluated."""

import pytest

from core.common.errors import DataError
from core.common.validate import parse_assignments


def test_names_and_numbers_are_read():
    assert parse_assignments("loc=0; scale = 2.5, df=5\nk = -1e3", max_items=8) == {
        "loc": 0.0, "scale": 2.5, "df": 5.0, "k": -1000.0}
    assert parse_assignments("", max_items=2) == {} and parse_assignments(None, max_items=2) == {}


@pytest.mark.parametrize("text, message", [
    ("__import__('os')", "name=number"), ("a", "name=number"), ("2a = 1", "name=number"),
    ("a = b", "must be a number"), ("a = 1e400", "finite"), ("a = nan", "finite"), ("a = 2e12", "at most 1e12"),
    ("a=1, b=2, c=3", "At most 2"), ("print = 1", "name=number"),
])
def test_anything_else_is_refused_plainly(text, message):
    with pytest.raises(DataError, match=message):
        parse_assignments(text, max_items=2, usable=lambda name: name != "print")
