"""Hugging Face `tokenizer.json` files of byte-level BPE tokenizers: loading them exactly, and
writing one for a tokenizer trained here.

A byte-level BPE `tokenizer.json` holds a vocabulary `{printable string: id}` in GPT-2's
printable alphabet (`vocab_files.bytes_to_unicode`), merges `"left right"` (or `[left, right]`)
whose order is their priority, a pre-tokenizer (`ByteLevel`, or a `Split` regex followed by
`ByteLevel`) and added tokens. Hugging Face merges the listed pairs only, lowest merge index
first (leftmost on ties), and the result's id is the vocabulary's id of the joined string.

This engine uses a merged token's id as its priority (see `bpe.py`), so a file loads when its
merged tokens' ids grow with merge order (as Hugging Face's trainer writes them); then the
same pairs merge in the same order and give the same ids. Everything else that would make the
ids differ is refused with a ValueError that names it: another model type, normalizers,
byte fallback, dropout, subword prefixes or suffixes, `add_prefix_space`, split regexes whose
behaviour in Hugging Face's regex engine (Oniguruma) is not verified by our parity tests,
post-processors that add tokens, truncation and padding. Nothing in a file is ever executed.

Added tokens become the encoding's special tokens: Hugging Face's `encode(text).ids` equals
`encode(text, allowed_special="all")` here.

One difference no file can show: characters assigned by Unicode versions newer than
Oniguruma's tables (such as CJK Extension J, Unicode 17) are letters to Python's `regex` and
unknown to Hugging Face's regex engine, so a split regex may cut them differently, as it may
between any two regex engines. (For tiktoken's engine, our built-in patterns close this gap:
see `unicode_gap.py`.)
"""

from __future__ import annotations

import json
from pathlib import Path

from .bpe import SMALL_PIECE_LIMIT, merge_small, merge_with_heap
from .core import Encoding
from .registry import PATTERNS
from .trained import Tokenizer, check_merges
from .vocab_files import bytes_to_unicode, from_printable, to_printable

# Llama 3's tokenizer.json is about 9 MB, Qwen2's about 7 MB.
MAX_JSON_BYTES = 50_000_000
# The largest vocabularies in use have about 260,000 tokens; pages size tables by the largest id.
MAX_TOKEN_ID = 2_000_000

