"""The Cumulocity client: httpx, typed answers, one retry policy, operations created once."""

import sys

# ``import httpx`` also loads httpx's own command-line tool (``httpx._main``, with click, rich and
# pygments) whenever click and rich happen to be installed: ~40 ms of every start for nothing we
# use. A None entry makes that optional import fail at once, as it does without them.
if "httpx" not in sys.modules:
    sys.modules["httpx._main"] = None  # type: ignore[assignment]

from .api import ClientOptions, CumulocityClient
from .auth import BasicAuth, BasicCredentials, BearerAuth
from .errors import (
    AnswerLost,
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
from .models import ManagedObject, Operation, OperationStatus, TenantInfo, UserInfo
from .operations import TAG_FRAGMENT, Created, create_operation
from .retry import NO_RETRY, RetryPolicy

__all__ = [
    "NO_RETRY",
    "TAG_FRAGMENT",
    "AnswerLost",
    "BadResponse",
    "BasicAuth",
    "BasicCredentials",
    "BearerAuth",
    "ClientError",
    "ClientOptions",
    "ConnectionFailed",
    "Created",
    "CumulocityClient",
    "Forbidden",
    "HttpError",
    "ManagedObject",
    "NotFound",
    "Operation",
    "OperationStatus",
    "RequestTimeout",
    "RetryPolicy",
    "TenantInfo",
    "TlsError",
    "Unauthorized",
    "UserInfo",
    "create_operation",
]
