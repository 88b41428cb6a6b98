"""The command line: `python -m tokenizer encode | decode | count | compare | train`.

    $ python -m tokenizer encode "hello world"
    15339 1917
    $ python -m tokenizer decode 15339 1917
    hello world
    $ python -m tokenizer count -e gpt2 -f book.txt
    $ python -m tokenizer compare "Hello, 世界" --tokens
    $ python -m tokenizer train -f book.txt --vocab-size 1024 --pattern gpt4 -o book

Text comes from the argument, from `-f/--file`, or from standard input when neither is given,
and is used exactly as given (a trailing newline from `echo` counts). Every mistake in the input
(an unknown encoding, a file that is not UTF-8, an id that is not a token) ends with a message
on stderr and exit code 2, never a traceback. `main(argv)` returns the exit code, so tests can
call it directly.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Sequence

from .registry import PATTERNS, SPECS

DEFAULT_ENCODING = "cl100k_base"
DEFAULT_COMPARE = "gpt2,gpt4,gpt4o"
EXIT_BAD_INPUT = 2
# Between tokens in `compare --tokens`: a box-drawing bar, since "|" is itself a common token.
TOKEN_SEPARATOR = "\u2502"
EXIT_BROKEN_INSTALL = 1


class CommandError(Exception):
    """A mistake the user can fix: printed as `error: <message>` with an exit code, no traceback."""

    def __init__(self, message: str, exit_code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.exit_code = exit_code


# ---------------------------------------------------------------------------- reading input


def read_input_text(text: str | None, file: str | None) -> str:
    """The text to work on: the argument, else the file (`-` is stdin), else standard input."""
    if text is not None and file is not None:
        raise CommandError("Give the text either as an argument or with --file, not both.")
    if text is not None:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise CommandError(
                "The text argument is not valid UTF-8 (your terminal passed undecodable bytes). "
                "Save it to a file in UTF-8 and use --file."
            ) from None
        return text
    if file is not None and file != "-":
        return decode_utf8(read_file_bytes(file), f"The file {file!r}")
    return decode_utf8(read_stdin_bytes(), "Standard input")


def read_file_bytes(path: str) -> bytes:
    """The bytes of the file at `path`, or a CommandError saying why it cannot be read."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise CommandError(f"No such file: {path!r}.") from None
    except IsADirectoryError:
        raise CommandError(f"{path!r} is a directory; give a text file.") from None
    except OSError as exc:
        raise CommandError(f"Cannot read {path!r}: {exc.strerror or exc}.") from None


def read_stdin_bytes() -> bytes:
    """Everything on standard input, as bytes."""
    if sys.stdin is None:
        raise CommandError("No text given: pass it as an argument, with --file, or on standard input.")
    if sys.stdin.isatty():
        print("Reading text from standard input; end it with Ctrl-D.", file=sys.stderr)
    source = getattr(sys.stdin, "buffer", None)
    if source is None:  # a text stream without a buffer (an embedding, a test harness)
        return sys.stdin.read().encode("utf-8", "surrogateescape")
    return source.read()


