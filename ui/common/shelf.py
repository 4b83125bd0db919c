"""The session's data shelf: tables a user uploaded, pasted or generated on any page, and results sent on
(residuals, a filtered signal, an object table), offered on every page that takes a table as "Your data".

The shelf lives in this session's state only (never in a shared cache): another visitor, or a shared link,
does not see it. A link that named shelf data says so instead of failing silently. The shelf is bounded in
items and in memory; the oldest item leaves first.
"""

from dataclasses import dataclass, field

import numpy as np
import streamlit as st
from streamlit.errors import StreamlitAPIException

from core.common import ParsedTable, TableFormat, sha256
from ui.common.text import esc
from ui.common.url import bound

__all__ = ["ShelfItem", "shelf_items", "shelve", "shelve_frame", "shelf_picker", "send_button", "MAX_SHELF_ITEMS",
           "MAX_SHELF_MB", "YOUR_DATA"]

MAX_SHELF_ITEMS = 12
MAX_SHELF_MB = 64
YOUR_DATA = "Your data"
_KEY = "_data_shelf"
_FORMAT = TableFormat(encoding="utf-8", delimiter=",")


@dataclass(frozen=True)
class ShelfItem:
    """One table on the shelf: `slot` names it (a content digest, or "paste:<page>" for the page's latest
    paste), `digest` identifies its content for the caches."""

    slot: str
    label: str
    table: ParsedTable
    digest: str
    origin: str
    defaults: dict = field(default_factory=dict)

    @property
    def title(self):
        rows, cols = self.table.frame.shape
        return f"{self.label} ({rows:,} x {cols}, from {self.origin})"


def _shelf():
    return st.session_state.setdefault(_KEY, {})


def shelf_items():
    """The shelf's items, newest first."""
    return list(reversed(_shelf().values()))


def _size_mb(table):
    return float(table.frame.memory_usage(deep=True).sum()) / 2**20


def shelve(slot, label, table, digest, *, origin, defaults=None):
    """Put `table` on the shelf under `slot` (replacing what was there); returns False, leaving the shelf as it
    was, for a table over MAX_SHELF_MB. Older items leave while the shelf is over its bounds."""
    shelf = _shelf()
    if slot in shelf and shelf[slot].digest == digest:  # every rerun of an upload lands here: nothing to measure
        return True
    if _size_mb(table) > MAX_SHELF_MB:
        return False
    shelf.pop(slot, None)
    shelf[slot] = ShelfItem(slot, str(label), table, digest, origin, dict(defaults or {}))
    while len(shelf) > MAX_SHELF_ITEMS or sum(_size_mb(i.table) for i in shelf.values()) > MAX_SHELF_MB:
        shelf.pop(next(iter(shelf)))
    return True


def frame_digest(frame):
    """A digest of a DataFrame's content (column names, dtypes and values), cheap for numeric frames."""
    parts = [repr(list(map(str, frame.columns))).encode(), repr(list(map(str, frame.dtypes))).encode()]
    for column in frame.columns:
        values = frame[column].to_numpy()
        parts.append(np.ascontiguousarray(values).tobytes() if values.dtype.kind in "biuf"
                     else "\x1f".join(map(str, values)).encode())
    return sha256(b"\x1e".join(parts))


def shelve_frame(label, frame, *, origin, defaults=None):
    """Put a result table on the shelf (its slot is its content digest); returns the digest, or None when it is
    too large to keep."""
    frame = frame.reset_index(drop=True)
    frame.columns = [str(c) for c in frame.columns]
    digest = frame_digest(frame)
    ok = shelve(digest, label, ParsedTable(frame, _FORMAT, ()), digest, origin=origin, defaults=defaults)
    return digest if ok else None


def shelf_picker(prefix):
    """The "Your data" picker (key ``<prefix>_shelf``); returns the chosen ShelfItem, or None (with a message)
    when the shelf is empty or a shared link named data this session does not have."""
    items = shelf_items()
    wanted = st.query_params.get(f"{prefix}_shelf")
    titles = [i.title for i in items]
    if wanted and wanted not in titles and f"{prefix}_shelf" not in st.session_state:
        st.warning(f"This link was made with data from its author's session ({esc(wanted)}). A link carries the "
                   "settings, never the data: upload the same table to see the same result.",
                   icon=":material/link_off:")
    if not items:
        st.info("Nothing here yet. Tables you upload, paste or generate on any page, and results you send on "
                "(fitted residuals, a filtered signal, an object table), are kept here for this session.",
                icon=":material/inventory_2:")
        return None
    by_title = {i.title: i for i in items}
    title = bound(st.selectbox, "Your data (this session)", titles, key=f"{prefix}_shelf",
                  help="Kept in this session only: other visitors and shared links do not see it.")
    return by_title.get(title, items[0])


def send_button(label, make_frame, *, name, origin, key, defaults=None, targets=()):
    """A button that puts the result `make_frame()` on the shelf as `name`, then says where to open it (page
    links to `targets`, pages by path)."""
    sent = f"_{key}_sent"
    if st.button(label, key=key, icon=":material/move_to_inbox:"):
        digest = shelve_frame(name, make_frame(), origin=origin, defaults=defaults)
        st.session_state[sent] = digest is not None
    if sent in st.session_state:
        if st.session_state[sent]:
            st.caption(f"Sent: open \"{esc(name)}\" under *{YOUR_DATA}* on any page that takes a table.")
            for path, title in targets:
                try:
                    st.page_link(path, label=f"Open {title}", icon=":material/arrow_forward:")
                except StreamlitAPIException:  # a page script run on its own (no router): no links to draw
                    pass
        else:
            st.caption(f"The table is over the shelf's {MAX_SHELF_MB} MB: download it instead.")


