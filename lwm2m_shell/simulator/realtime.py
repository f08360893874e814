"""Realtime notifications of the simulated tenant: Bayeux over long-polling at
``POST /notification/realtime``.

Supported: ``/meta/handshake``, ``/meta/subscribe`` and ``/meta/unsubscribe`` for
``/operations/<deviceId>`` (or ``/operations/*``), ``/meta/connect`` (long-polling, held until a
message is queued or the advised timeout passes) and ``/meta/disconnect``. Each data message
carries ``{"realtimeAction": "CREATE"|"UPDATE", "data": <operation>}``.

An unknown ``clientId`` gets ``402::Unknown client`` with advice ``reconnect: handshake``. A newer
connect of the same client ends the one still held (as CometD servers do). Clients that stop
connecting are forgotten after a while.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .protocol import ApiError, Reply, Request

if TYPE_CHECKING:
    from .auth import User
    from .state import TenantState

OPERATIONS_PREFIX = "/operations/"
READ_ROLE = "ROLE_DEVICE_CONTROL_READ"
IDLE_GRACE = 30.0  # seconds a client may stay away beyond its long-poll timeout
MAX_QUEUE = 10_000


@dataclass
class _Client:
    client_id: str
    user: str
    subscriptions: set[str] = field(default_factory=set)
    queue: list[dict[str, Any]] = field(default_factory=list)
    connects: int = 0  # bumped by every connect: a held connect ends when a newer one comes
    last_seen: float = field(default_factory=time.monotonic)


class RealtimeHub:
    """Bayeux sessions of one simulated tenant, fed by its operation changes."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout  # the longest a connect is held (seconds)
        self._clients: dict[str, _Client] = {}
        self._changed = threading.Condition()
        self._released = 0  # bumped by release_all(): every held connect ends
        self._next_message = 0

    # --- feeding -------------------------------------------------------------------------
    def on_operation(self, action: str, operation: dict[str, Any]) -> None:
        """Queue a change for every client subscribed to the operation's device."""
        channel = OPERATIONS_PREFIX + str(operation.get("deviceId"))
        with self._changed:
            self._next_message += 1
            message = {
                "channel": channel,
                "id": str(self._next_message),
                "data": {"realtimeAction": action, "data": operation},
            }
            wildcard = OPERATIONS_PREFIX + "*"
            for client in self._clients.values():
                subscribed = channel in client.subscriptions or wildcard in client.subscriptions
                if subscribed and len(client.queue) < MAX_QUEUE:
                    client.queue.append(message)
            self._changed.notify_all()

    # --- test controls -------------------------------------------------------------------
    def forget_clients(self) -> None:
        """Drop every session (as a restarted server would); their next request gets 402."""
        with self._changed:
            self._clients.clear()
            self._changed.notify_all()

    def release_all(self) -> None:
        """End every held connect now (with whatever is queued); used when the server stops."""
        with self._changed:
            self._released += 1
            self._changed.notify_all()

    def client_ids(self) -> list[str]:
        with self._changed:
            return list(self._clients)

    def subscriptions(self) -> set[str]:
        """Every channel some client is subscribed to (for tests)."""
        with self._changed:
            return {
                channel for client in self._clients.values() for channel in client.subscriptions
            }

    # --- the endpoint --------------------------------------------------------------------
    def handle(self, request: Request, user: User) -> Reply:
        messages = _messages(request)
        replies: list[dict[str, Any]] = []
        for message in messages:
            replies.extend(self._one(message, user))
        return Reply(200, json.dumps(replies).encode(), "application/json;charset=UTF-8")

    def _one(self, message: dict[str, Any], user: User) -> list[dict[str, Any]]:
        channel = message.get("channel")
        if channel == "/meta/handshake":
            return [self._handshake(message, user)]
        if channel not in ("/meta/connect", "/meta/subscribe", "/meta/unsubscribe",
                           "/meta/disconnect"):  # fmt: skip
            return [_failed(message, "400::Unknown channel")]
        client_id = message.get("clientId")
        with self._changed:
            client = self._clients.get(client_id) if isinstance(client_id, str) else None
            if client is not None and client.user != user.name:
                client = None  # another user's session is as good as unknown
            if client is None:
                return [_failed(message, "402::Unknown client", _advice("handshake"))]
            client.last_seen = time.monotonic()
            if channel == "/meta/disconnect":
                del self._clients[client.client_id]
                self._changed.notify_all()
                return [_reply(message, client.client_id)]
            if channel in ("/meta/subscribe", "/meta/unsubscribe"):
                return [self._subscription(message, client, user, channel == "/meta/subscribe")]
        return self._connect(message, client)

    def _handshake(self, message: dict[str, Any], user: User) -> dict[str, Any]:
        offered = message.get("supportedConnectionTypes")
        if not isinstance(offered, list) or "long-polling" not in offered:
            return _failed(message, "406::long-polling is the only connection type offered")
        client_id = secrets.token_hex(12)
        with self._changed:
            self._expire_idle()
            self._clients[client_id] = _Client(client_id, user.name)
        reply = _reply(message, client_id)
        reply.update(
            {
                "version": "1.0",
                "supportedConnectionTypes": ["long-polling"],
                "advice": _advice("retry", self.timeout),
            }
        )
        return reply

    def _subscription(
        self, message: dict[str, Any], client: _Client, user: User, subscribe: bool
    ) -> dict[str, Any]:
        channel = message.get("subscription")
        if not isinstance(channel, str) or not channel.startswith(OPERATIONS_PREFIX):
            return _failed(message, f"404::Unknown subscription channel {channel!r}", client=client)
        if READ_ROLE not in user.roles:
            return _failed(message, f"403::{READ_ROLE} is required", client=client)
        if subscribe:
            client.subscriptions.add(channel)
        else:
            client.subscriptions.discard(channel)
        reply = _reply(message, client.client_id)
        reply["subscription"] = channel
        return reply

    def _connect(self, message: dict[str, Any], client: _Client) -> list[dict[str, Any]]:
        if message.get("connectionType") != "long-polling":
            return [_failed(message, "406::connectionType must be long-polling", client=client)]
        hold = self.timeout
        advice = message.get("advice")
        if isinstance(advice, dict) and isinstance(advice.get("timeout"), (int, float)):
            hold = max(0.0, min(hold, float(advice["timeout"]) / 1000))
        deadline = time.monotonic() + hold
        with self._changed:
            client.connects += 1
            mine, released = client.connects, self._released
            self._changed.notify_all()  # a connect still held for this client ends now
            while not client.queue:
                remaining = deadline - time.monotonic()
                current = self._clients.get(client.client_id)
                if remaining <= 0 or current is not client or client.connects != mine:
                    break
                if self._released != released:
                    break
                self._changed.wait(remaining)
            if self._clients.get(client.client_id) is not client:
                return [_failed(message, "402::Unknown client", _advice("handshake"))]
            delivered: list[dict[str, Any]] = []
            if client.connects == mine:  # a superseded connect leaves the queue to the newer one
                delivered, client.queue = client.queue, []
            client.last_seen = time.monotonic()
        reply = _reply(message, client.client_id)
        reply["advice"] = _advice("retry", self.timeout)
        return [*delivered, reply]

    def _expire_idle(self) -> None:
        """Forget clients that stopped connecting (caller holds the lock)."""
        limit = time.monotonic() - (self.timeout + IDLE_GRACE)
        for client_id in [c.client_id for c in self._clients.values() if c.last_seen < limit]:
            del self._clients[client_id]


