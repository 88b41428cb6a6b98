"""The Vocabulary page, through Streamlit's AppTest: the encoding from the link, search by text
and id, the longest tokens, the length histogram, GPT-2's byte table and the special tokens."""

import html
import json
import re

import pytest

import tokenizer
from tests.app_pages import open_page
from tokenizer import to_printable
from ui.samples import sample_corpus
from ui.trained import TrainedTokenizer

PAGE = "app_pages/vocabulary.py"


def open_vocabulary(app, **query):
    """Open Vocabulary with `query` as its link's parameters."""
    return open_page(app, PAGE, **query)


def section(app, name: str):
    """The page's section (a container keyed `vocabulary-<name>`)."""
    return next(block for block in app.container if block.proto.id.endswith(f"-vocabulary-{name}"))


def search_results(app):
    """The table of tokens found by the text search."""
    return next(frame.value for frame in section(app, "search").dataframe if "text" in frame.value.columns)


def token_details(app) -> dict[str, str]:
    """The facts the id lookup shows."""
    return next(frame.value for frame in section(app, "search").dataframe if "value" in frame.value.columns)["value"].to_dict()


def longest(app):
    return section(app, "longest").dataframe[0].value


def specials(app) -> dict[str, int]:
    table = section(app, "special").dataframe[0].value
    return dict(zip(table["special token"], table["id"]))


def search_caption(app) -> str:
    """The caption that counts the search's results."""
    return next(caption.value for caption in app.caption if re.match(r"[\d,]+ tokens contain", caption.value))


def plain(markdown: str) -> str:
    """A message as people read it: Markdown's backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def matching(name: str, query: str) -> list[int]:
    """The ids a direct filter of the engine's tokens finds for `query`."""
    needle = query.lower()
    return [
        token
        for token, data in tokenizer.get_encoding(name).token_items()
        if needle in data.decode("utf-8", errors="replace").lower() or needle in to_printable(data).lower()
    ]


# ------------------------------------------------------------------ the encoding


def test_opens_on_gpt4_with_its_counts(app):
    open_vocabulary(app)
    encoding = tokenizer.get_encoding("cl100k_base")
    assert app.segmented_control(key="vocabulary.encoding").value == "cl100k_base"
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics == {
        "Ordinary tokens": f"{len(list(encoding.token_items())):,}",
        "Special tokens": "5",
        "Ids (n_vocab)": "100,277",
        "Longest token": f"{max(len(data) for _, data in encoding.token_items())} bytes",
    }
    assert not app.warning
    assert not app.exception


@pytest.mark.parametrize("alias, name", [("gpt2", "r50k_base"), ("GPT4o", "o200k_base"), ("cl100k_base", "cl100k_base")])
def test_encoding_in_the_link_takes_names_and_aliases(app, alias, name):
    open_vocabulary(app, encoding=alias)
    assert app.segmented_control(key="vocabulary.encoding").value == name
    assert longest(app)["id"].tolist()[:3] == [
        token for token, _ in sorted(tokenizer.get_encoding(name).token_items(), key=lambda item: (-len(item[1]), item[0]))
    ][:3]
    assert not app.exception


def test_unknown_encoding_falls_back_to_gpt4_with_a_note(app):
    open_vocabulary(app, encoding="gpt5")
    assert app.segmented_control(key="vocabulary.encoding").value == "cl100k_base"
    assert "Unknown encoding 'gpt5'" in app.warning[0].value
    assert not app.exception


