"""Dense embeddings learned from co-occurrence: tokens used alike get alike rows.

The recipe (Levy & Goldberg, 2014, "Neural word embedding as implicit matrix factorization"):

1. count how often each pair of tokens occurs within `window` positions of each other;
2. turn the counts into positive pointwise mutual information, `PPMI(a, b) = max(0, log(P(a, b)
   / (P(a) P(b))))`: how much more often a and b meet than chance would have them meet;
3. keep the `dim` strongest directions of that matrix (a truncated SVD): row a of
   `U_dim * sqrt(S_dim)` is the embedding of token a.

Two tokens that occur in the same contexts have the same PPMI row, hence the same embedding.
Rows are the corpus's most frequent ids plus "other" (see `rows.py`).

    >>> table = train_dense_embeddings([1, 2, 3, 1, 2, 3, 1, 4, 3, 1, 4, 3], dim=2, window=1)
    >>> rows = table.row_map.rows_of([2, 4])
    >>> round(float(cosine_similarity(table.vectors[rows])[0, 1]), 6)   # 2 and 4: same neighbours
    1.0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .lookup import cosine_similarity  # noqa: F401 - used in the docstring's example
from .rows import DEFAULT_MAX_ROWS, RowMap, frequent_rows

DEFAULT_WINDOW = 2
# P(context) ** 0.75, as word2vec does: rare contexts would otherwise get huge PMI values.
CONTEXT_SMOOTHING = 0.75
MIN_DIM, MAX_DIM = 2, 128


@dataclass(frozen=True)
class DenseEmbeddings:
    """A `n_rows x dim` table learned from a corpus, and the strength of each dimension."""

    row_map: RowMap
    vectors: np.ndarray
    singular_values: np.ndarray
    window: int


def cooccurrence_counts(rows: np.ndarray, n_rows: int, window: int = DEFAULT_WINDOW) -> np.ndarray:
    """`counts[a, b]`: how often row b occurs within `window` positions of row a (symmetric).

    >>> cooccurrence_counts(np.array([0, 1, 2]), 3, window=1).tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    """
    if window < 1:
        raise ValueError("The window must be at least 1.")
    counts = np.zeros(n_rows * n_rows)
    for offset in range(1, window + 1):
        if offset >= len(rows):
            break
        codes = rows[:-offset] * n_rows + rows[offset:]
        counts += np.bincount(codes, minlength=n_rows * n_rows)
    counts = counts.reshape(n_rows, n_rows)
    return counts + counts.T


def positive_pmi(counts: np.ndarray, context_smoothing: float = CONTEXT_SMOOTHING) -> np.ndarray:
    """`max(0, log(P(a, b) / (P(a) P_smoothed(b))))` for every pair; 0 where a pair never occurs."""
    total = counts.sum()
    if total == 0:
        return np.zeros_like(counts)
    row_p = counts.sum(axis=1) / total
    context_weight = counts.sum(axis=0) ** context_smoothing
    context_p = context_weight / context_weight.sum()
    expected = np.outer(row_p, context_p)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((counts / total) / expected)
    return np.where((counts > 0) & (pmi > 0), pmi, 0.0)


def truncated_svd(matrix: np.ndarray, rank: int, *, seed: int = 0, oversampling: int = 10, power_iterations: int = 2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`(U, S, Vt)` of the `rank` strongest directions of `matrix`, by randomized SVD (Halko,
    Martinsson & Tropp, 2011): multiply by a random matrix to catch the main directions, sharpen
    them with a few power iterations, then take the SVD of the small projected matrix.

    A full SVD of a 2,001 x 2,001 matrix takes seconds; this takes a fraction of one. Only the
    big products touch the whole matrix; the rest works on `rank + oversampling` columns (see
    `_orthonormal_columns` for why that avoids LAPACK's QR and SVD).
    """
    n_rows, n_cols = matrix.shape
    rank = min(rank, n_rows, n_cols)
    width = min(rank + oversampling, n_rows, n_cols)
    probe = np.random.default_rng(seed).standard_normal((n_cols, width)).astype(matrix.dtype, copy=False)
    basis = _orthonormal_columns(matrix @ probe, passes=1)
    for step in range(power_iterations):
        # Re-orthonormalizing at each step keeps the weaker directions from vanishing in rounding;
        # the last basis is made orthonormal to full precision.
        basis = _orthonormal_columns(matrix.T @ basis.astype(matrix.dtype, copy=False), passes=1)
        basis = _orthonormal_columns(matrix @ basis.astype(matrix.dtype, copy=False), passes=2 if step == power_iterations - 1 else 1)
    if power_iterations == 0:
        basis = _orthonormal_columns(basis)
    small = basis.T @ np.asarray(matrix, dtype=np.float64)  # width x n_cols
    # The SVD of the short, wide `small` from the eigenvectors of small @ small.T (width x width).
    values, vectors = np.linalg.eigh(small @ small.T)
    order = np.argsort(values)[::-1][:rank]
    strengths = np.sqrt(np.clip(values[order], 0.0, None))
    left = vectors[:, order]
    scale = np.divide(1.0, strengths, out=np.zeros_like(strengths), where=strengths > strengths[:1].max(initial=0.0) * 1e-10)
    return basis @ left, strengths, (left.T @ small) * scale[:, None]


