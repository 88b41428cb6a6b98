"""Our ids equal tiktoken's, for every built-in encoding, on every kind of text."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tokenizer.pretokenize import replace_lone_surrogates

PROSE = {
    "english": "The quick brown fox jumps over the lazy dog. It wasn't me, they'd said; we'll see.",
    "french": "Le cœur a ses raisons que la raison ne connaît point. À bientôt, garçon!",
    "german": "Grüße aus München: Straßenbahn, Fußgängerübergang und Größenordnung.",
    "russian": "Съешь же ещё этих мягких французских булок, да выпей чаю.",
    "greek": "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.",
    "arabic": "مرحبا بالعالم، كيف حالك اليوم؟",
    "hebrew": "שלום עולם, מה שלומך?",
    "hindi": "नमस्ते दुनिया, आप कैसे हैं? यह एक परीक्षण है।",
    "chinese": "你好，世界！今天天气很好，我们去公园散步吧。",
    "japanese": "こんにちは世界。東京は日本の首都です。カタカナもひらがなも。",
    "korean": "안녕하세요 세계! 한국어 토큰화는 어떻게 될까요?",
    "thai": "สวัสดีชาวโลก ภาษาไทยไม่มีช่องว่างระหว่างคำ",
    "vietnamese": "Xin chào thế giới, tiếng Việt có nhiều dấu.",
    "mixed_rtl": "abc مرحبا 123 שלום def",
    "zalgo": "Z̵̡̢̛̗̘̙̜̝̞̟̠̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔͊͋͌͘͜͟͢͝͞͠͡ͅa̶l̷g̸o̴",
}

CODE = {
    "python": "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\n\nclass A:\n\tpass\n",
    "javascript": "const x = () => { return [1, 2, 3].map((v) => v ** 2); };\n// comment\n",
    "html": '<div class="a"><img src=x onerror=alert(1)><script>alert("x")</script></div>',
    "json": '{"key": [1, 2.5e-3, true, null], "nested": {"a": "b"}}',
    "regex": r"^(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]+)@\d{1,3}\.\d+$",
    "path": "C:\\Users\\me\\file.txt /usr/local/bin//python3 ./a/../b",
}

WHITESPACE = {
    "spaces_runs": "a  b   c    d     e\n\n\n  f \t g\r\n h",
    "trailing": "Here is a tag line for an ice cream shop: ",
    "only_spaces": " " * 37,
    "only_newlines": "\n" * 12,
    "tabs": "\t\t\tx\t\t",
    "mixed": " \n \n\t \r\n  \u00a0\u2003\u3000x",
    "leading": "   leading and trailing   ",
    "crlf": "line1\r\nline2\r\n\r\nline3",
    # Indented code whose text ends in whitespace after a word: the final whitespace is a unit
    # of its own, which must not join a unit ending in a newline (it once did, for GPT-4).
    "indented_then_trailing_space": "b\n    a b\n    a \xa0",
    "indented_then_trailing_ascii": "b\n    a b\n    a  ",
    "non_ascii_indented_then_trailing": "éb\n    a éb\n    a \xa0",
    # A unit ending in a newline (before an indented line) must not run on into a unit starting
    # with a space and a newline when the distinct units are scanned together.
    "newline_unit_then_space_newline": "é    a \n    a \nb",
    "newline_unit_then_space_newline_2": " \n    é \nx y",
}

EMOJI = {
    "zwj_family": "👨‍👩‍👧‍👦 family, 👩🏽‍💻 coder, 🏳️‍🌈 flag",
    "flags": "🇫🇷🇩🇪🇯🇵🇺🇸🇰🇷",
    "skin_tones": "👍🏻👍🏼👍🏽👍🏾👍🏿",
    "keycaps": "1️⃣ #️⃣ *️⃣",
    "plain": "😀😃😄 hello 🌍!",
}

DIGITS = {
    "long_number": "1234567890123456789012345678901234567890",
    "arithmetic": "127 + 677 = 804; 3.14159 * 2 = 6.28318",
    "separators": "1,000,000 and 1_000_000 and 1.000.000 and 10e-10",
    "unicode_digits": "٠١٢٣٤٥٦٧٨٩ ০১২৩ 一二三 ①②③",
}

CONTRACTIONS = {
    case: " ".join(f"it{apostrophe}{suffix}" for apostrophe in ("'", "’") for suffix in suffixes)
    for case, suffixes in {
        "lower": ["s", "t", "re", "ve", "m", "ll", "d"],
        "upper": ["S", "T", "RE", "VE", "M", "LL", "D"],
        "mixed": ["Re", "vE", "Ll", "lL", "rE"],
    }.items()
}
CONTRACTIONS["shouting"] = "DON'T YOU'RE WE'VE I'M THEY'LL SHE'D IT'S"
CONTRACTIONS["edge"] = "'s 's'  ''s 'll' x''t 'S"

REPEATS = {
    "a_10000": "a" * 10_000,
    "space_10000": " " * 10_000,
    "word_10000": ("hello " * 2000)[:10_000],
    "digits_10000": "1234567890" * 1000,
    "emoji_10000": "😀" * 2_500,
    "newline_10000": "\n" * 10_000,
    "punct_10000": "!?" * 5_000,
    "korean_10000": "가" * 10_000,
}

ALL_TEXTS = {
    f"{group}-{name}": text
    for group, texts in {
        "prose": PROSE,
        "code": CODE,
        "whitespace": WHITESPACE,
        "emoji": EMOJI,
        "digits": DIGITS,
        "contractions": CONTRACTIONS,
        "repeats": REPEATS,
    }.items()
    for name, text in texts.items()
}


@pytest.mark.parametrize("text", ALL_TEXTS.values(), ids=ALL_TEXTS.keys())
def test_encode_ordinary_equals_tiktoken(encoding_pair, text):
    ours, reference = encoding_pair
    assert ours.encode_ordinary(text) == reference.encode_ordinary(text)


@pytest.mark.parametrize("text", ALL_TEXTS.values(), ids=ALL_TEXTS.keys())
def test_decode_round_trips(encoding_pair, text):
    ours, _ = encoding_pair
    assert ours.decode(ours.encode(text)) == text


def test_all_texts_joined_equal_tiktoken(encoding_pair):
    ours, reference = encoding_pair
    text = "\n".join(ALL_TEXTS.values())
    assert ours.encode_ordinary(text) == reference.encode_ordinary(text)


SPECIAL_CASES = [
    "<|endoftext|>",
    "hello<|endoftext|>world",
    "<|endoftext|><|endoftext|>",
    " <|endoftext|> ",
    "a<|endoftext|>\n\n<|endofprompt|>b",
    "<|fim_prefix|>def f():<|fim_suffix|>\n<|fim_middle|>",
    "<|endoftext",
    "<|endoftext|",
    "<<|endoftext|>>",
]


@pytest.mark.parametrize("text", SPECIAL_CASES)
def test_special_tokens_allowed_equal_tiktoken(encoding_pair, text):
    ours, reference = encoding_pair
    assert ours.encode(text, allowed_special="all") == reference.encode(text, allowed_special="all")


@pytest.mark.parametrize("text", SPECIAL_CASES)
def test_special_tokens_as_text_equal_tiktoken(encoding_pair, text):
    ours, reference = encoding_pair
    assert ours.encode(text, disallowed_special=()) == reference.encode(text, disallowed_special=())


def test_only_endoftext_allowed_equals_tiktoken(encoding_pair):
    ours, reference = encoding_pair
    text = "x<|endoftext|>y<|fim_prefix|>z<|endofprompt|>"
    kwargs = dict(allowed_special={"<|endoftext|>"}, disallowed_special=())
    assert ours.encode(text, **kwargs) == reference.encode(text, **kwargs)


SURROGATES = ["a\ud800b", "\udfff", "x\ud83d\ude00y", "\ud83d", "pair then lone \ud83d\ude00\ud83d"]


@pytest.mark.parametrize("text", SURROGATES)
def test_surrogates_handled_as_tiktoken(encoding_pair, text):
    ours, reference = encoding_pair
    assert ours.encode(text) == reference.encode(text)
    assert ours.decode(ours.encode(text)) == replace_lone_surrogates(text)


def test_many_short_combinations_equal_tiktoken(encoding_pair):
    ours, reference = encoding_pair
    pieces = [" ", "  ", "\n", "a", "A", "1", "123", "'s", "'S", "!", "é", "😀", "\t", "中", "\r\n", "/"]
    for combination in itertools.product(pieces, repeat=3):
        text = "".join(combination)
        assert ours.encode_ordinary(text) == reference.encode_ordinary(text), repr(text)


# Any character, assigned or not: hypothesis's categories come from Python's Unicode 14 tables,
# so this also draws the letters Unicode 15 to 17 added (see tokenizer/unicode_gap.py).
unicode_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]),
    max_size=80,
)
structured_text = st.lists(
    st.sampled_from([" ", "  ", "\n", "\t", "'s", "'LL", "word", "Word", "WORD", "123", "4567", "!!", "...", "é", "ß", "😀", "👩‍💻", "中文", "한국", "\u00a0", "\r", "/", "x"]),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=unicode_text)
def test_arbitrary_unicode_equals_tiktoken(encoding_pair, text):
    ours, reference = encoding_pair
    assert ours.encode_ordinary(text) == reference.encode_ordinary(text)
    assert ours.decode(ours.encode_ordinary(text)) == text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=structured_text)
def test_tokenizer_shaped_text_equals_tiktoken(encoding_pair, text):
    ours, reference = encoding_pair
    assert ours.encode_ordinary(text) == reference.encode_ordinary(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40))
def test_any_python_string_round_trips_after_surrogate_rule(encoding_pair, text):
    ours, reference = encoding_pair
    ids = ours.encode(text, disallowed_special=())
    assert ids == reference.encode(text, disallowed_special=())
    assert ours.decode(ids) == replace_lone_surrogates(text)
