"""Pushed operation updates, kept for the waiters: the latest state of each recent operation.

The realtime client publishes into an ``OperationFeed`` from its thread; a waiter blocks on it for
the next update of one operation. The feed also says whether pushes are flowing (``live``) and
counts the times they (re)started (``epoch``): after a gap, updates may have been missed, so a
waiter that sees the epoch change asks the tenant once instead of trusting the silence.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from ..client import Operation

CAPACITY = 512  # operations remembered; a waiter may start after its operation's first pushes


@dataclass(frozen=True, eq=False)
class Push:
    """One pushed change: ``CREATE`` or ``UPDATE`` and the operation as it is now."""

    action: str
    operation: Operation
    received: float  # time.monotonic() when it arrived


class OperationFeed:
    def __init__(self, capacity: int = CAPACITY) -> None:
        self._changed = threading.Condition()
        self._latest: OrderedDict[str, Push] = OrderedDict()
        self._capacity = capacity
        self._live = False
        self._epoch = 0

    @property
    def live(self) -> bool:
        """True while the realtime channel is subscribed and connected."""
        return self._live

    @property
    def epoch(self) -> int:
        """Bumped every time pushes start flowing again (updates may have been missed before)."""
        return self._epoch

    def set_live(self, live: bool) -> None:
        with self._changed:
            if live and not self._live:
                self._epoch += 1
            self._live = live
            self._changed.notify_all()

    def publish(self, push: Push) -> None:
        with self._changed:
            self._latest[push.operation.id] = push
            self._latest.move_to_end(push.operation.id)
            while len(self._latest) > self._capacity:
                self._latest.popitem(last=False)
            self._changed.notify_all()

    def forget(self) -> None:
        """Drop every remembered push (a new login, a new realtime handshake, a tenant that came
        back: what it said before may belong to operations that no longer exist)."""
        with self._changed:
            self._latest.clear()
            self._changed.notify_all()

    def latest(self, operation_id: str) -> Push | None:
        with self._changed:
            return self._latest.get(operation_id)

    def wait_newer(self, operation_id: str, seen: Push | None, timeout: float) -> Push | None:
        """The first push of ``operation_id`` other than ``seen``, waiting up to ``timeout``.

        None on timeout, and also as soon as the feed goes live or stops being live (the caller
        then changes how it waits).
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            state = (self._live, self._epoch)
            while True:
                current = self._latest.get(operation_id)
                if current is not None and current is not seen:
                    return current
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (self._live, self._epoch) != state:
                    return None
                self._changed.wait(remaining)
