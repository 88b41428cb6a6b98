"""The benchmark corpora are generated deterministically, hold at least 1 MB of valid text, and
`python -m benchmarks --quick` runs and prints its table. (No timing is asserted here: speed is
what the benchmark reports, not what tests check.)"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import regex

from benchmarks import corpora
from benchmarks.report import HEADER

ROOT = Path(__file__).resolve().parent.parent
CORPUS_NAMES = list(corpora.CORPORA)
# Whitespace and the form feed some standard-library files use between sections.
ALLOWED_CONTROL_CHARACTERS = {"\n", "\t", "\x0c"}


@pytest.fixture(scope="module")
def generated():
    """Each corpus, generated once for the module."""
    return {name: corpora.CORPORA[name](corpora.CORPUS_BYTES, corpora.SEED) for name in CORPUS_NAMES}


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_generates_the_same_text_every_time(generated, name):
    assert corpora.CORPORA[name](corpora.CORPUS_BYTES, corpora.SEED) == generated[name]


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_holds_at_least_one_megabyte(generated, name):
    assert len(generated[name].encode("utf-8")) >= 1_000_000


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_is_valid_text_without_stray_control_characters(generated, name):
    text = generated[name]
    text.encode("utf-8")  # no lone surrogates
    controls = {c for c in set(text) if unicodedata.category(c) == "Cc"} - ALLOWED_CONTROL_CHARACTERS
    assert controls == set()


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_saved_corpus_file_equals_a_fresh_generation(generated, name):
    assert corpora.load_corpus(name) == generated[name]
    assert corpora.corpus_path(name).read_text(encoding="utf-8") == generated[name]


def test_a_different_seed_gives_a_different_english_corpus():
    assert corpora.generate_english(10_000, corpora.SEED + 1) != corpora.generate_english(10_000, corpora.SEED)


def test_english_paragraphs_close_every_quotation_and_parenthesis(generated):
    unbalanced = [
        paragraph
        for paragraph in generated["english"].split("\n\n")
        if paragraph.count("“") != paragraph.count("”") or paragraph.count("(") != paragraph.count(")")
    ]
    assert unbalanced == []


def test_python_corpus_is_made_of_standard_library_files(generated):
    headers = regex.findall(r"^# ---- Lib/(\S+) ----$", generated["python"], flags=regex.M)
    assert headers[:2] == ["__future__.py", "__hello__.py"]
    assert headers == sorted(headers)


@pytest.mark.parametrize(
    "script",
    ["Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Devanagari", "Bengali", "Tamil", "Georgian",
     "Armenian", "Hangul", "Han", "Hiragana", "Katakana", "Thai"],  # fmt: skip
)
def test_many_script_corpus_contains_each_script(generated, script):
    assert regex.search(rf"\p{{Script={script}}}", generated["many_scripts"])


def test_many_script_corpus_contains_emoji_sequences(generated):
    assert "\u200d" in generated["many_scripts"]  # zero-width joiner sequences
    assert regex.search(r"\p{Regional_Indicator}{2}", generated["many_scripts"])  # flags


def test_load_text_cuts_at_a_character_boundary():
    cut = corpora.load_text("many_scripts", 1001)
    assert corpora.load_corpus("many_scripts").startswith(cut)
    assert 997 <= len(cut.encode("utf-8")) <= 1001


def test_letters_run_is_one_run_of_lowercase_letters():
    text = corpora.letters_run(5000)
    assert (len(text), set(text) <= set("abcdefghijklmnopqrstuvwxyz"), text == corpora.letters_run(5000)) == (5000, True, True)


def test_balance_pairs_closes_and_drops_unmatched_marks():
    assert corpora.balance_pairs("“a” b” “c", "“", "”") == "“a” b “c”"


def test_to_roman_writes_roman_numerals():
    assert [corpora.to_roman(n) for n in (1, 4, 9, 14, 40, 1888)] == ["I", "IV", "IX", "XIV", "XL", "MDCCCLXXXVIII"]


def test_quick_benchmark_runs_and_prints_its_table():
    # --quick is a smoke test of about fifteen seconds; the timeout only stops a hang.
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Benchmark "))
    assert lines[header].split("  ")[0] == HEADER[0]
    rows = lines[header + 2 :]
    benchmarks = [row.split("  ")[0] for row in rows]
    assert [sum(b.startswith(kind) for b in benchmarks) for kind in ("load", "encode cold", "encode warm", "train", "trace")] == [3, 5, 3, 2, 1]
    assert [row for row in rows if "failed" in row or "ids differ" in row] == []


def test_benchmark_markdown_output_is_a_markdown_table():
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--only", "trace", "--markdown"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    table = [line for line in done.stdout.splitlines() if line.startswith("|")]
    assert table[0] == "| " + " | ".join(HEADER) + " |"
    assert len(table) == 3 and table[2].startswith("| trace: English 10 KB + 20 random states | cl100k_base | ")


def test_benchmark_rejects_an_unknown_group():
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--only", "nothing"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "python -m benchmarks: error: argument --only: unknown group 'nothing'; choose from load, encode, long, train, trace"
    )
