"""The Compare page, through Streamlit's AppTest: columns, counts, differences, charts, links."""

import html
import json
import re
from html.parser import HTMLParser

import pytest

import tokenizer
from tokenizer.compare import category_counts, differing_tokens
from ui.compare_view import CATEGORY_LABELS, STATISTICS_KEY, column_rows, diff_marks, markdown_text
from ui.samples import COMPARE_PRESETS, sample_text
from ui.token_view import PAGE_SIZE
from ui.trained import TrainedTokenizer
from tests.app_pages import drawn_markup, open_page

PAGE = "app_pages/compare.py"


def open_compare(app, **query):
    """Run the app, then switch to Compare with `query` as its link's parameters."""
    return open_page(app, PAGE, **query)


def encode(name: str, text: str) -> list[int]:
    return tokenizer.get_encoding(name).encode(text, allowed_special="all")


def byte_lengths(name: str, text: str) -> list[int]:
    encoding = tokenizer.get_encoding(name)
    return [len(data) for data in encoding.decode_tokens_bytes(encode(name, text))]


class _MarkedTokens(HTMLParser):
    """`{data-encoding: [position of every token with class "diff"]}` of some HTML."""

    def __init__(self):
        super().__init__()
        self.marked: dict[str, list[int]] = {}
        self._current = None
        self._position = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-encoding" in attrs:
            self._current, self._position = attrs["data-encoding"], 0
            self.marked[self._current] = []
        elif "data-token-id" in attrs and self._current is not None:
            if "diff" in attrs.get("class", "").split():
                self.marked[self._current].append(self._position)
            self._position += 1


def marked_tokens(app) -> dict[str, list[int]]:
    marked = {}
    for element in app.html:
        parser = _MarkedTokens()
        parser.feed(element.value)
        marked.update(parser.marked)
    return marked


def metrics(app) -> dict[str, tuple[str, str]]:
    return {metric.label: (metric.value, metric.delta) for metric in app.metric}


# ------------------------------------------------------------------ columns


def test_opens_on_gpt2_against_gpt4(app, token_views):
    open_compare(app)
    text = sample_text()
    assert token_views(app) == [("r50k_base", encode("r50k_base", text)), ("cl100k_base", encode("cl100k_base", text))]


def test_link_chooses_the_encodings_by_alias(app, token_views):
    text = "Hello world!!!   def f(x):\n        return 12345"
    open_compare(app, encodings="gpt2,gpt4o", text=text)
    assert token_views(app) == [("r50k_base", encode("r50k_base", text)), ("o200k_base", encode("o200k_base", text))]


def test_link_with_three_encodings_shows_three_columns(app, token_views):
    open_compare(app, encodings="GPT4O,r50k_base,gpt4", text="hello")
    assert [name for name, _ in token_views(app)] == ["o200k_base", "r50k_base", "cl100k_base"]


def test_repeated_encodings_are_shown_once(app, token_views):
    open_compare(app, encodings="gpt4,cl100k_base,gpt2", text="hello")
    assert [name for name, _ in token_views(app)] == ["cl100k_base", "r50k_base"]


def chunk_views(app) -> list[str]:
    """The HTML of every chunk view on the page."""
    views = [drawn_markup(element.value) for element in app.html]
    return [view for view in views if "chunks" in view and "data-encoding" not in view]


def test_chunks_are_shown_until_switched_off(app):
    open_compare(app, text="I DON'T   know 12345")
    assert len(chunk_views(app)) == 2
    for view in chunk_views(app):  # labelled, the token view's label after them
        assert view.startswith('<div class="view-label">Chunks <span class="view-help" title="')
        assert '<div class="view-label">Tokens <span class="view-help"' in view
    app.toggle(key="compare.show_chunks").set_value(False).run()
    assert chunk_views(app) == []


def test_each_column_shows_its_pre_tokenization_chunks(app):
    text = "I DON'T   know 12345"
    open_compare(app, text=text)
    app.toggle(key="compare.show_chunks").set_value(True).run()
    views = chunk_views(app)
    assert len(views) == 2
    for view, name in zip(views, ["r50k_base", "cl100k_base"]):
        boxes = re.findall(r'<span class="chunk [ab]">(.*?)</span>', view)
        assert [html.unescape(box) for box in boxes] == [chunk for chunk, _ in tokenizer.get_encoding(name).pre_tokenize(text)]