# ByteLevel(use_regex=True) splits with GPT-2's original pattern.
HF_GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
# Llama 3's form of the GPT-4 pattern (without possessive quantifiers).
LLAMA3_PATTERN = (
    r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"""
    r"""|\s*[\r\n]+|\s+(?!\S)|\s+"""
)
# Oniguruma, Hugging Face's regex engine, reads tiktoken's `\p{N}{1,3}+` not as a possessive
# repeat but as a repeat of `\p{N}{1,3}`: any run of digits. Without the `+` both engines agree.
ONIGURUMA_GPT4_PATTERN = PATTERNS["gpt4"].replace(r"\p{N}{1,3}+", r"\p{N}{1,3}")

# Split regexes as Hugging Face (Oniguruma) runs them -> the same splits in Python's `regex`.
# Each pair is checked against Hugging Face's tokenizers in tests/test_hf_json.py; any other
# regex is refused, since a difference between the two engines would silently change tokens.
SPLITS_FROM_ONIGURUMA = {
    HF_GPT2_PATTERN: PATTERNS["gpt2"],
    PATTERNS["gpt2"]: PATTERNS["gpt2"],
    ONIGURUMA_GPT4_PATTERN: PATTERNS["gpt4"],
    # Not GPT-4's: at the end of a text, "\n " is one chunk in GPT-4's pattern and two in this one.
    LLAMA3_PATTERN: LLAMA3_PATTERN,
    PATTERNS["gpt4"]: PATTERNS["gpt4"].replace(r"\p{N}{1,3}+", r"\p{N}++"),
    PATTERNS["gpt4o"]: PATTERNS["gpt4o"],
}
VERIFIED_NAMES = "GPT-2's (Hugging Face's or tiktoken's form), GPT-4's, Llama 3's and GPT-4o's"
# Our built-in patterns -> the regex a tokenizer.json holds for them.
ONIGURUMA_FORMS = {PATTERNS["gpt2"]: PATTERNS["gpt2"], PATTERNS["gpt4"]: ONIGURUMA_GPT4_PATTERN, PATTERNS["gpt4o"]: PATTERNS["gpt4o"]}


class ByteLevelBPE(Encoding):
    """A byte-level BPE encoding loaded from a `tokenizer.json` whose ids are not minbpe's
    layout (bytes 0-255, merge i making 256 + i): each byte and merge keeps the file's id.

    Merges are `{(left id, right id): new id}` with new ids growing in merge order, so the new
    id is also the priority and `rank_of_pair`, `trace` and the pages work unchanged.
    """

    def __init__(
        self,
        name: str,
        *,
        pat_str: str | None,
        byte_ids: list[int],
        merges: dict[tuple[int, int], int],
        token_bytes: dict[int, bytes],
        special_tokens: dict[str, int],
        json_text: str,
    ):
        """`byte_ids[b]` is the id of byte b, `token_bytes` the bytes of every ordinary id."""
        super().__init__(name, pat_str=pat_str, merges={}, special_tokens=special_tokens)
        # The base class lays bytes out at ids 0-255; this vocabulary has its own ids.
        self._merges = dict(merges)
        self._byte_ids = list(byte_ids)
        self._token_bytes = dict(token_bytes)
        self._decoder = dict(self._token_bytes)
        for token, token_id in self._special_tokens.items():
            self._decoder[token_id] = token.encode("utf-8")
        self.max_token_value = max(self._decoder) if self._decoder else 0
        self.json_text = json_text

    def __repr__(self) -> str:
        return f"<ByteLevelBPE {self.name!r}: {len(self._merges)} merges>"

    @property
    def merges(self) -> dict[tuple[int, int], int]:
        """`{(left id, right id): new id}`, in merge order (a copy)."""
        return dict(self._merges)

    def _bpe(self, piece: bytes) -> list[int]:
        byte_ids = [self._byte_ids[b] for b in piece]
        if len(piece) <= SMALL_PIECE_LIMIT:
            return merge_small(byte_ids, self.rank_of_pair)
        return merge_with_heap(byte_ids, self.rank_of_pair)


# ---------------------------------------------------------------------- loading


def read_tokenizer_json_file(path: str | Path) -> bytes:
    """The bytes of a `tokenizer.json` file, refusing one over `MAX_JSON_BYTES`."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_JSON_BYTES:
        raise ValueError(_too_large(size))
    return path.read_bytes()


def load_tokenizer_json_file(path: str | Path, *, name: str | None = None) -> Encoding:
    """`load_tokenizer_json` on a file; the name is the file's stem unless `name` is given."""
    return load_tokenizer_json(read_tokenizer_json_file(path), name=name or Path(path).stem)


def load_tokenizer_json(content: str | bytes, *, name: str) -> Encoding:
    """The encoding a Hugging Face byte-level BPE `tokenizer.json` describes, read strictly.

    Returns a `Tokenizer` when the ids are minbpe's layout (as `to_tokenizer_json` writes them),
    a `ByteLevelBPE` otherwise. Raises ValueError naming the field for anything malformed or
    anything whose tokens this engine could not reproduce exactly.
    """
    text = _decode(content)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"This is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).") from None
    except RecursionError:
        raise ValueError("This JSON nests too deeply to be a tokenizer.json.") from None
    _expect(data, dict, "the file", "a JSON object")
    for field in ("truncation", "padding"):
        if data.get(field) is not None:
            raise ValueError(f"`{field}` is set: it changes the ids Hugging Face returns, which this engine does not do. Remove it.")
    if data.get("normalizer") is not None:
        kind = data["normalizer"].get("type") if isinstance(data["normalizer"], dict) else data["normalizer"]
        raise ValueError(f"The normalizer ({kind!r}) is not supported: only tokenizers without a normalizer load exactly.")
    model = data.get("model")
    _expect(model, dict, "`model`", "an object")
    _check_model_options(model)
    pattern = _split_pattern(data.get("pre_tokenizer"))
    _check_post_processor(data.get("post_processor"))
    _check_decoder(data.get("decoder"))
    vocab = _vocabulary(model.get("vocab"))
    merge_pairs = _merge_strings(model.get("merges"))
    added = _added_tokens(data.get("added_tokens", []), vocab)
    return _build(name, pattern, vocab, merge_pairs, added, bool(model.get("ignore_merges", False)), text)


