"""Embeddings: token ids select rows of a table, and the rows are what a model sees."""

import streamlit as st

from embedding import DEFAULT_MAX_ROWS, BigramTable, MatrixTable, check_rows_for_encoding
from embedding.files import guess_embedding_tensor
from ui import cached, embedding_sections as sections, embedding_tables as tables
from ui.encoding_choice import EncodingChoice, canonical_name, encoding_picker
from ui.errors import errors_as_messages
from ui.markdown import markdown_text
from ui.samples import sample_text
from ui.text_source import parse_link_text, text_area_with_upload
from ui.uploads import read_text_file
from ui.url_state import PageState, Param, format_flag, parse_flag, parse_int_in_range
from ui.views import show_notes, show_share_link

# Views draw at most this many tokens: a 500 x 500 similarity map is already 250,000 cells.
MAX_VIEW_TOKENS = 500
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


state = PageState(
    "embeddings",
    "embeddings",
    [
        Param("text", sample_text, parse_link_text, shared="text", default_label="the sample text"),
        Param("encoding", "cl100k_base", canonical_name, shared="encoding", default_label="GPT-4 (cl100k_base)"),
        Param("table", "bigram", one_of(KINDS), default_label="the bigram model"),
        Param("corpus", "text", one_of(CORPORA), default_label="the text itself"),
        Param("d", 32, parse_width, default_label="width 32"),
        Param("seed", 0, lambda raw: parse_int_in_range(raw, 0, 2**31 - 1, "seed"), default_label="seed 0"),
        Param("steps", 0, lambda raw: parse_int_in_range(raw, 0, 100, "number of steps"), default_label="the closed form (0 steps)"),
        Param("smoothing", 0.01, parse_smoothing, default_label="smoothing 0.01"),
        Param("k", 5, lambda raw: parse_int_in_range(raw, 1, 10, "top-k"), default_label="the top 5"),
        Param("positions", True, parse_flag, format_flag),
        Param("view", "Lookup", parse_view, format_view, default_label="the lookup"),
    ],
)


def corpus_picker(text: str) -> str:
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


def trained_table(kind: str, choice: EncodingChoice, text: str):
    """The bigram or dense table, with its settings drawn; `(table, notes)`."""
    corpus = corpus_picker(text)
    if not corpus.strip():
        st.info("The corpus is empty: there is nothing to learn from. Type a text above or pick another corpus.")
        return None, []
    if kind == "bigram":
        left, right = st.columns(2)
        smoothing = left.select_slider("Smoothing (added to every count)", SMOOTHINGS, key=state.key("smoothing"))
        steps = right.slider(
            "Gradient steps (0: the closed form)",
            0,
            100,
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


def pick_table(kind: str, choice: EncodingChoice, text: str, ids: list[int]):
    """Draw the settings of the chosen kind of table; `(table, notes)`, table None if there is none."""
    if kind == "random":
        left, right = st.columns(2)
        dim = left.slider("Width d", 8, 128, key=state.key("d"), step=8)
        seed = right.number_input("Seed", 0, 2**31 - 1, key=state.key("seed"))
        return tables.random_table(choice, dim, seed), [f"A fresh `nn.Embedding({choice.encoding.n_vocab:,}, {dim})`: every entry drawn from N(0, 1), seed {seed}."]
    if kind == "upload":
        return uploaded_table(choice, ids)
    return trained_table(kind, choice, text)


def show_view(name: str, table, choice: EncodingChoice, ids: list[int], shown: list[int], rows) -> None:
    """Draw one view (the open tab) of the text's first tokens `shown` and their `rows`."""
    if name == "Lookup":
        sections.show_lookup(choice, table, shown, rows)
    elif name == "Table":
        sections.show_table(choice, table, rows)
    elif name == "Similarity":
        sections.show_similarity(choice, table, shown, rows)
    elif name == "Next token":
        k = st.slider("Top k", 1, 10, key=state.key("k"))
        sections.show_bigram(choice, table, ids, shown, rows, k)
    elif name == "Neighbours":
        sections.show_neighbours(choice, table, rows, "embeddings.neighbour")
    elif isinstance(table, BigramTable):
        st.info("Positions are added to embeddings of width d, and the bigram table's rows are next-token logits: pick the dense, untrained or uploaded table.")
    elif st.toggle("Add sinusoidal position embeddings", key=state.key("positions")):
        sections.show_positions(choice, table, shown, rows)


st.title("Embeddings")
st.caption(
    "A model does not read token ids either: each id selects a row of a table, and that row of numbers is what the "
    "model sees, as in the lectures' bigram model, `nn.Embedding(vocab_size, vocab_size)`. Pick a table and look at "
    "the rows your text selects."
)
show_notes(state.restore())

with errors_as_messages("building the embedding views"):
    encoding_column, kind_column = st.columns(2)
    with encoding_column:
        choice = encoding_picker(state.key("encoding"))
    with kind_column:
        kind = st.segmented_control("Table", list(KINDS), key=state.key("table"), format_func=KINDS.get, required=True)
    text = text_area_with_upload(state, label="Text to look up", height=110)
    ids = cached.encode(choice, text, True) if text else []
    try:
        table, table_notes = pick_table(kind, choice, text, ids)
    except ValueError as exc:  # a malformed upload, a table that does not fit, a corpus too short
        st.error(markdown_text(str(exc)))
        table, table_notes = None, []
    for note in table_notes:
        st.caption(note)

    if not text:
        st.info("The text is empty: type or paste something above to see its rows.")
    elif table is not None:
        shown = ids[:MAX_VIEW_TOKENS]
        rows = table.rows_of(shown)
        if len(ids) > MAX_VIEW_TOKENS:
            st.warning(f"The text has {len(ids):,} tokens: the views show the first {MAX_VIEW_TOKENS:,} (the loss covers them all).", icon=":material/content_cut:")
        names = [label for name, label in VIEWS.items() if name != "next" or isinstance(table, BigramTable)]
        if state.value("view") not in names:
            st.caption(f"The {state.value('view')} view belongs to the bigram model: showing the lookup.")
            state.set("view", "Lookup")
        for name, tab in zip(names, st.tabs(names, key=state.key("view"), on_change="rerun")):
            if tab.open:
                with tab:
                    show_view(name, table, choice, ids, shown, rows)

    link, link_notes = state.publish()
    show_share_link(link, link_notes)
