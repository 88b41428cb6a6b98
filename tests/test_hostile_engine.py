"""Input meant to break the engine: odd and huge texts, bad ids, hostile files and patterns.

Each case ends in the right tokens or in an error that says what was wrong (a ValueError or
TypeError with a message), never a crash, a hang or a silently wrong answer. Texts are
compared with tiktoken where tiktoken copes (it crashes near a million whitespace characters,
see FACTS); beyond that, round trips and known token counts say the answer is right.
"""

from __future__ import annotations

import pickle
import re

import numpy as np
import pytest

import tokenizer
from tokenizer import PatternError, UnknownTokenError
from tokenizer.model_files import MAX_VOCABULARY_BYTES
from tokenizer.pretokenize import SplitPattern, replace_lone_surrogates

from tests.conftest import ENCODING_NAMES, tiktoken_reference

# ---------------------------------------------------------------------- texts

CONTROL_CHARACTERS = "".join(map(chr, [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]))

ODD_TEXTS = {
    "lone_surrogates": "\ud800 a\udfff b \udc00\ud800 c\ud83d",
    "surrogate_pair_as_code_units": "smile \ud83d\ude00 done",
    "nul_and_controls": f"a\x00b {CONTROL_CHARACTERS} c\x00\x00\n\x1b[31mred\x1b[0m",
    "format_characters": "zero\u200bwidth\u200c\u200d join\ufeffbom \u2028line\u2029para \u00ad soft",
    "zalgo": "Z" + "\u0301\u0310\u0334\u0353\u0489" * 60 + "a\u0300\u0301" * 30 + "l\u035cgo",
    "combining_run": "e" + "\u0301" * 5000,
    "right_to_left": "مَرْحَبًا بِالْعَالَمِ שָׁלוֹם עוֹלָם",
    "bidi_controls": "abc \u202eevil\u202c \u2066isolated\u2069 \u200fRLM\u200e",
    "mixed_scripts": "Hello مرحبا 123 שלום नमस्ते 你好 こんにちは 안녕 สวัสดี Ελληνικά Русский 👩🏽‍💻🇫🇷",
    "digits_100k": "1234567890" * 10_000,
    "one_digit_100k": "7" * 100_000,
    "unicode_digits": "٣٤٥٦" * 2_000 + "१२३" * 2_000,
    "private_use_and_noncharacters": "\ue000\uf8ff\U000f0000\U0010fffd\ufffe\uffff\U0001fffe",
    "all_planes": "".join(chr(plane * 0x10000 + 0x41) for plane in range(17)),
    "html_and_script": '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;&lt;',
    "special_token_look_alikes": "<|endoftext|<|endoftext<|endoftext|>x|> <|fim_prefix|><|endofprompt|>",
}


@pytest.mark.parametrize("text", ODD_TEXTS.values(), ids=ODD_TEXTS.keys())
def test_odd_text_encodes_as_tiktoken_and_round_trips(encoding_pair, text):
    ours, reference = encoding_pair
    ids = ours.encode_ordinary(text)
    assert ids == reference.encode_ordinary(text)
    assert ours.decode(ids) == replace_lone_surrogates(text)


@pytest.mark.parametrize("name", ENCODING_NAMES)
@pytest.mark.parametrize("text", ODD_TEXTS.values(), ids=ODD_TEXTS.keys())
def test_odd_text_traces_to_its_tokens(name, text):
    encoding = tokenizer.get_encoding(name)
    trace = encoding.trace(text)
    assert trace.state(len(trace)) == encoding.encode_ordinary(text)
    assert "".join(chunk for chunk, _ in encoding.pre_tokenize(text)) == replace_lone_surrogates(text)


def test_lone_surrogates_become_the_replacement_character():
    encoding = tokenizer.get_encoding("cl100k_base")
    assert encoding.decode(encoding.encode("a\ud800b")) == "a\ufffdb"
    assert encoding.encode("a\ud800b") == encoding.encode("a\ufffdb")


def test_surrogate_pair_written_as_code_units_is_one_character():
    encoding = tokenizer.get_encoding("cl100k_base")
    assert encoding.encode("\ud83d\ude00") == encoding.encode("😀")


# One character a million times: one huge chunk (letters), or runs of whitespace. tiktoken
# crashes on a million spaces, so these are checked by round trip and by their known counts.
MILLION_OF_ONE = [
    ("cl100k_base", "a", 125_000),  # "aaaaaaaa" is a token: eight letters each
    ("r50k_base", "\n", 500_000),  # "\n\n" is a token
    ("o200k_base", "\x00", 500_000),
]


