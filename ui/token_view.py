"""Token views: the HTML for colored token spans, chunk spans and id lists, drawn with `st.html`.

Every token is a `<span data-token-id="...">` and every view sits in a
`<div data-encoding="...">`, so tests and people can read the ids back. Every piece of text
that reaches HTML goes through `html.escape` here, and nowhere else builds HTML from user text.

Hovering a token highlights its id in the list below it, and hovering an id highlights its
token: `st.html` drops scripts, so this is pure CSS (`link_css`). Tokens and ids are grouped in
blocks of `LINK_BLOCK` (`<span class="blk<b>">`), and a token and its id share their block and
their place in it (class `k<p>`): a rule per position outlines both when the view has a hovered
`.blk<b>` and a hovered `.k<p>`.

Why blocks: with one `:has(.k<i>:hover)` per position (2,000 distinct ones), the browser walked the
whole view for each of them, and every page switch and every hover move spent about 0.3 s
restyling a 2,000-token view. Blocks and places need only about 90 distinct `:has()`.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from tokenizer.vocab_files import to_printable

N_COLORS = 8
# Token views show at most this many tokens at once; longer texts are paged.
PAGE_SIZE = 2_000
# Tokens and ids per hover-linking block: about the square root of PAGE_SIZE keeps the number of
# distinct `:has()` in `link_css` small (PAGE_SIZE / LINK_BLOCK blocks + LINK_BLOCK places).
LINK_BLOCK = 40

_WS = '<span class="ws">{}</span>'
# Control characters have no glyph (and NUL is not allowed in HTML): show their picture.
_CONTROL_PICTURES = {c: _WS.format(chr(0x2400 + c)) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]}
_CONTROL_PICTURES[0x7F] = _WS.format("\u2421")
_PLAIN = str.maketrans(_CONTROL_PICTURES)
_VISIBLE = str.maketrans(
    {
        **_CONTROL_PICTURES,
        ord(" "): _WS.format("\u00b7"),
        ord("\n"): _WS.format("\u21b5") + "\n",
        ord("\t"): _WS.format("\u2192") + "\t",
        ord("\r"): _WS.format("\u240d"),
    }
)


@dataclass(frozen=True)
class DisplayOptions:
    """How token views look: whitespace made visible, the dark palette, the large font, and
    colors by token id (every occurrence of a token the same color) instead of by position."""

    show_whitespace: bool = False
    dark: bool = False
    large: bool = False
    color_by_id: bool = False

    def view_classes(self) -> str:
        """The CSS classes of a view's container: `"tv dark large"` and so on."""
        flags = [("dark", self.dark), ("large", self.large), ("by-id", self.color_by_id)]
        return " ".join(["tv", *(name for name, on in flags if on)])


def color_of_id(token: int) -> int:
    """The color number (0 to N_COLORS - 1) of a token id when coloring by id: the same in every
    view and every session (Knuth's multiplicative hash, so neighbouring ids get unrelated colors).

    >>> [color_of_id(t) for t in (1, 2, 3, 1917, 1917)]
    [4, 1, 6, 6, 6]
    """
    return ((token * 2654435761) % 2**32) * N_COLORS >> 32


def visible_text_html(text: str, show_whitespace: bool = False) -> str:
    """Escaped HTML for `text`, with whitespace drawn as glyphs when asked.

    >>> visible_text_html("a <b>\\n", show_whitespace=True)
    'a<span class="ws">·</span>&lt;b&gt;<span class="ws">↵</span>\\n'
    """
    return html.escape(text, quote=False).translate(_VISIBLE if show_whitespace else _PLAIN)


def token_tooltip(token: int, data: bytes, special: bool = False) -> str:
    """The tooltip of a token: its id, its bytes (repr and hex) and GPT-2's printable form.

    >>> print(token_tooltip(1917, b" world"))
    id 1917 · 6 bytes
    b' world'  [20 77 6f 72 6c 64]
    GPT-2 form: Ġworld
    """
    if special:
        return f"id {token} · special token {data.decode('utf-8', errors='replace')}"
    size = f"{len(data)} byte" + ("" if len(data) == 1 else "s")
    return f"id {token} · {size}\n{data!r}  [{data.hex(' ')}]\nGPT-2 form: {to_printable(data)}"