def decode_utf8(data: bytes, what: str) -> str:
    """`data` as UTF-8 text, or a CommandError pointing at the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"{what} is not valid UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start} "
            "cannot be decoded. Convert it to UTF-8 first (for example with `iconv -t UTF-8`)."
        ) from None


def parse_token_ids(text: str) -> list[int]:
    """Token ids written as `1 2 3`, `1,2,3` or a JSON list `[1, 2, 3]`.

    >>> parse_token_ids("[15339, 1917]")
    [15339, 1917]
    """
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            values = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise CommandError(f"The token ids look like a JSON list but are not valid JSON: {exc}.") from None
        if not isinstance(values, list):
            raise CommandError("The token ids look like a JSON list but are not one.")
        for value in values:
            if not isinstance(value, int) or isinstance(value, bool):
                raise CommandError(f"{json.dumps(value)} is not a token id: token ids are whole numbers.")
        return values
    ids = []
    for word in re.split(r"[\s,]+", stripped):
        if not word:
            continue
        if not re.fullmatch(r"[+-]?\d+", word):
            raise CommandError(
                f"{word!r} is not a token id: give whole numbers separated by spaces or commas, "
                "or a JSON list such as [15339, 1917]."
            )
        ids.append(int(word))
    return ids


# ---------------------------------------------------------------------------- encodings


def open_encoding(name: str):
    """The encoding for a name, alias, model name, a `.model` file saved by `train`, or a `tokenizer.json`."""
    if name.endswith((".model", ".json")) or Path(name).is_file():
        return load_trained_model(name)
    from .encodings import encoding_for_model, get_encoding
    from .vocab_files import VocabularyFileError

    try:
        try:
            return get_encoding(name)
        except ValueError as unknown:
            try:
                return encoding_for_model(name)
            except ValueError:
                raise CommandError(
                    f"{unknown} Or give a model name such as gpt-4o, or a .model file saved by `train`."
                ) from None
    except VocabularyFileError as exc:
        raise CommandError(str(exc), EXIT_BROKEN_INSTALL) from None


def load_trained_model(path: str):
    """A tokenizer saved by `train -o PREFIX` (its `PREFIX.model` file), or a Hugging Face
    byte-level BPE `tokenizer.json` (any file whose name ends in `.json`)."""
    try:
        from . import load, load_tokenizer_json_file
    except ImportError:
        raise CommandError("This version of the tokenizer cannot load .model files.") from None
    if not Path(path).is_file():
        raise CommandError(f"No such model file: {path!r}.")
    try:
        if path.lower().endswith(".json"):
            return load_tokenizer_json_file(path)
        return load(path)
    except (ValueError, OSError) as exc:
        raise CommandError(f"Cannot load {path!r}: {exc}") from None


def encoding_label(encoding) -> str:
    """A short human name: `GPT-4` for cl100k_base, the name itself otherwise."""
    spec = SPECS.get(getattr(encoding, "name", ""))
    return spec.label if spec else str(getattr(encoding, "name", "trained"))


def encode_text(encoding, text: str, allow_special: bool) -> list[int]:
    """Token ids of `text`; special-token strings are ordinary text unless `allow_special`."""
    if allow_special:
        return encoding.encode(text, allowed_special="all")
    return encoding.encode(text, disallowed_special=())


def token_label(token: bytes) -> str:
    """A token's bytes as readable text: UTF-8 where possible, `\\xNN` for stray bytes, and
    visible escapes for newlines and tabs.

    >>> token_label(b" hi\\n")
    ' hi\\\\n'
    >>> token_label(b"\\xe4\\xb8")
    '\\\\xe4\\\\xb8'
    """
    text = token.decode("utf-8", "backslashreplace")
    return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def token_labels(encoding, ids: Sequence[int]) -> list[str]:
    """`token_label` of each id."""
    return [token_label(encoding.decode_single_token_bytes(token)) for token in ids]


# ---------------------------------------------------------------------------- commands


def run_encode(args: argparse.Namespace) -> None:
    encoding = open_encoding(args.encoding)
    ids = encode_text(encoding, read_input_text(args.text, args.file), args.allow_special)
    if args.json and args.tokens:
        rows = [{"id": token, "token": label} for token, label in zip(ids, token_labels(encoding, ids))]
        print(json.dumps(rows, ensure_ascii=False))
    elif args.json:
        print(json.dumps(ids))
    elif args.tokens:
        for token, label in zip(ids, token_labels(encoding, ids)):
            print(f"{token}\t{label}")
    else:
        print(" ".join(map(str, ids)))


def run_decode(args: argparse.Namespace) -> None:
    encoding = open_encoding(args.encoding)
    if args.ids and args.file is not None:
        raise CommandError("Give the token ids either as arguments or with --file, not both.")
    source = " ".join(args.ids) if args.ids else read_input_text(None, args.file)
    ids = parse_token_ids(source)
    for token in ids:
        try:
            encoding.decode_single_token_bytes(token)
        except (KeyError, ValueError) as exc:
            raise CommandError(str(exc).strip("'\"")) from None
    text = encoding.decode(ids)
    if args.json:
        print(json.dumps(text, ensure_ascii=False))
    else:
        # Exactly the decoded text, no newline added: `encode -f a.txt | decode` gives a.txt back.
        sys.stdout.write(text)
        sys.stdout.flush()


def run_count(args: argparse.Namespace) -> None:
    encoding = open_encoding(args.encoding)
    text = read_input_text(args.text, args.file)
    count = len(encode_text(encoding, text, args.allow_special))
    if args.json:
        print(json.dumps({"encoding": encoding.name, "tokens": count, "characters": len(text)}))
    else:
        print(count)


def run_compare(args: argparse.Namespace) -> None:
    names = [name.strip() for name in args.encodings.split(",") if name.strip()]
    if not names:
        raise CommandError("Give at least one encoding to compare, e.g. -e gpt2,gpt4,gpt4o.")
    encodings = [open_encoding(name) for name in names]
    text = read_input_text(args.text, args.file)
    rows = []
    for encoding in encodings:
        ids = encode_text(encoding, text, args.allow_special)
        rows.append(
            {
                "encoding": encoding.name,
                "model": encoding_label(encoding),
                "tokens": len(ids),
                "chars_per_token": round(len(text) / len(ids), 2) if ids else None,
                "ratio": round(len(ids) / rows[0]["tokens"], 3) if rows and rows[0]["tokens"] else None,
                "ids": ids,
            }
        )
    if rows:
        rows[0]["ratio"] = 1.0 if rows[0]["tokens"] else None
    if args.json:
        for row, encoding in zip(rows, encodings):
            if args.tokens:
                row["token_texts"] = token_labels(encoding, row["ids"])
            else:
                del row["ids"]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    print(f"{len(text):,} characters, {len(text.encode('utf-8')):,} bytes")
    first = rows[0]["model"]
    table = [["encoding", "model", "tokens", "chars/token", f"vs {first}"]]
    for row in rows:
        table.append(
            [
                row["encoding"],
                row["model"],
                f"{row['tokens']:,}",
                "-" if row["chars_per_token"] is None else f"{row['chars_per_token']:.2f}",
                "-" if row["ratio"] is None else f"{row['ratio']:.2f}x",
            ]
        )
    print(format_table(table, right_aligned={2, 3, 4}))
    if args.tokens:
        for row, encoding in zip(rows, encodings):
            print(f"\n{row['encoding']} ({row['tokens']} tokens):")
            print(TOKEN_SEPARATOR.join(token_labels(encoding, row["ids"])))


def format_table(rows: list[list[str]], right_aligned: set[int] = frozenset()) -> str:
    """Rows of cells as aligned plain-text columns (the first row is the header)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell.rjust(w) if i in right_aligned else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def split_pattern_from_option(value: str) -> str | None:
    """`--pattern` as `train` takes it: a named pattern, None for `none`, or the regex itself."""
    if value.lower() == "none":
        return None
    return value.lower() if value.lower() in PATTERNS else value


