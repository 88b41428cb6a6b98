"""`python -m benchmarks.load`: a room full of people using the app at once, measured.

    python -m benchmarks.load                          # 20 sessions for 60 s, a few minutes in all
    python -m benchmarks.load --sessions 2 --seconds 5 # a smoke test
    python -m benchmarks.load --markdown               # the table for the README

It starts `streamlit run app.py` on loopback (`tests/browser.py`'s `AppServer`) and drives
concurrent sessions in one headless Chromium, one browser context each (Playwright's async
API). Every session has its own text of 20 to 100 KB, cut from the benchmark corpora, and an
encoding, and repeats until the time is up:

1. open a Tokenize share link (`/?text=...&encoding=...`): a new page load, a new session;
2. switch to Compare in the app's navigation (the text follows the session);
3. switch to Merges, if the app has that page, and step three merges with its Next button.

Each of these is timed from the input (navigation or click) to the rendered tokens: until the
page's view marked `data-encoding` holds the engine's first ids (`data-token-id`) and the
script has finished. Errors are Streamlit exceptions on the page, timeouts and wrong ids.
The server's resident memory is read with one session open and with all of them, and its CPU
time over the run. Everything is bounded: sessions stop at the deadline, each wait has a
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

# Waits until a page shows the view of `encoding` starting with `expected`, and has finished
# its run, titled `title`, with `urlPart` in its address.
_VIEW_READY = """([encoding, expected, title, urlPart]) => {
  if (!location.href.includes(urlPart)) return false;
  if (!document.querySelector("[data-test-script-state='notRunning']")) return false;
  const heading = document.querySelector("h1");
  if (!heading || !heading.textContent.includes(title)) return false;
  const view = document.querySelector(`[data-encoding="${encoding}"]`);
  if (!view) return false;
  const tokens = view.querySelectorAll("[data-token-id]");
  if (tokens.length < expected.length) return false;
  return expected.every((id, i) => tokens[i].getAttribute("data-token-id") === String(id));
}"""


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


async def wait_for_view(page, encoding: str, expected: list[int], title: str, url_part: str, timeout_s: float) -> None:
    """Wait until the page shows `expected` as the first ids of the view of `encoding`."""
    await page.wait_for_function(_VIEW_READY, arg=[encoding, expected, title, url_part], timeout=timeout_s * 1000, polling=100)


async def check_no_exception(page) -> str | None:
    """A description of the Streamlit exception shown on the page, if any."""
    exceptions = page.locator("[data-testid='stException']")
    if await exceptions.count():
        return "exception on the page: " + (await exceptions.first.inner_text())[:200]
    return None


async def run_cycle(page, server_url: str, work: Workload, results: Results, session: int, timeout_s: float) -> None:
    """One round of a session: Tokenize link, Compare, Merges and three steps."""

    async def timed(action: str, start_action, encoding: str, expected: list[int], title: str, url_part: str) -> bool:
        started = time.monotonic()
        try:
            await start_action()
            await wait_for_view(page, encoding, expected, title, url_part, timeout_s)
        except Exception as exc:  # noqa: BLE001 - any failure is an error to count, not a crash
            results.error(session, action, f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
            return False
        results.record(action, time.monotonic() - started)
        problem = await check_no_exception(page)
        if problem:
            results.error(session, action, problem)
            return False
        return True

    link = tokenize_link(server_url, work.text, work.encoding)
    opened = await timed(
        "Tokenize link", lambda: page.goto(link, wait_until="commit"), work.encoding, work.tokenize_ids, "Tokenize", "/"
    )
    if not opened:
        return
    compare = page.get_by_role("link", name="Compare", exact=True)
    if not await timed("Compare switch", compare.click, "r50k_base", work.gpt2_ids, "Compare", "/compare"):
        return
    merges = page.get_by_role("link", name="Merges", exact=True)
    if not await merges.count():
        results.merges_missing = True
        return
    if not await timed("Merges switch", merges.click, work.encoding, work.merge_states[0], "Merges", "/merges"):
        return
    next_button = page.locator(".st-key-merges-next button")
    for step in range(1, len(work.merge_states)):
        if not await timed("Merge step", next_button.click, work.encoding, work.merge_states[step], "Merges", f"step={step}"):
            return


async def run_session(
    browser, server_url: str, work: Workload, results: Results, session: int, deadline: float, timeout_s: float, think_s: float
) -> None:
    """Repeat cycles in a browser context of its own until `deadline` (time.monotonic())."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(timeout_s * 1000)
    page = await context.new_page()
    try:
        while time.monotonic() < deadline:
            await run_cycle(page, server_url, work, results, session, timeout_s)
            await asyncio.sleep(think_s)
    finally:
        await context.close()


async def one_round(
    browser, server_url: str, work: Workload, results: Results, session: int, timeout_s: float, server_pid: int
) -> int:
    """One round in a fresh context; returns the server's memory (RSS) before the context closes."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(timeout_s * 1000)
    try:
        await run_cycle(await context.new_page(), server_url, work, results, session, timeout_s)
        return rss_bytes(server_pid)
    finally:
        await context.close()


async def load_vocabularies(browser, server_url: str, timeout_s: float) -> None:
    """Open a short Tokenize link per encoding, so the server has loaded every vocabulary."""
    import tokenizer

    context = await browser.new_context()
    try:
        page = await context.new_page()
        for name in ENCODINGS:
            await page.goto(tokenize_link(server_url, "hello world", name), wait_until="commit")
            await wait_for_view(page, name, tokenizer.get_encoding(name).encode("hello world"), "Tokenize", "/", timeout_s)
    finally:
        await context.close()


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
    """Start the server and browser, warm up, run the sessions, measure, and stop everything."""
    from playwright.async_api import async_playwright

    from tests.browser import CHROMIUM_ARGS, INSTALL_HINT, AppServer, chromium_path

    executable = chromium_path()
    if executable is None:
        raise SystemExit(INSTALL_HINT)
    say(f"Preparing {args.sessions} texts of {args.min_kb}-{args.max_kb} KB and the engine's ids...")
    workloads = [build_workload(i, args.sessions, args.min_kb, args.max_kb) for i in range(args.sessions)]
    server = AppServer().start()
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                say("Warming up: every vocabulary loaded once, then one session alone...")
                await load_vocabularies(browser, server.url, args.timeout)
                results = Results()
                # One session alone for one round: the memory with a single session open.
                rss_one = await one_round(browser, server.url, workloads[0], results, 0, args.timeout, server.process.pid)
                say(f"Driving {args.sessions} sessions for {args.seconds:g} s...")
                report = await run_sessions(browser, server, workloads, results, args)
            finally:
                await browser.close()
    finally:
        server.stop()
    report.rss_one = rss_one
    return report


async def run_sessions(browser, server, workloads: list[Workload], results: Results, args) -> LoadReport:
    """All sessions at once until the deadline, with the server's memory sampled every second."""
    pid = server.process.pid
    load_before = load_average()
    cpu_start, wall_start = cpu_seconds(pid), time.monotonic()
    deadline = wall_start + args.seconds
    tasks = [
        asyncio.create_task(run_session(browser, server.url, work, results, i, deadline, args.timeout, args.think))
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
        ("Sessions × duration", f"{report.sessions} × {report.seconds:g} s ({sizes})", ""),
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
    """CPUs and load: the browser runs on the same machine as the server."""
    import os

    loads = "/".join(f"{value:.1f}" for value in (report.load_before, report.load_after) if value is not None)
    return f"{os.cpu_count()} CPUs shared by the server and Chromium; load average {loads or '?'} (before/after)"


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
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
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
