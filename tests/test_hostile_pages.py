"""Input meant to break the Merges, Train, Vocabulary and Embeddings pages, through AppTest.

Share links of absurd length, unknown parameters, HTML, script and Markdown in every parameter;
Train's uploads and custom split patterns; Vocabulary's search and id; Embeddings' uploaded
tables and a tokenizer whose special token has an id near 10**12. Each page runs without an
exception, says what was wrong in words, and shows user text only escaped.
"""

from __future__ import annotations

import io
import json
import re
import struct

import numpy as np
import pytest

import tokenizer
from tests.app_pages import drawn_markup, open_page
from tests.test_hostile_app import PAYLOADS
from ui.merge_view import ALL_STEPS_KEY
from ui.samples import sample_corpus, sample_text
from ui.uploads import MAX_UPLOAD_BYTES

PAGES = {
    "merges": "app_pages/merges.py",
    "train": "app_pages/train.py",
    "vocabulary": "app_pages/vocabulary.py",
    "embeddings": "app_pages/embeddings.py",
}
# The parameters each page reads from its link.
PAGE_PARAMS = {
    "merges": ["text", "encoding", "step", "mode", "vocab_size"],
    "train": ["text", "vocab_size", "pattern", "regex", "special", "name", "train"],
    "vocabulary": ["encoding", "q", "id"],
    "embeddings": ["text", "encoding", "table", "corpus", "d", "seed", "steps", "smoothing", "k", "positions", "view"],
}
MESSAGE_KINDS = ("warning", "error", "info", "success", "caption", "markdown")
HTML_TAG = r"<(script|img|svg|style|form|input)\b"


def messages(at) -> list[str]:
    """The Markdown source of every message a run drew (notes, errors, captions, text)."""
    return [element.value for kind in MESSAGE_KINDS for element in getattr(at, kind)]


def html_elements(at) -> list[str]:
    """The HTML of every `st.html` element but the app's own style sheets."""
    return [drawn_markup(element.value) for element in at.html if not element.value.startswith("<style>")]


def assert_shown_only_escaped(at, value: str) -> None:
    """Neither `value` nor its first 20 characters appear raw in any HTML element, nor in any
    message unless escaped (a backslash before them): Markdown would render them, HTML run them."""
    for raw in {value, value[:20]}:
        for source in messages(at):
            at_index = source.find(raw)
            while at_index >= 0:
                assert source[at_index - 1 : at_index] == "\\", source[:300]
                at_index = source.find(raw, at_index + 1)
        for element in html_elements(at):
            assert raw not in element, element[:300]


def all_figures(at) -> str:
    """Every plotly figure the run drew, as JSON."""
    return "".join(chart.proto.spec for chart in at.get("plotly_chart"))


# ---------------------------------------------------------------------- share links


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_and_markdown_in_every_parameter_is_shown_only_escaped(app, page, payload):
    open_page(app, PAGES[page], **{param: payload for param in PAGE_PARAMS[page]})
    assert not app.exception
    assert app.warning, "the bad values are reported"
    assert_shown_only_escaped(app, payload)
    for element in html_elements(app):
        assert not re.search(HTML_TAG, element), element[:300]
    assert "<script" not in all_figures(app) and "<img" not in all_figures(app)


@pytest.mark.parametrize("page", PAGES)
def test_unknown_parameters_are_ignored_and_dropped_from_the_link(app, page):
    open_page(app, PAGES[page], foo="bar", utm_source="<b>x</b>", encodings_typo="gpt2")
    assert not app.exception
    assert not app.warning
    assert not {"foo", "utm_source", "encodings_typo"} & set(app.query_params)


LONG_VALUES = [
    ("merges", "encoding"), ("merges", "step"), ("merges", "mode"), ("merges", "vocab_size"),
    ("train", "vocab_size"), ("train", "pattern"), ("train", "regex"), ("train", "special"), ("train", "name"),
    ("vocabulary", "encoding"), ("vocabulary", "q"), ("vocabulary", "id"),
    ("embeddings", "encoding"), ("embeddings", "table"), ("embeddings", "d"), ("embeddings", "smoothing"), ("embeddings", "view"),
]  # fmt: skip


@pytest.mark.parametrize("page, param", LONG_VALUES)
def test_a_ten_thousand_character_value_gets_a_short_note_at_most(app, page, param):
    value = "9" * 10_000 if param in {"step", "vocab_size", "d", "id"} else "x" * 10_000
    open_page(app, PAGES[page], **{param: value})
    assert not app.exception
    assert all(len(message) < 1_000 for message in messages(app))
    assert all(value not in element for element in html_elements(app))