def token_label_html(data: bytes, show_whitespace: bool = False) -> tuple[str, bool]:
    """`(html, is_partial)`: how a token's bytes are drawn. Bytes that are not UTF-8 on their
    own (part of a character) are drawn as hex.

    >>> token_label_html(b"\\xe2\\x80")
    ('e2 80', True)
    """
    try:
        return visible_text_html(data.decode("utf-8"), show_whitespace), False
    except UnicodeDecodeError:
        return data.hex(" "), True


def token_spans_html(
    token_bytes: Sequence[bytes],
    ids: Sequence[int],
    *,
    special_ids: Iterable[int] = (),
    first_index: int = 0,
    show_whitespace: bool = False,
    marks: dict[int, str] | None = None,
    colors: Sequence[int] | None = None,
    color_by_id: bool = False,
) -> str:
    """The `<span>` of every token, colored by its position in the whole text.

    `marks` adds a class to some tokens, by their position in `ids` ("merged", "diff", ...).
    `colors` gives each token its color number instead (0 to N_COLORS - 1), for views whose
    colors must not shift when a token before them changes (the Merges page). `color_by_id`
    colors each token by its id (`color_of_id`), overriding both; a token whose color equals
    its different left neighbour's gets the class `seam`, drawn as a thin gap.
    """
    special_ids = frozenset(special_ids)
    marks = dict(marks or {})
    if color_by_id:
        colors = [color_of_id(token) for token in ids]
        for i in range(1, len(colors)):
            if colors[i] == colors[i - 1] and ids[i] != ids[i - 1]:
                marks[i] = f"{marks[i]} seam" if i in marks else "seam"
    spans = []
    for i, (token, data) in enumerate(zip(ids, token_bytes)):
        label, title, kind = _token_parts(token, data, token in special_ids, show_whitespace)
        color = colors[i] % N_COLORS if colors is not None else (first_index + i) % N_COLORS
        classes = f"tok c{color} k{i % LINK_BLOCK}{kind}"
        if i in marks:
            classes += " " + marks[i]
        spans.append(f'<span class="{classes}" data-token-id="{token}" title="{title}">{label}</span>')
    return link_blocks(spans)


@lru_cache(maxsize=65_536)
def _token_parts(token: int, data: bytes, special: bool, show_whitespace: bool) -> tuple[str, str, str]:
    """`(label, tooltip, kind classes)` of a token's span, escaped. They are the same wherever
    the token stands, and a view repeats tokens (" the", " of"), so they are remembered."""
    if special:
        label, partial = html.escape(data.decode("utf-8", errors="replace"), quote=False), False
    else:
        label, partial = token_label_html(data, show_whitespace)
    kind = (" special" if special else "") + (" partial" if partial else "")
    return label, html.escape(token_tooltip(token, data, special), quote=True), kind


def link_blocks(items: Sequence[str], separator: str = "") -> str:
    """`items` joined by `separator`, each run of `LINK_BLOCK` wrapped in its block's span.

    >>> link_blocks(["a", "b"], ", ")
    '<span class="blk0">a, b</span>'
    """
    return separator.join(
        f'<span class="blk{start // LINK_BLOCK}">{separator.join(items[start : start + LINK_BLOCK])}</span>'
        for start in range(0, len(items), LINK_BLOCK)
    )


def ids_html(ids: Sequence[int]) -> str:
    """The ids as a list whose items share their block and their `k<p>` class with their tokens
    (for hovering)."""
    return link_blocks([f'<span class="id k{i % LINK_BLOCK}">{token}</span>' for i, token in enumerate(ids)], ", ")


def token_view_html(
    encoding_name: str,
    token_bytes: Sequence[bytes],
    ids: Sequence[int],
    *,
    options: DisplayOptions = DisplayOptions(),
    special_ids: Iterable[int] = (),
    first_index: int = 0,
    marks: dict[int, str] | None = None,
    show_ids: bool = True,
    note: str | None = None,
    colors: Sequence[int] | None = None,
) -> str:
    """A whole token view: the colored tokens and, below them, their ids, inside a
    `<div data-encoding="...">` that holds exactly these tokens."""
    spans = token_spans_html(
        token_bytes,
        ids,
        special_ids=special_ids,
        first_index=first_index,
        show_whitespace=options.show_whitespace,
        marks=marks,
        colors=colors,
        color_by_id=options.color_by_id,
    )
    parts = [
        f'<div class="{options.view_classes()} linked" data-encoding="{html.escape(encoding_name, quote=True)}"'
        f' data-first-index="{first_index}">',
        f'<div class="toks">{spans}</div>',
    ]
    if show_ids and ids:
        parts.append(f'<div class="ids">{ids_html(ids)}</div>')
    if note:
        parts.append(f'<div class="view-note">{html.escape(note, quote=False)}</div>')
    parts.append("</div>")
    return "".join(parts)


