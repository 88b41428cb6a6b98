"""`python -m benchmarks`: our engine's speed next to tiktoken's and Hugging Face's, in one table.

    python -m benchmarks               # everything, a few minutes
    python -m benchmarks --quick       # a smoke test on small inputs, seconds
    python -m benchmarks --only encode,long --markdown

Every figure is the best of a few fresh processes (see `benchmarks/timing.py`); what each
group measures is described in `benchmarks/suite.py`, the corpora in `benchmarks/corpora.py`.
"""

from __future__ import annotations

import argparse
import sys
import time

from .corpora import CORPORA, load_corpus
from .report import machine_summary, markdown_table, plain_table
from .suite import FULL, GROUPS, QUICK


def parse_groups(value: str) -> list[str]:
    """`--only` as a list of group names, in the table's order; unknown names are an error."""
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in GROUPS]
    if unknown or not names:
        given = ", ".join(map(repr, unknown)) if unknown else repr(value)
        raise argparse.ArgumentTypeError(f"unknown group {given}; choose from {', '.join(GROUPS)}")
    return [name for name in GROUPS if name in names]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time our tokenizer against tiktoken (encoding) and Hugging Face tokenizers (training).",
    )
    parser.add_argument("--quick", action="store_true", help="small inputs, one run each: a smoke test")
    parser.add_argument(
        "--only", type=parse_groups, metavar="GROUP[,GROUP]", help=f"run only these groups: {', '.join(GROUPS)}"
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = QUICK if args.quick else FULL
    groups = args.only or list(GROUPS)
    started = time.perf_counter()

    def report(step: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {step}", file=sys.stderr, flush=True)

    for name in CORPORA:  # generated once, before any timing
        load_corpus(name)
    rows = []
    for group in groups:
        rows.extend(GROUPS[group](settings, report))
    repeats = f"best of {settings.encode_repeats} fresh processes per encode figure"
    print(machine_summary(repeats + (" (--quick: small inputs)" if args.quick else "")))
    print()
    print(markdown_table(rows) if args.markdown else plain_table(rows))
    report("done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
