"""The Embeddings page, through Streamlit's AppTest: tables, heatmaps, links, uploads, bad input."""

from __future__ import annotations

import base64
import doctest
import html
import io
import json
import re
import struct

import numpy as np
import pytest

import tokenizer
from embedding import BigramTable, RandomTable, closed_form_loss, cosine_similarity, count_bigrams
from ui import embedding_view
from ui.markdown import markdown_text
from ui.samples import sample_text
from tests.app_pages import open_page

PAGE = "app_pages/embeddings.py"


@pytest.fixture
def page(app):
    """`page(**query)`: the Embeddings page opened with these query parameters."""

    def open_embeddings(**query):
        return open_page(app, PAGE, **query)

    return open_embeddings


def charts(at) -> dict[str, dict]:
    """The plotly figures the run drew, by the chart's key (`"rows"`, `"cosine"`, ...)."""
    found = {}
    for chart in at.get("plotly_chart"):
        key = chart.proto.id.rsplit("embeddings.chart.", 1)[-1]
        found[key] = json.loads(chart.proto.spec)
    return found


def z_values(figure: dict) -> np.ndarray:
    """The z matrix of a figure's first trace (a heatmap), decoded from plotly's base64 form."""
    z = figure["data"][0]["z"]
    if isinstance(z, dict):
        shape = tuple(int(n) for n in str(z["shape"]).split(","))
        return np.frombuffer(base64.b64decode(z["bdata"]), dtype=np.dtype(z["dtype"])).reshape(shape)
    return np.array(z, dtype=float)


def hover_decimals(figure: dict) -> int:
    """How many decimals the hover of a figure's first trace shows its value with (`%{z:.3f}`: 3)."""
    found = re.search(r"%\{z:\.(\d+)f\}", figure["data"][0]["hovertemplate"])
    assert found, figure["data"][0]["hovertemplate"]
    return int(found.group(1))


def assert_shows(figure: dict, expected: np.ndarray) -> None:
    """The heatmap holds `expected`, to the decimals its hover shows."""
    decimals = hover_decimals(figure)
    values = z_values(figure)
    assert values.shape == np.shape(expected)
    assert np.abs(values - expected).max() <= 0.5 * 10.0**-decimals + 1e-12


def gpt4_ids(text: str) -> list[int]:
    return tokenizer.get_encoding("cl100k_base").encode(text, allowed_special="all")


def captions(at) -> str:
    return "\n".join(caption.value for caption in at.caption)


# ------------------------------------------------------------------ defaults


def test_opens_on_the_sample_text_with_the_bigram_model(page, token_views):
    at = page()
    assert token_views(at) == [("cl100k_base", gpt4_ids(sample_text()))]
    assert at.segmented_control(key="embeddings.table").value == "bigram"
    assert [tab.label for tab in at.tabs] == ["Lookup", "Table", "Similarity", "Next token", "Neighbours", "Positions"]


def test_draws_plotly_heatmaps_of_the_open_view_only(page):
    figures = charts(page())
    assert set(figures) == {"one_hot", "rows"}
    assert all(figure["data"][0]["type"] == "heatmap" for figure in figures.values())


@pytest.mark.parametrize(
    "view, table, keys",
    [
        ("lookup", "bigram", {"one_hot", "rows"}),
        ("table", "bigram", {"table"}),
        ("similarity", "bigram", {"cosine"}),
        ("next", "bigram", {"next"}),
        ("neighbours", "dense", set()),
        ("positions", "random", {"positions", "sum"}),
    ],
)
def test_each_view_draws_its_heatmaps(page, view, table, keys):
    at = page(text="The cat sat on the mat.", view=view, table=table, corpus="sample")
    figures = charts(at)
    assert set(figures) == keys
    assert all(figure["data"][0]["type"] == "heatmap" for figure in figures.values())


def test_a_view_of_the_bigram_model_falls_back_to_the_lookup_for_other_tables(page):
    at = page(text="hello", view="next", table="random")
    assert "The Next token view belongs to the bigram model: showing the lookup." in captions(at)
    assert set(charts(at)) == {"one_hot", "rows"}


