"""Display settings shared by every page (whitespace, dark views, large text, presenter mode)
and the CSS they need.

Streamlit's own theme is pinned to light in `.streamlit/config.toml` (so the app looks the same
in every browser); the dark setting switches the token views' palette, which is what a
projector needs, and the large setting enlarges the whole page. Presenter mode is both, with a
high-contrast palette and bigger tokens still, and the sidebar collapsed; a link turns it on
with `presenter=1`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import streamlit as st

from .token_view import DisplayOptions, link_css
from .url_state import parse_flag

STYLES_DIR = Path(__file__).resolve().parent.parent / "assets" / "styles"

WHITESPACE_KEY = "display.whitespace"
DARK_KEY = "display.dark"
LARGE_KEY = "display.large"
PRESENTER_KEY = "display.presenter"
COLOR_BY_ID_KEY = "display.color_by_id"
# The `presenter` value of the link last applied, so a value the user has since changed with the
# toggle is not forced back while the same link stays in the address bar.
_PRESENTER_LINK_KEY = "_display.presenter_link"

# Larger root font for projectors: Streamlit sizes its widgets in rem, so they follow.
_LARGE_PAGE_CSS = "html{font-size:20px}"


@lru_cache(maxsize=None)
def _styles() -> str:
    return "".join((STYLES_DIR / name).read_text(encoding="utf-8") for name in ("app.css", "tokens.css")) + link_css()


@lru_cache(maxsize=None)
def _presenter_styles() -> str:
    return (STYLES_DIR / "presenter.css").read_text(encoding="utf-8")


def presenter_mode() -> bool:
    """Whether presenter mode is on, after applying a link's `presenter=1` (or `0`) if it is new.

    `app.py` calls it first, before `st.set_page_config`, to collapse the sidebar.
    """
    raw = st.query_params.get("presenter")
    if raw is not None and raw != st.session_state.get(_PRESENTER_LINK_KEY):
        st.session_state[_PRESENTER_LINK_KEY] = raw
        try:
            st.session_state[PRESENTER_KEY] = parse_flag(raw)
        except ValueError:
            pass  # a bad value leaves the mode as it was
    return bool(st.session_state.get(PRESENTER_KEY, False))


def display_controls() -> None:
    """The display toggles, drawn in the sidebar by `app.py` on every page."""
    st.toggle("Show whitespace  · ↵ →", key=WHITESPACE_KEY, help="Draw spaces as ·, newlines as ↵ and tabs as →.")
    st.toggle(
        "Dark token views",
        key=DARK_KEY,
        help="A dark palette for token views, easier on a projector. The rest of the app keeps its light theme.",
    )
    st.toggle(
        "Color by token id",
        key=COLOR_BY_ID_KEY,
        help="Every occurrence of the same token gets the same color, so repeated tokens stand out. "
        "Off: neighbouring tokens alternate colors.",
    )
    st.toggle("Large text", key=LARGE_KEY, help="Bigger tokens and a bigger page, for a room watching a projector.")
    st.toggle(
        "Presenter mode",
        key=PRESENTER_KEY,
        help="For a lecture: large text, high-contrast dark token views, the sidebar folded away. On the Merges "
        "page, ← and → step through the merges. A link turns it on with presenter=1.",
    )


def display_options() -> DisplayOptions:
    """The current display settings."""
    state = st.session_state
    presenter = bool(state.get(PRESENTER_KEY, False))
    return DisplayOptions(
        show_whitespace=bool(state.get(WHITESPACE_KEY, False)),
        dark=presenter or bool(state.get(DARK_KEY, False)),
        large=presenter or bool(state.get(LARGE_KEY, False)),
        color_by_id=bool(state.get(COLOR_BY_ID_KEY, False)),
    )


def inject_styles() -> None:
    """Add the token-view CSS (and the large-page or presenter CSS if chosen) to the page."""
    extra = _LARGE_PAGE_CSS if display_options().large else ""
    if st.session_state.get(PRESENTER_KEY, False):
        extra += _presenter_styles()
    st.html(f"<style>{_styles()}{extra}</style>")
