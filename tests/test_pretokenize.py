"""Pre-tokenization: split patterns, units, user patterns and their errors."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tokenizer.ascii_patterns import ascii_twin
from tokenizer.pretokenize import PatternError, SplitPattern
from tokenizer.registry import PATTERNS
from tokenizer.unicode_gap import as_tiktoken_sees
from tokenizer.units import units_by_key

def chunks_of_whole_text(name: str, text: str) -> list[str]:
    """The pattern run over the whole text, as tiktoken's Unicode tables see it."""
    return [text[m.start() : m.end()] for m in regex.finditer(PATTERNS[name], as_tiktoken_sees(text))]


pieces = st.sampled_from([" ", "  ", "\n", "\t", "\r\n", "\r", "\n    ", "\n\t", "a", "Ab", "'s", "'LL", "12", "3456", "!", "?!", ")", "é", "😀", "中", "\u00a0", "\u3000", "\x85", "\x1c", "/", "x y", ". ", "\U00011db0", " \n", "\n ", "é ", " é", "b\n", "\n\n"])


def chunks_through_units(split: SplitPattern, text: str) -> list[str]:
    """The chunks of `text` as the encoder gets them: each unit's chunks, from the distinct units' scan."""
    units, distinct, chunks, unit_ends = split.chunk_units(text)
    owned, start = {}, 0
    for unit, end in zip(distinct, unit_ends.tolist()):
        owned[unit], start = chunks[start:end], end
    return [chunk for unit in units for chunk in owned[unit]]


@pytest.mark.parametrize("name", PATTERNS)
@settings(max_examples=400, deadline=None)
@given(text=st.lists(pieces, max_size=40).map("".join))
def test_units_give_exactly_the_chunks_of_the_whole_text(name, text):
    assert chunks_through_units(SplitPattern(PATTERNS[name]), text) == chunks_of_whole_text(name, text)


@pytest.mark.parametrize("name", PATTERNS)
@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60))
def test_units_match_findall_on_arbitrary_text(name, text):
    assert chunks_through_units(SplitPattern(PATTERNS[name]), text) == chunks_of_whole_text(name, text)


ascii_pieces = st.sampled_from([" ", "  ", "\n", "\t", "\r\n", "\r", "\n    ", "\x0b", "\x0c", "\x1c", "\x00", "a", "Ab", "aB", "ABC", "ABc", "'s", "'LL", "'Re", "'", "Ab'S", "'ve", "x'd", "12", "3456", "!", "?!", ")", "/", "x y", ". ", "_", "\x7f"])


@pytest.mark.parametrize("name", PATTERNS)
@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.lists(ascii_pieces, max_size=40).map("".join), st.text(st.characters(max_codepoint=127), max_size=60)))
def test_ascii_twins_split_ascii_text_as_the_patterns_do(name, text):
    assert ascii_twin(PATTERNS[name]).findall(text) == regex.findall(PATTERNS[name], text)
    assert SplitPattern(PATTERNS[name]).chunks(text) == chunks_of_whole_text(name, text)
    assert [text[a:b] for a, b in SplitPattern(PATTERNS[name]).chunk_spans(text)] == chunks_of_whole_text(name, text)


def test_no_pattern_is_one_chunk():
    assert SplitPattern(None).chunks("a b c") == ["a b c"]
    assert SplitPattern(None).chunks("") == []


def test_user_pattern_keeps_the_text_it_does_not_match():
    assert SplitPattern(r"\w+").chunks("hi there, you!") == ["hi", " ", "there", ", ", "you", "!"]


def test_user_pattern_matching_the_empty_string_still_covers_the_text():
    assert SplitPattern(r"x*").chunks("axxb") == ["a", "xx", "b"]


def test_invalid_pattern_raises_value_error_with_the_regex_error():
    with pytest.raises(ValueError, match="not a valid regular expression: missing \\)"):
        SplitPattern("(ab")


def test_huge_repeat_count_is_refused_before_compiling():
    with pytest.raises(PatternError, match="repeats something 1000000000 times"):
        SplitPattern("a{1000000000}")


def test_empty_pattern_is_refused():
    with pytest.raises(PatternError, match="empty"):
        SplitPattern("")


def test_catastrophic_pattern_fails_with_a_clear_error():
    split = SplitPattern(r"(a|aa)+$")
    with pytest.raises(PatternError, match="took too long"):
        split.chunks("a" * 40 + "b")


def test_user_pattern_timeout_on_a_short_text_is_under_five_seconds():
    assert SplitPattern(r"\w+")._timeout("a" * 1000) <= 5


def test_units_of_code_start_at_indented_lines():
    from tokenizer.registry import GPT2_PATTERN, GPT4_PATTERN, GPT4O_PATTERN
    from tokenizer.units import cut_units

    code = "def f(x):\n    return x\n"
    assert cut_units(code, GPT4_PATTERN) == ["def", " f(x):\n", "    return", " x\n"]
    assert cut_units(code, GPT4O_PATTERN) == ["def", " f(x):\n", "    return", " x\n"]
    # GPT-2's pattern lets "\n   " be one chunk, so its units start at the whitespace instead.
    assert cut_units(code, GPT2_PATTERN) == ["def", " f(x):", "\n    return", " x", "\n"]
    assert cut_units("a\u3000b  c", GPT2_PATTERN) == ["a", "\u3000b", "  c"]


def test_units_are_for_the_built_in_patterns_only():
    from tokenizer.units import cut_units

    with pytest.raises(ValueError, match="built-in"):
        cut_units("a b", r"\w+")


@pytest.mark.parametrize("name", PATTERNS)
@settings(max_examples=300, deadline=None)
@given(text=st.lists(pieces, max_size=40).map("".join))
def test_unit_keys_give_back_the_text(name, text):
    keys, distinct, unit_of = units_by_key(text, PATTERNS[name])
    assert "".join(map(unit_of, keys)) == text
    assert distinct == list(dict.fromkeys(keys))
    assert len(set(map(unit_of, set(keys)))) == len(set(keys))  # equal keys are equal units, and only they


def test_prose_units_are_cut_at_every_space_and_keyed_without_copies():
    keys, _, unit_of = units_by_key("Call me Ishmael. Some\nyears ago", PATTERNS["gpt4o"])
    assert keys == ["Call ", "me", "Ishmael.", "Some\nyears", "ago"]
    assert [unit_of(key) for key in keys] == ["Call", " me", " Ishmael.", " Some\nyears", " ago"]
    # Whitespace before a space (an indent, a double space): the units are cut the general way.
    assert units_by_key("a\n  b", PATTERNS["gpt4"])[0] == ["a\n", "  b"]
    assert units_by_key("a\n b", PATTERNS["gpt4"])[0] == ["a\n", " b"]
    assert units_by_key("a b\n c", PATTERNS["gpt4"])[0] == ["a", " b\n", " c"]
    # Whitespace may end the text's last piece only: there it is followed by no space.
    assert units_by_key("a b\n", PATTERNS["gpt4"])[0] == ["a ", "b\n"]
    assert units_by_key("a b\n b\n", PATTERNS["gpt4"])[0] == ["a", " b\n", " b\n"]