def test_the_page_is_reached_at_its_url_path(app):
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception
    assert app.title[0].value == "Embeddings"


# ------------------------------------------------------------------ the lookup


def test_rows_heatmap_holds_the_untrained_tables_rows_of_the_text(page):
    text = "The cat sat on the mat."
    at = page(text=text, table="random", d="16", seed="7")
    ids = gpt4_ids(text)
    figure = charts(at)["rows"]
    expected = RandomTable(tokenizer.get_encoding("cl100k_base").n_vocab, 16, 7).vectors(ids)
    assert_shows(figure, expected)
    assert figure["data"][0]["y"] == ["0: The", "1: ·cat", "2: ·sat", "3: ·on", "4: ·the", "5: ·mat", "6: ."]


def test_one_hot_rows_hold_a_single_one_each(page):
    text = " the the cat"
    at = page(text=text, table="random", d="8")
    one_hot = z_values(charts(at)["one_hot"])
    assert one_hot.shape == (3, 2)  # only the columns of the two distinct ids
    assert one_hot.sum(axis=1).tolist() == [1, 1, 1]
    assert one_hot[0].tolist() == one_hot[1].tolist()


def test_lookup_equals_the_one_hot_product_on_the_page(page):
    at = page(text="Hello world, hello again.", table="dense", corpus="sample", d="16")
    assert at.success[0].value.startswith("One-hot × table = the looked-up rows")
    assert at.success[0].value.endswith("the largest difference is 0.")


def test_cosine_of_a_token_with_itself_is_one(page):
    at = page(text=" dog cat dog", table="random", d="32", view="similarity")
    similarity = z_values(charts(at)["cosine"])
    assert similarity.shape == (3, 3)
    assert np.diag(similarity).tolist() == [1.0, 1.0, 1.0]
    assert similarity[0, 2] == 1.0  # the same token twice: the same row


def test_cosine_hover_names_both_tokens_and_their_cosine(page):
    at = page(text=" dog cat dog", table="random", d="32", view="similarity")
    heatmap = charts(at)["cosine"]["data"][0]
    assert heatmap["x"] == heatmap["y"] == ["0: ·dog", "1: ·cat", "2: ·dog"]
    assert heatmap["hovertemplate"] == "%{y}<br>%{x}<br>cosine %{z:.3f}<extra></extra>"


def test_cosine_colors_run_from_minus_one_to_one_around_white_zero(page):
    at = page(text=" dog cat dog", table="random", d="32", view="similarity")
    heatmap = charts(at)["cosine"]["data"][0]
    assert (heatmap["zmin"], heatmap["zmid"], heatmap["zmax"]) == (-1, 0, 1)
    assert heatmap["colorscale"][0][1] == "rgb(5,48,97)" and heatmap["colorscale"][-1][1] == "rgb(103,0,31)"  # RdBu_r: blue to red
    assert heatmap["colorbar"]["title"]["text"] == "cosine"


def test_cosines_of_500_tokens_are_the_engines_to_the_decimals_the_hover_shows(page):
    text = "token " * 200 + sample_text()
    at = page(text=text, table="random", d="32", view="similarity")
    ids = gpt4_ids(text)[:500]
    expected = cosine_similarity(RandomTable(tokenizer.get_encoding("cl100k_base").n_vocab, 32, 0).vectors(ids))
    figure = charts(at)["cosine"]
    assert hover_decimals(figure) == 3
    assert_shows(figure, expected)


@pytest.mark.parametrize("view, key", [("lookup", "rows"), ("similarity", "cosine"), ("table", "table"), ("next", "next")])
def test_heatmaps_send_plain_numbers_rounded_to_what_the_hover_shows(page, view, key):
    # Not base64: plotly.js keeps the decoded array on the figure, and Streamlit then copies the
    # figure through JSON.stringify, at about 30 characters a value.
    at = page(text="The cat sat on the mat.", corpus="sample", view=view)
    figure = charts(at)[key]
    z = figure["data"][0]["z"]
    assert isinstance(z, list) and isinstance(z[0], list)
    values = z_values(figure)
    finite = np.isfinite(values)
    assert np.array_equal(values[finite], np.round(values[finite], hover_decimals(figure)))


