"""End to end, in a real headless Chromium: share links, token ids against the engine, safety.

The server is `streamlit run app.py`, as people run it; the ids every page draws are read back
from their `data-token-id` attributes and compared with the engine's.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError, expect

import tokenizer
from tests.browser import AppServer, token_ids_in, wait_for_app
from ui.samples import sample_text

MIXED_TEXT = "Hello world!!! 안녕하세요 👩‍👩‍👧 🇫🇷\n    def f(x):\n        return 1234567\n"


def open_page(page, server, path: str = "", **query: str) -> None:
    """Open `path?query` on `server` and wait until the script has run."""
    page.goto(server.url + path + ("?" + urlencode(query) if query else ""), wait_until="domcontentloaded")
    wait_for_app(page)


def expect_token_ids(page, encoding: str, expected: list[int], index: int = 0) -> None:
    """Wait until the view marked `encoding` holds exactly `expected`."""
    view = page.locator(f"[data-encoding='{encoding}']").nth(index)
    expect(view.locator("[data-token-id]")).to_have_count(len(expected))
    assert token_ids_in(page, encoding, index) == expected


def click_when_idle(page, selector: str) -> None:
    """Click once the script has finished its run (a click during a rerun can land on a stale button)."""
    page.wait_for_selector("[data-test-script-state='notRunning']")
    button = page.locator(selector)
    expect(button).to_be_enabled()
    button.click()


def test_share_link_as_the_first_visit_to_a_fresh_server(browser):
    """People arrive from a slide: the link is the first page a new server ever serves."""
    text = "lower newest widest"
    fresh = AppServer().start()
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        open_page(page, fresh, "merges", text=text, encoding="gpt2", step="3")
        trace = tokenizer.get_encoding("r50k_base").trace(text)
        expect_token_ids(page, "r50k_base", trace.state(3))
        # The app's own navigation is there (not Streamlit's file-name page list).
        expect(page.get_by_role("link", name="Compare")).to_be_visible()
        context.close()
    finally:
        fresh.stop()


@pytest.mark.parametrize("alias, name", [("gpt2", "r50k_base"), ("gpt4", "cl100k_base"), ("gpt4o", "o200k_base")])
def test_tokenize_share_link_draws_the_engines_ids(page, app_server, alias, name):
    open_page(page, app_server, text=MIXED_TEXT, encoding=alias)
    expect_token_ids(page, name, tokenizer.get_encoding(name).encode(MIXED_TEXT))


def test_opens_on_the_sample_text(page, app_server):
    open_page(page, app_server)
    expected = tokenizer.get_encoding("cl100k_base").encode(sample_text(), allowed_special="all")
    expect_token_ids(page, "cl100k_base", expected)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_typing_a_text_retokenizes_it(page, app_server):
    open_page(page, app_server)
    area = page.locator(".st-key-tokenize-text textarea")
    area.fill("The quick brown fox")
    area.press("Control+Enter")
    expect_token_ids(page, "cl100k_base", tokenizer.get_encoding("cl100k_base").encode("The quick brown fox"))


def test_html_in_the_text_is_shown_as_text(page, app_server):
    hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
    open_page(page, app_server, text=hostile, encoding="gpt4")
    expect_token_ids(page, "cl100k_base", tokenizer.get_encoding("cl100k_base").encode(hostile))
    view = page.locator("[data-encoding='cl100k_base']")
    assert view.locator("img, script").count() == 0
    expect(view).to_contain_text("<img src=x")
    assert page.evaluate("window.pwned") is None


def test_html_in_the_text_is_shown_as_text_in_compare_chunks(page, app_server):
    # Chunk views are inserted by a script, past Streamlit's sanitizer: the text must stay text.
    hostile = '<img src=x onerror="window.pwned=1"></script><script>window.pwned=2</script>'
    open_page(page, app_server, "compare", text=hostile)
    chunks = page.locator(".tv.chunks")
    expect(chunks).to_have_count(2)
    for index, name in enumerate(["r50k_base", "cl100k_base"]):
        boxes = chunks.nth(index).locator(".chunk")
        expect(boxes).to_have_text([chunk for chunk, _ in tokenizer.get_encoding(name).pre_tokenize(hostile)])
    assert page.locator("[data-testid='stMain'] img, [data-testid='stMain'] .tv script").count() == 0
    assert page.evaluate("window.pwned") is None


def test_a_long_text_is_counted_whole_and_drawn_page_by_page(page, app_server):
    text = "All work and no play makes Jack a dull boy. " * 1200
    n_tokens = len(tokenizer.get_encoding("cl100k_base").encode(text))
    # A text this long does not fit a link: paste it, as people do.
    open_page(page, app_server, text="x")
    area = page.locator(".st-key-tokenize-text textarea")
    area.fill(text)
    area.press("Control+Enter")
    expect(page.get_by_test_id("stMetric").first).to_contain_text(f"{n_tokens:,}")
    view = page.locator("[data-encoding='cl100k_base']")
    expect(view.locator("[data-token-id]")).to_have_count(2_000)


def outlined_count(locator) -> int:
    """How many of the elements `locator` finds are drawn with an outline right now."""
    return locator.evaluate_all("elements => elements.filter(e => getComputedStyle(e).outlineStyle !== 'none').length")


def test_hovering_a_token_outlines_its_id_and_hovering_an_id_its_token(page, app_server):
    text = " ".join(f"w{i}" for i in range(60))  # over a hundred tokens: several hover blocks
    ids = tokenizer.get_encoding("cl100k_base").encode(text)
    open_page(page, app_server, text=text)
    expect_token_ids(page, "cl100k_base", ids)
    view = page.locator("[data-encoding='cl100k_base']")
    tokens, id_items = view.locator("[data-token-id]"), view.locator(".ids .id")
    for hovered, partner, partners in ((tokens.nth(45), id_items.nth(45), id_items), (id_items.nth(3), tokens.nth(3), tokens)):
        hover(page, hovered)
        expect(partner).to_have_css("outline-style", "solid")
        assert outlined_count(partners) == 1


def hover(page, element, tries: int = 3) -> None:
    """Put the mouse on `element` until the browser counts it as hovered. Once in a full run
    (under load) the element under a resting mouse was not `:hover` for 30 s, so the outline
    test failed for a reason that is not the CSS's; a person's mouse keeps moving, so move off
    and back, as they would. The outline itself is still asserted on the first hover that
    takes."""
    for attempt in range(tries):
        element.hover()
        try:
            page.wait_for_function("e => e.matches(':hover')", arg=element.element_handle(), timeout=3_000)
            return
        except PlaywrightTimeoutError:
            if attempt == tries - 1:
                raise
            page.mouse.move(0, 0)


def test_the_ids_to_copy_are_drawn_when_opened(page, app_server):
    open_page(page, app_server, text="hello world")
    click_when_idle(page, ".st-key-tokenize-copy_ids summary")
    ids = tokenizer.get_encoding("cl100k_base").encode("hello world")
    expect(page.locator(".st-key-tokenize-copy_ids [data-testid='stCode']")).to_contain_text(str(ids))


def test_a_bad_link_falls_back_with_a_note(page, app_server):
    open_page(page, app_server, text="hello", encoding="no-such-encoding")
    expect(page.get_by_test_id("stAlert").first).to_contain_text("no-such-encoding")
    expect_token_ids(page, "cl100k_base", tokenizer.get_encoding("cl100k_base").encode("hello"))
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_compare_columns_hold_each_encodings_tokens(page, app_server):
    text = "def f(x):\n        return x ** 2  # 12345678\nHELLO WORLD!!! I'M HERE"
    open_page(page, app_server, "compare", text=text, encodings="gpt2,gpt4,gpt4o")
    for name in ("r50k_base", "cl100k_base", "o200k_base"):
        expect_token_ids(page, name, tokenizer.get_encoding(name).encode(text, allowed_special="all"))
    # GPT-2 spends a token per space of indentation where GPT-4 groups them: cuts differ.
    expect(page.locator("[data-encoding='r50k_base'] .diff").first).to_be_visible()
    # Chunks are shown; the statistics wait to be asked for.
    expect(page.locator(".tv.chunks")).to_have_count(3)
    click_when_idle(page, ".st-key-compare-statistics summary")
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_stepping_a_merge_redraws_the_state(page, app_server):
    text = "lower newest widest"
    trace = tokenizer.get_encoding("cl100k_base").trace(text)
    open_page(page, app_server, "merges", text=text, encoding="gpt4", step="2")
    expect_token_ids(page, "cl100k_base", trace.state(2))
    click_when_idle(page, ".st-key-merges-next button")
    expect_token_ids(page, "cl100k_base", trace.state(3))
    expect(page).to_have_url(re.compile(r"step=3"))
    click_when_idle(page, ".st-key-merges-last button")
    expect_token_ids(page, "cl100k_base", trace.state(len(trace.steps)))
    click_when_idle(page, ".st-key-merges-first button")
    expect_token_ids(page, "cl100k_base", trace.state(0))
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_table_of_all_merges_is_drawn_when_opened(page, app_server):
    open_page(page, app_server, "merges", text="lower newest widest", encoding="gpt4", step="2")
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)  # the steps around this one
    click_when_idle(page, ".st-key-merges-all_steps summary")
    expect(page.get_by_test_id("stDataFrame")).to_have_count(2)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_every_page_renders_for_its_screenshot(page, app_server, tmp_path):
    """Every page draws its main content without an error, as the README's screenshots show it."""
    from tests.screenshots import SHOTS, take

    for shot in SHOTS:
        path = take(page, app_server, shot, tmp_path)
        assert path.stat().st_size > 10_000, shot.name
        expect(page.get_by_test_id("stException")).to_have_count(0)


def test_training_can_be_cancelled(page, app_server):
    """A long training run shows its progress and stops when Cancel is pressed."""
    open_page(page, app_server, "train")
    corpus = "".join(f"word{i % 997} and {i * 7919 % 10007} " for i in range(60_000))  # ~1 MB
    area = page.locator(".st-key-train-text textarea")
    area.evaluate(
        "(element, value) => { const set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;"
        " set.call(element, value); element.dispatchEvent(new Event('input', {bubbles: true})); }",
        corpus,
    )
    area.press("Control+Enter")
    page.wait_for_selector("[data-test-script-state='notRunning']")
    page.locator(".st-key-train-pattern button:has-text('None')").click()
    page.wait_for_selector("[data-test-script-state='notRunning']")
    size = page.locator(".st-key-train-vocab_size input")
    size.fill("20000")
    page.locator("[data-testid='stForm'] button:has-text('Train')").click()
    cancel = page.locator(".st-key-train-cancel button")
    expect(cancel).to_be_visible()
    expect(page.get_by_test_id("stProgress")).to_be_visible()
    cancel.click()
    expect(page.get_by_text("Training was cancelled")).to_be_visible()
    expect(cancel).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