@pytest.mark.parametrize("name, char, n_tokens", MILLION_OF_ONE, ids=[f"{n}-{c!r}" for n, c, _ in MILLION_OF_ONE])
def test_a_million_of_one_character_encodes_and_round_trips(name, char, n_tokens):
    encoding = tokenizer.get_encoding(name)
    text = char * 1_000_000
    ids = encoding.encode(text)
    assert len(ids) == n_tokens
    assert encoding.decode(ids) == text


def test_a_million_spaces_then_a_letter_does_not_crash():
    encoding = tokenizer.get_encoding("cl100k_base")
    text = " " * 1_000_000 + "x"
    ids = encoding.encode(text)
    assert encoding.decode(ids) == text
    assert len(ids) == 7_814  # 128 spaces a token, then 63 spaces, then " x"
    assert encoding.decode(ids[-1:]) == " x"


LONG_RUNS = {"letters": "a" * 100_000, "spaces": " " * 100_000 + "x", "han": "中" * 100_000, "punctuation": "!" * 100_000}


@pytest.mark.parametrize("text", LONG_RUNS.values(), ids=LONG_RUNS.keys())
def test_long_runs_of_one_character_equal_tiktoken(text):
    ours = tokenizer.get_encoding("cl100k_base")
    assert ours.encode_ordinary(text) == tiktoken_reference("cl100k_base").encode_ordinary(text)


def test_ten_megabytes_of_text_encode_as_tiktoken_and_round_trip():
    from benchmarks.corpora import load_text

    text = (load_text("many_scripts") * 10)[:10_000_000]
    encoding = tokenizer.get_encoding("cl100k_base")
    ids = encoding.encode(text)
    assert ids == tiktoken_reference("cl100k_base").encode(text)
    assert encoding.decode(ids) == text


# ---------------------------------------------------------------------- special tokens

SPECIAL_TEXT = "a<|endoftext|>b<|fim_prefix|>c<|endofprompt|>"


def test_special_token_text_without_permission_raises_naming_it():
    with pytest.raises(ValueError, match="disallowed special token '<\\|endoftext\\|>'"):
        tokenizer.get_encoding("cl100k_base").encode(SPECIAL_TEXT)


def test_special_token_text_with_permission_becomes_special_ids(encoding_pair):
    ours, reference = encoding_pair
    ids = ours.encode(SPECIAL_TEXT, allowed_special="all")
    assert ids == reference.encode(SPECIAL_TEXT, allowed_special="all")
    assert ours.eot_token in ids


def test_special_token_text_as_ordinary_text_has_no_special_ids(encoding_pair):
    ours, reference = encoding_pair
    ids = ours.encode(SPECIAL_TEXT, disallowed_special=())
    assert ids == ours.encode_ordinary(SPECIAL_TEXT) == reference.encode_ordinary(SPECIAL_TEXT)
    assert not any(ours.is_special_token(token) for token in ids)
    assert ours.decode(ids) == SPECIAL_TEXT


def test_special_token_permission_for_one_token_only():
    encoding = tokenizer.get_encoding("cl100k_base")
    with pytest.raises(ValueError, match="<\\|fim_prefix\\|>"):
        encoding.encode(SPECIAL_TEXT, allowed_special={"<|endoftext|>"})


def test_special_token_broken_by_a_surrogate_is_ordinary_text():
    encoding = tokenizer.get_encoding("cl100k_base")
    text = "<|endof\ud800text|>"
    assert encoding.encode(text) == encoding.encode_ordinary("<|endof\ufffdtext|>")


def test_special_token_policy_given_as_a_string_is_refused_with_the_fix():
    with pytest.raises(ValueError, match="not a string: write \\{'<\\|endoftext\\|>'\\}"):
        tokenizer.get_encoding("gpt2").encode("<|endoftext|>", allowed_special="<|endoftext|>")


@pytest.mark.parametrize("text", [None, b"bytes", 42, ["a list"]])
def test_text_that_is_not_a_string_raises_type_error(text):
    encoding = tokenizer.get_encoding("gpt2")
    for call in (encoding.encode, encoding.encode_ordinary, encoding.trace, encoding.pre_tokenize):
        with pytest.raises(TypeError, match="must be a string; got"):
            call(text)


# ---------------------------------------------------------------------- ids to decode

CL100K_UNUSED = [100256, *range(100261, 100276)]


