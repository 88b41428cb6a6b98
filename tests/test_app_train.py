"""The Train page, through Streamlit's AppTest: training, its tables and chart, files, loading,
bad settings, and the tokenizer joining the other pages' pickers."""

import json

import pytest

import tokenizer
from tests.app_pages import open_page
from tokenizer.compression import compression_curve, token_counts_after_merges
from tokenizer.vocab_files import to_printable
from ui import train_view
from ui.samples import sample_corpus
from ui.train_view import name_from_file, parse_special_tokens, split_pattern
from ui.trained import TrainedTokenizer

PAGE = "app_pages/train.py"
CORPUS = sample_corpus()[:1500]  # small: training takes milliseconds


def open_train(app, **query):
    """Open Train with `query` as its link's parameters."""
    return open_page(app, PAGE, **query)


def train(app, **query):
    """Open Train with `query` and press Train."""
    open_train(app, **query)
    app.button(key="train.run").click().run()
    assert not app.exception
    return app


def submit(app, vocab_size=None, pattern=None):
    """Change the form's settings and press Train (a form sends its values only when submitted)."""
    if vocab_size is not None:
        app.number_input(key="train.vocab_size").set_value(vocab_size)
    if pattern is not None:
        app.segmented_control(key="train.pattern").set_value(pattern)
    app.button(key="train.run").click().run()
    return app


def table_with(app, column: str):
    """The first dataframe the page drew that has `column`."""
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


# ------------------------------------------------------------------ defaults


def test_opens_on_the_sample_corpus_with_sensible_defaults(app):
    open_train(app)
    assert app.text_area(key="train.text").value == sample_corpus()
    assert app.number_input(key="train.vocab_size").value == 512
    assert app.segmented_control(key="train.pattern").value == "gpt4"
    assert app.text_input(key="train.special").value == "<|endoftext|>"
    assert app.text_input(key="train.name").value == "my-tokenizer"
    assert "press **Train**" in app.info[0].value
    assert app.query_params == {}
    assert not app.exception


def test_defaults_train_on_the_sample_corpus(app):
    train(app)
    expected = tokenizer.train(sample_corpus(), 512, "gpt4", ["<|endoftext|>"])
    merges = table_with(app, "count")
    assert len(merges) == 256
    assert merges["count"].tolist() == expected.merge_counts
    assert app.success[0].value == f"Trained my-tokenizer on {len(sample_corpus().encode()):,} bytes."
    assert not app.exception


# ------------------------------------------------------------------ training results


def test_merges_table_holds_the_engines_merges_and_counts(app):
    train(app, text=CORPUS, vocab_size="300", pattern="gpt2", special="", name="cats")
    expected = tokenizer.train(CORPUS, 300, "gpt2")
    merges = table_with(app, "count")
    vocab = expected.vocab
    assert len(merges) == 300 - 256
    assert merges["new id"].tolist() == list(range(256, 300))
    assert list(zip(merges["left id"], merges["right id"])) == list(expected.merges)
    assert merges["count"].tolist() == expected.merge_counts
    assert merges["token"].tolist() == [to_printable(vocab[new]) for new in expected.merges.values()]
    assert merges["left"].tolist() == [to_printable(vocab[left]) for left, _ in expected.merges]
    assert not app.exception


def test_training_reports_its_progress_to_a_progress_bar(app, monkeypatch):
    reports = []
    real_train = tokenizer.train

    def recording_train(text, vocab_size, pattern, special_tokens, progress, *, name):
        def spy(done, total):
            reports.append((done, total))
            progress(done, total)

        return real_train(text, vocab_size, pattern, special_tokens, spy, name=name)

    monkeypatch.setattr(tokenizer, "train", recording_train)
    train(app, text=CORPUS, vocab_size="456")
    assert len(reports) >= 100 and reports[-1] == (200, 200)
    assert not app.get("progress")  # emptied once the result is drawn
    assert not app.exception


def test_trained_tokenizer_is_registered_and_tokenizes_on_the_tokenize_page(app, token_views):
    train(app, text=CORPUS, vocab_size="300", name="cats")
    assert list(app.session_state["trained_tokenizers"]) == ["cats"]
    app.switch_page("app_pages/tokenize.py")
    app.run()
    picker = app.segmented_control(key="tokenize.encoding")
    assert "cats" in picker.options[-1]
    picker.set_value("cats").run()
    assert not app.exception
    expected = tokenizer.train(CORPUS, 300, "gpt4", ["<|endoftext|>"])
    text = app.text_area(key="tokenize.text").value
    assert token_views(app) == [("cats", expected.encode(text, allowed_special="all"))]
    assert not app.exception


