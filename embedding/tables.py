"""The four embedding tables of the Embeddings page, behind one interface.

Every table turns token ids into rows (`rows_of`) and rows into vectors (`vectors`). Tables
trained on a corpus (bigram, dense) have a row for the corpus's frequent ids plus "other"
(see `rows.py`); the untrained and uploaded ones have one row per id of the vocabulary, like
`nn.Embedding(n_vocab, width)`.

    >>> table = RandomTable(n_rows=100, width=4, seed=0)
    >>> table.vectors(table.rows_of([7, 7])).shape
    (2, 4)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .bigram import BigramCounts, GradientRun, closed_form_logits, closed_form_loss, table_loss
from .dense import DenseEmbeddings
from .lookup import softmax
from .rows import RowMap


class EmbeddingTable:
    """A table: `n_rows` rows of `width` numbers; `rows_of(ids)` says which row each id uses."""

    kind: str = ""
    n_rows: int
    width: int
    # Tables trained on a corpus remap ids to rows; the others use the id as the row.
    row_map: RowMap | None = None

    def rows_of(self, token_ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """The row of each token id."""
        if self.row_map is not None:
            return self.row_map.rows_of(token_ids)
        ids = np.asarray(token_ids, dtype=np.int64).reshape(-1)
        if len(ids) and (ids.min() < 0 or ids.max() >= self.n_rows):
            raise ValueError(f"Token id {int(ids.max() if ids.max() >= self.n_rows else ids.min()):,} has no row in a table of {self.n_rows:,} rows.")
        return ids

    def token_of_row(self, row: int) -> int | None:
        """The token id a row belongs to (None for a remapped table's "other" row)."""
        return self.row_map.token_of_row(row) if self.row_map is not None else int(row)

    def vectors(self, rows: Sequence[int] | np.ndarray) -> np.ndarray:
        """The rows `rows` of the table, as float64 (one line per row asked for)."""
        raise NotImplementedError

    def compared_vectors(self, rows: Sequence[int] | np.ndarray) -> np.ndarray:
        """The vectors that similarity compares for `rows`: the rows themselves, except for the
        bigram model (see `BigramTable.compared_vectors`)."""
        return self.vectors(rows)


@dataclass(frozen=True)
class MatrixTable(EmbeddingTable):
    """A table held whole in memory: an uploaded one, or dense embeddings (with their row map)."""

    values: np.ndarray
    kind: str = "upload"
    row_map: RowMap | None = None

    @property
    def n_rows(self) -> int:
        return self.values.shape[0]

    @property
    def width(self) -> int:
        return self.values.shape[1]

    def vectors(self, rows):
        return np.asarray(self.values[np.asarray(rows, dtype=np.int64)], dtype=np.float64)


def dense_table(embeddings: DenseEmbeddings) -> MatrixTable:
    """The table of trained dense embeddings."""
    return MatrixTable(embeddings.vectors, kind="dense", row_map=embeddings.row_map)


@dataclass(frozen=True)
class RandomTable(EmbeddingTable):
    """A fresh `nn.Embedding(n_rows, width)`: every entry drawn from N(0, 1), the same for the
    same seed. Rows are drawn when asked for, each from its own seed, so a 200,019-row table
    costs no memory."""

    n_rows: int
    width: int
    seed: int = 0
    kind: str = "random"

    def vectors(self, rows):
        rows = np.asarray(rows, dtype=np.int64).reshape(-1)
        out = np.empty((len(rows), self.width))
        drawn: dict[int, np.ndarray] = {}
        for line, row in enumerate(rows.tolist()):
            if row not in drawn:
                drawn[row] = np.random.default_rng([self.seed, row]).standard_normal(self.width)
            out[line] = drawn[row]
        return out


@dataclass(frozen=True)
class BigramTable(EmbeddingTable):
    """The bigram model: row t holds the logits of the token after t, one column per row.

    The closed-form table (log of smoothed counts) is computed row by row when asked for; a
    table trained by gradient descent (`gradient`) is used instead when given.
    """

    counts: BigramCounts
    smoothing: float
    gradient: GradientRun | None = None
    kind: str = "bigram"

    @property
    def row_map(self) -> RowMap:  # type: ignore[override]
        return self.counts.row_map

    @property
    def n_rows(self) -> int:
        return self.counts.n_rows

    @property
    def width(self) -> int:
        return self.counts.n_rows

    def vectors(self, rows):
        rows = np.asarray(rows, dtype=np.int64).reshape(-1)
        if self.gradient is not None:
            return self.gradient.weights[rows].astype(np.float64)
        return closed_form_logits(self.counts, rows, self.smoothing)

    def next_token_probabilities(self, rows: Sequence[int] | np.ndarray) -> np.ndarray:
        """For each row, the probability of each row's token coming next (softmax of the logits)."""
        return softmax(self.vectors(rows))

    def compared_vectors(self, rows: Sequence[int] | np.ndarray) -> np.ndarray:
        """Rows compared as next-token probabilities: the log-counts all share one large
        negative floor, which would make any two rows look alike."""
        return self.next_token_probabilities(rows)

    def loss(self, rows: Sequence[int] | np.ndarray) -> float:
        """The mean negative log-probability of each next token of `rows` (a text, as rows)."""
        if self.gradient is not None:
            return table_loss(self.gradient.weights, rows)
        return closed_form_loss(self.counts, rows, self.smoothing)
