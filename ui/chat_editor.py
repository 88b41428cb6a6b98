"""The chat editor of the Tokenize page: messages (role + text), their link form, and their tokens.

The conversation lives in one page parameter (`chat`, a list of `(role, content)`); each message
is drawn as a role picker and a text area whose keys carry a generation number, bumped whenever
the list changes shape (a message added or removed, a link opened), so the widgets are filled
afresh from the list and never show a neighbour's text.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from tokenizer.chat import CHAT_FORMATS, IM_START, ROLES, ChatPrompt, chat_encoding, chat_encoding_name, render_chat
from tokenizer.registry import SPECS

from .encoding_choice import EncodingChoice

Messages = tuple[tuple[str, str], ...]

DEFAULT_MESSAGES: Messages = (
    ("system", "You are a helpful assistant."),
    ("user", "What is the capital of France? Answer in one word."),
)
MAX_MESSAGES = 50
# Links longer than this are refused when read (ours stay under `url_state.MAX_TEXT_IN_LINK`).
MAX_CHAT_IN_LINK = 20_000


def default_messages() -> Messages:
    """The example conversation a new page shows: a system prompt and a question."""
    return DEFAULT_MESSAGES


def parse_chat(raw: str) -> Messages:
    """Messages from the link's `chat`: a JSON list of `{"role": ..., "content": ...}`.

    ValueError saying what is wrong for anything else (unknown role, extra keys, too long).

    >>> parse_chat('[{"role": "user", "content": "hi"}]')
    (('user', 'hi'),)
    """
    if len(raw) > MAX_CHAT_IN_LINK:
        raise ValueError(f"It is {len(raw):,} characters long; links carry chats of up to {MAX_CHAT_IN_LINK:,}.")
    try:
        data = json.loads(raw)
    except ValueError:
        raise ValueError('It is not JSON (write [{"role": "user", "content": "..."}]).') from None
    if not isinstance(data, list) or len(data) > MAX_MESSAGES:
        raise ValueError(f"It should be a JSON list of at most {MAX_MESSAGES} messages.")
    messages = []
    for number, item in enumerate(data, 1):
        if not isinstance(item, dict) or set(item) != {"role", "content"}:
            raise ValueError(f'Message {number} should be {{"role": ..., "content": ...}}.')
        role, content = item["role"], item["content"]
        if role not in ROLES or not isinstance(content, str):
            raise ValueError(f"Message {number} has role {str(role)[:20]!r}: use {', '.join(ROLES)}, with text content.")
        messages.append((role, content))
    return tuple(messages)


def format_chat(messages: Messages) -> str:
    """The link's `chat`: compact JSON, `[{"role":"user","content":"hi"}]`."""
    return json.dumps([{"role": r, "content": c} for r, c in messages], ensure_ascii=False, separators=(",", ":"))


def chat_choice(choice: EncodingChoice) -> EncodingChoice:
    """The chat variant of a picked encoding (GPT-4 → cl100k_im); ValueError if it has none."""
    name = chat_encoding_name(choice.name)
    base = SPECS[choice.name].label if choice.name in SPECS else choice.name
    return EncodingChoice(name, f"{base} chat ({name})", _chat_encoding(name), name)


@st.cache_resource(show_spinner="Loading the vocabulary...")
def _chat_encoding(name: str):
    return chat_encoding(name)


def parse_chat_format(raw: str) -> str:
    """`im_sep` (GPT-4, GPT-4o) or `newline` (GPT-3.5-turbo)."""
    if raw not in CHAT_FORMATS:
        raise ValueError(f"{raw[:30]!r} is not a chat format (use {' or '.join(CHAT_FORMATS)}).")
    return raw


FORMAT_LABELS = {"im_sep": "GPT-4 / GPT-4o (<|im_sep|>)", "newline": "GPT-3.5-turbo (newlines)"}


def chat_format_picker(key: str) -> str:
    """The prompt format picker, bound to the session-state `key`."""
    return st.segmented_control(
        "Prompt format",
        list(CHAT_FORMATS),
        key=key,
        format_func=FORMAT_LABELS.get,
        required=True,
        help="How tiktokenizer renders each model's prompt. "
        + " ".join(f"{FORMAT_LABELS[name]}: {CHAT_FORMATS[name].split(': ', 1)[1]}." for name in CHAT_FORMATS),
    )


