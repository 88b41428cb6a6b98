"""The Tokenize page, through Streamlit's AppTest: defaults, inputs, share links, bad input."""

import html
import json
import re

import pytest

import tokenizer
from ui.samples import sample_text
from ui.token_view import PAGE_SIZE


def metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_opens_on_the_sample_text_with_gpt4(app, token_views):
    app.run()
    expected = tokenizer.get_encoding("cl100k_base").encode(sample_text(), allowed_special="all")
    assert not app.exception
    assert token_views(app) == [("cl100k_base", expected)]


def test_sample_shows_a_special_token_drawn_as_special(app):
    app.run()
    assert 'class="tok c' in app.html[0].value
    assert 'special" data-token-id="100257"' in app.html[0].value


def test_counts_cover_the_whole_text(app):
    app.run()
    text = sample_text()
    n_tokens = len(tokenizer.get_encoding("cl100k_base").encode(text, allowed_special="all"))
    assert metrics(app) == {
        "Tokens": f"{n_tokens:,}",
        "Characters": f"{len(text):,}",
        "Bytes (UTF-8)": f"{len(text.encode()):,}",
        "Characters per token": f"{len(text) / n_tokens:.2f}",
    }


@pytest.mark.parametrize(
    "alias, name",
    [("gpt2", "r50k_base"), ("GPT4", "cl100k_base"), ("gpt4o", "o200k_base"), ("r50k_base", "r50k_base"), ("O200K_BASE", "o200k_base")],
)
def test_share_link_reproduces_the_view(app, token_views, alias, name):
    text = "Hello world!!!   def f(x):\n        return 12345"
    app.query_params["text"] = text
    app.query_params["encoding"] = alias
    app.run()
    assert token_views(app) == [(name, tokenizer.get_encoding(name).encode(text))]


def test_page_writes_its_state_into_the_url(app):
    app.run()
    app.text_area(key="tokenize.text").input("some text").run()
    app.segmented_control(key="tokenize.encoding").set_value("o200k_base").run()
    assert app.query_params == {"text": "some text", "encoding": "o200k_base"}


def test_changing_the_text_retokenizes(app, token_views):
    app.run()
    app.text_area(key="tokenize.text").input("The quick brown fox").run()
    assert token_views(app) == [("cl100k_base", tokenizer.get_encoding("cl100k_base").encode("The quick brown fox"))]


def test_changing_the_encoding_retokenizes(app, token_views):
    app.run()
    app.segmented_control(key="tokenize.encoding").set_value("r50k_base").run()
    expected = tokenizer.get_encoding("r50k_base").encode(sample_text(), allowed_special="all")
    assert token_views(app) == [("r50k_base", expected)]


def test_special_tokens_off_encodes_them_as_ordinary_text(app, token_views):
    app.query_params["text"] = "a<|endoftext|>b"
    app.run()
    app.toggle(key="tokenize.special").set_value(False).run()
    assert token_views(app) == [("cl100k_base", tokenizer.get_encoding("cl100k_base").encode_ordinary("a<|endoftext|>b"))]


def test_unknown_encoding_falls_back_to_gpt4_with_a_note(app, token_views):
    app.query_params["text"] = "hello"
    app.query_params["encoding"] = "gpt5"
    app.run()
    assert not app.exception
    assert token_views(app) == [("cl100k_base", tokenizer.get_encoding("cl100k_base").encode("hello"))]
    assert "Unknown encoding 'gpt5'" in app.warning[0].value


def test_empty_text_in_link_falls_back_to_the_sample_with_a_note(app, token_views):
    app.query_params["text"] = ""
    app.run()
    assert token_views(app)[0][1] == tokenizer.get_encoding("cl100k_base").encode(sample_text(), allowed_special="all")
    assert "The text is empty" in app.warning[0].value


def test_emptied_text_area_shows_a_hint_and_no_view(app, token_views):
    app.run()
    app.text_area(key="tokenize.text").input("").run()
    assert token_views(app) == []
    assert "The text is empty" in app.info[0].value


@pytest.mark.parametrize("encoding", ["gpt2", "gpt4", "gpt4o"])
def test_whitespace_only_lines_inside_a_token_are_drawn_whole(app, encoding):
    # GPT-4's "\n    \n" is one token; Streamlit dedents a plain string given to st.html, which
    # emptied that line.
    text = "def f():\n    x = 1\n    \n    return x\n\t\n"
    app.query_params.update(text=text, encoding=encoding)
    app.run()
    view = app.html[0].value
    tokens_html = view[view.index('<div class="toks">') + len('<div class="toks">') : view.index('</div><div class="ids">')]
    assert html.unescape(re.sub(r"<span[^>]*>|</span>", "", tokens_html)) == text


def test_html_in_the_text_is_escaped(app, token_views):
    text = "<img src=x onerror=alert(1)> <script>alert(1)</script>"
    app.query_params["text"] = text
    app.run()
    view = app.html[0].value
    tokens_html = view[view.index('<div class="toks">') + len('<div class="toks">') : view.index('</div><div class="ids">')]
    assert "<img" not in view and "<script" not in view
    assert html.unescape(re.sub(r"<span[^>]*>|</span>", "", tokens_html)) == text
    assert token_views(app) == [("cl100k_base", tokenizer.get_encoding("cl100k_base").encode(text))]