def _check_model_options(model: dict) -> None:
    kind = model.get("type", "BPE")
    if kind != "BPE":
        raise ValueError(f"`model.type` is {kind!r}: only byte-level BPE models are supported (not WordPiece, Unigram or WordLevel).")
    if model.get("dropout") not in (None, 0, 0.0):
        raise ValueError(f"`model.dropout` is {model['dropout']!r}: BPE dropout merges at random, which this engine does not do.")
    if model.get("byte_fallback", False) is not False:
        raise ValueError("`model.byte_fallback` is true: byte fallback (<0x41>-style tokens) is not supported.")
    for field in ("continuing_subword_prefix", "end_of_word_suffix"):
        # An empty prefix or suffix changes nothing (GPT-2's own file has them).
        if model.get(field) not in (None, ""):
            raise ValueError(f"`model.{field}` is {model[field]!r}: subword prefixes and suffixes are not supported.")
    if not isinstance(model.get("ignore_merges", False), bool):
        raise ValueError("`model.ignore_merges` should be true or false.")


def _byte_level(step: dict, where: str) -> bool:
    """`use_regex` of a ByteLevel pre-tokenizer, after refusing options that change tokens."""
    if step.get("add_prefix_space", False) is not False:
        raise ValueError(f"{where}: ByteLevel with add_prefix_space=true is not supported (it adds a space before the text).")
    use_regex = step.get("use_regex", True)
    if not isinstance(use_regex, bool):
        raise ValueError(f"{where}: ByteLevel's use_regex should be true or false.")
    return use_regex


def _split_pattern(pre_tokenizer) -> str | None:
    """The split pattern of a ByteLevel or Sequence[Split, ByteLevel] pre-tokenizer (None: no split)."""
    if pre_tokenizer is None:
        raise ValueError("`pre_tokenizer` is missing: a byte-level BPE tokenizer needs a ByteLevel pre-tokenizer.")
    _expect(pre_tokenizer, dict, "`pre_tokenizer`", "an object")
    kind = pre_tokenizer.get("type")
    if kind == "ByteLevel":
        return PATTERNS["gpt2"] if _byte_level(pre_tokenizer, "`pre_tokenizer`") else None
    if kind != "Sequence":
        raise ValueError(f"`pre_tokenizer.type` is {kind!r}: only ByteLevel, or a Sequence of a Split and ByteLevel, are supported.")
    steps = pre_tokenizer.get("pretokenizers")
    _expect(steps, list, "`pre_tokenizer.pretokenizers`", "a list")
    if not steps or not all(isinstance(step, dict) for step in steps):
        raise ValueError("`pre_tokenizer.pretokenizers` should be a non-empty list of objects.")
    kinds = [step.get("type") for step in steps]
    if kinds == ["ByteLevel"]:
        return PATTERNS["gpt2"] if _byte_level(steps[0], "`pre_tokenizer.pretokenizers[0]`") else None
    if kinds != ["Split", "ByteLevel"]:
        raise ValueError(f"The pre-tokenizer sequence {kinds} is not supported: use [Split, ByteLevel] or [ByteLevel].")
    if _byte_level(steps[1], "`pre_tokenizer.pretokenizers[1]`"):
        raise ValueError("A Split followed by ByteLevel with use_regex=true splits twice, which is not supported: set use_regex to false.")
    split = steps[0]
    if split.get("behavior") != "Isolated" or split.get("invert", False) is not False:
        raise ValueError(
            f"The Split pre-tokenizer has behavior {split.get('behavior')!r} and invert {split.get('invert')!r}: "
            "only behavior 'Isolated' with invert false is supported."
        )
    pattern = split.get("pattern")
    if not isinstance(pattern, dict) or not isinstance(pattern.get("Regex"), str):
        raise ValueError("The Split pre-tokenizer's `pattern` should be {\"Regex\": \"...\"}.")
    regex_text = pattern["Regex"]
    if regex_text not in SPLITS_FROM_ONIGURUMA:
        shown = regex_text if len(regex_text) <= 80 else regex_text[:80] + "..."
        raise ValueError(
            f"The split regex {shown!r} is not one whose matches are verified to be the same in Hugging Face's "
            f"regex engine (Oniguruma) and ours; the verified ones are {VERIFIED_NAMES}."
        )
    return SPLITS_FROM_ONIGURUMA[regex_text]


