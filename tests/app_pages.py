"""Driving the app's pages in AppTest: opening a page with its link's query parameters."""

from __future__ import annotations

import json

from ui.token_view import SCRIPT_INSERT_PREFIX


def open_page(app, page: str, **query: str):
    """Run the app, then switch to `page` (e.g. "app_pages/train.py") with `query` as its link's
    parameters, as a person following a share link would land on it; the run must not fail."""
    app.run()
    for name, value in query.items():
        app.query_params[name] = value
    app.switch_page(page)
    app.run()
    assert not app.exception
    return app


def drawn_markup(body: str) -> str:
    """The markup an `st.html` body draws. A view inserted by a script (see
    `ui.token_view.inserted_by_script`) is decoded, once its script is checked to be exactly that
    one, with no `<` in its string: nothing else in it can run or be read as HTML."""
    if not body.startswith(SCRIPT_INSERT_PREFIX):
        return body
    payload = body[len(SCRIPT_INSERT_PREFIX) :]
    assert payload.endswith("</script>"), body[:200]
    payload = payload[: -len("</script>")]
    assert "<" not in payload, body[:200]
    return json.loads(payload)
