"""Plotly figures of the Embeddings page: lookups, tables, similarities, next-token
probabilities, losses and positions, all heatmaps of labelled rows.

Labels are token texts, which plotly draws with a little HTML of its own (`<b>`, `<br>`,
links): every label is `html.escape`d (plotly shows `&lt;` as `<`). Rows are labelled with
their position (`"3 · ·the"`), so that a token that occurs twice keeps two rows (plotly merges
equal category labels).

The heatmaps are built to draw fast in the browser (500 x 500 cells for the similarities):
margins wide enough for their labels, so that plotly need not redraw them to fit; values sent
as plain numbers, rounded to what the hover shows; gaps between cells only on small heatmaps.
"""

from __future__ import annotations

import html
import math
import unicodedata
from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from tokenizer import Encoding, UnknownTokenError

LABEL_CHARS = 18
# Diverging, so that positive and negative entries of a row look different and 0 is white.
DIVERGING = "RdBu_r"
ONE_HOT_COLORS = [[0.0, "#f1f3f5"], [1.0, "#d6336c"]]
PROBABILITY_COLORS = "Blues"
# Bigram logits are log-counts: low (never seen) to high, no meaningful 0.
SEQUENTIAL = "Viridis"
OUTLINE_COLOR = "#d6336c"

TICK_ANGLE = -50
# Upper bounds on the size of plotly's 12 px tick labels, measured in Chromium with Streamlit's
# Source Sans: 5-6 px a character for Latin labels; CJK and emoji take about 12 px.
LABEL_HEIGHT_PX = 16
NARROW_CHAR_PX = 7
WIDE_CHAR_PX = 13
# Room between the plot and its tick labels; and on the sides without labels, for the half of
# the first or last label that sticks out.
TICK_PAD_PX = 30
EDGE_PX = 20
# Gaps between cells make plotly.js paint every cell on a canvas the size of the plot; without
# them it paints a pixel a cell and lets the browser scale the image: several times faster on
# 500 rows. Only heatmaps small enough to read cell by cell get gaps.
MAX_CELLS_WITH_GAPS = 64 * 64

_CONTROLS = [*range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20)]
_VISIBLE = str.maketrans({**{c: chr(0x2400 + c) for c in _CONTROLS}, ord(" "): "·", ord("\n"): "↵", ord("\t"): "→", 0x7F: "\u2421"})