@pytest.mark.parametrize("page", ["merges", "train", "embeddings"])
def test_a_hundred_kilobyte_text_in_the_link_opens_the_page(app, page):
    text = ("Tokens for everyone: 안녕 👋 1234567. " * 3000)[:100_000]
    open_page(app, PAGES[page], text=text)
    assert not app.exception
    assert not app.error
    # The link cannot carry such a text back.
    assert "text" not in app.query_params


def test_merges_traces_a_hundred_kilobyte_link_whole(app, token_views):
    text = ("Tokens for everyone: 안녕 👋 1234567. " * 3000)[:100_000]
    open_page(app, PAGES["merges"], text=text, step="999999999")
    encoding = tokenizer.get_encoding("cl100k_base")
    (name, ids), = token_views(app)
    assert name == "cl100k_base" and ids == encoding.encode_ordinary(text)[: len(ids)]
    assert "Showing the last step instead" in "\n".join(w.value for w in app.warning)
    app.session_state[ALL_STEPS_KEY] = True  # open "All ... steps"
    everything = app.run().dataframe[-1].value
    assert len(everything) == len(text.encode()) - len(encoding.encode_ordinary(text))


# ---------------------------------------------------------------------- Train: split patterns and .model uploads


CORPUS = sample_corpus()[:1500]


def train_with(app, **query):
    """Open Train with `query` and press Train."""
    open_page(app, PAGES["train"], **query)
    app.button(key="train.run").click().run()
    assert not app.exception
    return app


@pytest.mark.parametrize("pattern", ["x*", "(?:)", r"\b", "(?=a)", "(?<=a)", "|"])
def test_a_pattern_matching_the_empty_string_trains_a_tokenizer_that_round_trips(app, pattern):
    train_with(app, text=CORPUS, vocab_size="300", pattern="custom", regex=pattern)
    assert not app.error
    trained = app.session_state["trained_tokenizers"]["my-tokenizer"].tokenizer
    assert trained.pattern == pattern
    assert trained.decode(trained.encode(CORPUS)) == CORPUS


@pytest.mark.parametrize("pattern", ["(?R)", "(a|(?1))", "(?<w>a|(?&w))"])
def test_a_recursive_pattern_is_refused_before_it_eats_memory(app, pattern):
    train_with(app, text=CORPUS, vocab_size="300", pattern="custom", regex=pattern)
    assert "calls itself or one of its groups" in app.error[0].value
    assert "trained_tokenizers" not in app.session_state


def test_exponential_backtracking_is_stopped_with_an_error(app):
    train_with(app, text="a" * 40 + "b", vocab_size="300", pattern="custom", regex="(a|aa)+$")
    assert "took too long on a text of 41 characters (catastrophic backtracking?)" in app.error[0].value.replace("\\", "")
    assert "trained_tokenizers" not in app.session_state


SAVED_MODEL = tokenizer.train(CORPUS, 290, "gpt2", ["<|end|>"]).model_text().encode()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("cut.model", SAVED_MODEL[: len(SAVED_MODEL) // 2], "can't be loaded: Line 15 should be 'left right' (two token ids)"),
        ("binary.model", bytes(range(256)) * 40, "is not UTF-8 text (byte 128): this is binary data, not a minbpe .model file."),
        ("nul.model", b"minbpe v1\n\x00\n0\n", "Line 2 contains a NUL character: this is binary data"),
        ("twice.model", b"minbpe v1\n\n0\n" + b"97 97\n" * 200_000, "Line 5: the merge '97 97' was already given on line 4."),
        ("big.model", b"minbpe v1\n\n0\n" + b"9" * 100 + b" 97\n", "should be a whole number"),
    ],
)
def test_a_hostile_model_file_is_refused_in_words(app, name, content, message):
    open_page(app, PAGES["train"])
    app.file_uploader(key="train.model_upload").upload(name, content, "application/octet-stream").run()
    assert not app.exception
    assert message in app.error[0].value.replace("\\", "")
    assert "trained_tokenizers" not in app.session_state


# ---------------------------------------------------------------------- Vocabulary: ids typed or linked


