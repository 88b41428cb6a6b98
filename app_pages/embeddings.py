"""Embeddings: token ids select rows of a table, and the rows are what a model sees."""

import streamlit as st

from embedding import BigramTable
from embedding.bigram import MAX_GRADIENT_STEPS
from ui import cached, embedding_sections as sections
from ui.embedding_inputs import CORPORA, KINDS, VIEWS, format_view, one_of, parse_smoothing, parse_view, parse_width, pick_table
from ui.encoding_choice import EncodingChoice, canonical_name, encoding_picker
from ui.errors import errors_as_messages
from ui.markdown import markdown_text
from ui.samples import sample_text
from ui.text_source import parse_link_text, text_area_with_upload
from ui.url_state import PageState, Param, format_flag, parse_flag, parse_int_in_range
from ui.views import show_notes, show_share_link

# Views draw at most this many tokens: a 500 x 500 similarity map is already 250,000 cells.
MAX_VIEW_TOKENS = 500

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
        Param("steps", 0, lambda raw: parse_int_in_range(raw, 0, MAX_GRADIENT_STEPS, "number of steps"), default_label="the closed form (0 steps)"),
        Param("smoothing", 0.01, parse_smoothing, default_label="smoothing 0.01"),
        Param("k", 5, lambda raw: parse_int_in_range(raw, 1, 10, "top-k"), default_label="the top 5"),
        Param("positions", True, parse_flag, format_flag),
        Param("view", "Lookup", parse_view, format_view, default_label="the lookup"),
    ],
)


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
        table, table_notes = pick_table(state, kind, choice, text, ids)
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