def test_special_tokens_off_encodes_them_as_ordinary_text(app, token_views):
    open_compare(app, text="a<|endoftext|>b")
    app.toggle(key="compare.special").set_value(False).run()
    assert token_views(app) == [
        (name, tokenizer.get_encoding(name).encode_ordinary("a<|endoftext|>b")) for name in ["r50k_base", "cl100k_base"]
    ]


def test_more_than_three_encodings_wrap_into_rows(app, token_views):
    mini = tokenizer.train(sample_text(), 300, name="mini")
    app.session_state["trained_tokenizers"] = {"mini": TrainedTokenizer(mini, "test")}
    open_compare(app, encodings="gpt2,gpt4,gpt4o,mini", text="hello tokenizers")
    assert token_views(app) == [
        ("r50k_base", encode("r50k_base", "hello tokenizers")),
        ("cl100k_base", encode("cl100k_base", "hello tokenizers")),
        ("o200k_base", encode("o200k_base", "hello tokenizers")),
        ("mini", mini.encode("hello tokenizers", allowed_special="all")),
    ]
    # Four encodings: two rows of two bordered columns, each half the width.
    assert [round(column.proto.weight, 2) for column in app.columns if column.proto.show_border] == [0.5] * 4


# ------------------------------------------------------------------ counts and ratio


def test_counts_and_ratio_match_the_engine(app):
    text = COMPARE_PRESETS["Python indentation"]
    open_compare(app, text=text, encodings="gpt2,gpt4,gpt4o")
    gpt2, gpt4, gpt4o = (len(encode(name, text)) for name in ["r50k_base", "cl100k_base", "o200k_base"])
    assert metrics(app) == {
        r"GPT-2 · r50k\_base": (f"{gpt2:,}", "the baseline"),
        r"GPT-4 · cl100k\_base": (f"{gpt4:,}", f"{gpt4 / gpt2:.2f}× GPT-2"),
        r"GPT-4o · o200k\_base": (f"{gpt4o:,}", f"{gpt4o / gpt2:.2f}× GPT-2"),
    }
    assert app.markdown[0].value == (
        f"- GPT-4 uses {gpt4 / gpt2:.2f}× the tokens of GPT-2 ({gpt4} against {gpt2}).\n"
        f"- GPT-4o uses {gpt4o / gpt2:.2f}× the tokens of GPT-2 ({gpt4o} against {gpt2})."
    )


def test_long_text_is_paged_and_counted_whole(app, token_views):
    text = "token " * 2500
    open_compare(app, text=text)
    gpt2, gpt4 = encode("r50k_base", text), encode("cl100k_base", text)
    assert token_views(app) == [("r50k_base", gpt2[:PAGE_SIZE]), ("cl100k_base", gpt4[:PAGE_SIZE])]
    assert [value for value, _ in metrics(app).values()] == [f"{len(gpt2):,}", f"{len(gpt4):,}"]
    app.number_input(key="compare.page.cl100k_base").set_value(2).run()
    assert token_views(app) == [("r50k_base", gpt2[:PAGE_SIZE]), ("cl100k_base", gpt4[PAGE_SIZE:])]


def test_the_chunks_shown_are_those_of_the_page_of_tokens(app, token_views):
    text = "I DON'T know. " * 700  # 2,800 chunks; 3,500 GPT-2 tokens, 4,200 GPT-4 tokens
    open_compare(app, text=text)
    app.number_input(key="compare.page.r50k_base").set_value(2).run()
    for view, (name, ids) in zip(chunk_views(app), token_views(app)):
        encoding = tokenizer.get_encoding(name)
        chunks = [chunk for chunk, _ in encoding.pre_tokenize(text)]
        boxes = [html.unescape(box) for box in re.findall(r'<span class="chunk [ab]">(.*?)</span>', view)]
        # The page's tokens cut these chunks exactly: every chunk boundary here falls on a token one.
        assert "".join(boxes) == encoding.decode(ids)
        first = len(encoding.decode(encode(name, text)[: PAGE_SIZE if name == "r50k_base" else 0]))
        shown = next(index for index in range(len(chunks)) if len("".join(chunks[:index])) == first)
        assert boxes == chunks[shown : shown + len(boxes)]
        assert f"Chunks {shown + 1:,}–{shown + len(boxes):,} of {len(chunks):,}" in view


