"""Requests, replies, errors and media types shared by the API and the control path."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

VENDOR = "application/vnd.com.nsn.cumulocity.{}+json"
MEDIA_SUFFIX = ";charset=UTF-8;ver=0.9"
ERROR_TYPE = VENDOR.format("error") + MEDIA_SUFFIX
INFO_URL = "https://cumulocity.com/api/core/"


@dataclass
class Request:
    method: str
    path: str
    params: list[tuple[str, str]]
    headers: dict[str, str]  # lower-case names
    body: bytes
    client_host: str = "127.0.0.1"

    def param(self, name: str) -> str | None:
        """The last value of a query parameter, or None."""
        found = [value for key, value in self.params if key == name]
        return found[-1] if found else None

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass
class Reply:
    status: int
    body: bytes | None = None
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class ApiError(Exception):
    """An error answer: status code and a Cumulocity error body."""

    def __init__(
        self, status: int, error: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.headers = headers or {}

    def reply(self) -> Reply:
        body = {"error": self.error, "message": self.message, "info": INFO_URL}
        return Reply(self.status, json.dumps(body).encode(), ERROR_TYPE, dict(self.headers))


def media_type(request: Request, kind: str) -> str:
    """The vendor type of ``kind``, or plain JSON when the client asked only for that."""
    accept = request.header("accept") or ""
    offered = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    vendor = VENDOR.format(kind)
    if vendor.lower() not in offered and "application/json" in offered:
        return "application/json;charset=UTF-8"
    return vendor + MEDIA_SUFFIX


def json_reply(request: Request, kind: str, body: Any, status: int = 200) -> Reply:
    return Reply(status, json.dumps(body).encode(), media_type(request, kind))


def is_json_type(content_type: str | None) -> bool:
    """True for application/json and the +json vendor types."""
    if not content_type:
        return False
    base = content_type.split(";")[0].strip().lower()
    return base == "application/json" or (
        base.startswith("application/") and base.endswith("+json")
    )


def url_with(base: str, path: str, params: list[tuple[str, str]], **changes: str) -> str:
    """``base+path`` with the request's parameters, some replaced (order kept)."""
    replaced: list[tuple[str, str]] = []
    pending = dict(changes)
    for key, value in params:
        if key in changes:
            if key in pending:
                replaced.append((key, pending.pop(key)))
        else:
            replaced.append((key, value))
    replaced.extend(pending.items())
    return f"{base}{path}?{urlencode(replaced)}" if replaced else f"{base}{path}"
