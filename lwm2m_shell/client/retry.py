"""The one retry policy of lwm2m-shell.

Reads (GET) are retried on failures that are likely to pass: the connection could not be made or
broke, the request timed out, 429 (after its Retry-After), 502, 503 and 504. Waits grow
exponentially with full jitter, each capped, and the whole retrying is bounded in time.

Requests that change data are never retried here: ``CumulocityClient.request`` sends them once,
and ``operations.create_operation`` decides whether a POST may be sent again.

``Retry-After`` is honoured up to ``MAX_RETRY_AFTER`` seconds; a longer wait (or an absurd value:
``1e308``, ``inf``) is not waited for: the error is reported instead. The waits between tries come
from ``backoff.backoff``, the one schedule of the shell.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from ..durations import seconds_text
from .backoff import backoff
from .errors import ClientError, ConnectionFailed, HttpError, TlsError

T = TypeVar("T")

RETRYABLE_STATUS = frozenset({429, 502, 503, 504})
MAX_RETRY_AFTER = 60.0  # seconds; a tenant asking for a longer wait is not waited for


def parse_retry_after(value: str | None) -> float | None:
    """Seconds asked for by a ``Retry-After`` header; None when absent or meaningless.

    Delta-seconds and HTTP-dates are understood; nan and negative values mean nothing; huge
    values (``1e308``, ``inf``) come back as ``math.inf`` (never waited for, never printed).
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    seconds: float | None
    try:
        seconds = float(text)
    except ValueError:
        seconds = _seconds_until(text)
    if seconds is None or math.isnan(seconds) or seconds < 0:
        return None
    return seconds if seconds <= 1e9 else math.inf


def _seconds_until(http_date: str) -> float | None:
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(http_date)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def wait_text(seconds: float) -> str:
    """How a wait is named to the user: never a 309-digit number."""
    if seconds > MAX_RETRY_AFTER:
        return f"more than {seconds_text(MAX_RETRY_AFTER)}"
    return seconds_text(seconds)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6  # total tries, the first included
    base_delay: float = 0.2
    max_delay: float = 5.0
    budget: float = 30.0  # seconds from the first try after which no new try starts
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def backoff(self, retry_number: int) -> float:
        """Seconds to wait before retry ``retry_number`` (1 for the first retry)."""
        return backoff(retry_number, self.base_delay, self.max_delay, rng=self.rng)

    def delay_for(self, error: ClientError, retry_number: int) -> float | None:
        """How long to wait before retrying after ``error``, or None when it must not be retried."""
        if isinstance(error, TlsError):
            return None
        if isinstance(error, HttpError):
            if error.status not in RETRYABLE_STATUS:
                return None
            if error.retry_after is not None:
                if error.retry_after > MAX_RETRY_AFTER:
                    return None  # reported, not waited for
                return min(max(error.retry_after, 0.0), self.budget)
            return self.backoff(retry_number)
        if isinstance(error, ConnectionFailed):
            return self.backoff(retry_number)
        return None


NO_RETRY = RetryPolicy(attempts=1)


def run_with_retry(
    attempt: Callable[[], T],
    policy: RetryPolicy,
    *,
    on_retry: Callable[[ClientError, float], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Call ``attempt`` until it succeeds, fails for good, or the policy's tries or time run out."""
    started = time.monotonic()
    retry_number = 0
    while True:
        try:
            return attempt()
        except ClientError as error:
            retry_number += 1
            delay = policy.delay_for(error, retry_number)
            elapsed = time.monotonic() - started
            if delay is None or retry_number >= policy.attempts or elapsed + delay > policy.budget:
                raise
            if on_retry is not None:
                on_retry(error, delay)
            sleep(delay)
