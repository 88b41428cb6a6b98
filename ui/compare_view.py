"""The Compare page's pieces: its `encodings` link parameter, cached comparisons, and the
totals, columns, chart and table it draws.

The comparison itself (where encodings cut differently, what kind of characters tokens hold) is
`tokenizer.compare`; this module caches it per (encodings, text) and draws it.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from typing import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from tokenizer.compare import CATEGORIES, category_counts, chunks_under_tokens, differing_tokens, ratio_sentence
from tokenizer.registry import SPECS

from . import cached
from .encoding_choice import EncodingChoice, canonical_name
from .markdown import markdown_text
from .pagination import page_picker
from .token_view import view_label_html
from .views import show_chunk_view, show_token_view

DEFAULT_ENCODINGS: tuple[str, ...] = ("r50k_base", "cl100k_base")
# Texts longer than this show a progress bar while each encoding cuts them.
LONG_TEXT_CHARS = 100_000
# More columns than this side by side get too narrow to read: the page wraps them into rows.
MAX_COLUMNS_PER_ROW = 3
# The session-state key of the Statistics expander (True while it is open).
STATISTICS_KEY = "compare.statistics"

CHUNKS_HELP = "The pieces the split pattern cuts the text into: BPE never merges across them."
TOKENS_HELP = "Underlined in red: cut differently by another column. Hover a token for its id and bytes."

BAR_COLORS = ("#1c7ed6", "#d6336c", "#2f9e44", "#f08c00", "#7048e8", "#0c8599")

CATEGORY_LABELS = {
    "whitespace": "whitespace",
    "digits": "digits",
    "letters": "Latin letters",
    "punctuation": "punctuation & symbols",
    "non-Latin": "non-Latin letters",
    "other": "other",
    "mixed": "mixed",
}


def short_label(choice: EncodingChoice) -> str:
    """How sentences and tables name an encoding: "GPT-4", or "<name> (trained)"."""
    if choice.name in SPECS:
        return SPECS[choice.name].label
    return f"{choice.name} (trained)"


def parse_encoding_names(raw: str) -> tuple[list[str], list[str]]:
    """`(names, problems)` for a comma-separated list of encoding names or aliases: the canonical
    names, each once in the order given, and a message for each name that means no encoding.

    >>> parse_encoding_names("gpt2, GPT4,gpt5")  # doctest: +SKIP
    (['r50k_base', 'cl100k_base'], ["Unknown encoding 'gpt5'. Known encodings: ..."])
    """
    names, problems = [], []
    for piece in raw.split(","):
        if not piece.strip():
            continue
        try:
            name = canonical_name(piece)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if name not in names:
            names.append(name)
    return names, problems


def format_encoding_names(names: Sequence[str]) -> str:
    """The link's form of a list of encodings: `"r50k_base,cl100k_base"`."""
    return ",".join(names)


def column_rows(n_columns: int, per_row: int = MAX_COLUMNS_PER_ROW) -> list[int]:
    """How many columns each row gets: at most `per_row`, as even as possible.

    >>> column_rows(4)
    [2, 2]
    >>> column_rows(5)
    [3, 2]
    """
    n_rows = max(1, math.ceil(n_columns / per_row))
    base, extra = divmod(n_columns, n_rows)
    return [base + (1 if row < extra else 0) for row in range(n_rows)]


# ------------------------------------------------------------------ cached comparisons


def encode_all(choices: Sequence[EncodingChoice], text: str, allow_special: bool) -> list[list[int]]:
    """The ids of `text` under each encoding, with a progress bar when the text is long."""
    progress = st.progress(0.0, text="Tokenizing...") if len(text) > LONG_TEXT_CHARS else None
    all_ids = []
    for done, choice in enumerate(choices):
        if progress:
            progress.progress(done / len(choices), text=f"Tokenizing with {choice.label}...")
        all_ids.append(cached.encode(choice, text, allow_special))
    if progress:
        progress.empty()
    return all_ids


