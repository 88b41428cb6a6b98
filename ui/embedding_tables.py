"""The tables of the Embeddings page, built once per (encoding, corpus, settings) and shared.

Training results are cached with `st.cache_resource` (they are read-only numpy objects, shared
by every session without copying); corpora are identified by a fingerprint of their text, so
two users who upload the same file share one training run.
"""

from __future__ import annotations

import dataclasses
import hashlib

import numpy as np
import streamlit as st

from benchmarks.corpora import generate_english
from embedding import (
    BigramCounts,
    BigramTable,
    DenseEmbeddings,
    EmbeddingTable,
    GradientRun,
    LoadedMatrix,
    MatrixTable,
    RandomTable,
    count_bigrams,
    dense_table,
    load_matrix,
    train_by_gradient_descent,
    train_dense_embeddings,
    unit_rows,
)
from embedding.files import read_safetensors_header
from tokenizer import Encoding
from tokenizer.registry import SPECS

from .encoding_choice import EncodingChoice
from .samples import sample_corpus

GENERATED_CORPUS_BYTES = 1_048_576


@st.cache_resource(show_spinner="Generating 1 MB of English...")
def generated_english() -> str:
    """1 MB of English prose made by a Markov chain over public-domain novels (the benchmarks'
    generator: deterministic, never downloaded)."""
    return generate_english(GENERATED_CORPUS_BYTES)


def builtin_corpus(name: str) -> str:
    """A bundled corpus: `sample` (the few-KB essay about tokenizers) or `english` (1 MB)."""
    return sample_corpus() if name == "sample" else generated_english()


def fingerprint(text: str) -> str:
    """A short name for a text's contents, for cache keys."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:20]


def corpus_ids(choice: EncodingChoice, corpus: str) -> np.ndarray:
    """The token ids of a corpus, read-only. Special-token text becomes special ids, as in the
    text looked up (and in training data, where <|endoftext|> separates documents)."""
    return _corpus_ids(choice.cache_key, fingerprint(corpus), choice.encoding, corpus)


@st.cache_resource(max_entries=8, show_spinner="Tokenizing the corpus...")
def _corpus_ids(key: str, corpus_key: str, _encoding: Encoding, _corpus: str) -> np.ndarray:
    ids = np.asarray(_encoding.encode(_corpus, allowed_special="all"), dtype=np.int64)
    ids.flags.writeable = False
    return ids


@st.cache_resource(max_entries=8, show_spinner="Counting bigrams...")
def _bigram_counts(key: str, corpus_key: str, _ids: np.ndarray) -> BigramCounts:
    return count_bigrams(_ids)


@st.cache_resource(max_entries=2, show_spinner="Training the bigram table by gradient descent...")
def _gradient_run(key: str, corpus_key: str, steps: int, _counts: BigramCounts) -> GradientRun:
    return train_by_gradient_descent(_counts, steps)


@st.cache_resource(max_entries=8, show_spinner="Learning dense embeddings (PPMI + SVD)...")
def _dense_embeddings(key: str, corpus_key: str, dim: int, _ids: np.ndarray) -> DenseEmbeddings:
    return train_dense_embeddings(_ids, dim)


def bigram_table(choice: EncodingChoice, corpus: str, smoothing: float, steps: int) -> BigramTable:
    """The bigram model trained on `corpus`: in closed form, or by `steps` gradient steps."""
    corpus_key = fingerprint(corpus)
    counts = _bigram_counts(choice.cache_key, corpus_key, corpus_ids(choice, corpus))
    gradient = _gradient_run(choice.cache_key, corpus_key, steps, counts) if steps else None
    return BigramTable(counts, smoothing, gradient)


def dense_embeddings_table(choice: EncodingChoice, corpus: str, dim: int) -> MatrixTable:
    """Dense embeddings of width `dim` learned from `corpus`."""
    corpus_key = fingerprint(corpus)
    return dense_table(_dense_embeddings(choice.cache_key, corpus_key, dim, corpus_ids(choice, corpus)))


def unit_rows_of(table: EmbeddingTable) -> np.ndarray:
    """Every row's compared vector scaled to length 1, computed once per table: the bigram
    model's 2,001 rows need a 2,001 x 2,001 softmax, which a rerun should not repeat."""
    return _unit_rows_of(_identity(table), table)[1]


def _identity(table: EmbeddingTable) -> tuple:
    """A table's fields, with arrays and trained objects named by their id."""
    values = (getattr(table, field.name) for field in dataclasses.fields(table))
    return (type(table).__name__, *(v if isinstance(v, (int, float, str, type(None))) else id(v) for v in values))


@st.cache_resource(max_entries=2, show_spinner="Comparing every row of the table...")
def _unit_rows_of(identity: tuple, _table: EmbeddingTable) -> tuple[EmbeddingTable, np.ndarray]:
    # The entry keeps the table, so the objects whose ids are in `identity` stay alive and
    # no other object can be given one of those ids while the entry exists.
    units = unit_rows(_table.compared_vectors(np.arange(_table.n_rows)))
    units.flags.writeable = False
    return _table, units


def random_table(choice: EncodingChoice, dim: int, seed: int) -> RandomTable:
    """A fresh `nn.Embedding(n_vocab, dim)` for the encoding."""
    return RandomTable(choice.encoding.n_vocab, dim, seed)


def uploaded_table(file_name: str, data: bytes, tensor: str | None) -> LoadedMatrix:
    """The matrix of an uploaded file (MatrixFileError saying why if it is not usable)."""
    return _uploaded_table(hashlib.sha256(data).hexdigest(), file_name, tensor, data)


@st.cache_resource(max_entries=2, show_spinner="Reading the table...")
def _uploaded_table(digest: str, file_name: str, tensor: str | None, _data: bytes) -> LoadedMatrix:
    return load_matrix(_data, file_name, tensor)


def matrix_tensor_names(file_name: str, data: bytes) -> list[str]:
    """The 2-D float tensors of a `.safetensors` upload (empty for other files or broken headers;
    reading the file reports those)."""
    if not file_name.lower().endswith(".safetensors"):
        return []
    try:
        tensors, _ = read_safetensors_header(data, file_name)
    except ValueError:
        return []
    return [name for name, info in tensors.items() if info.is_float_matrix]


def known_vocabulary_sizes() -> dict[str, int]:
    """The n_vocab of each built-in encoding, by label, without loading any vocabulary."""
    return {
        f"{spec.label} ({name})": max(spec.explicit_n_vocab or 0, max(spec.special_tokens.values()) + 1)
        for name, spec in SPECS.items()
    }