@pytest.mark.parametrize("raw", ["9" * 1000, "1e5", "0x10", "12,345", "<b>1</b>", "1_000", "nan"])
def test_an_id_that_is_not_a_plain_number_is_an_error_in_words(app, token_views, raw):
    open_page(app, PAGES["vocabulary"], id=raw)
    assert "is not a whole number: type a token id such as 1917." in app.error[0].value
    assert len(app.error[0].value) < 400
    if "<" in raw:
        assert_shown_only_escaped(app, raw)
    assert token_views(app) == []


@pytest.mark.parametrize("raw", [" 12 ", "+12", "١٢"])
def test_an_id_with_spaces_a_sign_or_other_digits_is_read_as_the_number(app, token_views, raw):
    open_page(app, PAGES["vocabulary"], id=raw)
    assert not app.error
    assert token_views(app) == [("cl100k_base", [12])]


@pytest.mark.parametrize("query", [".*", "(", "\\", "[", "\x00", "%s%n"])
def test_a_search_with_regex_or_format_characters_is_searched_as_text(app, query):
    open_page(app, PAGES["vocabulary"], q=query)
    assert not app.exception
    assert not app.error


# ---------------------------------------------------------------------- Embeddings: uploaded tables


def npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=True)
    return buffer.getvalue()


def safetensors(shape: list[int], dtype: str, data: bytes) -> bytes:
    header = json.dumps({"wte": {"dtype": dtype, "shape": shape, "data_offsets": [0, len(data)]}}).encode()
    return struct.pack("<Q", len(header)) + header + data


GPT4_ROWS = 100_277


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("ints.npy", npy(np.zeros((GPT4_ROWS, 4), dtype=np.int64)), "'ints.npy' holds int64 values: an embedding table holds float16, float32 or float64 numbers."),
        ("objects.npy", npy(np.array([[{"a": 1}]], dtype=object)), "'objects.npy' holds Python objects, which are never loaded (they could run code)"),
        ("complex.npy", npy(np.zeros((10, 4), dtype=np.complex64)), "holds complex64 values"),
        ("text.npy", npy(np.array([["ab"]])), "holds str64 values"),
        ("vector.npy", npy(np.zeros(GPT4_ROWS, dtype=np.float32)), "holds an array of shape (100277,): an embedding table has two dimensions"),
        ("cube.npy", npy(np.zeros((10, 2, 2), dtype=np.float32)), "holds an array of shape (10, 2, 2)"),
        ("nan.npy", npy(np.full((GPT4_ROWS, 2), np.nan, dtype=np.float16)), "has 200,554 values that are not finite numbers"),
        ("empty.npy", npy(np.zeros((0, 8), dtype=np.float32)), "holds an empty matrix of shape (0, 8)."),
        ("cut.npy", npy(np.zeros((GPT4_ROWS, 8), dtype=np.float32))[:1000], "is cut short: its header promises 3,208,864 bytes"),
        ("pickle.npy", b"\x80\x04\x95pickle", "is not a .npy file: it does not start with the .npy signature"),
        ("ints.safetensors", safetensors([GPT4_ROWS, 2], "I32", bytes(GPT4_ROWS * 8)), "has no 2-D floating-point tensor to use as a table; it has 'wte' (I32 [100277, 2])."),
        ("vector.safetensors", safetensors([100], "F32", bytes(400)), "has no 2-D floating-point tensor to use as a table"),
        ("huge.safetensors", safetensors([10**9, 10**9], "F32", bytes(80)), "takes 4,000,000,000,000,000,000 bytes, but its offsets span 80."),
        ("negative.safetensors", safetensors([-10, -2], "F32", bytes(80)), "has a shape that is not a list of sizes"),
    ],
)
def test_an_unusable_table_is_refused_in_words(app, name, data, message):
    open_page(app, PAGES["embeddings"], text="hello world", table="upload")
    app.file_uploader(key="embeddings.table_file").upload(name, data, "application/octet-stream").run()
    assert not app.exception
    assert message in app.error[0].value.replace("\\", "")
    assert not app.get("plotly_chart")


# ---------------------------------------------------------------------- Embeddings: ids with no token, ids near 10**12

VIEWS = ["lookup", "table", "similarity", "next", "neighbours", "positions"]


@pytest.mark.parametrize("table", ["random", "bigram", "dense"])
@pytest.mark.parametrize("view", VIEWS)
def test_rows_next_to_an_unused_id_are_drawn(app, table, view):
    # <|endoftext|> is 100257 and 100256 has no token: a window on the table shows it as a neighbour.
    open_page(app, PAGES["embeddings"], text="hi <|endoftext|> hi", table=table, view=view, d="8")
    assert not app.error
    if table == "random" and view == "table":
        assert "row 100,256 · «unused id»" in all_figures(app)


