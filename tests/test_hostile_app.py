"""Input meant to break the finished pages (Tokenize, Compare), through Streamlit's AppTest.

Share links of absurd length, unknown parameters, HTML, script and Markdown in every
parameter, ids that are not token ids, and unusable uploads: each page runs without an
exception, says what was wrong in words, shows user text only escaped, and keeps the text.
"""

from __future__ import annotations

import html
import re

import pytest

import tokenizer
from tests.app_pages import drawn_markup
from ui.samples import sample_text
from ui.token_view import PAGE_SIZE
from ui.uploads import MAX_UPLOAD_BYTES, read_text_file

PAGES = {"tokenize": "app_pages/tokenize.py", "compare": "app_pages/compare.py"}

# Each would do something if a page drew it as HTML or Markdown.
PAYLOADS = [
    "<script>window.pwned=1</script>",
    '<img src=x onerror="window.pwned=1">',
    '"><svg onload=alert(1)>',
    "![pixel](http://127.0.0.1:9/pixel.png)",
    "[click](javascript:alert(1))",
    "**bold** _it_ `code` $x^2$ :red[red]",
    "<style>*{display:none}</style>",
    "<form action=http://127.0.0.1:9><input name=x></form>",
]

# Parameters each page reads from its link.
PAGE_PARAMS = {"tokenize": ["text", "encoding", "special", "mode", "ids"], "compare": ["text", "encodings", "special"]}


def open_page(app, page: str, **query: str):
    """Run `app` on `page` with `query` as the link's parameters."""
    if page != "tokenize":
        app.run()
        app.switch_page(PAGES[page])
    for name, value in query.items():
        app.query_params[name] = value
    app.run()
    return app


def markdown_messages(at) -> list[str]:
    """The Markdown source of every message a run drew (notes, errors, captions, text)."""
    kinds = ("warning", "error", "info", "success", "caption", "markdown")
    return [element.value for kind in kinds for element in getattr(at, kind)]


def unescaped_markup(source: str) -> list[str]:
    """Markdown or HTML openings in `source` that are not escaped: `<`, `[` (links, images)."""
    return re.findall(r"(?<!\\)[<\[]", source)


def drawn_views(at) -> list[str]:
    """The HTML of every token and chunk view a run drew with `st.html` (not the app's styles),
    without the labels drawn with chunk views."""
    views = [re.sub(r'<div class="view-label">.*?</div>', "", drawn_markup(element.value)) for element in at.html]
    return [view for view in views if view.startswith('<div class="tv')]


def view_texts(at) -> list[str]:
    """The text of each token and chunk view, without the ids listed under the tokens."""
    texts = []
    for view in drawn_views(at):
        tokens = re.sub(r'<div class="ids">.*?</div>', "", view)
        texts.append(html.unescape(re.sub(r"<[^>]*>", "", tokens)))
    return texts


# ---------------------------------------------------------------------- share links


@pytest.mark.parametrize("page", PAGES)
def test_a_hundred_kilobyte_text_in_the_link_is_tokenized_whole(app, token_views, page):
    text = ("Tokens for everyone: 안녕 👋 1234567. " * 3000)[:100_000]
    open_page(app, page, text=text)
    assert not app.exception
    expected = tokenizer.get_encoding("cl100k_base").encode(text)
    drawn = dict(token_views(app))
    assert drawn["cl100k_base"] == expected[:PAGE_SIZE]
    # The link cannot carry the text back: the share link says so.
    assert any("links carry texts of up to 4,000 characters" in caption.value for caption in app.caption)
    assert "text" not in app.query_params


@pytest.mark.parametrize("page, param", [("tokenize", "encoding"), ("compare", "encodings")])
def test_a_ten_thousand_character_encoding_falls_back_with_a_short_note(app, token_views, page, param):
    open_page(app, page, text="hello", **{param: "x" * 10_000})
    assert not app.exception
    assert "Unknown encoding 'xxxx" in app.warning[0].value
    assert len(app.warning[0].value) < 600
    assert "cl100k_base" in dict(token_views(app))


