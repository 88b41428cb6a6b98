"""The classic demos of GPT tokenization, as data: for each, what to open and what to notice.

Each `Lesson` has a title, two or three sentences saying what to notice, and one or more
`LessonLink`s: a page of the playground (its URL path) with the query parameters that set it
up, exactly as a share link would. Every number a text quotes is checked against the engine by
`tests/test_lessons.py`, so that the texts stay true. No Streamlit here: the Lessons page
(`app_pages/lessons.py`) draws this, and the tests read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "assets" / "samples"

# ------------------------------------------------------------------ the texts the lessons open on

HELLO_WORLD = " hello world!!!"

PYTHON_CODE = (
    "def fizzbuzz(n):\n"
    "    for i in range(1, n + 1):\n"
    "        if i % 15 == 0:\n"
    '            print("FizzBuzz")\n'
    "        elif i % 3 == 0:\n"
    '            print("Fizz")\n'
    "        elif i % 5 == 0:\n"
    '            print("Buzz")\n'
    "        else:\n"
    "            print(i)\n"
)

ARITHMETIC = "127 + 677 = 804"
LONG_NUMBER = "18446744073709551616"  # 2**64
NUMBERS = f"{ARITHMETIC}\n2**64 = {LONG_NUMBER}"

# One sentence, the same meaning in four languages ("Hello, how are you? I am learning how
# tokenizers work.").
LANGUAGES: dict[str, str] = {
    "English": "Hello, how are you? I am learning how tokenizers work.",
    "Korean": "안녕하세요, 어떻게 지내세요? 저는 토크나이저가 어떻게 작동하는지 배우고 있어요.",
    "Japanese": "こんにちは、お元気ですか？私はトークナイザーの仕組みを学んでいます。",
    "Hindi": "नमस्ते, आप कैसे हैं? मैं सीख रहा हूँ कि टोकनाइज़र कैसे काम करते हैं।",
}

ONE_TOKEN_WORD = ".DefaultCellStyle"
SPELLING = f"{ONE_TOKEN_WORD}\n{ONE_TOKEN_WORD[::-1]}"

CASES = ("Hello", "hello", "HELLO", " HELLO")

TAG_LINE = "Here is a tag line for an ice cream shop:"

GLITCH_TOKENS = (" SolidGoldMagikarp", " petertodd", " TheNitromeFan", " davidjl")

SPECIAL_TEXT = "Hello<|endoftext|>world"

# The example of Sennrich et al., "Neural Machine Translation of Rare Words with Subword Units"
# (2016): the vocabulary {low: 5, lower: 2, newest: 6, widest: 3}, written out as a text.
BPE_PAPER_WORDS = {"low": 5, "lower": 2, "newest": 6, "widest": 3}
BPE_PAPER_TEXT = " ".join(word for word, count in BPE_PAPER_WORDS.items() for _ in range(count))
# Its merges run out after 15 steps (every word one token): 256 bytes + 15.
BPE_PAPER_VOCAB_SIZE = 271

TRAINING_VOCAB_SIZE = 512
TRAINED_NAME = "coriolanus-512"

EMBEDDING_TEXT = "the cat sat on the mat and the dog sat on the log"


@lru_cache(maxsize=None)
def training_corpus() -> str:
    """The public-domain text lesson 11 trains on: the opening of Shakespeare's *Coriolanus*
    (Act I, Scene 1), about 3,700 characters, short enough to travel in a link."""
    return (SAMPLES_DIR / "coriolanus.txt").read_text(encoding="utf-8")


# ------------------------------------------------------------------ lessons and their links


@dataclass(frozen=True)
class LessonLink:
    """A page of the playground set up for a lesson: its URL path ("" for Tokenize) and query."""

    label: str
    page: str
    query: dict[str, str] = field(default_factory=dict)

    def url(self, base: str = "/", presenter: bool = False) -> str:
        """The link on the app at `base` (its root, ending in "/"); `presenter` adds `presenter=1`.

        >>> LessonLink("Open", "compare", {"text": "hi", "encodings": "gpt2,gpt4"}).url("http://localhost:8501/")
        'http://localhost:8501/compare?text=hi&encodings=gpt2%2Cgpt4'
        """
        query = {**self.query, "presenter": "1"} if presenter else self.query
        return base + self.page + ("?" + urlencode(query) if query else "")


@dataclass(frozen=True)
class Lesson:
    """One demo: a title, what to notice (2-3 sentences of Markdown), the links that open it,
    and `figure`, the name of a chart the Lessons page draws beside it (or None)."""

    title: str
    notice: str
    links: tuple[LessonLink, ...]
    figure: str | None = None

    def link(self, base: str = "/", presenter: bool = False) -> str:
        """The lesson's main link (its first) on the app at `base`."""
        return self.links[0].url(base, presenter)


