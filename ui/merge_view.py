"""The Merges page's controls and drawing: its link values, the slider with first / previous /
next / last / play, the merge just applied, the tokens with it marked, the table and the chart.

What is stepped through (an encoding's merges, or merges learned from the text) is
`ui.merge_steps`; this module draws one step of it.
"""

from __future__ import annotations

import time
from typing import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from .display import display_options
from .merge_steps import EncodingMerges, MergeSource, StepSeries
from .pagination import page_picker
from .token_view import N_COLORS, PAGE_SIZE, merge_rule_html
from .url_state import PageState, parse_int_in_range
from .views import show_html, show_token_view

MODES = {"encoding": "An encoding's merges", "training": "Learned from the text"}

DEFAULT_VOCAB_SIZE = 512
MIN_VOCAB_SIZE = 257
MAX_VOCAB_SIZE = 4_096

# Play: one frame per interval, each advancing by the chosen number of steps.
PLAY_INTERVAL_SECONDS = 0.7
PLAY_SPEEDS = (1, 10, 100)
PLAYING_KEY = "merges.playing"
SPEED_KEY = "merges.speed"
_PENDING_FRAME_KEY = "merges.pending_frame"
# A frame scheduled longer ago than this was left behind (the user went to another page).
STALE_FRAME_SECONDS = 30

PAGE_KEY = "merges.page"
ALL_STEPS_KEY = "merges.all_steps"
# Rows shown before and after the current step in the table of steps around it.
TABLE_WINDOW = 5


# ------------------------------------------------------------------ link values


def parse_mode(raw: str) -> str:
    """`encoding` or `training`."""
    if raw not in MODES:
        raise ValueError(f"{raw[:30]!r} is not a mode (use encoding or training).")
    return raw


def parse_step(raw: str) -> int:
    """A step from the link: a whole number from 0 (its upper bound depends on the text)."""
    return parse_int_in_range(raw, 0, None, "step")


def parse_vocab_size(raw: str) -> int:
    """A vocabulary size for training, from `MIN_VOCAB_SIZE` to `MAX_VOCAB_SIZE`."""
    return parse_int_in_range(raw, MIN_VOCAB_SIZE, MAX_VOCAB_SIZE, "vocabulary size")


# ------------------------------------------------------------------ marks and colors


def stable_colors(starts: Sequence[int]) -> list[int]:
    """A color number per token, from the byte it starts at, so that a merge changes no color
    but the merged token's; a token that would match its left neighbour takes the next color.

    >>> stable_colors([0, 1, 3, 11, 12])
    [0, 1, 3, 4, 5]
    """
    colors = []
    previous = -1
    for start in starts:
        color = start % N_COLORS
        if color == previous:
            color = (color + 1) % N_COLORS
        colors.append(color)
        previous = color
    return colors


def page_marks(merged: Sequence[int], upcoming: Sequence[int], start: int, end: int) -> dict[int, str]:
    """The `marks` of the page of tokens `start:end`: "merged" on the tokens the last merge made,
    "next" on the pair the next merge joins, by position in the page.

    >>> page_marks([3], [3, 4], 2, 10)
    {1: 'merged next', 2: 'next'}
    """
    marks: dict[int, str] = {}
    for positions, mark in ((merged, "merged"), (upcoming, "next")):
        for position in positions:
            if start <= position < end:
                index = position - start
                marks[index] = f"{marks[index]} {mark}" if index in marks else mark
    return marks


# ------------------------------------------------------------------ stepping and playing


def link_step_notes(state: PageState, n_steps: int, noun: str) -> list[str]:
    """Keep the step within `0..n_steps`; a step from the link past the end becomes the last
    step, with a note (a stale step from another text is clamped without one)."""
    step = state.value("step")
    if step <= n_steps:
        return []
    state.set("step", n_steps)
    if "step" not in state.from_link:
        return []
    return [
        f"The link's `step` was not used: step {step:,} is past the last {noun} of this text "
        f"({n_steps:,}). Showing the last {noun} instead."
    ]


def _go_to(state: PageState, step: int) -> None:
    stop_playing()
    state.set("step", step)


def stop_playing() -> None:
    """Stop the animation (every stepping control does, so the user's choice wins)."""
    st.session_state[PLAYING_KEY] = False
    st.session_state.pop(_PENDING_FRAME_KEY, None)


def _schedule_frame(step: int) -> None:
    st.session_state[_PENDING_FRAME_KEY] = (step, time.monotonic())


def _start_playing(state: PageState, n_steps: int) -> None:
    st.session_state[PLAYING_KEY] = True
    _schedule_frame(0 if state.value("step") >= n_steps else state.value("step"))


def apply_pending_frame(state: PageState) -> None:
    """Advance to the step the animation chose at the end of the previous run (call before any
    widget). A run that is no frame of the animation stops it: the user did something else, or
    came back to the page after leaving it while it played."""
    pending = st.session_state.pop(_PENDING_FRAME_KEY, None)
    if not st.session_state.get(PLAYING_KEY):
        return
    if pending is None or time.monotonic() - pending[1] > STALE_FRAME_SECONDS:
        stop_playing()
        return
    state.set("step", pending[0])


