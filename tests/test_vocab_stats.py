"""Looking through vocabularies (`tokenizer.vocab_stats`): search, longest tokens, lengths, the byte table."""

from collections import Counter

import pytest

import tokenizer
from tokenizer import to_printable
from tokenizer.vocab_stats import byte_grid, length_histogram, longest_tokens, search_tokens


def columns(name: str):
    items = list(tokenizer.get_encoding(name).token_items())
    return items, [data.decode("utf-8", errors="replace") for _, data in items], [to_printable(data) for _, data in items]


@pytest.mark.parametrize("query", ["hello", "HELLO", "Ġworld", " world", "é", "</"])
def test_search_finds_text_or_printable_form_ignoring_case(query):
    items, texts, printables = columns("r50k_base")
    found = [items[position][0] for position in search_tokens(texts, printables, query)]
    expected = [
        token
        for token, data in items
        if query.lower() in data.decode("utf-8", errors="replace").lower() or query.lower() in to_printable(data).lower()
    ]
    assert found == expected and found


def test_empty_query_finds_nothing():
    assert search_tokens(["a"], ["a"], "") == []


def test_longest_tokens_are_longest_first_then_by_id():
    items, _, _ = columns("cl100k_base")
    lengths = [len(data) for _, data in items]
    positions = longest_tokens(lengths, 50)
    assert len(positions) == 50
    chosen = [lengths[p] for p in positions]
    assert chosen == sorted(chosen, reverse=True)
    assert min(chosen) >= sorted(lengths, reverse=True)[49]
    assert positions == sorted(positions, key=lambda p: (-lengths[p], p))


def test_longest_tokens_of_a_short_list():
    assert longest_tokens([2, 1], 50) == [0, 1]
    assert longest_tokens([], 5) == []


def test_histogram_counts_every_token_once():
    items, _, _ = columns("o200k_base")
    lengths = [len(data) for _, data in items]
    sizes, counts = length_histogram(lengths)
    assert sum(counts) == len(items)
    assert dict(zip(sizes, counts)) == {size: Counter(lengths).get(size, 0) for size in range(1, max(lengths) + 1)}


def test_byte_grid_is_gpt2s_printable_alphabet():
    grid = byte_grid()
    assert len(grid) == 16 and all(len(row) == 16 for row in grid)
    flat = [char for row in grid for char in row]
    assert flat == [tokenizer.bytes_to_unicode()[b] for b in range(256)]
    assert len(set(flat)) == 256
    assert grid[0x2][0x0] == "Ġ" and grid[0x0][0xA] == "Ċ" and grid[0x6][0x1] == "a"