def test_compression_curve_goes_from_bytes_to_the_final_encoding(app):
    train(app, text=CORPUS, vocab_size="300")
    expected = tokenizer.train(CORPUS, 300, "gpt4", ["<|endoftext|>"])
    figure = json.loads(app.get("plotly_chart")[0].proto.spec)
    trace = figure["data"][0]
    n_bytes = len(CORPUS.encode())
    assert trace["type"] == "scatter"
    assert trace["x"] == list(range(256, 301))
    assert trace["y"][0] == 1.0
    assert trace["y"][-1] == pytest.approx(n_bytes / len(expected.encode_ordinary(CORPUS)))
    assert trace["customdata"][-1] == len(expected.encode_ordinary(CORPUS))
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Corpus tokens"] == f"{len(expected.encode_ordinary(CORPUS)):,}"
    assert not app.exception


def test_learned_vocabulary_and_special_tokens_are_listed(app):
    train(app, text=CORPUS, vocab_size="280", special="<|endoftext|>, <|pad|>")
    expected = tokenizer.train(CORPUS, 280, "gpt4", ["<|endoftext|>", "<|pad|>"])
    vocabulary = table_with(app, "text")
    assert vocabulary["id"].tolist() == list(range(280))
    assert vocabulary["token"].tolist() == [to_printable(data) for _, data in expected.token_items()]
    specials = table_with(app, "special token")
    assert dict(zip(specials["special token"], specials["id"])) == {"<|endoftext|>": 280, "<|pad|>": 281}
    link = app.get("page_link")[0].proto
    assert (link.page, link.query_string) == ("vocabulary", "encoding=my-tokenizer")
    assert not app.exception


def test_download_buttons_offer_the_four_files(app):
    train(app, text=CORPUS, vocab_size="280", name="cats")
    labels = [button.label for button in app.get("download_button")]
    assert labels == ["Download cats.model", "Download cats.vocab", "Download cats.tiktoken", "Download cats.json"]
    assert not app.exception


def test_a_corpus_that_runs_out_of_pairs_says_so(app):
    train(app, text="ab ab ab", vocab_size="1000", pattern="none")
    assert "ran out of pairs to merge after" in app.warning[0].value
    assert len(table_with(app, "count")) == len(tokenizer.train("ab ab ab", 1000, None).merges)
    assert not app.exception


def test_results_and_settings_survive_a_visit_to_another_page(app):
    train(app, text=CORPUS, vocab_size="300", pattern="gpt2", name="cats")
    app.switch_page("app_pages/tokenize.py")
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception
    assert app.text_area(key="train.text").value == CORPUS
    assert app.number_input(key="train.vocab_size").value == 300
    assert app.segmented_control(key="train.pattern").value == "gpt2"
    assert app.text_input(key="train.name").value == "cats"
    assert len(table_with(app, "count")) == 44
    assert not app.exception


def test_training_again_under_the_same_name_replaces_the_tokenizer(app):
    train(app, text=CORPUS, vocab_size="280", name="cats")
    submit(app, vocab_size=290)
    assert "replacing the earlier tokenizer of that name" in app.success[0].value
    assert list(app.session_state["trained_tokenizers"]) == ["cats"]
    assert len(app.session_state["trained_tokenizers"]["cats"].tokenizer.merges) == 34
    assert not app.exception


def test_an_uploaded_corpus_is_trained_on(app):
    open_train(app)
    app.file_uploader(key="train.text.upload").upload("corpus.txt", CORPUS.encode(), "text/plain").run()
    submit(app, vocab_size=280)
    assert table_with(app, "count")["count"].tolist() == tokenizer.train(CORPUS, 280).merge_counts
    assert not app.exception


# ------------------------------------------------------------------ the link


def test_settings_are_written_into_the_link(app):
    open_train(app)
    submit(app, vocab_size=1000, pattern="gpt2")
    assert app.query_params == {"vocab_size": "1000", "pattern": "gpt2"}
    assert not app.exception


def test_a_link_fills_the_settings(app):
    open_train(app, vocab_size="2048", pattern="custom", regex=r"\w+|\s+", special="<|a|>", name="linked")
    assert app.number_input(key="train.vocab_size").value == 2048
    assert app.segmented_control(key="train.pattern").value == "custom"
    assert app.text_input(key="train.regex").value == r"\w+|\s+"
    assert app.text_input(key="train.name").value == "linked"
    assert not app.exception


