"""Pre-tokenization: cutting text into chunks with a split pattern before BPE runs on each.

BPE never merges across chunks, so a split pattern decides, for example, that " world" and
"!!!" are tokenized separately. `SplitPattern` compiles a pattern once (validating a user's
pattern first, and bounding every match with the `regex` module's `timeout`) and offers:

- `chunks(text)`: the chunks, as `regex.findall` gives them (built-in patterns see the text
  with tiktoken's Unicode tables: see `unicode_gap.py`; ASCII text is split by the pattern's
  faster ASCII twin: see `ascii_patterns.py`);
- `chunk_spans(text)`: the chunks with their character spans;
- `chunk_units(text)`: the text cut into *units* (see `units.py`) at places where a built-in
  pattern is known to start a new chunk, each unit with its own chunks. Ordinary text repeats units
  (" the", " of") so often that the encoder runs the pattern and BPE once per distinct unit.
"""

from __future__ import annotations

from itertools import chain

import numpy as np
import regex

from .ascii_patterns import ascii_twin
from .registry import PATTERNS
from .unicode_gap import as_tiktoken_sees
from .units import units_by_key

# Seconds a pattern may spend on a text, per character and at least: generous for the
# built-in patterns (about 0.1 microseconds a character here), tight for a catastrophic one.
TIMEOUT_PER_CHAR = 2e-6
TIMEOUT_MINIMUM = 2.0
MAX_PATTERN_LENGTH = 2_000
MAX_REPEAT_COUNT = 1_000
# Compiling unrolls the minimum count of every repeat, nested repeats multiplied: the `regex`
# module took 277 MB and 0.4 s for `(?:a{1000}){1000}` (a million elements) and ran out of
# memory on `((a{1000}){1000}){1000}`. A pattern that may unroll to more elements than this
# (about 30 MB) is refused before compiling.
MAX_UNROLLED_SIZE = 100_000

# A repeat count: `{m}`, `{m,}`, `{,n}` or `{m,n}`.
_REPEAT = regex.compile(r"\{\s*(\d*)\s*(?:,\s*(\d*)\s*)?\}")
# Inline flags that turn on verbose mode: `(?x)`, `(?ix)`, `(?x-i:...)`.
_VERBOSE_FLAG = regex.compile(r"\(\?[\w^-]*x[\w^-]*[:)]")
# Recursion and subroutine calls: `(?R)`, `(?0)`, `(?1)`, `(?-1)`, `(?&name)`, `(?P>name)`.
_RECURSION = regex.compile(r"\(\?(?:R|[+-]?\d+|&\w+|P>\w+)\)")

_PATTERNS_WITH_SAFE_UNITS = frozenset(PATTERNS.values())


class PatternError(ValueError):
    """A split pattern is invalid, too costly, or ran out of time on a text."""


def validate_pattern(pattern: str) -> None:
    """Refuse a user pattern that cannot be compiled safely, with a message that says why.

    The `regex` module's `timeout` bounds matching, not compiling: compiling a huge repeat count
    such as `a{1000000000}`, or nested ones such as `((a{1000}){1000}){1000}`, runs for minutes
    or exhausts memory. Such patterns are refused before compiling.
    """
    if not isinstance(pattern, str) or not pattern:
        raise PatternError("The split pattern is empty: give a regular expression, or no pattern at all.")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(f"The split pattern is {len(pattern)} characters long; the limit is {MAX_PATTERN_LENGTH}.")
    if not is_utf8_text(pattern):
        # Texts have their lone surrogates replaced before splitting: such a pattern could not
        # match them, nor be saved in a UTF-8 .model file.
        raise PatternError("The split pattern contains a lone surrogate (half of a UTF-16 pair), which is not text: remove it.")
    if _VERBOSE_FLAG.search(pattern):
        # Verbose mode ignores spaces and comments, also inside a repeat count (`{1 000}` is
        # `{1000}`), which would hide counts from the checks below.
        raise PatternError(
            "The split pattern turns on verbose mode ((?x)), which split patterns do not support: "
            r"write it without (?x), with \s or [ ] for spaces."
        )
    if _RECURSION.search(pattern):
        # A left-recursive pattern such as `(?R)` or `(a|(?1))` took 550 MB in a second before the
        # `regex` module gave up with MemoryError: `timeout` does not stop it.
        raise PatternError(
            "The split pattern calls itself or one of its groups ((?R), (?1), (?&name)...), which split patterns "
            "do not support: write the group out instead."
        )
    for match in _REPEAT.finditer(pattern):
        for count in match.groups():
            if count and int(count) > MAX_REPEAT_COUNT:
                raise PatternError(
                    f"The split pattern repeats something {count} times ({match.group()}); "
                    f"the limit is {MAX_REPEAT_COUNT}."
                )
    if unrolled_size_bound(pattern) > MAX_UNROLLED_SIZE:
        raise PatternError(
            f"The split pattern's repeat counts are too large together: compiling it could unroll more than "
            f"{MAX_UNROLLED_SIZE:,} elements (as (?:a{{1000}}){{1000}} would). Use smaller minimum counts "
            "(such as {1,3} or {0,1000}), or + and * instead."
        )


