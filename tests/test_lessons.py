"""The lessons (`lessons/`): every fact their texts state, checked against the engine, and their links.

If the engine or a lesson's text changes, these tests say which sentence is no longer true.
"""

from __future__ import annotations

import doctest
import re
from urllib.parse import parse_qs, urlsplit

import pytest

import lessons.catalog
import lessons.measures
import tokenizer
from lessons import LESSONS, language_costs, training_comparison
from lessons.catalog import (
    ARITHMETIC,
    BPE_PAPER_TEXT,
    BPE_PAPER_VOCAB_SIZE,
    CASES,
    EMBEDDING_TEXT,
    GLITCH_TOKENS,
    HELLO_WORLD,
    LANGUAGES,
    LONG_NUMBER,
    NUMBERS,
    ONE_TOKEN_WORD,
    PYTHON_CODE,
    SPECIAL_TEXT,
    SPELLING,
    TAG_LINE,
    TRAINING_VOCAB_SIZE,
    LessonLink,
    training_corpus,
)

# The query parameters each page reads (its PageState), by URL path.
PAGE_PARAMS = {
    "": {"text", "encoding", "special", "mode", "ids"},
    "merges": {"text", "encoding", "step", "mode", "vocab_size"},
    "compare": {"text", "encodings", "special"},
    "train": {"text", "vocab_size", "pattern", "regex", "special", "name", "train"},
    "vocabulary": {"encoding", "q", "id"},
    "embeddings": {"text", "encoding", "table", "corpus", "d", "seed", "steps", "smoothing", "k", "positions", "view"},
}

GPT2 = tokenizer.get_encoding("r50k_base")
GPT4 = tokenizer.get_encoding("cl100k_base")
GPT4O = tokenizer.get_encoding("o200k_base")


def pieces(encoding, text: str) -> list[str]:
    """The tokens of `text` (ordinary encoding), each decoded to text."""
    return [encoding.decode([token]) for token in encoding.encode_ordinary(text)]


def lesson(title_start: str):
    """The lesson whose title starts with `title_start`."""
    return next(item for item in LESSONS if item.title.startswith(title_start))


def test_doctests():
    for module in (lessons.catalog, lessons.measures):
        assert doctest.testmod(module).failed == 0


# ---------------------------------------------------------------- the list and its links


def test_there_are_twelve_lessons_with_distinct_titles():
    assert len(LESSONS) == 12
    assert len({item.title for item in LESSONS}) == 12


@pytest.mark.parametrize("item", LESSONS, ids=lambda item: item.title[:30])
def test_every_lesson_says_what_to_notice_in_two_to_four_sentences(item):
    prose = re.sub(r"`[^`]*`", "x", item.notice)
    sentences = re.findall(r"[.!?](?:\s|$)", prose)
    assert 2 <= len(sentences) <= 4, item.notice


@pytest.mark.parametrize(
    "link", [link for item in LESSONS for link in item.links], ids=lambda link: f"{link.page or 'tokenize'}-{link.label}"
)
def test_every_link_uses_only_its_pages_parameters(link):
    assert link.page in PAGE_PARAMS
    assert set(link.query) <= PAGE_PARAMS[link.page]
    assert all(isinstance(value, str) and value for value in link.query.values())


def test_a_link_parses_back_to_its_page_and_query():
    for item in LESSONS:
        for link in item.links:
            parts = urlsplit(link.url("http://localhost:8501/"))
            assert (parts.scheme, parts.netloc, parts.path) == ("http", "localhost:8501", "/" + link.page)
            assert {name: values[0] for name, values in parse_qs(parts.query, keep_blank_values=True).items()} == link.query


def test_presenter_links_add_presenter_1():
    link = LessonLink("Open", "compare", {"text": "a b"})
    assert link.url("/") == "/compare?text=a+b"
    assert link.url("/", presenter=True) == "/compare?text=a+b&presenter=1"
    assert lesson("Case").link("/", presenter=True).endswith("&presenter=1")


def test_a_lessons_link_is_its_first_link():
    for item in LESSONS:
        assert item.link("http://host/") == item.links[0].url("http://host/")


def test_texts_fit_in_the_pages_own_share_links():
    from ui.url_state import MAX_TEXT_IN_LINK

    for item in LESSONS:
        for link in item.links:
            assert len(link.query.get("text", "")) <= MAX_TEXT_IN_LINK, item.title


def test_merges_links_start_at_step_0_in_an_explicit_mode():
    for item in LESSONS:
        for link in item.links:
            if link.page == "merges":
                assert link.query["step"] == "0"
                assert link.query["mode"] in {"encoding", "training"}


# ---------------------------------------------------------------- 1. " hello world!!!"


def test_hello_world_is_three_tokens_with_the_space_in_the_word():
    assert GPT2.encode(HELLO_WORLD) == [23748, 995, 10185]
    assert GPT4.encode(HELLO_WORLD) == [24748, 1917, 12340]
    assert pieces(GPT2, HELLO_WORLD) == pieces(GPT4, HELLO_WORLD) == [" hello", " world", "!!!"]


