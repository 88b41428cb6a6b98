"""Driving the app in a real headless Chromium: start `streamlit run app.py`, open pages, wait.

Used by the browser tests (`tests/test_browser*.py`) through the fixtures in `conftest.py`, and
by the scripts that drive it (`python -m tests.screenshots`, `python -m benchmarks.page_switch`).
The browser is Debian's Chromium (`.ci/run` installs it); where it is missing the tests are
skipped with a message saying how to install it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

INSTALL_HINT = (
    "Chromium was not found: install it (Debian: apt-get install chromium fonts-noto-cjk "
    "fonts-noto-color-emoji) or set CHROMIUM to its path; `.ci/run` does this."
)


def chromium_path() -> str | None:
    """The Chromium executable to drive: $CHROMIUM, or `chromium` on the PATH, or None."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer:
    """`streamlit run app.py` on loopback, started and stopped by its own process handle."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> "AppServer":
        """Start the server and wait until its health check answers."""
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "app.py",
                "--server.headless", "true",
                "--server.address", "127.0.0.1",
                "--server.port", str(self.port),
                "--server.fileWatcherType", "none",
                "--browser.gatherUsageStats", "false",
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early: {self.process.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not answer on {self.url} within {timeout} s")

    def stop(self) -> None:
        """Stop the server started by `start` (by its handle, never by name)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextmanager
def app_in_chromium(chromium: str) -> Iterator[tuple["AppServer", object]]:
    """`(server, browser)`: a fresh `streamlit run app.py` and a headless Chromium (the one at
    `chromium`), both closed on leaving. For the command-line scripts; tests use the fixtures."""
    from playwright.sync_api import sync_playwright

    server = AppServer().start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                yield server, browser
            finally:
                browser.close()
    finally:
        server.stop()


def wait_for_app(page) -> None:
    """Wait until Streamlit has connected and finished running the page's script."""
    page.wait_for_selector("[data-testid='stAppViewContainer']")
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']")
    page.wait_for_selector("[data-test-script-state='notRunning']")


def token_ids_in(page, encoding: str, index: int = 0) -> list[int]:
    """The `data-token-id` values inside the `index`-th view marked `data-encoding=encoding`."""
    view = page.locator(f"[data-encoding='{encoding}']").nth(index)
    return [int(value) for value in view.locator("[data-token-id]").evaluate_all(
        "elements => elements.map(e => e.getAttribute('data-token-id'))"
    )]