def test_a_trained_tokenizer_is_browsable(app):
    mini = tokenizer.train(sample_corpus(), 300, special_tokens=["<|end|>"], name="mini")
    app.session_state["trained_tokenizers"] = {"mini": TrainedTokenizer(mini, "test")}
    open_vocabulary(app, encoding="mini", q="th", id="300")
    assert app.segmented_control(key="vocabulary.encoding").value == "mini"
    assert token_details(app)["kind"] == "special token"
    app.text_input(key="vocabulary.id").input("299").run()
    left, right = list(mini.merges)[-1]
    assert token_details(app)["merged from"] == (
        f"{to_printable(mini.token_bytes(left))} ({left}) + {to_printable(mini.token_bytes(right))} ({right})"
    )
    assert search_results(app)["id"].tolist() == [
        token for token, data in mini.token_items() if "th" in data.decode("utf-8", "replace").lower() or "th" in to_printable(data).lower()
    ]
    assert specials(app) == {"<|end|>": 300}
    assert not app.exception


# ------------------------------------------------------------------ search by text


@pytest.mark.parametrize(
    "name, query",
    [("cl100k_base", "hello"), ("cl100k_base", "WORLD"), ("r50k_base", "Ġworld"), ("r50k_base", " world"), ("o200k_base", "ения")],
)
def test_search_by_text_finds_what_a_direct_filter_finds(app, name, query):
    open_vocabulary(app, encoding=name, q=query)
    found = search_results(app)
    expected = matching(name, query)
    assert found["id"].tolist() == expected and expected
    encoding = tokenizer.get_encoding(name)
    assert found["token"].tolist() == [to_printable(encoding.decode_single_token_bytes(token)) for token in expected]
    assert search_caption(app).startswith(f"{len(expected):,} tokens contain")
    assert not app.exception


def test_search_names_the_special_tokens_that_contain_the_text(app):
    open_vocabulary(app, q="endoftext")
    assert plain(next(c.value for c in app.caption if c.value.startswith("Special tokens containing"))) == (
        "Special tokens containing 'endoftext': <|endoftext|> (100257)."
    )
    assert matching("cl100k_base", "endoftext") == []
    assert plain(app.info[0].value) == "No ordinary token contains 'endoftext' in its text or printable form."
    assert not app.exception


def test_typed_search_is_written_into_the_link(app):
    open_vocabulary(app)
    app.text_input(key="vocabulary.q").input("token").run()
    assert app.query_params == {"q": "token"}
    assert search_results(app)["id"].tolist() == matching("cl100k_base", "token")
    assert not app.exception


def test_a_search_that_finds_nothing_says_so(app):
    open_vocabulary(app, q="qqqqqqqqqqqq")
    assert plain(app.info[0].value) == "No ordinary token contains 'qqqqqqqqqqqq' in its text or printable form."
    assert not app.exception


def test_a_search_finding_very_many_tokens_lists_the_first_ones(app):
    open_vocabulary(app, q="e")
    expected = matching("cl100k_base", "e")
    assert search_results(app)["id"].tolist() == expected[:5000]
    assert search_caption(app).startswith(f"{len(expected):,} tokens contain")
    assert "(the first 5,000 are listed)" in search_caption(app)
    assert not app.exception


def test_a_too_long_search_in_the_link_is_dropped_with_a_note(app):
    open_vocabulary(app, q="x" * 101)
    assert "The search text is 101 characters long; the limit is 100." in app.warning[0].value
    assert app.text_input(key="vocabulary.q").value == ""
    assert not app.exception


def test_hostile_search_text_is_escaped(app):
    query = "<img src=x onerror=alert(1)><script>alert(1)</script>"
    open_vocabulary(app, q=query, id="27")
    assert not any("<img" in element.value or "<script" in element.value for element in app.html)
    assert query in plain(app.info[0].value)
    # Token 27 is "<": drawn escaped in its token view.
    assert any('data-token-id="27"' in element.value and ">&lt;</span>" in element.value for element in app.html)
    assert not app.exception


# ------------------------------------------------------------------ search by id


def test_an_id_shows_its_token(app, token_views):
    open_vocabulary(app, id="1917")
    assert token_views(app) == [("cl100k_base", [1917])]
    assert token_details(app) == {
        "id": "1917",
        "kind": "merged token",
        "printable form": "Ġworld",
        "text": "' world'",
        "bytes (hex)": "20 77 6f 72 6c 64",
        "length": "6 bytes",
    }
    assert not app.exception


