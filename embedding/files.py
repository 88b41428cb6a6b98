"""Reading a user's embedding table from a `.npy` or `.safetensors` file, strictly.

Files come from strangers, so nothing in them is trusted: sizes, offsets and shapes are
checked against the bytes actually there, `.npy` files are read without pickle, and anything
malformed is refused with a `MatrixFileError` that says what is wrong. The result is always a
2-D float32 matrix of finite numbers.

    >>> buffer = io.BytesIO(); np.save(buffer, np.eye(3, dtype=np.float16))
    >>> loaded = load_matrix(buffer.getvalue(), "eye.npy")
    >>> loaded.values.shape, loaded.values.dtype.name, loaded.description
    ((3, 3), 'float32', 'a 3 × 3 float16 matrix')
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass
from typing import Mapping

import numpy as np

# The same bound as the app's uploads (`server.maxUploadSize` in .streamlit/config.toml).
MAX_FILE_BYTES = 10 * 1024 * 1024
# safetensors' own reader refuses headers over 100 MB; ours are never near that.
MAX_HEADER_BYTES = 1024 * 1024

NPY_MAGIC = b"\x93NUMPY"
NPY_FLOAT_KINDS = {"float16", "float32", "float64"}

# Every safetensors dtype and its size in bytes; only the floating-point ones make a table.
SAFETENSORS_ITEMSIZE = {
    "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1, "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
    "I32": 4, "U32": 4, "F32": 4, "I64": 8, "U64": 8, "F64": 8,
}  # fmt: skip
SAFETENSORS_FLOATS = {"F16": "<f2", "BF16": None, "F32": "<f4", "F64": "<f8"}
# Names that embedding tables have in common checkpoints, best guess first.
EMBEDDING_TENSOR_NAMES = ("wte.weight", "transformer.wte.weight", "wte", "embed_tokens.weight", "model.embed_tokens.weight", "tok_embeddings.weight", "token_embedding_table.weight", "embedding.weight", "weight")


class MatrixFileError(ValueError):
    """An uploaded file that is not a usable embedding table; the message says why."""


@dataclass(frozen=True)
class TensorInfo:
    """One entry of a safetensors header: dtype, shape, and where its bytes are in the buffer."""

    name: str
    dtype: str
    shape: tuple[int, ...]
    start: int
    end: int

    @property
    def is_float_matrix(self) -> bool:
        """Whether it is a 2-D floating-point tensor, which can be an embedding table."""
        return len(self.shape) == 2 and self.dtype in SAFETENSORS_FLOATS


@dataclass(frozen=True)
class LoadedMatrix:
    """A matrix read from a file: its values (float32) and how it was stored, for people."""

    values: np.ndarray
    description: str


# ------------------------------------------------------------------ .npy


def read_npy(data: bytes, file_name: str = "the file") -> tuple[np.ndarray, str]:
    """The array in a `.npy` file and its stored dtype's name; pickled objects are refused."""
    if data[:2] == b"PK":
        raise MatrixFileError(f"{file_name} is a zip archive (an .npz file?): save one matrix with np.save to a .npy file.")
    if not data.startswith(NPY_MAGIC):
        raise MatrixFileError(f"{file_name} is not a .npy file: it does not start with the .npy signature (\\x93NUMPY).")
    stream = io.BytesIO(data)
    try:
        version = np.lib.format.read_magic(stream)
        if version == (1, 0):
            shape, fortran_order, dtype = np.lib.format.read_array_header_1_0(stream)
        elif version == (2, 0):
            shape, fortran_order, dtype = np.lib.format.read_array_header_2_0(stream)
        else:
            raise MatrixFileError(f"{file_name} is a .npy file of version {version[0]}.{version[1]}; versions 1.0 and 2.0 can be read.")
    except MatrixFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - numpy raises many kinds for a broken header
        raise MatrixFileError(f"{file_name} has a broken .npy header: {exc}") from None
    if dtype.hasobject:
        raise MatrixFileError(f"{file_name} holds Python objects, which are never loaded (they could run code): save a float matrix.")
    if dtype.kind != "f" or dtype.name not in NPY_FLOAT_KINDS:
        raise MatrixFileError(f"{file_name} holds {dtype.name} values: an embedding table holds float16, float32 or float64 numbers.")
    size = math.prod(shape) * dtype.itemsize
    offset = stream.tell()
    if len(data) - offset != size:
        have = len(data) - offset
        problem = "is cut short" if have < size else f"has {have - size:,} bytes too many"
        raise MatrixFileError(f"{file_name} {problem}: its header promises {size:,} bytes of data for shape {tuple(shape)}, and {have:,} follow.")
    values = np.frombuffer(data, dtype=dtype, count=math.prod(shape), offset=offset)
    return values.reshape(shape, order="F" if fortran_order else "C"), dtype.name


