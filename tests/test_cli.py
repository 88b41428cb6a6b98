"""The command line, `python -m tokenizer`: each subcommand's output equals the engine's answer,
and every mistake in the input ends with a message and exit code 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import tokenizer
from tokenizer import cli

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Hello, world! Ça va? 你好 🎉\n  indented line"
ENCODINGS = ["r50k_base", "cl100k_base", "o200k_base"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """`cli.main(argv)`: its exit code, stdout and stderr."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    """`python -m tokenizer ARGV` in a subprocess, with `stdin` as its input."""
    return subprocess.run(
        [sys.executable, "-m", "tokenizer", *argv], input=stdin, capture_output=True, cwd=ROOT, timeout=120
    )


# ---------------------------------------------------------------------------- encode


@pytest.mark.parametrize("name", ENCODINGS)
def test_encode_prints_the_engines_ids_separated_by_spaces(capsys, name):
    code, out, err = run(capsys, "encode", "-e", name, TEXT)
    assert (code, out, err) == (0, " ".join(map(str, tokenizer.get_encoding(name).encode(TEXT))) + "\n", "")


def test_encode_uses_cl100k_base_by_default(capsys):
    code, out, _ = run(capsys, "encode", TEXT)
    assert out == " ".join(map(str, tokenizer.get_encoding("cl100k_base").encode(TEXT))) + "\n"


@pytest.mark.parametrize("alias, name", [("gpt2", "r50k_base"), ("gpt4o", "o200k_base"), ("gpt-4o", "o200k_base")])
def test_encode_accepts_aliases_and_model_names(capsys, alias, name):
    code, out, _ = run(capsys, "encode", "-e", alias, TEXT)
    assert out == " ".join(map(str, tokenizer.get_encoding(name).encode(TEXT))) + "\n"


def test_encode_json_prints_a_json_list(capsys):
    code, out, _ = run(capsys, "encode", "--json", TEXT)
    assert json.loads(out) == tokenizer.get_encoding("gpt4").encode(TEXT)


def test_encode_tokens_prints_each_id_with_its_text(capsys):
    code, out, _ = run(capsys, "encode", "--tokens", "hello world\n")
    assert out == "15339\thello\n1917\t world\n198\t\\n\n"


def test_encode_reads_a_file(capsys, tmp_path):
    path = tmp_path / "text.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out, _ = run(capsys, "encode", "-f", str(path))
    assert out == " ".join(map(str, tokenizer.get_encoding("gpt4").encode(TEXT))) + "\n"


def test_encode_reads_standard_input_when_no_text_is_given():
    done = run_process("encode", stdin=TEXT.encode("utf-8"))
    assert (done.returncode, done.stdout.decode()) == (0, " ".join(map(str, tokenizer.get_encoding("gpt4").encode(TEXT))) + "\n")


def test_encode_treats_special_token_strings_as_text_by_default(capsys):
    text = "end<|endoftext|>"
    code, out, _ = run(capsys, "encode", text)
    assert out == " ".join(map(str, tokenizer.get_encoding("gpt4").encode_ordinary(text))) + "\n"


def test_encode_allow_special_gives_special_ids(capsys):
    code, out, _ = run(capsys, "encode", "--allow-special", "end<|endoftext|>")
    assert out == " ".join(map(str, tokenizer.get_encoding("gpt4").encode("end<|endoftext|>", allowed_special="all"))) + "\n"
    assert out.split()[-1] == "100257"


def test_unknown_encoding_exits_2_naming_the_known_ones(capsys):
    code, out, err = run(capsys, "encode", "-e", "gpt5000", "hi")
    assert (code, out) == (2, "")
    assert err.startswith("error: Unknown encoding 'gpt5000'. Known encodings: r50k_base, cl100k_base, o200k_base")


def test_text_and_file_together_is_an_error(capsys, tmp_path):
    path = tmp_path / "text.txt"
    path.write_text("x", encoding="utf-8")
    code, out, err = run(capsys, "encode", "hi", "-f", str(path))
    assert (code, err) == (2, "error: Give the text either as an argument or with --file, not both.\n")


def test_missing_file_is_an_error(capsys, tmp_path):
    missing = tmp_path / "nothing.txt"
    code, out, err = run(capsys, "count", "-f", str(missing))
    assert (code, err) == (2, f"error: No such file: {str(missing)!r}.\n")


def test_invalid_utf8_file_is_an_error_pointing_at_the_byte(capsys, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("café".encode("latin-1"))
    code, out, err = run(capsys, "count", "-f", str(path))
    assert code == 2
    assert err == (
        f"error: The file {str(path)!r} is not valid UTF-8 text: byte 0xe9 at offset 3 cannot be decoded. "
        "Convert it to UTF-8 first (for example with `iconv -t UTF-8`).\n"
    )


def test_invalid_utf8_on_standard_input_is_an_error_without_traceback():
    done = run_process("encode", stdin=b"ok \xff\xfe")
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "error: Standard input is not valid UTF-8 text: byte 0xff at offset 3 cannot be decoded. "
        "Convert it to UTF-8 first (for example with `iconv -t UTF-8`).\n"
    )


# ---------------------------------------------------------------------------- decode


@pytest.mark.parametrize("ids", [["15339", "1917"], ["15339,1917"], ["[15339, 1917]"], ["15339, 1917"]])
def test_decode_reads_ids_separated_by_spaces_commas_or_as_json(capsys, ids):
    code, out, err = run(capsys, "decode", *ids)
    assert (code, out, err) == (0, "hello world", "")


def test_decode_reads_ids_from_standard_input():
    done = run_process("decode", "-e", "gpt2", stdin=b"31373 995\n")
    assert (done.returncode, done.stdout.decode()) == (0, "hello world")


@pytest.mark.parametrize("name", ENCODINGS)
def test_encode_then_decode_gives_the_text_back_exactly(name):
    encoded = run_process("encode", "-e", name, stdin=TEXT.encode("utf-8"))
    decoded = run_process("decode", "-e", name, stdin=encoded.stdout)
    assert decoded.stdout.decode("utf-8") == TEXT


def test_decode_json_prints_a_json_string(capsys):
    code, out, _ = run(capsys, "decode", "--json", "15339", "198")
    assert out == '"hello\\n"\n'


@pytest.mark.parametrize(
    "ids, message",
    [
        (["12", "abc"], "'abc' is not a token id: give whole numbers separated by spaces or commas, or a JSON list such as [15339, 1917]."),
        (["1.5"], "'1.5' is not a token id: give whole numbers separated by spaces or commas, or a JSON list such as [15339, 1917]."),
        (["[1, 2.5]"], "2.5 is not a token id: token ids are whole numbers."),
        (["[1, true]"], "true is not a token id: token ids are whole numbers."),
        (["[1, 2"], "The token ids look like a JSON list but are not valid JSON: Expecting ',' delimiter: line 1 column 6 (char 5)."),
    ],
)
def test_decode_rejects_what_is_not_a_token_id(capsys, ids, message):
    code, out, err = run(capsys, "decode", *ids)
    assert (code, out, err) == (2, "", f"error: {message}\n")


@pytest.mark.parametrize("bad_id", [-1, 100256, 10**12])
def test_decode_rejects_ids_the_encoding_does_not_have(capsys, bad_id):
    encoding = tokenizer.get_encoding("cl100k_base")
    with pytest.raises(tokenizer.UnknownTokenError) as expected:
        encoding.decode_single_token_bytes(bad_id)
    code, out, err = run(capsys, "decode", "15339", str(bad_id))
    assert (code, out, err) == (2, "", f"error: {expected.value}\n")


def test_decode_of_special_token_id_gives_its_text(capsys):
    code, out, _ = run(capsys, "decode", "100257")
    assert out == "<|endoftext|>"


# ---------------------------------------------------------------------------- count and compare


@pytest.mark.parametrize("name", ENCODINGS)
def test_count_prints_the_number_of_tokens(capsys, name):
    code, out, _ = run(capsys, "count", "-e", name, TEXT)
    assert out == f"{len(tokenizer.get_encoding(name).encode(TEXT))}\n"


def test_count_json_gives_encoding_tokens_and_characters(capsys):
    code, out, _ = run(capsys, "count", "--json", "-e", "gpt2", TEXT)
    expected = {"encoding": "r50k_base", "tokens": len(tokenizer.get_encoding("gpt2").encode(TEXT)), "characters": len(TEXT)}
    assert json.loads(out) == expected


def test_compare_shows_each_default_encoding_count_and_ratio_to_the_first(capsys):
    code, out, _ = run(capsys, "compare", TEXT)
    counts = [len(tokenizer.get_encoding(name).encode(TEXT)) for name in ENCODINGS]
    lines = out.splitlines()
    assert lines[0] == f"{len(TEXT)} characters, {len(TEXT.encode('utf-8'))} bytes"
    assert lines[1].split() == ["encoding", "model", "tokens", "chars/token", "vs", "GPT-2"]
    for line, name, label, count in zip(lines[2:], ENCODINGS, ["GPT-2", "GPT-4", "GPT-4o"], counts):
        assert line.split() == [name, label, str(count), f"{len(TEXT) / count:.2f}", f"{count / counts[0]:.2f}x"]
    assert len(lines) == 5


def test_compare_json_lists_ids_and_token_texts_with_tokens(capsys):
    code, out, _ = run(capsys, "compare", "--json", "--tokens", "-e", "gpt4,gpt2", "hello world")
    rows = json.loads(out)
    assert [(r["encoding"], r["ids"], r["token_texts"], r["ratio"]) for r in rows] == [
        ("cl100k_base", [15339, 1917], ["hello", " world"], 1.0),
        ("r50k_base", [31373, 995], ["hello", " world"], 1.0),
    ]


def test_compare_tokens_shows_how_each_encoding_cuts_the_text(capsys):
    text = "hi 世界"
    code, out, _ = run(capsys, "compare", "--tokens", "-e", "gpt2,gpt4o", text)
    expected = ""
    for name in ["r50k_base", "o200k_base"]:
        encoding = tokenizer.get_encoding(name)
        pieces = [piece.decode("utf-8", "backslashreplace") for piece in encoding.decode_tokens_bytes(encoding.encode(text))]
        expected += f"\n{name} ({len(pieces)} tokens):\n" + "\u2502".join(pieces) + "\n"
    assert out.endswith(expected)
    assert "\\xe4" in expected  # GPT-2 cuts a character in the middle: shown as escaped bytes


def test_compare_with_an_empty_list_of_encodings_is_an_error(capsys):
    code, out, err = run(capsys, "compare", "-e", " , ", "hi")
    assert (code, err) == (2, "error: Give at least one encoding to compare, e.g. -e gpt2,gpt4,gpt4o.\n")


def test_token_label_escapes_stray_bytes_and_control_whitespace():
    assert [cli.token_label(b) for b in [b" hi\n", b"\xe4\xb8", b"\t\r", "é".encode()]] == [" hi\\n", "\\xe4\\xb8", "\\t\\r", "é"]


# ---------------------------------------------------------------------------- help and usage


def test_help_lists_every_command():
    done = run_process("--help")
    assert done.returncode == 0
    listed = [line.split()[0] for line in done.stdout.decode().splitlines() if line.startswith("    ")]
    assert listed == ["encode", "decode", "count", "compare", "train"]


def test_no_command_is_a_usage_error(capsys):
    code, out, err = run(capsys)
    assert code == 2
    assert err.splitlines()[-1] == "python -m tokenizer: error: the following arguments are required: COMMAND"


# ---------------------------------------------------------------------------- train


def test_train_prints_the_same_merges_as_the_training_api(capsys):
    text = "low lower lowest newer wider " * 20
    code, out, err = run(capsys, "train", "--vocab-size", "262", "--pattern", "gpt2", "--show", "6", "-q", text)
    trained = tokenizer.train(text, 262, pattern="gpt2")
    shown = [line.split()[0] for line in out.splitlines() if line.startswith("     ")]
    assert (code, err) == (0, "")
    assert shown == [str(new) for new in trained.merges.values()]
    assert out.splitlines()[0].startswith(f"Trained 6 merges on {len(text.encode()):,} bytes in ")


def test_train_saves_a_model_that_encodes_like_the_training_api(capsys, tmp_path):
    text = "the cat sat on the mat; the cat ate the rat. " * 30
    prefix = tmp_path / "cats"
    code, out, _ = run(capsys, "train", "--vocab-size", "300", "-o", str(prefix), "-q", text)
    assert (code, sorted(p.name for p in tmp_path.iterdir())) == (0, ["cats.model", "cats.vocab"])
    code, out, _ = run(capsys, "encode", "-e", f"{prefix}.model", "the cat")
    assert out == " ".join(map(str, tokenizer.train(text, 300, pattern="gpt4").encode("the cat"))) + "\n"


@pytest.mark.parametrize("pattern, expected", [("none", None), ("gpt4o", tokenizer.PATTERNS["gpt4o"]), (r"\w+|\s+", r"\w+|\s+")])
def test_train_pattern_option_takes_names_none_and_custom_regexes(capsys, pattern, expected):
    text = "aaa bbb aaa bbb"
    code, out, _ = run(capsys, "train", "--vocab-size", "260", "--pattern", pattern, "--json", "-q", text)
    assert json.loads(out)["merges"] == len(tokenizer.train(text, 260, pattern=expected).merges)


def test_train_json_reports_merges_vocabulary_and_tokens(capsys):
    text = "hello hello"
    code, out, _ = run(capsys, "train", "--vocab-size", "300", "--special", "<|eot|>", "--json", "-q", text)
    summary = json.loads(out)
    trained = tokenizer.train(text, 300, special_tokens=["<|eot|>"])
    assert {k: summary[k] for k in ("merges", "vocab_size", "pattern", "tokens", "saved")} == {
        "merges": len(trained.merges),
        "vocab_size": trained.n_vocab,
        "pattern": "gpt4",
        "tokens": len(trained.encode_ordinary(text)),
        "saved": [],
    }


def test_train_shows_progress_on_stderr(capsys):
    code, out, err = run(capsys, "train", "--vocab-size", "264", "abcdefghijklmnop" * 10)
    assert err.splitlines()[-1] == "training: 8/8 merges (100%)"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--vocab-size", "100"], "vocab_size must be at least 256 (one token per byte); got 100."),
        (["--pattern", "(a"], "The split pattern is not a valid regular expression: missing ) at position 2"),
        (["-o", "/no/such/folder/model"], "Cannot save to '/no/such/folder/model': the folder '/no/such/folder' does not exist."),
    ],
)
def test_train_mistakes_exit_2_with_a_message(capsys, argv, message):
    code, out, err = run(capsys, "train", "-q", *argv, "some text")
    assert (code, out, err) == (2, "", f"error: {message}\n")


def test_missing_model_file_is_an_error(capsys, tmp_path):
    code, out, err = run(capsys, "encode", "-e", str(tmp_path / "none.model"), "hi")
    assert (code, err) == (2, f"error: No such model file: {str(tmp_path / 'none.model')!r}.\n")


def test_malformed_model_file_is_an_error_without_traceback(capsys, tmp_path):
    path = tmp_path / "broken.model"
    path.write_bytes(b"\x00\x01 not a model")
    code, out, err = run(capsys, "encode", "-e", str(path), "hi")
    assert code == 2
    assert err.startswith(f"error: Cannot load {str(path)!r}: ")
