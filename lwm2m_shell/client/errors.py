"""Every way a request to the tenant can fail, as exceptions that carry a one-line message.

Callers show ``str(error)`` to the user; it names the request and the cause, never a secret.
"""

from __future__ import annotations


class ClientError(Exception):
    """Base class. ``request`` is e.g. ``GET /devicecontrol/operations/123``."""

    exit_code = 3

    def __init__(self, message: str, *, request: str | None = None) -> None:
        self.message = message
        self.request = request
        super().__init__(f"{request}: {message}" if request else message)


class ConnectionFailed(ClientError):
    """The tenant could not be reached, or the connection broke before an answer came."""


class TlsError(ConnectionFailed):
    """The TLS handshake failed (bad certificate, wrong host name, ...)."""


class RequestTimeout(ConnectionFailed):
    """No answer within the client's timeout."""


class BadResponse(ClientError):
    """The server answered, but not with what the API promises (HTML, bad JSON, wrong shape)."""


class HttpError(ClientError):
    """The server answered with an error status."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        request: str | None = None,
        error: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.status = status
        self.error = error
        self.retry_after = retry_after
        super().__init__(f"{status} {message}", request=request)


class Unauthorized(HttpError):
    """401: wrong credentials, expired token, or a TFA code is needed."""


class Forbidden(HttpError):
    """403: the user lacks a role (e.g. ROLE_DEVICE_CONTROL_ADMIN)."""


class NotFound(HttpError):
    exit_code = 1


class AnswerLost(ClientError):
    """A request that changes data was sent, but its answer never arrived.

    Whether the server acted on it is unknown; the caller must look before sending it again.
    """


class AnswerTimedOut(AnswerLost):
    """No answer in time: the server may still be working on the request."""


class Redirected(ClientError):
    """The tenant answered with a redirect (3xx): the URL is most likely wrong."""


class LimitExceeded(BadResponse):
    """An answer (or a listing) went past one of the client's bounds; data so far is kept."""


class PagesExceeded(LimitExceeded):
    """A listing went on past what the tenant announced, or repeated itself; pages before count."""


class OutcomeUnknown(AnswerLost):
    """The answer was lost and no look-up succeeded: the operation may or may not exist."""


class SendInterrupted(KeyboardInterrupt):
    """Ctrl-C while an operation was being created. ``may_exist``: a POST may have reached
    the tenant (so the operation may exist); False when nothing can have been created."""

    def __init__(self, may_exist: bool) -> None:
        self.may_exist = may_exist
        super().__init__("interrupted while sending")
