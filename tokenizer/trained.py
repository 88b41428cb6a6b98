"""`Tokenizer`: a trained (or loaded) minbpe-style tokenizer, and loading one from a `.model` file.

A `Tokenizer` is an `Encoding` built from merges `{(left id, right id): new id}`, so it has the
whole encoding API (`encode`, `decode`, `trace`, ...), plus what training and its files need:
`merges`, `vocab`, `merge_counts`, `pattern`, `pattern_name`, and `save` / `load` in minbpe's
`.model` format (see `model_files.py`).
"""

from __future__ import annotations

from numbers import Integral
from pathlib import Path

from . import model_files
from .core import Encoding
from .pretokenize import is_utf8_text
from .registry import PATTERNS


class Tokenizer(Encoding):
    """A byte-level BPE tokenizer defined by its merges: ids 0-255 are the bytes, and the i-th
    merge `(left, right)` makes id 256 + i. `tokenizer.train(...)` and `tokenizer.load(...)`
    return one.

    >>> tok = Tokenizer({(104, 105): 256}, None, name="hi")
    >>> tok.encode("hi!")
    [256, 33]
    """

    def __init__(
        self,
        merges: dict[tuple[int, int], int],
        pattern: str | None,
        *,
        special_tokens: dict[str, int] | None = None,
        merge_counts: list[int] | None = None,
        name: str | None = None,
    ):
        """`merges` in order (new ids 256, 257, ...), the split pattern (None: no split), special
        tokens `{token: id}`, and, for a trained tokenizer, the count of each merged pair."""
        merges = dict(merges)
        check_merges(merges)
        special_tokens = dict(special_tokens or {})
        check_special_tokens(special_tokens, first_free_id=256 + len(merges))
        special_tokens = {token: int(token_id) for token, token_id in special_tokens.items()}
        if merge_counts is not None and len(merge_counts) != len(merges):
            raise ValueError(f"merge_counts has {len(merge_counts)} counts for {len(merges)} merges.")
        self.pattern_name = pattern_name(pattern)
        super().__init__(
            name or f"trained-{self.pattern_name}-{256 + len(merges) + len(special_tokens)}",
            pat_str=pattern,
            merges=merges,
            special_tokens=special_tokens,
        )
        self._merge_counts = list(merge_counts or [])

    def __repr__(self) -> str:
        return f"<Tokenizer {self.name!r}: {len(self._merges)} merges, pattern {self.pattern_name}>"

    @property
    def merges(self) -> dict[tuple[int, int], int]:
        """`{(left id, right id): new id}`, in merge order (a copy)."""
        return dict(self._merges)

    @property
    def merge_counts(self) -> list[int]:
        """How many times each merged pair occurred when it was merged, in merge order.

        Empty for a tokenizer loaded from a file: the `.model` format does not store counts.
        """
        return list(self._merge_counts)

    @property
    def pattern(self) -> str | None:
        """The split pattern (None: no split), as minbpe calls it; same as `pat_str`."""
        return self.pat_str

    @property
    def vocab(self) -> dict[int, bytes]:
        """`{id: bytes}` of every token, special tokens included (as minbpe builds it)."""
        vocab = dict(self._token_bytes)
        for token, token_id in self._special_tokens.items():
            vocab[token_id] = token.encode("utf-8")
        return vocab

    # ------------------------------------------------------------------ files

    def model_text(self) -> str:
        """The contents of this tokenizer's minbpe `.model` file (what `save` writes)."""
        return model_files.format_model(self.pattern, self._special_tokens, self._merges)

    def vocab_text(self) -> str:
        """The contents of the human-readable `.vocab` file (what `save` writes beside the model)."""
        return model_files.format_vocab(self.vocab, self._merges)

    def tiktoken_text(self) -> str:
        """The ordinary tokens in tiktoken's `.tiktoken` format (`base64 rank` per line).

        Special tokens are not part of that format. Raises ValueError if two ids have the same
        bytes, which that format cannot express.
        """
        return model_files.format_tiktoken(self._token_bytes)

    def save(self, file_prefix: str | Path) -> None:
        """Write `file_prefix.model` (minbpe's format, which `tokenizer.load` reads back) and
        `file_prefix.vocab` (for people to read), as minbpe's `save` does."""
        model = self.model_text()
        vocab = self.vocab_text()
        Path(f"{file_prefix}.model").write_text(model, encoding="utf-8", newline="\n")
        Path(f"{file_prefix}.vocab").write_text(vocab, encoding="utf-8", newline="\n")

    def save_tiktoken(self, path: str | Path) -> None:
        """Write the ordinary tokens to a `.tiktoken` file (see `tiktoken_text`)."""
        Path(path).write_text(self.tiktoken_text(), encoding="utf-8", newline="\n")


def pattern_name(pattern: str | None) -> str:
    """A readable name for a split pattern: "gpt2", "gpt4", "gpt4o", "none" or "custom"."""
    if pattern is None:
        return "none"
    for name, known in PATTERNS.items():
        if pattern == known:
            return name
    return "custom"


def check_special_tokens(special_tokens: dict[str, int], first_free_id: int) -> None:
    """Raise ValueError unless every special token is a non-empty string with its own integer id
    at or above `first_free_id` (the ids below belong to bytes and merges)."""
    seen: dict[int, str] = {}
    for token, token_id in special_tokens.items():
        if not isinstance(token, str) or not token:
            raise ValueError(f"Special tokens must be non-empty strings; got {token!r}.")
        if not is_utf8_text(token):
            raise ValueError(f"Special token {token!r} contains a lone surrogate, which is not text (UTF-8 cannot encode it).")
        if not isinstance(token_id, Integral) or isinstance(token_id, bool):
            raise ValueError(f"The id of special token {token!r} must be an integer; got {token_id!r}.")
        if token_id < first_free_id:
            raise ValueError(
                f"Special token {token!r} has id {token_id}, but ids 0 to {first_free_id - 1} are bytes and merges: "
                f"give it an id of {first_free_id} or more."
            )
        if token_id in seen:
            raise ValueError(f"Special tokens {seen[token_id]!r} and {token!r} have the same id {token_id}.")
        seen[token_id] = token


def check_merges(merges: dict[tuple[int, int], int]) -> None:
    """Raise ValueError unless the i-th merge makes id 256 + i out of two ids that already exist."""
    for i, (pair, new) in enumerate(merges.items()):
        expected = 256 + i
        if new != expected:
            raise ValueError(f"Merge number {i + 1} {pair} makes id {new}; merges must make ids 256, 257, ... in order.")
        if (
            not isinstance(pair, tuple)
            or len(pair) != 2
            or not all(isinstance(part, int) and not isinstance(part, bool) and 0 <= part < expected for part in pair)
        ):
            raise ValueError(f"Merge number {i + 1} {pair!r} must be two ids that exist before it (0 to {expected - 1}).")


def load(path: str | Path, *, name: str | None = None) -> Tokenizer:
    """Read a minbpe `.model` file (as written by `Tokenizer.save`) strictly: any malformed line
    raises ValueError saying what is wrong and where. Nothing in the file is ever executed.

    The tokenizer's name is the file's name without `.model`, unless `name` is given.
    """
    text = model_files.read_model_file(path)
    return load_model_text(text, name=name or Path(path).stem)


def load_model_text(text: str | bytes, *, name: str | None = None) -> Tokenizer:
    """A tokenizer from the contents of a `.model` file (str, or bytes as uploaded), read strictly."""
    contents = model_files.parse_model(text)
    return Tokenizer(contents.merges, contents.pattern, special_tokens=contents.special_tokens, name=name)

