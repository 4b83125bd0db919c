"""Show the project's own errors plainly; log anything else with an incident id, never a traceback."""

from contextlib import contextmanager
import logging
import os
import uuid

import streamlit as st

from core.common import ExplorerError
from ui.common.text import esc

__all__ = ["guard", "RAISE_ENV"]

log = logging.getLogger("scipy_explorer")
#: When this environment variable is "1" (the test suite sets it), unexpected errors are re-raised so
#: that tests see them as exceptions instead of as a friendly message.
RAISE_ENV = "SCIPY_EXPLORER_RAISE"


@contextmanager
def guard(what="this step", *, aside=False):
    """Run a block; show ExplorerError as a short st.error, anything else as an incident.

    With `aside`, for a block whose result is only a side view (the design not applied, kept for a comparison),
    the project's own error is a caption instead of a red box.

    ``st.stop()`` and ``st.rerun()`` raise BaseException subclasses and pass through untouched.
    """
    try:
        yield
    except ExplorerError as exc:
        if aside:
            st.caption(f"{esc(what[:1].upper() + what[1:])}: {esc(exc)}")
        else:
            st.error(esc(exc), icon=":material/error:")
    except Exception:
        if os.environ.get(RAISE_ENV) == "1":
            raise
        incident = uuid.uuid4().hex[:8]
        log.exception("Unexpected error in %s (incident %s)", what, incident)
        st.error(f"Something went wrong in {what} (incident {incident}). The details are in the server log; "
                 "try other settings, or report the incident id.", icon=":material/bug_report:")
