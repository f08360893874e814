"""Credentials and the httpx auth objects that put them on requests.

Secrets live only in these objects (and in the ``Authorization`` header httpx builds from them);
their ``repr`` hides them so they never end up in logs or tracebacks.
"""

from __future__ import annotations

import base64
from collections.abc import Generator
from dataclasses import dataclass, field

import httpx


@dataclass(frozen=True)
class BasicCredentials:
    user: str
    password: str = field(repr=False)
    tenant: str | None = None

    @property
    def login(self) -> str:
        """``tenant/user`` when the tenant is known, the plain user name otherwise."""
        return f"{self.tenant}/{self.user}" if self.tenant else self.user


class BasicAuth(httpx.Auth):
    def __init__(self, credentials: BasicCredentials) -> None:
        raw = f"{credentials.login}:{credentials.password}".encode()
        self._header = "Basic " + base64.b64encode(raw).decode("ascii")

    def __repr__(self) -> str:
        return "BasicAuth(<hidden>)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class BearerAuth(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def __repr__(self) -> str:
        return "BearerAuth(<hidden>)"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request
