"""The inputs of the Embeddings page: which table, trained on what, with which settings.

`pick_table` draws the settings of the chosen kind of table (corpus, smoothing, gradient
steps, width, seed, or an upload) and returns the table with notes for people; the parsers
read the page's link parameters.
"""

from __future__ import annotations

import streamlit as st

from embedding import DEFAULT_MAX_ROWS, MatrixTable, check_rows_for_encoding
from embedding.bigram import MAX_GRADIENT_STEPS
from embedding.files import guess_embedding_tensor

from . import embedding_tables as tables
from .encoding_choice import EncodingChoice
from .markdown import markdown_text
from .uploads import read_text_file
from .url_state import PageState, parse_int_in_range

KINDS = {"bigram": "Bigram model", "dense": "Dense embeddings", "random": "Untrained", "upload": "Your own"}
CORPORA = {"text": "The text above", "sample": "Sample essay (4 KB)", "english": "Generated English (1 MB)", "upload": "Upload a corpus"}
SMOOTHINGS = [0.001, 0.01, 0.1, 1.0]
# The views, by their name in links; only the open one is computed and drawn.
VIEWS = {"lookup": "Lookup", "table": "Table", "similarity": "Similarity", "next": "Next token", "neighbours": "Neighbours", "positions": "Positions"}


def one_of(options: dict[str, str]):
    """A link parser that accepts only the keys of `options`."""

    def parse(raw: str) -> str:
        if raw not in options:
            raise ValueError(f"{raw[:30]!r} is not one of {', '.join(options)}.")
        return raw

    return parse


def parse_width(raw: str) -> int:
    """A table width from the link: a multiple of 8 from 8 to 128."""
    value = parse_int_in_range(raw, 8, 128, "width")
    if value % 8:
        raise ValueError(f"Width {value} is not a multiple of 8.")
    return value


def parse_view(raw: str) -> str:
    """A view's tab label, from its name in a link (`similarity` -> `Similarity`)."""
    return VIEWS[one_of(VIEWS)(raw)]


def format_view(label: str) -> str:
    """A view's name in links, from its tab label."""
    return next(name for name, view in VIEWS.items() if view == label)


def parse_smoothing(raw: str) -> float:
    """One of the smoothings the page offers."""
    try:
        value = float(raw)
    except ValueError:
        value = None
    if value not in SMOOTHINGS:
        raise ValueError(f"{raw[:30]!r} is not a smoothing the page offers ({', '.join(map(str, SMOOTHINGS))}).")
    return value


def corpus_picker(state: PageState, text: str) -> str:
    """The training corpus the user picked (the sample essay while an upload is awaited)."""
    name = st.segmented_control("Training corpus", list(CORPORA), key=state.key("corpus"), format_func=CORPORA.get, required=True)
    if name == "text":
        return text
    if name != "upload":
        return tables.builtin_corpus(name)
    uploaded = st.file_uploader("A UTF-8 text file, up to 10 MB", key="embeddings.corpus_file", max_upload_size=10)
    if uploaded is None:
        st.info("Upload a text file to train on; until then the table is trained on the sample essay.")
        return tables.builtin_corpus("sample")
    try:
        return read_text_file(uploaded.getvalue(), repr(uploaded.name))
    except ValueError as exc:
        st.error(f"{markdown_text(str(exc))} Until then the table is trained on the sample essay.")
        return tables.builtin_corpus("sample")


def trained_table(state: PageState, kind: str, choice: EncodingChoice, text: str):
    """The bigram or dense table, with its settings drawn; `(table, notes)`."""
    corpus = corpus_picker(state, text)
    if not corpus.strip():
        st.info("The corpus is empty: there is nothing to learn from. Type a text above or pick another corpus.")
        return None, []
    if kind == "bigram":
        left, right = st.columns(2)
        smoothing = left.select_slider("Smoothing (added to every count)", SMOOTHINGS, key=state.key("smoothing"))
        steps = right.slider(
            "Gradient steps (0: the closed form)",
            0,
            MAX_GRADIENT_STEPS,
            key=state.key("steps"),
            help="0: the closed form, the log of the smoothed counts. More: start from a table of zeros and take that many "
            "steps of gradient descent on the loss, as in the lecture.",
        )
        table = tables.bigram_table(choice, corpus, smoothing, steps)
    else:
        table = tables.dense_embeddings_table(choice, corpus, st.slider("Width d", 8, 128, key=state.key("d"), step=8))
    row_map = table.row_map
    n_vocab = choice.encoding.n_vocab
    note = (
        f"Trained on {int(row_map.counts.sum()):,} tokens ({row_map.n_distinct:,} distinct ids). A row for every id of "
        f"{choice.name} would make a {n_vocab:,}-row table that this corpus could never fill"
        + (f" (and a {n_vocab:,}² bigram table would take {n_vocab**2 * 8 / 1e9:,.0f} GB)" if kind == "bigram" else "")
        + ", so the table is restricted to the ids that occur, remapped to rows 0, 1, 2, … most frequent first"
    )
    if row_map.n_shared:
        note += f": the {DEFAULT_MAX_ROWS:,} most frequent get a row each; the other {row_map.n_shared:,}, and every id the corpus never uses, share the last row, «other»."
    else:
        note += "; every id the corpus never uses shares the last row, «other»."
    return table, [note]


def uploaded_table(choice: EncodingChoice, ids: list[int]):
    """The user's table, checked against the encoding; `(None, [])` while there is none."""
    st.caption(
        "A `.npy` or `.safetensors` matrix with one row per token id, such as GPT-2's `wte` (50,257 × 768). Uploads are "
        "limited to 10 MB, and the whole `wte` takes 154 MB in float32 (77 MB in float16), so upload a slice of it: "
        "`np.save('wte64.npy', wte[:, :64].astype(np.float16))` keeps the first 64 dimensions of every row in 6.4 MB."
    )
    uploaded = st.file_uploader("Embedding table (.npy or .safetensors, up to 10 MB)", type=["npy", "safetensors"], key="embeddings.table_file", max_upload_size=10)
    if uploaded is None:
        st.info("Upload a table to look the text up in it.")
        return None, []
    data = uploaded.getvalue()
    names = tables.matrix_tensor_names(uploaded.name, data)
    tensor = st.selectbox("Tensor", names, index=names.index(guess_embedding_tensor(names)), key="embeddings.tensor") if len(names) > 1 else None
    loaded = tables.uploaded_table(repr(uploaded.name), data, tensor)
    notes = check_rows_for_encoding(loaded.values.shape, choice.encoding.n_vocab, choice.label, max(ids, default=0), tables.known_vocabulary_sizes())
    return MatrixTable(loaded.values), [markdown_text(f"{uploaded.name}: {loaded.description}."), *map(markdown_text, notes)]


def pick_table(state: PageState, kind: str, choice: EncodingChoice, text: str, ids: list[int]):
    """Draw the settings of the chosen kind of table; `(table, notes)`, table None if there is none."""
    if kind == "random":
        left, right = st.columns(2)
        dim = left.slider("Width d", 8, 128, key=state.key("d"), step=8)
        seed = right.number_input("Seed", 0, 2**31 - 1, key=state.key("seed"))
        return tables.random_table(choice, dim, seed), [f"A fresh `nn.Embedding({choice.encoding.n_vocab:,}, {dim})`: every entry drawn from N(0, 1), seed {seed}."]
    if kind == "upload":
        return uploaded_table(choice, ids)
    return trained_table(state, kind, choice, text)
