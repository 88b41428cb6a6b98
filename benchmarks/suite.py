"""What the benchmark measures: each group of measurements, as rows of ours vs the reference.

Groups (`python -m benchmarks --only GROUP`):

- `load`: `get_encoding` in a fresh process, vs tiktoken reading and building the same ranks;
- `encode`: `encode_ordinary` of each corpus, cold (the first encode in a fresh process) and
  warm (the second), vs tiktoken, for each encoding;
- `long`: one chunk of 300 KB of letters with no space, and 1 MB of spaces, vs tiktoken;
- `train`: 1 MB of English to 4,096 tokens with the GPT-2 pattern, vs Hugging Face `tokenizers`;
  and 200 KB with no split to 1,024 tokens (no reference);
- `trace`: tracing 100 KB of English and looking up 20 random states (no reference).

The reference is always built offline from our own vocabulary files (see `worker.py`).
"""

from __future__ import annotations

import gzip
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from .corpora import CORPORA, CORPUS_TITLES, load_corpus
from .timing import Measurement, best_of, best_of_each

ALL_ENCODINGS = ["r50k_base", "cl100k_base", "o200k_base"]
ENCODE_TARGETS = {"english": 1.5, "python": 1.5, "many_scripts": 3.0}
LONG_RUN_TARGET = 10.0


@dataclass(frozen=True)
class Settings:
    """Sizes and repeat counts of one benchmark run (`FULL` or `QUICK`)."""

    encodings: tuple[str, ...]
    corpus_bytes: int | None  # None: the whole corpus (at least 1 MB)
    encode_repeats: int
    load_repeats: int
    letters_bytes: int
    spaces_bytes: int
    long_repeats: int
    train_bytes: int
    train_vocab_size: int
    no_split_bytes: int
    no_split_vocab_size: int
    train_repeats: int
    trace_bytes: int
    trace_lookups: int
    trace_repeats: int


FULL = Settings(
    encodings=tuple(ALL_ENCODINGS),
    corpus_bytes=None,
    encode_repeats=5,
    load_repeats=3,
    letters_bytes=300_000,
    spaces_bytes=1_000_000,
    long_repeats=2,
    train_bytes=1_000_000,
    train_vocab_size=4096,
    no_split_bytes=200_000,
    no_split_vocab_size=1024,
    train_repeats=2,
    trace_bytes=100_000,
    trace_lookups=20,
    trace_repeats=2,
)

# A smoke test: every kind of measurement once, on small inputs, in about fifteen seconds.
QUICK = replace(
    FULL,
    encodings=("cl100k_base",),
    corpus_bytes=50_000,
    encode_repeats=1,
    load_repeats=1,
    letters_bytes=20_000,
    spaces_bytes=50_000,
    long_repeats=1,
    train_bytes=50_000,
    train_vocab_size=512,
    no_split_bytes=10_000,
    no_split_vocab_size=300,
    train_repeats=1,
    trace_bytes=10_000,
    trace_lookups=20,
    trace_repeats=1,
)


@dataclass
class Row:
    """One line of the table: our time, the reference's, and the target.

    `target_ratio` is a bound on ours / reference; `target_seconds` a bound on our time alone;
    with neither, the row is for information.
    """

    benchmark: str
    encoding: str
    ours: Measurement
    reference: Measurement | None = None
    target_ratio: float | None = None
    target_seconds: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """Our time over the reference's (None when either is missing)."""
        if self.reference is None or self.reference.seconds is None or self.ours.seconds is None:
            return None
        return self.ours.seconds / self.reference.seconds

    @property
    def met(self) -> bool | None:
        """Whether the target is met (None: no target, or nothing to compare with)."""
        if self.ours.seconds is None:
            return False if (self.target_ratio or self.target_seconds) else None
        if self.target_seconds is not None:
            return self.ours.seconds <= self.target_seconds
        if self.target_ratio is not None and self.ratio is not None:
            return self.ratio <= self.target_ratio
        return None


Report = Callable[[str], None]


def size_label(n_bytes: int) -> str:
    """`1 MB`, `300 KB`, `512 B` (decimal units, rounded)."""
    if n_bytes >= 1_000_000:
        return f"{n_bytes / 1_000_000:.0f} MB"
    if n_bytes >= 1_000:
        return f"{n_bytes / 1_000:.0f} KB"
    return f"{n_bytes} B"


def corpus_size_label(settings: Settings, name: str) -> str:
    if settings.corpus_bytes is not None:
        return size_label(settings.corpus_bytes)
    return size_label(len(load_corpus(name).encode("utf-8")))


def measure_load(settings: Settings, report: Report) -> list[Row]:
    rows = []
    from tokenizer.registry import SPECS

    assets = Path(__file__).resolve().parent.parent / "assets" / "vocab"
    with tempfile.TemporaryDirectory(prefix="tokenizer-bench-") as folder:
        for encoding in ALL_ENCODINGS:
            # tiktoken reads uncompressed .tiktoken files: give it one, as it would download it.
            ranks_file = Path(folder) / f"{encoding}.tiktoken"
            ranks_file.write_bytes(gzip.decompress((assets / SPECS[encoding].vocab_file).read_bytes()))
            report(f"load {encoding}")
            job = {"kind": "load", "encoding": encoding}
            ours, reference = best_of_each(
                [{**job, "impl": "ours"}, {**job, "impl": "tiktoken", "ranks_file": str(ranks_file)}], settings.load_repeats
            )
            target = 0.3 if encoding == "cl100k_base" else None
            rows.append(Row("load (get_encoding, fresh process)", encoding, ours, reference, target_seconds=target))
    return rows


