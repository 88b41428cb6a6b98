"""Units: pieces of a text that the built-in split patterns always chunk on their own.

Ordinary text repeats itself: " the", " of" and "    return" come back thousands of times.
If a text is cut into *units*, at places where every chunk of the pattern is known to end, then
each distinct unit needs the pattern (and BPE) only once. A cut is safe when no chunk can cross
it and a unit scans the same on its own as in place: then the distinct units joined together
are chunked exactly as the units are in the text (see `SplitPattern.chunk_units`).

The cuts follow from the shape of the patterns. In all three, whitespace that follows a
non-whitespace character starts a new chunk, with one exception in GPT-4's and GPT-4o's: a
run of punctuation takes the newlines right after it (`[^\\s\\p{L}\\p{N}]++[\\r\\n]*`). So:

- GPT-2's pattern: a unit is a run of whitespace then a run of anything else (`"\\n    if"`).
- GPT-4's and GPT-4o's: a unit ends before a space that follows a non-space (`" if"`); and where
  code is indented, also after the last newline of a run of whitespace that goes on with spaces
  and then a non-space: `"x)\\n"` then `"    return"`. No chunk crosses it: from any whitespace
  before that newline, `\\s*[\\r\\n]` (tried before `\\s+(?!\\S)`) ends exactly there.

Where no space follows whitespace (no double spaces, no indented lines: most prose), every
space follows a non-space and so begins a unit, under all three patterns (a space after a
non-space always starts a chunk): a unit is a space and what follows, up to the next space.
`units_by_key` cuts these with `str.split(" ")`, without copying each piece with its space, for
GPT-4's and GPT-4o's patterns (GPT-2's own units, finer, are as fast to cut).

Units are cut with the standard library's `re`, which is faster at it than `regex`. Its `\\s` is
wider than the `regex` module's (it adds \\x1c-\\x1f), so the GPT-2 rule spells out the `regex`
module's whitespace, and the other rules only cut next to a plain space or a newline.
"""

from __future__ import annotations

import re
from typing import Callable

from .registry import GPT2_PATTERN, GPT4_PATTERN, GPT4O_PATTERN

# The `regex` module's (and tiktoken's) whitespace: Unicode's White_Space property.
_WHITESPACE = "\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"

# A run of whitespace, then a run of anything else (or whitespace alone, at the end).
_WHITESPACE_THEN_WORD = re.compile(f"[{_WHITESPACE}]++[^{_WHITESPACE}]*+|[^{_WHITESPACE}]++")

# The first character, then everything up to the next space that follows a non-space.
_UP_TO_SPACE_AFTER_WORD = re.compile(r"(?s).[^ ]*+(?:(?<=\s) [^ ]*+)*+")

# The same, also ending after the last newline before an indented line.
_UP_TO_SPACE_OR_INDENT = re.compile(
    r"(?s).[^ \r\n]*+(?:(?:(?<=\s) |[\r\n](?! +[^\s]))[^ \r\n]*+)*+(?:[\r\n](?= +[^\s]))?"
)

# Cutting at indents costs a little more and pays where lines are indented: above one indented
# line per this many characters.
_INDENTED_TEXT_CHARACTERS_PER_INDENT = 200


def cut_units(text: str, pattern: str) -> list[str]:
    """`text` cut into units for the built-in split `pattern`: they join to `text`.

    >>> cut_units("if x:\\n    return", GPT4_PATTERN)
    ['if', ' x:\\n', '    return']
    >>> cut_units("if x:\\n    return", GPT2_PATTERN)
    ['if', ' x:', '\\n    return']
    """
    if pattern == GPT2_PATTERN:
        return _WHITESPACE_THEN_WORD.findall(text)
    if pattern not in (GPT4_PATTERN, GPT4O_PATTERN):
        raise ValueError("Units are defined for the built-in split patterns only.")
    if text.count("\n ") * _INDENTED_TEXT_CHARACTERS_PER_INDENT > len(text):
        return _UP_TO_SPACE_OR_INDENT.findall(text)
    return _UP_TO_SPACE_AFTER_WORD.findall(text)


def units_by_key(text: str, pattern: str) -> tuple[list[str], list[str], Callable[[str], str]]:
    """`(keys, distinct_keys, unit_of)`: the units of `text` for the built-in split `pattern`,
    each given by a key, the keys without repeats (in order of first appearance), and the
    function that makes a key back into its unit: `"".join(map(unit_of, keys)) == text`, and
    equal keys are equal units.

    Under GPT-4's and GPT-4o's patterns, where every space follows a non-space, the key of a unit
    is the piece of `text.split(" ")` after its space (no copy is made), and the text before the
    first space is a unit whose key is that text with a space after it, which no piece has.
    Elsewhere a unit is its own key.

    >>> keys, distinct, unit_of = units_by_key("It is. So\\nit is", GPT4_PATTERN)
    >>> keys, distinct, [unit_of(key) for key in keys]
    (['It ', 'is.', 'So\\nit', 'is'], ['It ', 'is.', 'So\\nit', 'is'], ['It', ' is.', ' So\\nit', ' is'])
    """
    if pattern != GPT2_PATTERN and " " in text:
        pieces = text.split(" ")
        head = pieces[0]
        keys = pieces[1:]
        if head:
            keys.insert(0, head + " ")
        distinct = list(dict.fromkeys(keys))
        if _every_space_follows_a_non_space(head, distinct[1:] if head else distinct, keys):
            return keys, distinct, _unit_of_piece
    units = cut_units(text, pattern)
    return units, list(dict.fromkeys(units)), _unit_itself


def _every_space_follows_a_non_space(head: str, distinct_pieces: list[str], keys: list[str]) -> bool:
    """Whether no space in the text split into `head` and the pieces follows whitespace: no piece
    but the text's last may be empty or end with whitespace (checked on the distinct pieces, a
    few thousand, not on the text). `str.isspace` is wider than the `regex` module's whitespace
    (it adds \\x1c-\\x1f): a few more texts go the general way, none wrongly this one."""
    if head[-1:].isspace():
        return False
    ending_in_space = [piece for piece in distinct_pieces if not piece or piece[-1].isspace()]
    return not ending_in_space or (ending_in_space == [keys[-1]] and keys.count(keys[-1]) == 1)


def _unit_of_piece(key: str) -> str:
    return key[:-1] if key.endswith(" ") else " " + key


def _unit_itself(key: str) -> str:
    return key
