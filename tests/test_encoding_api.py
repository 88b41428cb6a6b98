"""The Encoding API: tiktoken's names and semantics, and clear errors."""

from __future__ import annotations

import numpy as np
import pytest

import tokenizer
from tokenizer import UnknownTokenError


@pytest.mark.parametrize(
    "name, canonical",
    [
        ("gpt2", "r50k_base"),
        ("gpt4", "cl100k_base"),
        ("gpt4o", "o200k_base"),
        ("r50k_base", "r50k_base"),
        ("cl100k_base", "cl100k_base"),
        ("o200k_base", "o200k_base"),
        ("GPT4", "cl100k_base"),
    ],
)
def test_get_encoding_accepts_names_and_aliases(name, canonical):
    assert tokenizer.get_encoding(name).name == canonical


def test_get_encoding_returns_the_same_object_each_time():
    assert tokenizer.get_encoding("gpt4") is tokenizer.get_encoding("cl100k_base")


def test_unknown_encoding_raises_value_error_listing_known_names():
    with pytest.raises(ValueError) as error:
        tokenizer.get_encoding("gpt5_base")
    for known in ("r50k_base", "cl100k_base", "o200k_base", "gpt2", "gpt4", "gpt4o"):
        assert known in str(error.value)


def test_list_encodings():
    assert tokenizer.list_encodings() == ["r50k_base", "cl100k_base", "o200k_base"]


@pytest.mark.parametrize(
    "model, name",
    [
        ("gpt-2", "r50k_base"),
        ("gpt-3.5-turbo", "cl100k_base"),
        ("gpt-4", "cl100k_base"),
        ("gpt-4-0613", "cl100k_base"),
        ("gpt-4o", "o200k_base"),
        ("gpt-4o-2024-05-13", "o200k_base"),
        ("text-embedding-3-small", "cl100k_base"),
    ],
)
def test_encoding_for_model(model, name):
    assert tokenizer.encoding_for_model(model).name == name


def test_unknown_model_raises_value_error():
    with pytest.raises(ValueError, match="Could not map model"):
        tokenizer.encoding_for_model("my-llm")


def test_properties_equal_tiktoken(encoding_pair):
    ours, reference = encoding_pair
    assert ours.n_vocab == reference.n_vocab
    assert ours.max_token_value == reference.max_token_value
    assert ours.eot_token == reference.eot_token
    assert ours.special_tokens_set == reference.special_tokens_set
    assert ours.pat_str == reference._pat_str


def test_special_tokens_as_published():
    assert tokenizer.get_encoding("gpt2").special_tokens == {"<|endoftext|>": 50256}
    assert tokenizer.get_encoding("gpt4").special_tokens == {
        "<|endoftext|>": 100257,
        "<|fim_prefix|>": 100258,
        "<|fim_middle|>": 100259,
        "<|fim_suffix|>": 100260,
        "<|endofprompt|>": 100276,
    }
    assert tokenizer.get_encoding("gpt4o").special_tokens == {"<|endoftext|>": 199999, "<|endofprompt|>": 200018}


def test_disallowed_special_token_raises_naming_it():
    enc = tokenizer.get_encoding("gpt4")
    with pytest.raises(ValueError, match=r"disallowed special token '<\|endoftext\|>'"):
        enc.encode("hi <|endoftext|>")


def test_explicitly_disallowed_special_token_raises_even_if_others_allowed():
    enc = tokenizer.get_encoding("gpt4")
    with pytest.raises(ValueError, match="fim_prefix"):
        enc.encode("<|fim_prefix|>", allowed_special={"<|endoftext|>"}, disallowed_special={"<|fim_prefix|>"})


def test_allowed_special_token_becomes_its_id():
    enc = tokenizer.get_encoding("gpt4")
    assert enc.encode("<|endoftext|>", allowed_special={"<|endoftext|>"}) == [100257]


def test_allowing_an_unknown_special_token_raises():
    with pytest.raises(ValueError, match="not special tokens"):
        tokenizer.get_encoding("gpt4").encode("x", allowed_special={"<|nope|>"})


