"""The Cumulocity client: httpx, typed answers, one retry policy, operations created once."""

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
