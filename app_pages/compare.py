"""Compare: two or more encodings cut the same text side by side, with where they differ and why."""

import streamlit as st

from ui.compare_view import (
    DEFAULT_ENCODINGS,
    column_rows,
    differing_positions,
    encode_all,
    format_encoding_names,
    parse_encoding_names,
    show_encoding_column,
    show_statistics,
    show_totals,
    short_label,
)
from ui.cost import format_price, parse_price, price_input, show_costs
from ui.encoding_choice import encodings_picker
from ui.errors import errors_as_messages
from ui.markdown import markdown_text
from ui.samples import COMPARE_PRESETS, sample_text
from ui.text_source import parse_link_text, text_area_with_upload
from ui.url_state import PageState, Param, format_flag, parse_flag
from ui.views import show_notes, show_share_link

# Names in the link that mean no encoding: noted, and the others are used (filled in by parsing).
left_out_of_link: list[str] = []


def parse_encodings(raw: str) -> list[str]:
    """The canonical names a link's `encodings` lists; ValueError if it lists no known one."""
    names, problems = parse_encoding_names(raw)
    if not names:
        raise ValueError(" ".join(problems) or "It names no encoding.")
    left_out_of_link.extend(
        f"The link's `encodings` names an encoding that was left out: {markdown_text(problem)}" for problem in problems
    )
    return names


state = PageState(
    "compare",
    "compare",
    [
        Param("text", sample_text, parse_link_text, shared="text", default_label="the sample text"),
        Param(
            "encodings",
            lambda: list(DEFAULT_ENCODINGS),
            parse_encodings,
            format_encoding_names,
            default_label="GPT-2 and GPT-4",
        ),
        Param("special", True, parse_flag, format_flag),
        Param("price", 0.0, parse_price, format_price, shared="price", default_label="no price"),
    ],
)

st.title("Compare")
st.caption(
    "The same text cut by several tokenizers side by side: their pre-tokenization chunks, their tokens "
    "and the places where they cut differently (underlined in red). Add GPT-4o, or a tokenizer you trained."
)
show_notes(state.restore() + left_out_of_link)

with errors_as_messages("comparing the encodings"):
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.caption("Try:", width="content")
        for index, (name, preset) in enumerate(COMPARE_PRESETS.items()):
            st.button(name, key=f"compare.preset.{index}", on_click=state.set, args=("text", preset), type="tertiary")
    text = text_area_with_upload(state, label="Text to compare", height=160)
    choices = encodings_picker(state.key("encodings"), default=DEFAULT_ENCODINGS)
    with st.container(horizontal=True, gap="medium"):
        allow_special = st.toggle(
            "Allow special tokens",
            key=state.key("special"),
            help="On: text such as <|endoftext|> becomes its special token. Off: it is cut as ordinary text.",
        )
        show_chunks = st.toggle(
            "Show pre-tokenization chunks",
            value=True,
            key="compare.show_chunks",
            help="Draw, above each column's tokens, the pieces its split pattern cuts the text into: BPE never merges across them.",
        )
        show_ids = st.toggle("Show token ids", key="compare.show_ids", help="List each view's token ids under its tokens.")
        price = price_input(state.key("price"), width=220)

    if not text:
        st.info("The text is empty: type or paste something above, pick a preset, or upload a file.")
    elif not choices:
        st.info("Pick at least one encoding above to see its tokens.")
    else:
        all_ids = encode_all(choices, text, allow_special)
        differing = differing_positions(choices, text, allow_special)
        show_totals(choices, [len(ids) for ids in all_ids])
        show_costs([short_label(choice) for choice in choices], [len(ids) for ids in all_ids], price)
        position = 0
        for size in column_rows(len(choices)):
            for column, index in zip(st.columns(size, border=True), range(position, position + size)):
                with column:
                    show_encoding_column(
                        choices[index], text, all_ids[index], differing[index], show_chunks=show_chunks, show_ids=show_ids
                    )
            position += size
        show_statistics(choices, [len(ids) for ids in all_ids], text, allow_special)

    link, link_notes = state.publish()
    show_share_link(link, link_notes)
