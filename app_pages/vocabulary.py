"""Vocabulary: browse an encoding's tokens: search by text or id, the longest tokens, token
lengths, GPT-2's byte table and the special tokens."""

import streamlit as st

from ui.encoding_choice import canonical_name, encoding_picker
from ui.errors import errors_as_messages
from ui.url_state import PageState, Param
from ui.views import show_notes, show_share_link
from ui.vocab_view import (
    MAX_QUERY_CHARS,
    parse_query,
    show_byte_table,
    show_id_lookup,
    show_lengths,
    show_longest,
    show_special_tokens,
    show_summary,
    show_text_search,
)

state = PageState(
    "vocabulary",
    "vocabulary",
    [
        Param("encoding", "cl100k_base", canonical_name, shared="encoding", default_label="GPT-4 (cl100k_base)"),
        Param("q", "", parse_query, default_label="no search"),
        Param("id", ""),
    ],
)

st.title("Vocabulary")
st.caption(
    "Every token of an encoding: find tokens by their text or id, see the longest ones and how long tokens "
    "are, and how GPT-2 writes bytes as visible characters. Tokenizers you trained are here too."
)
show_notes(state.restore())

with errors_as_messages("browsing the vocabulary"):
    choice = encoding_picker(state.key("encoding"))
    show_summary(choice)
    with st.container(key="vocabulary-search"):
        st.subheader("Search")
        text_column, id_column = st.columns([3, 2])
        with text_column:
            query = st.text_input(
                "Find tokens containing",
                key=state.key("q"),
                max_chars=MAX_QUERY_CHARS,
                placeholder="e.g. token",
                help="Matches the token's text or its GPT-2 printable form (Ġ for a space), ignoring case.",
            )
        with id_column:
            raw_id = st.text_input("Look up a token id", key=state.key("id"), placeholder="e.g. 1917")
            show_id_lookup(choice, raw_id)
        show_text_search(choice, query)

    lengths_column, longest_column = st.columns(2, gap="large")
    with lengths_column, st.container(key="vocabulary-lengths"):
        st.subheader("Token lengths")
        show_lengths(choice)
    with longest_column, st.container(key="vocabulary-longest"):
        st.subheader("Longest tokens")
        show_longest(choice)

    special_column, bytes_column = st.columns([1, 2], gap="large")
    with special_column, st.container(key="vocabulary-special"):
        st.subheader("Special tokens")
        show_special_tokens(choice)
    with bytes_column, st.container(key="vocabulary-bytes"):
        st.subheader("Bytes → characters")
        show_byte_table()

    link, link_notes = state.publish()
    show_share_link(link, link_notes)
