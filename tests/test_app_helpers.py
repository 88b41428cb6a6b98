"""The app's pure helpers in `ui/`: token HTML, id parsing, uploads, paging, URL values."""

import re
from html.parser import HTMLParser

import pytest

from tests.app_pages import drawn_markup

from ui.pagination import page_bounds
from ui.token_ids import parse_token_ids
from ui.token_view import (
    LINK_BLOCK,
    N_COLORS,
    PAGE_SIZE,
    DisplayOptions,
    chunk_view_html,
    inserted_by_script,
    link_css,
    token_label_html,
    token_spans_html,
    token_tooltip,
    token_view_html,
    visible_text_html,
)
from ui.uploads import MAX_UPLOAD_BYTES, read_text_file
from ui.url_state import parse_flag, parse_int_in_range

# ------------------------------------------------------------------ token HTML


def test_visible_text_escapes_html():
    assert visible_text_html('<script>alert("x")</script>') == '&lt;script&gt;alert("x")&lt;/script&gt;'


def test_visible_text_draws_whitespace_as_glyphs_when_asked():
    assert visible_text_html("a b\n\tc", show_whitespace=True) == (
        'a<span class="ws">·</span>b<span class="ws">↵</span>\n<span class="ws">→</span>\tc'
    )


def test_visible_text_keeps_whitespace_when_not_asked():
    assert visible_text_html("a b\n\tc") == "a b\n\tc"


def test_control_characters_are_drawn_as_their_pictures():
    assert visible_text_html("\x00\x1b") == '<span class="ws">␀</span><span class="ws">␛</span>'


def test_partial_utf8_token_is_drawn_as_hex():
    assert token_label_html("€".encode()[:2]) == ("e2 82", True)


def test_whole_character_token_is_drawn_as_text():
    assert token_label_html("€".encode()) == ("€", False)


def test_tooltip_gives_id_bytes_hex_and_gpt2_form():
    assert token_tooltip(1917, b" world") == "id 1917 · 6 bytes\nb' world'  [20 77 6f 72 6c 64]\nGPT-2 form: Ġworld"


def test_tooltip_of_a_special_token_names_it():
    assert token_tooltip(100257, b"<|endoftext|>", special=True) == "id 100257 · special token <|endoftext|>"


def test_token_spans_carry_ids_and_escape_the_tooltip():
    spans = token_spans_html([b"<b>"], [27], first_index=0)
    assert spans == (
        '<span class="blk0"><span class="tok c0 k0" data-token-id="27" '
        'title="id 27 · 3 bytes\nb&#x27;&lt;b&gt;&#x27;  [3c 62 3e]\nGPT-2 form: &lt;b&gt;">&lt;b&gt;</span></span>'
    )


def hover_keys(markup: str, item_class: str) -> list[tuple[str, str]]:
    """`(block class, place class)` of every `<span class="<item_class> ...">` in `markup`."""
    keys, blocks = [], []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            classes = dict(attrs).get("class", "").split()
            blocks.append(next((name for name in classes if name.startswith("blk")), None) or (blocks[-1] if blocks else None))
            if item_class in classes:
                keys.append((blocks[-1], next(name for name in classes if re.fullmatch(r"k\d+", name))))

        def handle_endtag(self, tag):
            if blocks:
                blocks.pop()

    Reader().feed(markup)
    return keys


def test_a_token_and_its_id_share_their_hover_block_and_place():
    ids = list(range(100, 200))
    tokens_html, ids_list_html = token_view_html("cl100k_base", [b"a"] * len(ids), ids).split('<div class="ids">')
    expected = [(f"blk{i // LINK_BLOCK}", f"k{i % LINK_BLOCK}") for i in range(len(ids))]
    assert hover_keys(tokens_html, "tok") == expected
    assert hover_keys(ids_list_html, "id") == expected


def test_link_css_lights_every_position_of_a_page():
    css = link_css()
    for position in (0, 41, PAGE_SIZE - 1):
        block, place = divmod(position, LINK_BLOCK)
        assert f".tv.linked:has(.blk{block}:hover):has(.k{place}:hover) .blk{block}>.k{place}" in css


def test_neighbouring_tokens_never_share_a_color():
    spans = token_spans_html([b"a"] * 20, list(range(20)), first_index=5)
    colors = [int(color) for color in re.findall(r'class="tok c(\d+) ', spans)]
    assert colors == [(5 + i) % N_COLORS for i in range(20)]
    assert all(left != right for left, right in zip(colors, colors[1:]))


