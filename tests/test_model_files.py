"""A trained tokenizer's files: minbpe's .model and .vocab, tiktoken's .tiktoken, and strict loading."""

from __future__ import annotations

import pickle
import re

import pytest

import tokenizer
from tokenizer.model_files import MAX_MODEL_FILE_BYTES
from tokenizer.registry import PATTERNS
from tokenizer.vocab_files import parse_tiktoken_ranks

TEXT = (
    "The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs away!\n"
    "Numbers: 12345, 2024-06-01. Code: def f(x): return x * 2\n"
    "Unicode: héllo wörld, 안녕하세요, 日本語, 😀😀 👩‍👩‍👧.\n"
) * 8
SAMPLES = [TEXT, "a completely different text, with <|end|> inside", "", "😀", "\n\n\t  spaces  "]


@pytest.fixture(scope="module")
def trained():
    return tokenizer.train(TEXT, 400, pattern="gpt4", special_tokens=["<|end|>", "<|pad|>"])


def model_lines(tok) -> list[str]:
    """The lines a .model file of `tok` should have, by the format's definition."""
    specials = [f"{token} {token_id}" for token, token_id in tok.special_tokens.items()]
    merges = [f"{left} {right}" for left, right in tok.merges]
    return ["minbpe v1", tok.pattern or "", str(len(specials))] + specials + merges


# ---------------------------------------------------------------------- writing


def test_model_text_is_minbpes_format(trained):
    assert trained.model_text() == "\n".join(model_lines(trained)) + "\n"


def test_model_text_without_pattern_has_an_empty_second_line():
    tok = tokenizer.train("hello hello", 260, pattern=None)
    assert tok.model_text().split("\n")[:3] == ["minbpe v1", "", "0"]


def test_save_writes_the_model_and_vocab_files(trained, tmp_path):
    trained.save(tmp_path / "mine")
    assert (tmp_path / "mine.model").read_bytes() == trained.model_text().encode()
    assert (tmp_path / "mine.vocab").read_bytes() == trained.vocab_text().encode()


