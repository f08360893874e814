"""After a 401: log in again (asking, when interactive), for the runner and local commands."""

from __future__ import annotations

from ..client import Unauthorized
from ..connection.session import SessionError, TenantSession


def log_in_again(session: TenantSession, error: Unauthorized) -> str | None:
    """Log in again after ``error``. None when done, else why not (one line)."""
    try:
        session.relogin(error.message)
    except SessionError as failure:
        return str(failure)
    return None
