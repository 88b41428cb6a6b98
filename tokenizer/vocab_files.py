"""Reading vocabulary files: tiktoken's `.tiktoken` format and GPT-2's original release pair.

A `.tiktoken` file has one token per line, `base64(token bytes) SPACE rank`. GPT-2 was
released as `encoder.json` ({printable string: id}) plus `vocab.bpe` (one merge per line),
both written in GPT-2's printable alphabet (`bytes_to_unicode`: space -> 'Ġ', newline -> 'Ċ').
Every file is checked against its SHA-256 before it is used; a missing or altered file raises
`VocabularyFileError` naming the file and what to do.
"""

from __future__ import annotations

import binascii
import gzip
import hashlib
import json
from functools import lru_cache
from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets" / "vocab"


class VocabularyFileError(RuntimeError):
    """A vocabulary file is missing, corrupt or not the expected one."""


def read_verified(path: Path, sha256: str) -> bytes:
    """The uncompressed contents of `path` (gzip if it ends in .gz), checked against `sha256`."""
    restore = f"Restore it from ../shared/vocab/ (see its README) into {ASSETS_DIR}."
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise VocabularyFileError(f"Vocabulary file {path} is missing. {restore}") from None
    try:
        data = gzip.decompress(raw) if path.suffix == ".gz" else raw
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise VocabularyFileError(f"Vocabulary file {path} is corrupt ({exc}). {restore}") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise VocabularyFileError(
            f"Vocabulary file {path} does not have the expected SHA-256 "
            f"(expected {sha256}, got {digest}): it is corrupt or not the official file. {restore}"
        )
    return data


def parse_tiktoken_ranks(data: bytes) -> dict[bytes, int]:
    """Parse `.tiktoken` contents into `{token bytes: rank}`.

    >>> parse_tiktoken_ranks(b"IQ== 0\\nIg== 1\\n")
    {b'!': 0, b'"': 1}
    """
    ranks: dict[bytes, int] = {}
    decode = binascii.a2b_base64
    for number, line in enumerate(data.splitlines(), start=1):
        if not line:
            continue
        try:
            token, rank = line.split()
            ranks[decode(token)] = int(rank)
        except (ValueError, binascii.Error):
            raise ValueError(f"line {number} is not 'base64 rank': {line[:80]!r}") from None
    return ranks


def format_tiktoken_ranks(ranks: dict[bytes, int]) -> str:
    """The `.tiktoken` text for `{token bytes: rank}`, in rank order."""
    import base64

    lines = (f"{base64.b64encode(token).decode()} {rank}" for token, rank in sorted(ranks.items(), key=lambda kv: kv[1]))
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=None)
def bytes_to_unicode() -> dict[int, str]:
    """GPT-2's printable alphabet: every byte gets a visible character.

    Printable Latin-1 bytes stand for themselves; the others (space, control characters, ...)
    are shifted to U+0100 and up, in byte order, so that `bytes_to_unicode()[ord(" ")] == "Ġ"`
    and `bytes_to_unicode()[ord("\\n")] == "Ċ"`.
    """
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    table = {b: chr(b) for b in printable}
    shifted = 0
    for b in range(256):
        if b not in table:
            table[b] = chr(256 + shifted)
            shifted += 1
    return table


@lru_cache(maxsize=None)
def unicode_to_bytes() -> dict[str, int]:
    """The inverse of `bytes_to_unicode`: `unicode_to_bytes()["Ġ"] == 32`."""
    return {char: b for b, char in bytes_to_unicode().items()}


def to_printable(token: bytes) -> str:
    """A token's bytes in GPT-2's printable alphabet: `to_printable(b" hi\\n") == "ĠhiĊ"`."""
    table = bytes_to_unicode()
    return "".join(table[b] for b in token)


def from_printable(text: str) -> bytes:
    """The bytes behind a string in GPT-2's printable alphabet: `from_printable("Ġhi") == b" hi"`."""
    table = unicode_to_bytes()
    try:
        return bytes(table[char] for char in text)
    except KeyError as exc:
        raise ValueError(f"{exc.args[0]!r} is not a character of GPT-2's printable alphabet") from None


def gpt2_release_ranks(encoder_json: bytes, vocab_bpe: bytes) -> dict[bytes, int]:
    """Ranks `{token bytes: rank}` from GPT-2's release files, checked against each other.

    The 256 single bytes come first, in the order of `bytes_to_unicode`; every line of
    `vocab.bpe` then adds one merge. `encoder.json` must give the same ids.
    """
    ranks = {bytes([b]): rank for rank, b in enumerate(unicode_to_bytes().values())}
    merge_lines = vocab_bpe.decode("utf-8").split("\n")
    if not merge_lines[0].startswith("#version"):
        raise ValueError("vocab.bpe does not start with its '#version' line")
    for number, line in enumerate(merge_lines[1:], start=2):
        if not line:
            continue
        try:
            first, second = line.split(" ")
        except ValueError:
            raise ValueError(f"vocab.bpe line {number} is not 'first second': {line!r}") from None
        ranks[from_printable(first) + from_printable(second)] = len(ranks)
    encoder = {from_printable(text): rank for text, rank in json.loads(encoder_json).items() if text != "<|endoftext|>"}
    if encoder != ranks:
        raise ValueError("encoder.json and vocab.bpe disagree: they are not one GPT-2 release")
    return ranks


def load_tiktoken_file(filename: str, sha256: str) -> dict[bytes, int]:
    """Ranks from a verified `.tiktoken(.gz)` file in `assets/vocab/`."""
    return parse_tiktoken_ranks(read_verified(ASSETS_DIR / filename, sha256))


GPT2_ENCODER_JSON = ("gpt2_encoder.json.gz", "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783")
GPT2_VOCAB_BPE = ("gpt2_vocab.bpe.gz", "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5")


def load_gpt2_release() -> dict[bytes, int]:
    """Ranks from GPT-2's original `encoder.json` + `vocab.bpe` in `assets/vocab/` (equal to r50k_base's)."""
    encoder_json = read_verified(ASSETS_DIR / GPT2_ENCODER_JSON[0], GPT2_ENCODER_JSON[1])
    vocab_bpe = read_verified(ASSETS_DIR / GPT2_VOCAB_BPE[0], GPT2_VOCAB_BPE[1])
    return gpt2_release_ranks(encoder_json, vocab_bpe)