def test_save_accepts_a_string_prefix(trained, tmp_path):
    trained.save(str(tmp_path / "mine"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.model", "mine.vocab"]


def test_vocab_text_shows_bytes_merges_and_special_tokens():
    tok = tokenizer.Tokenizer({(104, 105): 256, (256, 10): 257}, None, special_tokens={"<|end|>": 300})
    lines = tok.vocab_text().split("\n")
    assert lines[104] == "[h] 104"
    assert lines[256:259] == ["[h][i] -> [hi] 256", "[hi][\\u000a] -> [hi\\u000a] 257", "[<|end|>] 300"]
    assert len(lines) == 260 and lines[-1] == ""


def test_vocab_text_shows_invalid_utf8_as_replacement_characters():
    tok = tokenizer.Tokenizer({(0xE4, 0xB8): 256}, None)
    assert tok.vocab_text().split("\n")[0xE4] == "[\ufffd] 228"
    assert tok.vocab_text().split("\n")[256] == "[\ufffd][\ufffd] -> [\ufffd] 256"


def test_pattern_with_a_line_break_refuses_to_save():
    tok = tokenizer.Tokenizer({}, "a\nb|.")
    with pytest.raises(ValueError, match="contains a line break"):
        tok.model_text()


def test_special_token_with_a_space_refuses_to_save():
    tok = tokenizer.Tokenizer({}, None, special_tokens={"end of text": 300})
    with pytest.raises(ValueError, match="contains whitespace"):
        tok.model_text()


def test_tiktoken_text_ranks_every_ordinary_token_by_id(trained):
    ranks = parse_tiktoken_ranks(trained.tiktoken_text().encode())
    assert ranks == {token: token_id for token_id, token in trained.token_items()}


def test_tiktoken_reads_the_exported_file(trained):
    import tiktoken

    reference = tiktoken.Encoding(
        "reference-trained",
        pat_str=trained.pattern,
        mergeable_ranks=parse_tiktoken_ranks(trained.tiktoken_text().encode()),
        special_tokens=trained.special_tokens,
    )
    ids = trained.encode(TEXT + "<|end|>", allowed_special="all")
    assert reference.decode(ids) == TEXT + "<|end|>"


def test_save_tiktoken_writes_the_tiktoken_text(trained, tmp_path):
    trained.save_tiktoken(tmp_path / "mine.tiktoken")
    assert (tmp_path / "mine.tiktoken").read_text() == trained.tiktoken_text()


def test_tiktoken_export_refuses_duplicate_byte_strings():
    # "abc" made twice: (ab)c and a(bc).
    tok = tokenizer.Tokenizer({(97, 98): 256, (256, 99): 257, (98, 99): 258, (97, 258): 259}, None)
    with pytest.raises(ValueError, match="Tokens 257 and 259 are both b'abc'.*duplicate byte strings"):
        tok.tiktoken_text()


# ---------------------------------------------------------------------- reading back


@pytest.mark.parametrize("pattern", [None, "gpt2", "gpt4", "gpt4o", r"\w+|[^\w]"])
def test_save_then_load_gives_identical_encodings(pattern, tmp_path):
    tok = tokenizer.train(TEXT, 420, pattern=pattern, special_tokens={"<|end|>": 5000})
    tok.save(tmp_path / "tok")
    loaded = tokenizer.load(tmp_path / "tok.model")
    assert (loaded.merges, loaded.pattern, loaded.special_tokens) == (tok.merges, tok.pattern, tok.special_tokens)
    for text in SAMPLES:
        assert loaded.encode(text, allowed_special="all") == tok.encode(text, allowed_special="all")


def test_loaded_tokenizer_is_named_after_its_file(trained, tmp_path):
    trained.save(tmp_path / "shakespeare")
    assert tokenizer.load(tmp_path / "shakespeare.model").name == "shakespeare"


def test_loaded_tokenizer_has_no_merge_counts(trained):
    assert tokenizer.load_model_text(trained.model_text()).merge_counts == []


def test_load_model_text_accepts_bytes(trained):
    assert tokenizer.load_model_text(trained.model_text().encode()).merges == trained.merges


def test_file_in_minbpes_exact_format_loads(tmp_path):
    # As minbpe's RegexTokenizer.save writes it: GPT-4's pattern, one special token, merges.
    (tmp_path / "minbpe.model").write_text(
        f"minbpe v1\n{PATTERNS['gpt4']}\n1\n<|endoftext|> 100257\n104 101\n108 108\n256 257\n32 119\n"
    )
    tok = tokenizer.load(tmp_path / "minbpe.model")
    assert tok.merges == {(104, 101): 256, (108, 108): 257, (256, 257): 258, (32, 119): 259}
    assert (tok.pattern_name, tok.special_tokens) == ("gpt4", {"<|endoftext|>": 100257})
    assert tok.encode("hello world<|endoftext|>", allowed_special="all") == [258, 111, 259, 111, 114, 108, 100, 100257]


def test_file_of_minbpes_basic_tokenizer_loads_without_pattern():
    tok = tokenizer.load_model_text("minbpe v1\n\n0\n97 97\n")
    assert (tok.pattern, tok.encode("aa a")) == (None, [256, 32, 97])


def test_file_with_windows_line_endings_loads(trained):
    windows = trained.model_text().replace("\n", "\r\n")
    assert tokenizer.load_model_text(windows).merges == trained.merges


# ---------------------------------------------------------------------- refusing bad files

GOOD_HEAD = "minbpe v1\n\n1\n<|end|> 300\n"


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "The file ends after line 0, but line 1 should be the header"),
        ("minbpe v2\n\n0\n", "Line 1 should be 'minbpe v1'"),
        ("\ufeffminbpe v1\n\n0\n", "Line 1 should be 'minbpe v1'"),
        ("minbpe v1\n", "ends after line 1, but line 2 should be the split pattern"),
        ("minbpe v1\n\n", "ends after line 2, but line 3 should be the number of special tokens"),
        ("minbpe v1\n\nthree\n", "Line 3: the number of special tokens should be a whole number"),
        ("minbpe v1\n\n2\n<|end|> 300\n", "ends after line 4, but line 5 should be one of the 2 special tokens"),
        ("minbpe v1\n\n1\n<|end|>\n", "Line 4 should be 'token id'"),
        ("minbpe v1\n\n1\n<|end|> 3 00\n", "Line 4 should be 'token id'"),
        ("minbpe v1\n\n1\n<|end|> x\n", "Line 4: the id of special token '<|end|>' should be a whole number"),
        ("minbpe v1\n\n1\n<|end|> -300\n", "Line 4: the id of special token '<|end|>' is negative"),
        ("minbpe v1\n\n1\n<|e\tnd|> 300\n", "Line 4: special token '<|e\\tnd|>' contains whitespace"),
        ("minbpe v1\n\n2\n<|end|> 300\n<|end|> 301\n", "Line 5: special token '<|end|>' was already given on line 4"),
        ("minbpe v1\n\n2\n<|end|> 300\n<|pad|> 300\n", "Line 5: .* has id 300, already used by the special token on line 4"),
        (GOOD_HEAD + "97\n", "Line 5 should be 'left right'"),
        (GOOD_HEAD + "97 98 99\n", "Line 5 should be 'left right'"),
        (GOOD_HEAD + "97 98\n\n", "Line 6 should be 'left right'"),
        (GOOD_HEAD + "97 b\n", "Line 5: a merged token id should be a whole number, but it is 'b'"),
        (GOOD_HEAD + "97 9.5\n", "Line 5: a merged token id should be a whole number"),
        (GOOD_HEAD + "97 \u0663\n", "Line 5: a merged token id should be a whole number"),
        (GOOD_HEAD + "97 98 \n", "Line 5 should be 'left right'"),
        (GOOD_HEAD + "-1 98\n", "Line 5: a merged token id is negative"),
        (GOOD_HEAD + "97 256\n", "Line 5: the merge '97 256' names id 256, which does not exist yet"),
        (GOOD_HEAD + "97 98\n256 300\n", "Line 6: .* names id 300, which does not exist yet"),
        (GOOD_HEAD + "97 98\n99 100\n97 98\n", "Line 7: the merge '97 98' was already given on line 5"),
        ("minbpe v1\n\n1\n<|end|> 257\n97 98\n98 99\n", "Line 4: special token '<|end|>' has id 257, which is already the id of a merge"),
        ("minbpe v1\n\n1\n<|end|> 65\n", "Line 4: special token '<|end|>' has id 65, which is already the id of a byte"),
        ("minbpe v1\n(ab\n0\n", "Line 2, the split pattern, is refused: .*not a valid regular expression"),
        ("minbpe v1\na{1000000000}\n0\n", "Line 2, the split pattern, is refused: .*repeats something 1000000000 times"),
        ("minbpe v1\n\n0\n97 98\r99 100\n", "Line 4 contains a carriage return in the middle"),
        ("minbpe v1\n\n0\n97 98\n\x00\x01\x02\n", "Line 5 contains a NUL character: this is binary data"),
        (b"minbpe v1\n\n0\n97 \xff\xfe\n", "Line 4 is not UTF-8 text"),
        (bytes(range(256)) * 4, "Line 2 is not UTF-8 text (byte 128)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Line 1 is not UTF-8 text"),
        (123, "contents are text or bytes"),
    ],
)
def test_malformed_model_file_raises_value_error_naming_the_line(content, message):
    # `message` is literal text, with ".*" standing for any text.
    with pytest.raises(ValueError, match=".*".join(map(re.escape, message.split(".*")))):
        tokenizer.load_model_text(content)


