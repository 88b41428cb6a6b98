"""The embedding package: lookups, the bigram model, dense embeddings, positions, files."""

from __future__ import annotations

import io
import json
import math
import struct
from collections import Counter

import numpy as np
import pytest

from embedding import (
    BigramTable,
    MatrixFileError,
    MatrixTable,
    RandomTable,
    check_rows_for_encoding,
    closed_form_corpus_loss,
    closed_form_logits,
    closed_form_loss,
    cooccurrence_counts,
    cosine_matrix,
    cosine_similarity,
    count_bigrams,
    cross_entropy,
    dense_table,
    frequent_rows,
    load_matrix,
    lookup,
    lowest_loss,
    nearest_rows,
    nearest_unit_rows,
    one_hot,
    positive_pmi,
    sinusoidal_positions,
    softmax,
    train_by_gradient_descent,
    train_dense_embeddings,
    truncated_svd,
    unit_rows,
)

RNG = np.random.default_rng(1234)
# A small corpus of ids with a few very frequent ones and a long tail.
CORPUS = RNG.zipf(1.6, size=5_000) % 300


# ------------------------------------------------------------------ lookup arithmetic


def test_lookup_equals_the_one_hot_product():
    table = RNG.standard_normal((40, 6))
    rows = [3, 0, 39, 3, 17]
    assert np.array_equal(one_hot(rows, 40) @ table, lookup(table, rows))


@pytest.mark.parametrize("make_table", ["random", "matrix", "dense", "bigram"])
def test_every_table_kind_looks_up_what_the_one_hot_product_gives(make_table):
    if make_table == "random":
        table = RandomTable(n_rows=500, width=16, seed=3)
    elif make_table == "matrix":
        table = MatrixTable(RNG.standard_normal((500, 16)).astype(np.float32))
    elif make_table == "dense":
        table = dense_table(train_dense_embeddings(CORPUS, 16, max_rows=50))
    else:
        table = BigramTable(count_bigrams(CORPUS, max_rows=50), smoothing=0.5)
    rows = table.rows_of([1, 2, 1, 299, 7])
    whole = table.vectors(np.arange(table.n_rows))
    assert np.allclose(one_hot(rows, table.n_rows) @ whole, table.vectors(rows))


def test_one_hot_refuses_rows_outside_the_table():
    with pytest.raises(ValueError, match="between 0 and 4"):
        one_hot([5], 5)


@pytest.mark.parametrize("scale", [1.0, 1e3, 1e6])
def test_softmax_rows_sum_to_one_even_for_huge_logits(scale):
    logits = RNG.standard_normal((20, 300)) * scale
    probabilities = softmax(logits)
    assert np.all(np.isfinite(probabilities)) and np.all(probabilities >= 0)
    assert np.allclose(probabilities.sum(axis=1), 1.0)


def test_cross_entropy_of_uniform_logits_is_log_n():
    assert cross_entropy(np.zeros((3, 50)), [0, 10, 49]) == pytest.approx(math.log(50))


def test_cosine_similarity_is_one_on_the_diagonal_and_scale_free():
    vectors = RNG.standard_normal((10, 5))
    similarity = cosine_similarity(vectors, vectors * 7.5)
    assert np.allclose(np.diag(similarity), 1.0)
    assert np.allclose(similarity, similarity.T)
    assert similarity.min() >= -1.0 and similarity.max() <= 1.0


def test_cosine_matrix_of_repeated_rows_equals_comparing_every_position():
    table = RNG.standard_normal((40, 6))
    rows = RNG.integers(0, 40, 300)
    fetched = []

    def vectors_of(some_rows):
        fetched.append(len(some_rows))
        return table[some_rows]

    assert np.allclose(cosine_matrix(rows, vectors_of), cosine_similarity(table[rows]), atol=1e-12)
    assert fetched == [len(set(rows.tolist()))]  # each distinct row once


def test_cosine_of_a_zero_vector_is_zero():
    assert cosine_similarity(np.array([[0.0, 0.0], [1.0, 2.0]]))[0].tolist() == [0.0, 0.0]


def test_nearest_rows_leaves_out_the_query_and_excluded_rows():
    vectors = np.array([[1.0, 0.0], [0.9, 0.1], [1.0, 0.05], [0.0, 1.0]])
    assert [row for row, _ in nearest_rows(vectors, 0, k=3, exclude=[2])] == [1, 3]


