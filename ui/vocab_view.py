"""The Vocabulary page's pieces: token search by text or id, the longest tokens, the histogram
of token lengths, GPT-2's byte table and the special tokens, for any encoding of the session.

The vocabulary itself is `ui.cached.vocabulary_table` (one cached DataFrame per encoding); the
searching and counting are `tokenizer.vocab_stats`, cached here per (encoding, query).
"""

from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from tokenizer import Encoding, Tokenizer, UnknownTokenError
from tokenizer.vocab_files import to_printable
from tokenizer.vocab_stats import byte_grid, length_histogram, longest_tokens, search_tokens

from . import cached
from .compare_view import markdown_text
from .display import display_options
from .encoding_choice import EncodingChoice
from .token_view import DisplayOptions
from .views import show_html, show_token_view

# Search results beyond this many rows are counted but not listed ("e" is in most tokens).
MAX_RESULT_ROWS = 5_000
LONGEST_COUNT = 50
MAX_QUERY_CHARS = 100

_WHOLE_NUMBER = re.compile(r"[+-]?\d{1,30}")


def parse_query(raw: str) -> str:
    """A search text from a link; ValueError if it is longer than the search box takes."""
    if len(raw) > MAX_QUERY_CHARS:
        raise ValueError(f"The search text is {len(raw):,} characters long; the limit is {MAX_QUERY_CHARS}.")
    return raw


# ------------------------------------------------------------------ tables


def search_table(choice: EncodingChoice, query: str) -> pd.DataFrame:
    """The rows of the vocabulary table whose text or printable form contains `query` (any case)."""
    return _search_table(choice.cache_key, query, choice)


@st.cache_data(max_entries=64, show_spinner="Searching...")
def _search_table(key: str, query: str, _choice: EncodingChoice) -> pd.DataFrame:
    table = cached.vocabulary_table(_choice)
    return table.iloc[search_tokens(table["text"].tolist(), table["token"].tolist(), query)].reset_index(drop=True)


def longest_table(choice: EncodingChoice, count: int = LONGEST_COUNT) -> pd.DataFrame:
    """The `count` longest tokens (in bytes), longest first, ties by id."""
    return _longest_table(choice.cache_key, count, choice)


@st.cache_data(max_entries=16, show_spinner=False)
def _longest_table(key: str, count: int, _choice: EncodingChoice) -> pd.DataFrame:
    table = cached.vocabulary_table(_choice)
    return table.iloc[longest_tokens(table["bytes"].tolist(), count)].reset_index(drop=True)


def length_figure(choice: EncodingChoice, log_scale: bool = False) -> go.Figure:
    """A bar per byte length: how many tokens of the vocabulary have it (optionally on a log axis)."""
    lengths, counts = length_histogram(cached.vocabulary_table(choice)["bytes"].tolist())
    figure = go.Figure(
        go.Bar(x=lengths, y=counts, marker_color="#1c7ed6", hovertemplate="%{y:,} tokens of %{x} bytes<extra></extra>")
    )
    figure.update_layout(
        xaxis_title="token length (bytes)",
        yaxis_title="tokens",
        height=340,
        margin=dict(l=10, r=10, t=20, b=10),
        bargap=0.1,
    )
    if log_scale:
        figure.update_yaxes(type="log")
    return figure


def byte_table_html(options: DisplayOptions = DisplayOptions()) -> str:
    """GPT-2's printable character of every byte as a 16 x 16 HTML table (row = first hex digit,
    column = second), each cell holding the character and the byte's hex, `data-byte="20"`.
    Bytes GPT-2 moves to another character (space, control bytes...) have the class `shifted`."""
    hex_digits = "0123456789ABCDEF"
    header = "<tr><th></th>" + "".join(f"<th>_{digit}</th>" for digit in hex_digits) + "</tr>"
    rows = [header]
    for high, characters in enumerate(byte_grid()):
        cells = []
        for low, char in enumerate(characters):
            byte = high * 16 + low
            shifted = char != chr(byte)
            title = f"byte 0x{byte:02X} ({byte})" + (f", written as U+{ord(char):04X}" if shifted else "")
            tint = ' class="shifted"' if shifted else ""
            cells.append(
                f'<td{tint} data-byte="{byte:02x}" title="{html.escape(title)}">'
                f"{html.escape(char)}<small>{byte:02X}</small></td>"
            )
        rows.append(f"<tr><th>{hex_digits[high]}_</th>{''.join(cells)}</tr>")
    return f'<div class="{options.view_classes()} byte-table"><table class="bytes">{"".join(rows)}</table></div>'


def special_tokens_table(encoding: Encoding) -> pd.DataFrame:
    """The special tokens and their ids, by id."""
    specials = sorted(encoding.special_tokens.items(), key=lambda item: item[1])
    return pd.DataFrame({"special token": [token for token, _ in specials], "id": [token_id for _, token_id in specials]})


