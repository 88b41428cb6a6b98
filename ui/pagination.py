"""Paging long token lists: views draw one page of tokens at a time, counts cover the whole text."""

from __future__ import annotations

import math

import streamlit as st

from .token_view import PAGE_SIZE


def page_bounds(n_items: int, page: int, page_size: int = PAGE_SIZE) -> tuple[int, int]:
    """`(start, end)` of page `page` (1-based), clamped to the pages that exist.

    >>> page_bounds(4500, 3, 2000)
    (4000, 4500)
    """
    n_pages = max(1, math.ceil(n_items / page_size))
    page = min(max(1, page), n_pages)
    return (page - 1) * page_size, min(n_items, page * page_size)


def page_picker(n_items: int, key: str, *, noun: str = "tokens", page_size: int = PAGE_SIZE) -> tuple[int, int]:
    """A page number input when `n_items` needs more than one page; returns the page's `(start, end)`."""
    if n_items <= page_size:
        st.session_state.pop(key, None)
        return 0, n_items
    n_pages = math.ceil(n_items / page_size)
    if st.session_state.get(key, 1) > n_pages:
        st.session_state[key] = n_pages
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    page = left.number_input(f"Page (of {n_pages:,})", min_value=1, max_value=n_pages, step=1, key=key)
    start, end = page_bounds(n_items, page, page_size)
    right.caption(f"Showing {noun} {start + 1:,}–{end:,} of {n_items:,}, {page_size:,} per page.")
    return start, end