def test_nearest_of_unit_rows_are_the_nearest_rows():
    vectors = np.random.default_rng(0).normal(size=(50, 8))
    assert nearest_unit_rows(unit_rows(vectors), 3, k=5, exclude=[7]) == nearest_rows(vectors, 3, k=5, exclude=[7])


# ------------------------------------------------------------------ rows of trained tables


def test_frequent_rows_keeps_the_most_frequent_ids_then_other():
    row_map, rows = frequent_rows([9, 4, 4, 7, 7, 7, 1], max_rows=2)
    assert row_map.token_ids.tolist() == [7, 4]
    assert rows.tolist() == [2, 1, 1, 0, 0, 0, 2]
    assert row_map.counts.tolist() == [3, 2, 2]
    assert (row_map.n_rows, row_map.n_distinct, row_map.n_shared) == (3, 4, 2)
    assert row_map.rows_of([4, 9, 123456]).tolist() == [1, 2, 2]
    assert [row_map.token_of_row(r) for r in range(3)] == [7, 4, None]


def test_frequent_rows_breaks_ties_by_smaller_id():
    row_map, _ = frequent_rows([5, 3, 8, 3, 5, 8], max_rows=3)
    assert row_map.token_ids.tolist() == [3, 5, 8]


# ------------------------------------------------------------------ the bigram model


def test_bigram_counts_match_counting_by_hand():
    counts = count_bigrams(CORPUS, max_rows=40)
    rows = counts.row_map.rows_of(CORPUS).tolist()
    expected = Counter(zip(rows, rows[1:]))
    dense = counts.counts_of_rows(np.arange(counts.n_rows))
    assert {(a, b): int(dense[a, b]) for a, b in zip(*np.nonzero(dense))} == dict(expected)
    assert counts.n_pairs == len(CORPUS) - 1


def test_closed_form_probabilities_are_the_smoothed_frequencies():
    counts = count_bigrams(CORPUS, max_rows=40)
    rows = np.arange(counts.n_rows)
    dense = counts.counts_of_rows(rows)
    expected = (dense + 0.5) / (dense + 0.5).sum(axis=1, keepdims=True)
    probabilities = softmax(closed_form_logits(counts, rows, smoothing=0.5))
    assert np.allclose(probabilities, expected)
    assert np.allclose(probabilities.sum(axis=1), 1.0)


def test_closed_form_loss_matches_the_probabilities():
    counts = count_bigrams(CORPUS, max_rows=40)
    text_rows = counts.row_map.rows_of([1, 2, 3, 1, 250, 2])
    logits = closed_form_logits(counts, text_rows[:-1], smoothing=0.5)
    assert closed_form_loss(counts, text_rows, smoothing=0.5) == pytest.approx(cross_entropy(logits, text_rows[1:]))


def test_closed_form_corpus_loss_is_its_loss_on_the_corpus():
    counts = count_bigrams(CORPUS, max_rows=40)
    rows = counts.row_map.rows_of(CORPUS)
    assert closed_form_corpus_loss(counts, 0.5) == pytest.approx(closed_form_loss(counts, rows, 0.5))


def test_lowest_loss_is_the_loss_of_raw_frequencies():
    counts = count_bigrams(CORPUS, max_rows=40)
    rows = counts.row_map.rows_of(CORPUS)
    dense = counts.counts_of_rows(np.arange(counts.n_rows))
    frequencies = dense / np.maximum(dense.sum(axis=1, keepdims=True), 1)
    expected = -np.mean(np.log(frequencies[rows[:-1], rows[1:]]))
    assert lowest_loss(counts) == pytest.approx(expected)


def test_gradient_descent_starts_uniform_and_descends_toward_the_lowest_loss():
    counts = count_bigrams(CORPUS, max_rows=40)
    run = train_by_gradient_descent(counts, 50)
    assert len(run.losses) == 51
    assert run.losses[0] == pytest.approx(math.log(counts.n_rows))
    assert all(later <= earlier + 1e-9 for earlier, later in zip(run.losses, run.losses[1:]))
    assert run.losses[-1] - lowest_loss(counts) < 0.1 * (run.losses[0] - lowest_loss(counts))
    table = BigramTable(counts, smoothing=1.0, gradient=run)
    assert table.loss(counts.row_map.rows_of(CORPUS)) == pytest.approx(run.losses[-1], rel=1e-4)