def token_details(encoding: Encoding, token: int) -> pd.DataFrame:
    """What token `token` is, one row per fact: its kind, GPT-2 printable form, text, bytes and
    length. Raises `UnknownTokenError` (the engine's message) for an id the encoding does not have."""
    data = encoding.decode_single_token_bytes(token)
    special = encoding.is_special_token(token)
    text = data.decode("utf-8", errors="replace")
    kind = "special token" if special else ("byte" if token in encoding.byte_ids else "merged token")
    facts = {
        "id": str(token),
        "kind": kind,
        "printable form": text if special else to_printable(data),
        "text": repr(text),
        "bytes (hex)": data.hex(" "),
        "length": f"{len(data)} byte" + ("" if len(data) == 1 else "s"),
    }
    if isinstance(encoding, Tokenizer) and token >= 256 and not special:
        left, right = next(pair for pair, new in encoding.merges.items() if new == token)
        facts["merged from"] = f"{to_printable(encoding.token_bytes(left))} ({left}) + {to_printable(encoding.token_bytes(right))} ({right})"
    return pd.DataFrame({"value": list(facts.values())}, index=pd.Index(list(facts), name=""))


# ------------------------------------------------------------------ drawing


def show_summary(choice: EncodingChoice) -> None:
    """Counts of the vocabulary: ordinary tokens, special tokens, ids, the longest token."""
    table = cached.vocabulary_table(choice)
    encoding = choice.encoding
    n_special = len(encoding.special_tokens)
    columns = st.columns(4)
    columns[0].metric("Ordinary tokens", f"{len(table):,}", border=True)
    columns[1].metric("Special tokens", f"{n_special:,}", border=True)
    columns[2].metric("Ids (n_vocab)", f"{encoding.n_vocab:,}", border=True, help="One more than the largest id.")
    columns[3].metric("Longest token", f"{int(table['bytes'].max()) if len(table) else 0} bytes", border=True)
    unused = encoding.n_vocab - len(table) - n_special
    if unused:
        st.caption(f"{unused:,} ids below {encoding.n_vocab:,} belong to no token (unused ids).")


def show_text_search(choice: EncodingChoice, query: str) -> None:
    """The tokens containing `query`, or a hint when there is no query."""
    if not query:
        st.caption("Type some text to list the tokens that contain it, e.g. ` world` or `Ġworld` (GPT-2's form of a space).")
        return
    found = search_table(choice, query)
    shown = markdown_text(repr(query))
    specials = [(token, token_id) for token, token_id in choice.encoding.special_tokens.items() if query.lower() in token.lower()]
    if specials:
        listed = ", ".join(f"{markdown_text(token)} ({token_id})" for token, token_id in sorted(specials, key=lambda item: item[1]))
        st.caption(f"Special tokens containing {shown}: {listed}.")
    if found.empty:
        st.info(f"No ordinary token contains {shown} in its text or printable form.")
        return
    more = f" (the first {MAX_RESULT_ROWS:,} are listed)" if len(found) > MAX_RESULT_ROWS else ""
    st.caption(f"{len(found):,} tokens contain {shown}, ignoring case{more}.")
    st.dataframe(found.head(MAX_RESULT_ROWS), hide_index=True)


def show_id_lookup(choice: EncodingChoice, raw: str) -> None:
    """The token with the id in `raw`, or a message saying why there is none."""
    text = raw.strip()
    if not text:
        st.caption(f"Type an id from 0 to {choice.encoding.n_vocab - 1:,} to see its token.")
        return
    if not _WHOLE_NUMBER.fullmatch(text):
        st.error(f"{markdown_text(repr(text[:40]))} is not a whole number: type a token id such as 1917.")
        return
    token = int(text)
    try:
        details = token_details(choice.encoding, token)
    except UnknownTokenError as exc:
        st.warning(markdown_text(str(exc)))
        return
    show_token_view(choice, [token])
    st.dataframe(details)


def show_longest(choice: EncodingChoice) -> None:
    """The longest tokens, longest first."""
    st.caption(f"The {LONGEST_COUNT} longest tokens in bytes (ties by id). Token: GPT-2's printable form.")
    # The length first: the longest tokens' printable forms are too wide to leave room after them.
    st.dataframe(longest_table(choice), hide_index=True, column_order=["bytes", "id", "token", "text"])


def show_lengths(choice: EncodingChoice) -> None:
    """The histogram of token lengths, with their median and mean."""
    log_scale = st.toggle("Logarithmic count axis", key="vocabulary.log_counts", help="Shows the rare long tokens too.")
    st.plotly_chart(length_figure(choice, log_scale), key="vocabulary.length_chart")
    lengths = cached.vocabulary_table(choice)["bytes"]
    st.caption(
        f"Median {lengths.median():g} bytes, mean {lengths.mean():.2f}. Special tokens are not counted. A token of "
        "one byte may be part of a character (UTF-8 uses up to 4 bytes per character)."
    )


def show_byte_table() -> None:
    """GPT-2's byte -> printable character table, with how to read it."""
    st.caption(
        "GPT-2 writes its vocabulary files with one visible character per byte: printable Latin-1 bytes stand for "
        "themselves, the others (tinted: space, newline, control bytes...) are moved to Ā (U+0100) and up. Row = "
        "first hex digit, column = second: byte 20, a space, is Ġ; a newline (0A) is Ċ. The same table is used "
        "for every encoding's printable forms on these pages."
    )
    show_html(byte_table_html(display_options()))


def show_special_tokens(choice: EncodingChoice) -> None:
    """The special tokens, or a note that there are none."""
    table = special_tokens_table(choice.encoding)
    if table.empty:
        st.info("This encoding has no special tokens.")
        return
    st.caption(
        "Text is never cut into special tokens by accident: a program puts them in (or encodes with special "
        "tokens allowed), to mark the end of a document or a turn of a chat."
    )
    st.dataframe(table, hide_index=True)