def test_a_special_id_shows_its_special_token(app, token_views):
    open_vocabulary(app, id="100257")
    assert token_views(app) == [("cl100k_base", [100257])]
    details = token_details(app)
    assert details["kind"] == "special token" and details["printable form"] == "<|endoftext|>"
    assert not app.exception


@pytest.mark.parametrize(
    "raw, message",
    [
        ("999999", "Token id 999999 is out of range for cl100k_base: ids go from 0 to 100276."),
        ("-1", "Token id -1 is out of range for cl100k_base: ids go from 0 to 100276."),
        ("100256", "Token id 100256 is not used by cl100k_base: no token has this id."),
    ],
)
def test_an_unknown_id_says_why(app, token_views, raw, message):
    open_vocabulary(app, id=raw)
    assert plain(app.warning[0].value) == message
    assert token_views(app) == []
    assert not app.exception


def test_an_id_that_is_not_a_number_is_an_error(app):
    open_vocabulary(app)
    app.text_input(key="vocabulary.id").input("twelve").run()
    assert plain(app.error[0].value) == "'twelve' is not a whole number: type a token id such as 1917."
    assert not app.exception


# ------------------------------------------------------------------ longest tokens, lengths, bytes, specials


def test_longest_tokens_are_the_50_longest(app):
    open_vocabulary(app, encoding="gpt2")
    items = sorted(tokenizer.get_encoding("r50k_base").token_items(), key=lambda item: (-len(item[1]), item[0]))[:50]
    table = longest(app)
    assert table["id"].tolist() == [token for token, _ in items]
    assert table["bytes"].tolist() == [len(data) for _, data in items]
    assert table["token"].tolist() == [to_printable(data) for _, data in items]
    assert not app.exception


def test_length_histogram_is_a_plotly_bar_chart_of_every_token(app):
    open_vocabulary(app, encoding="gpt4o")
    figure = json.loads(app.get("plotly_chart")[0].proto.spec)
    bars = figure["data"][0]
    lengths = [len(data) for _, data in tokenizer.get_encoding("o200k_base").token_items()]
    assert bars["type"] == "bar"
    assert bars["x"] == list(range(1, max(lengths) + 1))
    assert bars["y"] == [lengths.count(size) for size in bars["x"]]
    app.toggle(key="vocabulary.log_counts").set_value(True).run()
    assert json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]["yaxis"]["type"] == "log"
    assert not app.exception


def test_byte_table_has_every_byte_with_gpt2s_character(app):
    open_vocabulary(app)
    table = next(element.value for element in app.html if "data-byte=" in element.value)
    cells = dict(re.findall(r'data-byte="([0-9a-f]{2})"[^>]*>([^<]*)<small>', table))
    assert len(cells) == 256
    assert {int(byte, 16): html.unescape(char) for byte, char in cells.items()} == tokenizer.bytes_to_unicode()
    assert html.unescape(cells["20"]) == "Ġ" and cells["0a"] == "Ċ" and cells["41"] == "A"
    assert not app.exception


@pytest.mark.parametrize("name", ["r50k_base", "cl100k_base", "o200k_base"])
def test_special_tokens_are_listed_with_their_ids(app, name):
    open_vocabulary(app, encoding=name)
    listed = specials(app)
    assert listed == tokenizer.get_encoding(name).special_tokens
    assert list(listed.values()) == sorted(listed.values())
    assert not app.exception


def test_gpt4s_endoftext_is_100257(app):
    open_vocabulary(app)
    assert specials(app)["<|endoftext|>"] == 100257
    assert not app.exception


def test_share_link_keeps_the_search(app):
    open_vocabulary(app, encoding="gpt2", q="hello", id="31373")
    assert app.code[-1].value.endswith("/vocabulary?encoding=r50k_base&q=hello&id=31373")
    assert not app.exception
