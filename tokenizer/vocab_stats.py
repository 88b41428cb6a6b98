"""Looking through a vocabulary: finding tokens by text, the longest tokens, how long tokens
are, and GPT-2's byte -> printable-character table.

The functions take a vocabulary as parallel columns (each token's text, printable form or byte
length, in id order), as `Encoding.token_items()` gives it once decoded, and return positions
in those columns.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .vocab_files import bytes_to_unicode


def search_tokens(texts: Sequence[str], printables: Sequence[str], query: str) -> list[int]:
    """The positions of the tokens whose text or GPT-2 printable form contains `query`, ignoring
    case. An empty query finds nothing.

    >>> search_tokens(["Hello", " world", "he"], ["Hello", "Ġworld", "he"], "HE")
    [0, 2]
    >>> search_tokens(["Hello", " world", "he"], ["Hello", "Ġworld", "he"], "ġw")
    [1]
    """
    if not query:
        return []
    needle = query.lower()
    return [
        position
        for position, (text, printable) in enumerate(zip(texts, printables))
        if needle in text.lower() or needle in printable.lower()
    ]


def longest_tokens(lengths: Sequence[int], count: int = 50) -> list[int]:
    """The positions of the `count` longest tokens, longest first (ties: lowest position first).

    >>> longest_tokens([1, 3, 2, 3], 3)
    [1, 3, 2]
    """
    if count <= 0 or not len(lengths):
        return []
    order = np.argsort(-np.asarray(lengths, dtype=np.int64), kind="stable")
    return order[:count].tolist()


def length_histogram(lengths: Sequence[int]) -> tuple[list[int], list[int]]:
    """`(lengths, counts)`: every length from 1 to the longest, and how many tokens have it.

    >>> length_histogram([1, 3, 3, 1, 1])
    ([1, 2, 3], [3, 0, 2])
    """
    if not len(lengths):
        return [], []
    counts = np.bincount(np.asarray(lengths, dtype=np.int64))
    return list(range(1, len(counts))), counts[1:].tolist()


def byte_grid() -> list[list[str]]:
    """GPT-2's printable character of every byte as a 16 x 16 grid: row = high hex digit,
    column = low hex digit, so `byte_grid()[0x2][0x0] == "Ġ"` (the space).

    >>> byte_grid()[0x4][0x1], byte_grid()[0x0][0xA]
    ('A', 'Ċ')
    """
    table = bytes_to_unicode()
    return [[table[high * 16 + low] for low in range(16)] for high in range(16)]