def _orthonormal_columns(columns: np.ndarray, passes: int = 2) -> np.ndarray:
    """An orthonormal basis (float64) of the span of `columns`, a tall, narrow matrix.

    Made through the eigenvectors of the small Gram matrix `columns.T @ columns` rather than by
    a QR decomposition: the threaded LAPACK QR slowed down a hundredfold on a busy machine, the
    small eigen-decomposition and the matrix products did not. One pass is orthonormal to about
    the square root of the rounding error, a second one to full precision. Directions too weak
    to tell from rounding are dropped.
    """
    basis = np.asarray(columns, dtype=np.float64)
    for _ in range(passes):
        values, vectors = np.linalg.eigh(basis.T @ basis)
        keep = values > values.max(initial=0.0) * 1e-12
        basis = (basis @ vectors[:, keep]) / np.sqrt(values[keep])
    return basis


def train_dense_embeddings(
    ids: Sequence[int] | np.ndarray,
    dim: int,
    *,
    max_rows: int = DEFAULT_MAX_ROWS,
    window: int = DEFAULT_WINDOW,
    seed: int = 0,
) -> DenseEmbeddings:
    """Embeddings of width `dim` for the `max_rows` most frequent ids of `ids` (plus "other"),
    from the truncated SVD of their PPMI co-occurrence matrix."""
    if not MIN_DIM <= dim <= MAX_DIM:
        raise ValueError(f"The width must be between {MIN_DIM} and {MAX_DIM}, not {dim}.")
    ids = np.asarray(ids, dtype=np.int64).reshape(-1)
    if len(ids) < 2:
        raise ValueError("The corpus needs at least two tokens to have neighbours to count.")
    row_map, rows = frequent_rows(ids, max_rows)
    ppmi = positive_pmi(cooccurrence_counts(rows, row_map.n_rows, window))
    # float32 halves the SVD's work; its directions are as good for embeddings as float64's.
    _, strengths, directions = truncated_svd(ppmi.astype(np.float32), dim, seed=seed)
    strengths, directions = strengths.astype(np.float64), directions.astype(np.float64)
    # U * sqrt(S) computed as PPMI @ V / sqrt(S): rows with equal PPMI rows get exactly equal
    # vectors, whatever the rounding inside the SVD.
    scale = np.divide(1.0, np.sqrt(strengths), out=np.zeros_like(strengths), where=strengths > 1e-12)
    vectors = (ppmi @ directions.T) * scale
    if vectors.shape[1] < dim:  # fewer rows than the width asked for: pad with zero dimensions
        vectors = np.pad(vectors, ((0, 0), (0, dim - vectors.shape[1])))
        strengths = np.pad(strengths, (0, dim - len(strengths)))
    return DenseEmbeddings(row_map, vectors, strengths, window)
