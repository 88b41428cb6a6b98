"""Traces: one BPE run over a whole text, recorded merge by merge, for stepping through.

The steps follow one global BPE run: at each step the lowest-ranked mergeable pair anywhere
in the text merges (pairs never cross chunk boundaries; ties go to the leftmost pair). Within
a chunk that is exactly the order BPE uses, so the last state equals `encode_ordinary`.

Every step merges the token that starts at some byte with the token after it. So the state
after k steps is known without replaying: the tokens still standing are the bytes that no
earlier step swallowed as a right half, and each holds the id of the last merge (before
step k) that it was the left half of. `Trace.state(k)` answers that with two numpy lookups.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .bpe import merge_with_heap
from .pretokenize import replace_lone_surrogates

if TYPE_CHECKING:
    from .core import Encoding


@dataclass(frozen=True)
class Chunk:
    """One pre-tokenization chunk: its text and spans in characters and in bytes."""

    index: int
    text: str
    start: int
    end: int
    byte_start: int
    byte_end: int


@dataclass(frozen=True)
class MergeStep:
    """One merge: in `chunk`, the token starting at byte `position` (of the whole text) and the
    token after it, `left` and `right`, became `new` (whose rank is its id)."""

    index: int
    chunk: int
    position: int
    left: int
    right: int
    new: int

    @property
    def rank(self) -> int:
        """The merge's rank (the new token's id)."""
        return self.new


class StepColumns(NamedTuple):
    """Every merge of a trace as columns, one entry per step, in order (read-only numpy arrays):
    the chunk, the byte where the left token starts, the left, right and new token ids."""

    chunk: np.ndarray
    position: np.ndarray
    left: np.ndarray
    right: np.ndarray
    new: np.ndarray


class Trace:
    """The merges of one BPE run over a text, and the token ids after any number of them.

    A trace of 100,000 characters holds about 80,000 merges, so they are kept as numpy columns
    (`columns()`), not as objects; `steps` and `chunks` build objects on each call.
    """

    def __init__(
        self, text: str, data: bytes, chunk_spans: np.ndarray, byte_ids: np.ndarray, steps: np.ndarray, right_starts: np.ndarray
    ):
        """Built by `trace()`: `chunk_spans` has one row per chunk (start, end, byte start, byte
        end), `steps` one row per merge (chunk, position, left, right, new) and `right_starts`
        the byte where each merge's right token started."""
        self.text = text
        self.data = data
        self._chunk_spans = chunk_spans
        self._byte_ids = byte_ids
        # One row per step: chunk, position, left, right, new.
        self._steps = steps
        self._steps.flags.writeable = False
        n = len(data)
        positions = steps[:, 1]
        # swallowed_at[b]: the step at which the token starting at byte b became a right half.
        self._swallowed_at = np.full(n, len(steps), dtype=np.int32)
        self._swallowed_at[right_starts] = np.arange(len(steps))
        # Merges sorted by (left position, step), to find each position's latest merge before k.
        order = np.lexsort((np.arange(len(steps)), positions))
        self._by_position = positions[order]
        self._by_position_step = order.astype(np.int32)
        self._key = positions[order].astype(np.int64) * (len(steps) + 1) + order

    @property
    def chunks(self) -> list[Chunk]:
        """The pre-tokenization chunks, in order."""
        return [
            Chunk(index, self.text[start:end], start, end, byte_start, byte_end)
            for index, (start, end, byte_start, byte_end) in enumerate(self._chunk_spans.tolist())
        ]

    def columns(self) -> StepColumns:
        """Every merge as numpy columns (read-only views, no copy): what `steps` holds, without
        an object per step.

        >>> import tokenizer
        >>> tokenizer.get_encoding("gpt2").trace("aaa").columns().new.tolist()
        [7252, 46071]
        """
        return StepColumns(*(self._steps[:, i] for i in range(5)))

    @property
    def steps(self) -> list[MergeStep]:
        """Every merge, in order (one object each: prefer `columns()` for long texts)."""
        return [MergeStep(i, *row) for i, row in enumerate(self._steps.tolist())]

    def step(self, k: int) -> MergeStep:
        """The k-th merge (0-based): `state(k + 1)` is the state just after it."""
        return MergeStep(k, *self._steps[k].tolist())

    def __len__(self) -> int:
        return len(self._steps)

    def state(self, k: int) -> list[int]:
        """The token ids of the whole text after the first `k` merges.

        `state(0)` is one token per byte; `state(len(trace))` equals `encode_ordinary(text)`.
        """
        return self.state_with_positions(k)[0]

    def state_with_positions(self, k: int) -> tuple[list[int], list[int]]:
        """`(ids, byte starts)` after the first `k` merges: the tokens and where each starts."""
        if not 0 <= k <= len(self._steps):
            raise ValueError(f"Step {k} is out of range: this trace has steps 0 to {len(self._steps)}.")
        starts = np.flatnonzero(self._swallowed_at >= k)
        ids = self._byte_ids[starts].copy()
        if k and len(starts):
            n = len(self._steps) + 1
            found = np.searchsorted(self._key, starts.astype(np.int64) * n + k) - 1
            valid = found >= 0
            valid[valid] = self._by_position[found[valid]] == starts[valid]
            ids[valid] = self._steps[self._by_position_step[found[valid]], 4]
        return ids.tolist(), starts.tolist()


