"""The views of the Embeddings page, one function each: lookup, table, similarity, next token,
neighbours and positions. Each takes the encoding, the table and the text's first tokens."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
import streamlit as st

from embedding import (
    BigramTable,
    EmbeddingTable,
    RandomTable,
    closed_form_corpus_loss,
    cosine_matrix,
    lowest_loss,
    nearest_unit_rows,
    one_hot,
    sinusoidal_positions,
)

from . import embedding_view as view
from .embedding_tables import unit_rows_of
from .encoding_choice import EncodingChoice
from .views import show_token_view

# The one-hot view shows this many tokens: each one-hot row is as wide as the table is long.
ONE_HOT_TOKENS = 32
# Views of rows show at most this many columns (dimensions, or the bigram's next tokens).
MAX_COLUMNS = 128
# The next-token view shows at most this many next tokens.
MAX_NEXT_COLUMNS = 60
NEIGHBOURS = 10
OTHER_MARK = " ⁺"


def heading(title: str, detail: str = "") -> None:
    """A figure's title (no user text in it), with a line of detail after it."""
    st.markdown(f"**{title}**" + (f" {detail}" if detail else ""))


def token_labels(choice: EncodingChoice, table: EmbeddingTable, ids: Sequence[int], rows: np.ndarray) -> list[str]:
    """A label per position of the text; tokens that use the shared «other» row are marked."""
    labels = view.sequence_labels(choice.encoding, ids)
    if table.row_map is None:
        return labels
    other = table.row_map.other_row
    return [label + OTHER_MARK if row == other else label for label, row in zip(labels, rows.tolist())]


def row_label(choice: EncodingChoice, table: EmbeddingTable, row: int) -> str:
    """A table row's label: its token (escaped), or «other»."""
    return view.row_labels(choice.encoding, [table.token_of_row(row)])[0]


def column_labels(choice: EncodingChoice, table: EmbeddingTable) -> tuple[list[str], str, str]:
    """`(labels, what a column is, a note when columns are left out)`, for at most MAX_COLUMNS."""
    n_columns = min(table.width, MAX_COLUMNS)
    if isinstance(table, BigramTable):
        labels = view.row_labels(choice.encoding, [table.token_of_row(r) for r in range(n_columns)])
        note = f" Showing the first {n_columns} of {table.width:,} columns: the next tokens most frequent in the corpus." if table.width > n_columns else ""
        return labels, "next token", note
    note = f" Showing the first {n_columns} of {table.width:,} dimensions." if table.width > n_columns else ""
    return [str(d) for d in range(n_columns)], "dimension", note


def other_note(table: EmbeddingTable, rows: np.ndarray) -> str:
    """A sentence on the tokens marked as using «other», if there are any."""
    if table.row_map is None or not (rows == table.row_map.other_row).any():
        return ""
    return f" Labels marked {OTHER_MARK.strip()} are tokens without a row of their own: they share «other», so their rows are equal."


def show_lookup(choice: EncodingChoice, table: EmbeddingTable, ids: Sequence[int], rows: np.ndarray) -> None:
    """The text's ids, their one-hot rows, and the rows they select, as heatmaps."""
    heading("1. The ids.", "The tokenizer turns the text into token ids:")
    show_token_view(choice, ids)
    if table.row_map is not None:
        pairs = ", ".join(f"{token} → {row}" for token, row in list(dict(zip(map(int, ids), map(int, rows))).items())[:8])
        n_other = int((rows == table.row_map.other_row).sum())
        shared = f" {n_other:,} of the {len(ids):,} tokens have no row of their own and use «other» (marked {OTHER_MARK.strip()} below)." if n_other else ""
        st.caption(f"This table has rows for the corpus's frequent ids only, so each id is first mapped to its row ({pairs}, …).{shared}")

    first, first_rows = list(ids[:ONE_HOT_TOKENS]), rows[:ONE_HOT_TOKENS]
    columns = sorted(set(map(int, first_rows)))
    heading(
        "2. One-hot rows.",
        f"Each id becomes a row of {table.n_rows:,} zeros with a single one, in the column of its row. "
        f"Only the {len(columns)} columns that hold a one are drawn"
        + (f", for the first {ONE_HOT_TOKENS} tokens." if len(ids) > ONE_HOT_TOKENS else "."),
    )
    st.plotly_chart(
        view.one_hot_figure(token_labels(choice, table, first, first_rows), first_rows, columns, [row_label(choice, table, c) for c in columns]),
        key="embeddings.chart.one_hot",
    )

    x_labels, x_title, column_note = column_labels(choice, table)
    vectors = table.vectors(rows)
    heading(
        "3. The rows.",
        f"One-hot × table ({table.n_rows:,} × {table.width:,}) picks one row per token: "
        f"{len(ids):,} rows of {table.width:,} numbers, which is what the model sees.",
    )
    st.plotly_chart(
        view.vectors_figure(
            vectors[:, : len(x_labels)],
            token_labels(choice, table, ids, rows),
            x_labels,
            x_title=x_title,
            colorbar_title="logit" if isinstance(table, BigramTable) else "value",
            sequential=isinstance(table, BigramTable),
        ),
        key="embeddings.chart.rows",
    )
    st.caption(f"Rows: the text's tokens, in order. Columns: {x_title}s.{column_note}{other_note(table, rows)}")
    # The product over the columns that are not all zero: the other columns add nothing.
    product = one_hot(np.searchsorted(columns, first_rows), len(columns)) @ table.vectors(columns)
    difference = float(np.abs(product - vectors[: len(first)]).max())
    st.success(
        f"One-hot × table = the looked-up rows, for the {len(first)} tokens of the one-hot view: the largest difference is {difference:g}.",
        icon=":material/check_circle:",
    )


