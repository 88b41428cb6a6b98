"""Byte-pair merging: turning the bytes of one chunk into token ids.

BPE starts from one token per byte and repeatedly merges the adjacent pair with the lowest
rank (ties go to the leftmost pair) until no adjacent pair can merge. Two kinds of rule say
which pairs merge:

- tiktoken's *mergeable ranks* (`{token bytes: rank}`): two neighbouring tokens merge when
  their concatenated bytes are a token; its rank is both the priority and the new id.
- minbpe's *merges* (`{(left id, right id): new id}`): exactly the listed pairs merge; the new
  id is the priority (later merges have larger ids).

Either way the merged token's id is its priority, so one algorithm serves both: it only needs
`rank_of_pair(left_id, right_id) -> new id or None`.

Two implementations of that one algorithm live here. `merge_small` is the textbook loop (find
the lowest-ranked pair, merge it, repeat): quadratic, but fastest for the short chunks that
make up ordinary text. `merge_with_heap` keeps the candidate pairs in order (a sorted list
and a heap) and the tokens in a linked list, so a chunk of a million bytes costs O(n log n); it
can also stop pairs from crossing chunk boundaries and report every merge, which is how traces
are recorded.
"""

from __future__ import annotations

from heapq import heappop, heappush
from typing import Callable, Iterator, Sequence

import numpy as np

RankOfPair = Callable[[int, int], "int | None"]

# Above this many bytes, a chunk is merged with the heap rather than the quadratic loop.
SMALL_PIECE_LIMIT = 64
_NO_RANK = 1 << 62


def merge_ranked_bytes(piece: bytes, ranks: dict[bytes, int]) -> list[int]:
    """Token ids for one chunk under tiktoken's mergeable ranks.

    >>> ranks = {b"a": 0, b"b": 1, b"c": 2, b"ab": 3, b"abc": 4}
    >>> merge_ranked_bytes(b"abcab", ranks)
    [4, 3]

    Works on byte slices directly: the boundaries between tokens are kept in a list and the
    rank of a pair is looked up as the slice that spans both tokens, as tiktoken does.
    """
    if len(piece) > SMALL_PIECE_LIMIT:
        return _merge_ranked_with_heap(piece, ranks)
    get = ranks.get
    # starts[i] is where token i begins; pair_ranks[i] is the rank of token i merged with i + 1.
    starts = list(range(len(piece) + 1))
    pair_ranks = [get(piece[i : i + 2], _NO_RANK) for i in range(len(piece) - 1)]
    while pair_ranks:
        best = min(pair_ranks)
        if best == _NO_RANK:
            break
        i = pair_ranks.index(best)
        del starts[i + 1]
        del pair_ranks[i]
        if i + 2 < len(starts):
            pair_ranks[i] = get(piece[starts[i] : starts[i + 2]], _NO_RANK)
        if i > 0:
            pair_ranks[i - 1] = get(piece[starts[i - 1] : starts[i + 1]], _NO_RANK)
    return [ranks[piece[starts[i] : starts[i + 1]]] for i in range(len(starts) - 1)]


def byte_pair_ranks(piece: bytes, ranks: dict[bytes, int]) -> np.ndarray:
    """The rank of every pair of neighbouring bytes in `piece` (-1 where they do not merge),
    looked up once per distinct pair: a long chunk, or many short ones side by side, has at
    most 65,536 of them."""
    data = np.frombuffer(piece, dtype=np.uint8).astype(np.int64)
    codes = data[:-1] * 256 + data[1:]
    distinct, where = np.unique(codes, return_inverse=True)
    distinct_ranks = np.array([ranks.get(bytes(divmod(code, 256)), -1) for code in distinct.tolist()], dtype=np.int64)
    return distinct_ranks[where.reshape(-1)]


def keys_in_order(first_keys: list[int], made: list[int]) -> Iterator[int]:
    """The keys of pairs to merge, smallest first: the sorted `first_keys`, and the keys pushed
    onto the heap `made` while they are walked (pairs that merges make)."""
    for key in first_keys:
        while made and made[0] < key:
            yield heappop(made)
        yield key
    while made:
        yield heappop(made)


