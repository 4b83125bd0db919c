"""Cached wrappers around core functions.

Caches are keyed on a digest of the data (SHA-256 of the uploaded bytes, or the generator settings),
never on a DataFrame or array: Streamlit hashes large frames from a sample, so two different uploads could
share a key and one user be served another's result. The data itself is passed in an argument whose
name starts with an underscore, which Streamlit leaves out of the key. Every cache has ``max_entries``.
"""

import hashlib
import json

import streamlit as st

from core.common import generate, parse_table, select_columns

__all__ = ["content_key", "frozen", "parse_cached", "select_cached", "synthetic_cached"]


def content_key(*parts, **options):
    """The one way a cache key is built: a SHA-256 over the content digest(s) and the options.

    `parts` are digests (hex strings of the data's bytes) or other identities; `options` are the settings
    that change the result. Values are written canonically (sorted keys, floats by ``repr``, tuples as lists),
    so equal settings always give the same key and different ones never collide.

    Examples
    --------
    >>> content_key("ab12", delimiter=";") == content_key("ab12", delimiter=";")
    True
    >>> content_key("ab12", n=1) == content_key("ab12", n=1.0000001)
    False
    """
    text = json.dumps([parts, options], sort_keys=True, default=repr, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def frozen(array):
    """Mark `array` read-only (it is shared by every session through ``st.cache_resource``) and return it."""
    array.flags.writeable = False
    return array


@st.cache_data(max_entries=16, show_spinner="Reading the table ...")
def parse_cached(digest, overrides, _data):
    """:func:`core.common.data.parse_table` keyed on the digest of `_data` and the format overrides."""
    return parse_table(_data, **dict(overrides))


@st.cache_data(max_entries=32, show_spinner=False)
def select_cached(digest, columns, _frame):
    """:func:`core.common.data.select_columns`, keyed on the data digest and the column names."""
    return select_columns(_frame, columns)


@st.cache_data(max_entries=16, show_spinner=False)
def synthetic_cached(name, options, _generator):
    """:func:`core.common.synthetic.generate` keyed on the generator's name and its settings."""
    return generate(_generator, **dict(options))