def render(choice: EncodingChoice, messages: Messages, chat_format: str = "im_sep") -> ChatPrompt:
    """`messages` in ChatML with the chat encoding `choice` (cached per conversation)."""
    return _render(choice.cache_key, messages, chat_format, choice.encoding)


@st.cache_data(max_entries=32, show_spinner=False)
def _render(key: str, messages: Messages, chat_format: str, _encoding) -> ChatPrompt:
    return render_chat(_encoding, messages, chat_format=chat_format)


def _generation_key(page_key: str) -> str:
    return f"{page_key}.generation"


def _widget_key(page_key: str, generation: int, index: int, part: str) -> str:
    return f"{page_key}.{generation}.{index}.{part}"


def _messages_from_widgets(page_key: str, messages: Messages) -> Messages:
    """The conversation as the widgets now hold it (edits since the last run included)."""
    state = st.session_state
    generation = state.get(_generation_key(page_key), 0)
    return tuple(
        (
            state.get(_widget_key(page_key, generation, i, "role"), role),
            state.get(_widget_key(page_key, generation, i, "content"), content),
        )
        for i, (role, content) in enumerate(messages)
    )


def _reshape(page_key: str, messages: Messages) -> None:
    st.session_state[page_key] = messages
    st.session_state[_generation_key(page_key)] = st.session_state.get(_generation_key(page_key), 0) + 1


def _add_message(page_key: str) -> None:
    messages = _messages_from_widgets(page_key, st.session_state[page_key])
    # As tiktokenizer: a system prompt first, then user and assistant in turn.
    role = "system" if not messages else "assistant" if messages[-1][0] == "user" else "user"
    _reshape(page_key, messages + ((role, ""),))


def _remove_message(page_key: str, index: int) -> None:
    messages = _messages_from_widgets(page_key, st.session_state[page_key])
    _reshape(page_key, messages[:index] + messages[index + 1 :])


def chat_editor(page_key: str, *, from_link: bool = False) -> Messages:
    """Draw the messages of the conversation kept in session state at `page_key`; return them.

    `from_link`: the conversation just came from a link, so the widgets are filled from it.
    """
    if from_link:
        _reshape(page_key, st.session_state[page_key])
    state = st.session_state
    generation = state.get(_generation_key(page_key), 0)
    messages = state[page_key]
    for i, (role, content) in enumerate(messages):
        role_key = _widget_key(page_key, generation, i, "role")
        content_key = _widget_key(page_key, generation, i, "content")
        state.setdefault(role_key, role)
        state.setdefault(content_key, content)
        role_column, content_column, remove_column = st.columns([1, 6, 0.4], vertical_alignment="top")
        role_column.selectbox(f"Role of message {i + 1}", ROLES, key=role_key, label_visibility="collapsed")
        content_column.text_area(
            f"Message {i + 1}",
            key=content_key,
            height=68,
            label_visibility="collapsed",
            placeholder="Content",
        )
        remove_column.button(
            ":material/close:",
            key=f"{page_key}.{generation}.{i}.remove",
            help=f"Remove message {i + 1}",
            on_click=_remove_message,
            args=(page_key, i),
        )
    st.button(
        "Add message",
        icon=":material/add:",
        key=f"{page_key}.add",
        on_click=_add_message,
        args=(page_key,),
        disabled=len(messages) >= MAX_MESSAGES,
        help=f"Up to {MAX_MESSAGES} messages.",
    )
    current = _messages_from_widgets(page_key, messages)
    state[page_key] = current
    return current


def message_counts_table(prompt: ChatPrompt, messages: Messages) -> pd.DataFrame:
    """One row per message (number, role, tokens, start of its text) and a last one, "reply",
    for the reply prefix `<|im_start|>assistant<|im_sep|>`."""
    rows = [
        {"message": str(i + 1), "role": role, "tokens": count, "text": content if len(content) <= 60 else content[:60] + "…"}
        for i, ((role, content), count) in enumerate(zip(messages, prompt.message_token_counts))
    ]
    if prompt.reply_prefix_count:
        reply_text = prompt.text[prompt.text.rfind(IM_START) :]
        rows.append({"message": "reply", "role": "assistant (to come)", "tokens": prompt.reply_prefix_count, "text": reply_text})
    return pd.DataFrame(rows, columns=["message", "role", "tokens", "text"]).astype({"tokens": "int64"})
