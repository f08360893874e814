"""What a tenant session is made of before it talks to anyone: its errors, states, identity, and
whether its settings can reach a tenant at all (checked without the network)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

from .config import Settings, encrypted_problem, is_loopback
from .exit_codes import ExitCode

DEVICE_CONTROL_ROLE = "ROLE_DEVICE_CONTROL_ADMIN"


class SessionError(Exception):
    def __init__(self, message: str, exit_code: ExitCode = ExitCode.CONNECTION) -> None:
        self.exit_code = exit_code
        super().__init__(message)


class LoginRequired(SessionError):
    """The tenant refused our credentials (or a login cannot be done here): log in again."""


class State(str, Enum):
    CONNECTING = "connecting"
    READY = "ready"
    FAILED = "failed"


@dataclass(frozen=True)
class Identity:
    tenant_id: str
    domain: str | None
    user: str
    connector_id: str
    can_send: bool | None  # None: the server did not list the user's roles
    connector_remembered: bool = False  # the ID came from connector_memory, not the tenant


def uses_token(settings: Settings) -> bool:
    """Whether the session logs in with a token (else with a password)."""
    return settings.token is not None and settings.auth_method in ("auto", "token")


def settings_problem(settings: Settings, *, can_ask: bool = False) -> SessionError | None:
    """Why these settings cannot reach a tenant, or None when they may.

    ``can_ask``: a missing password can be asked for (there is a terminal).
    """
    if not settings.url:
        return SessionError(
            "no tenant URL: use --url, C8Y_BASEURL/C8Y_HOST/C8Y_URL, a profile, or --demo",
            ExitCode.USAGE,
        )
    if settings.auth_method == "token" and settings.token is None:
        return SessionError(
            "--auth token needs a token: set C8Y_TOKEN, or a token in the profile or session file",
            ExitCode.USAGE,
        )
    if not uses_token(settings) and settings.password is None and not (settings.user and can_ask):
        encrypted = encrypted_problem(settings)
        if encrypted and settings.user:
            return SessionError(
                f"{encrypted}: set C8Y_PASSWORD or C8Y_TOKEN, or run in a terminal to be asked"
            )
        return SessionError(
            "no credentials: set --user (or C8Y_USER) with C8Y_PASSWORD, or C8Y_TOKEN",
            ExitCode.USAGE,
        )
    plain_http = settings.url.startswith("http://") and not is_loopback(settings.url)
    if plain_http and not settings.allow_insecure_http:
        host = urlsplit(settings.url).hostname
        return SessionError(
            f"refusing to send credentials over plain http to {host}: use https:// "
            "(or --allow-http if you really mean it)",
            ExitCode.USAGE,
        )
    return None
