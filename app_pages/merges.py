"""Merges: step through BPE on a text merge by merge, with an encoding's merges or with merges
learned from the text itself."""

import streamlit as st

from ui.encoding_choice import canonical_name, encoding_picker
from ui.errors import errors_as_messages
from ui.merge_steps import EncodingMerges, LearnedMerges, traced_text
from ui.merge_view import (
    DEFAULT_VOCAB_SIZE,
    MAX_VOCAB_SIZE,
    MIN_VOCAB_SIZE,
    MODES,
    apply_pending_frame,
    link_step_notes,
    parse_mode,
    parse_step,
    parse_vocab_size,
    play_next_frame,
    show_history,
    show_rules,
    show_state,
    step_controls,
)
from ui.samples import sample_text
from ui.text_source import parse_link_text, text_area_with_upload
from ui.url_state import PageState, Param
from ui.views import show_notes, show_share_link

state = PageState(
    "merges",
    "merges",
    [
        Param("text", sample_text, parse_link_text, shared="text", default_label="the sample text"),
        Param("encoding", "cl100k_base", canonical_name, shared="encoding", default_label="GPT-4 (cl100k_base)"),
        # Shared under names of their own: Streamlit forgets a widget's value while another page
        # shows, and these come back with the user instead of resetting.
        Param("step", 0, parse_step, shared="merges_step", default_label="step 0 (the start)"),
        Param("mode", "encoding", parse_mode, shared="merges_mode", default_label="the encoding's merges"),
        Param(
            "vocab_size",
            DEFAULT_VOCAB_SIZE,
            parse_vocab_size,
            shared="merges_vocab_size",
            default_label=f"a vocabulary of {DEFAULT_VOCAB_SIZE}",
        ),
    ],
)

st.title("Merges")
st.caption(
    "BPE, one merge at a time. A text starts as one token per byte; each step joins the pair of "
    "neighbouring tokens with the lowest rank anywhere in the text, until no known pair is left. "
    "Or learn merges from the text itself and watch them cut it."
)
notes_area = st.container()
notes = state.restore()
apply_pending_frame(state)
n_steps = 0

with errors_as_messages("stepping through the merges"):
    picker_column, mode_column = st.columns([3, 2])
    with picker_column:
        choice = encoding_picker(state.key("encoding"))
    with mode_column:
        mode = st.segmented_control("Merges", list(MODES), key=state.key("mode"), format_func=MODES.get, required=True)
    text = text_area_with_upload(state, label="Text", height=140)
    with st.container(horizontal=True, gap="large", vertical_alignment="bottom"):
        if mode == "training":
            vocab_size = st.number_input(
                "Vocabulary size",
                min_value=MIN_VOCAB_SIZE,
                max_value=MAX_VOCAB_SIZE,
                step=64,
                key=state.key("vocab_size"),
                width=220,
                help="256 byte tokens plus one per learned merge. Training stops early when the text has no pair left.",
            )
        show_ids = st.toggle("Show token ids", key="merges.show_ids", help="List the ids under the tokens.")

    if not text:
        st.info("The text is empty: type or paste something above, or upload a file.")
    else:
        traced, cut_note = traced_text(text)
        if cut_note:
            st.info(cut_note)
        with st.spinner("Tracing the merges..."):
            if mode == "training":
                source = LearnedMerges(traced, vocab_size, choice.encoding.pat_str)
            else:
                source = EncodingMerges(choice, traced)
        n_steps = source.n_steps
        notes += link_step_notes(state, n_steps, source.noun)
        if mode == "training":
            st.caption(
                f"Learned by `tokenizer.train` from this text, with the split pattern of the encoding "
                f"picked above ({source.tokenizer.pattern_name}): "
                f"{n_steps:,} merges learned"
                + (f" (the text ran out of pairs before {vocab_size:,} tokens)." if 256 + n_steps < vocab_size else ".")
            )
        if n_steps == 0:
            st.info("No merge applies to this text: every byte stays its own token.")
        step = step_controls(state, n_steps, source.noun)
        show_rules(source, step)
        n_tokens = show_state(source, step, show_ids=show_ids)
        show_history(source, step, n_tokens)

    link, link_notes = state.publish()
    show_share_link(link, link_notes)

with notes_area:
    show_notes(notes)
play_next_frame(state, n_steps)
