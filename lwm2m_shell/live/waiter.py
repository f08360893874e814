"""Waiting for an operation to finish, by polling with backoff.

Transient failures (connection lost, 5xx, garbled answers) do not end the wait: they show up as a
``problem`` in the progress and polling goes on until the operation is final or the deadline passes.
A ``Retry-After`` on a poll is honoured (the next poll waits at least that long); one longer
than the client's cap, or answers that cannot be read ``BAD_IN_A_ROW`` times in a row, end the
wait with that error (the caller names the operation and how to look it up later).
Ctrl-C (KeyboardInterrupt) is left to the caller: it stops the waiting, never the operation.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ..client import NO_RETRY, ClientError, CumulocityClient, Operation
from ..client.errors import (
    BadResponse,
    ConnectionFailed,
    Forbidden,
    HttpError,
    NotFound,
    Unauthorized,
)
from ..client.retry import MAX_RETRY_AFTER

FIRST_POLL = 0.05
MAX_POLL = 1.0
BAD_IN_A_ROW = 3  # unreadable poll answers in a row after which waiting stops


class PollTrouble:
    """What failed polls ask of the next one: a problem to show, a wait, or giving up."""

    def __init__(self) -> None:
        self.problem: str | None = None
        self.hold = 0.0  # seconds the tenant asked us to wait (Retry-After)
        self._bad = 0

    def ok(self) -> None:
        self.problem = None
        self.hold = 0.0
        self._bad = 0

    def failed(self, error: ClientError) -> None:
        """Note a failed poll; re-raise when waiting cannot go on."""
        if isinstance(error, (Unauthorized, Forbidden, NotFound)):
            raise error
        self.hold = 0.0
        if isinstance(error, HttpError) and error.retry_after is not None:
            if error.retry_after > MAX_RETRY_AFTER:
                raise error
            self.hold = error.retry_after
        if isinstance(error, BadResponse):
            self._bad += 1
            if self._bad >= BAD_IN_A_ROW:
                raise error
        else:
            self._bad = 0
        if isinstance(error, ConnectionFailed):
            self.problem = "connection lost, retrying"
        else:
            self.problem = f"{error.message}, retrying"


@dataclass(frozen=True)
class Progress:
    operation: Operation
    elapsed: float
    problem: str | None = None  # e.g. "connection lost, retrying"


class WaitTimeout(Exception):
    def __init__(self, operation: Operation, waited: float) -> None:
        self.operation = operation
        self.waited = waited
        super().__init__(
            f"gave up waiting after {waited:.0f}s; operation {operation.id} is still "
            f"{operation.status.value}: look it up later with `.status {operation.id}`"
        )


def poll_delays(first: float = FIRST_POLL, cap: float = MAX_POLL) -> Callable[[int], float]:
    return lambda n: min(cap, first * (2**n))


def wait_for_operation(
    client: CumulocityClient,
    operation: Operation,
    *,
    timeout: float | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    delays: Callable[[int], float] | None = None,
) -> Operation:
    """Poll ``operation`` until it is SUCCESSFUL or FAILED; raise WaitTimeout at ``timeout``."""
    started = time.monotonic()
    delay_for = delays or poll_delays()
    current = operation
    polls = 0
    trouble = PollTrouble()
    while not current.is_final:
        elapsed = time.monotonic() - started
        if on_progress is not None:
            on_progress(Progress(current, elapsed, trouble.problem))
        pause = max(delay_for(polls), trouble.hold)
        if timeout is not None and elapsed + pause > timeout:
            remaining = timeout - elapsed
            if remaining > 0:
                sleep(remaining)
            raise WaitTimeout(current, time.monotonic() - started)
        sleep(pause)
        polls += 1
        try:
            current = client.get_operation(current.id, retry=NO_RETRY)
            trouble.ok()
        except ClientError as error:
            trouble.failed(error)
    if on_progress is not None:
        on_progress(Progress(current, time.monotonic() - started, None))
    return current
