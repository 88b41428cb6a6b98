"""A trained tokenizer's files: minbpe's `.model` and `.vocab`, and tiktoken's `.tiktoken`.

The `.model` file is minbpe's, byte for byte, so either project reads the other's files:

    minbpe v1                  <- line 1: the format
    '(?i:[sdmt]|ll|ve|re)|...  <- line 2: the split pattern (an empty line: no pattern)
    1                          <- line 3: the number of special tokens
    <|endoftext|> 100257       <- one `token id` line per special token
    101 32                     <- one `left right` line per merge, in order: the i-th makes id 256 + i

The `.vocab` file is for people only: one `[token] id` line per token, or
`[left][right] -> [token] id` for a merged one. `parse_model` reads a `.model` strictly: the
file may come from anyone (an upload), so every line is checked, and a malformed one raises
ValueError saying which line and what is wrong. Nothing in a file is ever executed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .pretokenize import PatternError, SplitPattern
from .vocab_files import format_tiktoken_ranks

MODEL_HEADER = "minbpe v1"
# A .model file of a 2,000,000-token vocabulary is about 20 MB: larger files are refused unread.
MAX_MODEL_FILE_BYTES = 20_000_000
# Ids longer than this are not ids (and would be slow to parse).
MAX_ID_DIGITS = 12
# The tokens' bytes together, at most. Each merge's token is its two halves joined, so a few
# lines (`256 256`, `257 257`, ...) can describe tokens of terabytes: a file is refused before
# its vocabulary is built. Real vocabularies hold a few MB (GPT-4o's 200,000 tokens: 1.4 MB).
MAX_VOCABULARY_BYTES = 50_000_000


@dataclass(frozen=True)
class ModelContents:
    """What a `.model` file holds: the split pattern (None: no split), special tokens
    `{token: id}`, and the merges `{(left, right): new id}` in order."""

    pattern: str | None
    special_tokens: dict[str, int]
    merges: dict[tuple[int, int], int]


# ---------------------------------------------------------------------- writing


def format_model(pattern: str | None, special_tokens: dict[str, int], merges: dict[tuple[int, int], int]) -> str:
    """The text of a minbpe `.model` file.

    >>> print(format_model(None, {"<|end|>": 257}, {(104, 105): 256}), end="")
    minbpe v1
    <BLANKLINE>
    1
    <|end|> 257
    104 105
    """
    if pattern is not None and ("\n" in pattern or "\r" in pattern):
        raise ValueError(
            "This tokenizer's split pattern contains a line break, which the .model format cannot hold "
            r"(the pattern is one line of the file). Write the line break as \n or \r in the pattern instead."
        )
    # Readers refuse NUL characters, the mark of a binary file, so none is written.
    if pattern is not None and "\x00" in pattern:
        raise ValueError(
            "This tokenizer's split pattern contains a NUL character, which the .model format cannot hold: "
            r"write it as \x00 in the pattern instead."
        )
    for token in special_tokens:
        if any(char.isspace() for char in token):
            raise ValueError(
                f"Special token {token!r} contains whitespace, which the .model format cannot hold "
                "(each special token is written as 'token id'). Rename it without spaces."
            )
        if "\x00" in token:
            raise ValueError(
                f"Special token {token!r} contains a NUL character, which the .model format cannot hold. "
                "Rename it without it."
            )
    lines = [MODEL_HEADER, pattern or "", str(len(special_tokens))]
    lines += [f"{token} {token_id}" for token, token_id in special_tokens.items()]
    lines += [f"{left} {right}" for left, right in merges]
    return "\n".join(lines) + "\n"


def render_token(token: bytes) -> str:
    """A token's bytes as minbpe shows them: invalid UTF-8 as U+FFFD, control characters escaped.

    >>> render_token(b"hi\\n\\xff")
    'hi\\\\u000a�'
    """
    text = token.decode("utf-8", errors="replace")
    return "".join(f"\\u{ord(char):04x}" if unicodedata.category(char)[0] == "C" else char for char in text)


def format_vocab(vocab: dict[int, bytes], merges: dict[tuple[int, int], int]) -> str:
    """The text of minbpe's human-readable `.vocab` file, one line per token of `vocab`.

    >>> print(format_vocab({97: b"a", 256: b"aa"}, {(97, 97): 256}), end="")
    [a] 97
    [a][a] -> [aa] 256
    """
    made_from = {new: pair for pair, new in merges.items()}
    lines = []
    for token_id, token in vocab.items():
        rendered = render_token(token)
        if token_id in made_from:
            left, right = made_from[token_id]
            lines.append(f"[{render_token(vocab[left])}][{render_token(vocab[right])}] -> [{rendered}] {token_id}")
        else:
            lines.append(f"[{rendered}] {token_id}")
    return "\n".join(lines) + "\n"


def format_tiktoken(token_bytes: dict[int, bytes]) -> str:
    """The `.tiktoken` text (`base64 rank` per line) of `{id: bytes}`.

    Raises ValueError if two ids have the same bytes: tiktoken gives each byte string one rank.
    """
    ranks: dict[bytes, int] = {}
    for token_id, token in sorted(token_bytes.items()):
        if token in ranks:
            raise ValueError(
                f"Tokens {ranks[token]} and {token_id} are both {token!r}: the .tiktoken format gives each "
                "byte string a single rank, so this vocabulary (which has duplicate byte strings, as BPE "
                "training can make) cannot be written in it. Save it as a .model file instead."
            )
        ranks[token] = token_id
    return format_tiktoken_ranks(ranks)


# ---------------------------------------------------------------------- reading


def read_model_file(path: str | Path) -> bytes:
    """The raw contents of a `.model` file, refusing a `.vocab` file and anything over the size limit."""
    path = Path(path)
    if path.suffix == ".vocab":
        raise ValueError(
            f"{path} is a .vocab file, which is for people to read and cannot be loaded; "
            "load the .model file saved next to it."
        )
    size = path.stat().st_size
    if size > MAX_MODEL_FILE_BYTES:
        raise ValueError(_too_large(size))
    with path.open("rb") as file:
        data = file.read(MAX_MODEL_FILE_BYTES + 1)
    if len(data) > MAX_MODEL_FILE_BYTES:
        raise ValueError(_too_large(len(data)))
    return data


def parse_model(content: str | bytes) -> ModelContents:
    """Read the text (or bytes) of a minbpe `.model` file strictly.

    Raises ValueError naming the line and the problem for anything that is not exactly the
    format `format_model` writes (Windows line endings are accepted).

    >>> parse_model("minbpe v1\\n\\n0\\n104 105\\n").merges
    {(104, 105): 256}
    """
    lines = _ModelLines(_decode(content))
    header = lines.next("the header 'minbpe v1'")
    if header != MODEL_HEADER:
        raise ValueError(f"Line 1 should be {MODEL_HEADER!r} (a minbpe .model file), but it is {_show(header)}.")
    pattern = lines.next("the split pattern (or an empty line for no pattern)") or None
    if pattern is not None:
        try:
            SplitPattern(pattern)
        except PatternError as exc:
            raise ValueError(f"Line 2, the split pattern, is refused: {exc}") from None

    special_count = _parse_id(lines.next("the number of special tokens"), lines.number, "the number of special tokens")
    special_tokens: dict[str, int] = {}
    special_lines: dict[str, int] = {}
    line_of_special_id: dict[int, int] = {}
    for _ in range(special_count):
        line = lines.next(f"one of the {special_count} special tokens announced on line 3")
        parts = line.split(" ")
        if len(parts) != 2 or not parts[0]:
            raise ValueError(f"Line {lines.number} should be 'token id' (a special token), but it is {_show(line)}.")
        token, id_text = parts
        if any(char.isspace() for char in token):
            raise ValueError(f"Line {lines.number}: special token {token!r} contains whitespace.")
        token_id = _parse_id(id_text, lines.number, f"the id of special token {token!r}")
        if token in special_tokens:
            raise ValueError(f"Line {lines.number}: special token {token!r} was already given on line {special_lines[token]}.")
        if token_id in line_of_special_id:
            raise ValueError(
                f"Line {lines.number}: special token {token!r} has id {token_id}, "
                f"already used by the special token on line {line_of_special_id[token_id]}."
            )
        special_tokens[token] = token_id
        special_lines[token] = line_of_special_id[token_id] = lines.number

    merges: dict[tuple[int, int], int] = {}
    merge_lines: dict[tuple[int, int], int] = {}
    token_lengths = [1] * 256
    vocabulary_bytes = 256
    while lines.remaining():
        line = lines.next("a merge")
        parts = line.split(" ")
        if len(parts) != 2:
            raise ValueError(f"Line {lines.number} should be 'left right' (two token ids), but it is {_show(line)}.")
        new = 256 + len(merges)
        pair = tuple(_parse_id(part, lines.number, "a merged token id") for part in parts)
        for part in pair:
            if part >= new:
                raise ValueError(
                    f"Line {lines.number}: the merge {line!r} names id {part}, which does not exist yet "
                    f"(this merge makes id {new}, so it can only use ids 0 to {new - 1})."
                )
        if pair in merges:
            raise ValueError(f"Line {lines.number}: the merge {line!r} was already given on line {merge_lines[pair]}.")
        token_lengths.append(token_lengths[pair[0]] + token_lengths[pair[1]])
        vocabulary_bytes += token_lengths[-1]
        if vocabulary_bytes > MAX_VOCABULARY_BYTES:
            raise ValueError(
                f"Line {lines.number}: with the merge {line!r} (a token of {token_lengths[-1]:,} bytes), the "
                f"vocabulary's tokens would take {vocabulary_bytes:,} bytes; files describing over "
                f"{MAX_VOCABULARY_BYTES:,} bytes of tokens are refused."
            )
        merges[pair] = new
        merge_lines[pair] = lines.number

    first_free_id = 256 + len(merges)
    for token, token_id in special_tokens.items():
        if token_id < first_free_id:
            raise ValueError(
                f"Line {special_lines[token]}: special token {token!r} has id {token_id}, which is already "
                f"the id of {'a byte' if token_id < 256 else 'a merge'} (bytes and merges use ids 0 to {first_free_id - 1})."
            )
    return ModelContents(pattern, special_tokens, merges)


class _ModelLines:
    """The lines of a `.model` file, handed out one at a time with their 1-based numbers."""

    def __init__(self, text: str):
        self._lines = text.split("\n")
        if self._lines[-1] == "":
            self._lines.pop()  # the file's final newline
        self.number = 0

    def remaining(self) -> bool:
        return self.number < len(self._lines)

    def next(self, expected: str) -> str:
        if not self.remaining():
            raise ValueError(f"The file ends after line {self.number}, but line {self.number + 1} should be {expected}.")
        line = self._lines[self.number]
        self.number += 1
        if line.endswith("\r"):
            line = line[:-1]  # a Windows line ending
        if "\r" in line:
            raise ValueError(f"Line {self.number} contains a carriage return in the middle: {_show(line)}.")
        return line


def _decode(content: str | bytes) -> str:
    """`content` as text, refusing non-text, oversized, pickled and non-UTF-8 content."""
    if isinstance(content, str):
        if len(content) > MAX_MODEL_FILE_BYTES:
            raise ValueError(_too_large(len(content)))
        text = content
    elif isinstance(content, (bytes, bytearray, memoryview)):
        data = bytes(content)
        if len(data) > MAX_MODEL_FILE_BYTES:
            raise ValueError(_too_large(len(data)))
        if data[:1] == b"\x80" and data[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
            raise ValueError(
                "This is a Python pickle, not a .model file. Pickles can run code, so they are never loaded; "
                "give the minbpe .model text file written by save()."
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise ValueError(
                f"Line {line} is not UTF-8 text (byte {exc.start}): this is binary data, not a minbpe .model file."
            ) from None
    else:
        raise ValueError(f"A .model file's contents are text or bytes; got {type(content).__name__}.")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ValueError(f"Line {line} contains a NUL character: this is binary data, not a minbpe .model file.")
    return text


def _parse_id(text: str, line: int, what: str) -> int:
    """A non-negative decimal integer, or ValueError naming the line and what was expected."""
    if text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS:
        return int(text)
    if text.startswith("-") and text[1:].isascii() and text[1:].isdigit():
        raise ValueError(f"Line {line}: {what} is negative ({text}); ids are 0 or more.")
    raise ValueError(f"Line {line}: {what} should be a whole number, but it is {_show(text)}.")


def _show(text: str) -> str:
    """`text` quoted for an error message, cut short if long."""
    return repr(text) if len(text) <= 80 else repr(text[:80]) + "..."


def _too_large(size: int) -> str:
    return (
        f"The file is {size:,} bytes; .model files over {MAX_MODEL_FILE_BYTES:,} bytes are refused "
        "(that would be a vocabulary of millions of tokens)."
    )
