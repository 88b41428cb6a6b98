"""What tokens cost: a price per million tokens, entered by the user, turned into dollars.

The price is a page parameter (`price` in the share link); 0 means no price, and no cost shown.
"""

from __future__ import annotations

import math
from typing import Sequence

import streamlit as st

from .markdown import markdown_text

MAX_PRICE = 10_000.0


def parse_price(raw: str) -> float:
    """A price per million tokens from the URL: a number from 0 to 10,000 (dollars).

    >>> parse_price("2.5")
    2.5
    """
    text = raw.strip().lstrip("$")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{raw[:30]!r} is not a price (write dollars per million tokens, e.g. 2.5).") from None
    if not math.isfinite(value) or not 0 <= value <= MAX_PRICE:
        raise ValueError(f"A price of {raw[:30]} per million tokens is out of range (0 to {MAX_PRICE:,.0f}).")
    return value


def format_price(value: float) -> str:
    """The price as the URL writes it: `format_price(2.5) == "2.5"`."""
    return f"{value:g}"


def format_cost(n_tokens: int, price_per_million: float) -> str:
    """The cost of `n_tokens` at `price_per_million` dollars, to the micro-dollar below a dollar.

    >>> format_cost(41, 3.0)
    '$0.000123'
    >>> format_cost(3_000_000, 2.5)
    '$7.50'
    """
    cost = n_tokens * price_per_million / 1_000_000
    return f"${cost:,.2f}" if cost >= 1 else f"${cost:.6f}"


def price_input(key: str, *, width: int | str = "stretch") -> float:
    """The "Price per 1M tokens ($)" input, bound to the session-state `key` (0: no cost shown)."""
    return st.number_input(
        "Price per 1M tokens ($)",
        key=key,
        width=width,
        min_value=0.0,
        max_value=MAX_PRICE,
        step=0.5,
        format="%.3f",
        help="Optional: a model's price in dollars per million tokens (see its pricing page). "
        "The cost of the tokens shown appears under the counts. 0: no cost.",
    )


def show_cost(n_tokens: int, price_per_million: float) -> None:
    """ "Cost: $0.000123 for 49 tokens" under the counts, if a price is set."""
    if price_per_million > 0:
        cost = format_cost(n_tokens, price_per_million)
        price = format_price(price_per_million)
        # `$` starts math in Streamlit's markdown: escaped.
        st.caption(f"Cost: \\{cost} for {n_tokens:,} tokens, at \\${price} per million tokens.")


def show_costs(labels: Sequence[str], counts: Sequence[int], price_per_million: float) -> None:
    """One caption with the cost under each encoding (Compare), if a price is set:
    "Cost at $2.5 per million tokens: GPT-2 $0.000100 (40 tokens) · GPT-4 ..."."""
    if price_per_million > 0:
        costs = " · ".join(
            f"{markdown_text(label)} \\{format_cost(count, price_per_million)} ({count:,} tokens)"
            for label, count in zip(labels, counts)
        )
        st.caption(f"Cost at \\${format_price(price_per_million)} per million tokens: {costs}")