def test_long_text_is_paged_and_counted_whole(app, token_views):
    text = "token " * 5000
    app.query_params["text"] = text
    app.run()
    ids = tokenizer.get_encoding("cl100k_base").encode(text)
    assert token_views(app) == [("cl100k_base", ids[:PAGE_SIZE])]
    assert metrics(app)["Tokens"] == f"{len(ids):,}"
    app.number_input(key="tokenize.page").set_value(2).run()
    assert token_views(app) == [("cl100k_base", ids[PAGE_SIZE : 2 * PAGE_SIZE])]


def test_long_text_is_left_out_of_the_link_with_a_note(app):
    app.run()
    app.text_area(key="tokenize.text").input("x" * 5000).run()
    assert "text" not in app.query_params
    assert any("links carry texts of up to 4,000 characters" in caption.value for caption in app.caption)


def test_ids_are_offered_for_copying(app):
    app.query_params["text"] = "hello world"
    app.run()
    assert len(app.code) == 1  # only the share link: the ids wait until their expander is opened
    app.session_state["tokenize.copy_ids"] = True
    app.run()
    assert app.code[0].value == json.dumps(tokenizer.get_encoding("cl100k_base").encode("hello world"))


def test_share_link_is_shown(app):
    app.query_params["text"] = "hi"
    app.query_params["encoding"] = "gpt2"
    app.run()
    assert app.code[-1].value.endswith("/?text=hi&encoding=r50k_base")


# ------------------------------------------------------------------ decode mode


def decode(app, ids_text: str, encoding: str = "gpt4"):
    app.query_params["mode"] = "decode"
    app.query_params["encoding"] = encoding
    app.query_params["ids"] = ids_text
    app.run()
    return app


def test_decode_mode_turns_ids_into_text(app, token_views):
    decode(app, "15339 1917")
    assert app.code[0].value == "hello world"
    assert token_views(app) == [("cl100k_base", [15339, 1917])]


def test_decode_mode_reads_a_json_list(app):
    decode(app, "[31373, 995]", encoding="gpt2")
    assert app.code[0].value == "hello world"


def test_decode_mode_reports_a_non_number(app):
    decode(app, "15339, world, 1917")
    assert not app.exception
    assert app.error[0].value == "Item 2, 'world', is not a whole number."


@pytest.mark.parametrize(
    "bad_id, message",
    [
        ("100256", "Token id 100256 is not used by cl100k_base"),
        ("999999", "Token id 999999 is out of range for cl100k_base"),
        ("-5", "Token id -5 is out of range for cl100k_base"),
    ],
)
def test_decode_mode_reports_unknown_ids_and_decodes_the_rest(app, bad_id, message):
    decode(app, f"15339 {bad_id} 1917")
    assert not app.exception
    assert message in app.warning[0].value
    assert app.code[0].value == "hello world"


def test_decode_mode_refuses_a_huge_list(app):
    decode(app, " ".join(["1"] * 100_001))
    assert app.error[0].value == "100,001 ids is too many: at most 100,000 can be decoded at once."


def test_decode_mode_reports_invalid_json(app):
    decode(app, "[1, 2,")
    assert app.error[0].value.startswith("This looks like a JSON list but is not valid JSON")


# ------------------------------------------------------------------ uploads


def test_uploaded_text_file_replaces_the_text(app, token_views):
    app.run()
    app.file_uploader(key="tokenize.text.upload").upload("notes.txt", "uploaded text".encode(), "text/plain").run()
    assert app.text_area(key="tokenize.text").value == "uploaded text"
    assert token_views(app) == [("cl100k_base", tokenizer.get_encoding("cl100k_base").encode("uploaded text"))]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "'empty.txt' is empty: there is no text to use."),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "'empty.txt' looks like a binary file (it contains NUL bytes): upload a plain-text file."),
        (b"caf\xe9", "'empty.txt' is not UTF-8 text (byte 0xe9 at position 3 is not valid): save it as UTF-8 and upload it again."),
    ],
)
def test_unusable_upload_is_reported_and_the_text_kept(app, content, message):
    app.run()
    app.file_uploader(key="tokenize.text.upload").upload("empty.txt", content, "text/plain").run()
    assert app.error[0].value == message
    assert app.text_area(key="tokenize.text").value == sample_text()


def test_settings_survive_a_visit_to_another_page(app):
    app.run()
    app.segmented_control(key="tokenize.mode").set_value("decode").run()
    app.toggle(key="tokenize.special").set_value(False).run()
    app.text_area(key="tokenize.ids").input("15339 1917").run()
    app.switch_page("app_pages/vocabulary.py").run()
    app.switch_page("app_pages/tokenize.py").run()
    assert not app.exception
    assert app.segmented_control(key="tokenize.mode").value == "decode"
    assert app.toggle(key="tokenize.special").value is False
    assert app.text_area(key="tokenize.ids").value == "15339 1917"
