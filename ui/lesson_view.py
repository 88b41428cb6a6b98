"""Drawing the Lessons page: one card per lesson (what to notice, a button per link) and the two
charts beside lessons 4 and 11, measured by `lessons.measures` (cached: they never change)."""

from __future__ import annotations

from typing import Sequence

import plotly.graph_objects as go
import streamlit as st

from lessons import Lesson, LanguageCost, TrainingComparison, language_costs, training_comparison
from lessons.catalog import LANGUAGES, TRAINING_VOCAB_SIZE, training_corpus
from tokenizer.vocab_files import to_printable

from .encoding_choice import label_for_picker
from .markdown import markdown_text

# One color per encoding, the same in every chart of the page.
ENCODING_COLORS = {"r50k_base": "#868e96", "cl100k_base": "#1c7ed6", "o200k_base": "#d6336c"}


@st.cache_data(show_spinner=False)
def cached_language_costs() -> list[LanguageCost]:
    """`language_costs` of lesson 4's sentence in every built-in encoding."""
    return language_costs(LANGUAGES)


@st.cache_data(show_spinner="Training a tokenizer for lesson 11...")
def cached_training_comparison() -> TrainingComparison:
    """Lesson 11's tokenizer trained on its corpus, against GPT-2 and GPT-4."""
    return training_comparison(training_corpus(), TRAINING_VOCAB_SIZE)


def language_figure(costs: Sequence[LanguageCost]) -> go.Figure:
    """Tokens per character of each language, one group of bars per language, one bar per encoding."""
    figure = go.Figure()
    for name in dict.fromkeys(cost.encoding for cost in costs):
        mine = [cost for cost in costs if cost.encoding == name]
        figure.add_trace(
            go.Bar(
                x=[cost.language for cost in mine],
                y=[cost.tokens_per_character for cost in mine],
                name=label_for_picker(name),
                marker_color=ENCODING_COLORS.get(name),
                text=[f"{cost.n_tokens}" for cost in mine],
                textposition="outside",
                customdata=[[cost.n_tokens, cost.n_characters] for cost in mine],
                hovertemplate="%{x}: %{customdata[0]} tokens for %{customdata[1]} characters "
                "(%{y:.2f} per character)<extra>%{fullData.name}</extra>",
            )
        )
    figure.update_layout(
        title="The same sentence: tokens per character (bar labels: tokens)",
        barmode="group",
        height=360,
        margin=dict(l=10, r=10, t=60, b=10),
        yaxis=dict(title="tokens per character", rangemode="tozero"),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
    )
    return figure


def show_languages() -> None:
    """Lesson 4's chart."""
    st.plotly_chart(language_figure(cached_language_costs()), key="lessons.chart.languages")


def show_training() -> None:
    """Lesson 11's numbers: tokens of the corpus for the tokenizer trained on it, GPT-2 and GPT-4."""
    result = cached_training_comparison()
    counts = {f"Trained here ({result.vocab_size:,} tokens)": result.trained_tokens}
    counts |= {label_for_picker(name): n for name, n in result.builtin_tokens.items()}
    columns = st.columns(len(counts))
    for column, (name, n_tokens) in zip(columns, counts.items()):
        column.metric(name, f"{n_tokens:,} tokens", f"{result.n_bytes / n_tokens:.2f} bytes per token", delta_color="off", border=True)
    first = " ".join(f"`{markdown_text(to_printable(token))}`" for token in result.first_merges[:12])
    st.caption(f"The corpus: {result.n_characters:,} characters. Its first merges: {first} … (Ġ is a space, Ċ a newline.)")


FIGURES = {"languages": show_languages, "training": show_training}


def show_lesson(number: int, lesson: Lesson, base: str, *, presenter: bool = False) -> None:
    """One lesson in a bordered card: its title, what to notice, a button per link (opening in a
    new tab, in presenter mode if it is on) and its chart, if it has one."""
    with st.container(border=True, key=f"lessons-{number}"):
        st.subheader(f"{number}. {lesson.title}")
        st.markdown(lesson.notice)
        with st.container(horizontal=True, gap="small"):
            for index, link in enumerate(lesson.links):
                st.link_button(
                    link.label,
                    link.url(base, presenter),
                    icon=":material/open_in_new:",
                    type="primary" if index == 0 else "secondary",
                    key=f"lessons.{number}.{index}",
                )
        if lesson.figure:
            FIGURES[lesson.figure]()
