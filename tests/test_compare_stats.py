"""The comparison logic behind the Compare page: boundaries, differing tokens, ratios, categories."""

import pytest

import tokenizer
from tokenizer.compare import (
    CATEGORIES,
    category_counts,
    char_category,
    chunks_under_tokens,
    count_ratio,
    differing_tokens,
    ratio_sentence,
    token_boundaries,
)
from ui.samples import COMPARE_PRESETS


def byte_lengths(name: str, text: str) -> list[int]:
    encoding = tokenizer.get_encoding(name)
    return [len(data) for data in encoding.decode_tokens_bytes(encoding.encode(text))]


def test_token_boundaries_are_cumulative_byte_offsets():
    assert token_boundaries([3, 1, 2]) == [0, 3, 4, 6]
    assert token_boundaries([]) == [0]


def test_finer_cuts_are_marked_and_the_coarser_token_is_not():
    # GPT-2 on ":\n    def": ":" "\n" " " " " " " " def"; GPT-4: ":\n" "   " " def".
    # GPT-2's boundaries 1, 3 and 4 are not GPT-4's, so its first five tokens differ; every
    # GPT-4 token starts and ends on a GPT-2 boundary (0, 2, 5, 9), so none of them does.
    assert differing_tokens([[1, 1, 1, 1, 1, 4], [2, 3, 4]]) == [[0, 1, 2, 3, 4], []]


def test_tokens_cut_across_each_other_are_marked_on_both_sides():
    # "abcd": "ab" "cd" against "a" "bc" "d": only the outer offsets 0 and 4 are shared.
    assert differing_tokens([[2, 2], [1, 2, 1]]) == [[0, 1], [0, 1, 2]]


def test_identical_cuts_differ_nowhere():
    assert differing_tokens([[6, 6, 3], [6, 6, 3]]) == [[], []]


def test_a_single_encoding_differs_nowhere():
    assert differing_tokens([[1, 2, 3]]) == [[]]


def test_with_three_encodings_a_boundary_must_be_shared_by_all_others():
    # Offset 1 is a boundary of the first two but not the third: their tokens touching it differ.
    assert differing_tokens([[1, 1], [1, 1], [2]]) == [[0, 1], [0, 1], []]


def test_real_encodings_on_python_indentation():
    text = COMPARE_PRESETS["Python indentation"]
    gpt2, gpt4 = byte_lengths("r50k_base", text), byte_lengths("cl100k_base", text)
    marked_gpt2, marked_gpt4 = differing_tokens([gpt2, gpt4])
    encoding = tokenizer.get_encoding("r50k_base")
    pieces = encoding.decode_tokens_bytes(encoding.encode(text))
    # GPT-2 spends one token per space of indentation and splits ":\n", "(self", '!"\n'; GPT-4
    # keeps each of those whole, and cuts nowhere GPT-2 does not: only GPT-2's pieces differ.
    assert {pieces[i] for i in marked_gpt2} == {b" ", b":", b"\n", b"):", b"(", b"self", b'!"'}
    assert sum(pieces[i] == b" " for i in marked_gpt2) == pieces.count(b" ")
    assert marked_gpt4 == []


def test_count_ratio_and_its_sentence():
    assert count_ratio(18, 25) == 0.72
    assert count_ratio(3, 0) is None
    assert ratio_sentence("GPT-4", 18, "GPT-2", 25) == "GPT-4 uses 0.72× the tokens of GPT-2 (18 against 25)."
    assert ratio_sentence("GPT-4o", 1_200, "GPT-2", 1_000) == "GPT-4o uses 1.20× the tokens of GPT-2 (1,200 against 1,000)."


@pytest.mark.parametrize(
    "char, category",
    [
        (" ", "whitespace"),
        ("\n", "whitespace"),
        ("\u3000", "whitespace"),
        ("7", "digits"),
        ("٣", "digits"),
        ("a", "letters"),
        ("É", "letters"),
        ("\u0301", "letters"),
        ("!", "punctuation"),
        ("+", "punctuation"),
        ("。", "punctuation"),
        ("🎉", "punctuation"),
        ("ж", "non-Latin"),
        ("世", "non-Latin"),
        ("ा", "non-Latin"),
        ("\x00", "other"),
        ("½", "other"),
    ],
)
def test_char_category(char, category):
    assert char_category(char) == category