def test_gradient_descent_refuses_too_many_steps():
    with pytest.raises(ValueError, match="between 0 and 50"):
        train_by_gradient_descent(count_bigrams(CORPUS, max_rows=5), 51)


def test_bigram_needs_two_tokens():
    with pytest.raises(ValueError, match="at least two tokens"):
        count_bigrams([42])


def test_bigram_next_token_probabilities_sum_to_one():
    table = BigramTable(count_bigrams(CORPUS, max_rows=40), smoothing=0.1)
    assert np.allclose(table.next_token_probabilities(table.rows_of([1, 2, 3])).sum(axis=1), 1.0)


# ------------------------------------------------------------------ dense embeddings


def synthetic_corpus_with_twins(repeats: int = 50) -> np.ndarray:
    """Tokens 10 and 11 always appear between the same neighbours, as often each."""
    rng = np.random.default_rng(7)
    sequence = []
    for _ in range(repeats):
        left, right = rng.integers(0, 5, size=2)
        for twin in (10, 11):
            sequence += [int(left), twin, int(right) + 5]
        sequence += rng.integers(20, 40, size=3).tolist()
    return np.array(sequence)


def test_tokens_with_identical_contexts_get_cosine_one():
    corpus = synthetic_corpus_with_twins()
    table = dense_table(train_dense_embeddings(corpus, 8, window=1))
    twins = table.vectors(table.rows_of([10, 11]))
    assert cosine_similarity(twins)[0, 1] == pytest.approx(1.0, abs=1e-9)
    assert np.linalg.norm(twins[0]) > 0


def test_tokens_with_different_contexts_are_less_alike():
    corpus = synthetic_corpus_with_twins()
    table = dense_table(train_dense_embeddings(corpus, 8, window=1))
    similarity = cosine_similarity(table.vectors(table.rows_of([10, 25])))
    assert similarity[0, 1] < 0.5


def test_cooccurrence_counts_neighbours_within_the_window_both_ways():
    counts = cooccurrence_counts(np.array([0, 1, 2, 0]), 3, window=2)
    assert counts.tolist() == [[0.0, 2.0, 2.0], [2.0, 0.0, 1.0], [2.0, 1.0, 0.0]]


def test_positive_pmi_is_never_negative_and_zero_for_pairs_never_seen():
    counts = cooccurrence_counts(frequent_rows(CORPUS, 30)[1], 31, window=2)
    ppmi = positive_pmi(counts)
    assert ppmi.min() >= 0
    assert np.all(ppmi[counts == 0] == 0)


def test_randomized_svd_finds_the_strongest_directions():
    left, _ = np.linalg.qr(RNG.standard_normal((200, 180)))
    right, _ = np.linalg.qr(RNG.standard_normal((180, 180)))
    matrix = left @ np.diag(100 * 0.8 ** np.arange(180)) @ right.T  # a decaying spectrum, as PPMI has
    u, s, vt = truncated_svd(matrix, 10)
    exact = np.linalg.svd(matrix, compute_uv=False)[:10]
    assert np.allclose(s, exact, rtol=1e-6)
    assert np.allclose(u.T @ u, np.eye(10), atol=1e-8)


def test_dense_embeddings_are_reproducible_and_padded_to_the_width():
    first = train_dense_embeddings([1, 2, 3, 1, 2, 3], 16)
    second = train_dense_embeddings([1, 2, 3, 1, 2, 3], 16)
    assert first.vectors.shape == (4, 16)
    assert np.array_equal(first.vectors, second.vectors)


def test_dense_embeddings_refuse_a_width_out_of_range():
    with pytest.raises(ValueError, match="between 2 and 128"):
        train_dense_embeddings(CORPUS, 500)


# ------------------------------------------------------------------ the untrained table and positions


def test_random_table_is_reproducible_per_seed_and_order_free():
    table = RandomTable(n_rows=100_277, width=32, seed=5)
    assert np.array_equal(table.vectors([100_276, 3])[::-1], table.vectors([3, 100_276]))
    assert not np.allclose(table.vectors([3]), RandomTable(n_rows=100_277, width=32, seed=6).vectors([3]))
    sample = table.vectors(np.arange(2_000))
    assert abs(sample.mean()) < 0.02 and abs(sample.std() - 1) < 0.02


def test_full_vocabulary_tables_refuse_ids_without_a_row():
    with pytest.raises(ValueError, match="Token id 100 has no row in a table of 100 rows"):
        RandomTable(n_rows=100, width=4).rows_of([5, 100])