def tokenize(label: str, text: str, encoding: str = "gpt4", *, special: bool = True) -> LessonLink:
    """A link to the Tokenize page."""
    return LessonLink(label, "", {"text": text, "encoding": encoding, "special": "1" if special else "0", "mode": "encode"})


def compare(label: str, text: str, encodings: str = "gpt2,gpt4") -> LessonLink:
    """A link to the Compare page, special tokens allowed."""
    return LessonLink(label, "compare", {"text": text, "encodings": encodings, "special": "1"})


def merges(label: str, text: str, encoding: str = "gpt4", *, vocab_size: int | None = None) -> LessonLink:
    """A link to the Merges page at step 0: the encoding's merges, or (with `vocab_size`) merges
    learned from the text with the encoding's split pattern."""
    query = {"text": text, "encoding": encoding, "step": "0"}
    if vocab_size is None:
        query["mode"] = "encoding"
    else:
        query |= {"mode": "training", "vocab_size": str(vocab_size)}
    return LessonLink(label, "merges", query)


LESSONS: list[Lesson] = [
    Lesson(
        "Spaces and punctuation: “ hello world!!!”",
        "GPT-2 and GPT-4 both cut it into three tokens, `' hello'`, `' world'` and `'!!!'`: the space before "
        "a word belongs to the word's token, and a run of punctuation can be one token. The ids differ "
        "(GPT-2: 23748, 995, 10185; GPT-4: 24748, 1917, 12340), since every tokenizer numbers its own "
        "vocabulary, and `'hello'` without its space is yet another token (GPT-4: 15339).",
        (compare("GPT-2 vs GPT-4", HELLO_WORLD), tokenize("Without the space, in GPT-4", HELLO_WORLD.strip())),
    ),
    Lesson(
        "Python code: a token per space",
        "GPT-2 has no token for a run of spaces, so it spends one token per space of indentation: 75 of the "
        "148 tokens of this FizzBuzz are the one-space token (220). GPT-4 has tokens for runs of spaces and "
        "needs 71 tokens for the same code, so about twice as much code fits in the same context.",
        (compare("GPT-2 vs GPT-4", PYTHON_CODE),),
    ),
    Lesson(
        "Numbers: cut where the vocabulary says",
        "GPT-2 cuts `677` into `' 6'` + `'77'`, `804` into `' 8'` + `'04'` and 2⁶⁴ into "
        "18 | 44 | 67 | 440 | 73 | 709 | 55 | 16 | 16: pieces that have nothing to do with place value. GPT-4's "
        "split pattern groups digits by at most three from the left (184 | 467 | 440 | 737 | 095 | 516 | 16), "
        "so every 1–3 digit number is one token, but long numbers are still not aligned on thousands.",
        (compare("GPT-2 vs GPT-4", NUMBERS),),
    ),
    Lesson(
        "Other languages cost more tokens",
        "The same sentence takes 14 tokens in English in all three tokenizers, but 46 in Korean and 69 in Hindi "
        "with GPT-4 (103 and 105 with GPT-2): the vocabularies were learned mostly from English. GPT-4o's "
        "vocabulary, twice as large, brings Korean down to 25 and Hindi to 24. More tokens mean a higher price, "
        "a shorter context and less text per token for the model to learn from.",
        (compare("English, Korean, Japanese and Hindi", "\n".join(LANGUAGES.values()), "gpt2,gpt4,gpt4o"),),
        figure="languages",
    ),
    Lesson(
        "Spelling and reversing: “.DefaultCellStyle”",
        "In GPT-4 `.DefaultCellStyle` is a single token (98518): the model receives one number, not 17 characters, "
        "so counting its letters or writing it backwards is a puzzle about a number. Reversed, the same letters "
        "take 9 tokens.",
        (tokenize("In GPT-4", SPELLING),),
    ),
    Lesson(
        "Case: Hello, hello, HELLO",
        "`Hello` (9906) and `hello` (15339) are unrelated ids in GPT-4, `HELLO` is two tokens, `HEL` + `LO`, and "
        "with a space before it, `' HEL'` + `LO`. Nothing in the ids says these are the same word: the model "
        "has to learn it from examples.",
        (tokenize("In GPT-4", "\n".join(CASES)),),
    ),
    Lesson(
        "Trailing whitespace",
        "With a space at the end, the prompt ends in a lone `' '` token (220), where the text the model learned "
        "from almost always has the space glued to the next word (`' Sweet'`). The model must continue from a "
        "state it rarely saw, which is why a trailing space makes completions worse. Without it: 11 tokens, "
        "the last one `':'`.",
        (tokenize("With the trailing space", TAG_LINE + " "), tokenize("Without", TAG_LINE)),
    ),
    Lesson(
        "Glitch tokens: “ SolidGoldMagikarp”",
        "In GPT-2's vocabulary `' SolidGoldMagikarp'` is one token (43453): the tokenizer's training text was "
        "full of this Reddit name, the model's training text almost never showed it, so its embedding stayed "
        "untrained and models answered strangely when asked to repeat it. GPT-4's vocabulary cuts it into five "
        "ordinary pieces, but it has glitch tokens of its own: `' davidjl'` is one token there (99944).",
        (
            compare("GPT-2 vs GPT-4", "\n".join(GLITCH_TOKENS)),
            LessonLink("Find it in GPT-2's vocabulary", "vocabulary", {"encoding": "gpt2", "q": "SolidGoldMagikarp"}),
        ),
    ),
    Lesson(
        "Special tokens: <|endoftext|>",
        "Allowed as a special token, `<|endoftext|>` is one id (100257), the marker placed between documents "
        "in training. As ordinary text it is cut like any text, into seven pieces. Encoders refuse it by default "
        "(`encode` raises an error unless it is allowed), so nobody can end a document early by typing it "
        "into a chat.",
        (tokenize("As a special token", SPECIAL_TEXT, special=True), tokenize("As text", SPECIAL_TEXT, special=False)),
    ),
    Lesson(
        "Merges, step by step: l o w, the original BPE paper",
        "Train a tiny tokenizer on the paper's words and step with ← / →: first `e` + `s` and `es` + `t` "
        "(9 times each: newest ×6, widest ×3), then `l` + `o` and `lo` + `w` (7 times), 15 merges in all. "
        "Instead of the paper's end-of-word mark `</w>`, a byte-level tokenizer keeps the space before a word: "
        "`' low'`, `' newest'`. GPT-4, trained on far more text, has `lower`, `' newest'` and `' widest'` as "
        "single tokens.",
        (
            merges("Learn the merges", BPE_PAPER_TEXT, vocab_size=BPE_PAPER_VOCAB_SIZE),
            merges("The same words in GPT-4", "lower newest widest"),
        ),
    ),
    Lesson(
        "Training from scratch",
        "The link trains a 512-token tokenizer on the opening of Shakespeare's *Coriolanus* (public domain, "
        "3,700 characters). Its vocabulary mirrors its corpus: `' Citizen'` is its 35th merge. Yet "
        "it cuts its own training text into 1,476 tokens where GPT-4, with 100,000 tokens learned from vastly "
        "more text, needs 936.",
        (
            LessonLink(
                "Train it",
                "train",
                {"text": training_corpus(), "vocab_size": str(TRAINING_VOCAB_SIZE), "pattern": "gpt4", "name": TRAINED_NAME, "train": "1"},
            ),
            compare("The corpus in GPT-2 and GPT-4", training_corpus()),
        ),
        figure="training",
    ),
    Lesson(
        "Embeddings: an id selects a row",
        "A model looks each token id up in a table: the same id always selects the same row, wherever it "
        "stands. Here `' the'` (279) appears three times and its three rows are identical, while `'the'` at the "
        "start, without a space, is another id (1820) with another row. Only later layers (position embeddings, "
        "attention) tell the copies apart.",
        (LessonLink("Look up the rows", "embeddings", {"text": EMBEDDING_TEXT, "encoding": "gpt4", "table": "random", "view": "lookup"}),),
    ),
]