def token_text(data: bytes, limit: int = LABEL_CHARS) -> str:
    """How the page names a token: its text with whitespace made visible, or its bytes in hex
    when they are not UTF-8 on their own; shortened to `limit` characters.

    >>> token_text(b" <b>hi"), token_text(b"\\xe2\\x80")
    ('·<b>hi', 'e2 80')
    """
    try:
        text = data.decode("utf-8").translate(_VISIBLE)
    except UnicodeDecodeError:
        text = data.hex(" ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def token_label(data: bytes, limit: int = LABEL_CHARS) -> str:
    """`token_text`, escaped for a figure's labels.

    >>> token_label(b" <b>hi")
    '·&lt;b&gt;hi'
    """
    return html.escape(token_text(data, limit), quote=False)


def sequence_labels(encoding: Encoding, ids: Sequence[int], first: int = 0) -> list[str]:
    """One label per position of a token sequence: `"0: Hello"`, `"1: ·world"`, ..."""
    return [f"{first + i}: {token_label(data)}" for i, data in enumerate(encoding.decode_tokens_bytes(ids))]


def row_labels(encoding: Encoding, tokens: Sequence[int | None], *, escape: bool = True) -> list[str]:
    """One label per table row, from the row's token id (None: the "other" row; an id no token
    has: «unused id»), made unique; escaped for figures unless `escape` is false."""
    name = token_label if escape else token_text
    labels, seen = [], set()
    for token in tokens:
        if token is None:
            label = "«other»"
        else:
            try:
                label = name(encoding.decode_single_token_bytes(token))
            except UnknownTokenError:
                # A window on a table shows the rows next to the looked-up ones: some ids have no
                # token (cl100k_base's 100256, the gap below a loaded tokenizer's special ids).
                label = "«unused id»"
        if label in seen:
            label = f"{label} #{token}"
        seen.add(label)
        labels.append(label)
    return labels


def rows_with_context(rows: Sequence[int], n_rows: int, *, context: int = 1, max_looked_up: int = 24) -> list[int | None]:
    """The rows a window on a big table shows: the first `max_looked_up` distinct rows looked
    up, each with `context` rows either side, in table order; None marks a gap of rows left out.

    >>> rows_with_context([7, 2, 7], 10)
    [1, 2, 3, None, 6, 7, 8]
    """
    chosen = sorted(dict.fromkeys(int(r) for r in rows[: max(len(rows), 0)]))[:max_looked_up]
    shown = sorted({near for row in chosen for near in range(row - context, row + context + 1) if 0 <= near < n_rows})
    window: list[int | None] = []
    for row in shown:
        if window and window[-1] is not None and row != window[-1] + 1:
            window.append(None)
        window.append(row)
    return window


def label_width(label: str) -> int:
    """An upper bound on the width in pixels of a (escaped) tick label: plotly shows `&lt;` as
    one character, and zero-width characters take no room.

    >>> label_width("7: ·&lt;b&gt;"), label_width("日本"), label_width("⋮\u200b\u200b")
    (49, 26, 7)
    """
    widths = {"W": WIDE_CHAR_PX, "F": WIDE_CHAR_PX}
    return sum(
        0 if unicodedata.category(char) in ("Mn", "Me", "Cf") else widths.get(unicodedata.east_asian_width(char), NARROW_CHAR_PX)
        for char in html.unescape(label)
    )


def label_margins(x_labels: Sequence[str], y_labels: Sequence[str], *, x_on_top: bool) -> dict[str, int]:
    """Margins wide enough for the tick labels: y on the left, x slanted at TICK_ANGLE.

    Plotly's automargin widens margins that are too narrow for the axes' labels only after
    drawing them, and redraws the whole figure each time, up to three times: a 500 x 500 heatmap
    took four draws of about 0.1 s. With margins wide enough from the start it draws once.
    (The colorbar and the legend widen theirs before the first draw.) Labels wider than the
    estimate (a run of "W"s) still fit: automargin widens the margin, at the cost of a redraw."""
    slant = math.radians(abs(TICK_ANGLE))
    x_width = max(map(label_width, x_labels), default=0)
    y_width = max(map(label_width, y_labels), default=0)
    # A slanted label reaches sin(angle) x its length away from the axis, and cos(angle) x its
    # length sideways, where the first one passes the left edge.
    x_depth = math.ceil(x_width * math.sin(slant) + LABEL_HEIGHT_PX * math.cos(slant)) + TICK_PAD_PX
    left = max(y_width + TICK_PAD_PX, math.ceil(x_width * math.cos(slant)))
    top, bottom = (x_depth, EDGE_PX) if x_on_top else (EDGE_PX, x_depth)
    return {"l": left, "r": EDGE_PX, "t": top, "b": bottom}


class PlainNumbersFigure(go.Figure):
    """A figure whose heatmaps travel to the browser as JSON numbers rather than base64.

    plotly sends numpy arrays as base64 typed arrays, and plotly.js keeps the decoded array on
    the figure it was given. Streamlit copies that figure through `JSON.stringify` once it is
    drawn (to apply its theme), and a decoded 500 x 500 float32 array turns into 8 MB of
    `{"0": 0.12345679104328156, ...}` there: a quarter of a second. As plain numbers, rounded to
    what the hover shows, the same values are 1.6 MB of JSON and stay that size.
    """

    def to_dict(self) -> dict:
        """`go.Figure.to_dict`, with each heatmap's z as a numpy array (which the JSON encoder
        writes as nested lists of numbers)."""
        figure = super().to_dict()
        for trace, source in zip(figure["data"], self.data):
            if source.type == "heatmap" and source.z is not None:
                trace["z"] = np.asarray(source.z)
        return figure


def heatmap(
    z: np.ndarray,
    x_labels: Sequence[str],
    y_labels: Sequence[str],
    *,
    hover: str,
    decimals: int,
    colorscale=DIVERGING,
    zmid: float | None = 0.0,
    zmin: float | None = None,
    zmax: float | None = None,
    colorbar_title: str = "",
    row_height: int = 16,
    x_on_top: bool = True,
) -> go.Figure:
    """A heatmap with the first row on top, labelled axes, and a height that fits its rows.
    (Titles are the page's headings: plotly's title and top axis labels would collide.)

    `hover` names the value `%{z}`, which it shows with `decimals` decimals; the values are
    rounded to as many, so the figure holds exactly what its hover shows, and no more."""
    z = np.round(np.asarray(z, dtype=np.float64), decimals)
    margin = label_margins(x_labels, y_labels, x_on_top=x_on_top)
    small = z.size <= MAX_CELLS_WITH_GAPS
    figure = PlainNumbersFigure(
        go.Heatmap(
            z=z,
            x=list(x_labels),
            y=list(y_labels),
            colorscale=colorscale,
            zmid=zmid,
            zmin=zmin,
            zmax=zmax,
            hovertemplate=hover.replace("%{z}", f"%{{z:.{decimals}f}}") + "<extra></extra>",
            hoverongaps=False,
            colorbar={"title": {"text": colorbar_title}, "thickness": 14},
            xgap=1 if small and z.shape[1] <= 64 else 0,
            ygap=1 if small and z.shape[0] <= 64 else 0,
        )
    )
    figure.update_layout(
        height=int(min(900, max(240, margin["t"] + margin["b"] + row_height * len(y_labels)))),
        margin=margin,
        xaxis={"type": "category", "side": "top" if x_on_top else "bottom", "tickangle": TICK_ANGLE, "automargin": True},
        yaxis={"autorange": "reversed", "type": "category", "automargin": True},
        plot_bgcolor="#ffffff",
    )
    return figure


def one_hot_figure(y_labels: Sequence[str], rows: Sequence[int], columns: Sequence[int], column_labels: Sequence[str]) -> go.Figure:
    """The one-hot rows of a few tokens, over only the columns that hold a 1 (all others are 0)."""
    place = {row: i for i, row in enumerate(columns)}
    z = np.zeros((len(rows), len(columns)))
    z[np.arange(len(rows)), [place[int(row)] for row in rows]] = 1.0
    x = [f"{label} ({row})" for row, label in zip(columns, column_labels)]
    return heatmap(z, x, y_labels, hover="%{y}<br>column %{x}: %{z}", decimals=0, colorscale=ONE_HOT_COLORS, zmid=None, zmin=0, zmax=1)


def vectors_figure(
    vectors: np.ndarray,
    y_labels: Sequence[str],
    x_labels: Sequence[str],
    *,
    x_title: str = "dimension",
    colorbar_title: str = "value",
    sequential: bool = False,
) -> go.Figure:
    """Looked-up rows (or any vectors) as a heatmap, one row per token: on a diverging scale
    centred on 0, or on a sequential one (for logits, where only the order matters)."""
    finite = vectors[np.isfinite(vectors)]
    if sequential:
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        scale, middle = SEQUENTIAL, None
    else:
        high = float(np.abs(finite).max()) if finite.size else 1.0
        low, scale, middle = -high, DIVERGING, 0.0
    return heatmap(
        vectors,
        x_labels,
        y_labels,
        hover="%{y}<br>" + x_title + " %{x}: %{z}",
        decimals=4,
        colorscale=scale,
        zmid=middle,
        zmin=low,
        zmax=high,
        colorbar_title=colorbar_title,
    )


def table_window_figure(
    vectors: np.ndarray,
    window_labels: Sequence[str],
    x_labels: Sequence[str],
    outlined: Sequence[int],
    *,
    x_title: str = "dimension",
    colorbar_title: str = "value",
    sequential: bool = False,
) -> go.Figure:
    """A window on the table (rows of `vectors`, NaN rows for gaps), the rows in `outlined`
    (positions in the window) framed: those are the rows the text looks up."""
    figure = vectors_figure(vectors, window_labels, x_labels, x_title=x_title, colorbar_title=colorbar_title, sequential=sequential)
    runs: list[list[int]] = []
    for position in sorted(outlined):
        if runs and position == runs[-1][1] + 1:
            runs[-1][1] = position
        else:
            runs.append([position, position])
    for start, end in runs:
        figure.add_shape(
            type="rect",
            xref="paper",
            x0=0,
            x1=1,
            yref="y",
            y0=start - 0.5,
            y1=end + 0.5,
            line={"color": OUTLINE_COLOR, "width": 2},
            fillcolor="rgba(0,0,0,0)",
        )
    return figure


def cosine_figure(similarity: np.ndarray, labels: Sequence[str]) -> go.Figure:
    """Cosine similarity between every pair of tokens, from -1 (opposite) to 1 (same direction)."""
    return heatmap(
        similarity,
        labels,
        labels,
        hover="%{y}<br>%{x}<br>cosine %{z}",
        decimals=3,
        zmin=-1,
        zmax=1,
        colorbar_title="cosine",
        row_height=14,
        x_on_top=False,
    )


def next_token_figure(probabilities: np.ndarray, y_labels: Sequence[str], column_labels: Sequence[str], actual: Sequence[int | None]) -> go.Figure:
    """The probability of each labelled next token after each token of the text; a circle
    marks the token that really comes next, where it is one of the columns."""
    figure = heatmap(
        probabilities,
        column_labels,
        y_labels,
        hover="after %{y}<br>next %{x}: p = %{z}",
        decimals=4,
        colorscale=PROBABILITY_COLORS,
        zmid=None,
        zmin=0,
        zmax=float(probabilities.max()) if probabilities.size else 1.0,
        colorbar_title="p",
    )
    marked = [(column_labels[column], y_labels[line]) for line, column in enumerate(actual) if column is not None]
    if marked:
        figure.add_trace(
            go.Scatter(
                x=[x for x, _ in marked],
                y=[y for _, y in marked],
                mode="markers",
                marker={"symbol": "circle-open", "size": 9, "color": OUTLINE_COLOR, "line": {"width": 2}},
                name="what comes next in the text",
                hovertemplate="the text continues with %{x}<extra></extra>",
            )
        )
        figure.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.02, "yanchor": "top"})
    return figure


def loss_curve_figure(losses: Sequence[float], closed_form: float, lowest: float) -> go.Figure:
    """The loss on the corpus after each gradient step, with the closed form's and the lowest."""
    figure = go.Figure(go.Scatter(x=list(range(len(losses))), y=list(losses), mode="lines+markers", name="gradient descent", marker={"size": 4}))
    figure.add_hline(y=closed_form, line={"dash": "dash", "color": "#495057"}, annotation_text=f"closed form (smoothed counts): {closed_form:.3f}")
    figure.add_hline(y=lowest, line={"dash": "dot", "color": OUTLINE_COLOR}, annotation_text=f"raw frequencies, the lowest there is: {lowest:.3f}", annotation_position="bottom right")
    figure.update_layout(
        xaxis_title="step",
        yaxis_title="mean loss on the corpus (nats)",
        height=340,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        showlegend=False,
    )
    return figure