# ------------------------------------------------------------------ differences


@pytest.mark.parametrize("preset", ["Python indentation", "Contractions in capitals", '" hello world!!!"'])
def test_marked_tokens_are_those_cut_differently(app, preset):
    text = COMPARE_PRESETS[preset]
    open_compare(app, text=text)
    gpt2, gpt4 = differing_tokens([byte_lengths("r50k_base", text), byte_lengths("cl100k_base", text)])
    assert marked_tokens(app) == {"r50k_base": gpt2, "cl100k_base": gpt4}
    if preset == "Python indentation":
        assert gpt2 and not gpt4
    if preset == '" hello world!!!"':
        assert gpt2 == gpt4 == []


def test_marks_with_three_encodings_need_every_other_boundary(app):
    text = COMPARE_PRESETS["Contractions in capitals"]
    names = ["r50k_base", "cl100k_base", "o200k_base"]
    open_compare(app, text=text, encodings="gpt2,gpt4,gpt4o")
    expected = differing_tokens([byte_lengths(name, text) for name in names])
    assert marked_tokens(app) == dict(zip(names, expected))
    assert all(expected)


def test_marks_on_a_later_page_are_positioned_within_the_page(app):
    text = "token " * 2000 + "I DON'T"
    open_compare(app, text=text)
    expected = differing_tokens([byte_lengths("r50k_base", text), byte_lengths("cl100k_base", text)])
    app.number_input(key="compare.page.r50k_base").set_value(2).run()
    assert marked_tokens(app)["r50k_base"] == [position - PAGE_SIZE for position in expected[0] if position >= PAGE_SIZE]


# ------------------------------------------------------------------ chart and table


def open_statistics(app):
    """Open the Statistics expander (its chart and table are drawn only while it is open)."""
    app.session_state[STATISTICS_KEY] = True
    return app.run()


def test_statistics_are_drawn_only_when_opened(app):
    open_compare(app, text="Hello world")
    assert not app.get("plotly_chart") and not app.dataframe
    open_statistics(app)
    assert len(app.get("plotly_chart")) == 1 and len(app.dataframe) == 1


def test_bar_chart_of_the_counts(app):
    text = "Hello world, 1234567"
    open_compare(app, text=text, encodings="gpt2,gpt4o")
    open_statistics(app)
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    bar = spec["data"][0]
    assert bar["type"] == "bar"
    assert bar["x"] == ["GPT-2", "GPT-4o"]
    assert bar["y"] == [len(encode("r50k_base", text)), len(encode("o200k_base", text))]


def test_category_table_counts_tokens_and_characters(app):
    text = COMPARE_PRESETS["Long numbers"] + " Привет  !!"
    open_compare(app, text=text)
    table = open_statistics(app).dataframe[0].value
    assert list(table.index) == list(CATEGORY_LABELS.values())
    for label, name in [("GPT-2", "r50k_base"), ("GPT-4", "cl100k_base")]:
        counts = category_counts(text, byte_lengths(name, text))
        assert list(table[f"{label} tokens"]) == [tokens for tokens, _ in counts.values()]
        assert list(table[f"{label} chars"]) == [chars for _, chars in counts.values()]
        assert table[f"{label} chars"].sum() == len(text)


# ------------------------------------------------------------------ presets


@pytest.mark.parametrize("preset", list(COMPARE_PRESETS))
def test_preset_button_sets_the_text(app, token_views, preset):
    open_compare(app)
    index = list(COMPARE_PRESETS).index(preset)
    app.button(key=f"compare.preset.{index}").click().run()
    text = COMPARE_PRESETS[preset]
    assert not app.exception
    assert app.text_area(key="compare.text").value == text
    assert token_views(app) == [("r50k_base", encode("r50k_base", text)), ("cl100k_base", encode("cl100k_base", text))]


