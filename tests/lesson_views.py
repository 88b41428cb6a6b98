"""What a lesson's link must draw, computed with the engine: the AppTest and browser tests of the
lessons compare the token views a link opens with these."""

from __future__ import annotations

import tokenizer
from lessons import LessonLink
from tokenizer.registry import resolve_name

# The page file behind each URL path, and the name its widgets' keys start with.
PAGE_FILES = {
    "": ("app_pages/tokenize.py", "tokenize"),
    "merges": ("app_pages/merges.py", "merges"),
    "compare": ("app_pages/compare.py", "compare"),
    "train": ("app_pages/train.py", "train"),
    "vocabulary": ("app_pages/vocabulary.py", "vocabulary"),
    "embeddings": ("app_pages/embeddings.py", "embeddings"),
}


def _ids(name: str, text: str, special: bool) -> list[int]:
    encoding = tokenizer.get_encoding(name)
    return encoding.encode(text, allowed_special="all") if special else encoding.encode_ordinary(text)


def expected_views(link: LessonLink) -> list[tuple[str, list[int]]]:
    """`[(data-encoding, token ids)]` of every token view the link's page must draw, in order
    (empty for pages whose lesson is not about tokens: Train, Vocabulary)."""
    query = link.query
    special = query.get("special", "1") == "1"
    if link.page in ("", "embeddings"):
        name = resolve_name(query["encoding"])
        return [(name, _ids(name, query["text"], special))]
    if link.page == "compare":
        names = [resolve_name(alias) for alias in query["encodings"].split(",")]
        return [(name, _ids(name, query["text"], special)) for name in names]
    if link.page == "merges":
        name = resolve_name(query["encoding"])
        encoding = tokenizer.get_encoding(name)
        step = int(query["step"])
        if query["mode"] == "encoding":
            return [(name, encoding.trace(query["text"]).state(step))]
        assert step == 0, "a learned-merges lesson starts at step 0: one token per byte"
        trained = tokenizer.train(query["text"], int(query["vocab_size"]), encoding.pat_str)
        return [(trained.name, list(query["text"].encode("utf-8")))]
    return []