def show_table(choice: EncodingChoice, table: EmbeddingTable, rows: np.ndarray) -> None:
    """A window on the whole table, with the rows the text looks up framed."""
    window = view.rows_with_context(rows, table.n_rows)
    looked_up = set(map(int, rows))
    x_labels, x_title, column_note = column_labels(choice, table)
    vectors = np.full((len(window), len(x_labels)), np.nan)
    filled = [i for i, row in enumerate(window) if row is not None]
    vectors[filled] = table.vectors([window[i] for i in filled])[:, : len(x_labels)]
    labels = []
    for position, row in enumerate(window):
        # Gaps need labels too, each a different one (plotly merges equal category labels).
        labels.append("⋮" + "\u200b" * position if row is None else f"row {row:,} · {row_label(choice, table, row)}")
    outlined = [i for i, row in enumerate(window) if row in looked_up]
    around = len(set(window) & looked_up)
    heading(
        f"The table: {table.n_rows:,} rows × {table.width:,}.",
        f"The text looks up {len(looked_up):,} distinct rows (framed)"
        + (f"; the window shows {around} of them, in table order," if around < len(looked_up) else ",")
        + " each with its neighbouring rows; ⋮ marks rows left out.",
    )
    st.plotly_chart(
        view.table_window_figure(
            vectors,
            labels,
            x_labels,
            outlined,
            x_title=x_title,
            colorbar_title="logit" if isinstance(table, BigramTable) else "value",
            sequential=isinstance(table, BigramTable),
        ),
        key="embeddings.chart.table",
    )
    if column_note:
        st.caption(column_note.strip())


def show_similarity(choice: EncodingChoice, table: EmbeddingTable, ids: Sequence[int], rows: np.ndarray) -> None:
    """Cosine similarity between the rows of every pair of the text's tokens."""
    similarity = cosine_matrix(rows, table.compared_vectors)
    heading(f"Cosine similarity of the looked-up rows ({len(ids):,} tokens).", "1: the two rows point the same way; 0: unrelated; −1: opposite.")
    st.plotly_chart(view.cosine_figure(similarity, token_labels(choice, table, ids, rows)), key="embeddings.chart.cosine")
    if isinstance(table, RandomTable):
        meaning = "An untrained table's rows point in random directions: apart from a token with itself, cosines are near 0."
    elif isinstance(table, BigramTable):
        meaning = (
            "For the bigram model the rows are compared as next-token probabilities (the softmax of each row): two tokens "
            "are alike when the same tokens tend to follow both."
        )
    else:
        meaning = "The same token always gets the same row (cosine 1); in a trained table, tokens used alike get rows that point alike."
    st.caption(meaning + other_note(table, rows))


def show_bigram(choice: EncodingChoice, table: BigramTable, ids: Sequence[int], shown: Sequence[int], rows: np.ndarray, k: int) -> None:
    """The bigram model at work: its loss on the text and the corpus, next-token
    probabilities, and the loss curve of gradient descent when it was trained that way."""
    lowest = lowest_loss(table.counts)
    closed = closed_form_corpus_loss(table.counts, table.smoothing)
    columns = st.columns(4)
    text_loss = f"{table.loss(table.rows_of(ids)):.3f}" if len(ids) >= 2 else "–"
    columns[0].metric("Loss on the text", text_loss, border=True, help="Mean −log p(next token) over the whole text, in nats.")
    columns[1].metric("Uniform guess", f"{np.log(table.n_rows):.3f}", border=True, help=f"log({table.n_rows:,}): the loss of a table that knows nothing.")
    corpus_loss = table.gradient.losses[-1] if table.gradient else closed
    columns[2].metric("Loss on the corpus", f"{corpus_loss:.3f}", border=True, help="The table's loss on the text it was trained on.")
    columns[3].metric("Lowest possible", f"{lowest:.3f}", border=True, help="The loss of the raw (unsmoothed) frequencies on the corpus: no bigram table does better there.")
    show_next_tokens(choice, table, shown, rows, k)
    if table.gradient is not None:
        heading("Training.", f"{len(table.gradient.losses) - 1} steps of gradient descent from a table of zeros (every next token equally likely).")
        st.plotly_chart(view.loss_curve_figure(table.gradient.losses, closed, lowest), key="embeddings.chart.loss_curve")
        st.caption(
            f"Each step moves every row by {table.gradient.learning_rate:g} × (its softmax − its next-token frequencies in the corpus): "
            "the gradient of the row's mean loss. The views above use the trained table. The smoothed closed form gives up "
            "a little loss on the corpus to give pairs it never saw a chance on new text."
        )


