"""Waiting for an operation to finish, by polling with backoff.

Transient failures (connection lost, 5xx, garbled answers) do not end the wait: they show up as a
``problem`` in the progress and polling goes on until the operation is final or the deadline passes.
A ``Retry-After`` on a poll is honoured (the next poll waits at least that long). What a failed
poll means, and which failures end the wait, ``poller.Poller`` decides (for both ways of waiting).
Ctrl-C (KeyboardInterrupt) is left to the caller: it stops the waiting, never the operation.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ..client import CumulocityClient, Operation
from ..client.backoff import backoff
from .poller import Poller

FIRST_POLL = 0.05  # seconds before the first poll, doubling from there
MAX_POLL = 1.0  # the longest pause between polls


@dataclass(frozen=True)
class Progress:
    operation: Operation
    elapsed: float
    problem: str | None = None  # e.g. "connection lost, retrying"
    queued: bool = False  # a device operation waiting for the device's next registration update


class WaitTimeout(Exception):
    def __init__(self, operation: Operation, waited: float) -> None:
        self.operation = operation
        self.waited = waited
        super().__init__(
            f"gave up waiting after {waited:.0f}s; operation {operation.id} is still "
            f"{operation.status.value}: look it up later with `.status {operation.id}`"
        )


def poll_delays(
    first: float = FIRST_POLL, cap: float = MAX_POLL, *, at_once: bool = False
) -> Callable[[int], float]:
    """Pauses before poll ``n`` (0 for the first): ``first`` doubling up to ``cap``, not jittered.

    ``at_once``: the first poll comes without a pause (when an answer said "not final yet" and a
    fast agent may be done already), the schedule starts with the second.
    """

    def pause(polls: int) -> float:
        if at_once:
            return 0.0 if polls == 0 else backoff(polls, first, cap, jitter=False)
        return backoff(polls + 1, first, cap, jitter=False)

    return pause


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
    poller = Poller(client)
    while not current.is_final:
        elapsed = time.monotonic() - started
        if on_progress is not None:
            on_progress(Progress(current, elapsed, poller.problem))
        pause = max(delay_for(polls), poller.hold)
        if timeout is not None and elapsed + pause > timeout:
            remaining = timeout - elapsed
            if remaining > 0:
                sleep(remaining)
            raise WaitTimeout(current, time.monotonic() - started)
        sleep(pause)
        polls += 1
        polled = poller.poll(current)
        if polled is not None:
            current = polled
    if on_progress is not None:
        on_progress(Progress(current, time.monotonic() - started, None))
    return current
