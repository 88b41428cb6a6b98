"""Characters newer than tiktoken's Unicode tables are split as tiktoken splits them."""

from __future__ import annotations

import sys
import unicodedata

import pytest
import regex

from tokenizer.pretokenize import SplitPattern
from tokenizer.registry import PATTERNS
from tokenizer.training import count_chunks
from tokenizer.unicode_gap import NEWER_THAN_TIKTOKEN, UNASSIGNED_STAND_IN, as_tiktoken_sees

NEWER = [code for first, last in NEWER_THAN_TIKTOKEN for code in range(first, last + 1)]
LETTER_DIGIT_OR_MARK = regex.compile(r"[\p{L}\p{N}\p{M}]")
# Letters, digits and marks Python 3.11's tables (Unicode 14) do not know: those of Unicode 15
# and 16, which tiktoken knows, and those of Unicode 17, which it does not.
RECENT = [
    code
    for code in range(0x80, sys.maxunicode + 1)
    if not 0xD800 <= code < 0xE000
    and unicodedata.category(chr(code)) == "Cn"
    and LETTER_DIGIT_OR_MARK.match(chr(code))
]


def test_the_table_holds_only_what_the_regex_module_calls_letters_digits_or_marks():
    assert len(NEWER) == 4_699
    assert all(LETTER_DIGIT_OR_MARK.match(chr(code)) for code in NEWER)
    assert not LETTER_DIGIT_OR_MARK.match(UNASSIGNED_STAND_IN) and not UNASSIGNED_STAND_IN.isspace()


def test_the_stand_in_keeps_every_character_in_place():
    text = "a\U00011db0b \U000323b0's"
    seen = as_tiktoken_sees(text)
    assert len(seen) == len(text)
    assert seen == "a\u0378b \u0378's"
    assert as_tiktoken_sees("plain text, and é, 中文") == "plain text, and é, 中文"


def test_recent_letters_are_found_in_python_tables_older_than_regex():
    assert len(RECENT) > len(NEWER)
    assert set(NEWER) <= set(RECENT)


@pytest.mark.parametrize("probe", ["{c}'s", "a{c}A", "A{c}a", " {c}{c}'S 1{c}"])
def test_recent_characters_encode_as_tiktoken_encodes_them(encoding_pair, probe):
    ours, reference = encoding_pair
    for code in RECENT:
        text = probe.format(c=chr(code))
        assert ours.encode_ordinary(text) == reference.encode_ordinary(text), f"U+{code:04X} in {text!r}"


def test_trace_and_chunks_split_as_tiktoken_does(encoding_pair):
    ours, reference = encoding_pair
    text = "Tolong Siki \U00011db0\U00011db1's, CJK J \U000323b0\U000323b1 and \u1acfa's."
    assert ours.encode(text) == reference.encode(text)
    trace = ours.trace(text)
    assert trace.state(len(trace.steps)) == reference.encode(text)
    # To tiktoken, U+11DB0 is unassigned: like punctuation, it takes the apostrophe along.
    assert [chunk for chunk, _ in ours.pre_tokenize("a\U00011db0's")] == ["a", "\U00011db0'", "s"]


def test_training_splits_as_tiktoken_does():
    counts = count_chunks("x\U00011db0's x\U00011db0's", SplitPattern(PATTERNS["gpt4"]))
    assert counts == {"x": 1, "\U00011db0'": 2, "s": 2, " x": 1}