def test_sinusoidal_positions_follow_the_formula():
    table = sinusoidal_positions(50, 16)
    position, pair = 17, 3
    angle = position / 10_000 ** (2 * pair / 16)
    assert table[position, 2 * pair] == pytest.approx(math.sin(angle))
    assert table[position, 2 * pair + 1] == pytest.approx(math.cos(angle))
    assert np.abs(table).max() <= 1.0
    assert len({row.tobytes() for row in table}) == 50


# ------------------------------------------------------------------ files: .npy


def npy_bytes(array, **kwargs) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, **kwargs)
    return buffer.getvalue()


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64", ">f4"])
def test_npy_matrices_load_as_float32(dtype):
    array = RNG.standard_normal((7, 3)).astype(dtype)
    loaded = load_matrix(npy_bytes(array), "table.npy")
    assert loaded.values.dtype == np.float32 and loaded.values.shape == (7, 3)
    assert np.allclose(loaded.values, array.astype(np.float64), atol=1e-6)


def test_npy_in_fortran_order_keeps_its_values():
    array = np.asfortranarray(RNG.standard_normal((4, 5)).astype(np.float32))
    assert np.array_equal(load_matrix(npy_bytes(array), "table.npy").values, array)


def npz_bytes() -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, a=np.zeros((2, 2)))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "'t.npy' is empty."),
        (b"hello world", "'t.npy' is not a .npy file: it does not start with the .npy signature"),
        (npz_bytes(), "'t.npy' is a zip archive (an .npz file?)"),
        (npy_bytes(np.array([[1, 2]], dtype=object), allow_pickle=True), "'t.npy' holds Python objects, which are never loaded"),
        (npy_bytes(np.zeros((3, 3), dtype=np.int64)), "'t.npy' holds int64 values: an embedding table holds float16, float32 or float64"),
        (npy_bytes(np.zeros(5, dtype=np.float32)), "'t.npy' holds an array of shape (5,): an embedding table has two dimensions"),
        (npy_bytes(np.zeros((2, 2, 2), dtype=np.float32)), "'t.npy' holds an array of shape (2, 2, 2)"),
        (npy_bytes(np.zeros((0, 4), dtype=np.float32)), "'t.npy' holds an empty matrix of shape (0, 4)."),
        (npy_bytes(np.zeros((4, 4), dtype=np.float32))[:-3], "'t.npy' is cut short: its header promises 64 bytes of data for shape (4, 4), and 61 follow."),
        (npy_bytes(np.zeros((4, 4), dtype=np.float32)) + b"xx", "'t.npy' has 2 bytes too many"),
        (npy_bytes(np.array([[1.0, np.nan], [np.inf, 0.0]])), "'t.npy' has 2 values that are not finite numbers"),
        (npy_bytes(np.array([[1e300, 0.0]])), "'t.npy' has 1 values that are not finite numbers (NaN, infinity, or too large for float32)."),
        (b"\x93NUMPY\x01\x00\x10\x00{'descr': '<f4',", "'t.npy' has a broken .npy header"),
        (b"\x93NUMPY\x09\x00", "'t.npy' is a .npy file of version 9.0; versions 1.0 and 2.0 can be read."),
    ],
)
def test_malformed_npy_files_are_refused_with_a_message(data, message):
    with pytest.raises(MatrixFileError) as caught:
        load_matrix(data, "'t.npy'")
    assert str(caught.value).startswith(message)


def test_files_over_the_upload_limit_are_refused():
    with pytest.raises(MatrixFileError, match="is 10.5 MB; files of up to 10 MB can be uploaded"):
        load_matrix(b"\x00" * 10_500_000, "big.npy")


def test_other_file_types_are_refused():
    with pytest.raises(MatrixFileError, match="neither a .npy nor a .safetensors file"):
        load_matrix(b"1,2,3", "table.csv")


# ------------------------------------------------------------------ files: .safetensors


def safetensors_bytes(tensors: dict[str, tuple[str, list[int], bytes]], *, header: dict | None = None, pad: int = 0) -> bytes:
    """A .safetensors file written by hand: {name: (dtype, shape, raw bytes)}, in order."""
    entries, data, position = {}, b"", 0
    for name, (dtype, shape, raw) in tensors.items():
        entries[name] = {"dtype": dtype, "shape": shape, "data_offsets": [position, position + len(raw)]}
        data += raw
        position += len(raw)
    text = json.dumps(header if header is not None else entries).encode() + b" " * pad
    return struct.pack("<Q", len(text)) + text + data


