"""A small Bayeux (CometD) long-polling client for Cumulocity's realtime notifications.

It runs in a background thread for the whole session with its own httpx client (a held long-poll
must never take a connection the commands need): handshake, subscribe to
``/operations/<device id>``, then ``/meta/connect`` again and again, each answer carrying the
operations that changed meanwhile. The server's ``advice`` is followed (``reconnect``: retry,
handshake or none; ``interval``; ``timeout``); transport failures are retried with capped,
jittered backoff; ``402::Unknown client`` leads to a new handshake; ``stop()`` says
``/meta/disconnect``. A connect the server answers at once with nothing in it (it did not hold
it) is followed by a pause of at least ``CONNECT_FLOOR``, growing while it goes on: a server
answering every connect at once costs a few requests a minute, not dozens a second. An answer
larger than ``MAX_MESSAGE_BYTES`` is not read (the channel is dropped and set up again).

Every pushed operation goes to the ``OperationFeed`` (for waiters) and to the ``listeners`` (e.g.
announcements). Nothing here raises into the caller: problems become ``state`` and ``problem``.

(The maintained Python CometD clients found are asyncio/aiohttp or tornado based; one built on
httpx and a plain thread fits this sync, threaded application better, and stays small.)
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from enum import Enum
from typing import Any

import httpx
from pydantic import ValidationError

from ..client import ClientError, Operation
from ..client.backoff import Backoff
from ..client.bounded import Bounds
from ..client.errors import HttpError
from ..client.http_factory import new_http_client
from ..client.retry import MAX_RETRY_AFTER
from ..client.transport import send
from .bayeux import (
    CONNECT,
    DEFAULT_TIMEOUT_MS,
    DISCONNECT,
    HANDSHAKE,
    LONG_POLLING,
    SUBSCRIBE,
    UNSUBSCRIBE,
    Advice,
    BayeuxError,
    Message,
    RealtimeEvent,
    error_code,
    parse_messages,
    reply_to,
)
from .feed import OperationFeed, Push
from .target_channel import TargetChannel

log = logging.getLogger("lwm2m_shell.realtime")

PATH = "/notification/realtime"
READ_MARGIN = 10.0  # seconds beyond the advised hold before a connect counts as stalled
WAIT_FOR_DEVICE = 0.2  # how often to look whether the connector device is known yet
PUSHED_ACTIONS = ("CREATE", "UPDATE")
QUICK_CONNECT = (
    1.0  # seconds (at most half the hold): a connect answered sooner, empty, was not held
)
CONNECT_FLOOR = 0.5  # seconds: the least pause after a connect that was not held
MAX_INTERVAL = 60.0  # seconds: the longest advised interval followed
MAX_HOLD = 300.0  # seconds: the longest advised long-poll hold believed
MAX_MESSAGE_BYTES = 4 * 1024 * 1024  # largest realtime answer read
RETRY_BACKOFF = Backoff(first=0.5, cap=30.0)  # pauses after failures (or unheld connects) in a row

DeviceSource = Callable[[], "str | None"]


class LiveState(str, Enum):
    OFF = "off"  # not started, or stopped
    WAITING = "waiting"  # for the tenant check to name the connector device
    CONNECTING = "connecting"
    ON = "on"  # subscribed and connected: updates are pushed
    RETRYING = "retrying"  # lost; trying again after a pause


class _Rehandshake(Exception):
    """The server forgot us (or asked for it): handshake again."""


class RealtimeClient:
    """Pushes the changes of one device's operations into ``feed`` until ``stop()``."""

    def __init__(
        self,
        base_url: str,
        auth: httpx.Auth | None,
        device_id: str | DeviceSource,
        *,
        feed: OperationFeed | None = None,
        verify: bool | str = True,
        app_key: str | None = None,
        request_timeout: float = 30.0,
        read_margin: float = READ_MARGIN,
        backoff: Backoff | None = None,
        transport: httpx.BaseTransport | None = None,
        target: TargetChannel | None = None,
    ) -> None:
        """``target``: the targeted device's channel, subscribed next to the main one."""
        self.target = target
        self.feed = feed if feed is not None else OperationFeed()
        self.listeners: list[Callable[[Push], None]] = []
        self.state = LiveState.OFF
        self.problem: str | None = None  # the last failure, for the toolbar and logs
        self.handshakes = 0
        self.connects = 0
        self._device = device_id if callable(device_id) else (lambda: device_id)
        self._read_margin = read_margin
        self._backoff = backoff or RETRY_BACKOFF
        self._http = new_http_client(
            base_url,
            auth,
            timeout=request_timeout,
            verify=verify,
            app_key=app_key,
            transport=transport,
        )
        self._stop = threading.Event()
        self._wake = threading.Event()  # ends a pause between retries (the tenant is back)
        self._on = threading.Event()
        self._thread: threading.Thread | None = None
        self._client_id: str | None = None
        self._connected = False  # a connect succeeded since the last handshake
        self._advice = _initial_advice()
        self._message_id = 0
        self._max_bytes = MAX_MESSAGE_BYTES
        self._request_timeout = request_timeout

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="realtime", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Disconnect (which also ends the connect the server holds) and stop the thread."""
        if self._stop.is_set():
            return
        self._stop.set()
        self._wake.set()
        client_id, self._client_id = self._client_id, None
        if client_id is not None:
            # Leaving anyway when this fails: the server forgets idle clients.
            with contextlib.suppress(ClientError, BayeuxError):
                self._post([{"channel": DISCONNECT, "clientId": client_id}], timeout=timeout)
        if self._thread is not None:
            self._thread.join(timeout)
        self._http.close()
        self._set_state(LiveState.OFF)

    def wake(self) -> None:
        """Try again now, not after the pause (the tenant is back, or the login was renewed)."""
        self._wake.set()

    def sync_target_soon(self) -> None:
        """Follow a new target now, beside the held connect (not after it returns)."""
        if self.state is LiveState.ON:
            threading.Thread(target=self._sync_target, name="realtime-target", daemon=True).start()

    def _sync_target(self) -> None:
        if self.target is not None and self._client_id is not None:
            self.target.sync(self._subscribe, self._unsubscribe)

    def _unsubscribe(self, channel: str) -> None:
        self._post([{"channel": UNSUBSCRIBE, "clientId": self._client_id, "subscription": channel}])

    def wait_until_on(self, timeout: float) -> bool:
        """Block until updates are pushed (or ``timeout``); True when they are."""
        return self._on.wait(timeout)

    @property
    def channel(self) -> str | None:
        device = self._device()
        return f"/operations/{device}" if device else None

    # -- the background thread ------------------------------------------------------------

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            channel = self._wait_for_channel()
            if channel is None:
                break
            try:
                self._set_state(LiveState.CONNECTING if failures == 0 else LiveState.RETRYING)
                self._handshake()
                self._subscribe(channel)
                self._sync_target()
                failures = 0
                self.problem = None
                self._set_state(LiveState.ON)
                self._connect_loop()
            except _Rehandshake:
                self._client_id = None
                if not self._connected:  # forgotten again before a single connect: slow down
                    failures += 1
                    self._failed("the server keeps forgetting this client", failures)
                continue
            except (ClientError, BayeuxError) as error:
                failures += 1
                self._failed(str(error), failures, _asked_wait(error))
            except Exception as error:  # a bug must not kill live updates with a traceback
                if self._stop.is_set():
                    break  # e.g. our HTTP client was closed under a held connect
                log.exception("realtime client failed")
                failures += 1
                self._failed(f"unexpected failure: {error}", failures)
        self._set_state(LiveState.OFF)

    def _wait_for_channel(self) -> str | None:
        while not self._stop.is_set():
            channel = self.channel
            if channel is not None:
                return channel
            self._set_state(LiveState.WAITING)
            self._stop.wait(WAIT_FOR_DEVICE)
        return None

    def _failed(self, problem: str, failures: int, asked: float = 0.0) -> None:
        """Note a failure and pause: backing off, and at least as long as a Retry-After asked
        (up to its cap)."""
        if self._stop.is_set():
            return
        self.problem = problem
        self._set_state(LiveState.RETRYING)
        pause = max(self._backoff.delay(failures), min(asked, MAX_RETRY_AFTER))
        log.info("live updates: %s; trying again in %.1fs", problem, pause)
        self._wake.wait(pause)
        self._wake.clear()

    def _handshake(self) -> None:
        messages = self._post(
            [
                {
                    "channel": HANDSHAKE,
                    "version": "1.0",
                    "minimumVersion": "1.0",
                    "supportedConnectionTypes": [LONG_POLLING],
                }
            ]
        )
        reply = reply_to(messages, HANDSHAKE)
        if not reply.successful or not reply.client_id:
            raise BayeuxError(f"handshake refused: {reply.error or 'no reason given'}")
        self.handshakes += 1
        self._connected = False
        self._client_id = reply.client_id
        self.feed.forget()  # a new channel: what the old one pushed may name reused IDs
        if self.target is not None:
            self.target.forget()
        self._advice = _initial_advice().merged(reply.advice)
        self._deliver(messages)

    def _subscribe(self, channel: str) -> None:
        messages = self._post(
            [{"channel": SUBSCRIBE, "clientId": self._client_id, "subscription": channel}]
        )
        self._deliver(messages)
        reply = reply_to(messages, SUBSCRIBE)
        if not reply.successful:
            self._follow_failure(reply)
            raise BayeuxError(f"subscription to {channel} refused: {reply.error or 'no reason'}")

    def _connect_loop(self) -> None:
        failures = 0
        unheld = 0  # connects in a row that the server answered at once with nothing
        while not self._stop.is_set():
            hold = min(MAX_HOLD, (self._advice.timeout or DEFAULT_TIMEOUT_MS) / 1000)
            sent = time.monotonic()
            try:
                messages = self._post(
                    [
                        {
                            "channel": CONNECT,
                            "clientId": self._client_id,
                            "connectionType": LONG_POLLING,
                        }
                    ],
                    timeout=hold + self._read_margin,
                )
                self.connects += 1
                self._deliver(messages)
                reply = reply_to(messages, CONNECT)
            except (ClientError, BayeuxError) as error:
                failures += 1
                self._failed(f"connection lost ({error})", failures, _asked_wait(error))
                continue
            self._advice = self._advice.merged(reply.advice)
            if self._stop.is_set():
                return
            if reply.successful:
                self._connected = True
                self._sync_target()  # a target the quick follow-up missed
                if self.state is not LiveState.ON:
                    failures = 0
                    self.problem = None
                    self._set_state(LiveState.ON)  # a new epoch: waiters check what they missed
                if self._advice.reconnect == "none":
                    raise BayeuxError("the server ended live updates (advice: reconnect none)")
                if self._advice.reconnect == "handshake":
                    raise _Rehandshake()
            else:
                self._follow_failure(reply)
                failures += 1
                self._failed(f"connect refused: {reply.error or 'no reason given'}", failures)
                continue
            pause = min(MAX_INTERVAL, max(0.0, (self._advice.interval or 0) / 1000))
            quick = min(QUICK_CONNECT, hold / 2)  # a held connect lasts about ``hold``
            if time.monotonic() - sent < quick and not _has_data(messages):
                unheld += 1
                pause = max(pause, CONNECT_FLOOR, self._backoff.delay(unheld))
            else:
                unheld = 0
            if pause > 0:
                self._stop.wait(pause)

    def _follow_failure(self, reply: Message) -> None:
        """Raise what the server's advice asks for after an unsuccessful meta reply."""
        advice = self._advice.merged(reply.advice)
        if error_code(reply) == "402" or advice.reconnect == "handshake":
            raise _Rehandshake()
        if advice.reconnect == "none":
            raise BayeuxError(f"the server ended live updates ({reply.error or 'no reason'})")

    # -- plumbing -------------------------------------------------------------------------

    def _post(self, messages: list[dict[str, Any]], timeout: float | None = None) -> list[Message]:
        for message in messages:
            self._message_id += 1
            message["id"] = str(self._message_id)
        request = self._http.build_request("POST", PATH, json=messages)
        bounds = Bounds(timeout if timeout is not None else self._request_timeout, self._max_bytes)
        response = send(self._http, request, changes_data=False, bounds=bounds)
        return parse_messages(response.content)

    def _deliver(self, messages: list[Message]) -> None:
        for message in messages:
            if message.is_meta or not message.channel.startswith("/operations/"):
                continue
            push = _push_of(message)
            if push is None:
                continue
            self.feed.publish(push)
            for listener in list(self.listeners):
                try:
                    listener(push)
                except Exception:
                    log.exception("a live-update listener failed")

    def _set_state(self, state: LiveState) -> None:
        self.state = state
        if state is LiveState.ON:
            self._on.set()
        else:
            self._on.clear()
        self.feed.set_live(state is LiveState.ON)


def _asked_wait(error: Exception) -> float:
    """Seconds a Retry-After on ``error`` asked for (0 when none)."""
    if isinstance(error, HttpError) and error.retry_after is not None:
        return error.retry_after
    return 0.0


def _has_data(messages: list[Message]) -> bool:
    return any(not message.is_meta for message in messages)


def _initial_advice() -> Advice:
    return Advice(reconnect="retry", interval=0, timeout=DEFAULT_TIMEOUT_MS)


def _push_of(message: Message) -> Push | None:
    """The operation change a data message carries, or None for anything else."""
    try:
        event = RealtimeEvent.model_validate(message.data)
        if event.realtime_action not in PUSHED_ACTIONS or not isinstance(event.data, dict):
            return None
        operation = Operation.model_validate(event.data)
    except ValidationError:
        log.info("ignored a realtime message that is not an operation on %s", message.channel)
        return None
    return Push(event.realtime_action, operation, time.monotonic())
