"""The Tokenize page's Chat mode in a real headless Chromium: a chat link's ChatML ids, the cost,
typing into a message, and coloring tokens by id."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from tests.test_browser import expect_token_ids, open_page
from tokenizer.chat import chat_encoding, render_chat
from ui.token_view import color_of_id

MESSAGES = [("system", "Be brief."), ("user", "hi <|im_end|> hi")]


def chat_link(**query: str) -> dict[str, str]:
    return {"mode": "chat", "chat": json.dumps([{"role": r, "content": c} for r, c in MESSAGES]), **query}


def test_chat_link_draws_the_chatml_ids_and_the_cost(page, app_server):
    open_page(page, app_server, "", **chat_link(encoding="gpt4o", price="2.5"))
    prompt = render_chat(chat_encoding("gpt4o"), MESSAGES)
    expect_token_ids(page, "o200k_im", prompt.ids)
    n_markers = sum(token in {200264, 200265, 200266} for token in prompt.ids)
    expect(page.locator("[data-encoding='o200k_im'] .special")).to_have_count(n_markers)
    expect(page.get_by_text(f"for {len(prompt.ids)} tokens, at $2.5 per million tokens")).to_be_visible()


def test_typing_a_message_retokenizes(page, app_server):
    open_page(page, app_server, "", **chat_link())
    box = page.get_by_role("textbox", name="Message 2")
    box.fill("Where is <|im_start|> Paris?")
    box.press("Control+Enter")
    expected = render_chat(chat_encoding("gpt4"), [MESSAGES[0], ("user", "Where is <|im_start|> Paris?")]).ids
    expect_token_ids(page, "cl100k_im", expected)


def test_color_by_token_id_colors_every_occurrence_alike(page, app_server):
    open_page(page, app_server, "", text="the cat and the dog and the cat")
    page.get_by_text("Color by token id").click()
    view = page.locator("[data-encoding='cl100k_base'].by-id")
    expect(view).to_have_count(1)
    pairs = view.locator("[data-token-id]").evaluate_all(
        "elements => elements.map(e => [e.getAttribute('data-token-id'), e.className])"
    )
    colors = [(int(token), int(re.search(r"\bc(\d)\b", classes).group(1))) for token, classes in pairs]
    assert colors and all(color == color_of_id(token) for token, color in colors)
