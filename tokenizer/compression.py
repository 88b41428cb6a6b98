"""How much a merges tokenizer compresses a text, merge by merge: the number of tokens the text
has when only the first k merges are used, for every k, from a single encoding of the text.

Why one encoding is enough: BPE applies a tokenizer's merges in rank order (a merge can only
form pairs of higher rank than its own), so cutting a text with the first k merges is the full
encoding with every merge of rank k or more undone. Each token of the full encoding is a tree
of merges (id -> its left and right ids, down to bytes); counting how often each merge occurs
in the trees of all the tokens gives how many tokens each merge removed.

    >>> merges = {(97, 97): 256, (256, 98): 257}          # "aa", then "aab"
    >>> token_counts_after_merges(6, merge_applications(merges, [257, 256, 97]))
    [6, 4, 3]

A trained tokenizer's `merge_counts` (the textbook's pair counts) give the same numbers except
for a pair of two equal tokens: "aaa" counts the pair (a, a) twice but merges it once. That is
why the counts are not used here.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from .pretokenize import replace_lone_surrogates

# Charts of the compression curve draw at most this many points (plus the last one).
MAX_CURVE_POINTS = 1_000


def merge_applications(merges: dict[tuple[int, int], int], ids: Iterable[int]) -> list[int]:
    """How many times each merge (in merge order) was applied to produce the tokens `ids`:
    how often its new token occurs in the merge trees of all the tokens. Ids that are neither
    bytes nor merges (special tokens) are ignored.

    >>> merge_applications({(97, 97): 256, (256, 256): 257}, [257, 256, 97])
    [3, 1]
    """
    size = 256 + len(merges)
    ids = np.fromiter(ids, dtype=np.int64)
    ids = ids[(ids >= 0) & (ids < size)]
    uses = np.bincount(ids, minlength=size).tolist()
    pairs = list(merges)
    # From the newest merge down: every use of a token is also a use of both its parts.
    for new in range(size - 1, 255, -1):
        left, right = pairs[new - 256]
        uses[left] += uses[new]
        uses[right] += uses[new]
    return uses[256:]


def token_counts_after_merges(n_bytes: int, applications: Sequence[int]) -> list[int]:
    """The number of tokens after 0, 1, 2, ... merges of a text of `n_bytes` bytes, when the
    i-th merge was applied `applications[i]` times (each application removes one token).

    >>> token_counts_after_merges(10, [3, 2])
    [10, 7, 5]
    """
    return (n_bytes - np.concatenate(([0], np.cumsum(applications, dtype=np.int64)))).tolist()


def byte_length(text: str) -> int:
    """The number of UTF-8 bytes the engine cuts `text` into (lone surrogates count as U+FFFD).

    >>> byte_length("héllo")
    6
    """
    return len(replace_lone_surrogates(text).encode("utf-8"))


def compression_curve(tokenizer, text: str) -> list[int]:
    """The number of tokens of `text` (special tokens cut as ordinary text) when `tokenizer`
    uses only its first k merges, for k = 0 (bytes) up to all of them (its `encode_ordinary`).

    `tokenizer` is a merges tokenizer (`tokenizer.train` or `tokenizer.load` made it).
    """
    return token_counts_after_merges(byte_length(text), merge_applications(tokenizer.merges, tokenizer.encode_ordinary(text)))


def curve_points(n_values: int, max_points: int = MAX_CURVE_POINTS) -> list[int]:
    """Evenly spaced indices into a curve of `n_values` values, at most `max_points` of them
    plus the last one, so a chart of a 50,000-merge curve stays light.

    >>> curve_points(5)
    [0, 1, 2, 3, 4]
    >>> curve_points(10, max_points=4)
    [0, 3, 6, 9]
    """
    if n_values <= 0:
        return []
    step = max(1, -(-(n_values - 1) // max_points)) if n_values > max_points else 1
    points = list(range(0, n_values, step))
    if points[-1] != n_values - 1:
        points.append(n_values - 1)
    return points
