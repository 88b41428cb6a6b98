"""The Merges page, through Streamlit's AppTest: stepping an encoding's merges and merges learned
from the text, links, bad links, the chart and tables, play, escaping."""

import doctest
import html
import json
import re
import time

import pytest

import tokenizer
import ui.merge_steps
import ui.merge_view
from tokenizer import Tokenizer
from ui.samples import sample_text
from ui.token_view import PAGE_SIZE
from tests.app_pages import open_page

PAGE = "app_pages/merges.py"
SHORT_TEXT = "Hello world! Tokenizers merge bytes: hello, hello."


def open_merges(app, **query):
    """Run the app, then switch to Merges with `query` as its link's parameters."""
    return open_page(app, PAGE, **{name: str(value) for name, value in query.items()})


def trace(text: str, name: str = "cl100k_base"):
    return tokenizer.get_encoding(name).trace(text)


def shown_state(app, token_views) -> tuple[str, list[int]]:
    """The one token view the page drew: `(data-encoding, ids)`."""
    views = token_views(app)
    assert len(views) == 1
    return views[0]


def marked(app, mark: str) -> list[int]:
    """The ids of the tokens whose class has `mark` ("merged" or "next"), in order."""
    view = next(element.value for element in app.html if "data-encoding" in element.value)
    return [int(token) for classes, token in re.findall(r'class="tok ([^"]*)" data-token-id="(\d+)"', view) if mark in classes.split()]


def rules_html(app) -> list[str]:
    """The HTML of each merge rule drawn."""
    return [element.value for element in app.html if re.match(r'<div class="tv[^"]* merge-rule"', element.value)]


def rule_texts(app) -> list[str]:
    """The text of each merge rule drawn ("Step 3: a + b → ab (rank 1)")."""
    rules = rules_html(app)
    return [html.unescape(re.sub(r"<[^>]+>", "", rule)) for rule in rules]


def warnings(app) -> str:
    return "\n".join(warning.value for warning in app.warning)


