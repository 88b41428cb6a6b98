"""Hugging Face tokenizer.json: exact parity with `tokenizers` on files it trains, export that it
reads back with the same ids, and refusals (with messages) of what the engine can't reproduce."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tokenizer
from tokenizer.hf_json import (
    HF_GPT2_PATTERN,
    LLAMA3_PATTERN,
    MAX_JSON_BYTES,
    ONIGURUMA_GPT4_PATTERN,
    SPLITS_FROM_ONIGURUMA,
    ByteLevelBPE,
    load_tokenizer_json,
    to_tokenizer_json,
)
from tokenizer.pretokenize import SplitPattern
from tokenizer.registry import PATTERNS

hf = pytest.importorskip("tokenizers")

CORPUS = (Path(__file__).resolve().parent.parent / "assets" / "samples" / "corpus.txt").read_text(encoding="utf-8")
SPECIALS = ["<|endoftext|>", "<|pad|>"]
TEXTS = [
    CORPUS,
    "",
    "Hello world <|endoftext|> and <|pad|><|endoftext|>!",
    "  spaces\n\n\tthe end  \r\n",
    "héllo wörld, 안녕하세요, 日本語, 😀😀 👩‍👩‍👧 don't I'LL WE'VE 12345 3.14159",
    "a" * 300 + " " * 70 + "b" + "\n" * 5,
    "<|endoftext",
    "def f(x):\n    return x * 2  # comment\n",
]


# Characters Unicode 14 (Python 3.11's unicodedata) assigns. Later ones (CJK Extension J,
# U+323B0.., is Unicode 17) are letters to Python's `regex` and unknown to Oniguruma's older
# tables, so the two engines split them differently: a limit of any two regex engines.
ASSIGNED_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cn", "Cs"))


def byte_level(use_regex: bool):
    return hf.pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=use_regex)


def split_then_byte_level(pattern: str):
    return hf.pre_tokenizers.Sequence(
        [hf.pre_tokenizers.Split(hf.Regex(pattern), behavior="isolated"), byte_level(False)]
    )


def hf_trained(pre_tokenizer, vocab_size: int = 700):
    """A byte-level BPE tokenizer trained by Hugging Face's `tokenizers` on the sample corpus."""
    tok = hf.Tokenizer(hf.models.BPE())
    tok.pre_tokenizer = pre_tokenizer
    tok.decoder = hf.decoders.ByteLevel()
    trainer = hf.trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIALS,
        initial_alphabet=hf.pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator([CORPUS], trainer)
    return tok


STYLES = {
    "ByteLevel(use_regex=True)": lambda: byte_level(True),
    "Split(GPT-4)+ByteLevel": lambda: split_then_byte_level(ONIGURUMA_GPT4_PATTERN),
    "Split(tiktoken GPT-4)+ByteLevel": lambda: split_then_byte_level(PATTERNS["gpt4"]),
    "Split(GPT-2)+ByteLevel": lambda: split_then_byte_level(PATTERNS["gpt2"]),
    "Split(GPT-4o)+ByteLevel": lambda: split_then_byte_level(PATTERNS["gpt4o"]),
    "Split(Llama 3)+ByteLevel": lambda: split_then_byte_level(LLAMA3_PATTERN),
    "Split(HF GPT-2)+ByteLevel": lambda: split_then_byte_level(HF_GPT2_PATTERN),
    "ByteLevel(use_regex=False)": lambda: byte_level(False),
}


@pytest.fixture(scope="module", params=list(STYLES))
def pair(request):
    """`(Hugging Face tokenizer, ours loaded from its tokenizer.json)` for one pre-tokenizer style."""
    theirs = hf_trained(STYLES[request.param]())
    return theirs, load_tokenizer_json(theirs.to_str(), name="hf-trained")


# ---------------------------------------------------------------------- loading


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_loaded_tokenizer_gives_hugging_faces_ids(pair, text):
    theirs, ours = pair
    assert ours.encode(text, allowed_special="all") == theirs.encode(text).ids


