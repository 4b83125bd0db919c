"""Reading user tables safely, and selecting clean numeric columns from them.

:func:`read_table` takes the raw bytes of an upload (or a pasted table) and returns a DataFrame. It checks
the content, not the file name: binary files, empty files, oversized headers and tables with too many
columns are refused before pandas sees them. Encoding (UTF-8 with or without BOM, UTF-16, cp1252/Latin-1),
delimiter, decimal comma, thousands separator and header are detected; :func:`parse_table` also returns what
was detected so the page can show it and let the user override it.

:func:`select_columns` turns chosen columns into a float array, dropping rows with missing, non-numeric or
infinite values and saying which.
"""

from dataclasses import dataclass
import csv
import hashlib
import io
import re
import unicodedata
import warnings

import numpy as np
import pandas as pd

from core.common.budget import MAX_PASTE_CHARS
from core.common.errors import DataError

__all__ = ["pasted_bytes",
           "numeric_columns", "read_table", "parse_table", "TableFormat", "ParsedTable", "select_columns", "Selection",
           "sha256", "safe_file_name", "to_csv_bytes", "MAX_UPLOAD_MB", "MAX_COLUMNS", "MAX_HEADER_BYTES", "DELIMITERS"]

MAX_UPLOAD_MB = 50
MAX_COLUMNS = 1000
MAX_HEADER_BYTES = 64 * 1024
#: Delimiters the sniffer considers; "whitespace" means runs of spaces or tabs.
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", "whitespace": "spaces"}

_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (an .xlsx workbook is one: save it as CSV)"),
    (b"\x1f\x8b", "a gzip archive"), (b"BZh", "a bzip2 archive"), (b"\xd0\xcf\x11\xe0", "an old Excel/Office file"),
    (b"RIFF", "a RIFF file (WAV/AVI)"), (b"\x7fELF", "an executable"), (b"MZ", "an executable"),
    (b"SQLite format 3", "an SQLite database"), (b"\x93NUMPY", "a NumPy .npy file"), (b"PAR1", "a Parquet file"),
]
_NUM_DOT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_NUM_COMMA = re.compile(r"^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$")
_DEC_DOT = re.compile(r"^[+-]?\d*\.\d+([eE][+-]?\d+)?$")
_DEC_COMMA = re.compile(r"^[+-]?\d*,\d+([eE][+-]?\d+)?$")
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$")
_SPECIAL = {"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "na", "n/a", ""}


@dataclass(frozen=True)
class TableFormat:
    """How a table was (or should be) read."""

    encoding: str
    delimiter: str
    decimal: str = "."
    thousands: str | None = None
    header: bool = True

    def describe(self):
        parts = [f"encoding {self.encoding}", f"delimiter: {DELIMITERS.get(self.delimiter, self.delimiter)}",
                 f"decimal: '{self.decimal}'"]
        if self.thousands:
            parts.append(f"thousands: '{self.thousands}'")
        parts.append("header row" if self.header else "no header row")
        return ", ".join(parts)


@dataclass(frozen=True)
class ParsedTable:
    frame: pd.DataFrame
    format: TableFormat
    notes: tuple = ()


@dataclass(frozen=True)
class Selection:
    """Clean float columns taken from a table.

    Attributes
    ----------
    values : ndarray, shape (n_kept, n_columns)
    columns : tuple of str
    kept : ndarray of int
        Positions (0-based) of the kept rows in the table.
    n_rows : int
        Rows in the table.
    dropped : dict
        Reason -> 1-based data-row numbers, for rows left out.
    """

    values: np.ndarray
    columns: tuple
    kept: np.ndarray
    n_rows: int
    dropped: dict

    @property
    def n_dropped(self):
        return self.n_rows - len(self.kept)

    def column(self, name):
        return self.values[:, self.columns.index(name)]

    def report(self, limit=10):
        """A sentence saying how many rows were dropped and which, or '' if none."""
        if not self.n_dropped:
            return ""
        parts = []
        for reason, rows in self.dropped.items():
            shown = ", ".join(str(r) for r in rows[:limit]) + (", ..." if len(rows) > limit else "")
            parts.append(f"{len(rows)} with {reason} (rows {shown})")
        return (f"Dropped {self.n_dropped} of {self.n_rows} rows in {', '.join(self.columns)}: "
                + "; ".join(parts) + ".")


def safe_file_name(name, default):
    """An uploaded file's name reduced to letters, digits and ._- (at most 80 characters), or `default`.

    Used where the name is written into an exported script and a download."""
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in str(name))[-80:] or default