def unrolled_size_bound(pattern: str) -> int:
    """An upper bound on how many elements compiling `pattern` unrolls, without parsing it.

    Every character counts one, and a repeat `{m,n}` can at most repeat everything before it,
    so it multiplies the total so far by `m` (compiling unrolls the minimum count). Reading
    no structure (groups, sets, escapes, verbose comments), the bound cannot be fooled by
    syntax; it is loose only for patterns with a large minimum count late in a long pattern.

    >>> unrolled_size_bound("(?:a{1000}){1000}")
    4001000
    >>> unrolled_size_bound(r"\p{N}{1,3}|\s+")
    9
    """
    size = 0
    at = 0
    for match in _REPEAT.finditer(pattern):
        size += match.start() - at
        size *= max(1, int(match.group(1) or 0))
        at = match.end()
    return size + len(pattern) - at


def compile_pattern(pattern: str) -> regex.Pattern:
    """Compile a split pattern, raising PatternError with the regex error if it is invalid."""
    if pattern not in _PATTERNS_WITH_SAFE_UNITS:
        validate_pattern(pattern)
    try:
        return regex.compile(pattern)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise PatternError(f"The split pattern is not a valid regular expression: {exc}") from None


class SplitPattern:
    """A compiled split pattern."""

    def __init__(self, pattern: str | None):
        self.pattern = pattern
        self._regex = compile_pattern(pattern) if pattern is not None else None
        self._safe_units = pattern in _PATTERNS_WITH_SAFE_UNITS
        self._ascii_regex = ascii_twin(pattern)

    def _timeout(self, text: str) -> float | None:
        # The built-in patterns match in linear time, and a timeout doubles the cost of matching.
        if self._safe_units:
            return None
        return max(TIMEOUT_MINIMUM, TIMEOUT_PER_CHAR * len(text))

    def chunks(self, text: str) -> list[str]:
        """The chunks of `text`, in order; with no pattern, the whole text is one chunk.

        The built-in patterns match every character. A user's pattern may not: the text it
        skips becomes chunks of its own, so that no text is ever lost, and empty matches are
        dropped.
        """
        if self._safe_units:
            if text.isascii():
                return self._ascii_regex.findall(text)
            if as_tiktoken_sees(text) is text:
                return self._regex.findall(text)
        return [text[start:end] for start, end in self.chunk_spans(text)]

    def chunk_spans(self, text: str) -> list[tuple[int, int]]:
        """`(start, end)` character spans of the chunks of `text`: they cover it, in order."""
        if self._regex is None:
            return [(0, len(text))] if text else []
        # A built-in pattern splits the text as tiktoken's older Unicode tables see it (see
        # `unicode_gap`): the replacement keeps every character in place, so the spans hold.
        if self._safe_units and text.isascii():
            return [m.span() for m in self._ascii_regex.finditer(text)]
        seen = as_tiktoken_sees(text) if self._safe_units else text
        try:
            spans = [m.span() for m in self._regex.finditer(seen, timeout=self._timeout(text))]
        except TimeoutError:
            raise self._timed_out(text) from None
        if self._safe_units:
            return spans
        covered: list[tuple[int, int]] = []
        at = 0
        for start, end in spans:
            if start == end:
                continue
            if start > at:
                covered.append((at, start))
            covered.append((start, end))
            at = end
        if at < len(text):
            covered.append((at, len(text)))
        return covered

    def chunk_units(self, text: str) -> tuple[list[str], list[str], list[str], np.ndarray]:
        """`(units, distinct_units, chunks, unit_ends)`: the text cut into units, each given by a
        key (see `units.units_by_key`: equal keys are equal units), the distinct keys in order of
        first appearance, the chunks of their units in order, and where each distinct unit's
        chunks end in `chunks` (distinct unit i owns `chunks[unit_ends[i-1]:unit_ends[i]]`).

        Joining, for every unit in `units`, the chunks it owns gives exactly `chunks(text)`.
        """
        if not self._safe_units:
            chunks = self.chunks(text)
            return [text], [text], chunks, np.array([len(chunks)])
        if text.isascii():
            # The ASCII twin of the pattern scans the whole text faster than units can be cut,
            # so each chunk is its own unit.
            chunks = self._ascii_regex.findall(text)
            distinct = list(dict.fromkeys(chunks))
            return chunks, distinct, distinct, np.arange(1, len(distinct) + 1)
        keys, distinct, unit_of = units_by_key(text, self.pattern)
        # The distinct units joined are again a text whose unit boundaries are chunk boundaries
        # (see `units.py`: a unit is chunked the same wherever it stands), so one scan gives
        # every unit's chunks, in order: the pattern runs over the distinct units, not over the
        # whole text. That holds for units that end with a non-space, and the ASCII ones go
        # first, together, for the faster ASCII twin of the pattern. A unit that ends with
        # whitespace (a newline before an indented line, the text's last whitespace) is scanned
        # on its own: joined, `\s*[\r\n]` or `\s++$` could run on into the unit after it.
        # The chunks' cumulative lengths then show where each unit's chunks end.
        ascii_group, other_group, alone_group = ([], []), ([], []), ([], [])  # (keys, units)
        for key in distinct:
            unit = unit_of(key)
            # `str.isspace` is wider than the pattern's whitespace: at worst a unit is scanned alone.
            group = alone_group if unit[-1].isspace() else ascii_group if unit.isascii() else other_group
            group[0].append(key)
            group[1].append(unit)
        distinct = ascii_group[0] + other_group[0] + alone_group[0]
        chunks = self.chunks("".join(ascii_group[1])) + self.chunks("".join(other_group[1]))
        for unit in alone_group[1]:
            chunks += self.chunks(unit)
        chunk_ends = np.cumsum(np.fromiter(map(len, chunks), dtype=np.int64, count=len(chunks)))
        unit_lengths = map(len, chain(ascii_group[1], other_group[1], alone_group[1]))
        unit_ends = np.cumsum(np.fromiter(unit_lengths, dtype=np.int64, count=len(distinct)))
        return keys, distinct, chunks, np.searchsorted(chunk_ends, unit_ends) + 1

    def _timed_out(self, text: str) -> PatternError:
        return PatternError(
            f"The split pattern {self.pattern!r} took too long on a text of {len(text):,} characters "
            "(catastrophic backtracking?). Simplify the pattern, for example by removing nested repeats."
        )


def is_utf8_text(text: str) -> bool:
    """Whether UTF-8 can encode `text` (it holds no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def replace_lone_surrogates(text: str) -> str:
    """Text that UTF-8 can encode, as tiktoken makes it: a surrogate pair written as two code
    units becomes its code point, a lone surrogate becomes U+FFFD.

    >>> replace_lone_surrogates("a\\ud83d\\ude00b\\ud800")
    'a😀b�'

    Anything but a string raises TypeError (bytes, for example, must be decoded first).
    """
    if not isinstance(text, str):
        hint = " Decode bytes first: data.decode('utf-8')." if isinstance(text, (bytes, bytearray)) else ""
        raise TypeError(f"Text to tokenize must be a string; got {type(text).__name__}.{hint}")
    if is_utf8_text(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
