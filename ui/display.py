"""Display settings shared by every page (whitespace, dark views, large text) and the CSS they need.

Streamlit's own theme is pinned to light in `.streamlit/config.toml` (so the app looks the same
in every browser); the dark setting switches the token views' palette, which is what a
projector needs, and the large setting enlarges the whole page.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import streamlit as st

from .token_view import DisplayOptions, link_css

STYLES_DIR = Path(__file__).resolve().parent.parent / "assets" / "styles"

WHITESPACE_KEY = "display.whitespace"
DARK_KEY = "display.dark"
LARGE_KEY = "display.large"

# Larger root font for projectors: Streamlit sizes its widgets in rem, so they follow.
_LARGE_PAGE_CSS = "html{font-size:20px}"


@lru_cache(maxsize=None)
def _styles() -> str:
    return "".join((STYLES_DIR / name).read_text(encoding="utf-8") for name in ("app.css", "tokens.css")) + link_css()


def display_controls() -> None:
    """The display toggles, drawn in the sidebar by `app.py` on every page."""
    st.toggle("Show whitespace  · ↵ →", key=WHITESPACE_KEY, help="Draw spaces as ·, newlines as ↵ and tabs as →.")
    st.toggle(
        "Dark token views",
        key=DARK_KEY,
        help="A dark palette for token views, easier on a projector. The rest of the app keeps its light theme.",
    )
    st.toggle("Large text", key=LARGE_KEY, help="Bigger tokens and a bigger page, for a room watching a projector.")


def display_options() -> DisplayOptions:
    """The current display settings."""
    state = st.session_state
    return DisplayOptions(
        show_whitespace=bool(state.get(WHITESPACE_KEY, False)),
        dark=bool(state.get(DARK_KEY, False)),
        large=bool(state.get(LARGE_KEY, False)),
    )


def inject_styles() -> None:
    """Add the token-view CSS (and the large-page CSS if chosen) to the page."""
    extra = _LARGE_PAGE_CSS if display_options().large else ""
    st.html(f"<style>{_styles()}{extra}</style>")
