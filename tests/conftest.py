"""Shared test setup: the repo root on sys.path, and offline tiktoken references."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ENCODING_NAMES = ["r50k_base", "cl100k_base", "o200k_base"]


def tiktoken_reference(name: str):
    """tiktoken's Encoding for `name`, built offline from our own asset files (never downloaded)."""
    import tiktoken

    import tokenizer
    from tokenizer.registry import SPECS

    spec = SPECS[name]
    return tiktoken.Encoding(
        f"reference-{name}",
        pat_str=spec.pattern,
        mergeable_ranks=tokenizer.get_encoding(name).mergeable_ranks,
        special_tokens=spec.special_tokens,
    )


_references: dict = {}


@pytest.fixture(params=ENCODING_NAMES)
def encoding_pair(request):
    """`(ours, tiktoken's)` for each built-in encoding."""
    import tokenizer

    name = request.param
    if name not in _references:
        _references[name] = tiktoken_reference(name)
    return tokenizer.get_encoding(name), _references[name]
