"""The tokenizers trained or loaded in this browser session, offered by every page's encoding picker.

They live in `st.session_state` (one session's tokenizers are nobody else's), each with a
fingerprint of its merges so that cached results of two different tokenizers that happen to
share a name never mix.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import streamlit as st

from tokenizer import Encoding
from tokenizer.registry import ALIASES, SPECS

_SESSION_KEY = "trained_tokenizers"
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")


@dataclass(frozen=True)
class TrainedTokenizer:
    """A tokenizer of this session: the engine object and the fingerprint of its contents."""

    tokenizer: Encoding
    fingerprint: str

    @property
    def name(self) -> str:
        """The name it was registered under (its `data-encoding` name in token views)."""
        return self.tokenizer.name


def check_name(name: str) -> str:
    """The name, stripped, if it can name a trained tokenizer; ValueError saying why not.

    >>> check_name(" my-tokenizer ")
    'my-tokenizer'
    """
    name = name.strip()
    if not NAME_PATTERN.fullmatch(name):
        raise ValueError(
            f"{name!r} can't name a tokenizer: use 1 to 40 letters, digits, '-', '_' or '.', starting with a letter or digit."
        )
    if name.lower() in SPECS or name.lower() in ALIASES:
        raise ValueError(f"{name!r} is the name of a built-in encoding: choose another name.")
    return name


def register(tokenizer: Encoding, *, contents: bytes | None = None) -> TrainedTokenizer:
    """Add `tokenizer` to this session under its name (replacing one of the same name).

    The fingerprint comes from `contents` (the file it was loaded from) if given, else from its
    `.model` text: an encoding that is not a `Tokenizer` must come with its file's contents."""
    check_name(tokenizer.name)
    data = contents if contents is not None else tokenizer.model_text().encode("utf-8")
    fingerprint = hashlib.sha256(data).hexdigest()[:16]
    entry = TrainedTokenizer(tokenizer, fingerprint)
    st.session_state.setdefault(_SESSION_KEY, {})[tokenizer.name] = entry
    return entry


def trained_tokenizers() -> dict[str, TrainedTokenizer]:
    """This session's tokenizers, by name, in the order they were added."""
    return dict(st.session_state.get(_SESSION_KEY, {}))


def find(name: str) -> TrainedTokenizer | None:
    """This session's tokenizer called `name` (exactly, or ignoring case), or None."""
    registry = st.session_state.get(_SESSION_KEY, {})
    if name in registry:
        return registry[name]
    folded = {key.lower(): entry for key, entry in registry.items()}
    return folded.get(name.strip().lower())
