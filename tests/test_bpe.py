"""The merge algorithms: the quadratic textbook loop and the heap give the same tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokenizer
from tokenizer.bpe import SMALL_PIECE_LIMIT, merge_ranked_bytes, merge_small, merge_with_heap
from tokenizer.bpe_batch import MAX_WIDTH as BATCH_MAX_WIDTH, merge_many_ranked
from ui.samples import sample_text

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


long_pieces = st.builds(
    lambda alphabet, picks: "".join(alphabet[i % len(alphabet)] for i in picks).encode(),
    st.sampled_from(["ab", "aaaa b", "the quick brown fox ", "    \n", "0123456789", "é한글😀 ", "xyz"]),
    st.lists(st.integers(0, 50), min_size=SMALL_PIECE_LIMIT + 1, max_size=1500),
)


@pytest.mark.parametrize("name", ["r50k_base", "cl100k_base", "o200k_base"])
@settings(max_examples=40, deadline=None)
@given(piece=long_pieces)
def test_long_pieces_merge_as_the_general_heap_merges_them(name, piece):
    # Long pieces take the walk through their sorted first pairs beside a heap of new ones.
    encoding = tokenizer.get_encoding(name)
    ids = [encoding.byte_ids[b] for b in piece]
    assert merge_ranked_bytes(piece, encoding.mergeable_ranks) == merge_with_heap(ids, encoding.rank_of_pair)


# ------------------------------------------------------------------ many pieces at once


TINY_RANKS = {bytes([b]): b for b in range(256)} | {b"aa": 256, b"ab": 257, b"aaa": 258, b"aab": 259, b"aaaa": 260}


def test_rounds_merge_overlapping_pairs_leftmost_first():
    pieces = [b"aaa", b"aaaaa", b"ab", b"aab", b"ba", b"aaab"]
    assert merge_many_ranked(pieces, TINY_RANKS, min_rows=1) == [merge_ranked_bytes(piece, TINY_RANKS) for piece in pieces]
    assert merge_many_ranked([b"aaa", b"aaaaa"], TINY_RANKS, min_rows=1) == [[258], [256, 258]]


pieces_of_text = st.text(min_size=1, max_size=130).map(lambda text: text.encode("utf-8", "surrogatepass")[:BATCH_MAX_WIDTH])


@pytest.mark.parametrize("name", ["r50k_base", "cl100k_base", "o200k_base"])
@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.one_of(pieces_of_text, st.binary(min_size=2, max_size=BATCH_MAX_WIDTH)), min_size=1, max_size=30))
def test_rounds_give_each_piece_its_own_bpe(name, texts):
    ranks = tokenizer.get_encoding(name).mergeable_ranks
    pieces = [piece for piece in texts if len(piece) >= 2 and piece not in ranks]
    assert merge_many_ranked(pieces, ranks, min_rows=1) == [merge_ranked_bytes(piece, ranks) for piece in pieces]


@pytest.mark.parametrize("name", ["cl100k_base", "o200k_base"])
def test_rounds_agree_on_the_chunks_of_code_and_of_many_scripts(name):
    encoding = tokenizer.get_encoding(name)
    ranks = encoding.mergeable_ranks
    sources = "".join(path.read_text() for path in sorted(Path(tokenizer.__file__).parent.glob("*.py")))
    text = sample_text() + sources + "안녕하세요 世界 Привет мир, สวัสดีชาวโลก " * 3
    pieces = [piece for piece in dict.fromkeys(chunk.encode() for chunk, _ in encoding.pre_tokenize(text)) if piece not in ranks]
    pieces = [piece for piece in pieces if len(piece) <= BATCH_MAX_WIDTH]
    assert len(pieces) > 300
    assert merge_many_ranked(pieces, ranks, min_rows=1) == [merge_ranked_bytes(piece, ranks) for piece in pieces]