def to_bf16(values: np.ndarray) -> bytes:
    return (values.astype(np.float32).view(np.uint32) >> 16).astype("<u2").tobytes()


@pytest.mark.parametrize("dtype, encode", [("F32", lambda a: a.astype("<f4").tobytes()), ("F16", lambda a: a.astype("<f2").tobytes()), ("F64", lambda a: a.astype("<f8").tobytes()), ("BF16", to_bf16)])
def test_safetensors_matrices_load_in_every_float_dtype(dtype, encode):
    values = np.array([[1.0, -2.5, 0.375], [1024.0, 0.0, -0.125]])  # exact in every dtype
    loaded = load_matrix(safetensors_bytes({"wte.weight": (dtype, [2, 3], encode(values))}, pad=5), "m.safetensors")
    assert loaded.values.tolist() == values.tolist()
    assert loaded.description == f"tensor 'wte.weight', a 2 × 3 {dtype} matrix"


def test_safetensors_picks_the_embedding_table_among_several_tensors():
    data = safetensors_bytes(
        {
            "h.0.attn.bias": ("F32", [4], np.zeros(4, "<f4").tobytes()),
            "h.0.mlp.weight": ("F32", [2, 2], np.zeros((2, 2), "<f4").tobytes()),
            "transformer.wte.weight": ("F32", [3, 2], np.arange(6, dtype="<f4").tobytes()),
        }
    )
    assert load_matrix(data, "gpt.safetensors").values.tolist() == [[0, 1], [2, 3], [4, 5]]
    assert load_matrix(data, "gpt.safetensors", tensor="h.0.mlp.weight").values.shape == (2, 2)


GOOD = np.zeros((2, 2), "<f4").tobytes()


