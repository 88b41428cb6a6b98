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
from tests.app_pages import open_page
from tests.test_hostile_app import PAYLOADS
from ui.samples import sample_corpus

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
    return [element.value for element in at.html if not element.value.startswith("<style>")]


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
    everything = app.dataframe[-1].value
    assert len(everything) == len(text.encode()) - len(encoding.encode_ordinary(text))
    assert "Showing the last step instead" in "\n".join(w.value for w in app.warning)
