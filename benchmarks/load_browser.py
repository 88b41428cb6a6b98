"""The load test's sessions in headless Chromium: one browser, one context (a person) each.

End to end, as people see it: a round waits until the page *shows* the tokens, so it includes
the browser's work (the Streamlit front end drawing thousands of token spans). On a small
machine that shares its cores with the server, that work dominates beyond a few sessions:
`load_websocket.py` measures the server alone.
"""

from __future__ import annotations

import time

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


async def wait_for_view(page, encoding: str, expected: list[int], title: str, url_part: str, timeout_s: float) -> None:
    """Wait until the page shows `expected` as the first ids of the view of `encoding`."""
    await page.wait_for_function(_VIEW_READY, arg=[encoding, expected, title, url_part], timeout=timeout_s * 1000, polling=100)


async def exception_on(page) -> str | None:
    """A description of the Streamlit exception shown on the page, if any."""
    exceptions = page.locator("[data-testid='stException']")
    if await exceptions.count():
        return "exception on the page: " + (await exceptions.first.inner_text())[:200]
    return None


class BrowserClient:
    """One person in a browser context of their own."""

    def __init__(self, context, page, server_url: str, timeout_s: float):
        self.context = context
        self.page = page
        self.server_url = server_url
        self.timeout_s = timeout_s

    async def round(self, work, results, session: int) -> None:
        """Tokenize link, Compare, Merges and a few steps; see `benchmarks.load`."""
        from .load import tokenize_link

        page = self.page

        async def timed(action: str, start_action, encoding: str, expected: list[int], title: str, url_part: str) -> bool:
            started = time.monotonic()
            try:
                await start_action()
                await wait_for_view(page, encoding, expected, title, url_part, self.timeout_s)
            except Exception as exc:  # noqa: BLE001 - any failure is an error to count, not a crash
                results.error(session, action, f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
                return False
            results.record(action, time.monotonic() - started)
            problem = await exception_on(page)
            if problem:
                results.error(session, action, problem)
                return False
            return True

        link = tokenize_link(self.server_url, work.text, work.encoding)
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

    async def close(self) -> None:
        """Close the context (its Streamlit session ends with it)."""
        await self.context.close()


class BrowserDriver:
    """Headless Chromium, started and stopped with the driver."""

    name = "Chromium"

    def __init__(self, server_url: str, timeout_s: float):
        self.server_url = server_url
        self.timeout_s = timeout_s

    async def __aenter__(self) -> "BrowserDriver":
        from playwright.async_api import async_playwright

        from tests.browser import CHROMIUM_ARGS, INSTALL_HINT, chromium_path

        executable = chromium_path()
        if executable is None:
            raise SystemExit(INSTALL_HINT)
        self._playwright = await async_playwright().start()
        try:
            self.browser = await self._playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except BaseException:
            await self._playwright.stop()
            raise
        return self

    async def __aexit__(self, *exc_info) -> None:
        try:
            await self.browser.close()
        finally:
            await self._playwright.stop()

    async def new_client(self) -> BrowserClient:
        """A new person: a fresh browser context and page."""
        context = await self.browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(self.timeout_s * 1000)
        return BrowserClient(context, await context.new_page(), self.server_url, self.timeout_s)
