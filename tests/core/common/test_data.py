import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st
from numpy.testing import assert_array_equal

from core.common import (MAX_COLUMNS, parse_table, read_table, select_columns, sha256, to_csv_bytes)
from core.common import DataError


def test_plain_csv():
    df = read_table(b"x,y\n1,2.5\n3,4.5\n")
    assert list(df.columns) == ["x", "y"] and df["y"].tolist() == [2.5, 4.5]


def test_semicolon_and_decimal_comma_are_detected():
    # HAZARDS: read with defaults this becomes one column with wrong numbers.
    parsed = parse_table(b"x;y\n1,5;2,5\n3,0;4,5\n")
    assert parsed.format.delimiter == ";" and parsed.format.decimal == ","
    assert parsed.frame["x"].tolist() == [1.5, 3.0] and parsed.frame["y"].tolist() == [2.5, 4.5]


def test_european_thousands_and_decimal():
    parsed = parse_table(b"a;b\n1.234,5;3\n2.000,0;4\n")
    assert parsed.format.thousands == "." and parsed.frame["a"].tolist() == [1234.5, 2000.0]


def test_quoted_thousands_with_commas():
    parsed = parse_table(b'x,y\n"1,234",5\n"2,000.5",6\n')
    assert parsed.format.thousands == "," and parsed.frame["x"].tolist() == [1234.0, 2000.5]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])
def test_encodings(encoding):
    text = "température,valeur\n1,2\n3,4\n"
    df = read_table(text.encode(encoding))
    assert list(df.columns) == ["température", "valeur"] and df["valeur"].tolist() == [2, 4]


@pytest.mark.parametrize("content, sep", [(b"x\ty\n1\t2\n3\t4", "\t"), (b"x y\n1 2\n3   4", "whitespace"),
                                          (b"x|y\n1|2\n3|4", "|")])
def test_other_delimiters(content, sep):
    parsed = parse_table(content)
    assert parsed.format.delimiter == sep and parsed.frame.shape == (2, 2)


def test_numeric_first_row_is_not_a_header():
    parsed = parse_table(b"1,2\n3,4\n")
    assert not parsed.format.header and parsed.frame.shape == (2, 2)
    assert parse_table(b"1,2\n3,4\n", header=True).frame.shape == (1, 2)


def test_comments_and_blank_lines_are_skipped():
    df = read_table(b"# measured 2026\n\nx,y\n1,2\n\n3,4\n")
    assert df.shape == (2, 2)


def test_duplicate_names_are_made_unique_and_said():
    parsed = parse_table(b"a,a,b\n1,2,3\n")
    assert list(parsed.frame.columns) == ["a", "a (2)", "b"] and parsed.notes


def test_ragged_rows_are_reported_with_line():
    with pytest.raises(DataError, match="line 3 has 3 fields"):
        read_table(b"x,y\n1,2\n3,4,5\n")


def test_overrides():
    df = read_table(b"x;y\n1,5;2\n", delimiter=";", decimal=".")
    assert df["x"].tolist() == ["1,5"]


@pytest.mark.parametrize("content, match", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
    (b"PK\x03\x04" + bytes(100), "ZIP"),
    (b"\xff\xd8\xff\xe0" + bytes(50), "JPEG"),
    (bytes(range(256)) * 8, "binary|text table"),
    (np.random.default_rng(0).bytes(5000), "binary|text table"),
    (b"hello world\nthis is only text\n", "only text"),
    (b"x,y\n", "no data rows"),
    (b"\n\n# just a comment\n", "no table"),
    (b"x" * 70_000 + b"\n1", "first line"),
])
def test_bad_files_raise_data_error(content, match):
    with pytest.raises(DataError, match=f"(?i){match}"):
        read_table(content)


def test_huge_header_is_refused_quickly():
    # HAZARDS: a 100 kB header of repeated names takes ~40 s for pandas to parse.
    header = ",".join(["col"] * 50_000).encode()
    start = time.perf_counter()
    with pytest.raises(DataError):
        read_table(header + b"\n" + b"1," * 49_999 + b"1\n")
    assert time.perf_counter() - start < 5


def test_too_many_columns():
    header = ",".join(f"c{i}" for i in range(MAX_COLUMNS + 1)).encode()
    with pytest.raises(DataError, match="columns"):
        read_table(header + b"\n" + b",".join([b"1"] * (MAX_COLUMNS + 1)))


def test_not_bytes():
    with pytest.raises(DataError):
        read_table("x,y\n1,2")


def test_select_columns_reports_which_rows_were_dropped():
    df = read_table(b"x,y\n1,2\n2,abc\n3,\n4,inf\n5,6\n6,nan\n")
    sel = select_columns(df, ["x", "y"])
    assert_array_equal(sel.values, [[1, 2], [5, 6]])
    assert sel.n_dropped == 4
    assert sel.dropped["non-numeric values"] == [2]
    assert sel.dropped["infinite values"] == [4]
    assert sel.dropped["missing values"] == [3, 6]
    report = sel.report()
    assert "Dropped 4 of 6 rows" in report and "rows 2" in report


def test_select_columns_errors():
    df = read_table(b"x,name\n1,a\n2,b\n")
    with pytest.raises(DataError, match="no numeric values"):
        select_columns(df, ["x", "name"])
    with pytest.raises(DataError, match="no column"):
        select_columns(df, ["z"])


def test_csv_download_escapes_formulas():
    frame = pd.DataFrame({"=name": ["=1+1", "+cmd", "-x", "@SUM(A1)", "ok"], "v": [-1.5, 2.0, 3.0, 4.0, 5.0]})
    text = to_csv_bytes(frame).decode()
    assert "'=name" in text and "'=1+1" in text and "'+cmd" in text and "'@SUM" in text and "'-x" in text
    assert "\nok,5.0" in text and "-1.5" in text and "'-1.5" not in text


def test_sha256_differs_for_different_bytes():
    assert sha256(b"a") != sha256(b"b") and len(sha256(b"")) == 64


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e6, 1e6, allow_nan=False), st.floats(-1e6, 1e6, allow_nan=False)),
                min_size=1, max_size=30),
       st.sampled_from([(",", "."), (";", ","), ("\t", "."), (";", ".")]))
def test_round_trip_any_numbers(rows, fmt):
    sep, dec = fmt
    lines = ["x" + sep + "y"] + [sep.join(repr(v).replace(".", dec) for v in row) for row in rows]
    df = read_table("\n".join(lines).encode())
    assert_array_equal(df[["x", "y"]].to_numpy(dtype=float), np.array(rows, dtype=float))


def test_validation_helpers_name_the_parameter_and_echo_the_value():
    from core.common import FILTER_ORDER, LEVEL, LimitError, check_choice, check_float, check_int, check_level

    assert check_int(4.0, FILTER_ORDER, "order") == 4 and isinstance(check_int(4.0, FILTER_ORDER, "order"), int)
    for bad in (0, 25, 2.5, True, float("nan"), "3", None):
        with pytest.raises(LimitError, match="`order` must be a whole number from 1 to 24"):
            check_int(bad, FILTER_ORDER, "order")
    assert check_level(0.95) == 0.95
    for bad in (0.3, 1.0, 1.5, float("inf"), "0.95"):
        with pytest.raises(LimitError, match="confidence_level"):
            check_level(bad)
    assert LEVEL.lo <= 0.68 and check_float(1e-3, LEVEL.__class__(0, 1), "x") == 1e-3
    with pytest.raises(LimitError, match="one of"):
        check_choice("evil", ("a", "b"), "method")
    with pytest.raises(LimitError):
        check_choice(["unhashable"], {"a": 1}, "method")