def test_special_and_partial_tokens_get_their_classes():
    spans = token_spans_html([b"<|endoftext|>", b"\xf0\x9f"], [100257, 9468], special_ids=[100257])
    assert 'class="tok c0 k0 special"' in spans and ">&lt;|endoftext|&gt;</span>" in spans
    assert 'class="tok c1 k1 partial"' in spans and ">f0 9f</span>" in spans


def test_token_view_holds_its_encoding_name_and_ids_list():
    view = token_view_html("cl100k_base", [b"hi"], [6151], options=DisplayOptions(dark=True, large=True))
    assert view.startswith('<div class="tv dark large linked" data-encoding="cl100k_base" data-first-index="0">')
    assert '<div class="ids"><span class="blk0"><span class="id k0">6151</span></span></div>' in view


def test_chunk_view_escapes_the_chunks():
    assert '<span class="chunk a">&lt;i&gt;</span>' in chunk_view_html(["<i>"])


@pytest.mark.parametrize(
    "chunks",
    [["<i>"], ["</script><script>alert(1)</script>"], ['"; alert(1); "', "\\", "<!--", "]]>", "\u2028\u2029", "é 😀 中"]],
)
def test_a_view_inserted_by_script_holds_its_markup_and_nothing_else(chunks):
    markup = chunk_view_html(chunks)
    body = inserted_by_script(markup)
    # One opening tag and one closing tag, ours: nothing in the string can end the script.
    assert re.findall(r"<[^>]*>", body) == ["<script>", "</script>"]
    assert drawn_markup(body) == markup


# ------------------------------------------------------------------ pasted ids


@pytest.mark.parametrize(
    "text, ids",
    [("1 2 3", [1, 2, 3]), ("1,2, 3", [1, 2, 3]), ("[1, 2, 3]", [1, 2, 3]), ("  7\n8;9 ", [7, 8, 9]), ("-1 +2", [-1, 2])],
)
def test_pasted_ids_are_read(text, ids):
    assert parse_token_ids(text) == ids


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "There are no ids: paste token ids separated by spaces or commas, or a JSON list."),
        ("1 2.5", "Item 2, '2.5', is not a whole number."),
        ("[1, true]", "Item 2 of the list, true, is not a whole number."),
        ('[1, "2"]', 'Item 2 of the list, "2", is not a whole number.'),
        ("[" * 100_000, "This looks like a JSON list but is not a flat list of numbers."),
        ("1 " + "9" * 40, f"Item 2, '{'9' * 40}', is not a whole number."),
    ],
)
def test_bad_pasted_ids_are_explained(text, message):
    with pytest.raises(ValueError) as error:
        parse_token_ids(text)
    assert str(error.value) == message


def test_too_many_pasted_ids_are_refused():
    with pytest.raises(ValueError, match="4 ids is too many: at most 3 can be decoded at once."):
        parse_token_ids("1 2 3 4", limit=3)


# ------------------------------------------------------------------ uploads


def test_upload_of_utf8_text_is_read():
    assert read_text_file("안녕 👋".encode()) == "안녕 👋"


def test_upload_over_the_limit_is_refused():
    with pytest.raises(ValueError, match="the limit is 10 MB"):
        read_text_file(b"a" * (MAX_UPLOAD_BYTES + 1), "big.txt")


# ------------------------------------------------------------------ paging and URL values


@pytest.mark.parametrize("page, bounds", [(1, (0, 2000)), (3, (4000, 4500)), (9, (4000, 4500)), (0, (0, 2000))])
def test_page_bounds_are_clamped_to_existing_pages(page, bounds):
    assert page_bounds(4500, page, 2000) == bounds


@pytest.mark.parametrize(
    "raw, message",
    [("abc", "'abc' is not a whole step."), ("-3", "Step -3 is out of range (from 0 up)."), ("9" * 20, f"'{'9' * 20}' is not a whole step.")],
)
def test_bad_numbers_in_links_are_explained(raw, message):
    with pytest.raises(ValueError) as error:
        parse_int_in_range(raw, 0, what="step")
    assert str(error.value) == message


@pytest.mark.parametrize("raw, value", [("1", True), ("true", True), ("0", False), ("OFF", False)])
def test_flags_in_links_are_read(raw, value):
    assert parse_flag(raw) is value
