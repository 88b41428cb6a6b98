"""Shared test setup: the repo root on sys.path, and offline tiktoken references."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ENCODING_NAMES = ["r50k_base", "cl100k_base", "o200k_base"]


def tiktoken_reference(name: str):
    """tiktoken's Encoding for `name`, built offline from our own asset files (never downloaded)."""
    import tiktoken

    import tokenizer
    from tokenizer.registry import SPECS

    spec = SPECS[name]
    return tiktoken.Encoding(
        f"reference-{name}",
        pat_str=spec.pattern,
        mergeable_ranks=tokenizer.get_encoding(name).mergeable_ranks,
        special_tokens=spec.special_tokens,
    )


_references: dict = {}


@pytest.fixture(params=ENCODING_NAMES)
def encoding_pair(request):
    """`(ours, tiktoken's)` for each built-in encoding."""
    import tokenizer

    name = request.param
    if name not in _references:
        _references[name] = tiktoken_reference(name)
    return tokenizer.get_encoding(name), _references[name]


# ---------------------------------------------------------------- the app (AppTest)


_VOID_TAGS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _TokenViewParser:
    """Collects `(data-encoding, [data-token-id, ...])` for every token view in some HTML."""

    def __init__(self):
        from html.parser import HTMLParser

        views = self.views = []
        open_views = []

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                attrs = dict(attrs)
                if open_views and tag not in _VOID_TAGS:
                    open_views[-1][0] += 1
                if "data-encoding" in attrs:
                    views.append((attrs["data-encoding"], []))
                    open_views.append([1, views[-1][1]])
                if "data-token-id" in attrs and open_views:
                    open_views[-1][1].append(int(attrs["data-token-id"]))

            def handle_endtag(self, tag):
                if open_views and tag not in _VOID_TAGS:
                    open_views[-1][0] -= 1
                    if open_views[-1][0] == 0:
                        open_views.pop()

        self.parser = Parser()

    def feed(self, text: str) -> None:
        self.parser.feed(text)
        self.parser.close()


def token_views_of(at) -> list[tuple[str, list[int]]]:
    """`[(encoding name, token ids)]` of every token view an AppTest run drew, in order."""
    views = []
    for element in at.html:
        parser = _TokenViewParser()
        parser.feed(element.value)
        views.extend(parser.views)
    return views


@pytest.fixture
def app():
    """A fresh AppTest of app.py, not run yet: set `query_params` first, then call `run()`."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)


@pytest.fixture
def token_views():
    """`token_views(at)`: the `(encoding name, token ids)` of every token view `at` drew."""
    return token_views_of


# ---------------------------------------------------------------- the app in a real browser


@pytest.fixture(scope="session")
def chromium():
    """The Chromium executable, or a skip saying how to install it."""
    from tests.browser import INSTALL_HINT, chromium_path

    path = chromium_path()
    if path is None:
        pytest.skip(INSTALL_HINT)
    return path


@pytest.fixture(scope="session")
def browser(chromium):
    """One headless Chromium for the whole test session."""
    from playwright.sync_api import expect, sync_playwright

    from tests.browser import CHROMIUM_ARGS

    # Streamlit pages take a moment to render under load: Playwright's 5 s default is too short.
    expect.set_options(timeout=30_000)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def app_server(chromium):
    """`streamlit run app.py` on a free loopback port, for the whole test session."""
    from tests.browser import AppServer

    server = AppServer().start()
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    """A fresh browser page (its own context: no cookies or storage shared between tests)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    opened = context.new_page()
    yield opened
    context.close()
