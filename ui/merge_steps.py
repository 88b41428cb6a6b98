"""What the Merges page steps through, one merge per step, cached per (encoding, text):

- `EncodingMerges`: an encoding's merges, in the order one BPE run applies them
  (`Encoding.trace`); after the last step the tokens are `encode_ordinary(text)`;
- `LearnedMerges`: the merges `tokenizer.train` learns from the text, with their pair counts;
  after k of them the tokens are the text cut by a tokenizer that knows only those k.

Both answer the same questions (the state after k steps, the merge step k applied, where it
sits in the tokens, a table and a chart series), so the page draws either the same way. One
step costs one `Trace.state(k)` (two numpy lookups).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd
import streamlit as st

import tokenizer
from tokenizer import Tokenizer
from tokenizer.vocab_files import to_printable

from . import cached
from .encoding_choice import EncodingChoice

# A trace records every merge of the text: beyond this many characters it gets slow to build
# (about 0.5 s per 100,000) and to step through, so only the first part is traced.
MAX_TRACE_CHARS = 100_000
# When cutting the text there, cut at a whitespace within this many characters before the limit.
CUT_SEARCH_CHARS = 1_000
# Charts draw at most about this many points; the rest are sampled evenly.
MAX_CHART_POINTS = 600


def traced_text(text: str, limit: int | None = None) -> tuple[str, str | None]:
    """`(part, note)`: the part of `text` the page traces (all of it, or about its first `limit`
    characters, cut at a whitespace if one is near) and a note saying so when it is cut.

    >>> traced_text("one two three", limit=9)[0]
    'one two'
    """
    limit = MAX_TRACE_CHARS if limit is None else limit
    if len(text) <= limit:
        return text, None
    cut = limit
    space = max(text.rfind(" ", limit - CUT_SEARCH_CHARS, limit + 1), text.rfind("\n", limit - CUT_SEARCH_CHARS, limit + 1))
    if space > 0:
        cut = space
    note = (
        f"The text is {len(text):,} characters long: the merges below cover its first {cut:,} characters only "
        f"(a trace records every merge, so longer texts are cut at {limit:,} characters)."
    )
    return text[:cut], note


def pair_positions(ids: Sequence[int], left: int, right: int) -> list[int]:
    """The positions of both tokens of every occurrence of the pair `(left, right)` in `ids`.

    >>> pair_positions([1, 2, 1, 2, 2], 1, 2)
    [0, 1, 2, 3]
    """
    positions: list[int] = []
    for i in range(len(ids) - 1):
        if ids[i] == left and ids[i + 1] == right:
            positions.extend(p for p in (i, i + 1) if not positions or p > positions[-1])
    return positions


def sampled_steps(n_steps: int, max_points: int = MAX_CHART_POINTS) -> np.ndarray:
    """Steps 0 to `n_steps`, evenly sampled down to about `max_points`, always with both ends.

    >>> sampled_steps(10, 4).tolist()
    [0, 3, 6, 9, 10]
    """
    stride = max(1, -(-(n_steps + 1) // max_points))
    steps = np.arange(0, n_steps + 1, stride)
    return steps if steps[-1] == n_steps else np.append(steps, n_steps)


# ------------------------------------------------------------------ the two sequences of merges


@dataclass(frozen=True)
class MergeRule:
    """One merge as the page shows it: `left + right → new (detail)`, each token `(id, bytes)`."""

    left: tuple[int, bytes]
    right: tuple[int, bytes]
    new: tuple[int, bytes]
    detail: str


@dataclass(frozen=True)
class StepSeries:
    """What the chart draws: the token count after each (sampled) step, and one number per merge."""

    steps: list[int]
    tokens: list[int]
    merge_steps: list[int]
    merge_values: list[int]
    merge_label: str


def step_ranks(choice: EncodingChoice, text: str) -> np.ndarray:
    """The rank (new id) of every merge of `trace(choice, text)`, in order (a read-only view of
    the cached trace's column, no copy)."""
    return cached.trace(choice, text).columns().new


class _MergeSequence:
    """What both kinds of merges share: step k has applied merges 0..k-1 (`_rule(i)` describes merge i)."""

    n_steps: int

    def _rule(self, index: int) -> MergeRule:
        raise NotImplementedError

    def last_rule(self, k: int) -> MergeRule | None:
        """The merge step `k` applied (None at step 0)."""
        return self._rule(k - 1) if k else None

    def next_rule(self, k: int) -> MergeRule | None:
        """The merge step `k + 1` applies (None after the last step)."""
        return self._rule(k) if k < self.n_steps else None


class EncodingMerges(_MergeSequence):
    """An encoding's merges over the text, one per step, in the order one BPE run applies them:
    the lowest-ranked pair anywhere in the text first (pairs never cross chunks)."""

    noun = "step"
    x_title = "step (merges applied)"

    def __init__(self, choice: EncodingChoice, text: str):
        self.choice = choice
        self.text = text
        self.trace = cached.trace(choice, text)
        self.n_steps = len(self.trace)
        self.n_bytes = len(self.trace.data)

    def state(self, k: int) -> tuple[list[int], list[int]]:
        """`(ids, byte starts)` of the tokens after the first `k` merges."""
        return self.trace.state_with_positions(k)

    def _rule(self, index: int) -> MergeRule:
        step = self.trace.step(index)
        token = self.choice.encoding.decode_single_token_bytes
        return MergeRule(
            (step.left, token(step.left)), (step.right, token(step.right)), (step.new, token(step.new)), f"rank {step.rank}"
        )

    def merged_positions(self, k: int, ids: Sequence[int], starts: Sequence[int]) -> list[int]:
        """The position in the state of the token step `k` made (none at step 0)."""
        if not k:
            return []
        return [bisect_left(starts, self.trace.step(k - 1).position)]

    def next_positions(self, k: int, ids: Sequence[int], starts: Sequence[int]) -> list[int]:
        """The positions of the two tokens step `k + 1` joins (none after the last step)."""
        if k >= self.n_steps:
            return []
        left = bisect_left(starts, self.trace.step(k).position)
        return [left, left + 1]

    def table(self) -> pd.DataFrame:
        """One row per merge (row i: step i + 1), from `ui.cached.merge_steps_table`."""
        return cached.merge_steps_table(self.choice, self.text)

    def series(self) -> StepSeries:
        """The token count after each step and the rank of each merge, for the chart."""
        return _encoding_series(self.choice.cache_key, self.text, self.choice)


@st.cache_data(max_entries=8, show_spinner=False)
def _encoding_series(key: str, text: str, _choice: EncodingChoice) -> StepSeries:
    ranks = step_ranks(_choice, text)
    steps = sampled_steps(len(ranks))
    n_bytes = len(cached.trace(_choice, text).data)
    merge_steps = steps[steps > 0]
    # Every merge joins two tokens into one: after k steps the text has k tokens fewer than bytes.
    return StepSeries(
        steps.tolist(), (n_bytes - steps).tolist(), merge_steps.tolist(), ranks[merge_steps - 1].tolist(), "rank of the merge"
    )


@st.cache_resource(max_entries=8, show_spinner="Learning merges from the text...")
def learned_tokenizer(text: str, vocab_size: int, pattern: str | None) -> tuple[Tokenizer, str]:
    """`(tokenizer, fingerprint)`: `tokenizer.train(text, vocab_size, pattern)`, trained once per
    (text, size, pattern), and a fingerprint of its merges for cache keys."""
    trained = tokenizer.train(text, vocab_size, pattern)
    return trained, hashlib.sha256(trained.model_text().encode("utf-8")).hexdigest()[:16]


class LearnedMerges(_MergeSequence):
    """The merges `tokenizer.train` learns from the text, one per step, with their pair counts.

    The state after k merges is the text cut by a tokenizer that knows only the first k. A
    learned merge's parts are older tokens than it, so a BPE run with the whole tokenizer applies
    its merges in the order they were learned: that state is the run's state after its merges
    of id below 256 + k, which `Trace.state` gives without re-encoding.
    """

    noun = "merge"
    x_title = "merges learned"

    def __init__(self, text: str, vocab_size: int, pattern: str | None):
        trained, fingerprint = learned_tokenizer(text, vocab_size, pattern)
        self.tokenizer = trained
        label, key = f"{trained.name} · learned here", f"learned:{trained.name}@{fingerprint}"
        self.choice = EncodingChoice(trained.name, label, trained, key)
        self.text = text
        self.vocab_size = vocab_size
        self.trace = cached.trace(self.choice, text)
        self.ranks = step_ranks(self.choice, text)
        self.pairs = list(trained.merges)
        self.counts = trained.merge_counts
        self.n_steps = len(self.pairs)
        self.n_bytes = len(self.trace.data)

    def trace_steps(self, k: int) -> int:
        """How many steps of the BPE run apply the first `k` learned merges."""
        return int(np.searchsorted(self.ranks, 256 + k))

    def state(self, k: int) -> tuple[list[int], list[int]]:
        """`(ids, byte starts)` of the text cut with the first `k` learned merges."""
        return self.trace.state_with_positions(self.trace_steps(k))

    def _rule(self, index: int) -> MergeRule:
        (left, right), new = self.pairs[index], 256 + index
        token = self.tokenizer.decode_single_token_bytes
        count = self.counts[index]
        detail = f"id {new}, pair seen {count:,} time{'s' if count != 1 else ''}"
        return MergeRule((left, token(left)), (right, token(right)), (new, token(new)), detail)

    def merged_positions(self, k: int, ids: Sequence[int], starts: Sequence[int]) -> list[int]:
        """The positions of every token the `k`-th merge made."""
        if not k:
            return []
        new = 256 + k - 1
        return [i for i, token in enumerate(ids) if token == new]

    def next_positions(self, k: int, ids: Sequence[int], starts: Sequence[int]) -> list[int]:
        """The positions of every occurrence of the pair the next merge joins."""
        if k >= self.n_steps:
            return []
        return pair_positions(ids, *self.pairs[k])

    def table(self) -> pd.DataFrame:
        """One row per learned merge (row i: merge i + 1): the pair, the new token, the count."""
        return _learned_table(self.choice.cache_key, self.choice)

    def series(self) -> StepSeries:
        """The token count after each learned merge and each merge's pair count, for the chart."""
        return _learned_series(self.choice.cache_key, self.text, self.choice)


@st.cache_data(max_entries=16, show_spinner=False)
def _learned_table(key: str, _choice: EncodingChoice) -> pd.DataFrame:
    trained = _choice.encoding
    vocab = trained.vocab
    pairs = list(trained.merges)
    return pd.DataFrame(
        {
            "merge": range(1, len(pairs) + 1),
            "left": [to_printable(vocab[left]) for left, _ in pairs],
            "right": [to_printable(vocab[right]) for _, right in pairs],
            "new token": [to_printable(vocab[256 + i]) for i in range(len(pairs))],
            "left id": [left for left, _ in pairs],
            "right id": [right for _, right in pairs],
            "new id": [256 + i for i in range(len(pairs))],
            "count": trained.merge_counts,
        }
    )


@st.cache_data(max_entries=8, show_spinner=False)
def _learned_series(key: str, text: str, _choice: EncodingChoice) -> StepSeries:
    ranks = step_ranks(_choice, text)
    counts = np.array(_choice.encoding.merge_counts, dtype=np.int64)
    steps = sampled_steps(len(counts))
    n_bytes = len(cached.trace(_choice, text).data)
    tokens = n_bytes - np.searchsorted(ranks, 256 + steps)
    merge_steps = steps[steps > 0]
    return StepSeries(steps.tolist(), tokens.tolist(), merge_steps.tolist(), counts[merge_steps - 1].tolist(), "pair count")


MergeSource = EncodingMerges | LearnedMerges


