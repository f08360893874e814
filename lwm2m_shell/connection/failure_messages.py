"""A failed request, as the one-line ``SessionError`` the user reads (never a secret in it).

The table, in order: a login that failed (refused, or a TFA code nobody can type here); a 401
(a TFA code that Basic cannot carry, else wrong credentials); a 403; a TLS failure; a tenant
that cannot be reached; anything else is an unexpected answer. No answer at all (a TLS failure,
no connection, a timeout, server errors) is a ``TenantUnreachable``: worth trying again later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .health import plain_reason
from .session_errors import LoginRequired, SessionError, TenantUnreachable, TfaRequired

if TYPE_CHECKING:
    from ..client import ClientError


@dataclass(frozen=True)
class Where:
    """What a message may name about the session that failed."""

    host: str  # ``example.cumulocity.com``
    url: str  # without any user part
    user: str | None
    scheme: str | None  # how the login was done: "basic", "oauth", "token" (None: not yet)
    can_ask: bool  # a TFA code can be asked for on the terminal


def unreachable(error: ClientError) -> bool:
    """Whether ``error`` says the tenant cannot be reached (no connection, or 5xx answers)."""
    from ..client.errors import ConnectionFailed, HttpError

    return isinstance(error, ConnectionFailed) or (
        isinstance(error, HttpError) and error.status >= 500
    )


def session_error(error: ClientError, where: Where) -> SessionError:
    """The ``SessionError`` for ``error`` (see the module docstring for the table)."""
    from ..client import Forbidden, TlsError, Unauthorized
    from ..client.errors import ConnectionFailed
    from ..client.login import LoginFailed, needs_tfa

    if isinstance(error, LoginFailed):
        if error.kind == "tfa" and where.can_ask:
            return TfaRequired("a TFA code is needed: it is asked for on the terminal")
        return LoginRequired(error.message)
    if isinstance(error, Unauthorized):
        if needs_tfa(error) and where.scheme == "basic":
            return SessionError(
                f"{where.user or 'this user'} must log in with a TFA code, which needs OAuth: "
                "use --auth oauth (or auto)"
            )
        return LoginRequired(
            f"authentication failed at {where.host} ({error.message}): check the user, "
            "password or token"
        )
    if isinstance(error, Forbidden):
        return SessionError(f"permission denied: {error}")
    if isinstance(error, TlsError):
        return TenantUnreachable(f"cannot connect securely to {where.host}: {error.message}")
    if isinstance(error, ConnectionFailed):
        return TenantUnreachable(f"cannot reach {where.url}: {plain_reason(error)}")
    kind = TenantUnreachable if unreachable(error) else SessionError  # 5xx: no answer, in effect
    return kind(f"unexpected answer from the tenant: {error}")