class ProgressLine:
    """`progress(done, total)` drawn on stderr: one redrawn line on a terminal, a few lines otherwise."""

    def __init__(self, label: str, stream=None):
        self.label = label
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty()
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        step = 1 if self.interactive else 25
        if percent // step == self.shown // step and self.shown >= 0:
            return
        self.shown = percent
        message = f"{self.label}: {done:,}/{total:,} merges ({percent}%)"
        if self.interactive:
            self.stream.write("\r" + message)
        else:
            self.stream.write(message + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.interactive and self.shown >= 0:
            self.stream.write("\n")
            self.stream.flush()


def run_train(args: argparse.Namespace) -> None:
    from .training import train

    text = read_input_text(args.text, args.file)
    pattern = split_pattern_from_option(args.pattern)
    special_tokens = list(dict.fromkeys(args.special or []))  # ids follow the last merge
    if args.output:
        check_output_prefix(args.output)
    progress = None if args.quiet else ProgressLine("training")
    started = time.perf_counter()
    try:
        trained = train(text, args.vocab_size, pattern=pattern, special_tokens=special_tokens or None, progress=progress)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    finally:
        if progress is not None:
            progress.finish()
    seconds = time.perf_counter() - started
    saved = []
    if args.output:
        try:
            trained.save(args.output)
        except OSError as exc:
            raise CommandError(f"Cannot save to {args.output!r}: {exc.strerror or exc}.") from None
        saved = [f"{args.output}.model", f"{args.output}.vocab"]
    merges = list(trained.merges.items())
    counts = trained.merge_counts
    n_bytes = len(text.encode("utf-8"))
    tokens = len(trained.encode_ordinary(text))
    summary = {
        "merges": len(merges),
        "vocab_size": 256 + len(merges) + len(special_tokens),
        "pattern": trained.pattern_name,
        "bytes": n_bytes,
        "tokens": tokens,
        "seconds": round(seconds, 3),
        "saved": saved,
    }
    if args.json:
        print(json.dumps(summary))
        return
    ratio = f", {n_bytes / tokens:.2f} bytes per token" if tokens else ""
    print(f"Trained {len(merges):,} merges on {n_bytes:,} bytes in {seconds:.2f} s (pattern: {trained.pattern_name}).")
    print(f"Vocabulary: {summary['vocab_size']:,} tokens; the text becomes {tokens:,} tokens{ratio}.")
    if len(merges) < args.vocab_size - 256:
        print("Training stopped early: no pair of tokens was left to merge.")
    shown = merges[: max(args.show, 0)]
    if shown:
        print(f"First {len(shown)} merges:")
        vocab = trained.vocab
        for ((left, right), new), count in zip(shown, counts or [None] * len(shown)):
            pieces = [token_label(vocab[i]) for i in (left, right, new)]
            seen = f"  ({count:,} times)" if count is not None else ""
            print(f"  {new:>6}  {pieces[0]!r} + {pieces[1]!r} -> {pieces[2]!r}{seen}")
    for path in saved:
        print(f"Saved {path}")


def check_output_prefix(prefix: str) -> None:
    """Refuse, before training, an output prefix whose folder does not exist."""
    folder = Path(prefix).parent
    if not folder.is_dir():
        raise CommandError(f"Cannot save to {prefix!r}: the folder {str(folder)!r} does not exist.")


# ---------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser for `python -m tokenizer`."""
    parser = argparse.ArgumentParser(
        prog="python -m tokenizer",
        description="Tokenize text with GPT-2, GPT-4 and GPT-4o's BPE encodings, or train your own.",
        epilog="Encodings: r50k_base (gpt2), cl100k_base (gpt4), o200k_base (gpt4o), a model name "
        "such as gpt-4o, a .model file saved by `train`, or a Hugging Face byte-level BPE tokenizer.json. Run `python -m tokenizer COMMAND --help` "
        "for a command's options.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add_text_source(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("text", nargs="?", help="the text (default: read --file, or standard input)")
        sub.add_argument("-f", "--file", help="read the text from this UTF-8 file ('-' for standard input)")

    def add_encoding(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "-e", "--encoding", default=DEFAULT_ENCODING, help=f"encoding name or alias (default: {DEFAULT_ENCODING}, i.e. gpt4)"
        )

    def add_allow_special(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--allow-special",
            action="store_true",
            help="turn special-token strings such as <|endoftext|> into their special ids "
            "(by default they are encoded as ordinary text)",
        )

    encode = commands.add_parser("encode", help="text to token ids", description="Print the token ids of a text.")
    add_text_source(encode)
    add_encoding(encode)
    add_allow_special(encode)
    encode.add_argument("--json", action="store_true", help="print a JSON list instead of space-separated ids")
    encode.add_argument("--tokens", action="store_true", help="print each id with its token's text, one per line")
    encode.set_defaults(run=run_encode)

    decode = commands.add_parser(
        "decode",
        help="token ids to text",
        description="Print the text of token ids given as arguments, in a file, or on standard input: "
        "separated by spaces or commas, or as a JSON list. The text is written exactly, with no newline added.",
    )
    decode.add_argument("ids", nargs="*", help="token ids (default: read --file, or standard input)")
    decode.add_argument("-f", "--file", help="read the ids from this file ('-' for standard input)")
    add_encoding(decode)
    decode.add_argument("--json", action="store_true", help="print the text as a JSON string")
    decode.set_defaults(run=run_decode)

    count = commands.add_parser("count", help="number of tokens", description="Print the number of tokens of a text.")
    add_text_source(count)
    add_encoding(count)
    add_allow_special(count)
    count.add_argument("--json", action="store_true", help="print the encoding, token and character counts as JSON")
    count.set_defaults(run=run_count)

    compare = commands.add_parser(
        "compare",
        help="several encodings side by side",
        description="Tokenize one text with several encodings: token counts, characters per token, "
        "and each count relative to the first encoding's.",
    )
    add_text_source(compare)
    compare.add_argument(
        "-e",
        "--encodings",
        "--encoding",
        default=DEFAULT_COMPARE,
        help=f"comma-separated encodings (default: {DEFAULT_COMPARE})",
    )
    add_allow_special(compare)
    compare.add_argument("--tokens", action="store_true", help="also show how each encoding cuts the text")
    compare.add_argument("--json", action="store_true", help="print the comparison as JSON")
    compare.set_defaults(run=run_compare)

    train = commands.add_parser(
        "train",
        help="train a BPE tokenizer on a text",
        description="Train a byte-level BPE tokenizer (minbpe's algorithm) on a text and optionally save it "
        "as PREFIX.model and PREFIX.vocab. Progress is shown on stderr.",
    )
    add_text_source(train)
    train.add_argument("--vocab-size", type=int, default=512, help="tokens in the vocabulary, at least 256 (default: 512)")
    train.add_argument(
        "--pattern",
        default="gpt4",
        help="split pattern: gpt2, gpt4, gpt4o, none (no split), or a regular expression of your own (default: gpt4)",
    )
    train.add_argument("--special", action="append", metavar="TOKEN", help="add a special token (repeatable)")
    train.add_argument("-o", "--output", metavar="PREFIX", help="save PREFIX.model and PREFIX.vocab")
    train.add_argument("--show", type=int, default=10, metavar="N", help="print the first N merges (default: 10)")
    train.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    train.add_argument("--json", action="store_true", help="print a JSON summary")
    train.set_defaults(run=run_train)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: `sys.argv[1:]`); returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse already explained
        return int(exc.code or 0)
    try:
        args.run(args)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # `python -m tokenizer encode ... | head` closed our output early
        # Python's documented recipe: point stdout at devnull so the exit flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return 0
