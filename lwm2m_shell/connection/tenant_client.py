"""The one place that builds a session's login and its HTTP clients from its settings.

Imported when the first request is made, not before: it brings in httpx and pydantic, which
the first prompt does not wait for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..client import ClientOptions, CumulocityClient
from ..client.login import Credentials, Login

if TYPE_CHECKING:
    import httpx

    from ..config.settings import Settings


def build_login(settings: Settings) -> Login:
    """How a session with ``settings`` logs in (nothing is sent yet)."""
    password = settings.password.get_secret_value() if settings.password else None
    token = settings.token.get_secret_value() if settings.token else None
    credentials = Credentials(settings.tenant, settings.user, password, token)
    return Login(credentials, settings.auth_method)


def client_options(settings: Settings) -> ClientOptions:
    return ClientOptions(
        verify=settings.verify,
        timeout=settings.request_timeout,
        app_key=settings.app_key,
    )


def build_client(url: str, auth: httpx.Auth, settings: Settings) -> CumulocityClient:
    """A client for the tenant at ``url`` (given without any user part) with ``auth``."""
    return CumulocityClient(url, auth, client_options(settings))
