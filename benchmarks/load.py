"""`python -m benchmarks.load`: a room full of people using the app at once, measured.

    python -m benchmarks.load                            # 20 sessions for 60 s, two minutes in all
    python -m benchmarks.load --client browser -n 4      # end to end in headless Chromium
    python -m benchmarks.load --sessions 2 --seconds 5   # a smoke test
    python -m benchmarks.load --markdown                 # the table for the README

It starts `streamlit run app.py` on loopback (`tests/browser.py`'s `AppServer`) and runs
concurrent sessions against it, each with its own text of 20 to 100 KB (cut from the benchmark
corpora) and encoding, repeating rounds until the time is up:

1. open a Tokenize share link (`/?text=...&encoding=...`): a new page load, a new session;
2. switch to Compare in the app's navigation (the text follows the session);
3. switch to Merges, if the app has that page, and step three merges with its Next button.

Each is timed from the input to the rendered tokens, and checked: the view marked
`data-encoding` must start with the engine's ids (`data-token-id`). Errors are exceptions on
a page, timeouts and wrong ids. The sessions are Streamlit websocket clients by default
(`load_websocket.py`: the server's figures, from request to the last element) or browser
contexts in one headless Chromium (`load_browser.py`: also the browser drawing the page).
The server's resident memory is read with one session open and with all of them, and its CPU
time over the run. Everything is bounded: sessions stop at the deadline, every wait has a
timeout, and the server and browser are always stopped.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from .corpora import load_corpus
from .process_stats import cpu_seconds, load_average, rss_bytes

CORPUS_NAMES = ("english", "python", "many_scripts")
ENCODINGS = ("cl100k_base", "r50k_base", "o200k_base")
# The web server answers 400 Bad Request to a request line of about 128 KB or more, before the
# app runs: percent-encoded non-ASCII texts reach that from about 45 KB.
MAX_LINK_CHARS = 120_000
# How many leading ids a wait compares with the engine's.
FIRST_IDS = 50
MERGE_STEPS = 3
ACTIONS = ("Tokenize link", "Compare switch", "Merges switch", "Merge step")

@dataclass(frozen=True)
class Workload:
    """What one session does and what it must see: its text, encoding and expected first ids."""

    text: str
    encoding: str
    tokenize_ids: list[int]
    gpt2_ids: list[int]
    merge_states: list[list[int]]  # the first ids after 0, 1, 2, ... merges


@dataclass
class Results:
    """Timings and errors gathered by all sessions."""

    timings: dict[str, list[float]] = field(default_factory=lambda: {action: [] for action in ACTIONS})
    errors: list[str] = field(default_factory=list)
    merges_missing: bool = False

    def record(self, action: str, seconds: float) -> None:
        self.timings[action].append(seconds)

    def error(self, session: int, action: str, problem: str) -> None:
        self.errors.append(f"session {session}, {action}: {problem}")


def session_text(index: int, n_sessions: int, min_kb: int, max_kb: int) -> str:
    """The text of session `index`: a different corpus slice, from `min_kb` to `max_kb` KB of UTF-8,
    cut shorter if its share link would be longer than the web server accepts."""
    corpus = load_corpus(CORPUS_NAMES[index % len(CORPUS_NAMES)]).encode("utf-8")
    size = min_kb * 1000 + (max_kb - min_kb) * 1000 * index // max(1, n_sessions - 1)
    start = (index * 37_000) % max(1, len(corpus) - size)
    text = corpus[start : start + size].decode("utf-8", errors="ignore").strip()
    while len(tokenize_link("", text, "cl100k_base")) > MAX_LINK_CHARS:
        text = text[: int(len(text) * 0.95)].rstrip()
    return text


def tokenize_link(server_url: str, text: str, encoding: str) -> str:
    """The Tokenize page's share link for `text` and `encoding`."""
    return server_url + "?" + urlencode({"text": text, "encoding": encoding})


def build_workload(index: int, n_sessions: int, min_kb: int, max_kb: int) -> Workload:
    """Session `index`'s workload, with the ids the engine gives for it."""
    import tokenizer

    text = session_text(index, n_sessions, min_kb, max_kb)
    name = ENCODINGS[index % len(ENCODINGS)]
    encoding = tokenizer.get_encoding(name)
    trace = encoding.trace(text)
    return Workload(
        text=text,
        encoding=name,
        tokenize_ids=encoding.encode(text, allowed_special="all")[:FIRST_IDS],
        gpt2_ids=tokenizer.get_encoding("r50k_base").encode(text, allowed_special="all")[:FIRST_IDS],
        merge_states=[trace.state(k)[:FIRST_IDS] for k in range(min(MERGE_STEPS, len(trace)) + 1)],
    )