def test_category_counts_by_hand():
    # "hi" letters, "  " whitespace, "4" "2" digits, "!?" punctuation, "a1" mixed.
    counts = category_counts("hi  42!?a1", [2, 2, 1, 1, 2, 2])
    assert counts == {
        "whitespace": (1, 2),
        "digits": (2, 2),
        "letters": (1, 2),
        "punctuation": (1, 2),
        "non-Latin": (0, 0),
        "other": (0, 0),
        "mixed": (1, 2),
    }
    assert list(counts) == list(CATEGORIES)


def test_a_token_holding_part_of_a_character_counts_in_its_category():
    # "世" is 3 bytes; cut 2 + 1, then " " alone: the character is counted once, where it starts.
    counts = category_counts("世 ", [2, 1, 1])
    assert counts["non-Latin"] == (2, 1)
    assert counts["whitespace"] == (1, 1)


def test_a_token_across_a_category_change_is_mixed():
    assert category_counts(" hello", [6])["mixed"] == (1, 6)


@pytest.mark.parametrize("name", ["r50k_base", "cl100k_base", "o200k_base"])
@pytest.mark.parametrize("preset", list(COMPARE_PRESETS))
def test_category_counts_cover_every_token_and_character(name, preset):
    text = COMPARE_PRESETS[preset]
    lengths = byte_lengths(name, text)
    counts = category_counts(text, lengths)
    assert sum(tokens for tokens, _ in counts.values()) == len(lengths)
    assert sum(chars for _, chars in counts.values()) == len(text)


def test_category_counts_of_an_empty_text_are_zero():
    assert set(category_counts("", []).values()) == {(0, 0)}


def test_category_counts_refuse_lengths_that_do_not_cover_the_text():
    with pytest.raises(ValueError, match="The tokens cover 2 bytes but the text has 3"):
        category_counts("abc", [1, 1])


def test_lone_surrogates_are_counted_as_the_engine_encodes_them():
    text = "a\ud800b"
    counts = category_counts(text, byte_lengths("cl100k_base", text))
    assert sum(chars for _, chars in counts.values()) == 3


def test_chunks_under_tokens_are_the_chunks_a_run_of_tokens_touches():
    chunks = [("Hello", (0, 5)), (" world", (5, 11)), ("!", (11, 12))]
    assert chunks_under_tokens(chunks, b"", b"Hello world!") == (0, 3)
    assert chunks_under_tokens(chunks, b"Hel", b"lo") == (0, 1)  # inside one chunk
    assert chunks_under_tokens(chunks, b"Hel", b"lo w") == (0, 2)  # across a boundary
    assert chunks_under_tokens(chunks, b"Hello", b" world") == (1, 2)  # exactly one chunk
    assert chunks_under_tokens(chunks, b"Hello world!", b"") == (3, 3)  # nothing after the end


def test_a_run_starting_or_ending_inside_a_character_touches_its_chunk():
    chunks = [("a", (0, 1)), ("é", (1, 2)), ("b", (2, 3))]  # é is two bytes, c3 a9
    assert chunks_under_tokens(chunks, b"a\xc3", b"\xa9b") == (1, 3)
    assert chunks_under_tokens(chunks, b"", b"a\xc3") == (0, 2)


@pytest.mark.parametrize("name", ["r50k_base", "cl100k_base", "o200k_base"])
@pytest.mark.parametrize("preset", sorted(COMPARE_PRESETS))
def test_the_chunks_under_each_page_of_tokens_cover_exactly_its_text(name, preset):
    encoding = tokenizer.get_encoding(name)
    text = COMPARE_PRESETS[preset] + " 🦙 héllo"
    ids = encoding.encode(text)
    chunks = encoding.pre_tokenize(text)
    spans = [span for _, span in chunks]
    size = 5
    for start in range(0, len(ids), size):
        before, page = encoding.decode_bytes(ids[:start]), encoding.decode_bytes(ids[start : start + size])
        first, end = chunks_under_tokens(chunks, before, page)
        first_char = len(before.decode("utf-8", errors="ignore"))
        end_char = len((before + page).decode("utf-8", errors="replace"))
        # The chunks hold the page's characters, and neither the first nor the last one is extra.
        assert spans[first][0] <= first_char < spans[first][1]
        assert spans[end - 1][0] < end_char <= spans[end - 1][1]
