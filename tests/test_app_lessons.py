"""The Lessons page and presenter mode, through Streamlit's AppTest: every lesson listed with its
links, every link opening its page on the right text with the engine's tokens, the charts'
numbers, presenter=1, the Train page's train=1 and the Merges page's arrow-key shortcuts."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

import tokenizer
from lessons import LESSONS, language_costs, training_comparison
from lessons.catalog import LANGUAGES, TRAINED_NAME, TRAINING_VOCAB_SIZE, training_corpus
from tests.app_pages import open_page
from tests.lesson_views import PAGE_FILES, expected_views
from ui.display import DARK_KEY, LARGE_KEY, PRESENTER_KEY

PAGE = "app_pages/lessons.py"
ALL_LINKS = [(number, index, link) for number, item in enumerate(LESSONS, 1) for index, link in enumerate(item.links)]


def link_buttons(at) -> list[tuple[str, str]]:
    """`(label, url)` of every link button the run drew, in order."""
    return [(button.proto.label, button.proto.url) for button in at.get("link_button")]


def open_lessons(app, **query):
    return open_page(app, PAGE, **query)


# ---------------------------------------------------------------- the Lessons page


def test_every_lesson_is_listed_in_order(app):
    open_lessons(app)
    assert app.title[0].value == "Why tokenization matters"
    headers = [header.value for header in app.main.subheader]
    assert headers == [f"{n}. {item.title}" for n, item in enumerate(LESSONS, 1)]
    notices = [markdown.value for markdown in app.markdown]
    assert all(item.notice in notices for item in LESSONS)
    assert not app.error and not app.exception


def test_every_lesson_has_a_button_per_link(app):
    open_lessons(app)
    assert link_buttons(app) == [(link.label, link.url("/")) for _, _, link in ALL_LINKS]


def test_the_links_parse_back_to_their_page_and_query(app):
    open_lessons(app)
    for (_, url), (_, _, link) in zip(link_buttons(app), ALL_LINKS):
        parts = urlsplit(url)
        assert parts.path == "/" + link.page
        assert {name: values[0] for name, values in parse_qs(parts.query).items()} == link.query


def test_the_language_chart_shows_the_engines_counts(app):
    open_lessons(app)
    charts = app.get("plotly_chart")
    assert len(charts) == 1
    figure = json.loads(charts[0].proto.spec)
    costs = language_costs(LANGUAGES)
    for trace in figure["data"]:
        mine = [cost for cost in costs if trace["name"].endswith(f"({cost.encoding})")]
        assert trace["x"] == list(LANGUAGES)
        assert trace["y"] == pytest.approx([cost.tokens_per_character for cost in mine])
        assert trace["text"] == [str(cost.n_tokens) for cost in mine]
    assert len(figure["data"]) == 3


def test_the_training_lesson_shows_the_engines_counts(app):
    open_lessons(app)
    result = training_comparison(training_corpus(), TRAINING_VOCAB_SIZE)
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics == {
        "Trained here (512 tokens)": f"{result.trained_tokens:,} tokens",
        "GPT-2 (r50k_base)": f"{result.builtin_tokens['r50k_base']:,} tokens",
        "GPT-4 (cl100k_base)": f"{result.builtin_tokens['cl100k_base']:,} tokens",
    }


# ---------------------------------------------------------------- each lesson's link in its page


@pytest.mark.parametrize("number, index, link", ALL_LINKS, ids=[f"{n}.{i}" for n, i, _ in ALL_LINKS])
def test_a_lesson_link_opens_its_page_as_set_up(app, token_views, number, index, link):
    page_file, state_name = PAGE_FILES[link.page]
    open_page(app, page_file, **link.query)
    assert not app.error, [error.value for error in app.error]
    assert not app.warning, [warning.value for warning in app.warning]  # no link value was refused
    if "text" in link.query:
        assert app.session_state[f"{state_name}.text"] == link.query["text"]
    assert token_views(app) == expected_views(link)


def test_the_training_link_trains_on_opening(app):
    link = next(link for _, _, link in ALL_LINKS if link.page == "train")
    open_page(app, "app_pages/train.py", **link.query)
    assert any(f"Trained {TRAINED_NAME}" in success.value for success in app.success)
    trained = app.session_state["trained_tokenizers"][TRAINED_NAME].tokenizer
    expected = tokenizer.train(training_corpus(), TRAINING_VOCAB_SIZE, "gpt4")
    assert trained.merges == expected.merges
    assert "train" not in app.query_params  # once only: the flag leaves the URL


def test_train_1_trains_once(app):
    open_page(app, "app_pages/train.py", text="aaa bbb aaa bbb", vocab_size="260", train="1", name="once")
    assert [success.value for success in app.success] == ["Trained once on 15 bytes."]
    app.run()
    assert not app.success
    assert "once" in app.session_state["trained_tokenizers"]


def test_without_train_1_the_train_page_waits_for_the_button(app):
    open_page(app, "app_pages/train.py", text="aaa bbb aaa bbb", vocab_size="260")
    assert not app.success
    assert "trained_tokenizers" not in app.session_state or not app.session_state["trained_tokenizers"]


# ---------------------------------------------------------------- presenter mode


def test_presenter_1_turns_on_large_dark_views(app, token_views):
    app.query_params["presenter"] = "1"
    app.query_params["text"] = "hello world"
    app.run()
    assert not app.exception
    assert app.session_state[PRESENTER_KEY] is True
    assert app.toggle(key=PRESENTER_KEY).value is True
    view = next(element.value for element in app.html if "data-encoding" in element.value)
    assert view.startswith('<div class="tv dark large')
    styles = app.html[-1].value
    assert "html { font-size: 22px; }" in styles and ".tv.large { font-size: 34px; }" in styles
    assert token_views(app) == [("cl100k_base", tokenizer.get_encoding("cl100k_base").encode("hello world"))]


def test_presenter_mode_is_off_by_default(app):
    app.query_params["text"] = "hello"
    app.run()
    assert app.toggle(key=PRESENTER_KEY).value is False
    view = next(element.value for element in app.html if "data-encoding" in element.value)
    assert view.startswith('<div class="tv linked')
    assert "34px" not in app.html[-1].value


def test_presenter_mode_keeps_the_own_toggles_as_they_are(app):
    app.query_params["presenter"] = "1"
    app.run()
    assert app.toggle(key=DARK_KEY).value is False and app.toggle(key=LARGE_KEY).value is False


def test_the_toggle_turns_presenter_mode_off_even_with_the_link_still_open(app):
    open_lessons(app, presenter="1")
    assert app.session_state[PRESENTER_KEY] is True
    app.toggle(key=PRESENTER_KEY).set_value(False).run()
    assert app.session_state[PRESENTER_KEY] is False
    assert not any(url.endswith("presenter=1") for _, url in link_buttons(app))


def test_presenter_0_turns_it_off_and_a_bad_value_is_ignored(app):
    app.query_params["presenter"] = "maybe"
    app.run()
    assert app.session_state[PRESENTER_KEY] is False and not app.exception
    app.query_params["presenter"] = "1"
    app.run()
    assert app.session_state[PRESENTER_KEY] is True
    app.query_params["presenter"] = "0"
    app.run()
    assert app.session_state[PRESENTER_KEY] is False


def test_in_presenter_mode_lesson_links_carry_it(app):
    open_lessons(app, presenter="1")
    urls = [url for _, url in link_buttons(app)]
    assert urls == [link.url("/", presenter=True) for _, _, link in ALL_LINKS]
    assert all(url.endswith("&presenter=1") for url in urls)


def test_presenter_mode_survives_a_page_whose_link_drops_it(app):
    open_page(app, "app_pages/merges.py", text="lower newest", presenter="1")
    assert "presenter" not in app.query_params  # the page writes its own link
    app.run()
    assert app.session_state[PRESENTER_KEY] is True


# ---------------------------------------------------------------- the Merges page's arrow keys


def test_previous_and_next_have_arrow_key_shortcuts(app):
    open_page(app, "app_pages/merges.py", text="lower newest widest", encoding="gpt4", step="2")
    assert app.button(key="merges.previous").proto.shortcut == "left"
    assert app.button(key="merges.next").proto.shortcut == "right"
    assert "← / → step" in [caption.value for caption in app.caption]