def test_encode_ordinary_treats_special_text_as_text(encoding_pair):
    ours, reference = encoding_pair
    assert ours.encode_ordinary("<|endoftext|>") == reference.encode_ordinary("<|endoftext|>")


def test_encode_batch_equals_tiktoken(encoding_pair):
    ours, reference = encoding_pair
    texts = ["hello world", "", "<|endoftext|> x", "😀"]
    assert ours.encode_batch(texts, allowed_special="all") == reference.encode_batch(texts, allowed_special="all")


def test_encode_single_token(encoding_pair):
    ours, reference = encoding_pair
    for text in [" world", "hello", "<|endoftext|>", b"\xff"]:
        try:
            expected = reference.encode_single_token(text)
        except KeyError:
            with pytest.raises(KeyError):
                ours.encode_single_token(text)
        else:
            assert ours.encode_single_token(text) == expected


def test_encode_single_token_of_several_tokens_raises_key_error():
    with pytest.raises(KeyError):
        tokenizer.get_encoding("gpt4").encode_single_token("hello world and more")


def test_decode_functions_equal_tiktoken(encoding_pair):
    ours, reference = encoding_pair
    ids = reference.encode("héllo wörld 😀 <|endoftext|>", allowed_special="all")
    assert ours.decode(ids) == reference.decode(ids)
    assert ours.decode_bytes(ids) == reference.decode_bytes(ids)
    assert ours.decode_tokens_bytes(ids) == reference.decode_tokens_bytes(ids)
    assert [ours.decode_single_token_bytes(i) for i in ids] == [reference.decode_single_token_bytes(i) for i in ids]


@pytest.mark.parametrize("text", ["hello world", "héllo 😀 中文 données", "👨‍👩‍👧‍👦", "a\n\nb"])
def test_decode_with_offsets_equals_tiktoken(encoding_pair, text):
    ours, reference = encoding_pair
    ids = reference.encode(text)
    assert ours.decode_with_offsets(ids) == reference.decode_with_offsets(ids)


def test_decode_partial_utf8_uses_replacement_by_default():
    enc = tokenizer.get_encoding("gpt2")
    ids = enc.encode("😀")
    assert enc.decode(ids[:1]) == "\ufffd"
    with pytest.raises(UnicodeDecodeError):
        enc.decode(ids[:1], errors="strict")


@pytest.mark.parametrize("bad_id", [-1, 10**9, 100256, 100261, 100275])
def test_decoding_an_unknown_id_raises_with_a_message(bad_id):
    enc = tokenizer.get_encoding("cl100k_base")
    with pytest.raises(UnknownTokenError) as error:
        enc.decode([15339, bad_id])
    assert str(bad_id) in str(error.value)
    assert isinstance(error.value, KeyError) and isinstance(error.value, ValueError)


@pytest.mark.parametrize("bad_id", ["12", 1.5, None])
def test_decoding_a_non_integer_raises_with_a_message(bad_id):
    with pytest.raises(UnknownTokenError, match="integers"):
        tokenizer.get_encoding("gpt2").decode([bad_id])


def test_numpy_integer_ids_decode():
    enc = tokenizer.get_encoding("gpt2")
    assert enc.decode(np.array(enc.encode("hello world"))) == "hello world"


def test_decode_accepts_any_iterable():
    enc = tokenizer.get_encoding("gpt2")
    assert enc.decode(iter(enc.encode("hello world"))) == "hello world"


def test_empty_text_encodes_to_nothing(encoding_pair):
    ours, _ = encoding_pair
    assert ours.encode("") == []
    assert ours.decode([]) == ""


@pytest.mark.parametrize("text", [" " * 1_000_000 + "x", "a" * 300_000, "\x00" * 1000])
def test_huge_or_odd_input_does_not_crash(text):
    enc = tokenizer.get_encoding("o200k_base")
    assert enc.decode(enc.encode(text)) == text


def test_pre_tokenize_gives_chunks_with_spans():
    enc = tokenizer.get_encoding("gpt4")
    assert enc.pre_tokenize("Hello world!!") == [("Hello", (0, 5)), (" world", (5, 11)), ("!!", (11, 13))]