def test_huge_number_of_special_tokens_with_too_few_lines_raises():
    with pytest.raises(ValueError, match="ends after line 3, but line 4 should be one of the 999999999999 special tokens"):
        tokenizer.load_model_text("minbpe v1\n\n999999999999\n")


UNPICKLED = []


def record_unpickling():
    UNPICKLED.append(True)
    return "unpickled"


class Booby:
    """An object whose unpickling would be recorded in UNPICKLED."""

    def __reduce__(self):
        return (record_unpickling, ())


def test_pickle_is_refused_and_never_unpickled(tmp_path):
    path = tmp_path / "evil.model"
    path.write_bytes(pickle.dumps(Booby()))
    with pytest.raises(ValueError, match="This is a Python pickle.*never loaded"):
        tokenizer.load(path)
    assert UNPICKLED == []


def test_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "huge.model"
    path.write_bytes(b"minbpe v1\n\n0\n" + b"97 98\n" * (MAX_MODEL_FILE_BYTES // 6 + 1))
    with pytest.raises(ValueError, match="bytes; .model files over 20,000,000 bytes are refused"):
        tokenizer.load(path)


def test_text_over_the_size_limit_is_refused():
    with pytest.raises(ValueError, match="are refused"):
        tokenizer.load_model_text("x" * (MAX_MODEL_FILE_BYTES + 1))


def test_loading_a_vocab_file_says_to_load_the_model_file(trained, tmp_path):
    trained.save(tmp_path / "mine")
    with pytest.raises(ValueError, match="load the .model file saved next to it"):
        tokenizer.load(tmp_path / "mine.vocab")