def metrics(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def chart_spec(app) -> dict:
    charts = app.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def test_helpers_examples_hold():
    assert doctest.testmod(ui.merge_steps).failed == 0
    assert doctest.testmod(ui.merge_view).failed == 0


# ------------------------------------------------------------------ an encoding's merges


def test_opens_on_the_sample_text_with_gpt4_at_step_0(app, token_views):
    open_merges(app)
    text_trace = trace(sample_text())
    assert shown_state(app, token_views) == ("cl100k_base", text_trace.state(0))
    assert app.slider(key="merges.step").value == 0
    assert not app.warning
    assert metrics(app)["Step"] == f"0 of {len(text_trace):,}"


@pytest.mark.parametrize("step", [1, 2, 17, 100])
def test_step_in_the_link_shows_exactly_that_state(app, token_views, step):
    open_merges(app, text=SHORT_TEXT * 3, step=step)
    assert shown_state(app, token_views) == ("cl100k_base", trace(SHORT_TEXT * 3).state(step))
    assert app.slider(key="merges.step").value == step
    assert app.query_params["step"] == str(step)


def test_the_merge_just_applied_is_shown_and_marked(app):
    open_merges(app, text=SHORT_TEXT, step=5)
    encoding = tokenizer.get_encoding("cl100k_base")
    applied, upcoming = trace(SHORT_TEXT).step(4), trace(SHORT_TEXT).step(5)

    def rule(step) -> str:
        tokens = (step.left, step.right, step.new)
        left, right, new = (tokenizer.vocab_files.to_printable(encoding.decode_single_token_bytes(t)) for t in tokens)
        return f"{left} + {right} → {new} (rank {step.rank})"

    assert rule_texts(app) == [f"Step 5: {rule(applied)}", f"Next: {rule(upcoming)}"]
    assert marked(app, "merged") == [applied.new]
    assert marked(app, "next") == [upcoming.left, upcoming.right]


def test_next_previous_first_and_last_buttons_move_the_step(app, token_views):
    open_merges(app, text=SHORT_TEXT)
    text_trace = trace(SHORT_TEXT)
    last = len(text_trace)
    for button, expected in [("next", 1), ("next", 2), ("previous", 1), ("last", last), ("previous", last - 1), ("first", 0)]:
        app.button(key=f"merges.{button}").click().run()
        assert not app.exception
        assert app.slider(key="merges.step").value == expected
        assert shown_state(app, token_views) == ("cl100k_base", text_trace.state(expected))
        assert app.query_params.get("step", "0") == str(expected)


def test_buttons_that_would_leave_the_range_are_disabled(app):
    open_merges(app, text=SHORT_TEXT)
    assert app.button(key="merges.first").disabled and app.button(key="merges.previous").disabled
    assert not app.button(key="merges.next").disabled
    app.button(key="merges.last").click().run()
    assert app.button(key="merges.next").disabled and app.button(key="merges.last").disabled


def test_the_slider_moves_the_step(app, token_views):
    open_merges(app, text=SHORT_TEXT)
    app.slider(key="merges.step").set_value(7).run()
    assert shown_state(app, token_views) == ("cl100k_base", trace(SHORT_TEXT).state(7))
    assert app.query_params["step"] == "7"


@pytest.mark.parametrize("name", ["cl100k_base", "r50k_base", "o200k_base"])
def test_the_last_step_equals_encode_ordinary(app, token_views, name):
    open_merges(app, encoding=name)
    app.button(key="merges.last").click().run()
    encoding = tokenizer.get_encoding(name)
    # The sample holds "<|endoftext|>": a trace cuts it as ordinary text.
    assert shown_state(app, token_views) == (name, encoding.encode_ordinary(sample_text()))
    assert rule_texts(app)[-1].startswith(f"Step {len(trace(sample_text(), name)):,}:")
    assert any("encode_ordinary" in caption.value for caption in app.caption)


@pytest.mark.parametrize(
    "alias, name", [("gpt2", "r50k_base"), ("GPT4", "cl100k_base"), ("gpt4o", "o200k_base"), ("r50k_base", "r50k_base")]
)
def test_encoding_aliases_in_the_link(app, token_views, alias, name):
    open_merges(app, text=SHORT_TEXT, encoding=alias, step=3)
    assert shown_state(app, token_views) == (name, trace(SHORT_TEXT, name).state(3))
    assert not app.warning


def test_changing_the_encoding_restarts_from_the_same_step(app, token_views):
    open_merges(app, text=SHORT_TEXT, step=4)
    app.segmented_control(key="merges.encoding").set_value("r50k_base").run()
    assert shown_state(app, token_views) == ("r50k_base", trace(SHORT_TEXT, "r50k_base").state(4))


def test_step_and_mode_survive_a_visit_to_another_page(app, token_views):
    open_merges(app, text=TRAINING_TEXT, mode="training", vocab_size=300, step=6)
    app.switch_page("app_pages/tokenize.py").run()
    app.switch_page(PAGE).run()
    trained = learned(300)
    assert shown_state(app, token_views) == (trained.name, with_first_merges(trained, 6).encode_ordinary(TRAINING_TEXT))
    assert app.query_params == {"text": TRAINING_TEXT, "step": "6", "mode": "training", "vocab_size": "300"}


def test_a_shorter_text_clamps_the_step_without_a_warning(app, token_views):
    open_merges(app, text=SHORT_TEXT, step=30)
    app.text_area(key="merges.text").input("hello").run()
    n_steps = len(trace("hello"))
    assert shown_state(app, token_views) == ("cl100k_base", trace("hello").state(n_steps))
    assert not app.warning


def test_a_text_with_nothing_to_merge_shows_its_bytes(app, token_views):
    open_merges(app, text="a")
    assert shown_state(app, token_views) == ("cl100k_base", [64])
    assert "No merge applies" in app.info[0].value
    assert not app.slider


# ------------------------------------------------------------------ bad links


def test_unknown_encoding_falls_back_to_gpt4_with_a_note(app, token_views):
    open_merges(app, text=SHORT_TEXT, encoding="nope", step=2)
    assert shown_state(app, token_views) == ("cl100k_base", trace(SHORT_TEXT).state(2))
    assert "Unknown encoding 'nope'" in warnings(app)


def test_negative_step_falls_back_to_step_0_with_a_note(app, token_views):
    open_merges(app, text=SHORT_TEXT, step=-3)
    assert shown_state(app, token_views) == ("cl100k_base", trace(SHORT_TEXT).state(0))
    assert "Step -3 is out of range" in warnings(app)


@pytest.mark.parametrize("step", ["999999999", "12345678901234567890", "abc", "2.5", ""])
def test_unusable_step_falls_back_with_a_note(app, token_views, step):
    open_merges(app, text=SHORT_TEXT, step=step)
    n_steps = len(trace(SHORT_TEXT))
    expected = n_steps if step == "999999999" else 0
    assert shown_state(app, token_views) == ("cl100k_base", trace(SHORT_TEXT).state(expected))
    assert "The link's `step` was not used" in warnings(app)


def test_a_step_past_the_end_says_it_shows_the_last_step(app):
    open_merges(app, text=SHORT_TEXT, step=999999999)
    n_steps = len(trace(SHORT_TEXT))
    assert f"step 999,999,999 is past the last step of this text ({n_steps:,}). Showing the last step instead." in warnings(app)
    assert app.query_params["step"] == str(n_steps)


def test_empty_text_in_the_link_falls_back_to_the_sample_with_a_note(app, token_views):
    open_merges(app, text="")
    assert shown_state(app, token_views) == ("cl100k_base", trace(sample_text()).state(0))
    assert "The text is empty" in warnings(app)


def test_unknown_mode_and_vocabulary_size_fall_back_with_notes(app, token_views):
    open_merges(app, text=SHORT_TEXT, mode="dance", vocab_size="10")
    assert shown_state(app, token_views)[0] == "cl100k_base"
    assert "'dance' is not a mode" in warnings(app)
    assert "Vocabulary size 10 is out of range" in warnings(app)


def test_emptied_text_area_shows_a_hint_and_no_view(app, token_views):
    open_merges(app)
    app.text_area(key="merges.text").input("").run()
    assert not app.exception
    assert token_views(app) == []
    assert "The text is empty" in app.info[0].value


# ------------------------------------------------------------------ chart and tables


def test_chart_shows_the_token_count_against_the_step(app):
    open_merges(app, text=SHORT_TEXT, step=6)
    n_bytes, n_steps = len(SHORT_TEXT.encode()), len(trace(SHORT_TEXT))
    spec = chart_spec(app)
    tokens, ranks = spec["data"]
    assert tokens["x"] == list(range(n_steps + 1))
    assert tokens["y"] == [n_bytes - step for step in range(n_steps + 1)]
    assert ranks["y"] == [step.rank for step in trace(SHORT_TEXT).steps]
    # The same figure at every step, so the browser does not redraw it on each click.
    app.button(key="merges.next").click().run()
    assert chart_spec(app) == spec


def test_tables_list_the_steps_around_the_current_one_and_all_of_them(app):
    open_merges(app, text=SHORT_TEXT, step=8)
    steps = trace(SHORT_TEXT).steps
    assert len(app.dataframe) == 1  # the whole table waits until its expander is opened
    app.session_state[ui.merge_view.ALL_STEPS_KEY] = True
    app.run()
    window, everything = (frame.value for frame in app.dataframe)
    assert window["step"].tolist() == list(range(3, 14))
    assert everything["new id (rank)"].tolist() == [step.new for step in steps]


def test_long_text_is_paged_and_counted_whole(app, token_views):
    text = "token " * 1000
    open_merges(app, text=text)
    assert shown_state(app, token_views) == ("cl100k_base", trace(text).state(0)[:PAGE_SIZE])
    assert metrics(app)["Tokens"] == f"{len(text.encode()):,}"
    app.number_input(key="merges.page").set_value(3).run()
    assert shown_state(app, token_views) == ("cl100k_base", trace(text).state(0)[2 * PAGE_SIZE : 3 * PAGE_SIZE])


def test_a_button_goes_to_the_page_of_the_merge(app, token_views):
    text = "token " * 1000
    text_trace = trace(text)

    def merged_index(k: int) -> int:
        return text_trace.state_with_positions(k)[1].index(text_trace.step(k - 1).position)

    step = next(k for k in range(1, len(text_trace) + 1) if merged_index(k) >= PAGE_SIZE)
    open_merges(app, text=text, step=step)
    assert marked(app, "merged") == []
    app.button(key="merges.merged_page").click().run()
    assert app.number_input(key="merges.page").value == merged_index(step) // PAGE_SIZE + 1
    assert marked(app, "merged") == [text_trace.step(step - 1).new]


def test_text_beyond_the_trace_limit_is_cut_with_a_note(app, token_views, monkeypatch):
    monkeypatch.setattr(ui.merge_steps, "MAX_TRACE_CHARS", 20)
    open_merges(app, text="one two three four five six seven")
    assert shown_state(app, token_views) == ("cl100k_base", trace("one two three four").state(0))
    assert "cover its first 18 characters only" in app.info[0].value


# ------------------------------------------------------------------ play


def test_play_runs_to_the_last_step_and_stops(app, token_views, monkeypatch):
    monkeypatch.setattr(ui.merge_view, "PLAY_INTERVAL_SECONDS", 0)
    open_merges(app, text="hello world")
    app.button(key="merges.play").click().run()
    n_steps = len(trace("hello world"))
    assert app.slider(key="merges.step").value == n_steps
    assert shown_state(app, token_views) == ("cl100k_base", trace("hello world").state(n_steps))
    assert app.button(key="merges.play")  # Stop became Play again


def test_play_from_the_last_step_starts_over(app, monkeypatch):
    monkeypatch.setattr(ui.merge_view, "PLAY_INTERVAL_SECONDS", 0)
    open_merges(app, text="hello world", step=999)
    app.session_state["merges.speed"] = 100
    app.button(key="merges.play").click().run()
    assert app.slider(key="merges.step").value == len(trace("hello world"))


def test_a_stepping_control_stops_the_animation(app):
    open_merges(app, text=SHORT_TEXT, step=2)
    app.session_state["merges.playing"] = True
    app.session_state["merges.pending_frame"] = (3, time.monotonic())
    app.button(key="merges.previous").click().run()
    assert app.session_state["merges.playing"] is False
    assert app.slider(key="merges.step").value == 1


def test_coming_back_to_a_page_left_playing_does_not_play_on(app):
    open_merges(app, text=SHORT_TEXT, step=2)
    app.session_state["merges.playing"] = True
    app.session_state["merges.pending_frame"] = (3, time.monotonic() - 3600)
    app.run()
    assert app.session_state["merges.playing"] is False
    assert app.slider(key="merges.step").value == 2
    assert app.button(key="merges.play")


# ------------------------------------------------------------------ merges learned from the text


TRAINING_TEXT = "low lower lowest newer newest wider widest " * 4


def learned(vocab_size: int) -> Tokenizer:
    return tokenizer.train(TRAINING_TEXT, vocab_size)


def with_first_merges(trained: Tokenizer, k: int) -> Tokenizer:
    return Tokenizer(dict(list(trained.merges.items())[:k]), trained.pattern)


def test_training_mode_lists_the_learned_merges_with_their_counts(app):
    open_merges(app, text=TRAINING_TEXT, mode="training", vocab_size=300)
    trained = learned(300)
    app.session_state[ui.merge_view.ALL_STEPS_KEY] = True
    everything = app.run().dataframe[-1].value
    assert everything["count"].tolist() == trained.merge_counts
    assert list(zip(everything["left id"], everything["right id"])) == list(trained.merges)
    assert everything["new id"].tolist() == list(trained.merges.values())


@pytest.mark.parametrize("k", [0, 1, 5, 20])
def test_training_mode_shows_the_text_after_k_learned_merges(app, token_views, k):
    open_merges(app, text=TRAINING_TEXT, mode="training", vocab_size=300, step=k)
    trained = learned(300)
    assert shown_state(app, token_views) == (trained.name, with_first_merges(trained, k).encode_ordinary(TRAINING_TEXT))


def test_training_mode_shows_the_learned_merge_with_its_count(app):
    open_merges(app, text=TRAINING_TEXT, mode="training", vocab_size=300, step=3)
    trained = learned(300)
    (left, right), new = list(trained.merges.items())[2]
    printable = [tokenizer.vocab_files.to_printable(trained.vocab[token]) for token in (left, right, new)]
    count = trained.merge_counts[2]
    assert rule_texts(app)[0] == f"Merge 3: {printable[0]} + {printable[1]} → {printable[2]} (id {new}, pair seen {count} times)"
    assert set(marked(app, "merged")) == {new}


def test_training_mode_steps_to_the_full_tokenizer(app, token_views):
    open_merges(app, text=TRAINING_TEXT, mode="training", vocab_size=300)
    app.button(key="merges.last").click().run()
    trained = learned(300)
    assert shown_state(app, token_views) == (trained.name, trained.encode_ordinary(TRAINING_TEXT))
    assert metrics(app)["Merges learned"] == f"{len(trained.merges)} of {len(trained.merges)}"


def test_training_stops_early_when_the_text_runs_out_of_pairs(app):
    open_merges(app, text="abcabc", mode="training", vocab_size=400)
    n_merges = len(tokenizer.train("abcabc", 400).merges)
    assert n_merges < 400 - 256
    assert any(f"{n_merges} merges learned (the text ran out of pairs" in caption.value for caption in app.caption)


def test_switching_to_training_mode_and_back(app, token_views):
    open_merges(app, text=TRAINING_TEXT)
    app.segmented_control(key="merges.mode").set_value("training").run()
    assert shown_state(app, token_views)[0] == "trained-gpt4-512"
    assert app.query_params["mode"] == "training"
    app.segmented_control(key="merges.mode").set_value("encoding").run()
    assert shown_state(app, token_views)[0] == "cl100k_base"


def test_training_mode_chart_counts_tokens_after_each_learned_merge(app):
    open_merges(app, text=TRAINING_TEXT, mode="training", vocab_size=300)
    trained = learned(300)
    tokens, counts = chart_spec(app)["data"]
    n_merges = len(trained.merges)
    assert tokens["y"] == [len(with_first_merges(trained, k).encode_ordinary(TRAINING_TEXT)) for k in range(n_merges + 1)]
    assert counts["y"] == trained.merge_counts


# ------------------------------------------------------------------ escaping


HOSTILE = "<img src=x onerror=alert(1)> <script>alert(1)</script> & \"quotes\""


def view_text(app) -> str:
    """The text the token view spells out, tags stripped and entities decoded."""
    view = next(element.value for element in app.html if "data-encoding" in element.value)
    tokens_html = view[view.index('<div class="toks">') + len('<div class="toks">') : view.index("</div>")]
    return html.unescape(re.sub(r"<span[^>]*>|</span>", "", tokens_html))


@pytest.mark.parametrize("mode", ["encoding", "training"])
def test_html_in_the_text_is_escaped_in_the_tokens(app, mode):
    open_merges(app, text=HOSTILE, mode=mode)
    app.button(key="merges.last").click().run()
    page_html = "".join(element.value for element in app.html if "<style>" not in element.value)
    assert "<img" not in page_html and "<script" not in page_html
    assert view_text(app) == HOSTILE


def test_html_in_a_merge_rule_is_escaped(app):
    encoding = tokenizer.get_encoding("cl100k_base")
    step = next(s for s in trace(HOSTILE).steps if b"<" in encoding.decode_single_token_bytes(s.new))
    open_merges(app, text=HOSTILE, step=step.index + 1)
    rule = rules_html(app)[0]
    assert "&lt;" in rule and "<img" not in rule and "<script" not in rule
    assert tokenizer.vocab_files.to_printable(encoding.decode_single_token_bytes(step.new)) in html.unescape(re.sub(r"<[^>]+>", "", rule))
