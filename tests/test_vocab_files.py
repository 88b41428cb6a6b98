"""Vocabulary files: verified loading, GPT-2's release pair, the printable byte alphabet."""

from __future__ import annotations

import gzip
import subprocess
import sys

import pytest

import tokenizer
from tokenizer import vocab_files
from tokenizer.vocab_files import VocabularyFileError


def test_gpt2_release_files_give_exactly_r50k_base_ranks():
    assert vocab_files.load_gpt2_release() == tokenizer.get_encoding("r50k_base").mergeable_ranks


def test_bytes_to_unicode_covers_every_byte_with_a_distinct_printable_character():
    table = tokenizer.bytes_to_unicode()
    assert sorted(table) == list(range(256))
    assert len(set(table.values())) == 256
    assert all(char.isprintable() and not char.isspace() for char in table.values())


@pytest.mark.parametrize("byte, char", [(ord(" "), "Ġ"), (ord("\n"), "Ċ"), (ord("\t"), "ĉ"), (ord("a"), "a"), (0, "Ā")])
def test_bytes_to_unicode_known_entries(byte, char):
    assert tokenizer.bytes_to_unicode()[byte] == char


def test_printable_round_trip():
    assert tokenizer.to_printable(b" hi\n") == "ĠhiĊ"
    assert vocab_files.from_printable("ĠhiĊ") == b" hi\n"


def test_from_printable_rejects_foreign_characters():
    with pytest.raises(ValueError, match="printable alphabet"):
        vocab_files.from_printable("Ġ😀")


def test_parse_tiktoken_ranks():
    assert vocab_files.parse_tiktoken_ranks(b"IQ== 0\nIg== 1\n") == {b"!": 0, b'"': 1}


def test_parse_tiktoken_ranks_rejects_a_bad_line():
    with pytest.raises(ValueError, match="line 2"):
        vocab_files.parse_tiktoken_ranks(b"IQ== 0\nnot-a-line\n")


def test_format_then_parse_tiktoken_round_trips():
    ranks = {b"a": 0, b"b": 1, b"ab": 2, b"\xff\x00": 3}
    assert vocab_files.parse_tiktoken_ranks(vocab_files.format_tiktoken_ranks(ranks).encode()) == ranks


def test_missing_file_error_names_the_file_and_what_to_do(tmp_path):
    with pytest.raises(VocabularyFileError) as error:
        vocab_files.read_verified(tmp_path / "cl100k_base.tiktoken.gz", "0" * 64)
    assert "cl100k_base.tiktoken.gz" in str(error.value) and "shared/vocab" in str(error.value)


def test_corrupt_gzip_is_refused(tmp_path):
    path = tmp_path / "r50k_base.tiktoken.gz"
    path.write_bytes(b"\x1f\x8b not really gzip")
    with pytest.raises(VocabularyFileError, match="corrupt"):
        vocab_files.read_verified(path, "0" * 64)


def test_altered_file_fails_its_hash(tmp_path):
    path = tmp_path / "r50k_base.tiktoken.gz"
    path.write_bytes(gzip.compress(b"IQ== 0\n"))
    with pytest.raises(VocabularyFileError, match="SHA-256"):
        vocab_files.read_verified(path, "0" * 64)


def test_shipped_files_match_the_published_hashes():
    sums = dict(line.split()[::-1] for line in (vocab_files.ASSETS_DIR / "SHA256SUMS").read_text().splitlines())
    from tokenizer.registry import SPECS

    for spec in SPECS.values():
        assert sums[spec.vocab_file.removesuffix(".gz")] == spec.sha256


def test_get_encoding_loads_the_vocabulary_up_front():
    code = (
        "import tokenizer, tokenizer.encodings as e; enc = tokenizer.get_encoding('gpt4'); "
        "print(len(enc._ranks), 'cl100k_base' in e._loaded)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=vocab_files.ASSETS_DIR.parent.parent)
    assert out.stdout.split() == ["100256", "True"]
