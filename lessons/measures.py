"""The numbers the Lessons page charts, measured with the engine (no Streamlit here).

- `language_costs`: what one sentence costs in several languages and encodings (lesson 4);
- `training_comparison`: a tokenizer trained from scratch on a corpus against GPT-2 and GPT-4
  on that same corpus (lesson 11).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import tokenizer

ENCODINGS = ("r50k_base", "cl100k_base", "o200k_base")


@dataclass(frozen=True)
class LanguageCost:
    """The tokens one encoding needs for a text in one language."""

    language: str
    encoding: str
    n_tokens: int
    n_characters: int

    @property
    def tokens_per_character(self) -> float:
        """Tokens divided by characters (0 for an empty text)."""
        return self.n_tokens / self.n_characters if self.n_characters else 0.0


def language_costs(texts: Mapping[str, str], encodings: Sequence[str] = ENCODINGS) -> list[LanguageCost]:
    """One `LanguageCost` per (encoding, language), encodings in the order given.

    >>> [cost.n_tokens for cost in language_costs({"English": "hello world"}, ["cl100k_base"])]
    [2]
    """
    costs = []
    for name in encodings:
        encoding = tokenizer.get_encoding(name)
        for language, text in texts.items():
            costs.append(LanguageCost(language, name, len(encoding.encode_ordinary(text)), len(text)))
    return costs


@dataclass(frozen=True)
class TrainingComparison:
    """A tokenizer trained on `corpus` next to the built-in encodings on the same text."""

    n_characters: int
    n_bytes: int
    vocab_size: int
    first_merges: tuple[bytes, ...]
    trained_tokens: int
    builtin_tokens: dict[str, int]


def training_comparison(corpus: str, vocab_size: int, pattern: str = "gpt4", first: int = 30) -> TrainingComparison:
    """Train on `corpus` to `vocab_size` tokens and count the tokens it, GPT-2 and GPT-4 cut the
    corpus into; `first_merges` holds the bytes of its first `first` learned tokens."""
    trained = tokenizer.train(corpus, vocab_size, pattern)
    learned = list(trained.merges.values())[:first]
    return TrainingComparison(
        n_characters=len(corpus),
        n_bytes=len(corpus.encode("utf-8")),
        vocab_size=256 + len(trained.merges),
        first_merges=tuple(trained.vocab[token] for token in learned),
        trained_tokens=len(trained.encode_ordinary(corpus)),
        builtin_tokens={name: len(tokenizer.get_encoding(name).encode_ordinary(corpus)) for name in ("r50k_base", "cl100k_base")},
    )
