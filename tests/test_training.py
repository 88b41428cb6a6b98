"""Training: the fast trainer learns exactly the textbook's merges, and the trained Tokenizer works."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokenizer
from tokenizer.pretokenize import SplitPattern
from tokenizer.registry import PATTERNS
from tokenizer.training import count_chunks, learn_merges, resolve_pattern

from tests.reference_bpe import merge, train_reference

LICENSES = Path("/usr/share/common-licenses")


def license_text(name: str, size: int) -> str:
    """The start of a licence text shipped with Debian, or a made-up English text without it."""
    path = LICENSES / name
    if path.exists():
        return path.read_text(encoding="utf-8", errors="replace")[:size]
    words = "the licence grants you the right to copy modify and distribute the software".split()
    return " ".join(words[(i * 7) % len(words)] for i in range(size // 5))[:size]


TEXTS = {
    "english": license_text("GPL-3", 3000),
    "code": "def f(x):\n    return x ** 2  # square\n\nfor i in range(10):\n    print(f(i), i)\n" * 5,
    "unicode": "héllo wörld! 안녕하세요 세계 😀😀😀 👩‍👩‍👧 ÅÅÅ ﬁ 日本語のテキスト " * 4,
    "repeated": "aaaaaa aaaa bbbbbbbbb aaaaaaaaaaa ab ab ab abab",
    "digits": "12345 678 9012 3.14159 2,718 1000000 " * 6,
    "one_char": "a",
    "empty": "",
}
PATTERN_CHOICES = {
    "none": None,
    "gpt2": "gpt2",
    "gpt4": "gpt4",
    "gpt4o": "gpt4o",
    "custom": r"\p{L}+|\p{N}|[^\p{L}\p{N}]+",
    "matches_empty": r"\w*",
}


def assert_same_as_reference(text: str, vocab_size: int, pattern):
    tok = tokenizer.train(text, vocab_size, pattern=pattern)
    merges, counts = train_reference(text, vocab_size, resolve_pattern(pattern))
    assert list(tok.merges.items()) == list(merges.items())
    assert tok.merge_counts == counts


# ---------------------------------------------------------------------- textbook semantics


@pytest.mark.parametrize("pattern", PATTERN_CHOICES.values(), ids=PATTERN_CHOICES.keys())
@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_merges_and_counts_equal_the_textbook_trainer(text, pattern):
    assert_same_as_reference(text, 256 + 120, pattern)


@pytest.mark.parametrize("length", [2, 3, 4, 5, 6, 7, 16, 33, 1000])
def test_runs_of_one_character_merge_as_the_textbook_does(length):
    assert_same_as_reference("a" * length, 300, None)


@given(st.text(alphabet="ab \n😀é", max_size=40), st.sampled_from([None, "gpt2", "gpt4", r"a+|b|\s"]))
@settings(max_examples=150, deadline=None)
def test_small_texts_train_like_the_textbook(text, pattern):
    assert_same_as_reference(text, 300, pattern)


@given(st.text(max_size=60), st.sampled_from([None, "gpt4o"]))
@settings(max_examples=100, deadline=None)
def test_any_unicode_text_trains_like_the_textbook(text, pattern):
    assert_same_as_reference(text, 280, pattern)


def test_overlapping_pairs_are_counted_twice():
    assert tokenizer.train("aaa", 257, pattern=None).merge_counts == [2]


def test_occurrences_are_replaced_left_to_right():
    tok = tokenizer.train("aaa", 258, pattern=None)
    assert tok.merges == {(97, 97): 256, (256, 97): 257}


def test_ties_go_to_the_smallest_pair():
    # Every pair of "dcba" occurs once: (98, 97) is the smallest.
    assert list(tokenizer.train("dcba", 257, pattern=None).merges) == [(98, 97)]


def test_new_ids_count_up_from_256():
    tok = tokenizer.train(TEXTS["english"], 300, pattern="gpt4")
    assert list(tok.merges.values()) == list(range(256, 300))


def test_training_stops_when_every_chunk_is_one_token():
    tok = tokenizer.train("ab ab", 1000, pattern="gpt2")
    assert tok.merges == {(97, 98): 256, (32, 256): 257}
    assert tok.merge_counts == [2, 1]


def test_vocab_size_256_learns_no_merges():
    assert tokenizer.train("hello", 256).merges == {}


def test_pairs_never_cross_chunks():
    tok = tokenizer.train("a.a.a.", 300, pattern=r"a|\.")
    assert tok.merges == {}


def test_distinct_chunks_are_weighted_by_their_count():
    assert learn_merges({"ab": 5, "ba": 3}, 2) == ([(97, 98), (98, 97)], [5, 3])


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_count_chunks_counts_each_chunk_of_the_pattern(text):
    split = SplitPattern(PATTERNS["gpt4"])
    assert count_chunks(text, split) == Counter(split.chunks(text))


def test_no_pattern_makes_the_whole_text_one_chunk():
    assert count_chunks("a b. c", SplitPattern(None)) == {"a b. c": 1}


def test_lone_surrogates_train_as_the_replacement_character():
    tok = tokenizer.train("a\ud800a\ud800", 300, pattern=None)
    assert tok.merges == tokenizer.train("a\ufffda\ufffd", 300, pattern=None).merges


# ---------------------------------------------------------------------- arguments


@pytest.mark.parametrize("vocab_size", [255, 0, -1, 300.0, "300", None, True])
def test_bad_vocab_size_raises_value_error(vocab_size):
    with pytest.raises(ValueError, match="vocab_size"):
        tokenizer.train("hello", vocab_size)


def test_text_that_is_not_a_string_raises_value_error():
    with pytest.raises(ValueError, match="must be a string"):
        tokenizer.train(b"hello", 300)


@pytest.mark.parametrize("name", ["gpt2", "gpt4", "gpt4o"])
def test_named_pattern_is_the_registry_pattern(name):
    tok = tokenizer.train("hello world", 260, pattern=name)
    assert (tok.pattern, tok.pat_str, tok.pattern_name) == (PATTERNS[name], PATTERNS[name], name)


def test_no_pattern_is_named_none():
    tok = tokenizer.train("hello world", 260, pattern=None)
    assert (tok.pattern, tok.pattern_name) == (None, "none")


def test_custom_pattern_is_named_custom():
    tok = tokenizer.train("hello world", 260, pattern=r"\w+|\s+")
    assert (tok.pattern, tok.pattern_name) == (r"\w+|\s+", "custom")


def test_invalid_pattern_raises_value_error_with_the_regex_error():
    with pytest.raises(ValueError, match="not a valid regular expression: missing \\)"):
        tokenizer.train("hello", 300, pattern="(ab")


def test_catastrophic_pattern_raises_a_clear_error():
    with pytest.raises(tokenizer.PatternError, match="took too long"):
        tokenizer.train("a" * 40 + "b", 300, pattern=r"(a|aa)+$")


def test_pattern_matching_the_empty_string_keeps_all_text():
    tok = tokenizer.train("hello, world!", 300, pattern=r"\w*")
    assert tok.decode(tok.encode("hello, world!")) == "hello, world!"


def test_pattern_of_another_type_raises_value_error():
    with pytest.raises(ValueError, match="pattern must be one of"):
        tokenizer.train("hello", 300, pattern=4)


def test_default_name_says_pattern_and_vocab_size():
    assert tokenizer.train("hello world", 512).name == "trained-gpt4-512"


def test_name_can_be_given():
    assert tokenizer.train("hello world", 512, name="mine").name == "mine"


# ---------------------------------------------------------------------- progress


def test_progress_reports_about_every_percent_and_at_the_end():
    calls = []
    tokenizer.train(TEXTS["english"], 256 + 400, pattern="gpt4", progress=lambda done, total: calls.append((done, total)))
    assert calls == [(done, 400) for done in range(4, 401, 4)]


def test_progress_reaches_the_total_when_training_stops_early():
    calls = []
    tokenizer.train("ab", 1256, pattern=None, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1000, 1000)]


def test_an_exception_in_progress_stops_training():
    class Cancelled(Exception):
        pass

    def cancel(done, total):
        raise Cancelled

    with pytest.raises(Cancelled):
        tokenizer.train(TEXTS["english"], 1000, progress=cancel)


# ---------------------------------------------------------------------- special tokens


def test_special_tokens_given_as_a_list_follow_the_last_merge():
    tok = tokenizer.train("ab ab", 1000, pattern="gpt2", special_tokens=["<|end|>", "<|pad|>"])
    assert tok.special_tokens == {"<|end|>": 258, "<|pad|>": 259}


def test_special_tokens_given_as_a_dict_keep_their_ids():
    tok = tokenizer.train("hello world", 300, special_tokens={"<|end|>": 1000})
    assert tok.special_tokens == {"<|end|>": 1000}


def test_allowed_special_tokens_encode_to_their_id():
    tok = tokenizer.train("hello world", 300, special_tokens={"<|end|>": 1000})
    assert tok.encode("hi<|end|>", allowed_special="all") == tok.encode("hi") + [1000]


def test_disallowed_special_token_raises():
    tok = tokenizer.train("hello world", 300, special_tokens=["<|end|>"])
    with pytest.raises(ValueError, match="disallowed special token"):
        tok.encode("<|end|>")


def test_special_token_id_colliding_with_a_merge_raises():
    with pytest.raises(ValueError, match="ids 0 to 299 are bytes and merges"):
        tokenizer.train(TEXTS["english"], 300, special_tokens={"<|end|>": 280})


@pytest.mark.parametrize(
    "special_tokens, message",
    [
        ({"<|a|>": 400, "<|b|>": 400}, "the same id"),
        (["<|a|>", "<|a|>"], "listed twice"),
        ("<|a|>", "got the string"),
        ({"": 400}, "non-empty strings"),
        ({"<|a|>": "400"}, "must be an integer"),
    ],
)
def test_bad_special_tokens_raise_value_error(special_tokens, message):
    with pytest.raises(ValueError, match=message):
        tokenizer.train("hello world", 300, special_tokens=special_tokens)


# ---------------------------------------------------------------------- the trained tokenizer


def test_trained_tokenizer_is_an_encoding():
    assert isinstance(tokenizer.train("hello", 260), tokenizer.Encoding)


def test_vocab_maps_each_id_to_its_bytes():
    tok = tokenizer.train(TEXTS["english"], 400, special_tokens=["<|end|>"])
    vocab = tok.vocab
    assert all(vocab[new] == vocab[left] + vocab[right] for (left, right), new in tok.merges.items())
    assert [vocab[b] for b in range(256)] == [bytes([b]) for b in range(256)]
    assert vocab[400] == b"<|end|>"


def test_merges_are_a_copy():
    tok = tokenizer.train("hello hello", 260)
    tok.merges.clear()
    assert len(tok.merges) == 4


@pytest.mark.parametrize("pattern", [None, "gpt2", "gpt4"])
def test_trace_of_a_trained_tokenizer_ends_at_encode_ordinary(pattern):
    tok = tokenizer.train(TEXTS["english"], 500, pattern=pattern)
    text = TEXTS["code"] + TEXTS["english"][:500]
    trace = tok.trace(text)
    assert trace.state(len(trace)) == tok.encode_ordinary(text)


def test_encoding_the_training_text_replays_the_training_merges():
    text = TEXTS["english"]
    tok = tokenizer.train(text, 256 + 200, pattern="gpt4")
    chunks = [list(chunk.encode()) for chunk in SplitPattern(PATTERNS["gpt4"]).chunks(text)]
    for pair, new in tok.merges.items():
        chunks = [merge(ids, pair, new) for ids in chunks]
    assert tok.encode(text) == [token for ids in chunks for token in ids]


@given(st.text(max_size=200), st.sampled_from([None, "gpt2", "gpt4", "gpt4o"]))
@settings(max_examples=100, deadline=None)
def test_trained_tokenizer_round_trips_its_training_text(text, pattern):
    tok = tokenizer.train(text, 300, pattern=pattern)
    assert tok.decode(tok.encode(text)) == text


def test_tokenizer_refuses_merges_out_of_order():
    with pytest.raises(ValueError, match="ids 256, 257, ... in order"):
        tokenizer.Tokenizer({(97, 98): 257}, None)


def test_tokenizer_refuses_a_merge_of_an_id_that_does_not_exist_yet():
    with pytest.raises(ValueError, match="two ids that exist before it"):
        tokenizer.Tokenizer({(97, 256): 256}, None)