def token_lengths(choice: EncodingChoice, text: str, allow_special: bool) -> list[int]:
    """The byte length of every token of `text` under `choice`."""
    return _token_lengths(choice.cache_key, text, allow_special, choice)


@st.cache_data(max_entries=32, show_spinner=False)
def _token_lengths(key: str, text: str, allow_special: bool, _choice: EncodingChoice) -> list[int]:
    ids = cached.encode(_choice, text, allow_special)
    return [len(data) for data in _choice.encoding.decode_tokens_bytes(ids)]


def differing_positions(choices: Sequence[EncodingChoice], text: str, allow_special: bool) -> list[list[int]]:
    """For each encoding, the positions of the tokens the others cut differently (see
    `tokenizer.compare.differing_tokens`)."""
    keys = tuple(choice.cache_key for choice in choices)
    return _differing_positions(keys, text, allow_special, tuple(choices))


@st.cache_data(max_entries=16, show_spinner=False)
def _differing_positions(keys: tuple[str, ...], text: str, allow_special: bool, _choices: tuple[EncodingChoice, ...]) -> list[list[int]]:
    return differing_tokens([token_lengths(choice, text, allow_special) for choice in _choices])


def diff_marks(positions: Sequence[int], start: int, end: int) -> dict[int, str]:
    """The `marks` for a token view of tokens `start:end`: "diff" on the differing ones, by
    position in the page.

    >>> diff_marks([1, 5, 7], 4, 8)
    {1: 'diff', 3: 'diff'}
    """
    first, last = bisect_left(positions, start), bisect_left(positions, end)
    return {position - start: "diff" for position in positions[first:last]}


def categories(choice: EncodingChoice, text: str, allow_special: bool) -> dict[str, tuple[int, int]]:
    """`{category: (tokens, characters)}` for `text` under `choice` (see `tokenizer.compare.category_counts`)."""
    return _categories(choice.cache_key, text, allow_special, choice)


@st.cache_data(max_entries=32, show_spinner=False)
def _categories(key: str, text: str, allow_special: bool, _choice: EncodingChoice) -> dict[str, tuple[int, int]]:
    return category_counts(text, token_lengths(_choice, text, allow_special))


# ------------------------------------------------------------------ chart and table


def token_count_chart(labels: Sequence[str], counts: Sequence[int]) -> go.Figure:
    """A bar per encoding: how many tokens it cuts the text into."""
    figure = go.Figure(
        go.Bar(
            x=list(labels),
            y=list(counts),
            text=[f"{count:,}" for count in counts],
            textposition="auto",
            marker_color=[BAR_COLORS[i % len(BAR_COLORS)] for i in range(len(labels))],
            hovertemplate="%{x}: %{y:,} tokens<extra></extra>",
        )
    )
    figure.update_layout(
        title="Tokens per encoding",
        yaxis_title="tokens",
        height=320,
        margin=dict(l=10, r=10, t=50, b=10),
    )
    return figure


def category_table(labels: Sequence[str], stats: Sequence[dict[str, tuple[int, int]]]) -> pd.DataFrame:
    """One row per category; per encoding, its tokens in the category ("tokens"), the characters
    they cover ("chars") and the characters per token ("chars/token")."""
    columns: dict[str, list] = {}
    for label, counts in zip(labels, stats):
        columns[f"{label} tokens"] = [counts[name][0] for name in CATEGORIES]
        columns[f"{label} chars"] = [counts[name][1] for name in CATEGORIES]
        columns[f"{label} chars/token"] = [
            round(counts[name][1] / counts[name][0], 2) if counts[name][0] else None for name in CATEGORIES
        ]
    return pd.DataFrame(columns, index=pd.Index([CATEGORY_LABELS[name] for name in CATEGORIES], name="category"))


# ------------------------------------------------------------------ drawing


