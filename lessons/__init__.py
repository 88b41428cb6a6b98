"""The classic lessons of GPT tokenization: data for the Lessons page, and the numbers it charts.

`LESSONS` (in `lessons.catalog`) lists them, each with share links into the playground's pages;
`lessons.measures` computes what the page charts beside them. No Streamlit in this package.
"""

from .catalog import LESSONS, Lesson, LessonLink, training_corpus
from .measures import LanguageCost, TrainingComparison, language_costs, training_comparison

__all__ = [
    "LESSONS",
    "LanguageCost",
    "Lesson",
    "LessonLink",
    "TrainingComparison",
    "language_costs",
    "training_comparison",
    "training_corpus",
]