def test_margins_leave_room_for_the_longest_labels():
    short = embedding_view.label_margins(["0", "1"], ["0: a"], x_on_top=True)
    wide = embedding_view.label_margins(["0", "1"], ["0: 日本語の長いトークン"], x_on_top=True)
    assert wide["l"] > short["l"] >= embedding_view.label_width("0: a")
    assert embedding_view.label_width("&lt;b&gt;") == embedding_view.label_width("<b>")  # escaped labels are drawn unescaped
    slanted = embedding_view.label_margins(["0: ·a long token label"], ["0"], x_on_top=False)
    assert slanted["b"] > slanted["t"] and slanted["b"] > embedding_view.label_width("0: ·a long token label") * 0.7


def test_embedding_view_docstring_examples_hold():
    assert doctest.testmod(embedding_view).failed == 0


# ------------------------------------------------------------------ the bigram model


def test_bigram_loss_on_the_text_matches_the_engine(page):
    text = "a b a b a c a b"
    at = page(text=text, corpus="text", smoothing="0.1", view="next")
    ids = gpt4_ids(text)
    counts = count_bigrams(ids)
    expected = closed_form_loss(counts, counts.row_map.rows_of(ids), 0.1)
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Loss on the text"] == f"{expected:.3f}"
    assert metrics["Uniform guess"] == f"{np.log(counts.n_rows):.3f}"


def test_next_token_probabilities_are_drawn_with_the_true_next_token_marked(page):
    at = page(text="one two one two one three", corpus="text", k="2", view="next")
    figure = charts(at)["next"]
    probabilities = z_values(figure)
    assert probabilities.shape[0] == len(gpt4_ids("one two one two one three"))
    assert np.all((probabilities >= 0) & (probabilities <= 1))
    assert figure["data"][1]["type"] == "scatter"


def test_bigram_says_it_is_restricted_to_the_ids_that_occur(page):
    at = page(text="hello there", corpus="sample")
    assert "so the table is restricted to the ids that occur, remapped to rows 0, 1, 2" in captions(at)
    assert "a 100,277² bigram table would take 80 GB" in captions(at)


def test_gradient_steps_draw_a_loss_curve(page):
    at = page(text="to be or not to be", corpus="sample", steps="20", view="next")
    curve = charts(at)["loss_curve"]
    losses = curve["data"][0]["y"]
    assert curve["data"][0]["type"] == "scatter"
    if isinstance(losses, dict):
        losses = np.frombuffer(base64.b64decode(losses["bdata"]), dtype=np.dtype(losses["dtype"])).tolist()
    assert len(losses) == 21 and losses[-1] < losses[0]


def test_the_bigram_table_has_no_positions_view(page):
    at = page(text="hello there", view="positions")
    assert "Positions are added to embeddings of width d" in at.info[0].value


def test_bigram_similarity_compares_next_token_probabilities(page):
    text = "a b a c b a"
    at = page(text=text, corpus="text", smoothing="0.1", view="similarity")
    table = BigramTable(count_bigrams(gpt4_ids(text)), smoothing=0.1)
    rows = table.rows_of(gpt4_ids(text))
    expected = cosine_similarity(table.next_token_probabilities(rows))
    assert_shows(charts(at)["cosine"], expected)


# ------------------------------------------------------------------ dense embeddings and neighbours


def test_dense_embeddings_have_the_chosen_width(page):
    at = page(text="the king and the queen", table="dense", corpus="sample", d="16")
    assert z_values(charts(at)["rows"]).shape == (len(gpt4_ids("the king and the queen")), 16)


def test_dense_embeddings_show_neighbours(page):
    at = page(text="the king and the queen", table="dense", corpus="sample", d="16", view="neighbours")
    neighbours = at.dataframe[0].value
    assert list(neighbours.columns) == ["token", "id", "cosine"] and len(neighbours) == 10


