"""The load test's sessions as Streamlit websocket clients: the app's own protocol, no browser.

A browser tab talks to `streamlit run` over one websocket (`/_stcore/stream`): it sends a
`BackMsg` asking for a run of a page (with the address's query string and the widgets'
states) and receives `ForwardMsg`s, the page's elements among them, until the run finishes.
`StreamlitConnection` does exactly that, so twenty sessions cost the client side almost
nothing and the figures are the server's: a run is timed from the request to the last
element. What the browser adds (drawing the page) is left out; `load_browser.py` has it.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field

_VIEW = re.compile(r'data-encoding="([^"]+)"')
_TOKEN_ID = re.compile(r'data-token-id="(\d+)"')


@dataclass
class Run:
    """What one run of a page sent: its token views, buttons, pages, query string, exceptions."""

    seconds: float = 0.0
    views: dict[str, list[int]] = field(default_factory=dict)  # first token view of each encoding
    buttons: dict[str, str] = field(default_factory=dict)  # label -> widget id
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page script hash
    page_hash: str = ""  # the page that ran
    query_string: str | None = None
    exceptions: list[str] = field(default_factory=list)


def token_views(html_bodies: list[str]) -> dict[str, list[int]]:
    """`{encoding: token ids}` of the first view of each encoding in some `st.html` bodies.

    >>> token_views(['<div data-encoding="gpt"><span data-token-id="1"></span><span data-token-id="2">'])
    {'gpt': [1, 2]}
    """
    views: dict[str, list[int]] = {}
    for body in html_bodies:
        starts = [(match.start(), match.group(1)) for match in _VIEW.finditer(body)]
        for (start, encoding), (end, _) in zip(starts, starts[1:] + [(len(body), "")]):
            if encoding not in views:
                views[encoding] = [int(token) for token in _TOKEN_ID.findall(body, start, end)]
    return views


class StreamlitConnection:
    """One browser tab's worth of Streamlit session, over its websocket."""

    def __init__(self, server_url: str):
        self.server_url = server_url.rstrip("/")
        self.query_string = ""
        self.page_hash = ""  # the page shown: the browser names it in every run it asks for
        self.pages: dict[str, str] = {}
        self._socket = None

    async def open(self) -> "StreamlitConnection":
        """Connect: the server starts a new session."""
        import websockets

        self._socket = await websockets.connect(
            self.server_url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.server_url,
            max_size=None,
        )
        return self

    async def close(self) -> None:
        """Disconnect: the server ends the session."""
        if self._socket is not None:
            await self._socket.close()
            self._socket = None

    async def run(self, *, query_string: str | None = None, page: str | None = None, trigger: str | None = None, timeout_s: float) -> Run:
        """Run a page (the current one, or the one at url path `page`) as the browser would: with the
        address's query string (the current one unless given), clicking button `trigger` if given."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string if query_string is None else query_string
        state.page_script_hash = self.pages[page] if page is not None else self.page_hash
        if trigger is not None:
            state.widget_states.widgets.append(WidgetState(id=trigger, trigger_value=True))
        started = time.monotonic()
        await self._socket.send(message.SerializeToString())
        run = await asyncio.wait_for(self._receive_run(), timeout_s)
        run.seconds = time.monotonic() - started
        if run.query_string is not None:
            self.query_string = run.query_string
        self.pages.update(run.pages)
        self.page_hash = run.page_hash or self.page_hash
        return run

    async def _receive_run(self) -> Run:
        """The messages of one run, until it finishes (not counting runs cut short for a rerun)."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        run = Run()
        html_at: dict[tuple[int, ...], str] = {}
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self._socket.recv())
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                path = tuple(message.metadata.delta_path)
                element_kind = element.WhichOneof("type")
                if element_kind == "html":
                    html_at[path] = element.html.body
                elif element_kind == "button":
                    run.buttons[element.button.label] = element.button.id
                elif element_kind == "exception":
                    run.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:200])
            elif kind == "new_session":
                run.page_hash = message.new_session.page_script_hash
            elif kind == "navigation":
                run.pages = {page.url_pathname: page.page_script_hash for page in message.navigation.app_pages}
            elif kind == "page_info_changed":
                run.query_string = message.page_info_changed.query_string
            elif kind == "script_finished":
                if message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    run.views = token_views([html_at[path] for path in sorted(html_at)])
                    return run
                html_at.clear()


class WebSocketClient:
    """One person: each round reloads the page (a new session), then navigates and clicks."""

    def __init__(self, server_url: str, timeout_s: float):
        self.server_url = server_url
        self.timeout_s = timeout_s
        self.connection: StreamlitConnection | None = None

    async def round(self, work, results, session: int) -> None:
        """Tokenize link, Compare, Merges and a few steps; see `benchmarks.load`."""
        from urllib.parse import urlsplit

        from .load import tokenize_link

        async def timed(action: str, expected_encoding: str, expected: list[int], **run_args) -> Run | None:
            try:
                run = await self.connection.run(timeout_s=self.timeout_s, **run_args)
            except Exception as exc:  # noqa: BLE001 - any failure is an error to count, not a crash
                results.error(session, action, f"{type(exc).__name__}: {str(exc)[:200]}")
                return None
            if run.exceptions:
                results.error(session, action, "exception on the page: " + run.exceptions[0])
                return None
            shown = run.views.get(expected_encoding, [])[: len(expected)]
            if shown != expected:
                results.error(session, action, f"{expected_encoding} shows {shown[:5]}..., expected {expected[:5]}...")
                return None
            results.record(action, run.seconds)
            return run

        await self.close()
        self.connection = await StreamlitConnection(self.server_url).open()
        query = urlsplit(tokenize_link("", work.text, work.encoding)).query
        if not await timed("Tokenize link", work.encoding, work.tokenize_ids, query_string=query, page=None):
            return
        if not await timed("Compare switch", "r50k_base", work.gpt2_ids, query_string="", page="compare"):
            return
        if "merges" not in self.connection.pages:
            results.merges_missing = True
            return
        run = await timed("Merges switch", work.encoding, work.merge_states[0], query_string="", page="merges")
        for step in range(1, len(work.merge_states)):
            if run is None or "Next" not in run.buttons:
                return
            run = await timed("Merge step", work.encoding, work.merge_states[step], trigger=run.buttons["Next"])

    async def close(self) -> None:
        """End the session."""
        if self.connection is not None:
            await self.connection.close()
            self.connection = None


class WebSocketDriver:
    """Sessions as websocket clients of the server."""

    name = "websocket clients"

    def __init__(self, server_url: str, timeout_s: float):
        self.server_url = server_url
        self.timeout_s = timeout_s

    async def __aenter__(self) -> "WebSocketDriver":
        return self

    async def __aexit__(self, *exc_info) -> None:
        return None

    async def new_client(self) -> WebSocketClient:
        """A new person."""
        return WebSocketClient(self.server_url, self.timeout_s)
