"""Credentials and the httpx auth objects that put them on requests.

Secrets live only in these objects (and in the ``Authorization`` header httpx builds from them);
their ``repr`` hides them so they never end up in logs or tracebacks.
"""

from __future__ import annotations

import base64
from collections.abc import Generator
from dataclasses import dataclass, field

import httpx

# The login endpoints need no credentials; the session's header is never sent to them.
PUBLIC_PATHS = ("/tenant/loginOptions", "/tenant/oauth/token")


@dataclass(frozen=True)
class BasicCredentials:
    user: str
    password: str = field(repr=False)
    tenant: str | None = None

    @property
    def login(self) -> str:
        """``tenant/user`` when the tenant is known, the plain user name otherwise."""
        return f"{self.tenant}/{self.user}" if self.tenant else self.user


def basic_header(credentials: BasicCredentials) -> str:
    raw = f"{credentials.login}:{credentials.password}".encode()
    return "Basic " + base64.b64encode(raw).decode("ascii")


class BasicAuth(httpx.Auth):
    def __init__(self, credentials: BasicCredentials) -> None:
        self._header = basic_header(credentials)

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


class SessionAuth(httpx.Auth):
    """The one credential of a session, shared by all its clients and replaced after a new login.

    Empty until a login puts Basic credentials or a bearer token in; swapping it is atomic, so a
    background thread's client picks up a renewed token with its next request. A 401 answer to
    a request that carried the current credentials marks them ``refused``.
    """

    def __init__(self) -> None:
        # (header, scheme, generation) swapped as one tuple, so readers never see a mix.
        self._current: tuple[str | None, str | None, int] = (None, None, 0)
        self._refused_generation = -1

    def __repr__(self) -> str:
        return f"SessionAuth({self.scheme or 'empty'}, <hidden>)"

    @property
    def scheme(self) -> str | None:
        """``basic``, ``bearer`` or None (nothing yet)."""
        return self._current[1]

    @property
    def generation(self) -> int:
        """Counts logins, so a caller can tell whether one happened meanwhile."""
        return self._current[2]

    @property
    def refused(self) -> bool:
        """Whether the tenant answered 401 to the credentials we hold now."""
        _header, scheme, generation = self._current
        return scheme is not None and self._refused_generation == generation

    def use_basic(self, credentials: BasicCredentials) -> None:
        self._set(basic_header(credentials), "basic")

    def use_bearer(self, token: str) -> None:
        self._set(f"Bearer {token}", "bearer")

    def clear(self) -> None:
        self._set(None, None)

    def _set(self, header: str | None, scheme: str | None) -> None:
        self._current = (header, scheme, self._current[2] + 1)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        header, _scheme, generation = self._current
        if header is None or request.url.path.endswith(PUBLIC_PATHS):
            yield request
            return
        request.headers["Authorization"] = header
        response = yield request
        if response.status_code == 401:
            self._refused_generation = generation
