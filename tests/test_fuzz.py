"""Property tests (hypothesis): the engine's promises, for any input.

- for any string, `decode(encode(x)) == x` after tiktoken's surrogate rule;
- the engine gives tiktoken's ids on arbitrary Unicode, for every encoding;
- a trace's last state is `encode_ordinary(x)`, and every state holds the text's bytes;
- a tokenizer trained on any text round-trips that text (and any other);
- saving and loading a tokenizer gives the same tokenizer;
- any bytes given as a `.model` file load or are refused with a ValueError;
- any split pattern compiles and covers the text, or is refused with a PatternError;
- any list of integers decodes or is refused with UnknownTokenError.

The default run tries `FUZZ_EXAMPLES` (150) examples per property, which keeps it to well under
a minute. For a long run, raise it: `FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py`.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import tokenizer
from tokenizer import PatternError, UnknownTokenError
from tokenizer.pretokenize import SplitPattern, replace_lone_surrogates

from tests.conftest import ENCODING_NAMES, tiktoken_reference

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))

fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

_references: dict = {}


def reference(name: str):
    """tiktoken's encoding `name` (built offline), made once."""
    if name not in _references:
        _references[name] = tiktoken_reference(name)
    return _references[name]


# ---------------------------------------------------------------------- strategies

# Pieces that steer the split patterns into their corners: contractions, digit runs, whitespace
# before letters, CRLF, ZWJ emoji, combining marks, special-token look-alikes.
PIECES = [" ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u3000", "'s", "'LL", "’re", "word", "Word", "WORD",
          "1", "123", "4567", "!!", "...", "/", "é", "e\u0301", "ß", "ǅ", "😀", "👩‍💻", "🇫🇷", "中文", "한국",
          "مرحبا", "\u202e", "\x00", "\x1b", "<|endoftext|>", "<|fim_prefix|>", "\ud800", "\udfff"]

runs = st.builds(lambda char, count: char * count, st.sampled_from([" ", "\n", "a", "1", "!", "😀", "\t", "é", "\u0301"]), st.integers(1, 400))
shaped_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6), runs), max_size=30).map("".join)
any_text = st.one_of(st.text(max_size=200), shaped_text)
utf8_text = st.one_of(st.text(st.characters(codec="utf-8"), max_size=200), shaped_text.map(replace_lone_surrogates))
encoding_names = st.sampled_from(ENCODING_NAMES)


# ---------------------------------------------------------------------- encodings


@fuzz
@given(text=any_text, name=encoding_names)
def test_decode_of_encode_is_the_text_after_the_surrogate_rule(text, name):
    encoding = tokenizer.get_encoding(name)
    assert encoding.decode(encoding.encode(text, disallowed_special=())) == replace_lone_surrogates(text)
    assert encoding.decode(encoding.encode(text, allowed_special="all")) == replace_lone_surrogates(text)


@fuzz
@given(text=utf8_text, name=encoding_names)
def test_ids_equal_tiktoken_on_arbitrary_unicode(text, name):
    ours, theirs = tokenizer.get_encoding(name), reference(name)
    assert ours.encode_ordinary(text) == theirs.encode_ordinary(text)
    assert ours.encode(text, allowed_special="all") == theirs.encode(text, allowed_special="all")


@fuzz
@given(text=any_text, name=encoding_names)
def test_special_policy_equals_tiktoken_on_any_string(text, name):
    ours, theirs = tokenizer.get_encoding(name), reference(name)
    try:
        expected = theirs.encode(text)
    except ValueError as exc:
        with pytest.raises(ValueError, match="disallowed special token"):
            ours.encode(text)
        assert "disallowed special token" in str(exc)
    else:
        assert ours.encode(text) == expected


@fuzz
@given(text=any_text, name=encoding_names, data=st.data())
def test_trace_ends_at_encode_ordinary_and_every_state_holds_the_text(text, name, data):
    encoding = tokenizer.get_encoding(name)
    trace = encoding.trace(text)
    assert trace.state(len(trace.steps)) == encoding.encode_ordinary(text)
    k = data.draw(st.integers(0, len(trace)), label="k")
    ids, starts = trace.state_with_positions(k)
    assert b"".join(encoding.decode_tokens_bytes(ids)) == replace_lone_surrogates(text).encode()
    assert len(ids) == len(trace.data) - k
    if k < len(trace):
        step = trace.step(k)
        after = trace.state(k + 1)
        at = starts.index(step.position)
        assert ids[at : at + 2] == [step.left, step.right]
        assert after == ids[:at] + [step.new] + ids[at + 2 :]


