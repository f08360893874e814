"""One HTTP exchange with the tenant: httpx failures and error answers become our typed errors."""

from __future__ import annotations

import logging
import ssl
import time
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from .bounded import Bounds, exchange
from .errors import (
    AnswerLost,
    AnswerTimedOut,
    BadResponse,
    ClientError,
    ConnectionFailed,
    Forbidden,
    HttpError,
    NotFound,
    Redirected,
    RequestTimeout,
    TlsError,
    Unauthorized,
)
from .jsonload import JsonProblem, load_json
from .models import ErrorBody
from .retry import MAX_RETRY_AFTER, parse_retry_after, wait_text

log = logging.getLogger("lwm2m_shell.http")
M = TypeVar("M", bound=BaseModel)

_ERROR_CLASSES: dict[int, type[HttpError]] = {401: Unauthorized, 403: Forbidden, 404: NotFound}


def describe(method: str, url: httpx.URL | str) -> str:
    """``GET /inventory/managedObjects``: method and path, never the query (it may be long)."""
    path = httpx.URL(str(url)).path
    return f"{method} {path}"


def send(
    client: httpx.Client, request: httpx.Request, *, changes_data: bool, bounds: Bounds
) -> httpx.Response:
    """Send ``request`` and read its answer within ``bounds``; turn failures into ClientErrors.

    For a request that ``changes_data``, a failure after the request may have reached the server
    is an ``AnswerLost`` (the caller must find out what happened); one that certainly happened
    before (no connection could be made) is a ``ConnectionFailed`` and safe to send again.
    """
    what = describe(request.method, request.url)
    started = time.perf_counter()
    try:
        response = exchange(client, request, bounds, what)
    except httpx.ConnectTimeout as exc:
        raise RequestTimeout("timed out connecting to the tenant", request=what) from exc
    except httpx.PoolTimeout as exc:
        raise RequestTimeout("no free connection to the tenant", request=what) from exc
    except httpx.ConnectError as exc:
        if _is_tls_failure(exc):
            raise TlsError(f"TLS failure: {_tls_reason(exc)}", request=what) from exc
        raise ConnectionFailed(f"cannot connect: {_short(exc)}", request=what) from exc
    except httpx.TimeoutException as exc:
        log.info("%s timed out after %.3fs", what, time.perf_counter() - started)
        if changes_data:
            raise AnswerTimedOut("no answer in time", request=what) from exc
        raise RequestTimeout("no answer in time", request=what) from exc
    except (httpx.TransportError, httpx.DecodingError) as exc:
        log.info("%s failed after %.3fs: %s", what, time.perf_counter() - started, _short(exc))
        if changes_data:
            raise AnswerLost(f"connection lost: {_short(exc)}", request=what) from exc
        raise ConnectionFailed(f"connection lost: {_short(exc)}", request=what) from exc
    log.info(
        "%s -> %s in %.1f ms", what, response.status_code, (time.perf_counter() - started) * 1000
    )
    if response.status_code >= 400:
        raise error_from(response, what)
    if 300 <= response.status_code < 400:
        raise Redirected(
            f"the tenant answered with a redirect ({response.status_code}) to "
            f"{_where_to(response)}; check the URL",
            request=what,
        )
    return response


def _where_to(response: httpx.Response) -> str:
    """``host/path`` of a redirect's Location, never its query or credentials."""
    location = response.headers.get("location", "")
    if not location:
        return "an unnamed place"
    try:
        target = response.request.url.join(location)
    except (httpx.InvalidURL, ValueError):
        return "an unreadable address"
    return _one_line(f"{target.host}{target.path}")[:200]


def error_from(response: httpx.Response, what: str) -> HttpError:
    """An HttpError built from an error answer, JSON error body or not (proxies send HTML)."""
    status = response.status_code
    message = response.reason_phrase or "error"
    error_kind = None
    if "json" in response.headers.get("content-type", ""):
        try:
            body = ErrorBody.model_validate(load_json(response.content))
        except (ValueError, ValidationError, RecursionError):
            body = ErrorBody()
        if body.message:
            message = _one_line(body.message)
        error_kind = body.error
    elif "html" in response.headers.get("content-type", ""):
        message = f"{message} (the server or a proxy answered with an HTML page)"
    retry_after = parse_retry_after(response.headers.get("retry-after"))
    if retry_after is not None and retry_after > MAX_RETRY_AFTER:
        message = f"{message} (the tenant asked to wait {wait_text(retry_after)}; not waited for)"
    cls = _ERROR_CLASSES.get(status, HttpError)
    return cls(status, message, request=what, error=error_kind, retry_after=retry_after)


def parse(response: httpx.Response, model: type[M], what: str) -> M:
    """Validate a JSON answer into ``model``; anything else is a one-line BadResponse."""
    data = json_body(response, what)
    try:
        return model.model_validate(data)
    except (RecursionError, MemoryError):
        raise BadResponse("unexpected answer: nested too deeply", request=what) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "body"
        raise BadResponse(
            f"unexpected answer: {where}: {first.get('msg', 'invalid')}", request=what
        ) from None


def json_body(response: httpx.Response, what: str) -> Any:
    content_type = response.headers.get("content-type", "")
    if not response.content:
        raise BadResponse("empty answer where JSON was expected", request=what)
    if "html" in content_type:
        raise BadResponse("got an HTML page where JSON was expected", request=what)
    try:
        return load_json(response.content)
    except JsonProblem as problem:
        if "nested" in str(problem) or "large" in str(problem):
            raise BadResponse(f"the answer cannot be read: {problem}", request=what) from None
        raise BadResponse("the answer is not valid JSON", request=what) from None


def _is_tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "SSL" in type(seen).__name__:
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc) or "SSL" in str(exc)


def _tls_reason(exc: BaseException) -> str:
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return "the server's certificate could not be verified (see --ca-bundle, --insecure)"
    if "WRONG_VERSION_NUMBER" in text:
        return "the server does not speak TLS on this port (is it http://?)"
    return _short(exc)


def _short(exc: BaseException) -> str:
    text = _one_line(str(exc)) or type(exc).__name__
    return text[:200]


def _one_line(text: str) -> str:
    return " ".join(text.split())


__all__ = ["ClientError", "describe", "error_from", "json_body", "parse", "send"]