def test_hello_without_its_space_is_another_token():
    assert GPT4.encode("hello") == [15339]
    assert GPT4.encode(HELLO_WORLD.strip())[0] == 15339


# ---------------------------------------------------------------- 2. Python code


def test_gpt2_spends_a_token_per_space_of_indentation():
    ids = GPT2.encode(PYTHON_CODE)
    assert len(ids) == 148
    assert ids.count(220) == 75
    assert GPT2.decode([220]) == " "


def test_gpt2_has_no_token_for_a_run_of_spaces():
    assert not [token for token, data in GPT2.token_items() if len(data) > 1 and set(data) == {ord(" ")}]


def test_gpt4_groups_the_spaces_of_indentation():
    ids = GPT4.encode(PYTHON_CODE)
    assert len(ids) == 71
    assert GPT4.decode([262]) == "   " and 262 in ids
    assert 1.9 < 148 / 71 < 2.2  # "about twice as much code"


# ---------------------------------------------------------------- 3. numbers


def test_gpt2_cuts_numbers_arbitrarily():
    assert pieces(GPT2, ARITHMETIC) == ["127", " +", " 6", "77", " =", " 8", "04"]
    assert pieces(GPT2, " " + LONG_NUMBER) == [" 18", "44", "67", "440", "73", "709", "55", "16", "16"]
    assert LONG_NUMBER == str(2**64)