def show_totals(choices: Sequence[EncodingChoice], counts: Sequence[int]) -> None:
    """Each encoding's token count, and the first encoding's against the others in words."""
    labels = [short_label(choice) for choice in choices]
    for index, column in enumerate(st.columns(len(choices))):
        delta = f"{counts[index] / counts[0]:.2f}× {labels[0]}" if index and counts[0] else "the baseline"
        column.metric(markdown_text(choices[index].label), f"{counts[index]:,}", delta, delta_color="off", delta_arrow="off", border=True)
    if len(choices) > 1:
        sentences = (ratio_sentence(label, count, labels[0], counts[0]) for label, count in zip(labels[1:], counts[1:]))
        st.markdown("\n".join(f"- {markdown_text(sentence)}" for sentence in sentences))
        st.caption(
            "Underlined in red: tokens whose start or end is not a token boundary in every other column, "
            "i.e. the places the columns cut differently. A token the others split further is not "
            "underlined; their pieces are."
        )


def show_encoding_column(
    choice: EncodingChoice, text: str, ids: Sequence[int], differing: Sequence[int], *, show_chunks: bool, show_ids: bool
) -> None:
    """One encoding's column: its tokens (one page of them), the tokens in `differing` marked
    "diff", and above them, if asked, the pre-tokenization chunks those tokens come from.

    The chunks follow the token page rather than having a page picker of their own, and their
    labels are part of their HTML: each Streamlit element costs the browser milliseconds to
    mount on every switch (measured on a near-empty page: a number input about 8 ms, a markdown
    with `help` about 3 ms).
    """
    st.markdown(f"#### {markdown_text(choice.label)}")
    chunks = cached.pre_tokenize(choice, text)
    st.caption(
        f"{len(ids):,} tokens · {len(chunks):,} pre-tokenization chunks · "
        f"{len(text) / max(1, len(ids)):.2f} characters per token · {len(differing):,} cut differently"
    )
    start, end = page_picker(len(ids), f"compare.page.{choice.name}")
    if show_chunks:
        encoding = choice.encoding
        first, last = chunks_under_tokens(chunks, encoding.decode_bytes(ids[:start]), encoding.decode_bytes(ids[start:end]))
        note = None
        if (first, last) != (0, len(chunks)):
            note = f"Chunks {first + 1:,}–{last:,} of {len(chunks):,}: the ones the tokens on this page come from."
        show_chunk_view(
            [chunk for chunk, _ in chunks[first:last]],
            note=note,
            before=view_label_html("Chunks", CHUNKS_HELP),
            after=view_label_html("Tokens", TOKENS_HELP),
        )
    show_token_view(choice, ids[start:end], first_index=start, marks=diff_marks(differing, start, end), show_ids=show_ids)


def show_statistics(choices: Sequence[EncodingChoice], counts: Sequence[int], text: str, allow_special: bool) -> None:
    """The bar chart of the counts and the table of tokens by kind of character, in an expander
    that draws them only while it is open (the chart alone made opening the page about 0.1 s
    slower in the browser)."""
    labels = [short_label(choice) for choice in choices]
    with st.expander(
        "Statistics: tokens per encoding and by kind of character", key=STATISTICS_KEY, on_change="rerun",
        icon=":material/bar_chart:",
    ) as statistics:  # fmt: skip
        if not statistics.open:
            return
        chart_column, _ = st.columns([1, 1])
        chart_column.plotly_chart(token_count_chart(labels, counts), key="compare.chart")
        st.markdown(
            "**Tokens by kind of character**",
            help="A token counts in a kind when all its characters are of that kind, else it is mixed; its "
            "characters (chars) are the ones that start inside it, so each encoding's chars add up to the "
            "whole text. Punctuation includes symbols and emoji; other is control and format characters.",
        )
        st.dataframe(category_table(labels, [categories(choice, text, allow_special) for choice in choices]))
