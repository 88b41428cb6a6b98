"""What happens to token ids next: each id selects a row of a table, and the row is what a
model sees. numpy only, no Streamlit, no torch.

    >>> import numpy as np
    >>> from embedding import RandomTable, one_hot
    >>> table = RandomTable(n_rows=50, width=8, seed=1)
    >>> rows = table.rows_of([3, 14, 3])
    >>> whole = table.vectors(np.arange(50))
    >>> bool(np.allclose(one_hot(rows, 50) @ whole, table.vectors(rows)))   # one-hot x table = the rows
    True

Modules, one idea each:

- `lookup`: one-hot rows, lookups, cosine similarity, softmax, cross-entropy, nearest rows;
- `rows`: which row each id uses in a table trained on a corpus (the frequent ids, then "other");
- `bigram`: the lectures' bigram model, in closed form (log of smoothed counts) and by
  gradient descent;
- `dense`: embeddings from the truncated SVD of positive PMI co-occurrence;
- `positions`: sinusoidal position embeddings;
- `tables`: the four tables (bigram, dense, untrained, uploaded) behind one interface;
- `files`: reading a user's table from `.npy` or `.safetensors`, strictly.
"""

from .bigram import (
    BigramCounts,
    GradientRun,
    closed_form_corpus_loss,
    closed_form_logits,
    closed_form_loss,
    count_bigrams,
    lowest_loss,
    train_by_gradient_descent,
)
from .dense import DenseEmbeddings, cooccurrence_counts, positive_pmi, train_dense_embeddings, truncated_svd
from .files import LoadedMatrix, MatrixFileError, check_rows_for_encoding, load_matrix
from .lookup import cosine_matrix, cosine_similarity, cross_entropy, log_softmax, lookup, nearest_rows, nearest_unit_rows, one_hot, softmax, unit_rows
from .positions import sinusoidal_positions
from .rows import DEFAULT_MAX_ROWS, RowMap, frequent_rows
from .tables import BigramTable, EmbeddingTable, MatrixTable, RandomTable, dense_table

__all__ = [
    "BigramCounts",
    "BigramTable",
    "DEFAULT_MAX_ROWS",
    "DenseEmbeddings",
    "EmbeddingTable",
    "GradientRun",
    "LoadedMatrix",
    "MatrixFileError",
    "MatrixTable",
    "RandomTable",
    "RowMap",
    "check_rows_for_encoding",
    "closed_form_corpus_loss",
    "closed_form_logits",
    "closed_form_loss",
    "cooccurrence_counts",
    "cosine_matrix",
    "cosine_similarity",
    "count_bigrams",
    "cross_entropy",
    "dense_table",
    "frequent_rows",
    "load_matrix",
    "log_softmax",
    "lookup",
    "lowest_loss",
    "nearest_rows",
    "nearest_unit_rows",
    "one_hot",
    "positive_pmi",
    "sinusoidal_positions",
    "softmax",
    "train_by_gradient_descent",
    "train_dense_embeddings",
    "truncated_svd",
    "unit_rows",
]