def header_of(entry: dict, **more) -> dict:
    return {"t": entry, **more}


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x01\x00", "is too short to be a .safetensors file (2 bytes"),
        (struct.pack("<Q", 1_000) + b"{}", "is not a .safetensors file, or is cut short: its first 8 bytes announce a 1,000-byte header, but only 2 bytes follow."),
        (struct.pack("<Q", 4) + b"abcd", "is not a .safetensors file: its header does not start with '{'."),
        (struct.pack("<Q", 5) + b"{\"a\":", "the header is not valid JSON"),
        (struct.pack("<Q", 3) + b"{\xff}", "the header is not UTF-8 text."),
        (struct.pack("<Q", 2) + b"{}", "holds no tensors."),
        (safetensors_bytes({}, header={"t": {"dtype": "F32", "shape": [1, 1], "data_offsets": [0, 4]}, "__metadata__": {"a": 1}}), "the header's __metadata__ must map strings to strings."),
        (safetensors_bytes({"t": ("F32", [2, 2], GOOD)}, header=header_of({"dtype": "F32", "shape": [2, 2]})), "tensor 't' must have exactly the fields dtype, shape and data_offsets."),
        (safetensors_bytes({"t": ("F32", [2, 2], GOOD)}, header=header_of({"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16], "x": 1})), "tensor 't' must have exactly the fields"),
        (safetensors_bytes({"t": ("F99", [2, 2], GOOD)}), "tensor 't' has the unknown or unsupported dtype 'F99'."),
        (safetensors_bytes({"t": ("F32", [2, -2], GOOD)}), "tensor 't' has a shape that is not a list of sizes: [2, -2]."),
        (safetensors_bytes({"t": ("F32", [2, True], GOOD)}), "tensor 't' has a shape that is not a list of sizes"),
        (safetensors_bytes({"t": ("F32", [2, 2], GOOD)}, header=header_of({"dtype": "F32", "shape": [2, 2], "data_offsets": [0]})), "tensor 't' has data_offsets that are not [start, end]: [0]."),
        (safetensors_bytes({"t": ("F32", [2, 2], GOOD)}, header=header_of({"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 17]})), "tensor 't' lies at bytes 0–17, outside the 16 bytes of data."),
        (safetensors_bytes({"t": ("F32", [3, 2], GOOD)}), "tensor 't': shape (3, 2) of F32 takes 24 bytes, but its offsets span 16."),
        (safetensors_bytes({"t": ("F32", [2, 2], GOOD)}) + b"\x00" * 4, "has 4 bytes after its last tensor that no tensor uses."),
        (safetensors_bytes({"t": ("F32", [2, 2], GOOD)}, header={"t": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}, "u": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}}), "tensor 'u' overlaps the tensor before it"),
        (safetensors_bytes({"t": ("F32", [2, 2], GOOD + GOOD)}, header={"t": {"dtype": "F32", "shape": [2, 2], "data_offsets": [16, 32]}}), "tensor 't' leaves bytes 0–15 unused"),
        (struct.pack("<Q", 16) + b'{"a": 1, "a": 2}', "the header names 'a' twice."),
        (struct.pack("<Q", 10) + b'{"a": NaN}', "the header contains NaN, which is not JSON."),
        (safetensors_bytes({"t": ("I64", [2, 2], GOOD + GOOD)}), "has no 2-D floating-point tensor to use as a table; it has 't' (I64 [2, 2])."),
        (safetensors_bytes({"t": ("F32", [4], GOOD)}), "has no 2-D floating-point tensor"),
        (safetensors_bytes({"t": ("F32", [2, 2], np.array([np.nan, 0, 0, 0], "<f4").tobytes())}), "has 1 values that are not finite numbers"),
    ],
)
def test_malformed_safetensors_files_are_refused_with_a_message(data, message):
    with pytest.raises(MatrixFileError) as caught:
        load_matrix(data, "m.safetensors")
    assert message in str(caught.value)


def test_a_named_tensor_must_exist_and_be_a_matrix():
    data = safetensors_bytes({"bias": ("F32", [4], GOOD), "w": ("F32", [2, 2], GOOD)})
    with pytest.raises(MatrixFileError, match="has no tensor named 'nope'"):
        load_matrix(data, "m.safetensors", tensor="nope")
    with pytest.raises(MatrixFileError, match=r"Tensor 'bias' has shape \[4\]: an embedding table has two dimensions"):
        load_matrix(data, "m.safetensors", tensor="bias")


# ------------------------------------------------------------------ shapes against an encoding


KNOWN = {"GPT-2 (r50k_base)": 50_257, "GPT-4 (cl100k_base)": 100_277, "GPT-4o (o200k_base)": 200_019}


def test_a_table_with_one_row_per_id_fits():
    assert check_rows_for_encoding((50_257, 768), 50_257, "GPT-2 (r50k_base)", 50_256, KNOWN) == []


def test_a_padded_table_fits_with_a_note():
    notes = check_rows_for_encoding((50_304, 768), 50_257, "GPT-2 (r50k_base)", 1_000, KNOWN)
    assert notes[0].startswith("The table has 50,304 rows, 47 more than GPT-2 (r50k_base) has ids (50,257)")


def test_a_smaller_table_fits_a_text_of_small_ids_with_a_warning():
    notes = check_rows_for_encoding((50_257, 64), 100_277, "GPT-4 (cl100k_base)", 40_000, KNOWN)
    assert notes == [
        "The table has 50,257 rows but GPT-4 (cl100k_base) has 100,277 ids, so it was made for a smaller vocabulary. "
        "Every id of this text is below 50,257, so each one finds a row, but they are probably not the rows meant "
        "for these tokens. 50,257 rows is the vocabulary size of GPT-2 (r50k_base): choose that encoding."
    ]


def test_a_shape_mismatch_is_refused_with_a_message():
    with pytest.raises(MatrixFileError) as caught:
        check_rows_for_encoding((50_257, 64), 100_277, "GPT-4 (cl100k_base)", 100_257, KNOWN)
    assert str(caught.value) == (
        "The table has 50,257 rows, but GPT-4 (cl100k_base) has 100,277 token ids and the text uses id 100,257, "
        "which has no row: a table for GPT-4 (cl100k_base) needs one row per id, 100,277 rows. "
        "50,257 rows is the vocabulary size of GPT-2 (r50k_base): choose that encoding."
    )


def test_a_transposed_table_is_recognised():
    with pytest.raises(MatrixFileError, match=r"is the matrix transposed\? Save matrix.T instead."):
        check_rows_for_encoding((64, 500), 500, "my-tokenizer (trained)", 300)


# ------------------------------------------------------------------ the examples in the docstrings


@pytest.mark.parametrize("module", ["embedding", "embedding.lookup", "embedding.rows", "embedding.bigram", "embedding.dense", "embedding.positions", "embedding.tables", "embedding.files"])
def test_docstring_examples_hold(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0
