"""Byte-pair merging of many short pieces at once, in rounds.

`bpe.merge_ranked_bytes` merges one piece at a time: find its lowest-ranked pair, merge it,
repeat. A text's distinct chunks that are not whole tokens number in the thousands (4,500 in
a megabyte of Python), and the Python loop around each merge costs more than its two rank
lookups. Here every piece takes one merge per *round*, all pieces together: numpy finds each
piece's lowest-ranked pair (leftmost on ties) for all of them at once, and only the ranks of
the pairs a merge creates are looked up in Python. Each piece still merges its pairs in exactly
the order the one-piece loop would, so the tokens are the same.

Pieces are grouped by length and laid out as rows as wide as the next power of two, in flat
arrays (position p of row r at `r * width + p`). For each row and position:

- `token`: the id of the token starting there (at first, the id of the byte);
- `next_at`, `prev_at`: where the next and the previous tokens start;
- `key`: `rank * width + position` of the pair of the token starting there with the next one,
  or `NO_PAIR`: the smallest key of a row is its lowest-ranked pair, leftmost on ties.

Merging the pair at position i with the token at j gives a token whose id is the pair's rank
(a token's id is the rank of its bytes); the pairs to look up again are the new token with its
right neighbour and its left neighbour with it.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .bpe import byte_pair_ranks, merge_ranked_bytes

NO_PAIR = np.int64(1) << 62
# Pieces up to this long are merged in rounds; longer ones have few rows to share the rounds'
# cost with, and the heap of `bpe.merge_ranked_bytes` is as fast for them.
MAX_WIDTH = 128
# Fewer pieces than this of one width are merged one by one.
MIN_ROWS = 128


def merge_many_ranked(pieces: Sequence[bytes], ranks: dict[bytes, int], *, min_rows: int = MIN_ROWS) -> list[list[int]]:
    """Token ids for each piece under tiktoken's mergeable `ranks`: the same as
    `[bpe.merge_ranked_bytes(piece, ranks) for piece in pieces]`, for pieces of 2 to
    `MAX_WIDTH` bytes. Widths with fewer than `min_rows` pieces are merged one by one.

    >>> ranks = {bytes([b]): b for b in range(256)} | {b"ab": 256, b"abc": 257}
    >>> merge_many_ranked([b"abcab", b"ba"], ranks, min_rows=1)
    [[257, 256], [98, 97]]
    """
    byte_ids = np.array([ranks[bytes([byte])] for byte in range(256)], dtype=np.int64)
    results: list[list[int] | None] = [None] * len(pieces)
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    # Rows as wide as the next power of two: 4, 8, 16, 32, 64 or 128 bytes.
    widths = np.maximum(4, 1 << np.ceil(np.log2(np.maximum(lengths, 2))).astype(np.int64))
    # (Not `np.unique(widths)`: its first call imports numpy.ma, 10-20 ms of the first encode.)
    for width in sorted(set(widths.tolist())):
        members = np.flatnonzero(widths == width).tolist()
        group = [pieces[i] for i in members]
        if len(group) < min_rows:
            # A round costs about as much as a few hundred lookups, whatever the number of rows.
            merged = [merge_ranked_bytes(piece, ranks) for piece in group]
        else:
            merged = _merge_rows(group, width, ranks, byte_ids)
        for index, ids in zip(members, merged):
            results[index] = ids
    return results  # type: ignore[return-value]


def _merge_rows(pieces: list[bytes], width: int, ranks: dict[bytes, int], byte_ids: np.ndarray) -> list[list[int]]:
    """`merge_many_ranked` for pieces that fit rows of `width` bytes. The arrays are flat, row
    after row: position p of row r is at `r * width + p`."""
    get = ranks.get
    n_rows = len(pieces)
    padded = b"".join(piece.ljust(width, b"\0") for piece in pieces)
    data = np.frombuffer(padded, dtype=np.uint8).astype(np.int64)
    at = np.arange(n_rows * width, dtype=np.int64)
    position = at % width
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=n_rows)
    row_end = np.repeat(np.arange(n_rows, dtype=np.int64) * width + lengths, width)
    in_piece = at < row_end
    token = byte_ids[data]
    next_at = at + 1
    prev_at = np.where(position > 0, at - 1, -1)
    # The first round's pairs are pairs of bytes (across rows too, where `has_pair` drops them).
    has_pair = next_at < row_end
    first_ranks = np.append(byte_pair_ranks(padded, ranks), -1)
    key = np.where(has_pair & (first_ranks >= 0), first_ranks * width + position, NO_PAIR)
    rows_of_keys = key.reshape(n_rows, width)  # a view: the same numbers, row by row

    rows = np.arange(n_rows, dtype=np.int64)  # the rows that may still merge
    while rows.size:
        best = rows_of_keys[rows].min(axis=1)
        merging = best < NO_PAIR
        rows, best = rows[merging], best[merging]
        if not rows.size:
            break
        rank, i = np.divmod(best, width)
        i += rows * width
        j = next_at[i]
        k = next_at[j]
        # The token at i absorbs the one at j.
        token[i] = rank
        next_at[i] = k
        in_piece[j] = False
        key[j] = NO_PAIR
        key[i] = NO_PAIR
        # The new pairs to look up: the merged token with the one at k (if any), whose bytes run
        # from i to where that token ends, and the token before it (if any) with it, from h to k.
        has_right = k < row_end[i]
        prev_at[k[has_right]] = i[has_right]
        h = prev_at[i]
        has_left = h >= 0
        # (A row merges once per round, so no position is among both.)
        pair_starts = np.concatenate((i[has_right], h[has_left]))
        pair_ends = np.concatenate((next_at[k[has_right]], k[has_left]))
        new_ranks = np.array(
            [get(padded[start:end], -1) for start, end in zip(pair_starts.tolist(), pair_ends.tolist())], dtype=np.int64
        )
        key[pair_starts] = np.where(new_ranks >= 0, new_ranks * width + pair_starts % width, NO_PAIR)

    ids = token[in_piece].tolist()  # row by row, left to right
    ends = np.cumsum(in_piece.reshape(n_rows, width).sum(axis=1)).tolist()
    return [ids[start:end] for start, end in zip([0] + ends[:-1], ends)]
