"""The load test (`python -m benchmarks.load`): its pieces, and a two-session smoke run in Chromium."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urlencode

from benchmarks.load import (
    ACTIONS,
    MAX_LINK_CHARS,
    LoadReport,
    Results,
    markdown_table,
    percentile,
    plain_table,
    report_rows,
    session_text,
)
from benchmarks.load_websocket import token_views
from tests.conftest import ROOT


def test_percentiles_are_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 0.5), percentile(values, 0.95), percentile([], 0.5)) == (50.0, 95.0, None)


def test_session_texts_differ_grow_from_the_smallest_to_the_largest_and_fit_in_a_link():
    texts = [session_text(i, 20, 20, 100) for i in range(20)]
    sizes = [len(text.encode()) for text in texts]
    assert len(set(texts)) == 20
    assert 19_000 <= sizes[0] <= 20_000 and 95_000 <= sizes[-1] <= 100_000
    for text in texts:
        assert len("?" + urlencode({"text": text, "encoding": "cl100k_base"})) <= MAX_LINK_CHARS


def fake_report() -> LoadReport:
    results = Results()
    for action in ACTIONS:
        results.record(action, 1.0)
    results.record("Merge step", 3.0)
    return LoadReport(
        sessions=20, seconds=60, results=results, rss_one=300 * 2**20, rss_all=400 * 2**20, rss_peak=410 * 2**20,
        cpu_seconds=30, wall_seconds=60, load_before=1.0, load_after=2.0, text_sizes=[20_000, 100_000],
    )


def test_report_gives_errors_latencies_memory_per_session_and_cpu():
    rows = {figure.strip(): (value, target) for figure, value, target in report_rows(fake_report())}
    assert rows["Errors"] == ("0", "0")
    assert rows["Input → tokens, p50 / p95 (all)"] == ("1.00 s / 3.00 s", "")
    assert rows["Merge step (2×), p50 / p95"] == ("1.00 s / 3.00 s", "")
    assert rows["Memory per extra session"] == ("5.3 MB", "≤ 30 MB")
    assert rows["Server CPU time"] == ("30 s in 60 s (50% of one core)", "")


def test_report_prints_as_plain_text_and_markdown():
    rows = report_rows(fake_report())
    assert plain_table(rows).splitlines()[2].startswith("Errors ")
    assert markdown_table(rows).splitlines()[:3] == [
        "| Figure | Value | Target |",
        "|---|---|---|",
        "| Sessions × duration | 20 × 60 s (texts of 20-100 KB) |  |",
    ]


def run_load_test(*options: str) -> subprocess.CompletedProcess:
    """`python -m benchmarks.load` with two sessions of small texts for a few seconds."""
    smoke = ["--markdown", "--sessions", "2", "--seconds", "3", "--min-kb", "1", "--max-kb", "2"]
    return subprocess.run(
        [sys.executable, "-m", "benchmarks.load", *smoke, *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def assert_clean_table(run: subprocess.CompletedProcess) -> None:
    assert run.returncode == 0, run.stderr[-3000:]
    assert "| Errors | 0 | 0 |" in run.stdout
    for action in ACTIONS:
        assert f"| {action} (" in run.stdout
    assert "| Memory per extra session |" in run.stdout


def test_two_websocket_sessions_for_a_few_seconds_run_without_errors():
    assert_clean_table(run_load_test())


def test_two_browser_sessions_for_a_few_seconds_run_without_errors(chromium):
    assert_clean_table(run_load_test("--client", "browser"))


def test_token_views_are_read_from_the_html_the_server_sends():
    body = (
        '<div data-encoding="r50k_base"><span data-token-id="1">a</span><span data-token-id="22">b</span></div>'
        '<div data-encoding="cl100k_base"><span data-token-id="3">c</span></div>'
    )
    assert token_views(["<style>x</style>", body]) == {"r50k_base": [1, 22], "cl100k_base": [3]}