# ------------------------------------------------------------------ bad links and empty input


def test_unknown_encoding_is_left_out_with_a_note(app, token_views):
    open_compare(app, text="hello", encodings="gpt2,gpt5,gpt4o")
    assert token_views(app) == [("r50k_base", encode("r50k_base", "hello")), ("o200k_base", encode("o200k_base", "hello"))]
    assert len(app.warning) == 1
    assert "Unknown encoding 'gpt5'" in app.warning[0].value


@pytest.mark.parametrize("encodings", ["gpt5", "", " , ,", "<script>alert(1)</script>"])
def test_no_known_encoding_falls_back_to_the_default_with_a_note(app, token_views, encodings):
    open_compare(app, text="hello", encodings=encodings)
    assert token_views(app) == [("r50k_base", encode("r50k_base", "hello")), ("cl100k_base", encode("cl100k_base", "hello"))]
    assert "Showing GPT-2 and GPT-4 instead" in app.warning[0].value


def test_empty_text_in_link_falls_back_to_the_sample_with_a_note(app, token_views):
    open_compare(app, text="")
    assert token_views(app)[0] == ("r50k_base", encode("r50k_base", sample_text()))
    assert "The text is empty" in app.warning[0].value


def test_emptied_text_area_shows_a_hint_and_no_view(app, token_views):
    open_compare(app, text="hello")
    app.text_area(key="compare.text").input("").run()
    assert not app.exception
    assert token_views(app) == []
    assert "The text is empty" in app.info[0].value


def test_no_encoding_picked_shows_a_hint(app, token_views):
    open_compare(app, text="hello")
    app.session_state["compare.encodings"] = []
    app.run()
    assert not app.exception
    assert token_views(app) == []
    assert "Pick at least one encoding" in app.info[0].value


def test_html_in_the_text_is_escaped(app, token_views):
    text = "<img src=x onerror=alert(1)> <script>alert(1)</script>"
    open_compare(app, text=text)
    for element in app.html:
        markup = drawn_markup(element.value)
        assert "<img" not in markup and "<script" not in markup
    assert token_views(app) == [("r50k_base", encode("r50k_base", text)), ("cl100k_base", encode("cl100k_base", text))]


def test_bad_special_flag_falls_back_with_a_note(app, token_views):
    open_compare(app, text="a<|endoftext|>", special="maybe")
    assert "'maybe' is not a yes/no value" in app.warning[0].value
    assert token_views(app)[0] == ("r50k_base", encode("r50k_base", "a<|endoftext|>"))


# ------------------------------------------------------------------ the URL


def test_page_writes_its_state_into_the_url(app):
    open_compare(app)
    app.text_area(key="compare.text").input("some text").run()
    app.pills(key="compare.encodings").set_value(["r50k_base", "o200k_base"]).run()
    assert app.query_params == {"text": "some text", "encodings": "r50k_base,o200k_base"}


def test_share_link_is_shown(app):
    open_compare(app, text="hi", encodings="gpt4o,gpt2")
    assert app.code[-1].value.endswith("/compare?text=hi&encodings=o200k_base%2Cr50k_base")


# ------------------------------------------------------------------ the page's helpers


@pytest.mark.parametrize("n_columns, rows", [(1, [1]), (2, [2]), (3, [3]), (4, [2, 2]), (5, [3, 2]), (7, [3, 2, 2])])
def test_columns_wrap_into_even_rows_of_at_most_three(n_columns, rows):
    assert column_rows(n_columns) == rows


def test_diff_marks_are_positions_within_the_page():
    assert diff_marks([1, 5, 7, 9], 4, 8) == {1: "diff", 3: "diff"}
    assert diff_marks([], 0, 2000) == {}


def test_markdown_text_escapes_what_markdown_would_format():
    assert markdown_text("my_tok_ *x* [a](b) <b>") == r"my\_tok\_ \*x\* \[a\](b) \<b\>"

