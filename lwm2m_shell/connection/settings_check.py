"""Whether settings can reach a tenant at all, decided before any request (and any import of
the HTTP client): a URL, credentials of some kind, and no password over plain http."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..config.settings import Settings, encrypted_problem
from ..config.tenant_url import is_loopback
from ..exit_codes import ExitCode
from .session_errors import SessionError


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
