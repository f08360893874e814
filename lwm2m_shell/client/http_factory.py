"""The one place an ``httpx.Client`` to the tenant is built.

Every connection of the shell to the tenant (the REST client of the session, the realtime
long-poll) is made here, so all of them send the same headers (``Accept``, ``User-Agent``, the
application key when one is set), trust the same certificates (``trust.tls_verify``: the default
store plus a ``--ca-bundle``, or nothing with ``--insecure``) and never follow a redirect (one is
reported: ``transport.send``). What differs between them is given: the credentials, and the
timeout of one request (a long-poll is held far longer than a REST answer takes). How much of an
answer is read, and for how long, is bounded per request by ``transport.send``.
"""

from __future__ import annotations

import httpx

from .. import __version__
from .trust import tls_verify

JSON = "application/json"


def new_http_client(
    base_url: str,
    auth: httpx.Auth | None,
    *,
    timeout: float,
    verify: bool | str = True,
    app_key: str | None = None,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """An ``httpx.Client`` for the tenant at ``base_url``; ``verify`` is True, False or the path
    of a CA bundle to trust besides the default store; ``transport`` replaces the network (only
    where no real connection can produce what a test needs)."""
    base_url = base_url.rstrip("/")
    headers = {"Accept": JSON, "User-Agent": f"lwm2m-shell/{__version__}"}
    if app_key:
        headers["X-Cumulocity-Application-Key"] = app_key
    # Requests name paths under base_url only and no redirect is followed: a plain-http tenant
    # (the demo, a local simulator) never makes a TLS connection, so no context is built for it.
    plain = base_url.lower().startswith("http://")
    return httpx.Client(
        base_url=base_url,
        auth=auth,
        headers=headers,
        verify=False if plain else tls_verify(verify),
        timeout=timeout,
        transport=transport,
        follow_redirects=False,
    )
