"""Drawing the pieces every page shows: token views, chunk views, counts, notes and share links."""

from __future__ import annotations

from typing import Sequence

import streamlit as st

from .display import display_options
from .encoding_choice import EncodingChoice
from .token_view import chunk_view_html, inserted_by_script, token_view_html


class _AsItIs:
    """An `st.html` body to draw exactly as given. Streamlit dedents a string body
    (`textwrap.dedent`), which empties the whitespace-only lines inside a token such as
    "\\n    \\n" and takes about 10 ms on a 2,000-token view; a body with `_repr_html_` is
    used as it is."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup


def show_html(markup: str, *, unsafe_allow_javascript: bool = False) -> None:
    """Draw `markup` (built in `token_view`, user text escaped) with `st.html`, exactly as it is."""
    st.html(_AsItIs(markup), unsafe_allow_javascript=unsafe_allow_javascript)


def show_token_view(
    choice: EncodingChoice,
    ids: Sequence[int],
    *,
    first_index: int = 0,
    marks: dict[int, str] | None = None,
    show_ids: bool = True,
    note: str | None = None,
    colors: Sequence[int] | None = None,
) -> None:
    """Draw `ids` (one page of them) as colored tokens, in a view marked with the encoding's name.

    `first_index` is the position of `ids[0]` in the whole text (it keeps the colors stable
    from page to page); `marks` adds a class to some tokens, by position in `ids`; `colors`
    gives each token its color number instead of the position-based one.
    """
    encoding = choice.encoding
    show_html(
        token_view_html(
            choice.name,
            encoding.decode_tokens_bytes(ids),
            ids,
            options=display_options(),
            special_ids=encoding.special_tokens.values(),
            first_index=first_index,
            marks=marks,
            show_ids=show_ids,
            note=note,
            colors=colors,
        )
    )


def show_chunk_view(chunks: Sequence[str], *, note: str | None = None, before: str = "", after: str = "") -> None:
    """Draw pre-tokenization chunks, each in its own box, with `before` and `after` (markup built
    in `token_view`, such as `view_label_html`'s labels) in the same element.

    The view is inserted by a script, past Streamlit's sanitizer (see `inserted_by_script`):
    Compare draws two or more of them on every switch to it, about 0.15 s less that way. Token
    views stay plain `st.html`: the page contract has their elements in the HTML itself.
    """
    markup = before + chunk_view_html(chunks, options=display_options(), note=note) + after
    show_html(inserted_by_script(markup), unsafe_allow_javascript=True)


def show_counts(text: str, n_tokens: int) -> None:
    """Four metrics: tokens, characters, bytes, characters per token."""
    n_bytes = len(text.encode("utf-8", errors="surrogatepass"))
    columns = st.columns(4)
    columns[0].metric("Tokens", f"{n_tokens:,}", border=True)
    columns[1].metric("Characters", f"{len(text):,}", border=True)
    columns[2].metric("Bytes (UTF-8)", f"{n_bytes:,}", border=True)
    columns[3].metric("Characters per token", f"{len(text) / n_tokens:.2f}" if n_tokens else "–", border=True)


def show_notes(notes: Sequence[str]) -> None:
    """Show notes about the link (bad values that were replaced by defaults) as warnings."""
    for note in notes:
        st.warning(note, icon=":material/link_off:")


def show_share_link(link: str, notes: Sequence[str] = ()) -> None:
    """A "share" popover with the link to this exact view, with a copy button."""
    with st.popover("Share link", icon=":material/link:"):
        st.caption("This link opens the page as you see it now:")
        st.code(link, language=None, wrap_lines=True)
        for note in notes:
            st.caption(note)