def _merge_ranked_with_heap(piece: bytes, ranks: dict[bytes, int]) -> list[int]:
    """`merge_with_heap` specialised to mergeable ranks, for long chunks: a token is known by
    the position of its first byte, and a pair's rank is the rank of the slice spanning both
    tokens, so no token bytes are ever built. Pairs are keyed `rank * n + position`.

    Most pairs to merge are there from the start (pairs of bytes), and few merges make a new
    pair that merges too. So the first pairs are sorted once, by numpy, and walked in order,
    and only the pairs merges make go to a heap: each step takes the smaller key of the two.
    A key whose pair has changed since is stale, and skipped. (One heap of every pair spent
    most of its time sifting the first pairs and stale keys: twice as slow on long runs.)
    """
    n = len(piece)
    get = ranks.get
    next_at = list(range(1, n + 1))
    prev_at = list(range(-1, n - 1))
    # pair_rank[i]: the rank of the token starting at i merged with the next one, or -1 (also
    # for positions no token starts at any more, which makes their keys stale).
    pair_rank_array = byte_pair_ranks(piece, ranks)
    pair_rank = pair_rank_array.tolist() + [-1]
    mergeable = np.flatnonzero(pair_rank_array >= 0)
    first_keys = np.sort(pair_rank_array[mergeable] * n + mergeable).tolist()
    made: list[int] = []  # a heap of the keys of pairs made by merges
    for key in keys_in_order(first_keys, made):
        rank, i = divmod(key, n)
        if pair_rank[i] != rank:
            continue  # stale: this pair has changed since its key was made
        j = next_at[i]
        k = next_at[j]
        next_at[i] = k
        pair_rank[j] = -1
        rank = -1
        if k < n:
            prev_at[k] = i
            rank = get(piece[i : next_at[k]], -1)
            if rank >= 0:
                heappush(made, rank * n + i)
        pair_rank[i] = rank
        h = prev_at[i]
        if h >= 0:
            rank = get(piece[h:k], -1)
            pair_rank[h] = rank
            if rank >= 0:
                heappush(made, rank * n + h)
    ids = []
    i = 0
    while i < n:
        ids.append(ranks[piece[i : next_at[i]]])
        i = next_at[i]
    return ids


def merge_small(ids: Sequence[int], rank_of_pair: RankOfPair) -> list[int]:
    """The textbook loop: merge the lowest-ranked adjacent pair (leftmost on ties) until none is left.

    >>> merges = {(97, 98): 256, (256, 99): 257}
    >>> merge_small([97, 98, 99, 97, 98], lambda a, b: merges.get((a, b)))
    [257, 256]
    """
    ids = list(ids)
    while len(ids) >= 2:
        best_rank, best_at = None, -1
        for i in range(len(ids) - 1):
            rank = rank_of_pair(ids[i], ids[i + 1])
            if rank is not None and (best_rank is None or rank < best_rank):
                best_rank, best_at = rank, i
        if best_rank is None:
            break
        ids[best_at : best_at + 2] = [best_rank]
    return ids


def merge_with_heap(
    ids: Sequence[int],
    rank_of_pair: RankOfPair,
    *,
    chunk_starts: Sequence[int] | None = None,
    on_merge: Callable[[int, int, int, int], None] | None = None,
) -> list[int]:
    """BPE over `ids` with a heap of candidate pairs: the same result as `merge_small`, in O(n log n).

    `chunk_starts`, if given, lists positions where a new chunk begins: no pair crosses them.
    `on_merge(position, left, right, new)` is called for every merge, in merge order, with the
    index of the left token's first element in `ids`.
    """
    n = len(ids)
    tokens = list(ids)
    next_at = list(range(1, n + 1))
    prev_at = list(range(-1, n - 1))
    alive = bytearray(b"\x01") * n
    # A pair may start at i only if i + 1 (and so every later token start) is in the same chunk.
    can_pair = bytearray(b"\x01") * n
    if n:
        can_pair[n - 1] = 0
    for start in chunk_starts or ():
        if 0 < start <= n:
            can_pair[start - 1] = 0
    # pair_rank[i]: the rank of the pair whose left token starts at i, or -1.
    # Pairs are keyed by single integers, rank * n + i: they order by rank, then leftmost, like
    # (rank, i) tuples, but compare several times faster (a long chunk pops millions of them).
    # As in `_merge_ranked_with_heap`, the first pairs are sorted once and walked in order, and
    # the pairs merges make go to a heap beside them.
    pair_rank = [-1] * n
    first_keys = []
    for i in range(n - 1):
        if can_pair[i]:
            rank = rank_of_pair(tokens[i], tokens[i + 1])
            if rank is not None:
                pair_rank[i] = rank
                first_keys.append(rank * n + i)
    first_keys.sort()
    made: list[int] = []

    def refresh(i: int) -> None:
        j = next_at[i]
        # Pairs never cross a chunk boundary: the token starting at i ends before it
        # if and only if the last element of that token (j - 1) cannot pair.
        if j >= n or not can_pair[j - 1]:
            pair_rank[i] = -1
            return
        rank = rank_of_pair(tokens[i], tokens[j])
        if rank is None:
            pair_rank[i] = -1
        else:
            pair_rank[i] = rank
            heappush(made, rank * n + i)

    for key in keys_in_order(first_keys, made):
        rank, i = divmod(key, n)
        if not alive[i] or pair_rank[i] != rank:
            continue  # stale: this pair has changed since its key was made
        j = next_at[i]
        left, right = tokens[i], tokens[j]
        if on_merge is not None:
            on_merge(i, left, right, rank)
        tokens[i] = rank
        alive[j] = 0
        k = next_at[j]
        next_at[i] = k
        if k < n:
            prev_at[k] = i
        refresh(i)
        if prev_at[i] >= 0:
            refresh(prev_at[i])
    return [tokens[i] for i in range(n) if alive[i]]
