"""Train: learn a BPE tokenizer from a corpus, see its merges, compression and vocabulary,
download its files or load a saved one; it joins every page's encoding picker."""

import streamlit as st

from ui import trained
from ui.compare_view import markdown_text
from ui.errors import errors_as_messages
from ui.samples import sample_corpus
from ui.text_source import parse_link_text, text_area_with_upload
from ui.train_view import (
    DEFAULT_NAME,
    DEFAULT_PATTERN,
    DEFAULT_SPECIAL_TOKENS,
    DEFAULT_VOCAB_SIZE,
    MAX_REGEX_CHARS,
    MAX_VOCAB_SIZE,
    MIN_VOCAB_SIZE,
    PATTERN_LABELS,
    check_corpus,
    latest_result,
    model_uploader,
    show_cancelled_note,
    parse_pattern_choice,
    parse_regex,
    parse_special_tokens,
    parse_vocab_size,
    show_result,
    split_pattern,
    train_and_register,
)
from ui.url_state import PageState, Param, format_flag, parse_flag
from ui.views import show_notes, show_share_link

# Every setting is also kept under a session-wide key (`shared`), so that it is still there
# after a visit to another page (Streamlit forgets the state of widgets a page did not draw).
state = PageState(
    "train",
    "train",
    [
        Param("text", sample_corpus, parse_link_text, shared="train.text", default_label="the sample corpus"),
        Param("vocab_size", DEFAULT_VOCAB_SIZE, parse_vocab_size, shared="train.vocab_size", default_label=f"{DEFAULT_VOCAB_SIZE}"),
        Param("pattern", DEFAULT_PATTERN, parse_pattern_choice, shared="train.pattern", default_label="the GPT-4 pattern"),
        Param("regex", "", parse_regex, shared="train.regex"),
        Param("special", DEFAULT_SPECIAL_TOKENS, shared="train.special"),
        Param("name", DEFAULT_NAME, shared="train.name"),
        # train=1 in a link trains as soon as the page opens (the lessons' links use it).
        Param("train", False, parse_flag, format_flag),
    ],
)

st.title("Train")
st.caption(
    "Learn your own byte-level BPE tokenizer: starting from the 256 bytes, it merges the most frequent pair "
    "of neighbouring tokens in the corpus again and again, each merge adding one token to the vocabulary."
)
show_notes(state.restore())
train_on_open = state.value("train")
state.set("train", False)  # once: the flag leaves the URL, so a rerun does not train again

with errors_as_messages("training the tokenizer"):
    corpus = text_area_with_upload(
        state,
        label="Training corpus",
        height=200,
        help="The text the merges are learned from. The bigger and more typical of what you will tokenize, the better.",
        upload_label="Upload a corpus (UTF-8 text, up to 10 MB)",
    )
    st.caption(f"{len(corpus):,} characters · {len(corpus.encode('utf-8', errors='surrogatepass')):,} bytes (UTF-8)")

    # A form: the settings apply together when Train is pressed (or Enter in a text field).
    with st.form("train.settings", enter_to_submit=True):
        size_column, pattern_column = st.columns([1, 2])
        with size_column:
            vocab_size = st.number_input(
                "Vocabulary size",
                min_value=MIN_VOCAB_SIZE,
                max_value=MAX_VOCAB_SIZE,
                step=64,
                key=state.key("vocab_size"),
                help=f"256 byte tokens + one token per merge. At most {MAX_VOCAB_SIZE:,}, so that training stays interactive.",
            )
        with pattern_column:
            pattern_choice = st.segmented_control(
                "Split pattern",
                list(PATTERN_LABELS),
                key=state.key("pattern"),
                format_func=PATTERN_LABELS.get,
                required=True,
                help="The regex that cuts the text into chunks before BPE: merges never cross a chunk boundary. "
                "None: the whole corpus is one chunk (slower to train on a big corpus).",
            )
        regex_text = st.text_input(
            "Custom split regex (used when the split pattern is Custom regex)",
            key=state.key("regex"),
            max_chars=MAX_REGEX_CHARS,
            placeholder=r"e.g. \s?\p{L}+|\s?\p{N}+|\s?[^\s\p{L}\p{N}]+|\s+",
            help="A regular expression in the syntax of Python's `regex` module. Text it does not match becomes "
            "chunks of its own; a pattern that takes too long on the corpus is stopped.",
        )
        special_column, name_column = st.columns(2)
        with special_column:
            special_text = st.text_input(
                "Special tokens",
                key=state.key("special"),
                help="Separated by commas or spaces, e.g. <|endoftext|>, <|pad|>. They get the ids after the last merge.",
            )
        with name_column:
            name_text = st.text_input(
                "Name",
                key=state.key("name"),
                help="How the encoding pickers will call it: letters, digits, '-', '_' or '.'. "
                "The same name replaces the earlier tokenizer.",
            )
        submitted = st.form_submit_button("Train", type="primary", icon=":material/model_training:", key="train.run")
        st.caption(f"The vocabulary size is capped at {MAX_VOCAB_SIZE:,}: training shows its progress and can be cancelled.")

    show_cancelled_note()
    if submitted or train_on_open:
        try:
            n_bytes = check_corpus(corpus)
            name = trained.check_name(name_text)
            special_tokens = parse_special_tokens(special_text)
            pattern = split_pattern(pattern_choice, regex_text)
        except ValueError as exc:
            st.error(markdown_text(str(exc)))
        else:
            replaced = trained.find(name) is not None
            try:
                train_and_register(corpus, int(vocab_size), pattern, special_tokens, name)
            except ValueError as exc:
                st.error(f"Training was refused: {markdown_text(str(exc))}")
            else:
                again = ", replacing the earlier tokenizer of that name" if replaced else ""
                st.success(f"Trained {markdown_text(name)} on {n_bytes:,} bytes{again}.")

    with st.expander("Load a saved tokenizer (.model or tokenizer.json)"):
        model_uploader(corpus)

    result = latest_result()
    if result is None:
        st.info("Choose the settings and press **Train**: the merges, the compression and the vocabulary appear here.")
    else:
        st.divider()
        show_result(result)

    link, link_notes = state.publish()
    show_share_link(link, link_notes)