@pytest.mark.parametrize(
    "query, message",
    [
        ({"vocab_size": "100"}, "Vocabulary size 100 is out of range (from 256 to 50,000)."),
        ({"vocab_size": "1000000"}, "Vocabulary size 1,000,000 is out of range (from 256 to 50,000)."),
        ({"vocab_size": "lots"}, "'lots' is not a whole vocabulary size."),
        ({"pattern": "gpt5"}, "'gpt5' is not a split pattern"),
    ],
)
def test_bad_link_values_fall_back_to_defaults_with_a_note(app, query, message):
    open_train(app, **query)
    assert message in app.warning[0].value
    assert app.number_input(key="train.vocab_size").value == 512
    assert app.segmented_control(key="train.pattern").value == "gpt4"
    assert not app.exception


def test_a_long_corpus_is_left_out_of_the_link(app):
    open_train(app)
    app.text_area(key="train.text").input("word " * 1000).run()
    assert "text" not in app.query_params
    assert any("links carry texts of up to 4,000 characters" in caption.value for caption in app.caption)
    assert not app.exception


# ------------------------------------------------------------------ bad settings


def test_an_invalid_custom_regex_is_an_error(app):
    train(app, text=CORPUS, pattern="custom", regex="(unclosed")
    assert app.error[0].value.startswith("Training was refused: The split pattern is not a valid regular expression")
    assert "trained_tokenizers" not in app.session_state
    assert not app.exception


def test_a_catastrophic_regex_is_stopped_with_an_error(app):
    train(app, text="a" * 5000 + "b", vocab_size="300", pattern="custom", regex="(a+)+$")
    assert "took too long on a text of 5,001 characters" in app.error[0].value
    assert "trained_tokenizers" not in app.session_state
    assert not app.exception


def test_a_huge_repeat_count_is_refused_before_compiling(app):
    train(app, text=CORPUS, pattern="custom", regex="a{1000000000}")
    assert "repeats something 1000000000 times" in app.error[0].value
    assert not app.exception


def test_an_empty_custom_regex_is_an_error(app):
    train(app, text=CORPUS, pattern="custom")
    assert app.error[0].value.startswith("The custom split pattern is empty")
    assert not app.exception


@pytest.mark.parametrize(
    "query, message",
    [
        ({"name": "gpt4"}, "'gpt4' is the name of a built-in encoding: choose another name."),
        ({"name": "no spaces please"}, "'no spaces please' can't name a tokenizer"),
        ({"special": "<|a|> <|a|>"}, "Special token '\\<\\|a\\|\\>' is listed twice."),
    ],
)
def test_bad_settings_are_errors_and_train_nothing(app, query, message):
    train(app, text=CORPUS, **query)
    assert message in app.error[0].value
    assert "trained_tokenizers" not in app.session_state
    assert not app.exception


def test_an_empty_corpus_is_an_error(app):
    open_train(app)
    app.text_area(key="train.text").input("").run()
    app.button(key="train.run").click().run()
    assert not app.exception
    assert app.error[0].value == "The corpus is empty: type or paste some text above, or upload a file."
    assert "trained_tokenizers" not in app.session_state
    assert not app.exception


# ------------------------------------------------------------------ loading a .model file


def upload_model(app, file_name: str, content: bytes):
    open_train(app)
    app.file_uploader(key="train.model_upload").upload(file_name, content, "application/octet-stream").run()
    assert not app.exception
    return app


def test_a_saved_model_is_loaded_and_registered(app, token_views):
    saved = tokenizer.train(CORPUS, 290, "gpt2", ["<|end|>"])
    upload_model(app, "saved cats.model", saved.model_text().encode())
    assert app.success[0].value.startswith("Loaded saved-cats: 34 merges and 1 special tokens.")
    entry = app.session_state["trained_tokenizers"]["saved-cats"]
    assert entry.tokenizer.merges == saved.merges and entry.tokenizer.special_tokens == {"<|end|>": 290}
    merges = table_with(app, "new id")
    assert "count" not in merges.columns
    assert list(zip(merges["left id"], merges["right id"])) == list(saved.merges)
    app.switch_page("app_pages/tokenize.py")
    app.run()
    app.segmented_control(key="tokenize.encoding").set_value("saved-cats").run()
    text = app.text_area(key="tokenize.text").value
    assert token_views(app) == [("saved-cats", saved.encode(text, allowed_special="all"))]
    assert not app.exception