def _check_post_processor(post_processor) -> None:
    if post_processor is None:
        return
    kind = post_processor.get("type") if isinstance(post_processor, dict) else post_processor
    if kind != "ByteLevel":
        raise ValueError(
            f"The post-processor {kind!r} is not supported: it may add tokens (such as a beginning-of-text token) "
            "that this engine would not add. Only ByteLevel (or none) is."
        )


def _check_decoder(decoder) -> None:
    if decoder is None:
        return
    kind = decoder.get("type") if isinstance(decoder, dict) else decoder
    if kind != "ByteLevel":
        raise ValueError(f"The decoder {kind!r} is not supported: only ByteLevel (or none) decodes as this engine does.")


def _vocabulary(vocab) -> dict[str, int]:
    _expect(vocab, dict, "`model.vocab`", "an object {token: id}")
    seen: dict[int, str] = {}
    for token, token_id in vocab.items():
        if not isinstance(token_id, int) or isinstance(token_id, bool) or not 0 <= token_id <= MAX_TOKEN_ID:
            raise ValueError(
                f"`model.vocab`: the id of {token!r:.80} should be a whole number from 0 to {MAX_TOKEN_ID:,}; it is {token_id!r:.40}."
            )
        if token_id in seen:
            raise ValueError(f"`model.vocab`: {seen[token_id]!r} and {token!r} have the same id {token_id}.")
        seen[token_id] = token
    return vocab


def _merge_strings(merges) -> list[tuple[str, str]]:
    _expect(merges, list, "`model.merges`", "a list")
    pairs = []
    for number, merge in enumerate(merges, start=1):
        if isinstance(merge, str):
            parts = merge.split(" ")
        elif isinstance(merge, list) and all(isinstance(part, str) for part in merge):
            parts = merge
        else:
            raise ValueError(f"`model.merges` item {number} should be \"left right\" or [left, right]; it is {merge!r:.80}.")
        if len(parts) != 2 or not all(parts):
            raise ValueError(f"`model.merges` item {number} should be two tokens; it is {merge!r:.80}.")
        pairs.append((parts[0], parts[1]))
    return pairs


def _added_tokens(added, vocab: dict[str, int]) -> dict[str, int]:
    """`{content: id}` of the added tokens, with the ids Hugging Face gives them when it loads the file."""
    _expect(added, list, "`added_tokens`", "a list")
    tokens: dict[str, int] = {}
    normalized_flags = set()
    for number, item in enumerate(added, start=1):
        where = f"`added_tokens` item {number}"
        _expect(item, dict, where, "an object")
        content, token_id = item.get("content"), item.get("id")
        if not isinstance(content, str) or not content:
            raise ValueError(f"{where}: `content` should be a non-empty string.")
        if not isinstance(token_id, int) or isinstance(token_id, bool) or not 0 <= token_id <= MAX_TOKEN_ID:
            raise ValueError(f"{where} ({content!r:.80}): `id` should be a whole number from 0 to {MAX_TOKEN_ID:,}.")
        for flag in ("single_word", "lstrip", "rstrip"):
            if item.get(flag, False) is not False:
                raise ValueError(f"{where} ({content!r}): `{flag}` is true, which is not supported.")
        normalized_flags.add(bool(item.get("normalized", False)))
        if content in tokens:
            raise ValueError(f"{where}: {content!r} is listed twice.")
        # Hugging Face keeps a vocabulary entry's id, else gives the next free one.
        expected = vocab.get(content)
        if expected is None:
            largest = max(tokens.values(), default=None)
            expected = len(vocab) if largest is None or (largest < len(vocab) and vocab) else largest + 1
        if token_id != expected:
            raise ValueError(f"{where} ({content!r}) has id {token_id}, but Hugging Face would give it id {expected}.")
        tokens[content] = token_id
    if len(normalized_flags) > 1:
        # Hugging Face matches the two kinds in two passes: different from one pass when they overlap.
        contents = list(tokens)
        for a in contents:
            for b in contents:
                if a != b and (b in a or any(a.endswith(b[:k]) for k in range(1, len(b)))):
                    raise ValueError(f"Added tokens {a!r} and {b!r} overlap and differ in `normalized`: not supported.")
    return tokens


