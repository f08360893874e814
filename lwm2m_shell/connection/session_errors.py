"""What goes wrong with a tenant session: one line for the user and the exit code it deserves."""

from __future__ import annotations

from ..exit_codes import ExitCode


class SessionError(Exception):
    def __init__(self, message: str, exit_code: ExitCode = ExitCode.CONNECTION) -> None:
        self.exit_code = exit_code
        super().__init__(message)


class LoginRequired(SessionError):
    """The tenant refused our credentials (or a login cannot be done here): log in again."""


class TfaRequired(LoginRequired):
    """The password was accepted but the tenant wants a TFA code, which only a person can type."""


class TenantUnreachable(SessionError):
    """No answer from the tenant (no connection, a timeout, or server errors): says nothing
    about the request itself, which may be tried again once the tenant answers."""
