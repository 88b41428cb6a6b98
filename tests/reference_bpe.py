"""The textbook BPE trainer (minbpe's), kept plain on purpose: the tests check the fast trainer
in `tokenizer/training.py` against it, merge for merge.

It recounts every pair of every chunk for every merge, so it is only for small texts.
"""

from __future__ import annotations

from tokenizer.pretokenize import SplitPattern


def get_stats(ids: list[int], counts: dict[tuple[int, int], int]) -> None:
    """Add the count of every adjacent pair of `ids` to `counts` (overlapping pairs included).

    >>> counts = {}; get_stats([97, 97, 97, 98], counts); counts
    {(97, 97): 2, (97, 98): 1}
    """
    for pair in zip(ids, ids[1:]):
        counts[pair] = counts.get(pair, 0) + 1


def merge(ids: list[int], pair: tuple[int, int], new: int) -> list[int]:
    """`ids` with every occurrence of `pair` replaced by `new`, left to right.

    >>> merge([97, 97, 97, 98], (97, 97), 256)
    [256, 97, 98]
    """
    merged = []
    i = 0
    while i < len(ids):
        if i < len(ids) - 1 and (ids[i], ids[i + 1]) == pair:
            merged.append(new)
            i += 2
        else:
            merged.append(ids[i])
            i += 1
    return merged


def train_reference(text: str, vocab_size: int, pattern: str | None) -> tuple[dict[tuple[int, int], int], list[int]]:
    """The merges `{pair: new id}` and each merged pair's count, learned the textbook way: count
    all pairs, merge the most frequent (the smallest pair on ties), repeat until `vocab_size` or
    until no pair is left."""
    chunks = [list(chunk.encode("utf-8")) for chunk in SplitPattern(pattern).chunks(text)]
    merges: dict[tuple[int, int], int] = {}
    counts: list[int] = []
    for new in range(256, vocab_size):
        stats: dict[tuple[int, int], int] = {}
        for ids in chunks:
            get_stats(ids, stats)
        if not stats:
            break
        pair = min(stats, key=lambda p: (-stats[p], p))
        chunks = [merge(ids, pair, new) for ids in chunks]
        merges[pair] = new
        counts.append(stats[pair])
    return merges, counts