# ------------------------------------------------------------------ .safetensors


def read_safetensors_header(data: bytes, file_name: str = "the file") -> tuple[dict[str, TensorInfo], dict[str, str]]:
    """`(tensors, metadata)` of a `.safetensors` file, after checking that every tensor's
    bytes are where the header says and that the tensors fill the data exactly.

    The format: 8 bytes, the header's length N (unsigned, little-endian); N bytes of JSON
    `{name: {"dtype", "shape", "data_offsets": [start, end]}, "__metadata__": {...}}`; then the
    data, offsets counted from its first byte.
    """
    if len(data) < 8:
        raise MatrixFileError(f"{file_name} is too short to be a .safetensors file ({len(data)} bytes; the header length alone takes 8).")
    header_size = int.from_bytes(data[:8], "little")
    if header_size > len(data) - 8:
        raise MatrixFileError(f"{file_name} is not a .safetensors file, or is cut short: its first 8 bytes announce a {header_size:,}-byte header, but only {len(data) - 8:,} bytes follow.")
    if header_size > MAX_HEADER_BYTES:
        raise MatrixFileError(f"{file_name} has a {header_size:,}-byte header; at most {MAX_HEADER_BYTES:,} bytes are read.")
    header = _parse_header_json(data[8 : 8 + header_size], file_name)
    buffer_size = len(data) - 8 - header_size
    metadata = header.pop("__metadata__", {})
    if not isinstance(metadata, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
        raise MatrixFileError(f"{file_name}: the header's __metadata__ must map strings to strings.")
    tensors = {name: _tensor_info(name, entry, buffer_size, file_name) for name, entry in header.items()}
    if not tensors:
        raise MatrixFileError(f"{file_name} holds no tensors.")
    position = 0
    for info in sorted(tensors.values(), key=lambda t: (t.start, t.end)):
        if info.start != position:
            problem = "overlaps the tensor before it" if info.start < position else f"leaves bytes {position:,}–{info.start - 1:,} unused"
            raise MatrixFileError(f"{file_name}: tensor {info.name!r} {problem}; the tensors must fill the data without gaps or overlaps.")
        position = info.end
    if position != buffer_size:
        raise MatrixFileError(f"{file_name} has {buffer_size - position:,} bytes after its last tensor that no tensor uses.")
    return tensors, metadata


def _parse_header_json(raw: bytes, file_name: str) -> dict:
    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        duplicated = {key for key in keys if keys.count(key) > 1}
        if duplicated:
            raise MatrixFileError(f"{file_name}: the header names {sorted(duplicated)[0]!r} twice.")
        return dict(pairs)

    def no_constants(name):
        raise MatrixFileError(f"{file_name}: the header contains {name}, which is not JSON.")

    if not raw.startswith(b"{"):
        raise MatrixFileError(f"{file_name} is not a .safetensors file: its header does not start with '{{'.")
    try:
        text = raw.decode("utf-8")
        header = json.loads(text.rstrip(" "), object_pairs_hook=no_duplicates, parse_constant=no_constants)
    except UnicodeDecodeError:
        raise MatrixFileError(f"{file_name}: the header is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise MatrixFileError(f"{file_name}: the header is not valid JSON ({exc.msg} at character {exc.pos + 1}).") from None
    except RecursionError:
        raise MatrixFileError(f"{file_name}: the header is nested too deeply.") from None
    if not isinstance(header, dict):
        raise MatrixFileError(f"{file_name}: the header must be a JSON object of tensors.")
    return header


def _tensor_info(name: str, entry: object, buffer_size: int, file_name: str) -> TensorInfo:
    where = f"{file_name}: tensor {name!r}"
    if not isinstance(entry, dict) or set(entry) != {"dtype", "shape", "data_offsets"}:
        raise MatrixFileError(f"{where} must have exactly the fields dtype, shape and data_offsets.")
    dtype, shape, offsets = entry["dtype"], entry["shape"], entry["data_offsets"]
    if not isinstance(dtype, str) or dtype not in SAFETENSORS_ITEMSIZE:
        raise MatrixFileError(f"{where} has the unknown or unsupported dtype {str(dtype)[:20]!r}.")
    if not isinstance(shape, list) or not all(_is_count(n) for n in shape):
        raise MatrixFileError(f"{where} has a shape that is not a list of sizes: {json.dumps(shape)[:60]}.")
    if not isinstance(offsets, list) or len(offsets) != 2 or not all(_is_count(n) for n in offsets):
        raise MatrixFileError(f"{where} has data_offsets that are not [start, end]: {json.dumps(offsets)[:60]}.")
    start, end = offsets
    if not start <= end <= buffer_size:
        raise MatrixFileError(f"{where} lies at bytes {start:,}–{end:,}, outside the {buffer_size:,} bytes of data.")
    size = math.prod(shape) * SAFETENSORS_ITEMSIZE[dtype]
    if end - start != size:
        raise MatrixFileError(f"{where}: shape {tuple(shape)} of {dtype} takes {size:,} bytes, but its offsets span {end - start:,}.")
    return TensorInfo(name, dtype, tuple(shape), start, end)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def read_safetensors_tensor(data: bytes, tensors: Mapping[str, TensorInfo], name: str) -> np.ndarray:
    """The values of tensor `name` (checked by `read_safetensors_header`), as float32."""
    info = tensors[name]
    header_size = int.from_bytes(data[:8], "little")
    start = 8 + header_size + info.start
    count = math.prod(info.shape)
    if info.dtype == "BF16":
        # bfloat16 is the top half of a float32: shift its 16 bits into place.
        halves = np.frombuffer(data, dtype="<u2", count=count, offset=start)
        values = (halves.astype(np.uint32) << 16).view(np.float32)
    elif info.dtype in SAFETENSORS_FLOATS:
        values = np.frombuffer(data, dtype=SAFETENSORS_FLOATS[info.dtype], count=count, offset=start)
    else:
        raise MatrixFileError(f"Tensor {name!r} holds {info.dtype} values: an embedding table holds F16, BF16, F32 or F64 numbers.")
    return values.reshape(info.shape).astype(np.float32)


def guess_embedding_tensor(names: list[str]) -> str:
    """The name among `names` most likely to be a token-embedding table (the first if none)."""
    for wanted in EMBEDDING_TENSOR_NAMES:
        for name in names:
            if name == wanted or name.endswith("." + wanted):
                return name
    return names[0]


# ------------------------------------------------------------------ either


def load_matrix(data: bytes, file_name: str = "the file", tensor: str | None = None) -> LoadedMatrix:
    """A 2-D float matrix from a `.npy` or `.safetensors` file (by its name's extension; the
    safetensors tensor `tensor`, or the likeliest embedding table); MatrixFileError if the file
    is not one, or not a matrix of finite floats."""
    if not data:
        raise MatrixFileError(f"{file_name} is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise MatrixFileError(f"{file_name} is {len(data) / 1e6:.1f} MB; files of up to {MAX_FILE_BYTES // (1024 * 1024)} MB can be uploaded.")
    lower = file_name.lower().strip("'\"")
    if lower.endswith(".npy"):
        values, stored = read_npy(data, file_name)
        description = f"a {' × '.join(map(str, values.shape))} {stored} matrix"
    elif lower.endswith(".safetensors"):
        tensors, _ = read_safetensors_header(data, file_name)
        matrices = [name for name, info in tensors.items() if info.is_float_matrix]
        if tensor is None:
            if not matrices:
                found = ", ".join(f"{n!r} ({t.dtype} {list(t.shape)})" for n, t in list(tensors.items())[:5])
                raise MatrixFileError(f"{file_name} has no 2-D floating-point tensor to use as a table; it has {found}.")
            tensor = guess_embedding_tensor(matrices)
        elif tensor not in tensors:
            raise MatrixFileError(f"{file_name} has no tensor named {tensor!r}.")
        info = tensors[tensor]
        if len(info.shape) != 2:
            raise MatrixFileError(f"Tensor {tensor!r} has shape {list(info.shape)}: an embedding table has two dimensions (rows × width).")
        values = read_safetensors_tensor(data, tensors, tensor)
        description = f"tensor {tensor!r}, a {' × '.join(map(str, info.shape))} {info.dtype} matrix"
    else:
        raise MatrixFileError(f"{file_name} is neither a .npy nor a .safetensors file (judging by its name).")
    if values.ndim != 2:
        raise MatrixFileError(f"{file_name} holds an array of shape {values.shape}: an embedding table has two dimensions (rows × width).")
    if 0 in values.shape:
        raise MatrixFileError(f"{file_name} holds an empty matrix of shape {values.shape}.")
    with np.errstate(over="ignore"):  # float64 values too large for float32 become inf: refused below
        values = np.ascontiguousarray(values, dtype=np.float32)
    bad = int(values.size - np.isfinite(values).sum())
    if bad:
        raise MatrixFileError(f"{file_name} has {bad:,} values that are not finite numbers (NaN, infinity, or too large for float32).")
    return LoadedMatrix(values, description)


def check_rows_for_encoding(
    shape: tuple[int, int],
    n_vocab: int,
    encoding_label: str,
    max_id_used: int,
    known_sizes: Mapping[str, int] | None = None,
) -> list[str]:
    """Whether a table of `shape` can be looked up with `encoding` for a text whose largest id
    is `max_id_used`: notes for people if it can but something is off, MatrixFileError saying
    precisely what is wrong if it cannot. `known_sizes` maps other encodings to their n_vocab,
    to say which encoding the table was probably made for."""
    n_rows, width = shape
    others = {label: size for label, size in (known_sizes or {}).items() if size != n_vocab}
    made_for = next((label for label, size in others.items() if size == n_rows), None)
    if n_rows == n_vocab:
        return []
    if n_rows > n_vocab:
        return [
            f"The table has {n_rows:,} rows, {n_rows - n_vocab:,} more than {encoding_label} has ids ({n_vocab:,}): "
            "the extra rows are never looked up (models often pad their tables to a round size, as nanoGPT pads "
            "GPT-2's 50,257 to 50,304)."
        ]
    hint = f" {n_rows:,} rows is the vocabulary size of {made_for}: choose that encoding." if made_for else ""
    if width == n_vocab:
        hint += f" Its width, {width:,}, is {encoding_label}'s vocabulary size: is the matrix transposed? Save matrix.T instead."
    if max_id_used < n_rows:
        return [
            f"The table has {n_rows:,} rows but {encoding_label} has {n_vocab:,} ids, so it was made for a smaller "
            f"vocabulary. Every id of this text is below {n_rows:,}, so each one finds a row, but they are probably "
            f"not the rows meant for these tokens.{hint}"
        ]
    raise MatrixFileError(
        f"The table has {n_rows:,} rows, but {encoding_label} has {n_vocab:,} token ids and the text uses id "
        f"{max_id_used:,}, which has no row: a table for {encoding_label} needs one row per id, {n_vocab:,} rows.{hint}"
    )
