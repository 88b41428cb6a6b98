"""The text a page works on: a text area, plus an optional upload that fills it."""

from __future__ import annotations

import streamlit as st

from .markdown import markdown_text
from .uploads import MAX_UPLOAD_BYTES, read_text_file
from .url_state import PageState

# The longest text a page accepts (the same bound as uploads).
MAX_TEXT_CHARS = MAX_UPLOAD_BYTES


def text_area_with_upload(
    state: PageState,
    name: str = "text",
    *,
    label: str = "Text",
    height: int = 220,
    help: str | None = None,
    upload_label: str = "Upload a text file (UTF-8, up to 10 MB)",
) -> str:
    """A text area bound to parameter `name` of the page and an uploader that replaces its
    text; a bad file is reported in words. Returns the text."""
    key = state.key(name)
    upload_key = f"{key}.upload"
    message_key = f"{key}.upload_message"

    def take_upload() -> None:
        uploaded = st.session_state.get(upload_key)
        if uploaded is None:
            st.session_state.pop(message_key, None)
            return
        try:
            text = read_text_file(uploaded.getvalue(), repr(uploaded.name))
        except ValueError as exc:
            st.session_state[message_key] = ("error", markdown_text(str(exc)))
        else:
            state.set(name, text)
            st.session_state[message_key] = ("success", f"Loaded {markdown_text(repr(uploaded.name))}: {len(text):,} characters.")

    st.text_area(label, key=key, height=height, max_chars=MAX_TEXT_CHARS, help=help)
    with st.expander(upload_label):
        st.file_uploader(upload_label, key=upload_key, on_change=take_upload, label_visibility="collapsed", max_upload_size=10)
    kind, message = st.session_state.get(message_key, (None, None))
    if kind == "error":
        st.error(message)
    elif kind == "success":
        st.caption(message)
    return st.session_state[key]


def parse_link_text(raw: str) -> str:
    """A text from a link; ValueError if it is empty."""
    if raw == "":
        raise ValueError("The text is empty.")
    return raw
