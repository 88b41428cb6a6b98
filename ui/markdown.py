"""Showing people's text inside Markdown: escaped, so it is shown as typed, never formatted.

Streamlit draws `st.warning`, `st.error`, `st.caption` and `st.markdown` as Markdown: a value
from a share link such as `![x](http://host/pixel.png)` would otherwise become an image the
browser fetches, and `**x**` bold text. Escape every piece of user text put in such a message.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>|~$]")


def markdown_text(text: str) -> str:
    """`text` with Markdown's special characters escaped, for labels drawn by Markdown widgets
    (a trained tokenizer's name is the user's: `my_tok_` must not turn italic).

    >>> print(markdown_text("a_b*"))
    a\\_b\\*
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\g<0>", text)
