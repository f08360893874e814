"""Bayeux messages as Cumulocity's ``/notification/realtime`` sends them, validated with pydantic.

Only what a long-polling subscriber needs: meta replies (``successful``, ``clientId``, ``error``,
``advice``) and data messages whose ``data`` is ``{"realtimeAction": ..., "data": <object>}``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..client.jsonload import JsonProblem, load_json

HANDSHAKE = "/meta/handshake"
CONNECT = "/meta/connect"
SUBSCRIBE = "/meta/subscribe"
UNSUBSCRIBE = "/meta/unsubscribe"
DISCONNECT = "/meta/disconnect"
LONG_POLLING = "long-polling"
DEFAULT_TIMEOUT_MS = 30_000  # CometD's default long-poll hold when the server gives no advice


class BayeuxError(Exception):
    """The realtime endpoint answered something unusable; the message is one line."""


class Advice(BaseModel):
    model_config = ConfigDict(extra="allow")

    reconnect: Literal["retry", "handshake", "none"] | None = None
    interval: int | None = None  # milliseconds to wait before the next connect
    timeout: int | None = None  # milliseconds the server may hold a connect

    def merged(self, newer: Advice | None) -> Advice:
        """This advice with the fields ``newer`` sets replaced (advice is sticky in Bayeux)."""
        if newer is None:
            return self
        return Advice.model_validate(
            {**self.model_dump(exclude_none=True), **newer.model_dump(exclude_none=True)}
        )


class Message(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True, coerce_numbers_to_str=True)

    channel: str
    id: str | None = None
    client_id: str | None = Field(default=None, alias="clientId")
    successful: bool | None = None
    error: str | None = None
    advice: Advice | None = None
    subscription: str | list[str] | None = None
    data: Any = None

    @property
    def is_meta(self) -> bool:
        return self.channel.startswith("/meta/")


class RealtimeEvent(BaseModel):
    """The ``data`` of a Cumulocity data message: what happened and to which object."""

    model_config = ConfigDict(extra="allow")

    realtime_action: str = Field(alias="realtimeAction")
    data: Any = None


def parse_messages(content: bytes) -> list[Message]:
    """The messages of one answer (a JSON array; a lone object is accepted)."""
    try:
        raw = load_json(content)
    except JsonProblem as problem:
        raise BayeuxError(f"the realtime answer cannot be read: {problem}") from None
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        raise BayeuxError("the realtime answer is not a list of messages")
    messages: list[Message] = []
    for item in raw:
        try:
            messages.append(Message.model_validate(item))
        except (ValidationError, RecursionError):
            raise BayeuxError("the realtime answer holds a malformed message") from None
    return messages


def reply_to(messages: list[Message], channel: str) -> Message:
    """The meta reply on ``channel`` among ``messages``; BayeuxError when there is none."""
    for message in messages:
        if message.channel == channel:
            return message
    raise BayeuxError(f"no {channel} reply in the realtime answer")


def error_code(message: Message) -> str:
    """``402`` from ``402::Unknown client`` (empty when the error has no code)."""
    code, sep, _ = (message.error or "").partition("::")
    return code.strip() if sep else ""
