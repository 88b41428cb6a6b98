"""The merge algorithms: the quadratic textbook loop and the heap give the same tokens."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import tokenizer
from tokenizer.bpe import SMALL_PIECE_LIMIT, merge_ranked_bytes, merge_small, merge_with_heap

ENC = tokenizer.get_encoding("cl100k_base")
RANKS = ENC.mergeable_ranks


def test_merge_small_example():
    merges = {(97, 98): 256, (256, 99): 257}
    assert merge_small([97, 98, 99, 97, 98], lambda a, b: merges.get((a, b))) == [257, 256]


def test_heap_respects_chunk_starts():
    merges = {(97, 98): 256}
    assert merge_with_heap([97, 98, 97, 98], lambda a, b: merges.get((a, b)), chunk_starts=[1]) == [97, 98, 256]


def test_heap_reports_merges_in_order():
    merges = {(97, 97): 256, (256, 256): 257}
    seen = []
    result = merge_with_heap([97] * 4, lambda a, b: merges.get((a, b)), on_merge=lambda *m: seen.append(m))
    assert result == [257]
    assert seen == [(0, 97, 97, 256), (2, 97, 97, 256), (0, 256, 256, 257)]


def test_overlapping_pairs_merge_leftmost_first():
    merges = {(97, 97): 256}
    assert merge_small([97, 97, 97], lambda a, b: merges.get((a, b))) == [256, 97]
    assert merge_with_heap([97, 97, 97], lambda a, b: merges.get((a, b))) == [256, 97]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_three_implementations_agree_on_tiktoken_ranks(text):
    piece = text.encode("utf-8", "surrogatepass")
    ids = [ENC.byte_ids[b] for b in piece]
    expected = merge_small(ids, ENC.rank_of_pair)
    assert merge_with_heap(ids, ENC.rank_of_pair) == expected
    assert (merge_ranked_bytes(piece, RANKS) if piece else []) == expected


def test_long_piece_takes_the_heap_path_and_agrees():
    piece = ("abcdefghij" * 20).encode()
    assert len(piece) > SMALL_PIECE_LIMIT
    ids = [ENC.byte_ids[b] for b in piece]
    assert merge_ranked_bytes(piece, RANKS) == merge_small(ids, ENC.rank_of_pair)
