"""Page state in the URL: a share link fills the page's widgets, and the widgets write the link.

Each page declares its query parameters (`Param`): the default, how to read a value (a
ValueError means a bad value: the page falls back to the default and says so in a note) and
how to write one. A value from the URL is put into its widget only when the URL brings
something the page did not write itself (a link just opened, an address edited), so the
user's own changes are never undone. A parameter can also be shared between pages (the text,
the encoding): it then follows the user from page to page during the session. Every value
survives a visit to another page (Streamlit forgets the widgets of pages not shown).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlencode, urlsplit

import streamlit as st

from .markdown import markdown_text

# Longer texts are left out of share links (a 1 MB text makes an absurd URL).
MAX_TEXT_IN_LINK = 4_000

# Parameters that can be too long for a link, and what a note calls them.
_LONG_VALUES = {"text": "text", "chat": "chat"}

_WRITTEN_KEY = "_url_written"
_LAST_PAGE_KEY = "_url_last_page"


@dataclass(frozen=True)
class Param:
    """One query parameter of a page.

    `default` is a value or a function returning one; `parse(raw)` turns the URL's string into
    a value (ValueError with a message for a bad one); `format(value)` writes it back. Values
    equal to the default are left out of the URL. `shared` names a session-wide value the
    parameter mirrors, so that it follows the user to other pages. `default_label` names the
    default in the note shown when a link's value is bad.
    """

    name: str
    default: Any
    parse: Callable[[str], Any] = str
    format: Callable[[Any], str] = str
    shared: str | None = None
    default_label: str = "the default"

    def default_value(self) -> Any:
        """The default, computed now if it is a function."""
        return self.default() if callable(self.default) else self.default


class PageState:
    """The query parameters of one page, kept in widgets keyed `"<page>.<name>"`."""

    def __init__(self, page: str, url_path: str, params: list[Param]):
        self.page = page
        self.url_path = url_path
        self.params = {param.name: param for param in params}
        self.from_link: set[str] = set()

    def key(self, name: str) -> str:
        """The widget key (and session-state key) of parameter `name`."""
        return f"{self.page}.{name}"

    def value(self, name: str) -> Any:
        """The current value of parameter `name`."""
        return st.session_state[self.key(name)]

    def set(self, name: str, value: Any) -> None:
        """Change parameter `name` (call before its widget is drawn, or from a callback)."""
        st.session_state[self.key(name)] = value
        st.session_state[self._kept_key(name)] = value

    def restore(self) -> list[str]:
        """Give every parameter its value for this run, from a new link, the session or the
        default; return a note for each bad value in the link. `from_link` then holds the
        names whose value came from the link."""
        written = st.session_state.setdefault(_WRITTEN_KEY, {}).setdefault(self.page, {})
        # Coming from another page, the widgets' values are stale (Streamlit reset them while
        # they were not drawn): the kept copies hold what the user last saw here.
        returning = st.session_state.get(_LAST_PAGE_KEY) != self.page
        st.session_state[_LAST_PAGE_KEY] = self.page
        notes = []
        self.from_link = set()
        for name, param in self.params.items():
            key = self.key(name)
            raw = st.query_params.get(name)
            if raw is not None and raw != written.get(name):
                try:
                    value = param.parse(raw)
                except ValueError as exc:
                    value = param.default_value()
                    notes.append(f"The link's `{name}` was not used: {markdown_text(str(exc))} Showing {param.default_label} instead.")
                else:
                    self.from_link.add(name)
                self.set(name, value)
            elif returning or key not in st.session_state:
                kept_key = self._kept_key(name)
                if kept_key in st.session_state:
                    st.session_state[key] = st.session_state[kept_key]
                elif key not in st.session_state:
                    st.session_state[key] = param.default_value()
        return notes

    def publish(self, values: dict[str, Any] | None = None) -> tuple[str, list[str]]:
        """Write the page's state into the URL; return the share link and notes on what it leaves out.

        `values` overrides the widget values (for state that is not a widget). Texts longer than
        `MAX_TEXT_IN_LINK` characters are left out of the link.
        """
        values = values or {}
        query: dict[str, str] = {}
        notes = []
        for name, param in self.params.items():
            value = values[name] if name in values else st.session_state.get(self.key(name), param.default_value())
            st.session_state[self._kept_key(name)] = value
            if value == param.default_value():
                continue
            raw = param.format(value)
            if name in _LONG_VALUES and len(raw) > MAX_TEXT_IN_LINK:
                what = _LONG_VALUES[name]
                notes.append(
                    f"The {what} is {len(raw):,} characters long: links carry {what}s of up to "
                    f"{MAX_TEXT_IN_LINK:,} characters, so this link keeps the settings but not the {what}."
                )
                continue
            query[name] = raw
        st.session_state.setdefault(_WRITTEN_KEY, {})[self.page] = dict(query)
        if st.query_params.to_dict() != query:
            st.query_params.from_dict(query)
        return share_link(self.url_path, query), notes


    def _kept_key(self, name: str) -> str:
        # Streamlit forgets a widget's value while another page is showing; this copy, outside
        # any widget, brings it back. Shared parameters keep one copy for every page.
        shared = self.params[name].shared
        return f"shared.{shared}" if shared else f"kept.{self.page}.{name}"


def share_link(url_path: str, query: dict[str, str]) -> str:
    """The full link to a page with `query`, on the address the browser is using.

    >>> share_link("merges", {"text": "hi there", "step": "2"})  # doctest: +SKIP
    'http://localhost:8501/merges?text=hi+there&step=2'
    """
    link = app_base_url() + url_path
    return link + ("?" + urlencode(query) if query else "")


def app_base_url() -> str:
    """The app's root address as the browser sees it (`http://host:port/`), or `/` if unknown."""
    parts = urlsplit(st.context.url or "")
    base_path = (st.get_option("server.baseUrlPath") or "").strip("/")
    path = f"/{base_path}/" if base_path else "/"
    if not parts.scheme or not parts.netloc:
        return path
    return f"{parts.scheme}://{parts.netloc}{path}"


def parse_int_in_range(raw: str, low: int, high: int | None = None, what: str = "number") -> int:
    """A whole number from the URL between `low` and `high`, or ValueError saying what was wrong.

    >>> parse_int_in_range("7", 0, 10)
    7
    """
    text = raw.strip()
    if not text.lstrip("-").isdigit() or len(text) > 12:
        raise ValueError(f"{raw[:30]!r} is not a whole {what}.")
    value = int(text)
    if value < low or (high is not None and value > high):
        bounds = f"from {low:,}" + (f" to {high:,}" if high is not None else " up")
        raise ValueError(f"{what.capitalize()} {value:,} is out of range ({bounds}).")
    return value


def parse_flag(raw: str) -> bool:
    """A yes/no value from the URL: `1`/`true`/`yes`/`on` or `0`/`false`/`no`/`off`."""
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{raw[:30]!r} is not a yes/no value (use 1 or 0).")


def format_flag(value: bool) -> str:
    """`"1"` or `"0"`."""
    return "1" if value else "0"