def play_next_frame(state: PageState, n_steps: int) -> None:
    """While playing: wait one interval, then rerun at the next step (call at the very end).

    The wait is a plain sleep: a click on Stop (or any stepping control) during it starts a
    new run, whose callback stops the animation before it draws anything.
    """
    if not st.session_state.get(PLAYING_KEY):
        return
    step = state.value("step")
    if step >= n_steps:
        stop_playing()
        return
    time.sleep(PLAY_INTERVAL_SECONDS)
    _schedule_frame(min(n_steps, step + st.session_state.get(SPEED_KEY, PLAY_SPEEDS[0])))
    st.rerun()


def step_controls(state: PageState, n_steps: int, noun: str) -> int:
    """The slider and the first / previous / next / last / play buttons; returns the step."""
    key = state.key("step")
    step = state.value("step")
    if st.session_state.get(PLAYING_KEY) and step >= n_steps:
        stop_playing()
    if n_steps == 0:
        return 0
    st.slider(
        f"{noun.capitalize()} (of {n_steps:,})",
        min_value=0,
        max_value=n_steps,
        key=key,
        on_change=stop_playing,
        help="How many merges have been applied to the text. Step 0: every byte is its own token.",
    )
    step = state.value("step")
    playing = bool(st.session_state.get(PLAYING_KEY))
    with st.container(horizontal=True, gap="small", vertical_alignment="bottom"):
        st.button("First", key="merges.first", icon=":material/first_page:", on_click=_go_to, args=(state, 0), disabled=step == 0)
        # The arrow keys step too, so a lecturer can drive the page without the mouse.
        st.button(
            "Previous", key="merges.previous", icon=":material/chevron_left:", shortcut="left",
            on_click=_go_to, args=(state, max(0, step - 1)), disabled=step == 0,
        )  # fmt: skip
        st.button(
            "Next", key="merges.next", icon=":material/chevron_right:", icon_position="right", shortcut="right",
            on_click=_go_to, args=(state, min(n_steps, step + 1)), disabled=step >= n_steps,
        )  # fmt: skip
        st.button(
            "Last", key="merges.last", icon=":material/last_page:", icon_position="right",
            on_click=_go_to, args=(state, n_steps), disabled=step >= n_steps,
        )  # fmt: skip
        if playing:
            st.button("Stop", key="merges.stop", icon=":material/stop:", type="primary", on_click=stop_playing)
        else:
            st.button(
                "Play", key="merges.play", icon=":material/play_arrow:", on_click=_start_playing, args=(state, n_steps),
                help="Step forward on its own, one frame every ~0.7 s (by the steps per frame chosen on the right), "
                "until the last step or Stop.",
            )  # fmt: skip
        st.session_state.setdefault(SPEED_KEY, PLAY_SPEEDS[0])
        # Chosen before playing: the browser drops clicks on it while frames rerun the page.
        st.segmented_control(
            "Steps per frame", PLAY_SPEEDS, key=SPEED_KEY, required=True, disabled=playing,
            format_func=lambda speed: f"+{speed} per frame", label_visibility="collapsed",
        )  # fmt: skip
        st.caption("← / → step", width="content", help="The left and right arrow keys press Previous and Next (outside text boxes).")
    return step


# ------------------------------------------------------------------ drawing one step


def show_rules(source: MergeSource, step: int) -> None:
    """The merge just applied (highlighted in the tokens) and the one that comes next."""
    options = display_options()
    last, upcoming = source.last_rule(step), source.next_rule(step)
    last_column, next_column = st.columns(2)
    with last_column:
        if last is not None:
            heading = f"{source.noun.capitalize()} {step:,}:"
            show_html(merge_rule_html(last.left, last.right, last.new, last.detail, heading=heading, options=options))
        else:
            st.caption(f"{source.noun.capitalize()} 0: no merge yet, every byte is its own token.")
    with next_column:
        if upcoming is not None:
            rule = merge_rule_html(upcoming.left, upcoming.right, upcoming.new, upcoming.detail, heading="Next:", options=options)
            show_html(rule)
        elif isinstance(source, EncodingMerges):
            st.caption(f"All {source.n_steps:,} merges applied: these are the tokens `encode_ordinary` gives.")
        else:
            st.caption(f"All {source.n_steps:,} learned merges applied: these are the tokens the trained tokenizer gives.")


def show_step_counts(source: MergeSource, step: int, n_tokens: int) -> None:
    """Where the stepping is, and the token count of the whole (traced) text now."""
    columns = st.columns(4)
    label = "Step" if isinstance(source, EncodingMerges) else "Merges learned"
    columns[0].metric(label, f"{step:,} of {source.n_steps:,}", border=True)
    columns[1].metric("Tokens", f"{n_tokens:,}", f"{n_tokens - source.n_bytes:,} since step 0", delta_color="off", border=True)
    columns[2].metric("Bytes (UTF-8)", f"{source.n_bytes:,}", border=True)
    columns[3].metric("Bytes per token", f"{source.n_bytes / n_tokens:.2f}" if n_tokens else "–", border=True)