def test_bigram_neighbours_are_the_rows_of_likeliest_next_tokens_and_are_compared_once(page, monkeypatch):
    text = "the cat sat on the mat and the cat ate the rat"
    counts = count_bigrams(np.asarray(gpt4_ids(text)))
    probabilities = BigramTable(counts, 0.1).next_token_probabilities(np.arange(counts.n_rows))
    full_tables = []
    softmax_of_rows = BigramTable.next_token_probabilities

    def counting(self, rows):
        if len(rows) == self.n_rows:
            full_tables.append(len(rows))
        return softmax_of_rows(self, rows)

    monkeypatch.setattr(BigramTable, "next_token_probabilities", counting)
    at = page(text=text, smoothing="0.1", view="neighbours")
    text_rows = list(dict.fromkeys(counts.row_map.rows_of(gpt4_ids(text)).tolist()))
    for row in text_rows[:3]:
        at.selectbox(key="embeddings.neighbour").set_value(row).run()
        cosines = cosine_similarity(probabilities[row : row + 1], probabilities)[0]
        shown = at.dataframe[0].value
        assert len(shown) == min(10, counts.n_rows - 2)  # all rows but the token's own and "other"
        assert shown["cosine"].tolist() == [round(float(cosines[counts.row_map.rows_of([token])[0]]), 4) for token in shown["id"]]
    assert len(full_tables) <= 1  # the softmax of the whole table, once for all reruns


def test_positions_can_be_switched_off(page):
    at = page(text="hello", table="random", positions="0", view="positions")
    assert "positions" not in charts(at)


# ------------------------------------------------------------------ links and bad values


@pytest.mark.parametrize("alias, name", [("gpt2", "r50k_base"), ("gpt4o", "o200k_base")])
def test_link_with_text_and_encoding_reproduces_the_view(page, token_views, alias, name):
    text = "Hello world!!!   def f(x):"
    at = page(text=text, encoding=alias)
    assert token_views(at) == [(name, tokenizer.get_encoding(name).encode(text, allowed_special="all"))]


def test_page_writes_its_state_into_the_url(page):
    at = page(text="some text")
    at.segmented_control(key="embeddings.table").set_value("random").run()
    at.slider(key="embeddings.d").set_value(64).run()
    assert at.query_params == {"text": "some text", "table": "random", "d": "64"}
    assert at.code[-1].value.endswith("/embeddings?text=some+text&table=random&d=64")


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("table", "magic", "The link's `table` was not used: 'magic' is not one of bigram, dense, random, upload."),
        ("corpus", "web", "The link's `corpus` was not used: 'web' is not one of text, sample, english, upload."),
        ("d", "1000", "The link's `d` was not used: Width 1,000 is out of range (from 8 to 128)."),
        ("d", "20", "The link's `d` was not used: Width 20 is not a multiple of 8."),
        ("steps", "-3", "The link's `steps` was not used: Number of steps -3 is out of range (from 0 to 50)."),
        ("smoothing", "lots", "The link's `smoothing` was not used: 'lots' is not a smoothing the page offers"),
        ("k", "99", "The link's `k` was not used: Top-k 99 is out of range (from 1 to 10)."),
        ("view", "everything", "The link's `view` was not used: 'everything' is not one of lookup, table, similarity, next, neighbours, positions."),
        ("encoding", "gpt5", "The link's `encoding` was not used: Unknown encoding 'gpt5'"),
        ("text", "", "The link's `text` was not used: The text is empty."),
    ],
)
def test_bad_link_values_fall_back_with_a_warning(page, name, value, message):
    at = page(**{name: value})
    assert at.warning[0].value.startswith(message)
    assert charts(at)  # the page still draws its views, with the default instead


def test_long_text_is_capped_at_500_tokens_with_a_note(page, token_views):
    text = "token " * 1200
    at = page(text=text, table="random", d="8")
    ids = gpt4_ids(text)
    assert token_views(at) == [("cl100k_base", ids[:500])]
    assert z_values(charts(at)["rows"]).shape == (500, 8)
    at.query_params["view"] = "similarity"
    at.run()
    assert at.warning[0].value == f"The text has {len(ids):,} tokens: the views show the first 500 (the loss covers them all)."
    assert z_values(charts(at)["cosine"]).shape == (500, 500)


def test_empty_text_shows_a_hint_and_no_charts(page):
    at = page()
    at.text_area(key="embeddings.text").input("").run()
    assert not at.exception
    assert any("The text is empty" in info.value for info in at.info)
    assert charts(at) == {}


