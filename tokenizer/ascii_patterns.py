"""The built-in split patterns, rewritten for ASCII text and the standard library's `re`.

Most text that people tokenize, and nearly all source code, is ASCII. On ASCII text the
Unicode classes of the built-in patterns shrink to plain ranges: a letter (`\\p{L}`) is
`[A-Za-z]`, an uppercase one (`\\p{Lu}`) `[A-Z]`, a lowercase one (`\\p{Ll}`) `[a-z]`, a number
(`\\p{N}`) `[0-9]`, and titlecase and modifier letters, other letters and marks (`\\p{Lt}`,
`\\p{Lm}`, `\\p{Lo}`, `\\p{M}`) do not occur. With `re.ASCII`, `\\s` is `[ \\t\\n\\r\\f\\v]`, which is
the `regex` module's whitespace within ASCII (`re`'s Unicode `\\s` would add `\\x1c`-`\\x1f`).
Written that way, each pattern splits ASCII text exactly as the original does, and the standard
library's engine runs it about twice as fast as the `regex` module runs the original.

`ascii_twin(pattern)` gives the compiled twin of a built-in pattern (None for any other);
`tests/test_pretokenize.py` checks each twin against its original.
"""

from __future__ import annotations

import re

from .registry import GPT2_PATTERN, GPT4_PATTERN, GPT4O_PATTERN

_LETTER = "A-Za-z"
_NUMBER = "0-9"

_GPT2_ASCII = rf"""'(?:[sdmt]|ll|ve|re)| ?[{_LETTER}]++| ?[{_NUMBER}]++| ?[^\s{_LETTER}{_NUMBER}]++|\s++$|\s+(?!\S)|\s"""

_GPT4_ASCII = (
    rf"""'(?i:[sdmt]|ll|ve|re)|[^\r\n{_LETTER}{_NUMBER}]?+[{_LETTER}]++|[{_NUMBER}]{{1,3}}+"""
    rf"""| ?[^\s{_LETTER}{_NUMBER}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)

# GPT-4o's two word alternatives, "upper-case letters, then at least one lower-case letter" and
# "at least one upper-case letter, then lower-case letters", each with an optional contraction,
# become one: on ASCII text they match the same words, and the repeats can be possessive, as the
# classes they follow do not overlap (nothing given back could help the rest match).
_CONTRACTION = "(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
_GPT4O_ASCII = "|".join(
    [
        rf"""[^\r\n{_LETTER}{_NUMBER}]?+(?:[A-Z]++[a-z]*+|[a-z]++){_CONTRACTION}""",
        rf"""[{_NUMBER}]{{1,3}}+""",
        rf""" ?[^\s{_LETTER}{_NUMBER}]++[\r\n/]*+""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)

_TWINS = {
    GPT2_PATTERN: re.compile(_GPT2_ASCII, re.ASCII),
    GPT4_PATTERN: re.compile(_GPT4_ASCII, re.ASCII),
    GPT4O_PATTERN: re.compile(_GPT4O_ASCII, re.ASCII),
}


def ascii_twin(pattern: str | None) -> re.Pattern | None:
    """The compiled ASCII twin of a built-in split pattern, or None if `pattern` is not built in.

    >>> ascii_twin(GPT4_PATTERN).findall("Hello world!!!")
    ['Hello', ' world', '!!!']
    """
    return _TWINS.get(pattern)
