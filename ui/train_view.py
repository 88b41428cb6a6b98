"""The Train page's pieces: reading its settings, training with a progress bar, loading a saved
`.model` file, and drawing a tokenizer's merges, compression curve, vocabulary and files.

Training and loading are the engine's (`tokenizer.train`, `tokenizer.load_model_text`, which
reads a file strictly and never unpickles); the compression curve is `tokenizer.compression`.
The latest result is kept in `st.session_state`, so it is still there after a visit to another
page, and its tokenizer is registered (`ui.trained`) so every page's encoding picker offers it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import PurePath

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import tokenizer
from tokenizer import PatternError, Tokenizer
from tokenizer.hf_json import to_tokenizer_json
from tokenizer.compression import byte_length, compression_curve, curve_points, token_counts_after_merges
from tokenizer.registry import ALIASES, SPECS
from tokenizer.vocab_files import to_printable

from . import cached, trained
from .compare_view import markdown_text
from .encoding_choice import EncodingChoice, label
from .uploads import MAX_UPLOAD_BYTES
from .url_state import parse_int_in_range

PATTERN_LABELS = {"gpt4": "GPT-4", "gpt4o": "GPT-4o", "gpt2": "GPT-2", "none": "None", "custom": "Custom regex"}
DEFAULT_PATTERN = "gpt4"
MIN_VOCAB_SIZE = 256
DEFAULT_VOCAB_SIZE = 512
# Training runs while the page waits: beyond this, a 10 MB corpus would keep it waiting long,
# and its rarest merges would stand for a handful of occurrences each.
MAX_VOCAB_SIZE = 50_000
DEFAULT_SPECIAL_TOKENS = "<|endoftext|>"
DEFAULT_NAME = "my-tokenizer"
MAX_SPECIAL_TOKENS = 16
MAX_SPECIAL_TOKEN_CHARS = 40
MAX_REGEX_CHARS = 2_000
# Without a split pattern the corpus is a single chunk, and encoding it again to measure the
# compression takes about twice as long as training did: above this size the curve comes from
# the training counts instead (exact but for runs of a repeated token, see tokenizer.compression).
EXACT_CURVE_MAX_BYTES_WITHOUT_SPLIT = 100_000

_RESULT_KEY = "train.result"
_UPLOAD_KEY = "train.model_upload"
_UPLOAD_DONE_KEY = "train.model_upload.done"
_UPLOAD_MESSAGE_KEY = "train.model_upload.message"
_SEPARATORS = re.compile(r"[\s,]+")
_NOT_IN_NAMES = re.compile(r"[^A-Za-z0-9_.-]+")


# ------------------------------------------------------------------ reading the settings


def parse_pattern_choice(raw: str) -> str:
    """One of `PATTERN_LABELS`' keys (any case); ValueError otherwise."""
    value = raw.strip().lower()
    if value not in PATTERN_LABELS:
        raise ValueError(f"{raw[:30]!r} is not a split pattern (use {', '.join(PATTERN_LABELS)}).")
    return value


def parse_vocab_size(raw: str) -> int:
    """A vocabulary size from a link: a whole number from 256 to `MAX_VOCAB_SIZE`."""
    return parse_int_in_range(raw, MIN_VOCAB_SIZE, MAX_VOCAB_SIZE, "vocabulary size")


def parse_regex(raw: str) -> str:
    """A custom split regex from a link (checked when training); ValueError if it is too long."""
    if len(raw) > MAX_REGEX_CHARS:
        raise ValueError(f"The custom split regex is {len(raw):,} characters long; the limit is {MAX_REGEX_CHARS:,}.")
    return raw


def parse_special_tokens(text: str) -> list[str]:
    """The special tokens in `text`, separated by commas or spaces; ValueError saying what is wrong.

    >>> parse_special_tokens("<|endoftext|>, <|pad|>")
    ['<|endoftext|>', '<|pad|>']
    """
    tokens = [token for token in _SEPARATORS.split(text) if token]
    if len(tokens) > MAX_SPECIAL_TOKENS:
        raise ValueError(f"{len(tokens)} special tokens is too many: give at most {MAX_SPECIAL_TOKENS}.")
    for token in tokens:
        if len(token) > MAX_SPECIAL_TOKEN_CHARS:
            raise ValueError(f"Special token {token[:20]!r}... is {len(token)} characters long; the limit is {MAX_SPECIAL_TOKEN_CHARS}.")
        if not token.isprintable():
            raise ValueError(f"Special token {token!r} contains a control character: use visible characters only.")
    duplicates = sorted({token for token in tokens if tokens.count(token) > 1})
    if duplicates:
        raise ValueError(f"Special token {duplicates[0]!r} is listed twice.")
    return tokens