def compare_encodes(encoding: str, text: str, n_bytes: int | None, repeats: int) -> tuple[Measurement, Measurement, str]:
    """Ours and tiktoken's encode of one text in fresh processes, and a note if their ids differ."""
    job = {"kind": "encode", "encoding": encoding, "text": text, "bytes": n_bytes}
    ours, reference = best_of_each([{**job, "impl": "ours"}, {**job, "impl": "tiktoken"}], repeats)
    note = ""
    if ours.crashed:
        note = f"ours failed: {ours.error}"
    elif reference.crashed:
        note = "reference crashed"
    elif (ours.result["tokens"], ours.result["checksum"]) != (reference.result["tokens"], reference.result["checksum"]):
        note = "ids differ from tiktoken's!"
    return ours, reference, note


def measure_encode(settings: Settings, report: Report) -> list[Row]:
    cold, warm = [], []
    for encoding in settings.encodings:
        for corpus in CORPORA:
            report(f"encode {corpus} {encoding}")
            ours, reference, note = compare_encodes(encoding, corpus, settings.corpus_bytes, settings.encode_repeats)
            label = f"{CORPUS_TITLES[corpus]} {corpus_size_label(settings, corpus)}"
            cold.append(Row(f"encode cold: {label}", encoding, ours, reference, target_ratio=ENCODE_TARGETS[corpus], note=note))
            warm_ours = Measurement(ours.result.get("warm_seconds"), crashed=ours.crashed)
            warm_reference = Measurement(reference.result.get("warm_seconds"), crashed=reference.crashed)
            warm.append(Row(f"encode warm: {label}", encoding, warm_ours, warm_reference, note=note))
    return cold + warm


def measure_long_runs(settings: Settings, report: Report) -> list[Row]:
    rows = []
    cases = [
        ("letters", settings.letters_bytes, "letters, no space (one chunk)"),
        ("spaces", settings.spaces_bytes, "spaces"),
    ]
    for text, n_bytes, title in cases:
        for encoding in settings.encodings:
            report(f"encode {size_label(n_bytes)} of {text} {encoding}")
            ours, reference, note = compare_encodes(encoding, text, n_bytes, settings.long_repeats)
            rows.append(Row(f"encode cold: {size_label(n_bytes)} {title}", encoding, ours, reference, target_ratio=LONG_RUN_TARGET, note=note))
    return rows


def measure_training(settings: Settings, report: Report) -> list[Row]:
    vocab, n_bytes = settings.train_vocab_size, settings.train_bytes
    report(f"train {size_label(n_bytes)} to {vocab}")
    job = {"kind": "train", "text": "english", "bytes": n_bytes, "vocab_size": vocab, "pattern": "gpt2"}
    ours, reference = best_of_each([{**job, "impl": "ours"}, {**job, "impl": "hf"}], settings.train_repeats)
    note = ""
    if ours.crashed:
        note = f"ours failed: {ours.error}"
    elif reference.crashed:
        note = f"reference failed: {reference.error}"
    elif ours.result["merges"] != reference.result["merges"]:
        note = f"{ours.result['merges']} merges vs {reference.result['merges']}"
    label = f"train: English {size_label(n_bytes)} to {vocab:,}, GPT-2 pattern (ref: HF tokenizers)"
    rows = [Row(label, "-", ours, reference, target_ratio=1.0, note=note)]

    vocab, n_bytes = settings.no_split_vocab_size, settings.no_split_bytes
    report(f"train {size_label(n_bytes)} to {vocab}, no split")
    job = {"kind": "train", "impl": "ours", "text": "english", "bytes": n_bytes, "vocab_size": vocab, "pattern": None}
    ours = best_of(job, settings.train_repeats)
    note = f"ours failed: {ours.error}" if ours.crashed else ""
    rows.append(Row(f"train: English {size_label(n_bytes)} to {vocab:,}, no split", "-", ours, target_seconds=10.0, note=note))
    return rows


def measure_trace(settings: Settings, report: Report) -> list[Row]:
    encoding = "cl100k_base"
    report(f"trace {size_label(settings.trace_bytes)}")
    job = {"kind": "trace", "encoding": encoding, "text": "english", "bytes": settings.trace_bytes, "lookups": settings.trace_lookups}
    ours = best_of(job, settings.trace_repeats)
    note = f"ours failed: {ours.error}" if ours.crashed else f"{ours.result['steps']:,} merge steps"
    label = f"trace: English {size_label(settings.trace_bytes)} + {settings.trace_lookups} random states"
    return [Row(label, encoding, ours, target_seconds=2.0, note=note)]


GROUPS: dict[str, Callable[[Settings, Report], list[Row]]] = {
    "load": measure_load,
    "encode": measure_encode,
    "long": measure_long_runs,
    "train": measure_training,
    "trace": measure_trace,
}