async def run_session(driver, work: Workload, results: Results, session: int, deadline: float, think_s: float) -> None:
    """One person: rounds until `deadline` (time.monotonic()), with a pause between them."""
    client = await driver.new_client()
    try:
        while time.monotonic() < deadline:
            await client.round(work, results, session)
            await asyncio.sleep(think_s)
    finally:
        await client.close()


async def load_vocabularies(driver) -> None:
    """A short Tokenize round per encoding, so the server has loaded every vocabulary."""
    for name in ENCODINGS:
        client = await driver.new_client()
        try:
            await client.round(small_workload(name), Results(), -1)
        finally:
            await client.close()


def small_workload(name: str) -> Workload:
    """A few words under encoding `name`."""
    import tokenizer

    text = "lower newest widest"
    encoding = tokenizer.get_encoding(name)
    trace = encoding.trace(text)
    gpt2 = tokenizer.get_encoding("r50k_base").encode(text)
    return Workload(text, name, encoding.encode(text), gpt2, [trace.state(k) for k in range(MERGE_STEPS + 1)])


@dataclass
class LoadReport:
    """Everything the load test measured."""

    sessions: int
    seconds: float
    results: Results
    rss_one: int
    rss_all: int
    rss_peak: int
    cpu_seconds: float
    wall_seconds: float
    load_before: float | None
    load_after: float | None
    text_sizes: list[int]
    client: str = ""


def percentile(values: list[float], fraction: float) -> float | None:
    """The `fraction` percentile of `values` (nearest rank), or None if there are none.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5)
    2.0
    """
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(fraction * len(ordered)))) - 1]


async def drive(args) -> LoadReport:
    """Start the server and the clients, warm up, run the sessions, measure, and stop everything."""
    from tests.browser import AppServer

    from .load_browser import BrowserDriver
    from .load_websocket import WebSocketDriver

    say(f"Preparing {args.sessions} texts of {args.min_kb}-{args.max_kb} KB and the engine's ids...")
    workloads = [build_workload(i, args.sessions, args.min_kb, args.max_kb) for i in range(args.sessions)]
    server = AppServer().start()
    try:
        driver_class = BrowserDriver if args.client == "browser" else WebSocketDriver
        async with driver_class(server.url, args.timeout) as driver:
            say("Warming up: every vocabulary loaded once, then one session alone...")
            await load_vocabularies(driver)
            results = Results()
            solo = await driver.new_client()
            try:
                await solo.round(workloads[0], results, 0)
                rss_one = rss_bytes(server.process.pid)  # with this one session open
            finally:
                await solo.close()
            say(f"Driving {args.sessions} sessions ({driver.name}) for {args.seconds:g} s...")
            report = await run_sessions(driver, server, workloads, results, args)
    finally:
        server.stop()
    report.rss_one = rss_one
    report.client = driver.name
    return report


async def run_sessions(driver, server, workloads: list[Workload], results: Results, args) -> LoadReport:
    """All sessions at once until the deadline, with the server's memory sampled every second."""
    pid = server.process.pid
    load_before = load_average()
    cpu_start, wall_start = cpu_seconds(pid), time.monotonic()
    deadline = wall_start + args.seconds
    tasks = [
        asyncio.create_task(run_session(driver, work, results, i, deadline, args.think))
        for i, work in enumerate(workloads)
    ]
    rss_peak = rss_all = 0
    while time.monotonic() < deadline:
        await asyncio.sleep(1)
        rss_all = rss_bytes(pid)  # the last reading is taken with every session open
        rss_peak = max(rss_peak, rss_all)
    # Rounds under way finish (each wait has its timeout); a session stuck beyond that is an error.
    done, pending = await asyncio.wait(tasks, timeout=args.timeout * (MERGE_STEPS + 3))
    for task in pending:
        task.cancel()
        results.error(-1, "shutdown", "a session did not finish its round in time")
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        if task.exception():
            results.error(-1, "session", repr(task.exception())[:200])
    return LoadReport(
        sessions=args.sessions,
        seconds=args.seconds,
        results=results,
        rss_one=0,
        rss_all=rss_all,
        rss_peak=rss_peak,
        cpu_seconds=cpu_seconds(pid) - cpu_start,
        wall_seconds=time.monotonic() - wall_start,
        load_before=load_before,
        load_after=load_average(),
        text_sizes=[len(work.text.encode()) for work in workloads],
    )