@pytest.mark.parametrize(
    "bad_id, message",
    [
        (-1, "Token id -1 is out of range for cl100k_base: ids go from 0 to 100276."),
        (-(10**30), "is out of range"),
        (100277, "Token id 100277 is out of range"),
        (2**64, "is out of range"),
        *((unused, f"Token id {unused} is not used by cl100k_base") for unused in CL100K_UNUSED),
    ],
)
def test_unknown_id_raises_a_key_and_value_error_naming_it(bad_id, message):
    encoding = tokenizer.get_encoding("cl100k_base")
    for call in (encoding.decode, encoding.decode_bytes, encoding.decode_tokens_bytes, encoding.decode_with_offsets):
        with pytest.raises(UnknownTokenError, match=re.escape(message)) as error:
            call([15339, bad_id])
        assert isinstance(error.value, KeyError) and isinstance(error.value, ValueError)


def test_unused_ids_are_exactly_those_tiktoken_lacks():
    reference = tiktoken_reference("cl100k_base")
    encoding = tokenizer.get_encoding("cl100k_base")
    unknown = []
    for token in range(encoding.n_vocab):
        try:
            encoding.decode_single_token_bytes(token)
        except UnknownTokenError:
            unknown.append(token)
            with pytest.raises(KeyError):
                reference.decode_single_token_bytes(token)
    assert unknown == CL100K_UNUSED


@pytest.mark.parametrize("bad_id", [1.0, 1.5, "1", "x", None, [1], b"1", np.float64(3.0), complex(1, 0)])
def test_non_integer_ids_are_refused_even_if_they_equal_an_id(bad_id):
    encoding = tokenizer.get_encoding("cl100k_base")
    for call in (encoding.decode, encoding.decode_bytes, encoding.decode_tokens_bytes):
        with pytest.raises(UnknownTokenError, match="Token ids are integers; got"):
            call([15339, bad_id])


def test_numpy_arrays_of_ids_decode_and_float_arrays_do_not():
    encoding = tokenizer.get_encoding("cl100k_base")
    assert encoding.decode(np.array([15339, 1917], dtype=np.uint32)) == "hello world"
    with pytest.raises(UnknownTokenError, match="integers"):
        encoding.decode(np.array([15339.0, 1917.0]))


def test_a_million_ids_decode():
    encoding = tokenizer.get_encoding("cl100k_base")
    assert encoding.decode([15339, 1917] * 500_000) == "hello world" * 500_000


def test_a_million_ids_with_one_bad_id_at_the_end_name_it():
    encoding = tokenizer.get_encoding("cl100k_base")
    with pytest.raises(UnknownTokenError, match="Token id 100256 is not used"):
        encoding.decode([15339] * 1_000_000 + [100256])


def test_ids_cutting_a_character_in_half():
    encoding = tokenizer.get_encoding("cl100k_base")
    ids = encoding.encode("😀")
    assert len(ids) > 1
    assert encoding.decode(ids[:1]) == "\ufffd"
    assert encoding.decode_bytes(ids[:1]) == "😀".encode()[: len(encoding.decode_bytes(ids[:1]))]
    assert b"".join(encoding.decode_tokens_bytes(ids)) == "😀".encode()
    with pytest.raises(UnicodeDecodeError):
        encoding.decode(ids[:1], errors="strict")
    with pytest.raises(UnicodeDecodeError):
        encoding.decode_with_offsets(ids[:1])


def test_ids_cutting_characters_decode_as_tiktoken(encoding_pair):
    ours, reference = encoding_pair
    ids = ours.encode("日本語 😀 👩‍👩‍👧")
    for start in range(len(ids)):
        piece = ids[start : start + 2]
        assert ours.decode(piece) == reference.decode(piece)
        assert ours.decode_bytes(piece) == reference.decode_bytes(piece)


# ---------------------------------------------------------------------- model files

GOOD_MODEL = tokenizer.train("hello hello world, hello there", 270, pattern="gpt4").model_text()


def loads_or_refuses(content) -> tokenizer.Tokenizer | None:
    """The tokenizer a file's contents load as, or None if they are refused with a ValueError."""
    try:
        return tokenizer.load_model_text(content)
    except ValueError as exc:
        assert str(exc)
        return None


def test_every_truncation_of_a_model_file_loads_or_is_refused():
    data = GOOD_MODEL.encode()
    for end in range(len(data) + 1):
        loaded = loads_or_refuses(data[:end])
        if loaded is not None:
            # A cut inside the last line may leave a shorter, valid id ("104 1"): the lines before are intact.
            merges = list(loaded.merges)[:-1]
            assert merges == list(tokenizer.load_model_text(GOOD_MODEL).merges)[: len(merges)]