def trace(encoding: "Encoding", text: str) -> Trace:
    """Run BPE over the whole of `text` under `encoding`, recording every merge (see `Trace`)."""
    text = replace_lone_surrogates(text)
    data = text.encode("utf-8")
    spans = np.array(encoding._split.chunk_spans(text), dtype=np.int64).reshape(-1, 2)
    # Byte offset of every character (and of the end): UTF-8 takes 1 to 4 bytes by code point.
    code_points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    char_bytes = 1 + (code_points >= 0x80) + (code_points >= 0x800) + (code_points >= 0x10000)
    byte_at = np.concatenate(([0], np.cumsum(char_bytes, dtype=np.int64)))
    chunk_spans = np.column_stack((spans, byte_at[spans[:, 0]], byte_at[spans[:, 1]]))
    chunk_of_byte = np.repeat(np.arange(len(spans), dtype=np.int32), chunk_spans[:, 3] - chunk_spans[:, 2])
    byte_ids = encoding.byte_ids
    ids = [byte_ids[b] for b in data]
    # A flat array of machine integers, not a list of tuples: a tenth of the memory at 80,000 merges.
    flat = array("q")
    merge_with_heap(
        ids,
        encoding.rank_of_pair,
        chunk_starts=chunk_spans[1:, 2].tolist(),
        on_merge=lambda position, left, right, new: flat.extend((position, left, right, new)),
    )
    table = np.frombuffer(flat, dtype=np.int64).reshape(-1, 4)
    # int32 halves the columns: ids and byte positions stay below 2**31 but for odd loaded files.
    small = len(data) < 2**31 and max(ids, default=0) < 2**31 and (not len(table) or int(table.max()) < 2**31)
    steps = np.zeros((len(table), 5), dtype=np.int32 if small else np.int64)
    right_starts = np.zeros(len(table), dtype=np.int64)
    if len(table):
        steps[:, 1:] = table
        steps[:, 0] = chunk_of_byte[table[:, 0]]
        # The right token starts where the left one ends: its start plus its length in bytes.
        left_lengths = {token: len(encoding.decode_single_token_bytes(token)) for token in set(table[:, 1].tolist())}
        right_starts = table[:, 0] + np.array([left_lengths[t] for t in table[:, 1].tolist()], dtype=np.int64)
    return Trace(text, data, chunk_spans, np.array(ids, dtype=steps.dtype), steps, right_starts)
