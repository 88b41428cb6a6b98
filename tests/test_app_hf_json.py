"""Bringing a Hugging Face tokenizer.json to the app (Train page's loader) and downloading one,
through Streamlit's AppTest: the loaded tokenizer joins the pickers with Hugging Face's ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tokenizer
from tests.app_pages import open_page

hf = pytest.importorskip("tokenizers")

PAGE = "app_pages/train.py"
CORPUS = (Path(__file__).resolve().parent.parent / "assets" / "samples" / "corpus.txt").read_text(encoding="utf-8")


def hf_trained_json() -> str:
    """A tokenizer.json trained by Hugging Face's tokenizers: Split(GPT-4 regex) + ByteLevel."""
    tok = hf.Tokenizer(hf.models.BPE())
    split = hf.pre_tokenizers.Split(hf.Regex(tokenizer.hf_json.ONIGURUMA_GPT4_PATTERN), behavior="isolated")
    tok.pre_tokenizer = hf.pre_tokenizers.Sequence([split, hf.pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tok.decoder = hf.decoders.ByteLevel()
    trainer = hf.trainers.BpeTrainer(
        vocab_size=500, special_tokens=["<|endoftext|>"], initial_alphabet=hf.pre_tokenizers.ByteLevel.alphabet(), show_progress=False
    )
    tok.train_from_iterator([CORPUS], trainer)
    return tok.to_str()


def upload(app, file_name: str, content: bytes):
    open_page(app, PAGE)
    app.file_uploader(key="train.model_upload").upload(file_name, content, "application/json").run()
    assert not app.exception
    return app


def test_an_uploaded_tokenizer_json_joins_the_tokenize_picker_with_hugging_faces_ids(app, token_views):
    content = hf_trained_json()
    upload(app, "tokenizer.json", content.encode())
    assert app.success[0].value.startswith("Loaded tokenizer: 243 merges and 1 added tokens")
    app.switch_page("app_pages/tokenize.py")
    app.run()
    app.segmented_control(key="tokenize.encoding").set_value("tokenizer").run()
    text = app.text_area(key="tokenize.text").value
    assert token_views(app) == [("tokenizer", hf.Tokenizer.from_str(content).encode(text).ids)]
    assert not app.exception


def test_an_uploaded_tokenizer_json_is_in_the_merges_and_vocabulary_pickers(app, token_views):
    upload(app, "my hf.tokenizer.json", hf_trained_json().encode())
    app.switch_page("app_pages/vocabulary.py")
    app.run()
    app.segmented_control(key="vocabulary.encoding").set_value("my-hf.tokenizer").run()
    assert not app.exception
    app.switch_page("app_pages/merges.py")
    app.run()
    app.segmented_control(key="merges.encoding").set_value("my-hf.tokenizer").run()
    assert [name for name, _ in token_views(app)][:1] == ["my-hf.tokenizer"]
    assert not app.exception


def test_an_unsupported_tokenizer_json_is_refused_with_what_is_unsupported(app):
    document = json.loads(hf_trained_json())
    document["normalizer"] = {"type": "NFC"}
    upload(app, "nfc.json", json.dumps(document).encode())
    assert "can't be loaded" in app.error[0].value and "normalizer" in app.error[0].value


def test_malformed_json_is_refused(app):
    upload(app, "broken.json", b"{not json")
    assert "not valid JSON" in app.error[0].value


def test_a_trained_tokenizer_downloads_as_a_tokenizer_json_that_hugging_face_reads(app):
    open_page(app, PAGE, text=CORPUS, vocab_size="400", name="cats")
    app.button(key="train.run").click().run()
    button = next(button for button in app.get("download_button") if button.label == "Download cats.json")
    assert button is not None
    ours = app.session_state["trained_tokenizers"]["cats"].tokenizer
    theirs = hf.Tokenizer.from_str(tokenizer.to_tokenizer_json(ours))
    assert theirs.encode(CORPUS).ids == ours.encode(CORPUS, allowed_special="all")
    assert not app.exception


def test_a_downloaded_tokenizer_json_loads_back_as_the_page_result(app):
    saved = tokenizer.train(CORPUS, 300, "gpt4", ["<|end|>"], name="x")
    upload(app, "cats.json", tokenizer.to_tokenizer_json(saved).encode())
    assert app.success[0].value.startswith("Loaded cats: 44 merges and 1 special tokens.")
    assert app.session_state["trained_tokenizers"]["cats"].tokenizer.merges == saved.merges