def merge_rule_html(
    left: tuple[int, bytes],
    right: tuple[int, bytes],
    new: tuple[int, bytes],
    detail: str,
    *,
    heading: str = "",
    options: DisplayOptions = DisplayOptions(),
) -> str:
    """One merge, `left + right → new (detail)`: each token as `(id, bytes)`, drawn in GPT-2's
    printable form (escaped) with its tooltip. Not a token view: no `data-token-id` here.

    >>> print(merge_rule_html((86, b" w"), (1313, b"orld"), (1917, b" world"), "rank 1917"))  # doctest: +ELLIPSIS
    <div class="tv merge-rule"><code class="piece" title="id 86 ...">Ġw</code> + ... → <code class="piece new" ...>Ġworld</code> (rank 1917)</div>
    """

    def piece(token: tuple[int, bytes], extra: str = "") -> str:
        title = html.escape(token_tooltip(token[0], token[1]), quote=True)
        return f'<code class="piece{extra}" title="{title}">{html.escape(to_printable(token[1]), quote=False)}</code>'

    heading_html = f'<span class="rule-heading">{html.escape(heading, quote=False)}</span> ' if heading else ""
    return (
        f'<div class="{options.view_classes()} merge-rule">{heading_html}{piece(left)} + {piece(right)} → '
        f"{piece(new, ' new')} ({html.escape(detail, quote=False)})</div>"
    )


def chunk_view_html(chunks: Sequence[str], *, options: DisplayOptions = DisplayOptions(), note: str | None = None) -> str:
    """Pre-tokenization chunks, each in a box, alternating two tints."""
    boxes = "".join(
        f'<span class="chunk {"ab"[i % 2]}">{visible_text_html(chunk, options.show_whitespace)}</span>'
        for i, chunk in enumerate(chunks)
    )
    note_html = f'<div class="view-note">{html.escape(note, quote=False)}</div>' if note else ""
    return f'<div class="{options.view_classes()} chunks"><div class="toks">{boxes}</div>{note_html}</div>'


def view_label_html(label: str, help_text: str) -> str:
    """A bold label for a view, with its help in a tooltip on a "?" mark: drawn in a view's own
    HTML, it costs the browser far less than a Streamlit markdown element with `help`.

    >>> view_label_html("Chunks", "BPE never merges across them.")
    '<div class="view-label">Chunks <span class="view-help" title="BPE never merges across them.">?</span></div>'
    """
    return (
        f'<div class="view-label">{html.escape(label, quote=False)} '
        f'<span class="view-help" title="{html.escape(help_text, quote=True)}">?</span></div>'
    )


# How `inserted_by_script` begins: a script that puts the JSON string after it in its own place.
SCRIPT_INSERT_PREFIX = '<script>document.currentScript.outerHTML='


def inserted_by_script(markup: str) -> str:
    """`markup` as a script that puts it in the page, for `st.html(..., unsafe_allow_javascript=True)`.

    Streamlit passes every `st.html` body through DOMPurify, which spends about 30 µs per element
    in Chromium: some 60 ms for a view of 2,000 boxes, on every page switch. To DOMPurify a
    script's text is one node. Only for markup built in this module, where user text is already
    escaped: it is written as a JSON string with `<`, `>` and `&` escaped too, so nothing in it
    can end the script or be read as markup before the script runs.

    >>> print(inserted_by_script('<b class="x">&lt;</b>'))
    <script>document.currentScript.outerHTML="\\u003cb class=\\"x\\"\\u003e\\u0026lt;\\u003c/b\\u003e"</script>
    """
    payload = json.dumps(markup).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"{SCRIPT_INSERT_PREFIX}{payload}</script>"


def link_css(count: int = PAGE_SIZE) -> str:
    """CSS that outlines a token and its id together when either is hovered, for `count` positions.

    The position in block b at place p is lit when the view holds a hovered `.blk<b>` and a
    hovered `.k<p>` (a hovered token's block is hovered too): the same block and place, so the
    same position, whether the token or the id is under the mouse.
    """
    rules = (
        f".tv.linked:has(.blk{block}:hover):has(.k{place}:hover) .blk{block}>.k{place}"
        for block in range(-(-count // LINK_BLOCK))
        for place in range(LINK_BLOCK)
    )
    return ",".join(rules) + "{outline:2px solid var(--accent);outline-offset:0}"
