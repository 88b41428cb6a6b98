"""A byte-level BPE engine: exact GPT-2, GPT-4 and GPT-4o tokenization, merge traces and training.

    >>> import tokenizer
    >>> enc = tokenizer.get_encoding("gpt4")
    >>> enc.encode("hello world")
    [15339, 1917]
    >>> enc.decode([15339, 1917])
    'hello world'

The API follows tiktoken's names (`get_encoding`, `encode`, `decode`, `allowed_special`, ...) and
minbpe's for training (`train`, `save`, `load`).
"""

from .chat import chat_encoding, extend, render_chat
from .core import Encoding, UnknownTokenError
from .encodings import encoding_for_model, get_encoding, list_encodings
from .hf_json import ByteLevelBPE, load_tokenizer_json, load_tokenizer_json_file, to_tokenizer_json
from .pretokenize import PatternError
from .registry import ALIASES, PATTERNS
from .trace import Chunk, MergeStep, StepColumns, Trace
from .trained import Tokenizer, load, load_model_text
from .training import train
from .vocab_files import VocabularyFileError, bytes_to_unicode, to_printable

__all__ = [
    "ALIASES",
    "ByteLevelBPE",
    "Chunk",
    "Encoding",
    "MergeStep",
    "StepColumns",
    "PATTERNS",
    "PatternError",
    "Tokenizer",
    "Trace",
    "UnknownTokenError",
    "VocabularyFileError",
    "bytes_to_unicode",
    "chat_encoding",
    "encoding_for_model",
    "extend",
    "get_encoding",
    "list_encodings",
    "load",
    "load_model_text",
    "load_tokenizer_json",
    "load_tokenizer_json_file",
    "render_chat",
    "to_printable",
    "to_tokenizer_json",
    "train",
]
