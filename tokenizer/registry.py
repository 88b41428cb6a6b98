"""The built-in encodings, as data: split pattern, vocabulary file, special tokens, names.

Each definition mirrors what tiktoken publishes in `tiktoken_ext/openai_public.py`; the
vocabulary files are our own copies under `assets/vocab/`, checked against the same SHA-256
hashes tiktoken checks. `registry.resolve_name` turns an alias ("gpt4") or canonical name
("cl100k_base") into the canonical name; `encoding_for_model_name` maps model names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENDOFTEXT = "<|endoftext|>"
FIM_PREFIX = "<|fim_prefix|>"
FIM_MIDDLE = "<|fim_middle|>"
FIM_SUFFIX = "<|fim_suffix|>"
ENDOFPROMPT = "<|endofprompt|>"

# The original GPT-2 release pattern is
#   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
# tiktoken publishes this equivalent, faster form, which we use verbatim.
GPT2_PATTERN = r"""'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"""

GPT4_PATTERN = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)

GPT4O_PATTERN = "|".join(
    [
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)

# Named split patterns, for training and for the app's pickers.
PATTERNS = {"gpt2": GPT2_PATTERN, "gpt4": GPT4_PATTERN, "gpt4o": GPT4O_PATTERN}


@dataclass(frozen=True)
class EncodingSpec:
    """Everything that defines one published encoding."""

    name: str
    label: str
    pattern: str
    vocab_file: str
    sha256: str
    special_tokens: dict[str, int] = field(default_factory=dict)
    explicit_n_vocab: int | None = None


SPECS: dict[str, EncodingSpec] = {
    spec.name: spec
    for spec in [
        EncodingSpec(
            name="r50k_base",
            label="GPT-2",
            pattern=GPT2_PATTERN,
            vocab_file="r50k_base.tiktoken.gz",
            sha256="306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
            special_tokens={ENDOFTEXT: 50256},
            explicit_n_vocab=50257,
        ),
        EncodingSpec(
            name="cl100k_base",
            label="GPT-4",
            pattern=GPT4_PATTERN,
            vocab_file="cl100k_base.tiktoken.gz",
            sha256="223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
            special_tokens={
                ENDOFTEXT: 100257,
                FIM_PREFIX: 100258,
                FIM_MIDDLE: 100259,
                FIM_SUFFIX: 100260,
                ENDOFPROMPT: 100276,
            },
        ),
        EncodingSpec(
            name="o200k_base",
            label="GPT-4o",
            pattern=GPT4O_PATTERN,
            vocab_file="o200k_base.tiktoken.gz",
            sha256="446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
            special_tokens={ENDOFTEXT: 199999, ENDOFPROMPT: 200018},
        ),
    ]
}

ALIASES = {"gpt2": "r50k_base", "gpt4": "cl100k_base", "gpt4o": "o200k_base"}

# Model names, as tiktoken's `tiktoken/model.py` maps them (the encodings we ship).
MODEL_TO_ENCODING = {
    "gpt-2": "r50k_base",
    "gpt2": "r50k_base",
    "gpt-3": "r50k_base",
    "davinci": "r50k_base",
    "curie": "r50k_base",
    "babbage": "r50k_base",
    "ada": "r50k_base",
    "text-davinci-001": "r50k_base",
    "text-curie-001": "r50k_base",
    "text-babbage-001": "r50k_base",
    "text-ada-001": "r50k_base",
    "gpt-3.5-turbo": "cl100k_base",
    "gpt-3.5": "cl100k_base",
    "gpt-35-turbo": "cl100k_base",
    "gpt-4": "cl100k_base",
    "davinci-002": "cl100k_base",
    "babbage-002": "cl100k_base",
    "text-embedding-ada-002": "cl100k_base",
    "text-embedding-3-small": "cl100k_base",
    "text-embedding-3-large": "cl100k_base",
    "gpt-4o": "o200k_base",
    "gpt-4.1": "o200k_base",
    "gpt-4.5": "o200k_base",
    "gpt-5": "o200k_base",
    "o1": "o200k_base",
    "o3": "o200k_base",
    "o4-mini": "o200k_base",
}

MODEL_PREFIX_TO_ENCODING = {
    "o1-": "o200k_base",
    "o3-": "o200k_base",
    "o4-mini-": "o200k_base",
    "gpt-5": "o200k_base",
    "gpt-4.5-": "o200k_base",
    "gpt-4.1-": "o200k_base",
    "chatgpt-4o-": "o200k_base",
    "gpt-4o-": "o200k_base",
    "gpt-4-": "cl100k_base",
    "gpt-3.5-turbo-": "cl100k_base",
    "gpt-35-turbo-": "cl100k_base",
    "ft:gpt-4o": "o200k_base",
    "ft:gpt-4": "cl100k_base",
    "ft:gpt-3.5-turbo": "cl100k_base",
}


def list_encoding_names() -> list[str]:
    """The canonical names of the built-in encodings: `['r50k_base', 'cl100k_base', 'o200k_base']`."""
    return list(SPECS)


def resolve_name(name: str) -> str:
    """Canonical encoding name for a name or alias: `resolve_name("gpt4") -> "cl100k_base"`.

    Raises ValueError listing the known names when `name` is none of them.
    """
    key = name.strip().lower() if isinstance(name, str) else name
    if key in SPECS:
        return key
    if key in ALIASES:
        return ALIASES[key]
    known = ", ".join(list(SPECS) + list(ALIASES))
    raise ValueError(f"Unknown encoding {name!r}. Known encodings: {known}.")


def encoding_name_for_model(model: str) -> str:
    """Canonical encoding name used by a model: `encoding_name_for_model("gpt-4o") -> "o200k_base"`."""
    if model in MODEL_TO_ENCODING:
        return MODEL_TO_ENCODING[model]
    for prefix, name in MODEL_PREFIX_TO_ENCODING.items():
        if model.startswith(prefix):
            return name
    known = ", ".join(sorted(MODEL_TO_ENCODING))
    raise ValueError(
        f"Could not map model {model!r} to an encoding. Known models: {known}; "
        f"or use get_encoding() with one of {', '.join(SPECS)}."
    )
