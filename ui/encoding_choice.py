"""Choosing encodings: the built-in ones (loaded once per process) and this session's trained ones.

Pages name an encoding by a string from the URL or a picker; `resolve` turns it into an
`EncodingChoice` holding the engine object, the name token views show in `data-encoding`, and
a cache key that is unique to the encoding's contents.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

import tokenizer
from tokenizer import Encoding
from tokenizer.registry import SPECS, resolve_name

from . import trained

BUILTIN_NAMES: list[str] = tokenizer.list_encodings()


@dataclass(frozen=True)
class EncodingChoice:
    """An encoding ready for a page: its canonical name, a label for people, the engine object."""

    name: str
    label: str
    encoding: Encoding
    cache_key: str

    @property
    def is_builtin(self) -> bool:
        """Whether this is GPT-2, GPT-4 or GPT-4o (not a tokenizer trained in this session)."""
        return self.name in SPECS


@st.cache_resource(show_spinner="Loading the vocabulary...")
def builtin_encoding(name: str) -> Encoding:
    """The built-in encoding `name`, loaded once per server process and shared by all sessions."""
    return tokenizer.get_encoding(name)


def available_names() -> list[str]:
    """Every encoding a picker offers: the built-in ones, then this session's trained ones."""
    return BUILTIN_NAMES + list(trained.trained_tokenizers())


def label(name: str) -> str:
    """How a picker shows an encoding: `label("cl100k_base") == "GPT-4 · cl100k_base"`."""
    if name in SPECS:
        return f"{SPECS[name].label} · {name}"
    return f"{name} · trained"


def canonical_name(value: str) -> str:
    """The name of the encoding `value` means (a canonical name, an alias in any case, or a
    trained tokenizer's name); ValueError with the known names if it means none."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("No encoding was given.")
    entry = trained.find(value)
    if entry is not None:
        return entry.name
    try:
        return resolve_name(value)
    except ValueError:
        known = ", ".join(["gpt2", "gpt4", "gpt4o", *BUILTIN_NAMES, *trained.trained_tokenizers()])
        raise ValueError(f"Unknown encoding {value.strip()[:60]!r}. Known encodings: {known}.") from None


def resolve(value: str) -> EncodingChoice:
    """The `EncodingChoice` for a name or alias (see `canonical_name`)."""
    name = canonical_name(value)
    if name in SPECS:
        return EncodingChoice(name, label(name), builtin_encoding(name), name)
    entry = trained.find(name)
    return EncodingChoice(name, label(name), entry.tokenizer, f"{name}@{entry.fingerprint}")


def encoding_picker(key: str, *, label: str = "Encoding", default: str = "cl100k_base") -> EncodingChoice:
    """A one-of picker over every available encoding, bound to the session-state `key`."""
    names = available_names()
    if st.session_state.get(key) not in names:
        st.session_state[key] = default
    name = st.segmented_control(label, names, key=key, format_func=label_for_picker, required=True)
    return resolve(name)


def encodings_picker(key: str, *, label: str = "Encodings", default: tuple[str, ...] = ("r50k_base", "cl100k_base")) -> list[EncodingChoice]:
    """A several-of picker over every available encoding, bound to the session-state `key`."""
    names = available_names()
    chosen = [name for name in st.session_state.get(key) or [] if name in names]
    if chosen != st.session_state.get(key):
        st.session_state[key] = chosen or list(default)
    picked = st.pills(label, names, key=key, selection_mode="multi", format_func=label_for_picker)
    return [resolve(name) for name in picked]


def label_for_picker(name: str) -> str:
    """A short picker label: "GPT-4 (cl100k_base)" or a trained tokenizer's name."""
    if name in SPECS:
        return f"{SPECS[name].label} ({name})"
    return f"{name} (trained)"
