"""Training: learning byte-pair merges from a text, exactly as the textbook (minbpe) does.

The textbook trainer (`tests/reference_bpe.py` is one, in thirty lines):

1. cut the text into chunks with the split pattern (no pattern: the whole text is one chunk);
2. start every chunk as its UTF-8 bytes, ids 0-255;
3. count every adjacent pair inside every chunk ("aaa" holds the pair (a, a) twice);
4. merge the most frequent pair (ties go to the smallest `(left id, right id)`) into a new id,
   256 upward, replacing its occurrences left to right ("aaa" becomes [aa, a]);
5. repeat until the vocabulary is full, or stop early when no chunk has two tokens left.

It recounts the whole text for every merge, which is far too slow for a book. `learn_merges`
gives exactly the same merges but does, per merge, only the work that merge needs:

- each distinct chunk is stored once, weighted by how many times it occurs;
- all distinct chunks sit one after another in a single array of tokens linked both ways,
  so merging two tokens is a pointer update, and a single huge chunk (no split pattern) is
  never rescanned;
- `pair_counts` holds the (weighted) count of every pair, `pair_positions` where each pair
  starts, and a heap orders the pairs by count; a merge visits only its own occurrences and
  adjusts the counts of the pairs around them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from heapq import heapify, heappop, heappush
from numbers import Integral
from typing import Callable, Iterable

import numpy as np

from .pretokenize import SplitPattern, replace_lone_surrogates
from .registry import PATTERNS
from .trained import Tokenizer, check_special_tokens, pattern_name

Progress = Callable[[int, int], None]

# How many progress reports a training run makes, at most (plus one at the end).
PROGRESS_REPORTS = 100


def train(
    text: str,
    vocab_size: int,
    pattern: str | None = "gpt4",
    special_tokens: dict[str, int] | Iterable[str] | None = None,
    progress: Progress | None = None,
    *,
    name: str | None = None,
) -> Tokenizer:
    """Train a byte-level BPE tokenizer on `text` with `vocab_size - 256` merges (fewer if the
    text runs out of pairs).

    `pattern` is a named split pattern ("gpt2", "gpt4", "gpt4o"), None (no split: the whole text
    is one chunk) or a regular expression. `special_tokens` is `{token: id}`, or a list of
    tokens whose ids follow the last merge. `progress(done, total)` is called about every 1%
    of the `total = vocab_size - 256` merges, and once at the end with `done == total` (also
    when training stopped early); an exception it raises stops the training.

    >>> tok = train("hello hello hello", 258, pattern=None)
    >>> tok.merges
    {(101, 108): 256, (104, 256): 257}
    >>> tok.encode("hello")
    [257, 108, 111]
    """
    if not isinstance(text, str):
        raise ValueError(f"Training text must be a string; got {type(text).__name__}.")
    if not isinstance(vocab_size, Integral) or isinstance(vocab_size, bool):
        raise ValueError(f"vocab_size must be an integer of at least 256; got {vocab_size!r}.")
    vocab_size = int(vocab_size)
    if vocab_size < 256:
        raise ValueError(f"vocab_size must be at least 256 (one token per byte); got {vocab_size}.")
    pattern_string = resolve_pattern(pattern)
    chunk_counts = count_chunks(replace_lone_surrogates(text), SplitPattern(pattern_string))
    pairs, merge_counts = learn_merges(chunk_counts, vocab_size - 256, progress)
    merges = {pair: 256 + i for i, pair in enumerate(pairs)}
    return Tokenizer(
        merges,
        pattern_string,
        special_tokens=assign_special_ids(special_tokens, first_free_id=256 + len(merges)),
        merge_counts=merge_counts,
        name=name or f"trained-{pattern_name(pattern_string)}-{vocab_size}",
    )


def resolve_pattern(pattern: str | None) -> str | None:
    """The split-pattern string for a pattern name ("gpt2", "gpt4", "gpt4o"), None, or a regex."""
    if pattern is None:
        return None
    if not isinstance(pattern, str):
        raise ValueError(f"pattern must be one of {sorted(PATTERNS)}, None or a regular expression; got {pattern!r}.")
    return PATTERNS.get(pattern, pattern)


def assign_special_ids(special_tokens: dict[str, int] | Iterable[str] | None, first_free_id: int) -> dict[str, int]:
    """`{token: id}` for special tokens given as a dict, or as strings numbered from `first_free_id`.

    >>> assign_special_ids(["<|endoftext|>", "<|pad|>"], 300)
    {'<|endoftext|>': 300, '<|pad|>': 301}
    """
    if special_tokens is None:
        return {}
    if isinstance(special_tokens, (str, bytes)):
        raise ValueError(f"special_tokens must be a dict {{token: id}} or a list of tokens; got the string {special_tokens!r}.")
    if isinstance(special_tokens, dict):
        assigned = dict(special_tokens)
    else:
        tokens = list(special_tokens)
        assigned = {token: first_free_id + i for i, token in enumerate(tokens)}
        if len(assigned) != len(tokens):
            raise ValueError(f"A special token is listed twice in {tokens!r}.")
    check_special_tokens(assigned, first_free_id)
    return assigned


def count_chunks(text: str, split: SplitPattern) -> dict[str, int]:
    """Each distinct chunk of `text` under `split`, with how many times it occurs.

    >>> count_chunks("the cat, the hat", SplitPattern(PATTERNS["gpt4"]))
    {'the': 1, ' cat': 1, ',': 1, ' the': 1, ' hat': 1}
    """
    # Run the pattern once per distinct unit (see `SplitPattern.chunk_units`), not over the text.
    units, distinct_units, chunks, unit_ends = split.chunk_units(text)
    times_seen = Counter(units)
    counts: dict[str, int] = {}
    start = 0
    for unit, end in zip(distinct_units, unit_ends.tolist()):
        weight = times_seen[unit]
        for chunk in chunks[start:end]:
            counts[chunk] = counts.get(chunk, 0) + weight
        start = end
    return counts


def learn_merges(
    chunk_counts: dict[str, int], num_merges: int, progress: Progress | None = None
) -> tuple[list[tuple[int, int]], list[int]]:
    """The textbook BPE merges of chunks that occur `chunk_counts[chunk]` times each: the pairs
    merged, in order (the i-th becomes id 256 + i), and each pair's count when it was merged.

    >>> learn_merges({"aaab": 2, "ab": 1}, 3)
    ([(97, 97), (97, 98), (256, 257)], [4, 3, 2])
    """
    encoded = [chunk.encode("utf-8") for chunk in chunk_counts]
    data = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    n = len(data)
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    chunk_ends = np.cumsum(lengths)

    # Every distinct chunk, one after another: token ids, links to the neighbouring tokens of
    # the same chunk (-1 at a chunk's edge), and the weight (chunk count) of every position.
    # A merge keeps the merged token at the left position and unlinks the right one.
    next_of = np.arange(1, n + 1)
    next_of[chunk_ends[lengths > 0] - 1] = -1
    prev_of = np.arange(-1, n - 1)
    prev_of[(chunk_ends - lengths)[lengths > 0]] = -1
    weight_of = np.repeat(np.fromiter(chunk_counts.values(), dtype=np.int64, count=len(encoded)), lengths)

    # A pair (left, right) is keyed by the integer left * key_base + right: ints hash faster than
    # tuples, and keys sort like the pairs, so the smallest key is the smallest pair.
    key_base = 256 + min(num_merges, max(n - 1, 0))
    pair_counts, pair_positions = _count_byte_pairs(data, next_of, weight_of, key_base)
    heap = [(-count, key) for key, count in pair_counts.items()]
    heapify(heap)

    tokens = data.tolist()
    next_of = next_of.tolist()
    prev_of = prev_of.tolist()
    weight_of = weight_of.tolist()
    merged: list[tuple[int, int]] = []
    merge_counts: list[int] = []
    report_every = max(1, num_merges // PROGRESS_REPORTS)
    reported = 0

    while len(merged) < num_merges:
        # The heap may hold outdated counts (lazy invalidation): a count that went down is fixed
        # when its entry reaches the top; a count that went up was pushed again when it did.
        # Every entry is thus at least as high as its pair's count, so an entry that is up to
        # date when it is on top is the most frequent pair, and the smallest pair on ties.
        best = None
        while heap:
            negative_count, key = heappop(heap)
            count = pair_counts.get(key, 0)
            if count == -negative_count:
                best = key
                break
            if count > 0:
                heappush(heap, (-count, key))
        if best is None:
            break  # every chunk is a single token: nothing left to merge
        left, right = divmod(best, key_base)
        new = 256 + len(merged)
        del pair_counts[best]
        # Every pair that gains occurrences holds the new token, so it is new too: its counts
        # are gathered apart, then pushed on the heap once each.
        new_counts: dict[int, int] = {}

        # The textbook replaces occurrences left to right within each chunk. Positions are
        # visited in increasing order, and one whose tokens are no longer (left, right) is
        # skipped: it was swallowed by an overlapping occurrence ("aaa") or changed by an
        # earlier merge (the positions of a pair are not removed when it disappears).
        positions = pair_positions.pop(best)
        positions.sort()
        for at in positions:
            if tokens[at] != left:
                continue
            after = next_of[at]
            if after < 0 or tokens[after] != right:
                continue
            weight = weight_of[at]
            before = prev_of[at]
            beyond = next_of[after]
            if before >= 0:
                neighbour = tokens[before]
                if neighbour == new:  # merged just before, as in "abab" merging (a, b)
                    new_counts[new * key_base + left] -= weight
                else:
                    pair_counts[neighbour * key_base + left] -= weight
                key = neighbour * key_base + new
                new_counts[key] = new_counts.get(key, 0) + weight
                pair_positions[key].append(before)
            if beyond >= 0:
                neighbour = tokens[beyond]
                key = right * key_base + neighbour
                if key != best:  # else the overlapping occurrence in "aaa" merging (a, a)
                    pair_counts[key] -= weight
                key = new * key_base + neighbour
                new_counts[key] = new_counts.get(key, 0) + weight
                pair_positions[key].append(at)
                prev_of[beyond] = at
            tokens[at] = new
            tokens[after] = -1
            next_of[at] = beyond

        for key, count in new_counts.items():
            if count > 0:
                pair_counts[key] = count
                heappush(heap, (-count, key))
        merged.append((left, right))
        merge_counts.append(-negative_count)
        if progress is not None and len(merged) % report_every == 0:
            progress(len(merged), num_merges)
            reported = len(merged)

    if progress is not None and (reported != num_merges or not num_merges):
        progress(num_merges, num_merges)  # the end, also when the text ran out of pairs
    return merged, merge_counts


def _count_byte_pairs(
    data: np.ndarray, next_of: np.ndarray, weight_of: np.ndarray, key_base: int
) -> tuple[dict[int, int], defaultdict[int, list[int]]]:
    """The weighted count of every adjacent byte pair, and its positions in increasing order.

    The first count is the only full pass over the data, done with numpy.
    """
    starts = np.flatnonzero(next_of >= 0)
    codes = data[starts].astype(np.int64) * 256 + data[starts + 1]
    order = np.argsort(codes, kind="stable")  # stable: positions stay in increasing order
    codes = codes[order]
    starts = starts[order]
    weights = weight_of[starts]
    group_starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(codes) else np.zeros(0, dtype=np.int64)
    group_counts = np.add.reduceat(weights, group_starts) if len(codes) else np.zeros(0, dtype=np.int64)
    group_ends = np.r_[group_starts[1:], len(codes)]
    keys = (codes[group_starts] // 256) * key_base + codes[group_starts] % 256
    positions = starts.tolist()
    pair_counts = dict(zip(keys.tolist(), group_counts.tolist()))
    pair_positions: defaultdict[int, list[int]] = defaultdict(list)
    for key, start, end in zip(keys.tolist(), group_starts.tolist(), group_ends.tolist()):
        pair_positions[key] = positions[start:end]
    return pair_counts, pair_positions