def test_loaded_tokenizer_decodes_like_hugging_face(pair):
    theirs, ours = pair
    ids = theirs.encode(TEXTS[4]).ids
    assert ours.decode(ids) == theirs.decode(ids, skip_special_tokens=False) == TEXTS[4]


def test_loaded_tokenizer_keeps_the_files_ids(pair):
    theirs, ours = pair
    vocab = theirs.get_vocab()
    assert ours.special_tokens == {token: vocab[token] for token in SPECIALS}
    assert isinstance(ours, ByteLevelBPE)  # the trainer puts special tokens first: not minbpe's layout
    assert ours.n_vocab == len(vocab)


def test_trace_ends_in_the_encoding(pair):
    _, ours = pair
    text = TEXTS[4]
    trace = ours.trace(text)
    assert trace.state(len(trace)) == ours.encode_ordinary(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=ASSIGNED_CHARACTERS, max_size=60) | st.text(alphabet=" \t\n\r'sdmtlvrhe1é日😀<|>endoftx", max_size=60))
def test_hypothesis_parity(pair, text):
    theirs, ours = pair
    assert ours.encode(text, allowed_special="all") == theirs.encode(text).ids


ONIGURUMA_REGEXES = list(SPLITS_FROM_ONIGURUMA)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(ONIGURUMA_REGEXES),
    st.text(alphabet=ASSIGNED_CHARACTERS, max_size=40) | st.text(alphabet=" \t\n\r\x0b\x0c\x85\xa0'sdmtlvrSDLhé1234日😀.,<|>", max_size=40),
)
def test_hypothesis_split_regexes_agree_with_oniguruma(onig_regex, text):
    theirs = [piece for piece, _ in hf.pre_tokenizers.Split(hf.Regex(onig_regex), behavior="isolated").pre_tokenize_str(text)]
    assert SplitPattern(SPLITS_FROM_ONIGURUMA[onig_regex]).chunks(text) == theirs


def test_merges_may_be_strings_or_lists():
    document = json.loads(hf_trained(byte_level(True), 400).to_str())
    as_lists = load_tokenizer_json(json.dumps(document), name="a")
    document["model"]["merges"] = [" ".join(pair) for pair in document["model"]["merges"]]
    as_strings = load_tokenizer_json(json.dumps(document), name="b")
    assert as_lists.merges == as_strings.merges and as_lists.merges


def test_ignore_merges_is_accepted_when_merges_make_every_token():
    theirs = hf_trained(split_then_byte_level(PATTERNS["gpt4"]), 500)
    document = json.loads(theirs.to_str())
    document["model"]["ignore_merges"] = True
    flipped = hf.Tokenizer.from_str(json.dumps(document))
    ours = load_tokenizer_json(json.dumps(document), name="ignore")
    for text in TEXTS:
        assert ours.encode(text, allowed_special="all") == flipped.encode(text).ids


def gpt2_tokenizer_json(vocab_files) -> str:
    """GPT-2's tokenizer.json as Hugging Face publishes it, built from GPT-2's release files."""
    encoder = json.loads(vocab_files.read_verified(vocab_files.ASSETS_DIR / vocab_files.GPT2_ENCODER_JSON[0], vocab_files.GPT2_ENCODER_JSON[1]))
    bpe = vocab_files.read_verified(vocab_files.ASSETS_DIR / vocab_files.GPT2_VOCAB_BPE[0], vocab_files.GPT2_VOCAB_BPE[1])
    merges = [line for line in bpe.decode("utf-8").split("\n")[1:] if line]
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    special = {"id": 50256, "content": "<|endoftext|>", "single_word": False, "lstrip": False, "rstrip": False, "normalized": True, "special": True}
    model = {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "", "end_of_word_suffix": "", "fuse_unk": False}
    document = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [special],
        "normalizer": None,
        "pre_tokenizer": byte_level,
        "post_processor": {**byte_level, "add_prefix_space": True, "trim_offsets": False},
        "decoder": {**byte_level, "add_prefix_space": True},
        "model": {**model, "vocab": encoder, "merges": merges},
    }
    return json.dumps(document)