def _messages(request: Request) -> list[dict[str, Any]]:
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ApiError(400, "realtime/badRequest", f"Malformed JSON body: {error}") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not data or not all(isinstance(m, dict) for m in data):
        raise ApiError(400, "realtime/badRequest", "expected a JSON array of Bayeux messages")
    return data


def _advice(reconnect: str, timeout: float | None = None) -> dict[str, Any]:
    advice: dict[str, Any] = {"reconnect": reconnect, "interval": 0}
    if timeout is not None:
        advice["timeout"] = int(timeout * 1000)
    return advice


def _reply(message: dict[str, Any], client_id: str) -> dict[str, Any]:
    reply: dict[str, Any] = {
        "channel": message.get("channel"),
        "successful": True,
        "clientId": client_id,
    }
    if "id" in message:
        reply["id"] = message["id"]
    return reply


def _failed(
    message: dict[str, Any],
    error: str,
    advice: dict[str, Any] | None = None,
    *,
    client: _Client | None = None,
) -> dict[str, Any]:
    reply: dict[str, Any] = {"channel": message.get("channel"), "successful": False, "error": error}
    if "id" in message:
        reply["id"] = message["id"]
    if client is not None:
        reply["clientId"] = client.client_id
    if message.get("channel") == "/meta/subscribe":
        reply["subscription"] = message.get("subscription")
    if advice is not None:
        reply["advice"] = advice
    return reply


_HUBS: weakref.WeakKeyDictionary[TenantState, RealtimeHub] = weakref.WeakKeyDictionary()
_HUBS_LOCK = threading.Lock()


def hub_for(state: TenantState) -> RealtimeHub:
    """The realtime hub of a tenant, created (and fed by its operation changes) on first use."""
    with _HUBS_LOCK:
        hub = _HUBS.get(state)
        if hub is None:
            hub = RealtimeHub(state.config.realtime_timeout)
            state.listeners.add(hub.on_operation)
            _HUBS[state] = hub
        return hub


def release_held(state: TenantState) -> None:
    """End the long-polls held for this tenant, if it has a hub (the server is stopping)."""
    with _HUBS_LOCK:
        hub = _HUBS.get(state)
    if hub is not None:
        hub.release_all()
