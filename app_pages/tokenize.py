"""Tokenize: how an encoding cuts a text into tokens, token ids decoded back into text, and a
chat conversation in ChatML with its special tokens."""

import json

import streamlit as st

from ui import cached
from ui.chat_editor import (
    chat_choice,
    chat_editor,
    chat_format_picker,
    default_messages,
    format_chat,
    message_counts_table,
    parse_chat,
    parse_chat_format,
    render,
)
from ui.cost import format_price, parse_price, price_input, show_cost
from ui.encoding_choice import canonical_name, encoding_picker
from ui.errors import errors_as_messages
from ui.markdown import markdown_text
from ui.pagination import page_picker
from ui.samples import sample_text
from ui.text_source import parse_link_text, text_area_with_upload
from ui.token_ids import known_ids, parse_token_ids
from ui.url_state import PageState, Param, format_flag, parse_flag
from ui.views import show_counts, show_notes, show_share_link, show_token_view

MODES = {"encode": "Text → tokens", "decode": "Ids → text", "chat": "Chat"}


def parse_mode(raw: str) -> str:
    """`encode`, `decode` or `chat`."""
    if raw not in MODES:
        raise ValueError(f"{raw[:30]!r} is not a mode (use encode, decode or chat).")
    return raw


state = PageState(
    "tokenize",
    "",
    [
        Param("text", sample_text, parse_link_text, shared="text", default_label="the sample text"),
        Param("encoding", "cl100k_base", canonical_name, shared="encoding", default_label="GPT-4 (cl100k_base)"),
        Param("special", True, parse_flag, format_flag),
        Param("mode", "encode", parse_mode),
        Param("ids", ""),
        Param("chat", default_messages, parse_chat, format_chat, default_label="the example conversation"),
        Param("chat_format", "im_sep", parse_chat_format, default_label="the GPT-4 format"),
        Param("price", 0.0, parse_price, format_price, shared="price", default_label="no price"),
    ],
)

st.title("Tokenize")
st.caption(
    "Paste a text and see the tokens a GPT tokenizer cuts it into: each colored piece is one token. "
    "Hover a token for its id, its bytes and GPT-2's printable form; hover an id to find its token."
)
show_notes(state.restore())
chat_from_link = "chat" in state.from_link

with errors_as_messages("tokenizing the text"):
    picker_column, mode_column, price_column = st.columns([3, 2, 1])
    with picker_column:
        choice = encoding_picker(state.key("encoding"))
    with mode_column:
        mode = st.segmented_control("Mode", list(MODES), key=state.key("mode"), format_func=MODES.get, required=True)
    with price_column:
        price = price_input(state.key("price"))
    allow_special = st.toggle(
        "Allow special tokens",
        key=state.key("special"),
        help="On: text such as <|endoftext|> becomes its special token, one id, as in a model's prompt "
        "template. Off: it is ordinary text, cut like any other, which is how applications treat text "
        "typed by users (so nobody can end a document early by typing it). In Chat mode, message "
        "text is always ordinary text.",
        disabled=mode == "chat",
    )

    if mode == "encode":
        text = text_area_with_upload(state, label="Text to tokenize")
        if not text:
            st.info("The text is empty: type or paste something above, or upload a file.")
        else:
            # Shown only if it takes over half a second (a long text that is one huge chunk, say).
            with st.spinner(f"Tokenizing {len(text):,} characters...", show_time=True):
                ids = cached.encode(choice, text, allow_special)
            show_counts(text, len(ids))
            show_cost(len(ids), price)
            start, end = page_picker(len(ids), "tokenize.page")
            show_token_view(choice, ids[start:end], first_index=start)
            # Expanders that draw their content only while open: a code block of 2,000 ids made
            # opening the page about 0.05 s slower in the browser.
            with st.expander(f"Copy the ids ({len(ids[start:end]):,})", key="tokenize.copy_ids", on_change="rerun") as copy:
                if copy.open:
                    st.code(json.dumps(ids[start:end]), language=None, wrap_lines=True)
    elif mode == "chat":
        st.caption(
            "A conversation as a chat model reads it (ChatML): each message is "
            "`<|im_start|>role<|im_sep|>text<|im_end|>`, and the prompt ends with "
            "`<|im_start|>assistant<|im_sep|>`, where the reply begins (GPT-3.5-turbo's format puts a newline "
            "in place of `<|im_sep|>` and between messages). The markers are special tokens "
            "(drawn dark); message text is always ordinary text, so typing `<|im_end|>` cannot end a message."
        )
        chat_format = chat_format_picker(state.key("chat_format"))
        messages = chat_editor(state.key("chat"), from_link=chat_from_link)
        try:
            chat = chat_choice(choice)
        except ValueError as exc:
            st.info(f"{markdown_text(str(exc))} Pick GPT-4 or GPT-4o above.", icon=":material/chat_error:")
        else:
            prompt = render(chat, messages, chat_format)
            show_counts(prompt.text, len(prompt.ids))
            show_cost(len(prompt.ids), price)
            start, end = page_picker(len(prompt.ids), "tokenize.chat_page")
            show_token_view(chat, prompt.ids[start:end], first_index=start)
            st.caption(f"Tokens per message, with {chat.label}:")
            st.dataframe(message_counts_table(prompt, messages), hide_index=True)
            with st.expander(
                f"The prompt as text and ids ({len(prompt.ids):,} tokens)", key="tokenize.chat_prompt", on_change="rerun"
            ) as prompt_text:
                if prompt_text.open:
                    st.code(prompt.text, language=None, wrap_lines=True)
                    st.code(json.dumps(prompt.ids[start:end]), language=None, wrap_lines=True)
    else:
        ids_text = st.text_area(
            "Token ids",
            key=state.key("ids"),
            height=140,
            placeholder="15339, 1917  or  [15339, 1917]",
            help="Separated by spaces or commas, or a JSON list.",
        )
        if ids_text.strip():
            try:
                ids = parse_token_ids(ids_text)
            except ValueError as exc:
                st.error(markdown_text(str(exc)))
            else:
                good, problems, n_unknown = known_ids(choice.encoding, ids)
                if n_unknown:
                    more = f" (and {n_unknown - len(problems):,} more)" if n_unknown > len(problems) else ""
                    st.warning(
                        f"{n_unknown:,} of {len(ids):,} ids are not tokens of {choice.label} and were skipped{more}:\n\n"
                        + "\n".join(f"- {problem}" for problem in problems)
                    )
                if good:
                    decoded = choice.encoding.decode(good)
                    show_counts(decoded, len(good))
                    show_cost(len(good), price)
                    start, end = page_picker(len(good), "tokenize.decode_page")
                    show_token_view(choice, good[start:end], first_index=start)
                    st.caption("The decoded text (bytes that are not UTF-8 on their own show as �):")
                    st.code(decoded, language=None, wrap_lines=True)
        else:
            st.info("Paste token ids above to decode them.")

    link, link_notes = state.publish()
    show_share_link(link, link_notes)