def _build(
    name: str,
    pattern: str | None,
    vocab: dict[str, int],
    merge_pairs: list[tuple[str, str]],
    added: dict[str, int],
    ignore_merges: bool,
    text: str,
) -> Encoding:
    alphabet = bytes_to_unicode()
    byte_ids = []
    for b in range(256):
        if alphabet[b] not in vocab:
            raise ValueError(
                f"`model.vocab` lacks the byte {b:#04x} ({alphabet[b]!r}): Hugging Face would drop that byte or use "
                "the unknown token, which this engine does not do. Train with initial_alphabet=ByteLevel.alphabet()."
            )
        byte_ids.append(vocab[alphabet[b]])
    added_ids = set(added.values())
    merges: dict[tuple[int, int], int] = {}
    previous_id, previous = -1, None
    for number, (left, right) in enumerate(merge_pairs, start=1):
        for part in (left, right, left + right):
            if part not in vocab:
                raise ValueError(f"`model.merges` item {number} ({left} {right}): {part!r} is not in `model.vocab`.")
        pair, new = (vocab[left], vocab[right]), vocab[left + right]
        if pair in merges:
            raise ValueError(f"`model.merges` item {number} ({left} {right}) is listed twice.")
        if new <= previous_id:
            raise ValueError(
                f"`model.merges` item {number} ({left} {right}) makes id {new}, not above the id {previous_id} made by "
                f"item {number - 1} ({previous}). This engine uses a merged token's id as its priority, so it needs "
                "merged ids that grow with merge order (tokenizers converted from tiktoken, such as Llama 3's, list "
                "several merges for one token and are not supported)."
            )
        if new in added_ids:
            raise ValueError(f"`model.merges` item {number} ({left} {right}) makes id {new}, which is an added token's id.")
        merges[pair] = new
        previous_id, previous = new, f"{left} {right}"
    token_bytes = {}
    for token, token_id in vocab.items():
        if token_id in added_ids and added.get(token) == token_id:
            continue
        if token_id in added_ids:
            raise ValueError(f"`model.vocab`: {token!r} has id {token_id}, which is also an added token's id.")
        try:
            token_bytes[token_id] = from_printable(token)
        except ValueError:
            raise ValueError(
                f"`model.vocab`: {token!r} (id {token_id}) is not written in GPT-2's byte alphabet: this is not a byte-level vocabulary."
            ) from None
    encoding = _encoding(name, pattern, byte_ids, merges, token_bytes, added, text)
    if ignore_merges:
        _check_ignore_merges(encoding, token_bytes)
    return encoding


def _encoding(name, pattern, byte_ids, merges, token_bytes, added, text) -> Encoding:
    """A minbpe `Tokenizer` when the ids are its layout, a `ByteLevelBPE` otherwise."""
    minbpe_layout = (
        byte_ids == list(range(256))
        and list(merges.values()) == list(range(256, 256 + len(merges)))
        and len(token_bytes) == 256 + len(merges)
        and all(token_id >= 256 + len(merges) for token_id in added.values())
    )
    if minbpe_layout:
        check_merges(merges)
        return Tokenizer(merges, pattern, special_tokens=added, name=name)
    return ByteLevelBPE(
        name, pat_str=pattern, byte_ids=byte_ids, merges=merges, token_bytes=token_bytes, special_tokens=added, json_text=text
    )


