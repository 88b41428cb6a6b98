"""Find the code points that tiktoken's regex engine and the `regex` module split differently.

    python -m tests.find_unicode_gap        # about 5 minutes; needs tiktoken (requirements-dev)

For every code point c it compares how ours and tiktoken encode c + "'s": a letter, digit or (to
GPT-4o's pattern) mark keeps "'s" as one token, anything else swallows the apostrophe. With
`tokenizer/unicode_gap.py` emptied, what this prints is the table to put there; with the table
in place it prints nothing, which is how a new version of `regex` or tiktoken gets checked.
"""

from __future__ import annotations

import sys

import tokenizer
from tests.conftest import ENCODING_NAMES, tiktoken_reference


def differing_code_points(name: str) -> list[int]:
    """Every code point c for which our encoding of c + "'s" differs from tiktoken's."""
    ours, reference = tokenizer.get_encoding(name), tiktoken_reference(name)
    return [
        code
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code < 0xE000
        and ours.encode_ordinary(chr(code) + "'s") != reference.encode_ordinary(chr(code) + "'s")
    ]


def as_ranges(codes: list[int]) -> list[tuple[int, int]]:
    """Sorted code points as inclusive `(first, last)` runs."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return [(first, last) for first, last in ranges]


def main() -> None:
    codes = sorted({code for name in ENCODING_NAMES for code in differing_code_points(name)})
    for first, last in as_ranges(codes):
        print(f"(0x{first:05X}, 0x{last:05X}),")


if __name__ == "__main__":
    main()