@pytest.mark.parametrize("page", PAGES)
def test_unknown_parameters_are_ignored_and_dropped_from_the_link(app, token_views, page):
    open_page(app, page, text="hello", foo="bar", step="99", utm_source="<b>x</b>", encodings_typo="gpt2")
    assert not app.exception
    assert not app.warning
    assert "cl100k_base" in dict(token_views(app))
    assert set(app.query_params) == {"text"}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_and_markdown_in_every_parameter_is_shown_only_escaped(app, page, payload):
    open_page(app, page, **{param: payload for param in PAGE_PARAMS[page]})
    assert not app.exception
    assert drawn_views(app)
    for view in drawn_views(app):
        assert not re.search(r"<(script|img|svg|style|form|input)\b", view), view[:200]
    for source in markdown_messages(app):
        assert unescaped_markup(source) == [], source
    assert app.warning, "the bad values are reported"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_in_the_text_is_drawn_as_the_text_itself(app, page, payload):
    open_page(app, page, text=payload)
    if page == "compare":  # its chunks are drawn on request
        app.toggle(key="compare.show_chunks").set_value(True).run()
    assert not app.exception
    # Tokens, and on Compare the chunks too, spell the text exactly.
    texts = view_texts(app)
    assert len(texts) == (4 if page == "compare" else 1) and all(text == payload for text in texts)


def test_a_link_that_breaks_markdown_in_a_note_is_escaped(app):
    open_page(app, "tokenize", encoding="![pixel](http://127.0.0.1:9/pixel.png)", special="**yes**")
    notes = [warning.value for warning in app.warning]
    assert any(r"Unknown encoding '!\[pixel\](http://127.0.0.1:9/pixel.png)'" in note for note in notes)
    assert any(r"'\*\*yes\*\*' is not a yes/no value" in note for note in notes)


# ---------------------------------------------------------------------- ids to decode


def decode(app, ids_text: str):
    return open_page(app, "tokenize", mode="decode", ids=ids_text)


@pytest.mark.parametrize(
    "ids_text, message",
    [
        ("15339 -1 1917", "item 2: Token id -1 is out of range for cl100k_base: ids go from 0 to 100276."),
        ("15339 99999999999999999999 1917", "item 2: Token id 99999999999999999999 is out of range"),
        ("15339 100256 1917", "item 2: Token id 100256 is not used by cl100k_base: no token has this id."),
        ("[15339, -7, 1917]", "item 2: Token id -7 is out of range"),
    ],
)
def test_ids_that_are_not_tokens_are_skipped_with_a_warning(app, ids_text, message):
    decode(app, ids_text)
    assert not app.exception
    assert message in app.warning[0].value
    assert app.code[0].value == "hello world"


@pytest.mark.parametrize(
    "ids_text, message",
    [
        ("15339 hello", "Item 2, 'hello', is not a whole number."),
        ("15339 1.5", "Item 2, '1.5', is not a whole number."),
        ("0x10", "Item 1, '0x10', is not a whole number."),
        ("1 " + "9" * 40, f"Item 2, '{'9' * 40}', is not a whole number."),
        ("[1e400]", "Item 1 of the list, Infinity, is not a whole number."),
        ("[NaN]", "Item 1 of the list, NaN, is not a whole number."),
        ("[[1]]", r"Item 1 of the list, \[1\], is not a whole number."),
        ("[1" + "0" * 4000 + "]", "Item 1 of the list, 1000000000000000000000000000000000000000..., is too large to be a token id."),
        ("[" * 100_000, "This looks like a JSON list but is not a flat list of numbers."),
        ('{"ids": [1]}', "Item 1, '{\"ids\":', is not a whole number."),
        ("<script>alert(1)</script>", r"Item 1, '\<script\>alert(1)\</script\>', is not a whole number."),
    ],
)
def test_ids_that_are_not_numbers_are_refused_with_a_message(app, ids_text, message):
    decode(app, ids_text)
    assert not app.exception
    assert app.error[0].value == message
    assert app.text_area(key="tokenize.ids").value == ids_text


def test_a_megabyte_list_of_pasted_ids_is_refused_with_a_message(app):
    ids_text = ", ".join(["15339"] * 150_000)
    assert len(ids_text) > 1_000_000
    decode(app, "15339")
    app.text_area(key="tokenize.ids").input(ids_text).run()
    assert not app.exception
    assert app.error[0].value == "150,000 ids is too many: at most 100,000 can be decoded at once."
    assert app.text_area(key="tokenize.ids").value == ids_text


