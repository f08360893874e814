"""The one retry policy of lwm2m-shell.

Reads (GET) are retried on failures that are likely to pass: the connection could not be made or
broke, the request timed out, 429 (after its Retry-After), 502, 503 and 504. Waits grow
exponentially with full jitter, each capped, and the whole retrying is bounded in time.

Requests that change data are never retried here: see ``CumulocityClient.create_operation``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from .errors import ClientError, ConnectionFailed, HttpError, TlsError

T = TypeVar("T")

RETRYABLE_STATUS = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6  # total tries, the first included
    base_delay: float = 0.2
    max_delay: float = 5.0
    budget: float = 30.0  # seconds from the first try after which no new try starts
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def backoff(self, retry_number: int) -> float:
        """Seconds to wait before retry ``retry_number`` (1 for the first retry)."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** (retry_number - 1)))
        return self.rng.uniform(ceiling / 2, ceiling)

    def delay_for(self, error: ClientError, retry_number: int) -> float | None:
        """How long to wait before retrying after ``error``, or None when it must not be retried."""
        if isinstance(error, TlsError):
            return None
        if isinstance(error, HttpError):
            if error.status not in RETRYABLE_STATUS:
                return None
            if error.retry_after is not None:
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
