"""The arithmetic of an embedding table: one-hot rows, lookups, cosine, softmax and the loss.

An embedding lookup is a matrix product in disguise: the one-hot row of id `t` (all zeros but
a one in column `t`) times the table is row `t` of the table. Models index the row directly;
the product is how to understand it.

    >>> table = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> (one_hot([2, 0], 3) @ table).tolist() == lookup(table, [2, 0]).tolist() == [[5.0, 6.0], [1.0, 2.0]]
    True
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np


def one_hot(rows: Sequence[int] | np.ndarray, n_rows: int) -> np.ndarray:
    """One row per entry of `rows`, all zeros but a one in that entry's column.

    >>> one_hot([1, 0], 3).tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
    """
    rows = np.asarray(rows, dtype=np.int64).reshape(-1)
    if len(rows) and (rows.min() < 0 or rows.max() >= n_rows):
        raise ValueError(f"Rows must be between 0 and {n_rows - 1}.")
    encoded = np.zeros((len(rows), n_rows))
    encoded[np.arange(len(rows)), rows] = 1.0
    return encoded


def lookup(table: np.ndarray, rows: Sequence[int] | np.ndarray) -> np.ndarray:
    """The rows `rows` of `table`, in order (what `nn.Embedding` does with a list of ids)."""
    return np.asarray(table)[np.asarray(rows, dtype=np.int64)]


def cosine_similarity(vectors: np.ndarray, others: np.ndarray | None = None) -> np.ndarray:
    """Cosine of the angle between every row of `vectors` and every row of `others` (default:
    `vectors` itself). A zero row points nowhere: its similarity to anything is 0.

    >>> cosine_similarity(np.array([[1.0, 0.0], [2.0, 0.0], [0.0, 3.0]])).round(6).tolist()
    [[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
    a = unit_rows(vectors)
    b = a if others is None else unit_rows(others)
    return np.clip(a @ b.T, -1.0, 1.0)


def cosine_matrix(rows: Sequence[int] | np.ndarray, vectors_of: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Cosine similarity between the rows of every pair of positions of `rows`, given
    `vectors_of(rows)`, the vectors of some rows. Each distinct row is fetched and compared
    once: a text repeats its tokens (500 tokens of English use about 260 rows).

    >>> table = np.array([[1.0, 0.0], [0.0, 2.0]])
    >>> cosine_matrix([0, 1, 0], lambda rows: table[rows]).tolist()
    [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 1.0]]
    """
    distinct, where = np.unique(np.asarray(rows, dtype=np.int64).reshape(-1), return_inverse=True)
    where = where.reshape(-1)
    return cosine_similarity(vectors_of(distinct))[np.ix_(where, where)]


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1, as float64, so that the dot product of two rows is their
    cosine (a zero row stays zero).

    >>> unit_rows(np.array([[3.0, 4.0], [0.0, 0.0]])).tolist()
    [[0.6, 0.8], [0.0, 0.0]]
    """
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def softmax(logits: np.ndarray, axis: int = -1) -> np.ndarray:
    """Probabilities from logits: `exp(logits)` normalized to sum to 1 along `axis`.

    The largest logit is subtracted first: the result is the same and `exp` cannot overflow.

    >>> softmax(np.array([0.0, np.log(3.0)])).tolist()
    [0.25, 0.75]
    """
    logits = np.asarray(logits, dtype=np.float64)
    shifted = np.exp(logits - logits.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


def log_softmax(logits: np.ndarray, axis: int = -1) -> np.ndarray:
    """`log(softmax(logits))`, computed without taking the log of tiny numbers."""
    logits = np.asarray(logits, dtype=np.float64)
    shifted = logits - logits.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def cross_entropy(logits: np.ndarray, targets: Sequence[int] | np.ndarray) -> float:
    """The mean negative log-probability that the rows of `logits` give their `targets`
    (the loss a language model minimizes). Uniform logits over n classes give `log(n)`.

    >>> round(cross_entropy(np.zeros((2, 4)), [1, 3]), 6) == round(float(np.log(4)), 6)
    True
    """
    targets = np.asarray(targets, dtype=np.int64)
    if len(targets) == 0:
        raise ValueError("The loss needs at least one target.")
    log_probs = log_softmax(logits)
    return float(-log_probs[np.arange(len(targets)), targets].mean())


def nearest_rows(vectors: np.ndarray, query: int, k: int = 10, exclude: Sequence[int] = ()) -> list[tuple[int, float]]:
    """The `k` rows of `vectors` most similar to row `query` by cosine, best first, as
    `(row, cosine)`; the query itself and the rows in `exclude` are left out."""
    return nearest_unit_rows(unit_rows(vectors), query, k, exclude)


def nearest_unit_rows(units: np.ndarray, query: int, k: int = 10, exclude: Sequence[int] = ()) -> list[tuple[int, float]]:
    """`nearest_rows` for rows already of length 1 (`unit_rows`): one matrix-vector product, so
    a table normalized once can be asked again and again."""
    similarity = np.clip(units @ units[query], -1.0, 1.0)
    similarity[[query, *exclude]] = -np.inf
    best = np.argsort(-similarity, kind="stable")[:k]
    return [(int(row), float(similarity[row])) for row in best if np.isfinite(similarity[row])]
