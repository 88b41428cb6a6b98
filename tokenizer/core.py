"""`Encoding`: text to token ids and back, with tiktoken's API and special-token policy.

An encoding is a split pattern, a merge rule (see `bpe.py`), and special tokens. Encoding
text goes: replace lone surrogates -> find allowed special tokens -> cut the ordinary text
into chunks -> BPE each chunk's UTF-8 bytes. Decoding joins the tokens' bytes.
"""

from __future__ import annotations

import operator
from functools import cached_property, reduce
from itertools import chain
from typing import AbstractSet, Collection, Iterable, Literal, Sequence

import numpy as np
import regex

from .bpe import merge_ranked_bytes, merge_small, merge_with_heap, SMALL_PIECE_LIMIT
from .bpe_batch import MAX_WIDTH as BATCH_MAX_WIDTH, merge_many_ranked
from .pretokenize import SplitPattern, replace_lone_surrogates

# Chunks seen before are remembered, per encoding, up to this many.
CHUNK_CACHE_LIMIT = 200_000


class UnknownTokenError(KeyError, ValueError):
    """A token id that is not in the vocabulary (negative, too large, or an unused id)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown token id"


class Encoding:
    """A byte-level BPE encoding: `get_encoding("cl100k_base")` returns one, ready to use.

    >>> enc = get_encoding("gpt4")          # doctest: +SKIP
    >>> enc.encode("hello world")           # doctest: +SKIP
    [15339, 1917]
    """

    def __init__(
        self,
        name: str,
        *,
        pat_str: str | None,
        mergeable_ranks: dict[bytes, int] | None = None,
        merges: dict[tuple[int, int], int] | None = None,
        special_tokens: dict[str, int] | None = None,
        explicit_n_vocab: int | None = None,
    ):
        """Build an encoding from tiktoken-style `mergeable_ranks` or minbpe-style `merges`.

        With `merges`, ids 0-255 are the bytes and each merge `(left, right) -> new` adds a token.
        """
        if (mergeable_ranks is None) == (merges is None):
            raise ValueError("Give exactly one of mergeable_ranks and merges.")
        self.name = name
        self._pat_str = pat_str
        self._split = SplitPattern(pat_str)
        self._special_tokens = dict(special_tokens or {})
        self._ranks = mergeable_ranks
        self._merges = merges
        if mergeable_ranks is not None:
            self._token_bytes: dict[int, bytes] = {rank: token for token, rank in mergeable_ranks.items()}
            self._byte_ids = [mergeable_ranks[bytes([b])] for b in range(256)]
        else:
            self._token_bytes = {b: bytes([b]) for b in range(256)}
            for (left, right), new in merges.items():
                self._token_bytes[new] = self._token_bytes[left] + self._token_bytes[right]
            self._byte_ids = list(range(256))
        self._special_bytes = {token.encode("utf-8"): rank for token, rank in self._special_tokens.items()}
        self._decoder = dict(self._token_bytes)
        for token, rank in self._special_tokens.items():
            self._decoder[rank] = token.encode("utf-8")
        self.max_token_value = max(self._decoder) if self._decoder else 0
        if explicit_n_vocab is not None and explicit_n_vocab != len(self._decoder):
            raise ValueError(f"{name}: expected {explicit_n_vocab} tokens, found {len(self._decoder)}")
        self._chunk_cache: dict[str, tuple[int, ...]] = {}

    def __repr__(self) -> str:
        return f"<Encoding {self.name!r}>"

    # ------------------------------------------------------------------ encoding

    def encode_ordinary(self, text: str) -> list[int]:
        """Token ids of `text`, treating special-token strings as ordinary text.

        >>> get_encoding("gpt2").encode_ordinary("hello <|endoftext|>")  # doctest: +SKIP
        [31373, 1279, 91, 437, 1659, 5239, 91, 29]
        """
        text = replace_lone_surrogates(text)
        if not text:
            return []
        units, distinct_units, chunks, unit_chunk_ends = self._split.chunk_units(text)
        # BPE once per distinct chunk (all new ones together), then each unit's ids, gathered in C.
        if chunks is distinct_units:  # every unit is a chunk, and they are distinct (ASCII text)
            ids_of_unit = self._ids_of_chunks(chunks)
        else:
            ids_of_chunk = self._ids_of_chunks(list(dict.fromkeys(chunks)))
            chunk_ids = list(map(ids_of_chunk.__getitem__, chunks))
            flat = list(chain.from_iterable(chunk_ids))
            token_ends = np.cumsum(np.fromiter(map(len, chunk_ids), dtype=np.int64, count=len(chunk_ids)))
            unit_token_ends = np.concatenate(([0], token_ends[unit_chunk_ends - 1])).tolist()
            ids_of_unit = {
                unit: flat[a:b] for unit, a, b in zip(distinct_units, unit_token_ends, unit_token_ends[1:])
            }
        # Extending one list in place, all in C, is faster than chaining for many short id lists.
        return reduce(operator.iadd, map(ids_of_unit.__getitem__, units), [])

    def encode(
        self,
        text: str,
        *,
        allowed_special: Literal["all"] | AbstractSet[str] = frozenset(),
        disallowed_special: Literal["all"] | Collection[str] = "all",
    ) -> list[int]:
        """Token ids of `text`, with tiktoken's special-token policy.

        Special-token strings in `allowed_special` become their special id; any in
        `disallowed_special` (by default, every special token not allowed) raises ValueError;
        the rest are encoded as ordinary text.

        >>> enc.encode("<|endoftext|>", allowed_special="all")  # doctest: +SKIP
        [100257]
        """
        text = replace_lone_surrogates(text)
        for name, value in (("allowed_special", allowed_special), ("disallowed_special", disallowed_special)):
            if isinstance(value, str) and value != "all":
                raise ValueError(f"{name} is \"all\" or a set of special tokens, not a string: write {{{value!r}}}.")
        allowed = self._resolve_allowed(allowed_special)
        if disallowed_special == "all":
            disallowed = self.special_tokens_set - allowed
        else:
            disallowed = frozenset(disallowed_special)
        if disallowed:
            match = _special_regex(frozenset(disallowed)).search(text)
            if match:
                raise_disallowed_special_token(match.group())
        if not allowed:
            return self.encode_ordinary(text)
        ids: list[int] = []
        for piece, special in self.split_special(text, allowed):
            if special:
                ids.append(self._special_tokens[piece])
            else:
                ids.extend(self.encode_ordinary(piece))
        return ids

    def encode_batch(
        self,
        texts: Sequence[str],
        *,
        allowed_special: Literal["all"] | AbstractSet[str] = frozenset(),
        disallowed_special: Literal["all"] | Collection[str] = "all",
    ) -> list[list[int]]:
        """`encode` for each text in `texts`."""
        return [self.encode(t, allowed_special=allowed_special, disallowed_special=disallowed_special) for t in texts]

    def encode_ordinary_batch(self, texts: Sequence[str]) -> list[list[int]]:
        """`encode_ordinary` for each text in `texts`."""
        return [self.encode_ordinary(t) for t in texts]

    def encode_single_token(self, text_or_bytes: str | bytes) -> int:
        """The id of a text or byte string that is exactly one token; KeyError otherwise.

        >>> enc.encode_single_token(" world")  # doctest: +SKIP
        1917
        """
        token = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else bytes(text_or_bytes)
        if self._ranks is not None and token in self._ranks:
            return self._ranks[token]
        if token in self._special_bytes:
            return self._special_bytes[token]
        if self._ranks is None:
            for rank, value in self._token_bytes.items():
                if value == token:
                    return rank
        raise KeyError(f"{text_or_bytes!r} is not a single token of {self.name}")

    def split_special(self, text: str, allowed: AbstractSet[str]) -> list[tuple[str, bool]]:
        """`text` cut into `(piece, is_special)` around the allowed special tokens it contains."""
        if not allowed:
            return [(text, False)] if text else []
        pieces: list[tuple[str, bool]] = []
        start = 0
        for match in _special_regex(frozenset(allowed)).finditer(text):
            if match.start() > start:
                pieces.append((text[start : match.start()], False))
            pieces.append((match.group(), True))
            start = match.end()
        if start < len(text):
            pieces.append((text[start:], False))
        return pieces

    def _resolve_allowed(self, allowed_special: Literal["all"] | AbstractSet[str]) -> frozenset[str]:
        if allowed_special == "all":
            return self.special_tokens_set
        allowed = frozenset(allowed_special)
        unknown = allowed - self.special_tokens_set
        if unknown:
            raise ValueError(
                f"{sorted(unknown)} are not special tokens of {self.name}; "
                f"its special tokens are {sorted(self.special_tokens_set)}"
            )
        return allowed

    def _ids_of_chunks(self, chunks: list[str]) -> dict[str, tuple[int, ...]]:
        """Token ids of each of these distinct chunks: from the cache of chunks seen before, or by
        BPE, all the new ones at once (and then remembered)."""
        cache = self._chunk_cache
        known = {chunk: ids for chunk in chunks if (ids := cache.get(chunk)) is not None} if cache else {}
        new = [chunk for chunk in chunks if chunk not in known] if known else chunks
        if new:
            made = self._bpe_many([chunk.encode("utf-8") for chunk in new])
            known.update(zip(new, made))
            if len(cache) + len(new) > CHUNK_CACHE_LIMIT:
                cache.clear()
            cache.update(zip(new, made))
        return known

    def _bpe_many(self, pieces: list[bytes]) -> list[tuple[int, ...]]:
        """BPE on the bytes of many chunks. Under mergeable ranks, pieces that are whole tokens are
        looked up, and the short others are merged together, in rounds (see `bpe_batch`)."""
        if self._ranks is None:
            return [tuple(self._bpe(piece)) for piece in pieces]
        ranks = self._ranks
        made: list = [(rank,) if rank is not None else None for rank in map(ranks.get, pieces)]
        short = [i for i, ids in enumerate(made) if ids is None and len(pieces[i]) <= BATCH_MAX_WIDTH]
        for i, ids in zip(short, merge_many_ranked([pieces[i] for i in short], ranks)):
            made[i] = tuple(ids)
        for i, ids in enumerate(made):
            if ids is None:
                made[i] = tuple(merge_ranked_bytes(pieces[i], ranks))
        return made

    def _bpe(self, piece: bytes) -> list[int]:
        """BPE on the bytes of one chunk."""
        if self._ranks is not None:
            rank = self._ranks.get(piece)
            if rank is not None:
                return [rank]
            return merge_ranked_bytes(piece, self._ranks)
        byte_ids = list(piece)
        if len(piece) <= SMALL_PIECE_LIMIT:
            return merge_small(byte_ids, self.rank_of_pair)
        return merge_with_heap(byte_ids, self.rank_of_pair)

    def rank_of_pair(self, left: int, right: int) -> int | None:
        """The id two adjacent tokens merge into, or None if they do not merge."""
        if self._merges is not None:
            return self._merges.get((left, right))
        return self._ranks.get(self._token_bytes[left] + self._token_bytes[right])

    # ------------------------------------------------------------------ decoding

    def decode_bytes(self, tokens: Iterable[int]) -> bytes:
        """The bytes of a sequence of token ids.

        >>> enc.decode_bytes([15339, 1917])  # doctest: +SKIP
        b'hello world'
        """
        decoder = self._decoder
        if isinstance(tokens, np.ndarray):
            tokens = tokens.tolist()
        elif not isinstance(tokens, (list, tuple)):
            tokens = list(tokens)
        # Equal numbers hash alike, so the float 1.0 would find token 1: anything but an int
        # goes through `decode_single_token_bytes`, which accepts integers only.
        if not _INT_ONLY.issuperset(map(type, tokens)):
            return b"".join([self.decode_single_token_bytes(token) for token in tokens])
        try:
            return b"".join([decoder[token] for token in tokens])
        except KeyError:
            for token in tokens:
                self.decode_single_token_bytes(token)
            raise

    def decode(self, tokens: Iterable[int], errors: str = "replace") -> str:
        """The text of a sequence of token ids; bytes that are not UTF-8 become U+FFFD by default.

        >>> enc.decode([15339, 1917])  # doctest: +SKIP
        'hello world'
        """
        return self.decode_bytes(tokens).decode("utf-8", errors=errors)

    def decode_single_token_bytes(self, token: int) -> bytes:
        """The bytes of one token: `enc.decode_single_token_bytes(1917) == b" world"`."""
        if not isinstance(token, int) or isinstance(token, bool):
            try:
                token = operator.index(token)  # numpy integers and the like; not floats
            except TypeError:
                raise UnknownTokenError(f"Token ids are integers; got {token!r}.") from None
        value = self._decoder.get(token)
        if value is None:
            if token < 0 or token > self.max_token_value:
                raise UnknownTokenError(
                    f"Token id {token} is out of range for {self.name}: ids go from 0 to {self.max_token_value}."
                )
            raise UnknownTokenError(f"Token id {token} is not used by {self.name}: no token has this id.")
        return value

    def decode_tokens_bytes(self, tokens: Iterable[int]) -> list[bytes]:
        """The bytes of each token: `enc.decode_tokens_bytes([15339, 1917]) == [b"hello", b" world"]`."""
        return [self.decode_single_token_bytes(token) for token in tokens]

    def decode_with_offsets(self, tokens: Sequence[int]) -> tuple[str, list[int]]:
        """The text and, for each token, the index of the character where it starts.

        A token that starts inside a multi-byte character gets that character's index
        (tiktoken's rule).
        """
        token_bytes = self.decode_tokens_bytes(tokens)
        text_len = 0
        offsets = []
        for token in token_bytes:
            offsets.append(max(0, text_len - (0x80 <= token[0] < 0xC0)) if token else text_len)
            text_len += sum(1 for c in token if not 0x80 <= c < 0xC0)
        text = b"".join(token_bytes).decode("utf-8", errors="strict")
        return text, offsets

    # ------------------------------------------------------------------ tracing

    def trace(self, text: str):
        """Every merge of one BPE run over `text`, step by step: see `tokenizer.trace.Trace`."""
        from .trace import trace

        return trace(self, text)

    def pre_tokenize(self, text: str) -> list[tuple[str, tuple[int, int]]]:
        """The chunks of `text` under this encoding's split pattern, with their character spans."""
        text = replace_lone_surrogates(text)
        return [(text[start:end], (start, end)) for start, end in self._split.chunk_spans(text)]

    # ------------------------------------------------------------------ miscellaneous

    @property
    def pat_str(self) -> str | None:
        """The split pattern (None: no split)."""
        return self._pat_str

    @property
    def special_tokens(self) -> dict[str, int]:
        """`{special token: id}`."""
        return dict(self._special_tokens)

    @cached_property
    def special_tokens_set(self) -> frozenset[str]:
        """The special-token strings."""
        return frozenset(self._special_tokens)

    @property
    def eot_token(self) -> int:
        """The id of `<|endoftext|>`."""
        return self._special_tokens["<|endoftext|>"]

    @property
    def n_vocab(self) -> int:
        """One more than the largest token id (some ids below it may be unused)."""
        return self.max_token_value + 1

    @property
    def byte_ids(self) -> list[int]:
        """The id of each single byte, by byte value."""
        return list(self._byte_ids)

    def token_bytes(self, token: int) -> bytes:
        """Same as `decode_single_token_bytes`."""
        return self.decode_single_token_bytes(token)

    def is_special_token(self, token: int) -> bool:
        """Whether `token` is the id of a special token."""
        return token in self._special_ids

    @cached_property
    def _special_ids(self) -> frozenset[int]:
        return frozenset(self._special_tokens.values())

    def token_items(self) -> Iterable[tuple[int, bytes]]:
        """`(id, bytes)` of every ordinary token, by id."""
        return sorted(self._token_bytes.items())

    @property
    def mergeable_ranks(self) -> dict[bytes, int]:
        """tiktoken-style `{token bytes: rank}` (for a minbpe-style encoding, built from its vocabulary)."""
        if self._ranks is not None:
            return self._ranks
        return {token: rank for rank, token in sorted(self._token_bytes.items())}


_INT_ONLY = frozenset([int])


def _special_regex(tokens: frozenset[str]) -> regex.Pattern:
    return _SPECIAL_REGEX_CACHE.get(tokens) or _SPECIAL_REGEX_CACHE.setdefault(
        tokens, regex.compile("|".join(regex.escape(t) for t in sorted(tokens, key=len, reverse=True)))
    )


_SPECIAL_REGEX_CACHE: dict[frozenset[str], regex.Pattern] = {}


def raise_disallowed_special_token(token: str) -> None:
    """Raise tiktoken's ValueError for a special token found in text where it is not allowed."""
    raise ValueError(
        f"Encountered text corresponding to disallowed special token {token!r}.\n"
        "If you want this text to be encoded as a special token, "
        f"pass it to `allowed_special`, e.g. `allowed_special={{{token!r}, ...}}`.\n"
        f"If you want this text to be encoded as normal text, disable the check for this token "
        f"by passing `disallowed_special=(enc.special_tokens_set - {{{token!r}}})`.\n"
        "To disable this check for all special tokens, pass `disallowed_special=()`.\n"
    )