def test_gpt2s_tokenizer_json_gives_hugging_faces_and_r50k_bases_ids():
    from tokenizer import vocab_files

    text = gpt2_tokenizer_json(vocab_files)
    ours = load_tokenizer_json(text, name="gpt2-hf")
    theirs = hf.Tokenizer.from_str(text)
    r50k = tokenizer.get_encoding("gpt2")
    for sample in TEXTS:
        assert ours.encode(sample, allowed_special="all") == theirs.encode(sample).ids == r50k.encode(sample, allowed_special="all")


# ---------------------------------------------------------------------- export


@pytest.mark.parametrize("pattern", ["gpt2", "gpt4", "gpt4o", None], ids=str)
def test_exported_tokenizer_json_gives_the_same_ids_in_hugging_face(pattern):
    ours = tokenizer.train(CORPUS, 600, pattern=pattern, special_tokens=SPECIALS)
    theirs = hf.Tokenizer.from_str(to_tokenizer_json(ours))
    for text in TEXTS:
        assert theirs.encode(text).ids == ours.encode(text, allowed_special="all")


@pytest.mark.parametrize("pattern", ["gpt4", None], ids=str)
def test_exported_tokenizer_json_loads_back_as_the_same_tokenizer(pattern):
    ours = tokenizer.train(CORPUS, 500, pattern=pattern, special_tokens=SPECIALS)
    back = load_tokenizer_json(to_tokenizer_json(ours), name="back")
    assert isinstance(back, tokenizer.Tokenizer)
    assert (back.merges, back.pattern, back.special_tokens) == (ours.merges, ours.pattern, ours.special_tokens)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=ASSIGNED_CHARACTERS, max_size=60))
def test_hypothesis_export_parity(text):
    theirs = _exported_gpt4()
    ours = _trained_gpt4()
    assert theirs.encode(text).ids == ours.encode(text, allowed_special="all")


_CACHE: dict = {}


def _trained_gpt4():
    if "ours" not in _CACHE:
        _CACHE["ours"] = tokenizer.train(CORPUS, 600, pattern="gpt4", special_tokens=SPECIALS)
    return _CACHE["ours"]


def _exported_gpt4():
    if "theirs" not in _CACHE:
        _CACHE["theirs"] = hf.Tokenizer.from_str(to_tokenizer_json(_trained_gpt4()))
    return _CACHE["theirs"]


def test_export_refuses_a_custom_pattern():
    ours = tokenizer.train(CORPUS, 300, pattern=r"\w+|\s+|[^\w\s]+")
    with pytest.raises(ValueError, match="custom regex"):
        to_tokenizer_json(ours)


def test_export_refuses_duplicate_token_bytes():
    # (a, bc) and (ab, c) both make "abc".
    dup = tokenizer.Tokenizer({(98, 99): 256, (97, 256): 257, (97, 98): 258, (258, 99): 259}, None, name="dup")
    with pytest.raises(ValueError, match="one id"):
        to_tokenizer_json(dup)


def test_loaded_file_is_written_back_as_loaded(pair):
    theirs, ours = pair
    assert to_tokenizer_json(ours) == theirs.to_str()


# ---------------------------------------------------------------------- refusals


@pytest.fixture(scope="module")
def document() -> dict:
    return json.loads(hf_trained(split_then_byte_level(PATTERNS["gpt4"]), 400).to_str())


def refused(document: dict, change, match: str) -> None:
    changed = json.loads(json.dumps(document))
    change(changed)
    with pytest.raises(ValueError, match=match):
        load_tokenizer_json(json.dumps(changed), name="bad")