def show_next_tokens(choice: EncodingChoice, table: BigramTable, ids: Sequence[int], rows: np.ndarray, k: int) -> None:
    """The bigram model's next-token probabilities after each token of the text."""
    distinct, where = np.unique(rows, return_inverse=True)
    probabilities = table.next_token_probabilities(distinct)
    top = np.argsort(-probabilities, axis=1, kind="stable")[:, :k]
    columns = sorted(set(top.reshape(-1).tolist()))[:MAX_NEXT_COLUMNS]
    place = {column: i for i, column in enumerate(columns)}
    following = [place.get(int(rows[i + 1])) if i + 1 < len(rows) else None for i in range(len(rows))]
    heading(f"Next-token probabilities: the top {k} after each token.", "A circle marks the token that really comes next in the text.")
    st.plotly_chart(
        view.next_token_figure(
            probabilities[where][:, columns],
            token_labels(choice, table, ids, rows),
            view.row_labels(choice.encoding, [table.token_of_row(c) for c in columns]),
            following,
        ),
        key="embeddings.chart.next",
    )
    st.caption(
        f"Rows: the text's tokens. Columns: every token among the {k} likeliest after some token of the text"
        + (f" (the {MAX_NEXT_COLUMNS} most frequent of them)" if len(columns) == MAX_NEXT_COLUMNS else "")
        + f". Each row is the softmax of a table row: it sums to 1 over all {table.n_rows:,} columns, not just these."
        + other_note(table, rows)
    )


def show_neighbours(choice: EncodingChoice, table: EmbeddingTable, rows: np.ndarray, key: str) -> None:
    """The rows of the whole table most similar to the row of one token of the text."""
    if isinstance(table, RandomTable):
        st.info("An untrained table has no neighbours worth the name: its rows are random directions. Pick a trained or uploaded table.")
        return
    own = list(dict.fromkeys(row for row in map(int, rows) if table.token_of_row(row) is not None))
    if not own:
        st.info("None of the text's tokens has a row of its own in this table.")
        return
    if st.session_state.get(key) not in own:
        st.session_state[key] = own[0]
    plain = dict(zip(own, view.row_labels(choice.encoding, [table.token_of_row(r) for r in own], escape=False)))
    row = st.selectbox("A token of the text", own, key=key, format_func=lambda r: f"{plain[r]}  (id {table.token_of_row(r)})")
    exclude = [table.row_map.other_row] if table.row_map is not None else []
    nearest = nearest_unit_rows(unit_rows_of(table), row, NEIGHBOURS, exclude=exclude)
    st.dataframe(
        pd.DataFrame(
            {
                "token": view.row_labels(choice.encoding, [table.token_of_row(r) for r, _ in nearest], escape=False),
                "id": [table.token_of_row(r) for r, _ in nearest],
                "cosine": [round(c, 4) for _, c in nearest],
            }
        ),
        hide_index=True,
        width=520,
    )
    compared = " (for the bigram model: whose next-token probabilities are most alike)" if isinstance(table, BigramTable) else ""
    st.caption(f"The {NEIGHBOURS} rows, of all {table.n_rows:,}, that point most nearly the same way as this token's row{compared}, by cosine similarity.")


def show_positions(choice: EncodingChoice, table: EmbeddingTable, ids: Sequence[int], rows: np.ndarray) -> None:
    """Sinusoidal position embeddings and the sum token + position that a transformer reads."""
    positions = sinusoidal_positions(len(ids), table.width)
    labels = token_labels(choice, table, ids, rows)
    n_columns = min(table.width, MAX_COLUMNS)
    dims = [str(d) for d in range(n_columns)]
    heading("Position embeddings (sinusoidal).", "Row p, dimensions 2i and 2i+1: sin and cos of p / 10000^(2i/d).")
    st.plotly_chart(view.vectors_figure(positions[:, :n_columns], labels, dims), key="embeddings.chart.positions")
    heading("Token row + position:", "what the first layer of a transformer reads.")
    st.plotly_chart(view.vectors_figure((table.vectors(rows) + positions)[:, :n_columns], labels, dims), key="embeddings.chart.sum")
    st.caption(
        "The first dimensions change fast from one position to the next, the last ones slowly, so every position has its "
        "own pattern; a token that occurs twice now reaches the model as two different vectors."
        + (f" Showing the first {n_columns} of {table.width:,} dimensions." if table.width > n_columns else "")
    )
