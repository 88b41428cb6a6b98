"""Turning unexpected errors into messages: a page never shows a traceback."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterator

import streamlit as st

from .markdown import markdown_text

log = logging.getLogger(__name__)


@contextmanager
def errors_as_messages(what: str) -> Iterator[None]:
    """Run a page body; an exception becomes an `st.error` saying what failed (the traceback
    goes to the server log). Streamlit's own rerun and stop signals pass through."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - the whole point: no traceback on the page
        log.exception("Error while %s", what)
        st.error(
            f"Sorry, something went wrong while {what}: {markdown_text(str(exc) or type(exc).__name__)}. "
            "Try a shorter text or another setting; if it keeps happening, please report it."
        )
