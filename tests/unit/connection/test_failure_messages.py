"""The error translation table: each kind of failed request gives its own one-line message,
exit code and class (LoginRequired leads to a new login, TfaRequired to a TFA prompt)."""

from __future__ import annotations

import pytest

from lwm2m_shell.client import (
    BadResponse,
    ClientError,
    ConnectionFailed,
    Forbidden,
    HttpError,
    NotFound,
    RequestTimeout,
    TlsError,
    Unauthorized,
)
from lwm2m_shell.client.login import LoginFailed
from lwm2m_shell.connection.failure_messages import Where, session_error, unreachable
from lwm2m_shell.connection.session_errors import (
    LoginRequired,
    SessionError,
    TenantUnreachable,
    TfaRequired,
)
from lwm2m_shell.exit_codes import ExitCode

WHERE = Where(
    host="example.cumulocity.com",
    url="https://example.cumulocity.com",
    user="alice",
    scheme="oauth",
    can_ask=True,
)
TFA_401 = Unauthorized(401, "Unauthorized: TFA code required")


@pytest.mark.parametrize(
    ("error", "where", "kind", "text"),
    [
        (
            LoginFailed("a TFA code is needed", "tfa"),
            WHERE,
            TfaRequired,
            "a TFA code is needed: it is asked for on the terminal",
        ),
        (
            LoginFailed("a TFA code is needed, and nobody can type it", "tfa"),
            Where(**{**WHERE.__dict__, "can_ask": False}),
            LoginRequired,
            "a TFA code is needed, and nobody can type it",
        ),
        (LoginFailed("wrong password", "refused"), WHERE, LoginRequired, "wrong password"),
        (
            TFA_401,
            Where(**{**WHERE.__dict__, "scheme": "basic"}),
            SessionError,
            "alice must log in with a TFA code, which needs OAuth: use --auth oauth (or auto)",
        ),
        (
            TFA_401,
            Where(**{**WHERE.__dict__, "scheme": "basic", "user": None}),
            SessionError,
            "this user must log in with a TFA code, which needs OAuth",
        ),
        (
            TFA_401,
            WHERE,
            LoginRequired,
            "authentication failed at example.cumulocity.com (401 Unauthorized: TFA code "
            "required): check the user, password or token",
        ),
        (
            Unauthorized(401, "Bad credentials"),
            WHERE,
            LoginRequired,
            "authentication failed at example.cumulocity.com (401 Bad credentials)",
        ),
        (
            Forbidden(403, "Access is denied"),
            WHERE,
            SessionError,
            "permission denied: 403 Access is denied",
        ),
        (
            TlsError("certificate verify failed"),
            WHERE,
            TenantUnreachable,
            "cannot connect securely to example.cumulocity.com: certificate verify failed",
        ),
        (
            ConnectionFailed("[Errno 111] Connection refused"),
            WHERE,
            TenantUnreachable,
            "cannot reach https://example.cumulocity.com: the tenant refuses connections",
        ),
        (
            RequestTimeout("read timed out"),
            WHERE,
            TenantUnreachable,
            "cannot reach https://example.cumulocity.com: the tenant does not answer in time",
        ),
        (
            HttpError(503, "Service Unavailable"),
            WHERE,
            TenantUnreachable,
            "unexpected answer from the tenant: 503 Service Unavailable",
        ),
        (
            NotFound(404, "Not Found"),
            WHERE,
            SessionError,
            "unexpected answer from the tenant: 404 Not Found",
        ),
        (
            BadResponse("not JSON"),
            WHERE,
            SessionError,
            "unexpected answer from the tenant: not JSON",
        ),
    ],
)
def test_each_failure_has_its_message(
    error: ClientError, where: Where, kind: type[SessionError], text: str
) -> None:
    translated = session_error(error, where)
    assert type(translated) is kind
    assert text in str(translated)
    assert "\n" not in str(translated) and "Traceback" not in str(translated)
    assert translated.exit_code is ExitCode.CONNECTION  # all of them: nothing was usage


def test_no_secret_of_the_url_reaches_the_message() -> None:
    """The session gives the URL without its user part; the message shows just that."""
    where = Where(**{**WHERE.__dict__, "url": "https://host.example"})
    text = str(session_error(ConnectionFailed("Name or service not known"), where))
    assert text == "cannot reach https://host.example: the tenant's host name cannot be found"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (ConnectionFailed("refused"), True),
        (TlsError("bad certificate"), True),
        (RequestTimeout("timed out"), True),
        (HttpError(500, "Internal Server Error"), True),
        (HttpError(502, "Bad Gateway"), True),
        (HttpError(499, "odd"), False),
        (Unauthorized(401, "Bad credentials"), False),
        (Forbidden(403, "denied"), False),
        (BadResponse("not JSON"), False),
        (LoginFailed("refused", "refused"), False),
    ],
)
def test_which_failures_say_the_tenant_is_unreachable(error: ClientError, expected: bool) -> None:
    assert unreachable(error) is expected