@pytest.mark.parametrize("page", PAGES)
def test_a_link_over_streamlits_query_limit_opens_the_page_on_its_defaults(app, token_views, page):
    # Streamlit drops a query string over 512 Ki characters before the page runs (and logs it).
    open_page(app, page, text="x" * 600_000)
    assert not app.exception
    expected = tokenizer.get_encoding("cl100k_base").encode(sample_text(), allowed_special="all")
    assert dict(token_views(app))["cl100k_base"] == expected[:PAGE_SIZE]


def test_ids_cutting_a_character_decode_to_the_replacement_character(app, token_views):
    ids = tokenizer.get_encoding("cl100k_base").encode("😀")
    decode(app, str(ids[0]))
    assert not app.exception
    assert app.code[0].value == "\ufffd"
    assert token_views(app) == [("cl100k_base", ids[:1])]
    assert "partial" in app.html[0].value


# ---------------------------------------------------------------------- uploads


def upload(app, page: str, name: str, data: bytes):
    open_page(app, page)
    key = f"{page}.text.upload"
    app.file_uploader(key=key).upload(name, data, "text/plain").run()
    return app


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "'bad.txt' is empty: there is no text to use."),
        (bytes(range(256)), "'bad.txt' looks like a binary file (it contains NUL bytes): upload a plain-text file."),
        ("héllo".encode("utf-16"), "'bad.txt' looks like a binary file (it contains NUL bytes): upload a plain-text file."),
        (b"ok \xff\xfe", "'bad.txt' is not UTF-8 text (byte 0xff at position 3 is not valid): save it as UTF-8 and upload it again."),
        ("😀".encode()[:3], "'bad.txt' is not UTF-8 text (byte 0xf0 at position 0 is not valid): save it as UTF-8 and upload it again."),
        (b"a" * (MAX_UPLOAD_BYTES + 1), "'bad.txt' is 10.5 MB; the limit is 10 MB."),
    ],
    ids=["empty", "binary", "utf16", "invalid_utf8", "cut_character", "over_the_limit"],
)
def test_unusable_upload_is_reported_and_the_text_kept(app, page, data, message):
    upload(app, page, "bad.txt", data)
    assert not app.exception
    assert app.error[0].value == message
    assert app.text_area(key=f"{page}.text").value == sample_text()


def test_upload_with_a_markdown_file_name_is_named_escaped(app):
    upload(app, "tokenize", "![x](http://127.0.0.1:9/p.png).txt", b"uploaded")
    assert not app.exception
    assert app.text_area(key="tokenize.text").value == "uploaded"
    assert any(r"Loaded '!\[x\](http://127.0.0.1:9/p.png).txt'" in caption.value for caption in app.caption)


def test_upload_over_the_limit_is_refused_by_size_before_reading():
    with pytest.raises(ValueError, match=r"^'big.txt' is 10.5 MB; the limit is 10 MB.$"):
        read_text_file(b"\xff" * (MAX_UPLOAD_BYTES + 1), "'big.txt'")


# ---------------------------------------------------------------------- huge texts


def test_a_ten_megabyte_paste_is_counted_whole_and_drawn_page_by_page(app, token_views):
    text = ("hello world " * 900_000)[:10_000_000]
    open_page(app, "tokenize")
    app.text_area(key="tokenize.text").input(text).run()
    assert not app.exception
    ids = tokenizer.get_encoding("cl100k_base").encode(text)
    assert token_views(app) == [("cl100k_base", ids[:PAGE_SIZE])]
    assert {metric.label: metric.value for metric in app.metric}["Tokens"] == f"{len(ids):,}"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "text",
    [
        "\ufffd replaced \ufffd surrogates",
        "nul \x00 and \x1b[31m controls \x7f",
        "Z" + "\u0301\u0310\u0334\u0353" * 40 + "algo",
        "abc \u202eevil\u202c مرحبا שלום",
        "7" * 100_000,
        "<|endoftext|> special <|fim_prefix|>",
    ],
    # A link cannot carry a lone surrogate: its bytes are not UTF-8 and arrive as U+FFFD.
    ids=["replaced_surrogates", "controls", "zalgo", "bidi", "digits", "special"],
)
def test_odd_texts_in_a_link_draw_the_engines_tokens(app, token_views, page, text):
    open_page(app, page, text=text)
    assert not app.exception
    expected = tokenizer.get_encoding("cl100k_base").encode(text, allowed_special="all")
    assert dict(token_views(app))["cl100k_base"] == expected[:PAGE_SIZE]
