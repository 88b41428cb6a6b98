"""Built-in texts: the sample each page opens on, the training corpus, and Compare's presets."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "assets" / "samples"

# One click each on the Compare page: the places where GPT-2, GPT-4 and GPT-4o famously differ.
COMPARE_PRESETS: dict[str, str] = {
    "Python indentation": (
        "class Greeter:\n"
        "    def greet(self, name):\n"
        "        if name:\n"
        "            return f\"Hello, {name}!\"\n"
        "        return \"Hello!\"\n"
    ),
    "Long numbers": "1234567890123 + 9876543210 = 11111111100133; pi = 3.14159265358979; 2**64 = 18446744073709551616",
    "Contractions in capitals": "I don't know. I DON'T KNOW. You're right, YOU'RE RIGHT. They'll say it's fine; THEY'LL SAY IT'S FINE.",
    '" hello world!!!"': " hello world!!!",
    "Non-English text": (
        "Привет, мир! Как дела?\n"
        "こんにちは、世界。元気ですか?\n"
        "안녕하세요, 세계! 잘 지내요?\n"
        "مرحبا بالعالم! كيف حالك؟\n"
        "नमस्ते दुनिया! आप कैसे हैं?\n"
        "Γειά σου Κόσμε! Τι κάνεις;"
    ),
    "Trailing spaces": "a line with trailing spaces   \nand a tab\t\nand blank lines\n\n\n   \nthe end   ",
}


@lru_cache(maxsize=None)
def sample_text() -> str:
    """The text every page opens on: English, indented Python, numbers, emoji, Korean and a special token."""
    return (SAMPLES_DIR / "tokenize.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def sample_corpus() -> str:
    """A few kilobytes of English prose about tokenizers, to train a small tokenizer on."""
    return (SAMPLES_DIR / "corpus.txt").read_text(encoding="utf-8")
