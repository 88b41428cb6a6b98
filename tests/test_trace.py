"""Traces: one BPE run over the whole text, step by step."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tokenizer

TEXT = "Hello world!!! It's 2024: 12345 apples.\n\n    def f(x):\n        return x  # 😀 안녕"


def replay(encoding, text, k):
    """The textbook: merge the lowest-ranked pair of the whole text (never across chunks), k times."""
    chunks = [[encoding.byte_ids[b] for b in chunk.encode()] for chunk in encoding._split.chunks(text)]
    for _ in range(k):
        best = None
        for c, ids in enumerate(chunks):
            for i in range(len(ids) - 1):
                rank = encoding.rank_of_pair(ids[i], ids[i + 1])
                if rank is not None and (best is None or rank < best[0]):
                    best = (rank, c, i)
        rank, c, i = best
        chunks[c][i : i + 2] = [rank]
    return [token for ids in chunks for token in ids]


@pytest.mark.parametrize("name", ["gpt2", "gpt4", "gpt4o"])
def test_first_state_is_one_token_per_byte(name):
    enc = tokenizer.get_encoding(name)
    assert enc.trace(TEXT).state(0) == [enc.byte_ids[b] for b in TEXT.encode()]


@pytest.mark.parametrize("name", ["gpt2", "gpt4", "gpt4o"])
def test_last_state_equals_encode_ordinary(name):
    enc = tokenizer.get_encoding(name)
    trace = enc.trace(TEXT)
    assert trace.state(len(trace)) == enc.encode_ordinary(TEXT)
    assert len(trace.steps) == len(TEXT.encode()) - len(enc.encode_ordinary(TEXT))


@pytest.mark.parametrize("name", ["gpt2", "gpt4", "gpt4o"])
def test_every_state_equals_the_textbook_replay(name):
    enc = tokenizer.get_encoding(name)
    trace = enc.trace(TEXT)
    for k in range(len(trace) + 1):
        assert trace.state(k) == replay(enc, TEXT, k), k


def test_steps_record_chunk_position_pair_and_result():
    enc = tokenizer.get_encoding("gpt4")
    trace = enc.trace("hi hi")
    data = trace.data
    for step in trace.steps:
        chunk = trace.chunks[step.chunk]
        assert chunk.byte_start <= step.position < chunk.byte_end
        assert enc.rank_of_pair(step.left, step.right) == step.new == step.rank
        left_bytes = enc.decode_single_token_bytes(step.left)
        assert data[step.position : step.position + len(left_bytes)] == left_bytes


def test_steps_go_in_rank_order_leftmost_first_when_independent():
    enc = tokenizer.get_encoding("gpt4")
    trace = enc.trace("ab ab")
    first = trace.steps[0]
    same_rank = [s for s in trace.steps if s.new == first.new]
    assert [s.position for s in same_rank] == sorted(s.position for s in same_rank)


def test_chunks_have_character_and_byte_spans():
    trace = tokenizer.get_encoding("gpt4").trace("é world")
    assert [(c.text, c.start, c.end, c.byte_start, c.byte_end) for c in trace.chunks] == [
        ("é", 0, 1, 0, 2),
        (" world", 1, 7, 2, 8),
    ]


def test_chunk_spans_count_bytes_of_every_utf8_length():
    text = "a é € 😀 x\ud800y"
    trace = tokenizer.get_encoding("gpt4").trace(text)
    cleaned = text.replace("\ud800", "\ufffd")
    for chunk in trace.chunks:
        assert chunk.text == cleaned[chunk.start : chunk.end]
        assert trace.data[chunk.byte_start : chunk.byte_end] == chunk.text.encode()
    assert trace.chunks[-1].byte_end == len(cleaned.encode())


@pytest.mark.parametrize("name", ["gpt2", "gpt4", "gpt4o"])
def test_columns_hold_the_steps_field_by_field(name):
    trace = tokenizer.get_encoding(name).trace(TEXT)
    columns = trace.columns()
    for field in ("chunk", "position", "left", "right", "new"):
        assert getattr(columns, field).tolist() == [getattr(step, field) for step in trace.steps]


def test_columns_are_read_only():
    columns = tokenizer.get_encoding("gpt4").trace("hello hello").columns()
    with pytest.raises(ValueError):
        columns.new[0] = 0


def test_state_with_positions_gives_token_byte_starts():
    enc = tokenizer.get_encoding("gpt4")
    trace = enc.trace("hello world")
    ids, starts = trace.state_with_positions(len(trace))
    assert ids == enc.encode("hello world")
    assert starts == [0, 5]


@pytest.mark.parametrize("k", [-1, 10**6])
def test_state_out_of_range_raises(k):
    trace = tokenizer.get_encoding("gpt4").trace("hello")
    with pytest.raises(ValueError, match="out of range"):
        trace.state(k)


def test_empty_text_has_no_steps():
    trace = tokenizer.get_encoding("gpt4").trace("")
    assert len(trace) == 0 and trace.state(0) == [] and trace.chunks == []


def test_large_trace_states_are_consistent():
    enc = tokenizer.get_encoding("gpt4")
    text = ("The quick brown fox jumps over the lazy dog. " * 50 + "def f(x):\n    return x * 2\n" * 30) * 5
    trace = enc.trace(text)
    assert trace.state(len(trace)) == enc.encode_ordinary(text)
    rng = random.Random(0)
    for k in rng.sample(range(len(trace) + 1), 3):
        ids = trace.state(k)
        assert len(ids) == len(text.encode()) - k
        assert enc.decode_bytes(ids) == text.encode()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=30), name=st.sampled_from(["gpt2", "gpt4", "gpt4o"]))
def test_trace_ends_at_encode_ordinary_for_any_text(text, name):
    enc = tokenizer.get_encoding(name)
    trace = enc.trace(text)
    assert trace.state(len(trace)) == enc.encode_ordinary(text)