@pytest.mark.parametrize(
    "change, match",
    [
        (lambda d: d["model"].update(type="WordPiece"), "only byte-level BPE"),
        (lambda d: d.update(normalizer={"type": "NFC"}), "normalizer"),
        (lambda d: d["model"].update(byte_fallback=True), "byte_fallback"),
        (lambda d: d["model"].update(dropout=0.1), "dropout"),
        (lambda d: d["model"].update(continuing_subword_prefix="##"), "continuing_subword_prefix"),
        (lambda d: d["model"].update(end_of_word_suffix="</w>"), "end_of_word_suffix"),
        (lambda d: d["pre_tokenizer"]["pretokenizers"][1].update(add_prefix_space=True), "add_prefix_space"),
        (lambda d: d["pre_tokenizer"]["pretokenizers"][1].update(use_regex=True), "use_regex"),
        (lambda d: d["pre_tokenizer"]["pretokenizers"][0].update(pattern={"Regex": r"\w+|\s+"}), "not one whose matches are verified"),
        (lambda d: d["pre_tokenizer"]["pretokenizers"][0].update(pattern={"String": " "}), "Regex"),
        (lambda d: d["pre_tokenizer"]["pretokenizers"][0].update(behavior="Removed"), "Isolated"),
        (lambda d: d.update(pre_tokenizer={"type": "Whitespace"}), "Whitespace"),
        (lambda d: d.update(pre_tokenizer=None), "pre_tokenizer"),
        (lambda d: d.update(post_processor={"type": "TemplateProcessing"}), "TemplateProcessing"),
        (lambda d: d.update(decoder={"type": "WordPiece"}), "decoder"),
        (lambda d: d.update(truncation={"max_length": 10}), "truncation"),
        (lambda d: d.update(padding={"pad_id": 0}), "padding"),
        (lambda d: d["added_tokens"][0].update(lstrip=True), "lstrip"),
        (lambda d: d["added_tokens"][0].update(id=5), "Hugging Face would give it id 0"),
        (lambda d: d["model"]["vocab"].pop("Ġ"), "lacks the byte 0x20"),
        (lambda d: d["model"]["merges"].append(["Ġ", "Ġ"]) or d["model"]["vocab"].pop("ĠĠ", None), "not in `model.vocab`"),
        (lambda d: d["model"]["merges"].append(list(d["model"]["merges"][0])), "listed twice"),
        (lambda d: d["model"]["merges"].reverse(), "not above the id"),
        (lambda d: d["model"].update(vocab={**d["model"]["vocab"], "x": "1"}), "whole number"),
        (lambda d: d["model"].update(vocab={**d["model"]["vocab"], "ĠzzQ": 10**15}), "from 0 to 2,000,000"),
        (lambda d: d["model"].update(merges="a b"), "should be a list"),
        (lambda d: d["model"]["merges"].append(["a", "b", "c"]), "two tokens"),
        (lambda d: d["model"]["merges"].append(7), "\"left right\""),
    ],
)
def test_unsupported_or_malformed_files_are_refused_with_a_message(document, change, match):
    refused(document, change, match)


def test_ignore_merges_is_refused_when_a_token_is_not_what_its_merges_make(document):
    def unreachable(d):
        d["model"]["ignore_merges"] = True
        d["model"]["vocab"]["ĠzzQ"] = max(d["model"]["vocab"].values()) + 1

    refused(document, unreachable, "ignore_merges")


@pytest.mark.parametrize(
    "content, match",
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"{}", "`model` should be an object"),
        (b" " * (MAX_JSON_BYTES + 1), "refused"),
        (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
    ],
)
def test_malformed_json_is_refused(content, match):
    with pytest.raises(ValueError, match=match):
        load_tokenizer_json(content, name="bad")


# ---------------------------------------------------------------------- command line


def test_the_command_line_encodes_with_a_tokenizer_json_path(tmp_path, capsys):
    from tokenizer.cli import main

    theirs = hf_trained(byte_level(True), 400)
    path = tmp_path / "tokenizer.json"
    path.write_text(theirs.to_str(), encoding="utf-8")
    assert main(["encode", "-e", str(path), "héllo world, hello <|endoftext|>", "--allow-special"]) == 0
    assert capsys.readouterr().out.split() == [str(i) for i in theirs.encode("héllo world, hello <|endoftext|>").ids]


def test_the_command_line_says_why_a_tokenizer_json_is_refused(tmp_path, capsys):
    from tokenizer.cli import main

    path = tmp_path / "tokenizer.json"
    path.write_text('{"model": {"type": "Unigram"}}', encoding="utf-8")
    assert main(["encode", "-e", str(path), "hello"]) == 2
    assert "only byte-level BPE models are supported" in capsys.readouterr().err