def _go_to_page(page: int) -> None:
    st.session_state[PAGE_KEY] = page


def show_state(source: MergeSource, step: int, *, show_ids: bool) -> int:
    """The counts, and the tokens after `step` merges (one page of them) with the merge marked;
    returns the number of tokens."""
    ids, starts = source.state(step)
    merged = source.merged_positions(step, ids, starts)
    upcoming = source.next_positions(step, ids, starts)
    start, end = page_picker(len(ids), PAGE_KEY)
    if merged and not any(start <= position < end for position in merged):
        page = merged[0] // PAGE_SIZE + 1
        st.button(
            f"Go to page {page:,}, where the merge is", key="merges.merged_page", icon=":material/my_location:",
            on_click=_go_to_page, args=(page,), type="tertiary",
        )  # fmt: skip
    show_token_view(
        source.choice,
        ids[start:end],
        first_index=start,
        marks=page_marks(merged, upcoming, start, end),
        colors=stable_colors(starts[start:end]),
        show_ids=show_ids,
    )
    st.caption(
        "Outlined: the token the last merge made. Dashed: the pair the next merge joins. "
        "Colors follow where each token starts, so a merge changes only the merged token's color."
    )
    show_step_counts(source, step, len(ids))
    return len(ids)


def steps_window(table: pd.DataFrame, step: int, window: int = TABLE_WINDOW):
    """The rows of `table` around `step` (row i is step i + 1), the current one highlighted."""
    current = step - 1
    low = max(0, min(current - window, len(table) - 2 * window - 1))
    rows = table.iloc[low : low + 2 * window + 1]
    # A categorical column would carry every token of the text along with these few rows.
    rows = rows.astype({name: str for name, dtype in rows.dtypes.items() if isinstance(dtype, pd.CategoricalDtype)})

    def highlight(row: pd.Series) -> list[str]:
        style = "background-color: #ffe3ec; font-weight: 700" if row.name == current else ""
        return [style] * len(row)

    return rows.style.apply(highlight, axis=1)


def step_chart(series: StepSeries, x_title: str) -> go.Figure:
    """The token count against the step, and each merge's number on a second (log) axis.

    The figure is the same at every step (no marker for the current one): an unchanged chart is
    not redrawn, and redrawing it made each step about twice as slow in the browser. Both series
    are lines (each merge's rank only grows, a learned merge's count only shrinks) and the margins
    are fixed: a marker per merge and plotly's automatic margins cost about 0.15 s more each time
    the page opens."""
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(x=series.steps, y=series.tokens, mode="lines", name="tokens", line=dict(color="#1c7ed6", width=2),
                   hovertemplate="after %{x:,}: %{y:,} tokens<extra></extra>")
    )  # fmt: skip
    figure.add_trace(
        go.Scatter(x=series.merge_steps, y=series.merge_values, mode="lines", name=series.merge_label, yaxis="y2",
                   line=dict(color="#d6336c", width=1.5),
                   hovertemplate=f"%{{x:,}}: {series.merge_label} %{{y:,}}<extra></extra>")
    )  # fmt: skip
    # Two y axes by hand: plotly's make_subplots costs more than the rest of a step.
    figure.update_layout(
        title="Tokens after each step",
        height=340,
        margin=dict(l=70, r=80, t=70, b=50),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        xaxis=dict(title=x_title, automargin=False),
        yaxis=dict(title="tokens in the text", rangemode="tozero", automargin=False),
        yaxis2=dict(
            title=f"{series.merge_label} (log scale)", type="log", overlaying="y", side="right", showgrid=False,
            automargin=False, tickformat="~s", dtick="D2",
        ),
    )
    return figure


def show_history(source: MergeSource, step: int, n_tokens: int) -> None:
    """The chart of the token count against the step, and the table of steps around this one
    (with every step in an expander)."""
    if not source.n_steps:
        return
    chart_column, table_column = st.columns([1, 1])
    with chart_column:
        st.plotly_chart(step_chart(source.series(), source.x_title), key="merges.chart")
    table = source.table()
    with table_column:
        st.markdown(f"**{source.noun.capitalize()}s around this one**")
        # Tall enough for every row of the window (35 px a row, plus the header).
        st.dataframe(steps_window(table, step), hide_index=True, key="merges.window", height=36 * (2 * TABLE_WINDOW + 2))
    # Drawn only while open: the whole table (hundreds of KB for a long text) would travel with
    # every step and every visit to the page.
    with st.expander(f"All {len(table):,} {source.noun}s", key=ALL_STEPS_KEY, on_change="rerun") as everything:
        if everything.open:
            st.dataframe(table, hide_index=True, key="merges.table")
