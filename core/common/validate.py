"""One validation helper per rule, with its limits as constants that the widgets read too.

A bound is written once: core checks it (a URL or a scripted client can send anything), and the widget
that sets the value takes its ``min_value``/``max_value`` from the same :class:`Bound`. Every helper raises
:class:`~core.common.errors.LimitError` (a ``ValueError``) naming the parameter and echoing the value.

Examples
--------
>>> from core.common.validate import FILTER_ORDER, check_int
>>> check_int(4, FILTER_ORDER, "order")
4
>>> check_int(99, FILTER_ORDER, "order")
Traceback (most recent call last):
...
core.common.errors.LimitError: `order` must be a whole number from 1 to 24, got 99.
"""

import math
import re
import numbers
from dataclasses import dataclass

import numpy as np

from core.common.errors import DataError, LimitError

__all__ = ["parse_assignments", "Bound", "check_int", "check_float", "check_level", "check_choice", "LEVEL", "FILTER_ORDER",
           "RIPPLE_DB", "ATTENUATION_DB", "SYNTHETIC_POINTS", "MAX_SYNTHETIC_POINTS", "FIR_TAPS", "parse_numbers"]


@dataclass(frozen=True)
class Bound:
    """A closed range ``[lo, hi]`` for one kind of number, and the unit it is shown in."""

    lo: float
    hi: float
    unit: str = ""

    def __contains__(self, value):
        return self.lo <= value <= self.hi

    def describe(self):
        unit = f" {self.unit}" if self.unit else ""
        return f"from {self.lo:,g} to {self.hi:,g}{unit}"


#: Confidence levels: one rule for every page (fitting used 0 < l < 1, testing 0.5 <= l < 1); below 0.5 an
#: interval is no interval anyone reports, and 0.9999 keeps intervals finite.
LEVEL = Bound(0.5, 0.9999)
#: IIR filter order (higher orders are numerically useless even as second-order sections).
FILTER_ORDER = Bound(1, 24)
#: Pass-band ripple of Chebyshev I and elliptic designs.
RIPPLE_DB = Bound(0.01, 39.0, "dB")
#: Stop-band attenuation of Chebyshev II and elliptic designs.
ATTENUATION_DB = Bound(1.0, 199.0, "dB")
#: Points of a synthetic dataset.
SYNTHETIC_POINTS = Bound(3, 2_000_000)
#: Taps of an FIR filter (a window-method design; 4,001 taps at 44.1 kHz reach ~10 Hz transition bands).
FIR_TAPS = Bound(3, 4001)
MAX_SYNTHETIC_POINTS = int(SYNTHETIC_POINTS.hi)


def _is_real(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_int(value, bound, name):
    """`value` as an ``int`` inside `bound`; a float with an integer value is accepted."""
    if _is_real(value) and math.isfinite(value) and float(value).is_integer() and value in bound:
        return int(value)
    raise LimitError(f"`{name}` must be a whole number {bound.describe()}, got {value!r}.")


def check_float(value, bound, name):
    """`value` as a finite ``float`` inside `bound`."""
    if _is_real(value) and math.isfinite(value) and value in bound:
        return float(value)
    raise LimitError(f"`{name}` must be a number {bound.describe()}, got {value!r}.")


def check_level(value, name="confidence_level"):
    """A confidence level in :data:`LEVEL` (0.5 to 0.9999)."""
    if _is_real(value) and math.isfinite(value) and value in LEVEL:
        return float(value)
    raise LimitError(f"`{name}` must be between {LEVEL.lo} and {LEVEL.hi}, got {value!r}.")


def check_choice(value, choices, name):
    """`value` if it is one of `choices` (any container), else a message listing them."""
    try:
        ok = value in choices
    except TypeError:
        ok = False
    if ok:
        return value
    raise LimitError(f"`{name}` must be one of {list(choices)}, got {value!r}.")


_ASSIGNMENT = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]{0,19})\s*=\s*(\S+)\s*$")


def parse_assignments(text, *, max_items, usable=None, what="parameter", example="a=1"):
    """``{name: value}`` from text such as ``"a = 1, b = 0.5"`` (``,``, ``;`` or new lines between them): plain
    names (accepted by `usable` when given) and finite numbers of at most 1e12 in size; nothing is evaluated.

    >>> parse_assignments("loc=0; scale = 2.5", max_items=4)
    {'loc': 0.0, 'scale': 2.5}
    """
    out = {}
    for part in (p for p in re.split(r"[;,\n]", text or "") if p.strip()):
        m = _ASSIGNMENT.match(part)
        if not m or (usable is not None and not usable(m.group(1))):
            raise DataError(f"Write each {what} as name=number with a plain name, e.g. {example}; could not read "
                            f"{part.strip()[:40]!r}.")
        name, raw = m.groups()
        try:
            value = float(raw)
        except ValueError:
            raise DataError(f"{name} must be a number; got {raw[:20]!r}.") from None
        if not math.isfinite(value) or abs(value) > 1e12:
            raise DataError(f"{name} must be a finite number of at most 1e12 in size.")
        out[name] = value
        if len(out) > max_items:
            raise DataError(f"At most {max_items} {what}s.")
    return out


def parse_numbers(text, *, max_values, max_chars=1_000_000, what="values"):
    """The numbers a user typed or pasted ("0.5, 1.25; 3", or one per line), as a float array.

    Refuses (DataError) text over `max_chars` characters or `max_values` numbers, and anything that is not a
    finite number.

    >>> parse_numbers("0.5, 1.25; 3\n4", max_values=10).tolist()
    [0.5, 1.25, 3.0, 4.0]
    """
    if len(text) > max_chars:
        raise DataError(f"At most {max_chars:,} characters of {what} can be typed.")
    parts = [v for v in re.split(r"[,;\s]+", text) if v]
    if len(parts) > max_values:
        raise DataError(f"At most {max_values:,} {what} can be typed, got {len(parts):,}.")
    try:
        values = np.array([float(v) for v in parts])
    except ValueError:
        raise DataError(f"Type numbers separated by commas or new lines, e.g. 0.5, 1.25, 3 (the {what}).") from None
    if not np.all(np.isfinite(values)):
        raise DataError(f"Type finite {what} (no nan or inf).")
    return values
