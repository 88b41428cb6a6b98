"""Reading token ids that people paste: space or comma separated, or a JSON list."""

from __future__ import annotations

import json
import re

from tokenizer import Encoding, UnknownTokenError

# More ids than this are refused: decoding them is cheap, drawing them is not.
MAX_IDS = 100_000
# Ids are read up to 30 digits (a JSON list could hold one of thousands, echoed in messages).
MAX_ID_MAGNITUDE = 10**30

_SEPARATORS = re.compile(r"[\s,;]+")


def parse_token_ids(text: str, limit: int = MAX_IDS) -> list[int]:
    """The integers in `text`, or ValueError naming the first item that is not one.

    >>> parse_token_ids("15339, 1917")
    [15339, 1917]
    >>> parse_token_ids("[15339, 1917]")
    [15339, 1917]
    """
    stripped = text.strip()
    if not stripped:
        raise ValueError("There are no ids: paste token ids separated by spaces or commas, or a JSON list.")
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ValueError(f"This looks like a JSON list but is not valid JSON: {exc.msg} (at character {exc.pos + 1}).") from None
        except (ValueError, RecursionError):
            raise ValueError("This looks like a JSON list but is not a flat list of numbers.") from None
        if not isinstance(items, list):
            raise ValueError("A JSON value was given, but not a list of ids.")
        if len(items) > limit:
            raise ValueError(f"{len(items):,} ids is too many: at most {limit:,} can be decoded at once.")
        ids = []
        for position, item in enumerate(items, start=1):
            if not isinstance(item, int) or isinstance(item, bool):
                raise ValueError(f"Item {position} of the list, {json.dumps(item)[:40]}, is not a whole number.")
            if abs(item) >= MAX_ID_MAGNITUDE:
                raise ValueError(f"Item {position} of the list, {str(item)[:40]}..., is too large to be a token id.")
            ids.append(item)
        return ids
    pieces = [piece for piece in _SEPARATORS.split(stripped) if piece]
    if len(pieces) > limit:
        raise ValueError(f"{len(pieces):,} ids is too many: at most {limit:,} can be decoded at once.")
    ids = []
    for position, piece in enumerate(pieces, start=1):
        if not re.fullmatch(r"[+-]?\d{1,30}", piece):
            raise ValueError(f"Item {position}, {piece[:40]!r}, is not a whole number.")
        ids.append(int(piece))
    return ids


def known_ids(encoding: Encoding, ids: list[int], max_problems: int = 5) -> tuple[list[int], list[str], int]:
    """`(known, problems, n_unknown)`: the ids `encoding` has, the engine's message for the
    first few it does not have (out of range, unused), and how many it does not have."""
    known, problems, n_unknown = [], [], 0
    for position, token in enumerate(ids, start=1):
        try:
            encoding.decode_single_token_bytes(token)
        except UnknownTokenError as exc:
            n_unknown += 1
            if len(problems) < max_problems:
                problems.append(f"item {position}: {exc}")
        else:
            known.append(token)
    return known, problems, n_unknown