@fuzz
@given(ids=st.lists(st.integers(-5, 200_010), max_size=50), name=encoding_names)
def test_any_integers_decode_as_tiktoken_or_are_refused(ids, name):
    ours, theirs = tokenizer.get_encoding(name), reference(name)
    try:
        expected = theirs.decode_bytes(ids)
    except (KeyError, ValueError, OverflowError):
        with pytest.raises(UnknownTokenError):
            ours.decode_bytes(ids)
    else:
        assert ours.decode_bytes(ids) == expected
        assert ours.decode(ids) == theirs.decode(ids)


# ---------------------------------------------------------------------- training and files

patterns = st.sampled_from([None, "gpt2", "gpt4", "gpt4o", r"\w+|\s+|.", r"a*", r"(?=\s)", r"[\p{L}\p{M}]+|\p{N}{1,2}"])
# What a .model file can hold: no whitespace (tokens are written `token id`) and no NUL.
special_token = st.text(min_size=1, max_size=12).filter(lambda token: not any(c.isspace() or c == "\x00" for c in token))
special_tokens = st.lists(special_token, max_size=3, unique=True).map(lambda tokens: [replace_lone_surrogates(t) for t in tokens])


@fuzz
@given(text=any_text, other=any_text, vocab_size=st.integers(256, 420), pattern=patterns)
def test_trained_tokenizer_round_trips_its_text_and_any_other(text, other, vocab_size, pattern):
    tok = tokenizer.train(text, vocab_size, pattern=pattern)
    for sample in (text, other):
        ids = tok.encode(sample, disallowed_special=())
        assert tok.decode(ids) == replace_lone_surrogates(sample)
        assert all(0 <= token < vocab_size for token in ids)


@fuzz
@given(text=any_text, vocab_size=st.integers(256, 400), pattern=patterns, specials=special_tokens, probe=any_text)
def test_saved_then_loaded_tokenizer_is_the_same(text, vocab_size, pattern, specials, probe):
    assume(len(set(specials)) == len(specials))
    tok = tokenizer.train(text, vocab_size, pattern=pattern, special_tokens=specials)
    loaded = tokenizer.load_model_text(tok.model_text().encode("utf-8"))
    assert (loaded.merges, loaded.special_tokens, loaded.pattern) == (tok.merges, tok.special_tokens, tok.pattern)
    assert loaded.vocab == tok.vocab
    for sample in (text, probe, "".join(specials)):
        assert loaded.encode(sample, allowed_special="all") == tok.encode(sample, allowed_special="all")


def test_saved_files_load_back(tmp_path):
    tok = tokenizer.train("héllo wörld 😀 " * 20, 300, pattern="gpt4", special_tokens=["<|end|>"])
    tok.save(tmp_path / "mine")
    assert tokenizer.load(tmp_path / "mine.model").model_text() == tok.model_text()


@fuzz
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_as_a_model_file_load_or_are_refused_with_value_error(data):
    try:
        tokenizer.load_model_text(data)
    except ValueError as exc:
        assert str(exc)


model_lines = st.lists(
    st.one_of(st.sampled_from(["minbpe v1", "", "0", "1", "2", "<|end|> 300", "97 98", "256 97", "-1 3", "a b"]),
              st.builds("{} {}".format, st.integers(-2, 300), st.integers(-2, 300))),
    max_size=8,
)


@fuzz
@given(lines=model_lines)
def test_model_files_made_of_plausible_lines_load_or_are_refused(lines):
    try:
        tok = tokenizer.load_model_text("\n".join(["minbpe v1", *lines]) + "\n")
    except ValueError as exc:
        assert str(exc)
    else:
        assert tokenizer.load_model_text(tok.model_text()).merges == tok.merges


# ---------------------------------------------------------------------- split patterns

pattern_text = st.text(alphabet="ab \\()[]{}*+?|^$.,0123456789dswpLN-=!<:", min_size=1, max_size=16)


@fuzz
@given(pattern=pattern_text, text=st.text(alphabet="ab 1\n😀", max_size=24))
def test_any_split_pattern_covers_the_text_or_is_refused(pattern, text):
    try:
        split = SplitPattern(pattern)
        chunks = split.chunks(text)
    except PatternError as exc:
        assert str(exc)
        return
    assert "".join(chunks) == text
    assert all(chunks)
