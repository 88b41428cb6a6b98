"""Chat prompts: encodings extended with ChatML's special tokens, and messages rendered in ChatML.

OpenAI's chat models read a conversation as one token sequence in which special tokens mark
where each message starts and ends. Following tiktokenizer (and tiktoken's own example of
extending an encoding), GPT-3.5/GPT-4 use cl100k_base plus `<|im_start|>` 100264,
`<|im_end|>` 100265 and `<|im_sep|>` 100266 ("cl100k_im"), and GPT-4o uses o200k_base plus
the same three at 200264-200266 ("o200k_im"). Each message is

    <|im_start|>{role}<|im_sep|>{content}<|im_end|>

one after another with nothing between them, and the prompt ends with
`<|im_start|>assistant<|im_sep|>`, where the model's reply begins. For GPT-3.5-turbo,
tiktokenizer writes a newline instead of `<|im_sep|>` and between messages (the "newline" format).

The role and content are always encoded as ordinary text: a message that contains the text
`<|im_end|>` cannot end its message early (which is how applications guard against prompt
injection through special tokens).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Iterable

from .core import Encoding
from .encodings import get_encoding
from .registry import resolve_name

IM_START = "<|im_start|>"
IM_END = "<|im_end|>"
IM_SEP = "<|im_sep|>"

ROLES = ("system", "user", "assistant")

# How a message's role is set off from its text, as tiktokenizer renders each model's prompts.
CHAT_FORMATS = {
    "im_sep": "GPT-4 and GPT-4o: <|im_start|>role<|im_sep|>text<|im_end|>, messages back to back",
    "newline": "GPT-3.5-turbo: <|im_start|>role, a newline, text<|im_end|>, one message per line",
}

# base encoding -> (name of its chat variant, the ChatML special tokens it adds)
CHAT_VARIANTS: dict[str, tuple[str, dict[str, int]]] = {
    "cl100k_base": ("cl100k_im", {IM_START: 100264, IM_END: 100265, IM_SEP: 100266}),
    "o200k_base": ("o200k_im", {IM_START: 200264, IM_END: 200265, IM_SEP: 200266}),
}

_chat_encodings: dict[str, Encoding] = {}
_lock = threading.Lock()


def extend(base: Encoding, special_tokens: dict[str, int], name: str) -> Encoding:
    """A new encoding: `base`'s split pattern and ranks (shared, not copied) plus `special_tokens`.

    This is tiktoken's recipe for a custom encoding
    (`Encoding(name, pat_str=base._pat_str, mergeable_ranks=base._mergeable_ranks,
    special_tokens={**base._special_tokens, ...})`). ValueError if a new token's text or id is
    already taken.

    >>> extend(get_encoding("cl100k_base"), {"<|im_start|>": 100264}, "cl100k_im").encode(
    ...     "<|im_start|>hi", allowed_special="all")  # doctest: +SKIP
    [100264, 6151]
    """
    taken_ids = base.special_tokens.values()
    for token, rank in special_tokens.items():
        if token in base.special_tokens:
            raise ValueError(f"{token!r} is already a special token of {base.name}.")
        if rank in taken_ids or _is_ordinary_id(base, rank):
            raise ValueError(f"Id {rank} is already a token of {base.name}: choose an unused id for {token!r}.")
    extended = Encoding(
        name,
        pat_str=base.pat_str,
        mergeable_ranks=base.mergeable_ranks,
        special_tokens={**base.special_tokens, **special_tokens},
    )
    # The ordinary tokens are the base's: share its id -> bytes table (about 10 MB for o200k_base)
    # and its cache of encoded chunks instead of holding copies.
    extended._token_bytes = base._token_bytes
    extended._chunk_cache = base._chunk_cache
    return extended


def _is_ordinary_id(encoding: Encoding, token: int) -> bool:
    try:
        encoding.decode_single_token_bytes(token)
    except KeyError:
        return False
    return True


def chat_encoding_name(name: str) -> str:
    """The name of the chat variant of encoding `name` (or alias): `"gpt4" -> "cl100k_im"`.

    ValueError for an encoding without a chat format (GPT-2's r50k_base, a trained one).
    """
    if name in {chat_name for chat_name, _ in CHAT_VARIANTS.values()}:
        return name
    try:
        canonical = resolve_name(name)
    except ValueError:
        canonical = name
    if canonical not in CHAT_VARIANTS:
        models = "cl100k_base (GPT-3.5, GPT-4) and o200k_base (GPT-4o)"
        raise ValueError(f"{name} has no chat format: ChatML's special tokens exist for {models} only.")
    return CHAT_VARIANTS[canonical][0]


def chat_encoding(name: str) -> Encoding:
    """The chat variant of encoding `name`, built once per process: `chat_encoding("gpt4o").name == "o200k_im"`.

    ValueError for an encoding without a chat format (see `chat_encoding_name`).
    """
    chat_name = chat_encoding_name(name)
    encoding = _chat_encodings.get(chat_name)
    if encoding is None:
        with _lock:
            encoding = _chat_encodings.get(chat_name)
            if encoding is None:
                base = next(b for b, (n, _) in CHAT_VARIANTS.items() if n == chat_name)
                encoding = extend(get_encoding(base), CHAT_VARIANTS[base][1], chat_name)
                _chat_encodings[chat_name] = encoding
    return encoding


@dataclass(frozen=True)
class ChatPrompt:
    """A conversation rendered in ChatML: its text, its ids, and how many tokens each part takes.

    `message_spans[i]` is the `(start, end)` range of message i's tokens in `ids` (from its
    `<|im_start|>` to its `<|im_end|>`); the reply prefix `<|im_start|>assistant<|im_sep|>`
    takes the last `reply_prefix_count` ids.
    """

    encoding_name: str
    text: str
    ids: list[int]
    message_spans: list[tuple[int, int]]
    reply_prefix_count: int

    @property
    def message_token_counts(self) -> list[int]:
        """The number of tokens of each message, markers included."""
        return [end - start for start, end in self.message_spans]


def render_chat(
    encoding: Encoding,
    messages: Iterable[tuple[str, str]],
    *,
    reply_prefix: bool = True,
    chat_format: str = "im_sep",
) -> ChatPrompt:
    """`messages` as `[(role, content)]` in ChatML, encoded with a chat encoding (see `chat_encoding`).

    `chat_format` is one of `CHAT_FORMATS`: "im_sep" (GPT-4, GPT-4o) or "newline" (GPT-3.5-turbo).
    Roles and contents are encoded as ordinary text, so special-token text inside them stays text.

    >>> render_chat(chat_encoding("gpt4"), [("user", "hi")]).ids  # doctest: +SKIP
    [100264, 882, 100266, 6151, 100265, 100264, 78191, 100266]
    """
    if chat_format not in CHAT_FORMATS:
        raise ValueError(f"Unknown chat format {chat_format!r}: use {' or '.join(CHAT_FORMATS)}.")
    special = encoding.special_tokens
    missing = [token for token in (IM_START, IM_END, IM_SEP) if token not in special]
    if missing:
        raise ValueError(f"{encoding.name} has no ChatML tokens ({', '.join(missing)}): use chat_encoding(...).")
    start, end, sep = special[IM_START], special[IM_END], special[IM_SEP]
    ordinary = encoding.encode_ordinary
    newline = chat_format == "newline"

    def header_and_content(role: str, content: str) -> tuple[list[int], str]:
        # The newline format is one ordinary piece (as the whole prompt text would be cut).
        if newline:
            return ordinary(f"{role}\n{content}"), f"{role}\n{content}"
        return [*ordinary(role), sep, *ordinary(content)], f"{role}{IM_SEP}{content}"

    messages = list(messages)
    texts: list[str] = []
    ids: list[int] = []
    spans: list[tuple[int, int]] = []
    for index, (role, content) in enumerate(messages):
        if not role or not role.strip():
            raise ValueError("Every message needs a role (system, user or assistant).")
        first = len(ids)
        body_ids, body_text = header_and_content(role, content)
        ids += [start, *body_ids, end]
        texts.append(f"{IM_START}{body_text}{IM_END}")
        if newline and (reply_prefix or index < len(messages) - 1):
            ids += ordinary("\n")  # the line break after a message counts as the message's
            texts.append("\n")
        spans.append((first, len(ids)))
    n_reply = 0
    if reply_prefix:
        reply = [start, *ordinary("assistant\n")] if newline else [start, *ordinary("assistant"), sep]
        ids += reply
        n_reply = len(reply)
        texts.append(f"{IM_START}assistant" + ("\n" if newline else IM_SEP))
    return ChatPrompt(encoding.name, "".join(texts), ids, spans, n_reply)
