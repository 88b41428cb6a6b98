"""`python -m benchmarks.page_switch`: how fast one person's page switches answer in a real browser.

    python -m benchmarks.page_switch                  # 5 rounds on 10 KB of English text
    python -m benchmarks.page_switch --rounds 9 --chars 20

It starts `streamlit run app.py` on loopback and one headless Chromium (`tests/browser.py`),
opens Merges with the text (so the server's caches hold it, as for the second person in a room),
then clicks Compare, Tokenize and Merges in the app's navigation, round after round, and times
each switch inside the page (`performance.now()`, no polling): from the click to the new page's
title in the DOM, to its first token, to the end of its script run (Streamlit's `notRunning` marker), and to
the next frame drawn after that ("done", what a person waits for). The browser's long tasks are
summed too. Medians are printed per page. The machine's other work shows in the figures: run
it a few times, and compare versions in alternation.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from urllib.parse import urlencode

from tests.browser import INSTALL_HINT, app_in_chromium, chromium_path, wait_for_app

from .corpora import load_corpus

# (link in the navigation, the page's title, the encoding of the view its first token is in)
PAGES = [("Compare", "Compare", "r50k_base"), ("Tokenize", "Tokenize", "cl100k_base"), ("Merges", "Merges", "cl100k_base")]

# Clicks a navigation link and resolves with the timings of the switch (ms from the click), or
# with null after 60 s.
_TIMED_SWITCH = """async ([link, title, encoding]) => {
  const anchor = [...document.querySelectorAll("a[data-testid='stTopNavLink']")]
    .find(a => a.textContent.trim().endsWith(link));
  const app = document.querySelector("[data-testid='stApp']");
  const longTasks = [];
  const observer = new PerformanceObserver(list => list.getEntries().forEach(e => longTasks.push(e.duration)));
  observer.observe({entryTypes: ["longtask"]});
  let shown = null, token = null, idle = null;
  const start = performance.now();
  const done = await new Promise(resolve => {
    const check = () => {
      const heading = document.querySelector("[data-testid='stMain'] h1");
      if (shown === null && heading && heading.textContent.trim().startsWith(title)) shown = performance.now();
      if (shown !== null && token === null && document.querySelector(`[data-encoding='${encoding}'] [data-token-id]`)) {
        token = performance.now();
      }
      if (shown !== null && idle === null && app.getAttribute("data-test-script-state") === "notRunning") {
        idle = performance.now();
        mutations.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
      }
    };
    const mutations = new MutationObserver(check);
    mutations.observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ["data-test-script-state"]});
    setTimeout(() => resolve(null), 60000);
    anchor.click();
  });
  await new Promise(resolve => setTimeout(resolve, 50));  // let the last long task be reported
  observer.disconnect();
  if (done === null || token === null) return null;
  return {shown: shown - start, token: token - start, idle: idle - start, done: done - start, longTasks: longTasks.reduce((a, b) => a + b, 0)};
}"""


def time_switches(page, rounds: int) -> dict[str, list[dict]]:
    """`{page title: [timings of each switch to it]}` over `rounds` rounds of Compare, Tokenize, Merges."""
    timings: dict[str, list[dict]] = {title: [] for _, title, _ in PAGES}
    for _ in range(rounds):
        for link, title, encoding in PAGES:
            page.wait_for_timeout(300)  # a person reads before clicking; the last run is over
            result = page.evaluate(_TIMED_SWITCH, [link, title, encoding])
            if result is None:
                raise RuntimeError(f"switching to {title} did not finish within 60 s")
            timings[title].append(result)
    return timings


def summary(timings: dict[str, list[dict]]) -> str:
    """One line per page: the median of each figure, in milliseconds, and every "done"."""
    lines = ["page        title shown   first token   run over       done   long tasks   (every switch's done)"]
    for title, runs in timings.items():
        median = {key: statistics.median(run[key] for run in runs) for key in ("shown", "token", "idle", "done", "longTasks")}
        lines.append(
            f"{title:10s} {median['shown']:9.0f} ms {median['token']:11.0f} ms {median['idle']:8.0f} ms {median['done']:7.0f} ms "
            f"{median['longTasks']:9.0f} ms   {[round(run['done']) for run in runs]}"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.page_switch", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds of Compare, Tokenize, Merges (default 5)")
    parser.add_argument("--chars", type=int, default=10_000, help="characters of English text (default 10,000)")
    args = parser.parse_args(argv)
    chromium = chromium_path()
    if chromium is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    text = load_corpus("english")[: args.chars]
    with app_in_chromium(chromium) as (server, browser):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server.url + "merges?" + urlencode({"text": text}), wait_until="domcontentloaded")
        wait_for_app(page)
        time_switches(page, 1)  # warm the server's caches and the browser
        print(f"{len(text):,} characters, {args.rounds} rounds, medians:")
        print(summary(time_switches(page, args.rounds)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