def test_html_in_the_text_is_escaped_in_the_figures(page):
    text = "<b>x</b><img src=1>"
    at = page(text=text, table="random", d="8")
    figures = charts(at)
    assert "<b>" not in json.dumps(figures) and "<img" not in json.dumps(figures)
    pieces = [data.decode() for data in tokenizer.get_encoding("cl100k_base").decode_tokens_bytes(gpt4_ids(text))]
    assert figures["rows"]["data"][0]["y"] == [f"{i}: {html.escape(piece, quote=False).replace(' ', '·')}" for i, piece in enumerate(pieces)]


def test_a_one_token_corpus_is_refused_in_words(page):
    at = page(text="hello")
    assert at.error[0].value == "The corpus needs at least two tokens to have a pair of neighbours to count."


# ------------------------------------------------------------------ your own table


def npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def upload_table(at, name: str, data: bytes):
    at.file_uploader(key="embeddings.table_file").upload(name, data, "application/octet-stream").run()
    assert not at.exception
    return at


def test_uploaded_table_is_looked_up(page):
    text = "hello world"
    at = page(text=text, table="upload", encoding="gpt2")
    assert "Upload a table" in at.info[0].value
    table = np.random.default_rng(0).standard_normal((50_257, 8)).astype(np.float16)
    upload_table(at, "wte8.npy", npy(table))
    ids = tokenizer.get_encoding("r50k_base").encode(text)
    assert_shows(charts(at)["rows"], table[ids].astype(np.float64))
    assert "wte8.npy: a 50257 × 8 float16 matrix." in captions(at)


def test_a_table_of_the_wrong_shape_is_refused_with_a_message(page):
    at = page(text="hello world", table="upload")
    upload_table(at, "small.npy", npy(np.zeros((1_000, 8), dtype=np.float32)))
    assert at.error[0].value == markdown_text(
        "The table has 1,000 rows, but GPT-4 · cl100k_base has 100,277 token ids and the text uses id 15,339, "
        "which has no row: a table for GPT-4 · cl100k_base needs one row per id, 100,277 rows."
    )
    assert charts(at) == {}


def test_a_malformed_upload_is_refused_with_a_message(page):
    at = page(text="hello", table="upload")
    upload_table(at, "broken.safetensors", struct.pack("<Q", 500) + b"{}")
    assert at.error[0].value.startswith("'broken.safetensors' is not a .safetensors file, or is cut short")
    assert charts(at) == {}


def test_the_upload_limit_is_explained(page):
    at = page(table="upload")
    assert "Uploads are limited to 10 MB, and the whole `wte` takes 154 MB in float32" in captions(at)


# ------------------------------------------------------------------ the corpus


def test_corpus_upload_without_a_file_trains_on_the_sample(page):
    at = page(text="hello", corpus="upload")
    assert "Upload a text file to train on" in at.info[0].value
    assert charts(at)


def test_uploaded_corpus_is_trained_on(page):
    at = page(text="zebra quagga zebra", corpus="upload")
    corpus = "zebra quagga zebra okapi " * 20
    at.file_uploader(key="embeddings.corpus_file").upload("zoo.txt", corpus.encode(), "text/plain").run()
    assert not at.exception
    n_tokens = len(gpt4_ids(corpus))
    assert f"Trained on {n_tokens:,} tokens" in captions(at)


def test_the_open_view_is_kept_in_the_link(page):
    at = page(text="hello there", view="similarity")
    assert at.query_params["view"] == "similarity"
    assert set(charts(at)) == {"cosine"}


def test_a_file_name_is_shown_as_typed_never_as_markdown(page):
    at = page(text="hello", table="upload")
    upload_table(at, "![x](http://example.com/p.png).npy", npy(np.zeros((5, 4), dtype=np.float32)))
    assert at.error[0].value.startswith("The table has 5 rows")
    at = page(text="hello", table="upload", encoding="gpt2")
    upload_table(at, "**bold**.npy", npy(np.zeros((50_257, 4), dtype=np.float32)))
    assert "\\*\\*bold\\*\\*.npy: a 50257 × 4 float32 matrix." in captions(at)
