"""Letters, digits and marks that the `regex` module knows and tiktoken's regex engine does not.

The `regex` module's Unicode tables (17.0) are newer than those of the Rust regex engine inside
tiktoken (16.0). To tiktoken, the characters below are unassigned code points, which its split
patterns treat like punctuation; to the `regex` module they are letters, digits or marks. So
before a built-in pattern splits a text, `as_tiktoken_sees` replaces each of them with a code
point that is unassigned in both tables: the chunks' boundaries are then tiktoken's, and as the
replacement keeps every character in place, the chunks are cut from the original text.

The ranges were found by comparing, for every code point c, how the two split c + "'s" (see
`tests/find_unicode_gap.py`); `tests/test_unicode_gap.py` checks them against tiktoken.
"""

from __future__ import annotations

# (first, last) code points, inclusive.
NEWER_THAN_TIKTOKEN = (
    (0x0088F, 0x0088F), (0x00C5C, 0x00C5C), (0x00CDC, 0x00CDC), (0x01ACF, 0x01ADD),
    (0x01AE0, 0x01AEB), (0x0A7CE, 0x0A7CF), (0x0A7D2, 0x0A7D2), (0x0A7D4, 0x0A7D4),
    (0x0A7F1, 0x0A7F1), (0x10940, 0x10959), (0x10EC5, 0x10EC7), (0x10EFA, 0x10EFB),
    (0x11B60, 0x11B67), (0x11DB0, 0x11DDB), (0x11DE0, 0x11DE9), (0x16EA0, 0x16EB8),
    (0x16EBB, 0x16ED3), (0x16FF2, 0x16FF6), (0x187F8, 0x187FF), (0x18D09, 0x18D1E),
    (0x18D80, 0x18DF2), (0x1E6C0, 0x1E6DE), (0x1E6E0, 0x1E6F5), (0x1E6FE, 0x1E6FF),
    (0x2B73A, 0x2B73F), (0x2CEA2, 0x2CEAD), (0x323B0, 0x33479),
)

# U+0378 is unassigned in every version of Unicode so far, so both engines see the same thing.
UNASSIGNED_STAND_IN = "\u0378"

_NEWER_CHARACTERS = frozenset(chr(code) for first, last in NEWER_THAN_TIKTOKEN for code in range(first, last + 1))
_TO_STAND_IN = {ord(char): UNASSIGNED_STAND_IN for char in _NEWER_CHARACTERS}


def as_tiktoken_sees(text: str) -> str:
    """`text` with the characters tiktoken does not know replaced by an unassigned stand-in,
    character for character; `text` itself if it has none (the usual case).

    >>> as_tiktoken_sees("a\\U00011db0b") == "a\\u0378b"
    True
    """
    # All of them are above U+0800: an ASCII text, the usual case, is answered at once.
    if text.isascii() or _NEWER_CHARACTERS.isdisjoint(set(text)):
        return text
    return text.translate(_TO_STAND_IN)