def test_every_single_byte_corruption_of_a_model_file_loads_or_is_refused():
    data = bytearray(GOOD_MODEL.encode())
    for at in range(len(data)):
        for value in (0x00, 0x0A, 0x20, 0x31, 0xFF):
            corrupted = bytearray(data)
            corrupted[at] = value
            loads_or_refuses(bytes(corrupted))


def test_merges_that_double_a_token_each_line_are_refused_before_building_it():
    lines = ["97 97"] + [f"{256 + i} {256 + i}" for i in range(60)]  # a token of 2**61 bytes
    with pytest.raises(ValueError, match=f"files describing over {MAX_VOCABULARY_BYTES:,} bytes of tokens are refused"):
        tokenizer.load_model_text("minbpe v1\n\n0\n" + "\n".join(lines) + "\n")


def test_a_long_chain_of_merges_is_refused_naming_the_line():
    lines = ["97 97"] + [f"{256 + i} 97" for i in range(20_000)]  # tokens of 2, 3, 4, ... bytes
    with pytest.raises(ValueError, match=r"^Line 10002: with the merge '10253 97' \(a token of 10,000 bytes\)"):
        tokenizer.load_model_text("minbpe v1\n\n0\n" + "\n".join(lines) + "\n")


UNPICKLED = []


def record_unpickling():
    UNPICKLED.append(True)


class Booby:
    """An object whose unpickling would be recorded in UNPICKLED."""

    def __reduce__(self):
        return (record_unpickling, ())


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickles_of_every_protocol_are_refused_and_never_run(protocol, tmp_path):
    data = pickle.dumps(Booby(), protocol=protocol)
    with pytest.raises(ValueError, match="pickle|not UTF-8|binary data|Line 1 should be"):
        tokenizer.load_model_text(data)
    path = tmp_path / "evil.model"
    path.write_bytes(data)
    with pytest.raises(ValueError):
        tokenizer.load(path)
    assert UNPICKLED == []