BIG_MODEL = b"minbpe v1\n\n1\n<|big|> 999999999999\n104 105\n"


@pytest.mark.parametrize("table", ["random", "bigram", "dense"])
@pytest.mark.parametrize("view", VIEWS)
def test_a_special_token_with_an_id_near_a_trillion_is_embedded(app, token_views, table, view):
    open_page(app, PAGES["train"])
    app.file_uploader(key="train.model_upload").upload("big.model", BIG_MODEL, "application/octet-stream").run()
    assert app.success[0].value.startswith("Loaded big:")
    app.switch_page(PAGES["embeddings"])
    app.query_params.update({"text": "hi<|big|> hi hi<|big|>", "encoding": "big", "table": table, "view": view, "d": "8"})
    app.run()
    assert not app.exception
    assert not app.error
    assert app.segmented_control(key="embeddings.encoding").value == "big"
    if view == "lookup":
        assert token_views(app) == [("big", [256, 999_999_999_999, 32, 256, 32, 256, 999_999_999_999])]


def test_merges_steps_a_tokenizer_with_a_special_id_near_a_trillion(app, token_views):
    open_page(app, PAGES["train"])
    app.file_uploader(key="train.model_upload").upload("big.model", BIG_MODEL, "application/octet-stream").run()
    app.switch_page(PAGES["merges"])
    app.query_params.update({"text": "hi<|big|> hi", "encoding": "big", "step": "99"})
    app.run()
    assert not app.exception
    big = app.session_state["trained_tokenizers"]["big"].tokenizer
    # A trace cuts special-token text as ordinary text.
    assert token_views(app) == [("big", big.encode_ordinary("hi<|big|> hi"))]


# ---------------------------------------------------------------------- text uploads


UNUSABLE_UPLOADS = [
    (b"", "'bad.txt' is empty: there is no text to use."),
    (bytes(range(256)), "'bad.txt' looks like a binary file (it contains NUL bytes): upload a plain-text file."),
    ("héllo".encode("utf-16"), "'bad.txt' looks like a binary file (it contains NUL bytes): upload a plain-text file."),
    (b"ok \xff\xfe", "'bad.txt' is not UTF-8 text (byte 0xff at position 3 is not valid): save it as UTF-8 and upload it again."),
    (b"a" * (MAX_UPLOAD_BYTES + 1), "'bad.txt' is 10.5 MB; the limit is 10 MB."),
]
UPLOAD_IDS = ["empty", "binary", "utf16", "invalid_utf8", "over_the_limit"]
TEXT_FIELDS = {"merges": sample_text, "train": sample_corpus, "embeddings": sample_text}


@pytest.mark.parametrize("page", TEXT_FIELDS)
@pytest.mark.parametrize("data, message", UNUSABLE_UPLOADS, ids=UPLOAD_IDS)
def test_an_unusable_text_upload_is_reported_and_the_text_kept(app, page, data, message):
    open_page(app, PAGES[page])
    app.file_uploader(key=f"{page}.text.upload").upload("bad.txt", data, "text/plain").run()
    assert not app.exception
    assert app.error[0].value == message
    assert app.text_area(key=f"{page}.text").value == TEXT_FIELDS[page]()


@pytest.mark.parametrize("data, message", UNUSABLE_UPLOADS, ids=UPLOAD_IDS)
def test_an_unusable_corpus_upload_on_embeddings_falls_back_to_the_sample(app, data, message):
    open_page(app, PAGES["embeddings"], text="hello world", corpus="upload")
    app.file_uploader(key="embeddings.corpus_file").upload("bad.txt", data, "text/plain").run()
    assert not app.exception
    assert app.error[0].value == message + " Until then the table is trained on the sample essay."
    assert app.get("plotly_chart")


def test_a_ten_megabyte_upload_on_merges_is_traced_in_its_first_part(app, token_views):
    text = ("Tokens for everyone: 안녕 👋 1234567. " * 300_000)[: 3_000_000]
    open_page(app, PAGES["merges"])
    app.file_uploader(key="merges.text.upload").upload("big.txt", text.encode(), "text/plain").run()
    assert not app.exception
    assert "merges below cover its first" in app.info[0].value
    (name, ids), = token_views(app)
    assert name == "cl100k_base" and len(ids) == 2000
