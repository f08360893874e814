"""One HTTP exchange inside two bounds: a deadline for the whole of it and a largest answer.

httpx's timeouts apply to each network operation on its own: a body dripping one byte a second
never trips them. Here the answer is streamed: the deadline is checked after every chunk, and a
watchdog shuts the connection's socket when the deadline passes while a read is blocked (one
shared thread keeps every deadline; the socket is known from the moment the connection is made,
through httpcore's ``trace`` extension, or from the answer's ``network_stream``). A request on a
connection kept alive from an earlier one makes no connection, and its answer's headers come
before its ``network_stream``: for those the watchdog knows the sockets this thread's earlier
requests on the same client connected, and shuts them all (idle ones are simply connected again
when next needed). The size bound is checked against ``Content-Length`` before reading and against
the bytes received while reading, so an oversized answer is never held in memory whole.

Ctrl-C is not held back anywhere here: in the main thread a blocked read ends with
KeyboardInterrupt at once, and the connection is closed on the way out.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
import weakref
from dataclasses import dataclass
from typing import Any

import httpx

from .errors import LimitExceeded

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
CONNECT_EVENTS = ("connection.connect_tcp.complete", "connection.start_tls.complete")


@dataclass(frozen=True)
class Bounds:
    seconds: float  # the whole request: connecting, sending, every read of the answer
    max_bytes: int = DEFAULT_MAX_BYTES


class DeadlinePassed(httpx.TimeoutException):
    """The whole request took longer than its bound (raised as an httpx timeout)."""


def size_text(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.0f} MB"
    return f"{count / 1024:.0f} kB"


class _Watchdog:
    """Shuts the request's socket down when the deadline passes (ends a blocked read).

    ``known`` is the list of sockets this thread's requests on the same client connected: the
    sockets watched are added to it, and until this request's own is known, the ones open when it
    started are those it may be using (a connection kept alive).
    """

    def __init__(self, seconds: float, known: list[socket.socket]) -> None:
        self.fired = False
        self._socket: socket.socket | None = None
        self._known = known
        self._reused = [sock for sock in known if sock.fileno() != -1]
        known[:] = self._reused  # closed ones are forgotten
        self._lock = threading.Lock()
        self._done = False
        _KEEPER.add(time.monotonic() + max(0.0, seconds), self)

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event in CONNECT_EVENTS:
            stream = info.get("return_value")
            if stream is not None:
                self.watch(stream)

    def watch(self, stream: Any) -> None:
        """Watch the socket of ``stream`` (an httpcore network stream), when it has one."""
        get = getattr(stream, "get_extra_info", None)
        sock = get("socket") if get is not None else None
        if not isinstance(sock, socket.socket):
            return
        if sock not in self._known:
            self._known.append(sock)
        with self._lock:
            if self._done:
                return
            self._socket = sock
            if self.fired:
                _shut(sock)

    def fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.fired = True
            for sock in [self._socket] if self._socket is not None else self._reused:
                _shut(sock)

    def stop(self) -> None:
        with self._lock:
            self._done = True
            self._socket = None


class _DeadlineKeeper:
    """One daemon thread firing the watchdogs whose deadline has passed (not a timer thread
    for every request: the catalogue makes thousands)."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, _Watchdog]] = []
        self._order = itertools.count()
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def add(self, deadline: float, watchdog: _Watchdog) -> None:
        with self._changed:
            heapq.heappush(self._heap, (deadline, next(self._order), watchdog))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="deadlines", daemon=True)
                self._thread.start()
            self._changed.notify()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._heap:
                    self._changed.wait()
                deadline = self._heap[0][0]
                now = time.monotonic()
                if deadline > now:
                    self._changed.wait(deadline - now)
                    continue
                _, _, watchdog = heapq.heappop(self._heap)
            watchdog.fire()  # a stopped one does nothing


_KEEPER = _DeadlineKeeper()
_SEEN = threading.local()  # .sockets: the sockets each client connected, for this thread


def _known_sockets(client: httpx.Client) -> list[socket.socket]:
    by_client: weakref.WeakKeyDictionary[httpx.Client, list[socket.socket]] | None = getattr(
        _SEEN, "sockets", None
    )
    if by_client is None:
        by_client = _SEEN.sockets = weakref.WeakKeyDictionary()
    return by_client.setdefault(client, [])


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def exchange(
    client: httpx.Client, request: httpx.Request, bounds: Bounds, what: str
) -> httpx.Response:
    """Send ``request`` and read its whole answer within ``bounds``.

    Raises httpx errors as ``client.send`` does (a passed deadline as ``DeadlinePassed``, a
    TimeoutException) and LimitExceeded for an answer larger than ``bounds.max_bytes``.
    """
    started = time.monotonic()
    deadline = started + bounds.seconds
    request.extensions["timeout"] = httpx.Timeout(bounds.seconds).as_dict()
    watchdog = _Watchdog(bounds.seconds, _known_sockets(client))
    request.extensions["trace"] = watchdog.trace
    try:
        try:
            response = client.send(request, stream=True)
        except httpx.TransportError:
            if watchdog.fired:
                raise DeadlinePassed(_late(bounds)) from None
            raise
        try:
            watchdog.watch(response.extensions.get("network_stream"))
            content = _read(response, bounds, deadline, what, watchdog)
        finally:
            response.close()
    finally:
        watchdog.stop()
    headers = [
        (name, value)
        for name, value in response.headers.multi_items()
        if name.lower() not in ("content-encoding", "content-length", "transfer-encoding")
    ]
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=content,
        request=request,
        extensions={"http_version": response.extensions.get("http_version", b"HTTP/1.1")},
    )


def _read(
    response: httpx.Response, bounds: Bounds, deadline: float, what: str, watchdog: _Watchdog
) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > bounds.max_bytes:
        raise LimitExceeded(_too_large(bounds, declared=int(declared)), request=what)
    chunks: list[bytes] = []
    received = 0
    try:
        for chunk in response.iter_bytes():
            received += len(chunk)
            if received > bounds.max_bytes:
                raise LimitExceeded(_too_large(bounds), request=what)
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise DeadlinePassed(_late(bounds))
    except (httpx.TransportError, httpx.DecodingError):
        if watchdog.fired:
            raise DeadlinePassed(_late(bounds)) from None
        raise
    return b"".join(chunks)


def _too_large(bounds: Bounds, declared: int | None = None) -> str:
    limit = size_text(bounds.max_bytes)
    if declared is not None:
        return f"the answer is {size_text(declared)}, more than the {limit} allowed; not read"
    return f"the answer is larger than the {limit} allowed; stopped reading it"


def _late(bounds: Bounds) -> str:
    return f"no complete answer within {bounds.seconds:g}s"
