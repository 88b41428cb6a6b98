"""End to end, in headless Chromium: every lesson's link opens its page with the engine's tokens,
the Lessons page's buttons open them, presenter mode, and the arrow keys stepping merges."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

import tokenizer
from lessons import LESSONS
from lessons.catalog import TRAINED_NAME
from tests.browser import wait_for_app
from tests.lesson_views import expected_views
from tests.test_browser import expect_token_ids, open_page

ALL_LINKS = [(number, index, link) for number, item in enumerate(LESSONS, 1) for index, link in enumerate(item.links)]


def expect_no_exception(page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def expect_lesson_page(page, link) -> None:
    """Wait until `link`'s page shows what its lesson is about, and check it."""
    views = expected_views(link)
    for position, (name, ids) in enumerate(views):
        # The n-th view of an encoding on the page is its n-th expected view.
        expect_token_ids(page, name, ids, [view for view, _ in views[:position]].count(name))
    if link.page == "train":
        expect(page.get_by_test_id("stAlert").filter(has_text=f"Trained {TRAINED_NAME}")).to_be_visible()
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    elif link.page == "vocabulary":
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
        expect(page.locator(".st-key-vocabulary-search")).to_contain_text("SolidGoldMagikarp")
    elif link.page == "embeddings":
        expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
    expect_no_exception(page)
    expect(page.locator("[data-testid='stAlert']").filter(has_text="was not used")).to_have_count(0)


@pytest.mark.parametrize("number, index, link", ALL_LINKS, ids=[f"{n}.{i}" for n, i, _ in ALL_LINKS])
def test_a_lesson_link_opens_its_page_with_the_engines_tokens(page, app_server, number, index, link):
    page.goto(link.url(app_server.url), wait_until="domcontentloaded")
    wait_for_app(page)
    expect_lesson_page(page, link)


def test_the_lessons_page_lists_every_lesson_with_its_links(page, app_server):
    open_page(page, app_server, "lessons")
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
    for number, item in enumerate(LESSONS, 1):
        expect(page.locator(f".st-key-lessons-{number}")).to_contain_text(item.title)
    for number, index, link in ALL_LINKS:
        # The buttons link to the address the browser is using.
        expect(page.locator(f".st-key-lessons-{number}-{index} a")).to_have_attribute("href", link.url(app_server.url))
    expect_no_exception(page)


def test_a_lesson_button_opens_its_page_in_a_new_tab(page, app_server):
    open_page(page, app_server, "lessons")
    link = LESSONS[0].links[0]
    with page.context.expect_page() as opened:
        page.locator(".st-key-lessons-1-0 a").click()
    lesson_page = opened.value
    lesson_page.wait_for_load_state("domcontentloaded")
    wait_for_app(lesson_page)
    expect_lesson_page(lesson_page, link)
    lesson_page.close()


def test_presenter_1_folds_the_sidebar_and_draws_large_dark_tokens(page, app_server):
    open_page(page, app_server, "", text="hello world", presenter="1")
    expect_token_ids(page, "cl100k_base", tokenizer.get_encoding("cl100k_base").encode("hello world"))
    expect(page.get_by_test_id("stExpandSidebarButton")).to_be_visible()
    view = page.locator("[data-encoding='cl100k_base']")
    expect(view).to_have_class(re.compile(r"\btv dark large\b"))
    expect(view).to_have_css("font-size", "34px")
    expect(view).to_have_css("background-color", "rgb(0, 0, 0)")
    expect_no_exception(page)


def test_the_presenter_toggle_folds_the_sidebar(page, app_server):
    open_page(page, app_server, "", text="hello world")
    view = page.locator("[data-encoding='cl100k_base']")
    expect(view).to_have_css("font-size", "16px")
    page.locator(".st-key-display-presenter label").first.click()
    expect(page.get_by_test_id("stExpandSidebarButton")).to_be_visible()
    expect(view).to_have_css("font-size", "34px")


def press_when_idle(page, key: str) -> None:
    """Press `key` once the script has finished its run (a button ignores its shortcut while stale)."""
    page.wait_for_selector("[data-test-script-state='notRunning']")
    expect(page.locator(".st-key-merges-next button")).to_be_visible()
    page.keyboard.press(key)


def test_arrow_keys_step_the_merges(page, app_server):
    text = "lower newest widest"
    trace = tokenizer.get_encoding("cl100k_base").trace(text)
    open_page(page, app_server, "merges", text=text, encoding="gpt4", step="2", presenter="1")
    expect_token_ids(page, "cl100k_base", trace.state(2))
    page.locator("h1").first.click()  # focus on the page, not in a text box
    press_when_idle(page, "ArrowRight")
    expect(page).to_have_url(re.compile(r"step=3"))
    expect_token_ids(page, "cl100k_base", trace.state(3))
    press_when_idle(page, "ArrowRight")
    expect(page).to_have_url(re.compile(r"step=4"))
    expect_token_ids(page, "cl100k_base", trace.state(4))
    press_when_idle(page, "ArrowLeft")
    expect(page).to_have_url(re.compile(r"step=3"))
    expect_token_ids(page, "cl100k_base", trace.state(3))
    expect_no_exception(page)


def test_arrow_keys_in_the_text_box_do_not_step(page, app_server):
    text = "lower newest widest"
    trace = tokenizer.get_encoding("cl100k_base").trace(text)
    open_page(page, app_server, "merges", text=text, encoding="gpt4", step="2")
    expect_token_ids(page, "cl100k_base", trace.state(2))
    area = page.locator(".st-key-merges-text textarea")
    area.click()
    area.press("ArrowRight")
    area.press("ArrowLeft")
    # Leaving the box sends its (unchanged) text: a run, which must still be at step 2.
    page.locator("h1").first.click()
    wait_for_app(page)
    expect_token_ids(page, "cl100k_base", trace.state(2))
    expect(page).to_have_url(re.compile(r"step=2"))
