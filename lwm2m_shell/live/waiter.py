"""Waiting for an operation to finish, by polling with backoff.

Transient failures (connection lost, 5xx, garbled answers) do not end the wait: they show up as a
``problem`` in the progress and polling goes on until the operation is final or the deadline passes.
Ctrl-C (KeyboardInterrupt) is left to the caller: it stops the waiting, never the operation.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ..client import NO_RETRY, ClientError, CumulocityClient, Operation
from ..client.errors import ConnectionFailed, Forbidden, NotFound, Unauthorized

FIRST_POLL = 0.05
MAX_POLL = 1.0


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
    problem: str | None = None
    while not current.is_final:
        elapsed = time.monotonic() - started
        if on_progress is not None:
            on_progress(Progress(current, elapsed, problem))
        pause = delay_for(polls)
        if timeout is not None and elapsed + pause > timeout:
            remaining = timeout - elapsed
            if remaining > 0:
                sleep(remaining)
            raise WaitTimeout(current, time.monotonic() - started)
        sleep(pause)
        polls += 1
        try:
            current = client.get_operation(current.id, retry=NO_RETRY)
            problem = None
        except (Unauthorized, Forbidden, NotFound):
            raise
        except ConnectionFailed:
            problem = "connection lost, retrying"
        except ClientError as error:
            problem = f"{error.message}, retrying"
    if on_progress is not None:
        on_progress(Progress(current, time.monotonic() - started, None))
    return current
