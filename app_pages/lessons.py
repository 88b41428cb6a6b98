"""Why tokenization matters: the classic demos of GPT tokenization, each one click away."""

import streamlit as st

from lessons import LESSONS
from ui.display import PRESENTER_KEY
from ui.errors import errors_as_messages
from ui.lesson_view import show_lesson
from ui.url_state import app_base_url

st.title("Why tokenization matters")
st.caption(
    "Many of a language model's oddities come from its tokenizer. Each lesson opens a page of the playground "
    "on the right text and settings (in a new tab) and says what to notice. For a lecture, turn on presenter "
    "mode in the sidebar (or add presenter=1 to a link): large, high-contrast views, the sidebar folded away, "
    "and ← / → to step through merges."
)

with errors_as_messages("drawing the lessons"):
    presenter = bool(st.session_state.get(PRESENTER_KEY, False))
    if presenter:
        st.caption("Presenter mode is on: the lessons' links open in presenter mode too.")
    base = app_base_url()
    for number, lesson in enumerate(LESSONS, start=1):
        show_lesson(number, lesson, base, presenter=presenter)
