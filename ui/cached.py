"""Engine calls the pages make, cached by (encoding, text) so reruns and page switches are instant.

Results that are plain data (ids, tables) use `st.cache_data`; a `Trace` is a live object, so
it is kept with `st.cache_resource` (bounded, shared read-only). The engine object itself is
passed with a leading underscore (not hashed): `choice.cache_key` identifies it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tokenizer import Encoding, Trace
from tokenizer.vocab_files import to_printable

from .encoding_choice import EncodingChoice


def encode(choice: EncodingChoice, text: str, allow_special: bool) -> list[int]:
    """The token ids of `text`; special-token text becomes special ids only if `allow_special`.

    With `allow_special` off, special-token text is encoded as ordinary text (never an error).
    """
    return _encode(choice.cache_key, text, allow_special, choice.encoding)


@st.cache_data(max_entries=64, show_spinner=False)
def _encode(key: str, text: str, allow_special: bool, _encoding: Encoding) -> list[int]:
    if allow_special:
        return _encoding.encode(text, allowed_special="all")
    return _encoding.encode_ordinary(text)


def trace(choice: EncodingChoice, text: str) -> Trace:
    """Every merge of one BPE run over `text` (see `tokenizer.trace`)."""
    return _trace(choice.cache_key, text, choice.encoding)


@st.cache_resource(max_entries=16, show_spinner=False)
def _trace(key: str, text: str, _encoding: Encoding) -> Trace:
    return _encoding.trace(text)


def merge_steps_table(choice: EncodingChoice, text: str) -> pd.DataFrame:
    """One row per merge of `trace(choice, text)`: the pair, the new token and its rank."""
    return _merge_steps_table(choice.cache_key, text, choice.encoding)


@st.cache_data(max_entries=16, show_spinner=False)
def _merge_steps_table(key: str, text: str, _encoding: Encoding) -> pd.DataFrame:
    steps = _trace(key, text, _encoding).steps
    printable = {}

    def show(token: int) -> str:
        if token not in printable:
            printable[token] = to_printable(_encoding.decode_single_token_bytes(token))
        return printable[token]

    return pd.DataFrame(
        {
            "step": [s.index + 1 for s in steps],
            "left": [show(s.left) for s in steps],
            "right": [show(s.right) for s in steps],
            "new token": [show(s.new) for s in steps],
            "left id": [s.left for s in steps],
            "right id": [s.right for s in steps],
            "new id (rank)": [s.new for s in steps],
            "chunk": [s.chunk for s in steps],
            "byte": [s.position for s in steps],
        }
    )


def pre_tokenize(choice: EncodingChoice, text: str) -> list[tuple[str, tuple[int, int]]]:
    """The chunks of `text` under the encoding's split pattern, with their character spans."""
    return _pre_tokenize(choice.cache_key, text, choice.encoding)


@st.cache_data(max_entries=32, show_spinner=False)
def _pre_tokenize(key: str, text: str, _encoding: Encoding) -> list[tuple[str, tuple[int, int]]]:
    return _encoding.pre_tokenize(text)


def vocabulary_table(choice: EncodingChoice) -> pd.DataFrame:
    """Every ordinary token of the encoding: id, GPT-2 printable form, text, byte length."""
    return _vocabulary_table(choice.cache_key, choice.encoding)


@st.cache_data(max_entries=8, show_spinner="Reading the vocabulary...")
def _vocabulary_table(key: str, _encoding: Encoding) -> pd.DataFrame:
    items = list(_encoding.token_items())
    return pd.DataFrame(
        {
            "id": [token for token, _ in items],
            "token": [to_printable(data) for _, data in items],
            "text": [data.decode("utf-8", errors="replace") for _, data in items],
            "bytes": [len(data) for _, data in items],
        }
    )