@pytest.mark.parametrize(
    "content, message",
    [
        ("\ufeffminbpe v1\n\n0\n".encode("utf-16"), "not UTF-8"),
        (b"\x1f\x8b\x08\x00" + bytes(range(200)), "not UTF-8"),  # gzip
        (b"PK\x03\x04" + b"\x00" * 30, "NUL character"),  # zip
        ("minbpe v1\n\n0\n" + "1" * 1_000_000 + " 2\n", "should be a whole number, but it is '111"),
        ("minbpe v1\n" + "x" * 5_000 + "\n0\n", "the split pattern, is refused: The split pattern is 5000 characters long"),
        ("minbpe v1\n((a{1000}){1000}){1000}\n0\n", "the split pattern, is refused: The split pattern's repeat counts are too large"),
        ("minbpe v1\n(?x)a{1 000 000 000}\n0\n", "the split pattern, is refused: The split pattern turns on verbose mode"),
        ("minbpe v1\n\n1\n<|end|> 1" + "0" * 12 + "\n", "should be a whole number"),
    ],
)
def test_hostile_model_file_is_refused_with_a_message(content, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        tokenizer.load_model_text(content)


def test_nul_characters_refuse_to_be_saved_since_they_could_not_be_loaded():
    with pytest.raises(ValueError, match="Special token '<\\\\x00>' contains a NUL character"):
        tokenizer.train("hello", 260, special_tokens=["<\x00>"]).model_text()
    with pytest.raises(ValueError, match="split pattern contains a NUL character"):
        tokenizer.train("hello", 260, pattern="\x00|\\w+").model_text()


def test_lone_surrogates_in_special_tokens_and_patterns_are_refused():
    with pytest.raises(ValueError, match="contains a lone surrogate"):
        tokenizer.train("hello", 260, special_tokens=["<\ud800>"])
    with pytest.raises(PatternError, match="contains a lone surrogate"):
        tokenizer.train("hello", 260, pattern="\ud800|\\w+")


def test_model_file_with_html_in_its_special_token_loads_as_plain_text():
    tok = tokenizer.load_model_text("minbpe v1\n\n1\n<script>alert(1)</script> 256\n")
    assert tok.encode("x<script>alert(1)</script>", allowed_special="all") == [120, 256]


def test_model_file_with_a_catastrophic_pattern_loads_and_fails_clearly_on_text():
    tok = tokenizer.load_model_text("minbpe v1\n(a|aa)+$\n0\n97 97\n")
    assert tok.encode("aab") == [256, 98]
    with pytest.raises(PatternError, match="took too long"):
        tok.encode("a" * 40 + "b")


# ---------------------------------------------------------------------- split patterns


def pattern_apis(pattern: str):
    """Every way a user's split pattern reaches the engine."""
    return {
        "SplitPattern": lambda: SplitPattern(pattern),
        "train": lambda: tokenizer.train("hello world", 260, pattern=pattern),
        "Tokenizer": lambda: tokenizer.Tokenizer({}, pattern),
        "model file": lambda: tokenizer.load_model_text(f"minbpe v1\n{pattern}\n0\n"),
    }


@pytest.mark.parametrize(
    "pattern, message",
    [
        ("(", "not a valid regular expression: missing )"),
        ("[a-", "not a valid regular expression"),
        ("a**", "not a valid regular expression: multiple repeat"),
        ("\\", "not a valid regular expression: bad escape"),
        ("\\p{NoSuchProperty}", "not a valid regular expression: unknown property"),
        ("(?<name>a)(?P=other)", "not a valid regular expression"),
        ("a{1000000000}", "repeats something 1000000000 times"),
        ("a{,1000000000}", "repeats something 1000000000 times"),
        ("(?:a{300}){300}", "repeat counts are too large together"),
        ("((a{1000}){1000}){1000}", "repeat counts are too large together"),
        ("(?x)(?:a{1 000}){1 000}", "turns on verbose mode"),
        ("(?ix-s:a)", "turns on verbose mode"),
        ("(?R)", "calls itself or one of its groups"),
        ("(a|(?1))", "calls itself or one of its groups"),
        ("(?<w>a|(?&w))", "calls itself or one of its groups"),
        ("(?P<w>a|(?P>w))", "calls itself or one of its groups"),
        ("(a)(?-1)", "calls itself or one of its groups"),
        ("a" * 2_001, "2001 characters long; the limit is 2000"),
    ],
)
def test_bad_pattern_is_refused_with_the_reason_by_every_api(pattern, message):
    for api, call in pattern_apis(pattern).items():
        with pytest.raises(ValueError, match=re.escape(message)):
            call()
            pytest.fail(f"{api} accepted the pattern")


@pytest.mark.parametrize("pattern", [4, b"\\w+", ["\\w+"]])
def test_pattern_of_another_type_is_refused(pattern):
    with pytest.raises(ValueError, match="pattern must be one of"):
        tokenizer.train("hello", 300, pattern=pattern)


def test_empty_pattern_is_refused_with_a_hint():
    with pytest.raises(PatternError, match="empty: give a regular expression, or no pattern at all"):
        SplitPattern("")


def test_catastrophic_backtracking_fails_with_a_clear_error():
    with pytest.raises(PatternError, match=r"took too long on a text of 41 characters \(catastrophic backtracking\?\)"):
        tokenizer.train("a" * 40 + "b", 300, pattern=r"(a|aa)+$")


def test_nested_repeat_on_a_long_text_fails_with_a_clear_error():
    # `(a+)+$` is quick on one short match, but tried at each of 100,000 positions it runs out of time.
    with pytest.raises(PatternError, match="took too long on a text of 100,001 characters"):
        SplitPattern(r"(a+)+$").chunks("a" * 100_000 + "b")


def test_pattern_time_limit_is_at_most_five_seconds_for_short_texts():
    assert SplitPattern(r"(a+)+$")._timeout("a" * 100_001) <= 5


EMPTY_MATCHING = ["a*", "x?", "(?=a)", "\\b", "^", "$", "(?:)", "|", "(?<=a)"]
TEXT = "aab ab, bab\n\tb aa 😀 é"


@pytest.mark.parametrize("pattern", EMPTY_MATCHING)
def test_pattern_matching_the_empty_string_keeps_every_character(pattern):
    assert "".join(SplitPattern(pattern).chunks(TEXT)) == TEXT
    assert all(SplitPattern(pattern).chunks(TEXT))


@pytest.mark.parametrize("pattern", EMPTY_MATCHING)
def test_tokenizer_with_an_empty_matching_pattern_trains_and_round_trips(pattern):
    tok = tokenizer.train(TEXT * 3, 300, pattern=pattern)
    ids = tok.encode(TEXT)
    assert tok.decode(ids) == TEXT
    trace = tok.trace(TEXT)
    assert trace.state(len(trace)) == ids
    assert tokenizer.load_model_text(tok.model_text()).encode(TEXT) == ids
