"""Driving the app's pages in AppTest: opening a page with its link's query parameters."""

from __future__ import annotations


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