def _check_ignore_merges(encoding: Encoding, token_bytes: dict[int, bytes]) -> None:
    """With ignore_merges, Hugging Face takes a chunk that is a vocabulary entry whole: the same
    as BPE only if BPE makes every entry into itself. Refuse the file otherwise."""
    for token_id, data in token_bytes.items():
        made = encoding._bpe(data)
        if made != [token_id]:
            raise ValueError(
                f"`model.ignore_merges` is true, and the merges make {to_printable(data)!r} (id {token_id}) into {made}, "
                "not into itself: Hugging Face would take it whole, which this engine does not do."
            )


# ---------------------------------------------------------------------- writing


def to_tokenizer_json(encoding: Encoding) -> str:
    """The Hugging Face `tokenizer.json` of a trained `Tokenizer` (or of a loaded `ByteLevelBPE`,
    its file as loaded): `tokenizers.Tokenizer.from_str` reads it and gives the same ids.

    Raises ValueError for what the format cannot say exactly: a split pattern other than GPT-2's,
    GPT-4's or GPT-4o's (or none), two tokens with the same bytes, a special token whose text is
    also an ordinary token's printable form.
    """
    if isinstance(encoding, ByteLevelBPE):
        return encoding.json_text
    if not isinstance(encoding, Tokenizer):
        raise ValueError(f"Only trained tokenizers can be written as tokenizer.json; {encoding.name} is not one.")
    pattern = encoding.pattern
    if pattern is not None and pattern not in ONIGURUMA_FORMS:
        raise ValueError(
            "This tokenizer's split pattern is a custom regex: Hugging Face runs it with another regex engine "
            "(Oniguruma), which may split some texts differently, so it is not written as tokenizer.json. "
            "GPT-2, GPT-4, GPT-4o and no split can be."
        )
    vocab: dict[str, int] = {}
    for token_id, data in encoding.token_items():
        key = to_printable(data)
        if key in vocab:
            raise ValueError(
                f"Tokens {vocab[key]} and {token_id} are both {key!r}: a tokenizer.json vocabulary gives each string "
                "one id, so it cannot hold this tokenizer (BPE training can make the same bytes twice)."
            )
        vocab[key] = token_id
    for token, token_id in encoding.special_tokens.items():
        if token in vocab:
            raise ValueError(f"Special token {token!r} is also the printable form of token {vocab[token]}: rename it.")
        vocab[token] = token_id
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}
    if pattern is None:
        pre_tokenizer = byte_level
    else:
        split = {"type": "Split", "pattern": {"Regex": ONIGURUMA_FORMS[pattern]}, "behavior": "Isolated", "invert": False}
        pre_tokenizer = {"type": "Sequence", "pretokenizers": [split, byte_level]}
    token_of = dict(encoding.token_items())
    document = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": token_id, "content": token, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
            for token, token_id in sorted(encoding.special_tokens.items(), key=lambda item: item[1])
        ],
        "normalizer": None,
        "pre_tokenizer": pre_tokenizer,
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": None,
            "end_of_word_suffix": None,
            "fuse_unk": False,
            "byte_fallback": False,
            "ignore_merges": False,
            "vocab": vocab,
            "merges": [[to_printable(token_of[left]), to_printable(token_of[right])] for left, right in encoding.merges],
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


# ---------------------------------------------------------------------- helpers


def _decode(content: str | bytes) -> str:
    if isinstance(content, (bytes, bytearray, memoryview)):
        data = bytes(content)
        if len(data) > MAX_JSON_BYTES:
            raise ValueError(_too_large(len(data)))
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValueError(f"This is not UTF-8 text (byte {exc.start}): a tokenizer.json is UTF-8 JSON.") from None
    if isinstance(content, str):
        if len(content) > MAX_JSON_BYTES:
            raise ValueError(_too_large(len(content)))
        return content
    raise ValueError(f"A tokenizer.json's contents are text or bytes; got {type(content).__name__}.")


def _expect(value, kind: type, what: str, described: str) -> None:
    if not isinstance(value, kind):
        raise ValueError(f"{what[0].upper() + what[1:]} should be {described}; it is {type(value).__name__}.")


def _too_large(size: int) -> str:
    return f"The file is {size:,} bytes; tokenizer.json files over {MAX_JSON_BYTES:,} bytes are refused."
