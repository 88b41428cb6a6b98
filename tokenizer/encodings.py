"""Getting ready-made encodings by name: loaded once per process, then shared.

`get_encoding("gpt4")` reads and verifies `assets/vocab/cl100k_base.tiktoken.gz` the first time
it is asked for and returns the same `Encoding` object on every later call.
"""

from __future__ import annotations

import threading

from .core import Encoding
from .registry import SPECS, encoding_name_for_model, list_encoding_names, resolve_name
from .vocab_files import load_tiktoken_file

_loaded: dict[str, Encoding] = {}
_lock = threading.Lock()


def get_encoding(name: str) -> Encoding:
    """The encoding called `name` (canonical name or alias), ready to use.

    >>> get_encoding("gpt4").name
    'cl100k_base'
    """
    canonical = resolve_name(name)
    encoding = _loaded.get(canonical)
    if encoding is None:
        with _lock:  # two threads asking at once load the file once
            encoding = _loaded.get(canonical)
            if encoding is None:
                spec = SPECS[canonical]
                encoding = Encoding(
                    spec.name,
                    pat_str=spec.pattern,
                    mergeable_ranks=load_tiktoken_file(spec.vocab_file, spec.sha256),
                    special_tokens=spec.special_tokens,
                    explicit_n_vocab=spec.explicit_n_vocab,
                )
                _loaded[canonical] = encoding
    return encoding


def encoding_for_model(model_name: str) -> Encoding:
    """The encoding a model uses: `encoding_for_model("gpt-4o").name == "o200k_base"`."""
    return get_encoding(encoding_name_for_model(model_name))


def list_encodings() -> list[str]:
    """The names of the built-in encodings."""
    return list_encoding_names()