def test_gpt4_groups_digits_by_at_most_three_from_the_left():
    assert pieces(GPT4, ARITHMETIC) == ["127", " +", " ", "677", " =", " ", "804"]
    assert pieces(GPT4, LONG_NUMBER) == ["184", "467", "440", "737", "095", "516", "16"]
    for digits in ("1", "12", "123", "1234", "12345678901", "9" * 40, "0000000"):
        sizes = [len(piece) for piece in pieces(GPT4, digits)]
        assert sizes == [3] * (len(digits) // 3) + ([len(digits) % 3] if len(digits) % 3 else []), digits


def test_every_number_of_one_to_three_digits_is_one_gpt4_token():
    for width in (1, 2, 3):
        for number in range(10**width):
            assert len(GPT4.encode(str(number).zfill(width))) == 1


def test_the_numbers_link_shows_both_lines():
    assert NUMBERS.splitlines() == [ARITHMETIC, f"2**64 = {LONG_NUMBER}"]


# ---------------------------------------------------------------- 4. languages


def test_other_languages_cost_more_tokens():
    counts = {(cost.encoding, cost.language): cost.n_tokens for cost in language_costs(LANGUAGES)}
    assert [counts[name, "English"] for name in ("r50k_base", "cl100k_base", "o200k_base")] == [14, 14, 14]
    assert (counts["cl100k_base", "Korean"], counts["cl100k_base", "Hindi"]) == (46, 69)
    assert (counts["r50k_base", "Korean"], counts["r50k_base", "Hindi"]) == (103, 105)
    assert (counts["o200k_base", "Korean"], counts["o200k_base", "Hindi"]) == (25, 24)
    for name in ("r50k_base", "cl100k_base", "o200k_base"):
        assert all(counts[name, language] > counts[name, "English"] for language in ("Korean", "Japanese", "Hindi"))


def test_gpt4o_vocabulary_is_twice_as_large():
    assert 1.9 < GPT4O.n_vocab / GPT4.n_vocab < 2.1


def test_language_costs_per_character():
    costs = language_costs({"English": "hello world", "Empty": ""}, ["cl100k_base", "r50k_base"])
    assert [(cost.encoding, cost.language) for cost in costs] == [
        ("cl100k_base", "English"), ("cl100k_base", "Empty"), ("r50k_base", "English"), ("r50k_base", "Empty"),
    ]  # fmt: skip
    assert costs[0].tokens_per_character == 2 / 11
    assert costs[1].tokens_per_character == 0.0


# ---------------------------------------------------------------- 5. spelling


def test_default_cell_style_is_one_gpt4_token():
    assert GPT4.encode(ONE_TOKEN_WORD) == [98518]
    assert len(ONE_TOKEN_WORD) == 17
    assert len(GPT4.encode(ONE_TOKEN_WORD[::-1])) == 9


def test_the_spelling_link_shows_both_lines_as_claimed():
    assert GPT4.encode(SPELLING) == [98518, 198, *GPT4.encode(ONE_TOKEN_WORD[::-1])]


# ---------------------------------------------------------------- 6. case


def test_case_changes_the_tokens():
    assert [pieces(GPT4, text) for text in CASES] == [["Hello"], ["hello"], ["HEL", "LO"], [" HEL", "LO"]]
    assert [GPT4.encode(text) for text in CASES[:2]] == [[9906], [15339]]


def test_the_case_link_keeps_each_line_as_alone():
    ids = GPT4.encode("\n".join(CASES))
    expected = []
    for index, text in enumerate(CASES):
        expected += ([198] if index else []) + GPT4.encode(text)
    assert ids == expected


# ---------------------------------------------------------------- 7. trailing whitespace


def test_a_trailing_space_is_a_lone_token():
    with_space = GPT4.encode(TAG_LINE + " ")
    without = GPT4.encode(TAG_LINE)
    assert (len(with_space), with_space[-1]) == (12, 220)
    assert (len(without), GPT4.decode(without[-1:])) == (11, ":")
    assert with_space[:-1] == without


def test_a_space_is_normally_glued_to_the_next_word():
    assert pieces(GPT4, TAG_LINE + " Sweet")[-1] == " Sweet"


# ---------------------------------------------------------------- 8. glitch tokens


def test_solid_gold_magikarp_is_one_gpt2_token_and_five_gpt4_tokens():
    assert GPT2.encode(" SolidGoldMagikarp") == [43453]
    assert len(GPT4.encode(" SolidGoldMagikarp")) == 5


def test_davidjl_is_one_gpt4_token():
    assert GPT4.encode(" davidjl") == [99944]


def test_the_glitch_link_cuts_each_name_as_alone():
    for encoding in (GPT2, GPT4):
        ids = encoding.encode("\n".join(GLITCH_TOKENS))
        expected = []
        for index, name in enumerate(GLITCH_TOKENS):
            expected += ([198] if index else []) + encoding.encode(name)
        assert ids == expected
    assert all(len(GPT2.encode(name)) == 1 for name in GLITCH_TOKENS)


# ---------------------------------------------------------------- 9. special tokens


def test_endoftext_is_one_special_id_when_allowed():
    assert GPT4.encode(SPECIAL_TEXT, allowed_special="all") == [9906, 100257, 14957]


def test_endoftext_as_text_is_seven_ordinary_pieces():
    assert pieces(GPT4, "<|endoftext|>") == ["<", "|", "endo", "ft", "ext", "|", ">"]
    assert GPT4.encode_ordinary(SPECIAL_TEXT) == [9906, *GPT4.encode_ordinary("<|endoftext|>"), 14957]


def test_endoftext_is_refused_by_default():
    with pytest.raises(ValueError, match="disallowed special token"):
        GPT4.encode(SPECIAL_TEXT)


# ---------------------------------------------------------------- 10. merges


def paper_tokenizer():
    return tokenizer.train(BPE_PAPER_TEXT, BPE_PAPER_VOCAB_SIZE, GPT4.pat_str)


def test_the_paper_text_has_the_papers_word_counts():
    words = BPE_PAPER_TEXT.split(" ")
    assert {word: words.count(word) for word in words} == {"low": 5, "lower": 2, "newest": 6, "widest": 3}


def test_the_paper_merges_come_first_with_their_counts():
    trained = paper_tokenizer()
    learned = [(trained.vocab[left] + b"+" + trained.vocab[right], count) for (left, right), count in zip(trained.merges, trained.merge_counts)]
    assert learned[:4] == [(b"e+s", 9), (b"es+t", 9), (b"l+o", 7), (b"lo+w", 7)]
    assert len(trained.merges) == 15


def test_the_paper_text_runs_out_of_pairs_after_15_merges():
    assert len(tokenizer.train(BPE_PAPER_TEXT, 4096, GPT4.pat_str).merges) == 15
    assert BPE_PAPER_VOCAB_SIZE == 256 + 15
    trained = paper_tokenizer()
    assert [trained.decode([token]) for token in trained.encode(BPE_PAPER_TEXT)][:3] == ["low", " low", " low"]


def test_gpt4_has_the_papers_words_as_single_tokens():
    assert pieces(GPT4, "lower newest widest") == ["lower", " newest", " widest"]


# ---------------------------------------------------------------- 11. training


def test_training_from_scratch_numbers():
    corpus = training_corpus()
    assert len(corpus) == 3_700
    result = training_comparison(corpus, TRAINING_VOCAB_SIZE)
    assert result.vocab_size == 512
    assert (result.trained_tokens, result.builtin_tokens["cl100k_base"]) == (1_476, 936)
    assert len(result.first_merges) == 30
    trained = tokenizer.train(corpus, TRAINING_VOCAB_SIZE, "gpt4")
    assert trained.vocab[256 + 34] == b" Citizen"  # "its 35th merge"
    assert GPT4.n_vocab > 100_000


def test_the_training_link_opens_the_train_page_on_the_corpus():
    link = lesson("Training").links[0]
    assert link.page == "train"
    assert link.query["text"] == training_corpus()
    assert (link.query["vocab_size"], link.query["train"]) == ("512", "1")


# ---------------------------------------------------------------- 12. embeddings


def test_the_same_word_is_the_same_id():
    ids = GPT4.encode(EMBEDDING_TEXT)
    assert ids.count(279) == 3 and GPT4.decode([279]) == " the"
    assert ids[0] == 1820 and GPT4.decode([1820]) == "the"
