"""Engine calls the pages make, cached by (encoding, text) so reruns and page switches are instant.

Results that are plain data (ids, tables) use `st.cache_data`; a `Trace` is a live object, so
it is kept with `st.cache_resource` (bounded, shared read-only). The engine object itself is
passed with a leading underscore (not hashed): `choice.cache_key` identifies it.
"""

from __future__ import annotations

import numpy as np
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


# A trace of 100,000 characters holds about 6 MB: a few are enough for the texts being stepped
# through at one time, and the cache stays bounded however many sessions trace.
@st.cache_resource(max_entries=8, show_spinner=False)
def _trace(key: str, text: str, _encoding: Encoding) -> Trace:
    return _encoding.trace(text)


def merge_steps_table(choice: EncodingChoice, text: str) -> pd.DataFrame:
    """One row per merge of `trace(choice, text)`: the pair, the new token and its rank."""
    return _merge_steps_table(choice.cache_key, text, choice.encoding)


@st.cache_data(max_entries=8, show_spinner=False)
def _merge_steps_table(key: str, text: str, _encoding: Encoding) -> pd.DataFrame:
    columns = _trace(key, text, _encoding).columns()
    # Built from the trace's columns, never one object per step: a text of 100,000 characters
    # has about 80,000 steps but only a few thousand distinct tokens, so each token is spelled
    # once and the token columns are categorical (small to cache and to send).
    tokens, where = np.unique(np.concatenate((columns.left, columns.right, columns.new)), return_inverse=True)
    spelled = np.array([to_printable(_encoding.decode_single_token_bytes(token)) for token in tokens.tolist()], dtype=object)
    left, right, new = np.split(spelled[where], 3)
    return pd.DataFrame(
        {
            "step": np.arange(1, len(columns.new) + 1),
            "left": pd.Categorical(left),
            "right": pd.Categorical(right),
            "new token": pd.Categorical(new),
            "left id": columns.left,
            "right id": columns.right,
            "new id (rank)": columns.new,
            "chunk": columns.chunk,
            "byte": columns.position,
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