@pytest.mark.parametrize(
    "content, message",
    [
        (b"minbpe v1\n\n0\n104 105 106\n", "Line 4 should be 'left right' (two token ids), but it is '104 105 106'."),
        (b"minbpe v2\n", "Line 1 should be 'minbpe v1'"),
        (b"minbpe v1\n\n0\n104 300\n", "names id 300, which does not exist yet"),
        (b"\x80\x04\x95pickle", "This is a Python pickle, not a .model file."),
        (b"", "is empty"),
    ],
)
def test_a_malformed_model_is_refused_with_the_parsers_message(app, content, message):
    upload_model(app, "broken.model", content)
    assert message in app.error[0].value.replace("\\", "")
    assert "trained_tokenizers" not in app.session_state
    assert not app.exception


def test_a_vocab_file_is_refused_with_a_hint(app):
    upload_model(app, "cats.vocab", b"[a] 97\n")
    assert "upload the .model file saved with it" in app.error[0].value
    assert not app.exception


def test_a_hostile_file_name_is_made_a_safe_name(app):
    saved = tokenizer.train(CORPUS, 260)
    upload_model(app, "<img src=x onerror=alert(1)>.model", saved.model_text().encode())
    assert list(app.session_state["trained_tokenizers"]) == ["img-src-x-onerror-alert-1"]
    assert not any("<img" in element.value for element in app.html)
    assert not app.exception


# ------------------------------------------------------------------ reading the settings


def test_special_tokens_are_split_on_commas_and_spaces():
    assert parse_special_tokens(" <|a|>,<|b|>  <|c|> ,") == ["<|a|>", "<|b|>", "<|c|>"]
    assert parse_special_tokens("") == []


@pytest.mark.parametrize("text", ["a " * 17, "x" * 41, "<|a|> <|a|>", "bad\x00token"])
def test_unusable_special_tokens_are_refused(text):
    with pytest.raises(ValueError):
        parse_special_tokens(text)


def test_split_pattern_choices():
    assert split_pattern("none", "") is None
    assert split_pattern("gpt2", "ignored") == "gpt2"
    assert split_pattern("custom", r"\w+") == r"\w+"
    with pytest.raises(ValueError):
        split_pattern("custom", "  ")


@pytest.mark.parametrize(
    "file_name, name",
    [("cats.model", "cats"), ("my cats (2).model", "my-cats-2"), ("GPT2.model", "GPT2-loaded"), ("...model", "loaded"), ("a" * 60 + ".model", "a" * 40)],
)
def test_names_from_file_names(file_name, name):
    assert name_from_file(file_name) == name


# ------------------------------------------------------------------ measuring the compression


def test_a_long_corpus_without_split_pattern_is_measured_from_the_training_counts(monkeypatch):
    monkeypatch.setattr(train_view, "EXACT_CURVE_MAX_BYTES_WITHOUT_SPLIT", 1_000)
    tok = tokenizer.train(CORPUS, 300, pattern=None)
    result = train_view.measured(train_view.TrainingResult(TrainedTokenizer(tok, "test"), CORPUS, "trained", 300))
    assert result.curve_is_estimate
    assert result.curve == token_counts_after_merges(len(CORPUS.encode()), tok.merge_counts)


def test_a_loaded_tokenizer_without_split_pattern_is_not_measured_on_a_long_corpus(monkeypatch):
    monkeypatch.setattr(train_view, "EXACT_CURVE_MAX_BYTES_WITHOUT_SPLIT", 1_000)
    tok = tokenizer.load_model_text(tokenizer.train(CORPUS, 300, pattern=None).model_text(), name="loaded")
    result = train_view.measured(train_view.TrainingResult(TrainedTokenizer(tok, "test"), CORPUS, "loaded from x.model"))
    assert result.curve is None
    assert result.curve_problem.startswith("without a split pattern the corpus (1,500 bytes) is a single chunk")


@pytest.mark.parametrize("pattern", ["gpt4", None])
def test_the_curve_is_measured_exactly_otherwise(pattern):
    tok = tokenizer.train(CORPUS, 300, pattern=pattern)
    result = train_view.measured(train_view.TrainingResult(TrainedTokenizer(tok, "test"), CORPUS, "trained", 300))
    assert not result.curve_is_estimate
    assert result.curve == compression_curve(tok, CORPUS)
    assert result.curve[-1] == len(tok.encode_ordinary(CORPUS))


def test_a_loaded_tokenizer_is_measured_on_the_corpus_in_the_box(app):
    saved = tokenizer.train(CORPUS, 290)
    open_train(app)
    app.text_area(key="train.text").input("the cat sat on the mat").run()
    app.file_uploader(key="train.model_upload").upload("cats.model", saved.model_text().encode(), "text/plain").run()
    figure = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert figure["data"][0]["customdata"][-1] == len(saved.encode_ordinary("the cat sat on the mat"))
    assert any(caption.value.startswith("Loaded from cats.model") for caption in app.caption)
    assert not app.exception
