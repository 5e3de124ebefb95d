"""Wire client: one browser tab's conversation with a Streamlit server, with nothing drawn.

A class of 30 headless-Chromium tabs on the bench machine costs more CPU than the server
(Plotly in every tab), and the browsers drive Streamlit's fragment reruns with their own
timers, so starved browsers make the server look late. ``WireClient`` speaks the websocket
protocol of a Streamlit 1.67 tab instead (``ws://…/_stcore/stream``, subprotocol
``streamlit``, ``BackMsg`` up, ``ForwardMsg`` down), as recorded from a real Chromium tab:

* open: ``rerun_script`` with the deep link's query string, ``page_name`` and no page hash,
  ``context_info`` of an en-US tab in UTC; afterwards the page hash comes from
  ``new_session``/``navigation`` and the query string from ``page_info_changed``, as in the
  browser;
* click: ``rerun_script`` whose widget states carry ``trigger_value`` for the button. The
  browser also sends every other widget's value; the server keeps the previous value of a
  widget the client leaves out, so the trigger alone is enough (the bench checks each
  session's network against its URL);
* ``auto_rerun``: every ``interval`` s a ``rerun_script`` with ``fragment_id`` and
  ``is_auto_rerun``, whether or not a run is in progress (the browser's ``setInterval``);
  the same fragment and interval again keeps the timer; ``stop_auto_rerun`` and the start
  of a full script run (``new_session`` without fragment ids) stop timers;
* no cached messages are reported, so the server never sends a ``ref_hash``; no heartbeats
  (the browser sends them only when an embedding host asks).

Every ForwardMsg goes to ``on_message(msg, time)``; ``on_sent(payload)`` sees every BackMsg.
Traffic goes only to the given (local) URL: no proxy.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Callable
from urllib.parse import urlsplit

_KEY = re.compile(r"^\$\$ID-[0-9a-f]+-(.+)$")  # element ids of keyed widgets end with the key


class WireClient:
    def __init__(self, base_url: str, link: str, on_message: Callable[[object, float], None],
                 on_sent: Callable[[bytes], None] | None = None):
        """``link``: a page path with its query, e.g. ``/train?dataset=spiral&depth=3``."""
        parts = urlsplit(link)
        self.base_url, self.page = base_url, parts.path.strip("/")
        self.query, self.page_hash = parts.query, ""
        self.on_message, self.on_sent = on_message, on_sent
        self.buttons: dict[str, object] = {}  # widget key → its latest Button element
        self.full_run_finished = asyncio.Event()  # a whole-page run finished successfully
        self.lost: str | None = None  # why the server's side of the connection ended, if it did
        self._timers: dict[str, tuple[float, asyncio.Task]] = {}  # fragment id → (interval, its task)
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._closing = False

    async def open(self, timeout: float = 60.0) -> None:
        from websockets.asyncio.client import connect

        url = "ws" + self.base_url.removeprefix("http") + "/_stcore/stream"
        # ping_interval=None: a browser does not ping, and a busy server answering late is no reason to drop it
        self._ws = await connect(url, subprotocols=["streamlit"], origin=self.base_url, proxy=None,
                                 open_timeout=timeout, ping_interval=None, max_size=None)
        self._reader = asyncio.create_task(self._read())
        await self._rerun(page_name=self.page)

    async def wait_for_button(self, key: str, timeout: float) -> None:
        """Until a whole-page run finished and drew button ``key`` enabled (the page is ready)."""
        async def ready() -> None:
            while not (self.full_run_finished.is_set() and key in self.buttons and not self.buttons[key].disabled):
                self.full_run_finished.clear()
                await self.full_run_finished.wait()

        await asyncio.wait_for(ready(), timeout)

    async def click(self, key: str) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        await self._rerun(widgets=[WidgetState(id=self.buttons[key].id, trigger_value=True)])

    async def close(self) -> None:
        self._closing = True
        for _, task in self._timers.values():
            task.cancel()
        self._timers.clear()
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._ws.close(), 10)
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(BaseException):
                await self._reader

    async def _rerun(self, widgets=(), page_name: str = "", fragment_id: str = "") -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
        from streamlit.proto.WidgetStates_pb2 import WidgetStates

        state = ClientState(
            query_string=self.query, widget_states=WidgetStates(widgets=list(widgets)),
            page_script_hash="" if page_name else self.page_hash, page_name=page_name,
            fragment_id=fragment_id, is_auto_rerun=bool(fragment_id),
            context_info=ContextInfo(timezone="UTC", timezone_offset=0, locale="en-US",
                                     url=f"{self.base_url}/{self.page}", is_embedded=False, color_scheme="light"))
        payload = BackMsg(rerun_script=state).SerializeToString()
        if self.on_sent:
            self.on_sent(payload)
        await self._ws.send(payload)

    async def _read(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            async for payload in self._ws:
                if isinstance(payload, str):
                    continue
                now = time.time()
                msg = ForwardMsg.FromString(payload)
                self._follow(msg)
                self.on_message(msg, now)
        except Exception as exc:
            self.lost = f"{type(exc).__name__}: {exc}"[:120]
        else:
            self.lost = None if self._closing else f"closed by the server ({self._ws.close_code})"
        self._stop_timers(list(self._timers))

    def _follow(self, msg) -> None:
        """What the browser keeps from a message to build its next requests."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash or self.page_hash
            if not msg.metadata.run.fragment_ids:
                self._stop_timers(list(self._timers))
        elif kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            self._start_timer(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            self._stop_timers(msg.stop_auto_rerun.fragment_ids)
        elif kind == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
            self.full_run_finished.set()
        elif kind == "delta" and msg.delta.new_element.WhichOneof("type") == "button":
            match = _KEY.match(msg.delta.new_element.button.id)
            if match:
                self.buttons[match.group(1)] = msg.delta.new_element.button

    def _start_timer(self, fragment_id: str, interval: float) -> None:
        if not fragment_id or self._timers.get(fragment_id, (None,))[0] == interval:
            return
        self._stop_timers([fragment_id])
        self._timers[fragment_id] = (interval, asyncio.create_task(self._every(fragment_id, interval)))

    def _stop_timers(self, fragment_ids) -> None:
        for fragment_id in fragment_ids:
            timer = self._timers.pop(fragment_id, None)
            if timer:
                timer[1].cancel()

    async def _every(self, fragment_id: str, interval: float) -> None:
        from websockets.exceptions import ConnectionClosed

        with contextlib.suppress(ConnectionClosed):
            while True:
                await asyncio.sleep(interval)
                await self._rerun(fragment_id=fragment_id)