# ---------------------------------------------------------------------- the table


def report_rows(report: LoadReport) -> list[tuple[str, str, str]]:
    """`(figure, value, target)` rows of the report."""
    mb = 1024 * 1024
    results = report.results
    all_times = [t for times in results.timings.values() for t in times]
    per_session = (report.rss_all - report.rss_one) / max(1, report.sessions - 1)

    def seconds(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f} s"

    def p50_p95(times: list[float]) -> str:
        return f"{seconds(percentile(times, 0.5))} / {seconds(percentile(times, 0.95))}"

    sizes = f"texts of {min(report.text_sizes) // 1000}-{max(report.text_sizes) // 1000} KB"
    cpu_share = 100 * report.cpu_seconds / max(report.wall_seconds, 1e-9)

    rows = [
        ("Sessions × duration", f"{report.sessions} {report.client} × {report.seconds:g} s ({sizes})".replace("  ", " "), ""),
        ("Actions completed", f"{len(all_times):,}", ""),
        ("Errors", f"{len(results.errors)}", "0"),
        ("Input → tokens, p50 / p95 (all)", p50_p95(all_times), ""),
    ]
    for action in ACTIONS:
        times = results.timings[action]
        if times:
            rows.append((f"  {action} ({len(times)}×), p50 / p95", p50_p95(times), ""))
    if results.merges_missing:
        rows.append(("  Merges", "no Merges page in this app: skipped", ""))
    rows += [
        ("Server memory (RSS), 1 session", f"{report.rss_one / mb:.0f} MB", ""),
        (f"Server memory (RSS), {report.sessions} sessions", f"{report.rss_all / mb:.0f} MB (peak {report.rss_peak / mb:.0f})", ""),
        ("Memory per extra session", f"{per_session / mb:.1f} MB" if report.sessions > 1 else "-", "≤ 30 MB"),
        ("Server CPU time", f"{report.cpu_seconds:.0f} s in {report.wall_seconds:.0f} s ({cpu_share:.0f}% of one core)", ""),
        ("Machine", machine_note(report), ""),
    ]
    return rows


def machine_note(report: LoadReport) -> str:
    """CPUs and load: the clients run on the same machine as the server."""
    import os

    loads = "/".join(f"{value:.1f}" for value in (report.load_before, report.load_after) if value is not None)
    return f"{os.cpu_count()} CPUs shared by the server, the clients and other work; load average {loads or '?'} (before/after)"


def plain_table(rows: list[tuple[str, str, str]]) -> str:
    """The rows as aligned plain text."""
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join(f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}".rstrip() for a, b, c in rows)


def markdown_table(rows: list[tuple[str, str, str]]) -> str:
    """The rows as a Markdown table."""
    lines = ["| Figure | Value | Target |", "|---|---|---|"]
    lines += [f"| {a.strip()} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def say(message: str) -> None:
    """Progress, on stderr (the table goes to stdout)."""
    print(message, file=sys.stderr, flush=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    parser.add_argument(
        "--client", choices=["websocket", "browser"], default="websocket",
        help="websocket: Streamlit's protocol, the server's figures (default); browser: headless Chromium, end to end",
    )
    parser.add_argument("--seconds", type=float, default=60, help="how long the sessions run (default 60)")
    parser.add_argument("--min-kb", type=int, default=20, help="the smallest session text, in KB (default 20)")
    parser.add_argument("--max-kb", type=int, default=100, help="the largest session text, in KB (default 100)")
    parser.add_argument("--timeout", type=float, default=90, help="seconds one input may take to show its tokens (default 90)")
    parser.add_argument("--think", type=float, default=1.0, help="seconds a session pauses between rounds (default 1)")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    parser.add_argument("--show-errors", type=int, default=10, help="how many error descriptions to print (default 10)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the load test and print its table; the exit status is 1 if there were errors."""
    args = build_parser().parse_args(argv)
    if args.sessions < 1 or args.seconds <= 0 or not 1 <= args.min_kb <= args.max_kb:
        build_parser().error("need --sessions >= 1, --seconds > 0 and 1 <= --min-kb <= --max-kb")
    report = asyncio.run(drive(args))
    rows = report_rows(report)
    print(markdown_table(rows) if args.markdown else plain_table(rows))
    for problem in report.results.errors[: args.show_errors]:
        say(f"error: {problem}")
    return 1 if report.results.errors else 0


if __name__ == "__main__":
    sys.exit(main())