def sha256(data):
    """Hex SHA-256 of bytes: the cache key of an upload (never the DataFrame, which Streamlit samples)."""
    return hashlib.sha256(data).hexdigest()


# -- decoding ------------------------------------------------------------------------------------------

def _decode(data, encoding=None):
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            raise DataError(f"The file cannot be read as {encoding}; try automatic detection.") from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise DataError("The file starts like UTF-16 text but is not valid UTF-16.") from None
    head = data[:4096]
    if len(head) >= 4 and head.count(b"\x00") >= len(head) // 4:
        # UTF-16 without a byte-order mark: every other byte of ASCII text is NUL.
        odd, even = head[1::2].count(0), head[0::2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return data.decode(enc), enc.upper()
        except UnicodeDecodeError:
            pass  # not UTF-16: reported as binary below
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _check_text(text):
    sample = text[:65536]
    if "\x00" in sample:
        raise DataError("This file is binary, not a text table (it contains NUL bytes). Upload a CSV, TSV or TXT file.")
    control = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n\f")
    replaced = sample.count("\ufffd")
    if sample and (control + replaced) > 0.01 * len(sample) + 2:
        raise DataError("This file does not look like a text table (it has many control characters). "
                        "Upload a CSV, TSV or TXT file.")



def pasted_bytes(text):
    """The bytes of a pasted table, refusing more than :data:`~core.common.budget.MAX_PASTE_CHARS` characters
    (the text area's own limit is kept by the browser only; a script can send more)."""
    if len(text) > MAX_PASTE_CHARS:
        raise DataError(f"The pasted text has {len(text):,} characters; at most {MAX_PASTE_CHARS:,} are read. "
                        "Upload a file instead.")
    return text.encode("utf-8")


# -- sniffing ------------------------------------------------------------------------------------------

def _split(line, delimiter):
    if delimiter == "whitespace":
        return line.split()
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error as exc:  # e.g. a field over the csv module's 131,072-character limit
        raise DataError(f"A line of the table could not be read ({exc}): is one field a whole document? "
                        f"Fields are at most {csv.field_size_limit():,} characters.") from None


def _is_number(field, decimal, thousands):
    f = field.strip().strip('"').strip()
    if f.lower() in _SPECIAL:
        return True
    if thousands:
        f_plain = f
        pattern = _THOUSANDS_COMMA if thousands == "," else _THOUSANDS_DOT
        if pattern.match(f_plain):
            return True
    return bool((_NUM_DOT if decimal == "." else _NUM_COMMA).match(f))


def _data_lines(text, limit=60):
    """The first `limit` lines that are neither blank nor comments, and the raw index of the first."""
    lines, first = [], 0
    # Only the head is needed: never copy the whole text into a StringIO (4 bytes per character).
    head = text[:MAX_HEADER_BYTES * 4]
    for i, line in enumerate(io.StringIO(head)):
        if line.strip() and not line.lstrip().startswith("#"):
            if not lines:
                first = i
            lines.append(line.rstrip("\r\n"))
            if len(lines) >= limit:
                break
    return lines, first


def _sniff(lines, encoding, *, delimiter=None, decimal=None, thousands=None, header=None):
    if not lines:
        raise DataError("The file has no data lines.")
    candidates = [delimiter] if delimiter else list(DELIMITERS)
    best = None
    for d in candidates:
        rows = [_split(line, d) for line in lines]
        counts = [len(r) for r in rows]
        mode = max(set(counts), key=counts.count)
        consistency = counts.count(mode) / len(counts)
        fields = [f.strip() for r in rows[1:] or rows for f in r if f.strip()]
        numeric = sum(_is_number(f, ".", ",") or _is_number(f, ",", ".") for f in fields) / max(len(fields), 1)
        score = (mode > 1 or d == delimiter, consistency, numeric, mode)
        if best is None or score > best[0]:
            best = (score, d, rows)
    _, delim, rows = best
    body = [f.strip().strip('"') for r in rows[1:] or rows for f in r]
    if decimal is None:
        commas = sum(bool(_DEC_COMMA.match(f) or (_THOUSANDS_DOT.match(f) and "," in f)) for f in body)
        dots = sum(bool(_DEC_DOT.match(f) or (_THOUSANDS_COMMA.match(f) and "." in f)) for f in body)
        decimal = "," if delim != "," and commas > dots else "."
    if thousands is None:
        if decimal == "." and any(_THOUSANDS_COMMA.match(f) for f in body) and (
                delim != "," or any('"' in line for line in lines)):
            thousands = ","
        elif decimal == "," and any(_THOUSANDS_DOT.match(f) for f in body):
            thousands = "."
    if header is None:
        first = [f for f in rows[0] if f.strip()]
        header = not all(_is_number(f, decimal, thousands) for f in first)
    return TableFormat(encoding=encoding, delimiter=delim, decimal=decimal, thousands=thousands or None,
                       header=bool(header))


def _unique_names(names, width):
    out, seen, notes = [], {}, []
    names = list(names) + [""] * (width - len(names))
    for i, raw in enumerate(names[:width]):
        name = str(raw).strip().strip('"').strip() or f"column {i + 1}"
        if name in seen:
            seen[name] += 1
            new = f"{name} ({seen[name]})"
            notes.append(f"Duplicate column name {name!r}: the copy is called {new!r}.")
            name = new
        else:
            seen[name] = 1
        out.append(name)
    return out, notes


# -- reading -------------------------------------------------------------------------------------------

def parse_table(data, *, delimiter=None, decimal=None, thousands=None, header=None, encoding=None,
                require_numeric=True):
    """Read a delimited text table from bytes, detecting its format.

    Parameters
    ----------
    data : bytes
        The file's content.
    delimiter, decimal, thousands, header, encoding : optional
        Overrides for what is otherwise detected. `delimiter` is one of :data:`DELIMITERS`.
    require_numeric : bool
        Refuse a table without any numeric column (True for pages that need numbers; a table of categories
        for a contingency table passes False).

    Returns
    -------
    ParsedTable
        The DataFrame (numeric columns as float/int, others as text), the format used and notes.

    Raises
    ------
    DataError
        Empty, binary or oversized input, too many columns, ragged rows, or no numeric column.

    Examples
    --------
    >>> parse_table(b"x;y\\n1,5;2,5\\n3,0;4,5").frame["y"].tolist()
    [2.5, 4.5]
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise DataError(f"Expected the file's bytes, got {type(data).__name__}.")
    data = bytes(data)
    if not data:
        raise DataError("The file is empty (0 bytes). Choose a CSV, TSV or TXT file with a table in it.")
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        raise DataError(f"The file is {len(data) / 2**20:.0f} MB; at most {MAX_UPLOAD_MB} MB can be read.")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise DataError(f"This is {kind}, not a text table. Upload a CSV, TSV or TXT file.")
    if delimiter is not None and delimiter not in DELIMITERS:
        raise DataError(f"Unknown delimiter {delimiter!r}; choose one of {list(DELIMITERS)}.")
    if decimal not in (None, ".", ","):
        raise DataError(f"The decimal separator must be '.' or ',', got {decimal!r}.")
    if thousands not in (None, "", ",", ".", " ", "'"):
        raise DataError(f"Unsupported thousands separator {thousands!r}.")

    text, enc = _decode(data, encoding)
    _check_text(text)
    text = text.lstrip("\ufeff")
    first_end = text.find("\n")
    first_len = len(text) if first_end < 0 else first_end
    if first_len > MAX_HEADER_BYTES:
        raise DataError(f"The first line is {first_len:,} characters long (at most {MAX_HEADER_BYTES:,}): "
                        "this is not a table we can read.")
    lines, first_index = _data_lines(text)
    if not lines:
        raise DataError("The file contains no table: it is blank or only comments.")
    fmt = _sniff(lines, enc, delimiter=delimiter, decimal=decimal, thousands=thousands or None, header=header)
    first = _split(lines[0], fmt.delimiter)
    counts = [len(_split(line, fmt.delimiter)) for line in lines]
    # Lines longer than this make pandas stop with the line number: reported as ragged rows.
    width = len(first) if fmt.header else max(set(counts), key=counts.count)
    if width > MAX_COLUMNS:
        raise DataError(f"The table has {width:,} columns; at most {MAX_COLUMNS:,} are supported.")
    names, notes = _unique_names(first if fmt.header else [], width)

    sep = r"\s+" if fmt.delimiter == "whitespace" else fmt.delimiter
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            # UTF-8 goes to pandas as bytes: a StringIO of the decoded text would cost ~4 bytes per character.
            source = io.BytesIO(data) if enc == "UTF-8" else io.StringIO(text)
            frame = pd.read_csv(
                source, sep=sep, header=None, names=names, skiprows=first_index + int(fmt.header),
                decimal=fmt.decimal, thousands=fmt.thousands, comment="#", skip_blank_lines=True,
                skipinitialspace=fmt.delimiter != "whitespace", index_col=False,
                engine="c" if fmt.delimiter != "whitespace" else "python", on_bad_lines="error")
    except pd.errors.ParserError as exc:
        msg = str(exc)
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", msg)
        if found:
            expected, line, saw = found.groups()
            raise DataError(f"Ragged rows: line {line} has {saw} fields where the table has {expected}. "
                            "Check the delimiter, or fix that line.") from None
        raise DataError(f"The table could not be parsed: {msg.splitlines()[0] if msg else 'unknown error'}.") from None
    except (ValueError, UnicodeError, MemoryError, csv.Error) as exc:
        raise DataError(f"The table could not be parsed: {exc}.") from None
    if frame.shape[0] == 0:
        raise DataError("The table has a header but no data rows.")
    if require_numeric and not any(pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns) \
            and not numeric_columns(frame):
        raise DataError("No numeric columns were found: the file has only text. Check the delimiter and "
                        "decimal separator, or upload a table of numbers.")
    return ParsedTable(frame=frame, format=fmt, notes=tuple(notes))


def read_table(data, **overrides):
    """Return the table in `data` (bytes) as a DataFrame; see :func:`parse_table`.

    Examples
    --------
    >>> read_table(b"x,y\\n1,2\\n3,4").shape
    (2, 2)
    """
    return parse_table(data, **overrides).frame


def _numeric(series):
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return series.astype(float)
    return pd.to_numeric(series.astype("string").str.strip(), errors="coerce").astype(float)


def numeric_columns(frame):
    """Names of the columns with at least one numeric value."""
    return [c for c in frame.columns if _numeric(frame[c]).notna().any()]


def select_columns(frame, columns):
    """Take `columns` as a float array, dropping (and reporting) unusable rows.

    Raises
    ------
    DataError
        If a column is missing, has no numeric value, or no row is left.
    """
    columns = tuple(columns)
    if not columns:
        raise DataError("Choose at least one column.")
    arrays, reasons = [], {}
    n = len(frame)
    for c in columns:
        if c not in frame.columns:
            raise DataError(f"There is no column {c!r}; the columns are {list(frame.columns)}.")
        raw = frame[c]
        values = _numeric(raw).to_numpy(dtype=float, na_value=np.nan)
        if not np.isfinite(values).any():
            raise DataError(f"Column {c!r} has no numeric values; choose another column.")
        missing = raw.isna().to_numpy() | (raw.astype("string").str.strip() == "").fillna(True).to_numpy()
        text = np.isnan(values) & ~missing
        infinite = np.isinf(values)
        for reason, mask in (("missing values", missing), ("non-numeric values", text),
                             ("infinite values", infinite)):
            if mask.any():
                reasons.setdefault(reason, np.zeros(n, dtype=bool))
                reasons[reason] |= mask
        arrays.append(values)
    values = np.column_stack(arrays) if arrays else np.empty((n, 0))
    good = np.isfinite(values).all(axis=1)
    kept = np.flatnonzero(good)
    if kept.size == 0:
        raise DataError(f"No row has finite numbers in all of {', '.join(columns)}.")
    dropped = {reason: (np.flatnonzero(mask) + 1).tolist() for reason, mask in reasons.items() if mask.any()}
    return Selection(values=values[good], columns=columns, kept=kept, n_rows=n, dropped=dropped)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape_cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv_bytes(frame):
    """CSV bytes of `frame` with text cells a spreadsheet would run (= + - @) escaped by a leading quote.

    Floats are written in full precision (shortest round-trip form).
    """
    safe = frame.copy()
    safe.columns = [_escape_cell(str(c)) for c in safe.columns]
    for c in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[c]):
            safe[c] = safe[c].map(_escape_cell)
    return safe.to_csv(index=False).encode("utf-8")
