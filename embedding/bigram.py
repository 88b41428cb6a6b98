"""The bigram language model of the lectures: a table whose row for token t holds the logits
of the token that comes next.

In the lecture the table is `nn.Embedding(vocab_size, vocab_size)` and is learned by gradient
descent; the best table it can reach is known in closed form: the log of the bigram counts
(smoothed, so that no pair is impossible). Both are here. Rows are the corpus's most frequent
ids plus "other" (see `rows.py`), so GPT vocabularies stay small.

Counts are kept sparse (one entry per pair that occurs), and a row of logits is computed only
when asked for: a 2,001 x 2,001 table of logits is never built unless gradient descent needs it.

    >>> counts = count_bigrams([5, 6, 5, 6, 5, 7])
    >>> counts.row_map.token_ids.tolist()          # rows: 5, 6, 7, then "other"
    [5, 6, 7]
    >>> counts.counts_of_rows([0]).tolist()         # after 5: 6 twice, 7 once
    [[0.0, 2.0, 1.0, 0.0]]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from .lookup import log_softmax
from .rows import DEFAULT_MAX_ROWS, RowMap, frequent_rows

# Added to every count before taking logs: a pair never seen is unlikely, not impossible.
DEFAULT_SMOOTHING = 1.0


@dataclass(frozen=True)
class BigramCounts:
    """How often each row's token is followed by each other row's token in a corpus.

    `pair_codes` (sorted) encodes the pair `(previous, next)` as `previous * n_rows + next`;
    `pair_counts` is how often each occurs; `row_totals[r]` is how many pairs start in row r.
    """

    row_map: RowMap
    pair_codes: np.ndarray
    pair_counts: np.ndarray
    row_totals: np.ndarray

    @property
    def n_rows(self) -> int:
        """Rows (and columns) of the table: the kept ids plus "other"."""
        return self.row_map.n_rows

    @property
    def n_pairs(self) -> int:
        """How many pairs of neighbouring tokens the corpus has."""
        return int(self.row_totals.sum())

    def counts_of_rows(self, rows: Sequence[int] | np.ndarray) -> np.ndarray:
        """The counts of the rows `rows`, dense: one line of `n_rows` counts per row asked for."""
        rows = np.asarray(rows, dtype=np.int64).reshape(-1)
        n = self.n_rows
        dense = np.zeros((len(rows), n))
        starts = np.searchsorted(self.pair_codes, rows * n)
        ends = np.searchsorted(self.pair_codes, (rows + 1) * n)
        for line, (start, end) in enumerate(zip(starts, ends)):
            dense[line, self.pair_codes[start:end] - rows[line] * n] = self.pair_counts[start:end]
        return dense

    def pair_count(self, previous: np.ndarray, following: np.ndarray) -> np.ndarray:
        """How often each pair `(previous[i], following[i])` of rows occurs in the corpus."""
        codes = np.asarray(previous, dtype=np.int64) * self.n_rows + np.asarray(following, dtype=np.int64)
        places = np.minimum(np.searchsorted(self.pair_codes, codes), max(len(self.pair_codes) - 1, 0))
        if len(self.pair_codes) == 0:
            return np.zeros(len(codes))
        return np.where(self.pair_codes[places] == codes, self.pair_counts[places], 0).astype(np.float64)


def count_bigrams(ids: Sequence[int] | np.ndarray, max_rows: int = DEFAULT_MAX_ROWS) -> BigramCounts:
    """Count the pairs of neighbouring tokens of `ids`, over the rows of its `max_rows` most
    frequent ids plus "other"."""
    ids = np.asarray(ids, dtype=np.int64).reshape(-1)
    if len(ids) < 2:
        raise ValueError("The corpus needs at least two tokens to have a pair of neighbours to count.")
    row_map, rows = frequent_rows(ids, max_rows)
    n = row_map.n_rows
    codes, pair_counts = np.unique(rows[:-1] * n + rows[1:], return_counts=True)
    row_totals = np.bincount(rows[:-1], minlength=n)
    return BigramCounts(row_map, codes, pair_counts, row_totals)


def closed_form_logits(counts: BigramCounts, rows: Sequence[int] | np.ndarray, smoothing: float = DEFAULT_SMOOTHING) -> np.ndarray:
    """The trained table's rows `rows`: `log(count + smoothing)` for each next token.

    Their softmax is the smoothed frequency of each next token, which is the table gradient
    descent converges to (with smoothing 0: exactly; smoothing acts like a regularizer).
    """
    if smoothing <= 0:
        raise ValueError("Smoothing must be positive: log(0) is minus infinity.")
    return np.log(counts.counts_of_rows(rows) + smoothing)


def closed_form_loss(counts: BigramCounts, rows: Sequence[int] | np.ndarray, smoothing: float = DEFAULT_SMOOTHING) -> float:
    """The mean negative log-probability the closed-form table gives each next row of `rows`
    (a sequence of rows, for example a text's tokens mapped with `counts.row_map`)."""
    rows = np.asarray(rows, dtype=np.int64).reshape(-1)
    if len(rows) < 2:
        raise ValueError("The loss needs at least two tokens: one to predict from, one to predict.")
    previous, following = rows[:-1], rows[1:]
    probabilities = (counts.pair_count(previous, following) + smoothing) / (counts.row_totals[previous] + smoothing * counts.n_rows)
    return float(-np.log(probabilities).mean())


def closed_form_corpus_loss(counts: BigramCounts, smoothing: float = DEFAULT_SMOOTHING) -> float:
    """The closed-form table's mean loss on the corpus it was counted on (from the counts alone)."""
    previous = counts.pair_codes // counts.n_rows
    probabilities = (counts.pair_counts + smoothing) / (counts.row_totals[previous] + smoothing * counts.n_rows)
    return float(-(counts.pair_counts * np.log(probabilities)).sum() / counts.n_pairs)


def table_loss(weights: np.ndarray, rows: Sequence[int] | np.ndarray) -> float:
    """The mean negative log-probability a full table of logits gives each next row of `rows`."""
    rows = np.asarray(rows, dtype=np.int64).reshape(-1)
    if len(rows) < 2:
        raise ValueError("The loss needs at least two tokens: one to predict from, one to predict.")
    # One log-softmax per distinct row, not per position: a long text repeats its rows.
    distinct, previous = np.unique(rows[:-1], return_inverse=True)
    log_probs = log_softmax(weights[distinct])
    return float(-log_probs[previous, rows[1:]].mean())


def lowest_loss(counts: BigramCounts) -> float:
    """The lowest mean loss any bigram table can reach on its own corpus: that of the raw
    frequencies (no smoothing), which gradient descent approaches step by step."""
    previous = counts.pair_codes // counts.n_rows
    frequencies = counts.pair_counts / counts.row_totals[previous]
    return float(-(counts.pair_counts * np.log(frequencies)).sum() / counts.n_pairs)


# Each row's step is scaled by how many pairs start in it (see `train_by_gradient_descent`).
DEFAULT_LEARNING_RATE = 5.0
MAX_GRADIENT_STEPS = 50


@dataclass(frozen=True)
class GradientRun:
    """A table trained by gradient descent: the weights, the loss before each step and after
    the last one (on the corpus), and the learning rate used."""

    weights: np.ndarray
    losses: list[float]
    learning_rate: float


def train_by_gradient_descent(
    counts: BigramCounts,
    steps: int,
    *,
    learning_rate: float = DEFAULT_LEARNING_RATE,
    progress: Callable[[int, int], None] | None = None,
) -> GradientRun:
    """Learn the table by full-batch gradient descent, as in the lecture, starting from zeros
    (every next token equally likely: the loss starts at `log(n_rows)`).

    The gradient of the mean loss for row r is `(softmax(W[r]) * total[r] - counts[r]) /
    n_pairs`; here each row's gradient is divided by `total[r]` instead, so that every row
    learns at the same pace: `W[r] -= rate * (softmax(W[r]) - frequencies[r])`. (With the
    lecture's plain step a row seen 10 times learns 1,000 times slower than one seen 10,000
    times, and a 2,001-row table needs thousands of steps.) Both descend toward the raw
    frequencies, the lowest loss there is (`lowest_loss`).
    """
    if not 0 <= steps <= MAX_GRADIENT_STEPS:
        raise ValueError(f"The number of steps must be between 0 and {MAX_GRADIENT_STEPS}.")
    n = counts.n_rows
    frequencies = np.zeros((n, n), dtype=np.float32)
    frequencies.reshape(-1)[counts.pair_codes] = counts.pair_counts
    totals = counts.row_totals.astype(np.float32)[:, None]
    frequencies /= np.maximum(totals, 1.0)
    weights = np.zeros((n, n), dtype=np.float32)
    pair_share = (totals / float(counts.n_pairs)).reshape(-1)
    work = np.empty_like(weights)  # reused every step: no 16 MB allocations in the loop
    losses = []
    for step in range(steps + 1):
        row_max = weights.max(axis=1, keepdims=True)
        np.subtract(weights, row_max, out=work)
        # The mean loss: sum over rows of share * (log(sum exp) - frequencies . shifted logits).
        expected_logit = np.einsum("ij,ij->i", frequencies, work)
        np.exp(work, out=work)
        sums = work.sum(axis=1, keepdims=True)
        losses.append(float(pair_share @ (np.log(sums).reshape(-1) - expected_logit)))
        if step == steps:
            break
        work /= sums
        work -= frequencies
        work *= learning_rate
        weights -= work
        if progress is not None:
            progress(step + 1, steps)
    return GradientRun(weights, losses, learning_rate)
