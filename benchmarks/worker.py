"""One measurement, in a fresh process: `python -m benchmarks.worker '<job as JSON>'`.

The parent (`benchmarks/timing.py`) starts this module once per measurement, so every figure
is taken in a process that has loaded nothing but what the job needs: a "cold" encode is
really the first encode after loading. The job's result is printed as one JSON line. A
reference that crashes (tiktoken panics on some long inputs, which `except Exception` does not
catch) simply makes this process fail, and the parent reports it.

Jobs (`impl` is "ours" or the reference: "tiktoken", or "hf" for Hugging Face `tokenizers`):

- `{"kind": "load", "impl", "encoding"}` -> `{"seconds"}`: building the encoding from its file.
- `{"kind": "encode", "impl", "encoding", "text", "bytes"}` -> `{"seconds", "warm_seconds",
  "tokens", "checksum"}`: the first `encode_ordinary` of the text, then a second one.
- `{"kind": "train", "impl", "text", "bytes", "vocab_size", "pattern"}` -> `{"seconds", "merges"}`.
- `{"kind": "trace", "encoding", "text", "bytes", "lookups"}` -> `{"seconds", "steps"}`: tracing
  the text, then looking up `lookups` random states.
"""

from __future__ import annotations

import json
import random
import sys
import time
import zlib

from .corpora import load_text


def load_ours(encoding: str):
    import tokenizer

    return tokenizer.get_encoding(encoding)


def load_tiktoken(encoding: str, ranks_file: str | None = None):
    """tiktoken's Encoding built offline from our vocabulary files (tiktoken's own registry would download them).

    With `ranks_file` (an uncompressed .tiktoken file), tiktoken reads and parses it itself.
    """
    import tiktoken
    from tiktoken.load import load_tiktoken_bpe

    from tokenizer.registry import SPECS
    from tokenizer.vocab_files import load_tiktoken_file

    spec = SPECS[encoding]
    if ranks_file:
        ranks = load_tiktoken_bpe(ranks_file)
    else:
        ranks = load_tiktoken_file(spec.vocab_file, spec.sha256)
    return tiktoken.Encoding(
        f"reference-{encoding}", pat_str=spec.pattern, mergeable_ranks=ranks, special_tokens=spec.special_tokens
    )


def run_load(job: dict) -> dict:
    if job["impl"] == "ours":
        import tokenizer  # noqa: F401  (the import is not what is measured)

        started = time.perf_counter()
        load_ours(job["encoding"])
    else:
        import tiktoken  # noqa: F401

        started = time.perf_counter()
        load_tiktoken(job["encoding"], job["ranks_file"])
    return {"seconds": time.perf_counter() - started}


def run_encode(job: dict) -> dict:
    load = load_ours if job["impl"] == "ours" else load_tiktoken
    encoding = load(job["encoding"])
    text = load_text(job["text"], job.get("bytes"))
    started = time.perf_counter()
    ids = encoding.encode_ordinary(text)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    encoding.encode_ordinary(text)
    warm = time.perf_counter() - started
    checksum = zlib.crc32(json.dumps(ids).encode())
    return {"seconds": cold, "warm_seconds": warm, "tokens": len(ids), "checksum": checksum}


def run_train(job: dict) -> dict:
    text = load_text(job["text"], job.get("bytes"))
    if job["impl"] == "ours":
        from tokenizer.training import train

        started = time.perf_counter()
        trained = train(text, job["vocab_size"], pattern=job["pattern"])
        return {"seconds": time.perf_counter() - started, "merges": len(trained.merges)}
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    if job["pattern"] != "gpt2":
        raise ValueError("The Hugging Face reference trains with the GPT-2 pattern only.")
    # Lines, as a file is usually fed to it: lets the reference use all cores.
    lines = text.splitlines(keepends=True)
    started = time.perf_counter()
    hf = Tokenizer(models.BPE())
    hf.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    trainer = trainers.BpeTrainer(
        vocab_size=job["vocab_size"], initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False
    )
    hf.train_from_iterator(lines, trainer=trainer)
    return {"seconds": time.perf_counter() - started, "merges": hf.get_vocab_size() - 256}


def run_trace(job: dict) -> dict:
    encoding = load_ours(job["encoding"])
    text = load_text(job["text"], job.get("bytes"))
    rng = random.Random(job.get("seed", 0))
    started = time.perf_counter()
    trace = encoding.trace(text)
    for _ in range(job["lookups"]):
        trace.state(rng.randint(0, len(trace)))
    return {"seconds": time.perf_counter() - started, "steps": len(trace)}


JOBS = {"load": run_load, "encode": run_encode, "train": run_train, "trace": run_trace}


def main(argv: list[str]) -> None:
    job = json.loads(argv[0])
    print(json.dumps(JOBS[job["kind"]](job)))


if __name__ == "__main__":
    main(sys.argv[1:])
