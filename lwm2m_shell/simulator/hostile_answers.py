"""Hostile answers of the simulated tenant: bodies that drip, never end, nest or redirect.

Each function builds what the server sends for one fault kind (see ``Fault``); the server writes
it. Large bodies are generators of chunks, never built in memory whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from .config import Fault
from .protocol import Reply, Request

DEFAULT_OVERSIZE = 200 * 1000 * 1000
DEFAULT_DEPTH = 100_000
CHUNK = 64 * 1024
ENDLESS_FIRST_ID = 9_000_000_000
DEFAULT_REDIRECT = "https://sso.example.com/login"


@dataclass
class Streamed:
    """An answer written in pieces: ``rate`` bytes a second (None: as fast as possible)."""

    status: int
    content_type: str
    chunks: Iterator[bytes]
    length: int | None = None  # None: sent with chunked transfer coding
    rate: float | None = None
    headers: dict[str, str] = field(default_factory=dict)
    paced_head: bool = False  # the status line and headers at ``rate`` too, not at once


def oversize(fault: Fault) -> Streamed:
    """A JSON object of ``fault.size`` bytes (200 MB by default): ``{"pad": "xxxx..."}``."""
    size = max(16, fault.size or DEFAULT_OVERSIZE)

    def chunks() -> Iterator[bytes]:
        head, tail = b'{"pad": "', b'"}'
        yield head
        left = size - len(head) - len(tail)
        piece = b"x" * CHUNK
        while left > 0:
            step = min(left, CHUNK)
            yield piece[:step]
            left -= step
        yield tail

    return Streamed(200, "application/json", chunks())


def nested(fault: Fault, real: Reply | None) -> Reply:
    """``fault.size`` (100,000 by default) nested ``[``: valid JSON's start, never its end."""
    depth = fault.size or DEFAULT_DEPTH
    status = real.status if real is not None and real.status < 400 else 200
    return Reply(status, b"[" * depth, "application/json")


def drip(fault: Fault, real: Reply) -> Streamed:
    """The real answer, sent ``fault.rate`` bytes a second (``drip_headers``: from its first
    byte, the status line and headers included)."""
    body = real.body or b""
    return Streamed(
        real.status,
        real.content_type or "application/json",
        iter([body]),
        length=len(body),
        rate=fault.rate,
        headers=dict(real.headers),
        paced_head=fault.kind == "drip_headers",
    )


def redirect(fault: Fault) -> Reply:
    status = fault.status if 300 <= fault.status < 400 else 302
    location = fault.location or DEFAULT_REDIRECT
    return Reply(status, b"", None, {"Location": location})


def endless_page(fault: Fault, request: Request, real: Reply) -> Reply:
    """An inventory page that is always full: the real objects, then made-up ones after them.
    With ``repeat`` the server asks for page 1 whatever page was asked for: pages repeat."""
    if real.status != 200 or not real.body:
        return real
    try:
        body: dict[str, Any] = json.loads(real.body)
    except ValueError:
        return real
    objects = body.get("managedObjects")
    if not isinstance(objects, list):
        return real
    size = _int(request.param("pageSize"), 5)
    page = 1 if fault.repeat else _int(request.param("currentPage"), 1)
    body["managedObjects"] = objects + _made_up(page, size, len(objects))
    return Reply(200, json.dumps(body).encode(), real.content_type, dict(real.headers))


def _made_up(page: int, size: int, have: int) -> list[dict[str, Any]]:
    first = ENDLESS_FIRST_ID + (page - 1) * size
    return [
        {
            "id": str(first + n),
            "name": f"endless-{first + n}",
            "type": "c8y_lwm2m",
            "c8y_IsDevice": {},
            "c8y_IsLwm2mDevice": {},
        }
        for n in range(have, size)
    ]


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value)) if value else default
    except ValueError:
        return default


def eager_connect(fault: Fault, request: Request) -> Reply | None:
    """A successful ``/meta/connect`` reply at once, without holding it (None: no connect)."""
    try:
        messages = json.loads(request.body or b"[]")
    except ValueError:
        return None
    if isinstance(messages, dict):
        messages = [messages]
    if not isinstance(messages, list):
        return None
    replies: list[dict[str, Any]] = []
    for message in messages:
        if not isinstance(message, dict) or message.get("channel") != "/meta/connect":
            return None
        reply: dict[str, Any] = {
            "channel": "/meta/connect",
            "successful": True,
            "clientId": message.get("clientId"),
            "id": message.get("id"),
        }
        if fault.delay:
            reply["advice"] = {"interval": int(fault.delay * 1000), "reconnect": "retry"}
        replies.append(reply)
    return Reply(200, json.dumps(replies).encode(), "application/json")


def first_page(request: Request) -> Request:
    """``request`` asking for page 1 (for ``endless_pages`` with ``repeat``)."""
    params = [(k, v) for k, v in request.params if k != "currentPage"] + [("currentPage", "1")]
    return replace(request, params=params)
