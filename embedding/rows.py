"""Which table row each token id uses, for tables trained on a corpus.

A table with one row per id of a GPT vocabulary (100,277 for GPT-4) cannot be trained on a
small corpus, and a `vocab x vocab` bigram table would not even fit in memory. The trained
tables therefore keep a row for the corpus's most frequent ids only, most frequent first, and
one last row, "other", that every remaining id shares (the rarer ids of the corpus, and every
id the corpus never used).

    >>> row_map, rows = frequent_rows([7, 7, 3, 9, 3, 7], max_rows=2)
    >>> row_map.token_ids.tolist(), rows.tolist()
    ([7, 3], [0, 0, 1, 2, 1, 0])
    >>> row_map.rows_of([3, 9, 12345]).tolist()
    [1, 2, 2]
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

# The largest number of own rows a trained table keeps (plus the "other" row).
DEFAULT_MAX_ROWS = 2_000


class RowMap:
    """Token id -> table row: row `i < n_own` belongs to `token_ids[i]`, row `n_own` is "other".

    `counts[r]` is how often the ids of row `r` occur in the corpus; `n_distinct` is how many
    distinct ids the corpus has (more than `n_own` when some share the "other" row).
    """

    def __init__(self, token_ids: np.ndarray, counts: np.ndarray, n_distinct: int):
        self.token_ids = np.asarray(token_ids, dtype=np.int64)
        self.counts = np.asarray(counts, dtype=np.int64)
        self.n_distinct = int(n_distinct)
        order = np.argsort(self.token_ids, kind="stable")
        self._sorted_ids = self.token_ids[order]
        self._sorted_rows = order

    @property
    def n_own(self) -> int:
        """How many ids have a row of their own."""
        return len(self.token_ids)

    @property
    def n_rows(self) -> int:
        """The number of rows: one per kept id, plus "other"."""
        return self.n_own + 1

    @property
    def other_row(self) -> int:
        """The row every id without a row of its own uses."""
        return self.n_own

    @property
    def n_shared(self) -> int:
        """How many distinct corpus ids share the "other" row."""
        return self.n_distinct - self.n_own

    def rows_of(self, token_ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """The row of each id (the "other" row for ids without a row of their own)."""
        ids = np.asarray(token_ids, dtype=np.int64).reshape(-1)
        if self.n_own == 0:
            return np.full(len(ids), self.other_row, dtype=np.int64)
        places = np.minimum(np.searchsorted(self._sorted_ids, ids), self.n_own - 1)
        found = self._sorted_ids[places] == ids
        return np.where(found, self._sorted_rows[places], self.other_row).astype(np.int64)

    def token_of_row(self, row: int) -> int | None:
        """The id of a row, or None for the "other" row."""
        return int(self.token_ids[row]) if 0 <= row < self.n_own else None


def frequent_rows(ids: Sequence[int] | np.ndarray, max_rows: int = DEFAULT_MAX_ROWS) -> tuple[RowMap, np.ndarray]:
    """`(row_map, rows)`: a row for each of the `max_rows` most frequent ids of `ids` (ties:
    the smaller id first), and the row of every position of `ids`."""
    if max_rows < 0:
        raise ValueError(f"max_rows must be 0 or more, not {max_rows}.")
    ids = np.asarray(ids, dtype=np.int64).reshape(-1)
    distinct, inverse, counts = np.unique(ids, return_inverse=True, return_counts=True)
    by_frequency = np.lexsort((distinct, -counts))
    kept = by_frequency[:max_rows]
    row_of_distinct = np.full(len(distinct), len(kept), dtype=np.int64)
    row_of_distinct[kept] = np.arange(len(kept))
    rows = row_of_distinct[inverse]
    row_counts = np.bincount(rows, minlength=len(kept) + 1)
    return RowMap(distinct[kept], row_counts, len(distinct)), rows
