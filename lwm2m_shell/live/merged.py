"""Waiting for an operation with pushed updates first and polling as the safety net.

One loop merges both sources and returns the final state once:

- while the realtime channel is live, it waits for pushes; only when nothing has been heard of
  the operation for ``grace`` seconds does it ask the tenant, then again after doubling pauses
  (up to ``live_cap``) for as long as the silence lasts;
- when the channel (re)starts, updates may have been missed meanwhile: it asks once at once;
- while the channel is not live (not yet up, failing, stalled), it polls with the usual backoff.

A state never goes backwards (a late poll answer cannot undo a pushed EXECUTING or SUCCESSFUL),
with one exception for operations of LWM2M devices (``requeue``): the agent puts one it could not
deliver back from EXECUTING to PENDING, and a PENDING at least as recent as the EXECUTING is taken;
but a final answer of the tenant always wins over anything remembered, and a push counts only when
its creation time matches the operation's: a restarted tenant hands out the same IDs again.
Errors and Ctrl-C behave as in ``waiter.wait_for_operation``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ..client import CumulocityClient, Operation
from ..client.backoff import backoff
from .feed import OperationFeed, Push
from .poller import Poller, same_operation
from .waiter import Progress, WaitTimeout, poll_delays, wait_for_operation

GRACE = 1.5  # seconds of silence, while live, before asking the tenant
LIVE_MAX_POLL = 10.0  # longest pause between safety polls while live
TICK = 0.25  # the progress line is refreshed at least this often

_RANK = {"PENDING": 0, "EXECUTING": 1, "SUCCESSFUL": 2, "FAILED": 2}


def advanced(current: Operation, candidate: Operation, *, requeue: bool = False) -> Operation:
    """The later of two states of one operation (``candidate`` when they are level).

    ``requeue``: a device operation, which may go from EXECUTING back to PENDING; a PENDING
    that is not older than the EXECUTING (by ``lastUpdated``, when both have one) is taken."""
    if requeue and _requeued(current, candidate):
        return candidate
    if _RANK.get(candidate.status.value, 0) >= _RANK.get(current.status.value, 0):
        return candidate
    return current


def _requeued(current: Operation, candidate: Operation) -> bool:
    if current.status.value != "EXECUTING" or candidate.status.value != "PENDING":
        return False
    if current.last_updated is None or candidate.last_updated is None:
        return True
    return candidate.last_updated >= current.last_updated


def wait_for_final(
    client: CumulocityClient,
    operation: Operation,
    *,
    feed: OperationFeed | None,
    timeout: float | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    grace: float = GRACE,
    live_cap: float = LIVE_MAX_POLL,
    delays: Callable[[int], float] | None = None,
    requeue: bool = False,
) -> Operation:
    """Wait until ``operation`` is SUCCESSFUL or FAILED; raise WaitTimeout at ``timeout``.

    Without a ``feed`` this is plain polling (``wait_for_operation``, which takes every state
    the tenant answers). ``requeue``: an LWM2M device's operation (EXECUTING -> PENDING allowed).
    """
    if feed is None:
        return wait_for_operation(
            client, operation, timeout=timeout, on_progress=on_progress, delays=delays
        )
    wait = _MergedWait(client, operation, feed, grace, live_cap, delays or poll_delays(), requeue)
    return wait.run(timeout, on_progress)


class _MergedWait:
    def __init__(
        self,
        client: CumulocityClient,
        operation: Operation,
        feed: OperationFeed,
        grace: float,
        live_cap: float,
        delays: Callable[[int], float],
        requeue: bool = False,
    ) -> None:
        self.feed = feed
        self.requeue = requeue
        self.grace = grace
        self.live_cap = live_cap
        self.delays = delays
        self.current = operation
        self.seen: Push | None = None
        self.poller = Poller(client)
        self.polls = 0  # on the fallback schedule (channel not live)
        self.quiet_polls = 0  # safety polls since the last news while live
        self.started = self.last_news = self.last_poll = time.monotonic()
        self.epoch = feed.epoch
        self._take(feed.latest(operation.id))  # pushes that came before we started to watch

    def run(
        self, timeout: float | None, on_progress: Callable[[Progress], None] | None
    ) -> Operation:
        deadline = None if timeout is None else self.started + timeout
        while not self.current.is_final:
            now = time.monotonic()
            if on_progress is not None:
                on_progress(Progress(self.current, now - self.started, self.poller.problem))
            if deadline is not None and now >= deadline:
                raise WaitTimeout(self.current, now - self.started)
            due = self._next_poll(now)
            if due > now:
                limit = min(due, now + TICK, deadline if deadline is not None else due)
                if self._take(self.feed.wait_newer(self.current.id, self.seen, limit - now)):
                    continue
                if time.monotonic() < due:
                    continue  # a tick of the progress line, the deadline, or a change of mode
            self._poll()
        if on_progress is not None:
            on_progress(Progress(self.current, time.monotonic() - self.started, None))
        return self.current

    def _next_poll(self, now: float) -> float:
        return max(self._scheduled_poll(now), self.last_poll + self.poller.hold)

    def _scheduled_poll(self, now: float) -> float:
        if not self.feed.live:
            return self.last_poll + self.delays(self.polls)
        if self.feed.epoch != self.epoch:
            self.epoch = self.feed.epoch
            return now  # pushes (re)started: what happened before them was not pushed to us
        if self.quiet_polls == 0:
            return self.last_news + self.grace
        return self.last_poll + backoff(
            self.quiet_polls + 1, self.grace, self.live_cap, jitter=False
        )

    def _take(self, push: Push | None) -> bool:
        if push is None or push is self.seen:
            return False
        if not same_operation(self.current, push.operation):
            self.seen = push  # another operation that had this ID (before a restart): ignored
            return False
        self.seen = push
        self.current = advanced(self.current, push.operation, requeue=self.requeue)
        self.last_news = time.monotonic()
        self.quiet_polls = 0
        return True

    def _poll(self) -> None:
        if self.feed.live:
            self.quiet_polls += 1
        else:
            self.polls += 1
        polled = self.poller.poll(self.current)
        if polled is not None:
            if polled.is_final:
                self.current = polled
            else:
                self.current = advanced(self.current, polled, requeue=self.requeue)
        self.last_poll = time.monotonic()
