"""Token counts merge by merge (`tokenizer.compression`): exact against encoding with the first k merges."""

import pytest

import tokenizer
from tokenizer import Tokenizer
from tokenizer.compression import compression_curve, curve_points, merge_applications, token_counts_after_merges
from ui.samples import sample_corpus

SMALL_CORPUS = "the cat sat on the mat; the hat is flat. " * 20 + "aaaa bbb aaaaaaa ... !!! \n\n\n\n"


def truncated(tok: Tokenizer, k: int) -> Tokenizer:
    """`tok` with only its first `k` merges."""
    return Tokenizer(dict(list(tok.merges.items())[:k]), tok.pattern)


@pytest.mark.parametrize("pattern", ["gpt4", "gpt2", None])
def test_curve_matches_encoding_with_the_first_k_merges(pattern):
    tok = tokenizer.train(SMALL_CORPUS, 300, pattern=pattern)
    curve = compression_curve(tok, SMALL_CORPUS)
    assert curve == [len(truncated(tok, k).encode_ordinary(SMALL_CORPUS)) for k in range(len(tok.merges) + 1)]


def test_curve_starts_at_the_bytes_and_ends_at_the_encoding():
    corpus = sample_corpus()
    tok = tokenizer.train(corpus, 512)
    curve = compression_curve(tok, corpus)
    assert len(curve) == len(tok.merges) + 1
    assert curve[0] == len(corpus.encode("utf-8"))
    assert curve[-1] == len(tok.encode_ordinary(corpus))


def test_applications_equal_the_training_counts_except_for_pairs_of_equal_tokens():
    tok = tokenizer.train(SMALL_CORPUS, 320)
    applications = merge_applications(tok.merges, tok.encode_ordinary(SMALL_CORPUS))
    for (left, right), applied, counted in zip(tok.merges, applications, tok.merge_counts):
        if left != right:
            assert applied == counted
        else:
            assert applied <= counted  # "aaa" counts (a, a) twice but merges it once


def test_sample_corpus_curve_equals_bytes_minus_the_training_counts():
    # The sample has no runs of three equal tokens, so the textbook's counts are exact there.
    corpus = sample_corpus()
    tok = tokenizer.train(corpus, 512)
    assert compression_curve(tok, corpus) == token_counts_after_merges(len(corpus.encode()), tok.merge_counts)


def test_counts_overstate_a_run_of_equal_tokens():
    tok = tokenizer.train("aaa", 257, pattern=None)
    assert tok.merge_counts == [2]
    assert compression_curve(tok, "aaa") == [3, 2]


def test_curve_of_a_loaded_tokenizer_on_another_text():
    tok = tokenizer.load_model_text(tokenizer.train(SMALL_CORPUS, 290).model_text())
    text = "the flat cat sat"
    assert compression_curve(tok, text) == [len(truncated(tok, k).encode_ordinary(text)) for k in range(len(tok.merges) + 1)]


def test_special_ids_are_ignored():
    assert merge_applications({(97, 98): 256}, [256, 300, 97]) == [1]


def test_empty_text_has_no_tokens_at_any_size():
    tok = tokenizer.train(SMALL_CORPUS, 260)
    assert compression_curve(tok, "") == [0] * 5


@pytest.mark.parametrize(
    "n_values, max_points, expected",
    [(0, 10, []), (1, 10, [0]), (3, 10, [0, 1, 2]), (10, 4, [0, 3, 6, 9]), (11, 4, [0, 3, 6, 9, 10])],
)
def test_curve_points_are_evenly_spaced_and_end_at_the_last(n_values, max_points, expected):
    assert curve_points(n_values, max_points) == expected


def test_curve_points_stay_bounded():
    points = curve_points(49_745)
    assert len(points) <= 1_001 and points[0] == 0 and points[-1] == 49_744
