"""Comparing how encodings cut the same text: token boundaries, the tokens where they differ,
count ratios and counts by kind of character.

Everything works on token *byte lengths* (`len(encoding.decode_single_token_bytes(id))` for each
token): every encoding cuts the same UTF-8 bytes, so byte offsets line up across encodings even
where a token holds part of a character.

    >>> differing_tokens([[1, 1, 3], [2, 3]])  # b"a", b"b", b"cde" against b"ab", b"cde"
    [[0, 1], []]
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Iterable, Sequence

import numpy as np

from .pretokenize import replace_lone_surrogates

# The kinds of character the per-category statistics count, in table order. A token belongs to
# a category when every character it touches does; "mixed" takes the others.
CATEGORIES: tuple[str, ...] = ("whitespace", "digits", "letters", "punctuation", "non-Latin", "other", "mixed")
_CODE = {name: code for code, name in enumerate(CATEGORIES)}
_MIXED = _CODE["mixed"]

# Combining accents (U+0300–U+036F) carry no script in their Unicode names but belong to Latin text.
_COMBINING_DIACRITICS = range(0x0300, 0x0370)


def token_boundaries(lengths: Iterable[int]) -> list[int]:
    """The byte offsets where tokens of these byte lengths start and end (0 and the total included).

    >>> token_boundaries([3, 1, 2])
    [0, 3, 4, 6]
    """
    return [0, *accumulate(lengths)]


def differing_tokens(lengths_by_encoding: Sequence[Sequence[int]]) -> list[list[int]]:
    """For each encoding, the positions of its tokens that another encoding cuts differently:
    the token's start or end byte offset is not a token boundary in every other encoding.

    A token the others split further is not marked (both its ends are their boundaries too);
    their smaller pieces are. With one encoding nothing differs.

    >>> differing_tokens([[1, 1, 1, 1, 1, 4], [2, 3, 4]])  # ":" "\\n" " " " " " " " def" | ":\\n" "   " " def"
    [[0, 1, 2, 3, 4], []]
    """
    boundaries = [token_boundaries(lengths) for lengths in lengths_by_encoding]
    boundary_sets = [set(offsets) for offsets in boundaries]
    differing = []
    for index, offsets in enumerate(boundaries):
        others = [s for other, s in enumerate(boundary_sets) if other != index]
        shared = set.intersection(*others) if others else set(offsets)
        differing.append(
            [position for position in range(len(offsets) - 1) if offsets[position] not in shared or offsets[position + 1] not in shared]
        )
    return differing


def chunks_under_tokens(chunks: Sequence[tuple[str, tuple[int, int]]], before: bytes, tokens: bytes) -> tuple[int, int]:
    """`(first, end)`: the chunks, by index, holding some of a run of tokens, for drawing the
    chunks of one page of tokens.

    `chunks` are `(chunk, (start, end))` with character spans, as `Encoding.pre_tokenize` gives
    them; `before` is the bytes of the tokens before the run and `tokens` the run's own bytes. A
    run that starts or ends inside a character touches that character's chunk.

    >>> chunks_under_tokens([("Hello", (0, 5)), (" world", (5, 11))], b"Hello", b" wor")
    (1, 2)
    """
    # Decoding "ignore" drops a character cut at the end (the run starts inside it); "replace"
    # counts it as one (the run ends inside it).
    first_char = len(before.decode("utf-8", errors="ignore"))
    end_char = len((before + tokens).decode("utf-8", errors="replace"))
    first = bisect_right(chunks, first_char, key=lambda chunk: chunk[1][1])
    end = bisect_left(chunks, end_char, key=lambda chunk: chunk[1][0])
    return first, max(first, end)


def count_ratio(count: int, base_count: int) -> float | None:
    """How many tokens `count` is per token of `base_count` (None when there is no base).

    >>> count_ratio(18, 25)
    0.72
    """
    return count / base_count if base_count else None


def ratio_sentence(label: str, count: int, base_label: str, base_count: int) -> str:
    """One encoding's count against another's, in words.

    >>> ratio_sentence("GPT-4", 18, "GPT-2", 25)
    'GPT-4 uses 0.72× the tokens of GPT-2 (18 against 25).'
    """
    ratio = count_ratio(count, base_count)
    if ratio is None:
        return f"{label} uses {count:,} tokens; {base_label} uses none."
    return f"{label} uses {ratio:.2f}× the tokens of {base_label} ({count:,} against {base_count:,})."


@lru_cache(maxsize=65_536)
def char_category(char: str) -> str:
    """The category one character counts in: whitespace, digits (any script's decimal digits),
    letters (Latin letters and accents), punctuation (punctuation and symbols, emoji included),
    non-Latin (letters and marks of other scripts) or other (controls, fractions, unassigned).

    >>> [char_category(c) for c in " 7éж!"]
    ['whitespace', 'digits', 'letters', 'non-Latin', 'punctuation']
    """
    if char.isspace():
        return "whitespace"
    kind = unicodedata.category(char)
    if kind == "Nd":
        return "digits"
    if kind[0] in "LM":
        latin = "LATIN" in unicodedata.name(char, "") or ord(char) in _COMBINING_DIACRITICS
        return "letters" if latin else "non-Latin"
    if kind[0] in "PS":
        return "punctuation"
    return "other"


def category_counts(text: str, lengths: Sequence[int]) -> dict[str, tuple[int, int]]:
    """`{category: (tokens, characters)}` for the tokens (of these byte lengths) that cut `text`.

    A token counts in a category when every character it touches (even partly) is in it, else
    in "mixed"; its characters are those that start inside it, so each character is counted
    once and the character counts add up to `len(text)`.

    >>> category_counts("hi  42!", [2, 2, 2, 1])["letters"]
    (1, 2)
    """
    text = replace_lone_surrogates(text)
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    # Categorize each distinct character once, then spread the codes over the text.
    distinct, inverse = np.unique(points, return_inverse=True)
    codes = np.array([_CODE[char_category(chr(point))] for point in distinct], dtype=np.int64)[inverse]
    char_sizes = 1 + (points >= 0x80) + (points >= 0x800) + (points >= 0x10000)
    char_starts = np.cumsum(char_sizes) - char_sizes
    n_bytes = int(char_sizes.sum())
    offsets = np.array(token_boundaries(lengths), dtype=np.int64)
    if offsets[-1] != n_bytes:
        raise ValueError(f"The tokens cover {int(offsets[-1]):,} bytes but the text has {n_bytes:,}.")
    counts = dict.fromkeys(CATEGORIES, (0, 0))
    if len(offsets) < 2:
        return counts
    starts, ends = offsets[:-1], offsets[1:]
    first_char = np.searchsorted(char_starts, starts, side="right") - 1
    last_char = np.searchsorted(char_starts, ends - 1, side="right") - 1
    # The number of category changes before each character: equal at both ends means one category.
    changes = np.concatenate([[0], np.cumsum(codes[1:] != codes[:-1])])
    token_codes = np.where(changes[first_char] == changes[last_char], codes[first_char], _MIXED)
    chars_starting = np.searchsorted(char_starts, ends) - np.searchsorted(char_starts, starts)
    tokens = np.bincount(token_codes, minlength=len(CATEGORIES))
    chars = np.bincount(token_codes, weights=chars_starting, minlength=len(CATEGORIES))
    return {name: (int(tokens[code]), int(chars[code])) for name, code in _CODE.items()}