def split_pattern(choice: str, custom: str) -> str | None:
    """The `pattern` argument of `tokenizer.train` for a picker choice: a pattern name, None for
    no split, or the custom regex (ValueError if it is empty)."""
    if choice == "none":
        return None
    if choice == "custom":
        if not custom.strip():
            raise ValueError("The custom split pattern is empty: type a regular expression, or pick another pattern.")
        return custom
    return choice


def check_corpus(text: str) -> int:
    """The corpus's size in UTF-8 bytes; ValueError if it is empty or over the upload limit."""
    if not text:
        raise ValueError("The corpus is empty: type or paste some text above, or upload a file.")
    n_bytes = len(text.encode("utf-8", errors="surrogatepass"))
    if n_bytes > MAX_UPLOAD_BYTES:
        raise ValueError(
            f"The corpus is {n_bytes / 1e6:.1f} MB of UTF-8; training takes at most "
            f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB: shorten it."
        )
    return n_bytes


def name_from_file(file_name: str) -> str:
    """A tokenizer name for an uploaded file: its stem, with characters names can't hold
    replaced by '-', and '-loaded' added if it would be a built-in encoding's name.

    >>> name_from_file("My tokenizer (2).model")
    'My-tokenizer-2'
    """
    stem = PurePath(file_name).name
    for suffix in (".model", ".json"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    name = _NOT_IN_NAMES.sub("-", stem).strip("-._")[:40].strip("-._") or "loaded"
    if name.lower() in SPECS or name.lower() in ALIASES:
        name = f"{name}-loaded"
    return trained.check_name(name)


# ------------------------------------------------------------------ training and loading


@dataclass(frozen=True)
class TrainingResult:
    """The latest tokenizer trained or loaded on the page.

    `curve` is the token count of `corpus` after 0, 1, 2, ... merges (None: not measured yet,
    or `curve_problem` says why it can't be), `curve_is_estimate` whether it comes from the
    training counts rather than from encoding the corpus; `requested_vocab_size` is what training asked for
    (None for a loaded file); `origin` says where the tokenizer came from, in words.
    """

    entry: trained.TrainedTokenizer
    corpus: str
    origin: str
    requested_vocab_size: int | None = None
    curve: list[int] | None = None
    curve_problem: str | None = None
    curve_is_estimate: bool = False

    @property
    def tokenizer(self) -> Tokenizer:
        """The engine object."""
        return self.entry.tokenizer

    @property
    def choice(self) -> EncodingChoice:
        """The tokenizer as the pages' cached calls take it."""
        return EncodingChoice(self.entry.name, label(self.entry.name), self.tokenizer, f"{self.entry.name}@{self.entry.fingerprint}")


_CANCELLED_KEY = "train.cancelled"


def _note_cancelled() -> None:
    st.session_state[_CANCELLED_KEY] = True


def show_cancelled_note() -> None:
    """Say so if the user just cancelled a training run (the earlier result, if any, is kept)."""
    if st.session_state.pop(_CANCELLED_KEY, False):
        st.warning("Training was cancelled: nothing new was learned, and the earlier result (if any) is kept.", icon=":material/cancel:")


def latest_result() -> TrainingResult | None:
    """The result the page shows: the latest tokenizer trained or loaded in this session."""
    return st.session_state.get(_RESULT_KEY)


def train_and_register(corpus: str, vocab_size: int, pattern: str | None, special_tokens: list[str], name: str) -> TrainingResult:
    """Train on `corpus` with a progress bar, register the tokenizer for every page, and keep
    it as the page's result. Raises ValueError (the engine's message) if training is refused."""
    bar = st.progress(0.0, text="Cutting the corpus into chunks...")
    # Pressing Cancel makes Streamlit rerun the page, which stops this run at its next progress
    # update; the callback leaves a note for the rerun to show.
    cancel = st.empty()
    cancel.button("Cancel training", key="train.cancel", icon=":material/cancel:", on_click=_note_cancelled)

    def report(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=f"Learning merge {done:,} of {total:,}...")

    try:
        tok = tokenizer.train(corpus, vocab_size, pattern, special_tokens, report, name=name)
        bar.progress(1.0, text="Measuring the compression...")
        entry = trained.register(tok)
        result = measured(TrainingResult(entry, corpus, "trained", requested_vocab_size=vocab_size))
    finally:
        bar.empty()
        cancel.empty()
    st.session_state[_RESULT_KEY] = result
    return result


def measured(result: TrainingResult) -> TrainingResult:
    """`result` with its compression curve measured on its corpus (or the reason it can't be)."""
    tok = result.tokenizer
    n_bytes = byte_length(result.corpus)
    if tok.pattern is None and n_bytes > EXACT_CURVE_MAX_BYTES_WITHOUT_SPLIT:
        if tok.merge_counts:
            return replace(result, curve=token_counts_after_merges(n_bytes, tok.merge_counts), curve_is_estimate=True)
        return replace(
            result,
            curve_problem=f"without a split pattern the corpus ({n_bytes:,} bytes) is a single chunk, too slow to "
            f"encode for this chart; load the tokenizer with a corpus of at most {EXACT_CURVE_MAX_BYTES_WITHOUT_SPLIT:,} bytes in the box.",
        )
    try:
        return replace(result, curve=compression_curve(result.tokenizer, result.corpus))
    except PatternError as exc:
        return replace(result, curve_problem=str(exc))


def model_uploader(corpus: str) -> None:
    """An uploader for a saved `.model` file or a Hugging Face `tokenizer.json`: a good one is
    registered (and a minbpe-style one becomes the page's result, its compression measured on
    `corpus`); a bad one is refused with the parser's message."""
    uploaded = st.file_uploader(
        "Load a saved tokenizer (a minbpe .model file, as downloaded below, or a Hugging Face byte-level BPE tokenizer.json)",
        key=_UPLOAD_KEY,
        max_upload_size=MAX_UPLOAD_BYTES // (1024 * 1024),
        help="The file is read strictly; nothing in it is ever executed (no pickles). A tokenizer.json loads only if "
        "this engine gives exactly Hugging Face's ids: otherwise the message says what is not supported.",
    )
    if uploaded is None:
        st.session_state.pop(_UPLOAD_DONE_KEY, None)
        st.session_state.pop(_UPLOAD_MESSAGE_KEY, None)
        return
    if st.session_state.get(_UPLOAD_DONE_KEY) != uploaded.file_id:
        st.session_state[_UPLOAD_DONE_KEY] = uploaded.file_id
        with st.spinner(f"Reading {uploaded.name}..."):
            st.session_state[_UPLOAD_MESSAGE_KEY] = load_upload(uploaded.name, uploaded.getvalue(), corpus)
    kind, message = st.session_state.get(_UPLOAD_MESSAGE_KEY, (None, None))
    if kind == "error":
        st.error(message)
    elif kind == "success":
        st.success(message)


def load_upload(file_name: str, data: bytes, corpus: str) -> tuple[str, str]:
    """Load an uploaded `.model` file: `("success", message)` after registering it and making it
    the page's result, or `("error", message)` saying why it was refused."""
    shown = markdown_text(repr(file_name))
    if file_name.lower().endswith(".vocab"):
        return "error", f"{shown} is a .vocab file, which is for people to read and cannot be loaded: upload the .model file saved with it."
    if not data:
        return "error", f"{shown} is empty: it is not a tokenizer."
    if len(data) > MAX_UPLOAD_BYTES:
        return "error", f"{shown} is {len(data) / 1e6:.1f} MB; the limit is {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
    is_json = file_name.lower().endswith(".json")
    try:
        name = name_from_file(file_name)
        if is_json:
            tok = tokenizer.load_tokenizer_json(data, name=name)
        else:
            tok = tokenizer.load_model_text(data, name=name)
        replaced = trained.find(name) is not None
        entry = trained.register(tok, contents=data if is_json else None)
    except ValueError as exc:
        return "error", f"{shown} can't be loaded: {markdown_text(str(exc))}"
    if not isinstance(tok, Tokenizer):
        # Its ids are not minbpe's layout: the pickers take it, this page's tables (made for
        # merges 256, 257, ...) do not.
        again = " (it replaces the tokenizer of that name)" if replaced else ""
        return "success", (
            f"Loaded {markdown_text(name)}{again}: {len(tok.merges):,} merges and {len(tok.special_tokens)} added tokens, "
            "with the file's own ids. It is in every page's encoding picker now (Tokenize, Merges, Compare, Vocabulary)."
        )
    st.session_state[_RESULT_KEY] = measured(TrainingResult(entry, corpus, f"loaded from {file_name}"))
    again = " (it replaces the tokenizer of that name)" if replaced else ""
    return "success", (
        f"Loaded {markdown_text(name)}{again}: {len(tok.merges):,} merges and {len(tok.special_tokens)} special tokens. "
        "It is in every page's encoding picker now."
    )


# ------------------------------------------------------------------ tables and chart


def merges_table(result: TrainingResult) -> pd.DataFrame:
    """One row per merge, in order: its new id, the pair (GPT-2 printable forms), the merged
    token, its count in the corpus when it was merged (trained tokenizers only) and the pair's ids."""
    return _merges_table(result.entry.fingerprint, tuple(result.tokenizer.merge_counts), result.tokenizer)


@st.cache_data(max_entries=16, show_spinner=False)
def _merges_table(fingerprint: str, counts: tuple[int, ...], _tokenizer: Tokenizer) -> pd.DataFrame:
    vocab = _tokenizer.vocab
    merges = _tokenizer.merges
    columns = {
        "new id": list(merges.values()),
        "left": [to_printable(vocab[left]) for left, _ in merges],
        "right": [to_printable(vocab[right]) for _, right in merges],
        "token": [to_printable(vocab[new]) for new in merges.values()],
    }
    if counts:
        columns["count"] = list(counts)
    columns["left id"] = [left for left, _ in merges]
    columns["right id"] = [right for _, right in merges]
    return pd.DataFrame(columns)


def compression_figure(curve: list[int]) -> go.Figure:
    """Bytes per token of the corpus against the vocabulary size (256 + merges used)."""
    n_bytes = curve[0]
    points = curve_points(len(curve))
    sizes = [256 + k for k in points]
    ratios = [n_bytes / curve[k] for k in points]
    figure = go.Figure(
        go.Scatter(
            x=sizes,
            y=ratios,
            mode="lines",
            line=dict(color="#d6336c", width=2),
            customdata=[curve[k] for k in points],
            hovertemplate="vocabulary %{x:,}: %{y:.2f} bytes per token (%{customdata:,} tokens)<extra></extra>",
        )
    )
    figure.update_layout(
        title="Compression of the corpus by vocabulary size",
        xaxis_title="vocabulary size (256 bytes + merges)",
        yaxis_title="bytes per token",
        height=360,
        margin=dict(l=10, r=10, t=50, b=10),
    )
    return figure


def tokenizer_files(result: TrainingResult) -> dict[str, str]:
    """`{suffix: contents}` of the tokenizer's `.model`, `.vocab`, `.tiktoken` and `.json` (Hugging Face's
    tokenizer.json) files; a file
    that can't be written maps to the reason, under the key `"<suffix> problem"`."""
    return _tokenizer_files(result.entry.fingerprint, result.tokenizer)


@st.cache_data(max_entries=8, show_spinner=False)
def _tokenizer_files(fingerprint: str, _tokenizer: Tokenizer) -> dict[str, str]:
    files = {}
    writers = (
        (".model", _tokenizer.model_text),
        (".vocab", _tokenizer.vocab_text),
        (".tiktoken", _tokenizer.tiktoken_text),
        (".json", lambda: to_tokenizer_json(_tokenizer)),
    )
    for suffix, write in writers:
        try:
            files[suffix] = write()
        except ValueError as exc:
            files[f"{suffix} problem"] = str(exc)
    return files


# ------------------------------------------------------------------ drawing the result


FILE_NOTES = {
    ".model": "minbpe's format: load it here again, or with `tokenizer.load` in Python.",
    ".vocab": "For people: one line per token, with the pair it was merged from.",
    ".tiktoken": "tiktoken's format (`base64 rank` per line); special tokens are not part of it.",
    ".json": "Hugging Face's tokenizer.json: `tokenizers.Tokenizer.from_file(...)` gives the same ids "
    "(its `encode` always matches special tokens, as `allowed_special=\"all\"` does here). Load it here again too.",
}


def show_result(result: TrainingResult) -> None:
    """The latest tokenizer: a summary, then tabs with its merges, compression, vocabulary and files."""
    tok = result.tokenizer
    name = markdown_text(result.entry.name)
    st.subheader(f"Tokenizer {name}")
    pattern = PATTERN_LABELS.get(tok.pattern_name, tok.pattern_name)
    if result.origin == "trained":
        origin = f"Trained on {result.curve[0]:,} bytes" if result.curve else "Trained on the corpus"
    else:
        origin = markdown_text(result.origin[:1].upper() + result.origin[1:])
    st.caption(
        f"{origin} · split pattern: {pattern} · {len(tok.merges):,} merges · {len(tok.special_tokens)} special tokens. "
        "Pick it in any page's encoding picker (Tokenize, Merges, Compare, Vocabulary) during this session."
    )
    if result.requested_vocab_size is not None and 256 + len(tok.merges) < result.requested_vocab_size:
        st.warning(
            f"The corpus ran out of pairs to merge after {len(tok.merges):,} merges: every chunk is a single token, "
            f"so the vocabulary has {256 + len(tok.merges):,} ordinary tokens instead of the "
            f"{result.requested_vocab_size:,} asked for. Use a longer corpus for a bigger vocabulary."
        )
    curve = result.curve
    columns = st.columns(4)
    columns[0].metric("Vocabulary", f"{tok.n_vocab:,}", border=True, help="256 bytes + merges + special tokens.")
    columns[1].metric("Merges", f"{len(tok.merges):,}", border=True)
    if curve and curve[-1]:
        about = "≈ " if result.curve_is_estimate else ""
        columns[2].metric("Corpus tokens", f"{about}{curve[-1]:,}", border=True, help=f"The corpus is {curve[0]:,} bytes.")
        columns[3].metric("Bytes per token", f"{curve[0] / curve[-1]:.2f}", border=True)

    merges_tab, compression_tab, vocabulary_tab, files_tab = st.tabs(["Merges", "Compression", "Vocabulary", "Files"])
    with merges_tab:
        show_merges(result)
    with compression_tab:
        show_compression(result)
    with vocabulary_tab:
        show_vocabulary(result)
    with files_tab:
        show_files(result)


def show_merges(result: TrainingResult) -> None:
    """The merges table, with what its columns mean."""
    has_counts = bool(result.tokenizer.merge_counts)
    st.caption(
        "Each merge joins two neighbouring tokens (left + right) into a new token, in this order. Tokens are "
        "shown in GPT-2's printable form: Ġ is a space, Ċ a newline."
        + (
            " Count: how many times the pair occurred in the corpus when it was merged (overlapping pairs, as "
            "in 'aaa', count twice)."
            if has_counts
            else " A .model file does not store the counts of the pairs."
        )
    )
    st.dataframe(merges_table(result), hide_index=True)


def show_compression(result: TrainingResult) -> None:
    """The compression curve, or why there is none."""
    if result.curve_problem:
        st.warning(f"The compression was not measured: {markdown_text(result.curve_problem)}")
        return
    curve = result.curve
    if not curve or not curve[0]:
        st.info("The corpus was empty: there is no compression to measure. Load the tokenizer again with a corpus in the box above.")
        return
    what = "its training corpus" if result.origin == "trained" else "the corpus that was in the box when it was loaded"
    how = (
        "Estimated from the training counts, since without a split pattern the corpus is one long chunk that "
        "would be slow to encode again: exact except where a token repeats three or more times in a row."
        if result.curve_is_estimate
        else "Each point is exact: the corpus cut with that many merges."
    )
    st.caption(
        f"Bytes per token of {what} when the tokenizer uses only its first merges: 1.00 at 256 (one token per "
        f"byte) up to {curve[0] / curve[-1]:.2f} with all {len(curve) - 1:,} merges. {how}"
    )
    st.plotly_chart(compression_figure(curve), key="train.compression_chart")


def show_vocabulary(result: TrainingResult) -> None:
    """Every learned token (id, printable form, text, byte length) and the special tokens."""
    st.caption("Ids 0–255 are the bytes; each merge adds the next id. Token: GPT-2's printable form of its bytes.")
    st.dataframe(cached.vocabulary_table(result.choice), hide_index=True)
    specials = result.tokenizer.special_tokens
    if specials:
        st.markdown("**Special tokens**")
        st.dataframe(pd.DataFrame({"special token": list(specials), "id": list(specials.values())}), hide_index=True)
    st.page_link(
        "app_pages/vocabulary.py",
        label="Search and browse it on the Vocabulary page",
        icon=":material/dictionary:",
        query_params={"encoding": result.entry.name},
    )


def show_files(result: TrainingResult) -> None:
    """Download buttons for the tokenizer's files (or why one can't be written)."""
    files = tokenizer_files(result)
    for suffix, note in FILE_NOTES.items():
        if suffix in files:
            st.download_button(
                f"Download {result.entry.name}{suffix}",
                files[suffix],
                file_name=f"{result.entry.name}{suffix}",
                mime="application/json" if suffix == ".json" else "text/plain",
                key=f"train.download{suffix}",
                icon=":material/download:",
                on_click="ignore",
            )
            st.caption(note)
        else:
            st.warning(f"No {suffix} file: {markdown_text(files[f'{suffix} problem'])}")
