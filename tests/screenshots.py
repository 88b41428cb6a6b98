"""Screenshots of every page, for the README: `python -m tests.screenshots [OUT_DIR]` (default `docs/`).

The browser test `test_every_page_renders` takes the same screenshots into a temporary folder,
so a page that stops rendering fails the tests rather than silently leaving an old picture.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlencode

from lessons.catalog import BPE_PAPER_TEXT, BPE_PAPER_VOCAB_SIZE
from tests.browser import INSTALL_HINT, AppServer, app_in_chromium, chromium_path, wait_for_app


@dataclass(frozen=True)
class Shot:
    """One screenshot: the page's path and query, and what must be drawn before it is taken."""

    name: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    ready: str = "[data-token-id]"
    click: str | None = None  # a button to press first (its result is what `ready` waits for)
    height: int = 1000  # Streamlit scrolls inside the page: a taller window shows more
    prepare: Callable | None = None  # prepare(page): steps in the browser after the page opens


def compare_an_uploaded_tokenizer_json(page) -> None:
    """Upload a tokenizer.json on the Train page (one we train and export here: the same file
    format Hugging Face writes), then compare it with GPT-4 on the Compare page."""
    import tokenizer
    from ui.samples import SAMPLES_DIR

    corpus = (SAMPLES_DIR / "coriolanus.txt").read_text(encoding="utf-8")
    trained = tokenizer.train(corpus, 512, pattern="gpt4", name="shakespeare")
    folder = Path(tempfile.mkdtemp())
    path = folder / "shakespeare.json"
    path.write_text(tokenizer.to_tokenizer_json(trained), encoding="utf-8")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").last.set_input_files(str(path))
    page.locator("[data-testid='stAlert']:has-text('shakespeare')").first.wait_for(state="attached")
    wait_for_app(page)
    page.get_by_role("link", name="Compare").click()
    wait_for_app(page)
    page.locator(".st-key-compare-encodings button:has-text('shakespeare')").first.click()


def show_compare_chunks_and_statistics(page) -> None:
    """Wait for Compare's chunks and open its statistics (drawn on request)."""
    page.locator(".tv.chunks").first.wait_for(state="visible")
    wait_for_app(page)
    page.locator(".st-key-compare-statistics summary").first.click()


SHOTS = [
    Shot("tokenize", ""),
    Shot("tokenize-dark", "", ready="[data-token-id]"),
    Shot("merges", "merges", {"text": "The lowest and the newest of the widest rivers.", "encoding": "gpt4", "step": "12"}, height=2000),
    Shot(
        "compare", "compare", {"text": 'def f(x):\n        return x ** 2  # 12345678\nHELLO WORLD!!! I\'M HERE', "encodings": "gpt2,gpt4,gpt4o"},
        prepare=show_compare_chunks_and_statistics, ready="[data-testid='stPlotlyChart']", height=2000,
    ),  # fmt: skip
    Shot("train", "train", click="[data-testid='stForm'] button:has-text('Train')", ready="[data-testid='stDataFrame']", height=1700),
    Shot("vocabulary", "vocabulary", {"encoding": "gpt4", "q": "token"}, ready="[data-testid='stPlotlyChart']", height=2000),
    Shot("embeddings", "embeddings", {"corpus": "english", "view": "similarity", "text": "The old man said that he would come to the house in the morning, and she said that she would not."}, ready="[data-testid='stPlotlyChart']", height=1800),
    Shot("chat", "", {"mode": "chat", "encoding": "gpt4o", "price": "2.5"}, ready="[data-encoding='o200k_im'] [data-token-id]", height=1300),
    Shot(
        "tokenizer-json", "train", {"text": "First Citizen: Before we proceed any further, hear me speak."},
        prepare=compare_an_uploaded_tokenizer_json, ready="[data-encoding='shakespeare'] [data-token-id]", height=1900,
    ),  # fmt: skip
    Shot("lessons", "lessons", ready="[data-testid='stPlotlyChart']", height=1800),
    # Presenter mode on lesson 10: the BPE paper's words after four learned merges (e+s, es+t, l+o, lo+w).
    Shot(
        "presenter", "merges",
        {"text": BPE_PAPER_TEXT, "encoding": "gpt4", "mode": "training", "vocab_size": str(BPE_PAPER_VOCAB_SIZE), "step": "4", "presenter": "1"},
        ready="[data-testid='stPlotlyChart']",  # drawn last: the whole page is there
        height=1400,
    ),  # fmt: skip
]


def take(page, server: AppServer, shot: Shot, out_dir: Path) -> Path:
    """Open `shot`'s page, wait for it to be drawn, and save `<out_dir>/<name>.png`."""
    query = "?" + urlencode(shot.query) if shot.query else ""
    page.set_viewport_size({"width": 1400, "height": shot.height})
    page.goto(server.url + shot.path + query, wait_until="domcontentloaded")
    wait_for_app(page)
    if shot.name.endswith("-dark"):
        page.locator(".st-key-display-dark label").first.click()
        wait_for_app(page)
    if shot.prepare:
        shot.prepare(page)
    if shot.click:
        page.locator(shot.click).first.click()
    page.locator(shot.ready).first.wait_for(state="visible")
    # Widgets whose code is still loading are drawn as grey skeletons (seen on a busy machine).
    page.wait_for_function("!document.querySelector(\"[data-testid='stSkeleton']\")", timeout=30_000)
    page.wait_for_timeout(800)  # let charts finish their entry animation
    path = out_dir / f"{shot.name}.png"
    page.screenshot(path=str(path))
    return path


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "docs"
    out_dir.mkdir(parents=True, exist_ok=True)
    chromium = chromium_path()
    if chromium is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    with app_in_chromium(chromium) as (server, browser):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
        context.set_default_timeout(30_000)
        for shot in SHOTS:
            page = context.new_page()
            print(take(page, server, shot, out_dir))
            page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
