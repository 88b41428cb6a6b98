"""Byte-pair merging of many short pieces at once, in rounds.

`bpe.merge_ranked_bytes` merges one piece at a time: find its lowest-ranked pair, merge it,
repeat. A text's distinct chunks that are not whole tokens number in the thousands (4,500 in
a megabyte of Python), and the Python loop around each merge costs more than its two rank
lookups. Here every piece takes one merge per *round*, all pieces together: numpy finds each
piece's lowest-ranked pair (leftmost on ties) for all of them at once, and only the ranks of
the pairs a merge creates are looked up in Python. Each piece still merges its pairs in exactly
the order the one-piece loop would, so the tokens are the same.

Pieces are laid out as the rows of arrays as wide as the longest of them (they are grouped by
length, so little is padding). For each row and position:

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

NO_PAIR = np.int64(1) << 62
# Pieces up to this long are merged in rounds; longer ones have few rows to share the rounds'
# cost with, and the heap of `bpe.merge_ranked_bytes` is as fast for them.
MAX_WIDTH = 128


def merge_many_ranked(pieces: Sequence[bytes], ranks: dict[bytes, int]) -> list[list[int]]:
    """Token ids for each piece under tiktoken's mergeable `ranks`: the same as
    `[bpe.merge_ranked_bytes(piece, ranks) for piece in pieces]`, for pieces of 2 to
    `MAX_WIDTH` bytes.

    >>> ranks = {bytes([b]): b for b in range(256)} | {b"ab": 256, b"abc": 257}
    >>> merge_many_ranked([b"abcab", b"ba"], ranks)
    [[257, 256], [98, 97]]
    """
    byte_ids = np.array([ranks[bytes([byte])] for byte in range(256)], dtype=np.int64)
    results: list[list[int] | None] = [None] * len(pieces)
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    # Rows as wide as the next power of two: 4, 8, 16, 32, 64 or 128 bytes.
    widths = np.maximum(4, 1 << np.ceil(np.log2(np.maximum(lengths, 2))).astype(np.int64))
    for width in np.unique(widths).tolist():
        members = np.flatnonzero(widths == width)
        group = [pieces[i] for i in members.tolist()]
        for index, ids in zip(members.tolist(), _merge_rows(group, lengths[members], width, ranks, byte_ids)):
            results[index] = ids
    return results  # type: ignore[return-value]


def _merge_rows(
    pieces: list[bytes], lengths: np.ndarray, width: int, ranks: dict[bytes, int], byte_ids: np.ndarray
) -> list[list[int]]:
    """`merge_many_ranked` for pieces that fit rows of `width` bytes."""
    get = ranks.get
    n_rows = len(pieces)
    positions = np.arange(width, dtype=np.int64)
    data = np.frombuffer(b"".join(piece.ljust(width, b"\0") for piece in pieces), dtype=np.uint8)
    data = data.reshape(n_rows, width).astype(np.int64)
    in_piece = positions < lengths[:, None]
    token = byte_ids[data]
    next_at = np.tile(positions + 1, (n_rows, 1))
    prev_at = np.tile(positions - 1, (n_rows, 1))
    # The first round's pairs are pairs of bytes: each distinct pair is looked up once.
    key = np.full((n_rows, width), NO_PAIR, dtype=np.int64)
    pair_codes, where = np.unique(data[:, :-1] * 256 + data[:, 1:], return_inverse=True)
    pair_ranks = [get(bytes(divmod(code, 256)), -1) for code in pair_codes.tolist()]
    first_ranks = np.array(pair_ranks, dtype=np.int64)[where.reshape(n_rows, width - 1)]
    first_ranks[~in_piece[:, 1:]] = -1
    key[:, :-1] = np.where(first_ranks >= 0, first_ranks * width + positions[:-1], NO_PAIR)

    rows = np.arange(n_rows)  # the rows that may still merge
    while rows.size:
        best = key[rows].min(axis=1)
        merging = best < NO_PAIR
        rows, best = rows[merging], best[merging]
        if not rows.size:
            break
        rank, i = np.divmod(best, width)
        j = next_at[rows, i]
        k = next_at[rows, j]
        # The token at i absorbs the one at j.
        token[rows, i] = rank
        next_at[rows, i] = k
        in_piece[rows, j] = False
        key[rows, j] = NO_PAIR
        key[rows, i] = NO_PAIR
        # Its pair with the token at k (if any), whose bytes run from i to where that token ends.
        has_right = k < lengths[rows]
        right_rows, right_i, right_k = rows[has_right], i[has_right], k[has_right]
        prev_at[right_rows, right_k] = right_i
        right_ranks = np.array(
            [
                get(pieces[row][start:end], -1)
                for row, start, end in zip(right_rows.tolist(), right_i.tolist(), next_at[right_rows, right_k].tolist())
            ],
            dtype=np.int64,
        )
        key[right_rows, right_i] = np.where(right_ranks >= 0, right_ranks * width + right_i, NO_PAIR)
        # The pair of the token before it (if any) with it, whose bytes run from h to k.
        h = prev_at[rows, i]
        has_left = h >= 0
        left_rows, left_h = rows[has_left], h[has_left]
        left_ranks = np.array(
            [get(pieces[row][start:end], -1) for row, start, end in zip(left_rows.tolist(), left_h.tolist(), k[has_left].tolist())],
            dtype=np.int64,
        )
        key[left_rows, left_h] = np.where(left_ranks >= 0, left_ranks * width + left_h, NO_PAIR)

    ids = token[in_piece].tolist()  # row by row, left to right
    ends = np.cumsum(in_piece.sum(axis=1)).tolist()
    return [ids[start:end] for start, end in zip([0] + ends[:-1], ends)]
