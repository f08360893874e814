"""A shared cap on requests per second for the background identity look-ups."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RequestPace:
    """At most ``per_second`` calls of ``wait`` return per second, across threads.

    Each caller gets the next free slot (slots are ``1 / per_second`` apart) and sleeps until it;
    a slot is never handed out ahead of time by more than one interval, so a pause does not
    build up a burst. ``per_second`` of 0 or less means no cap.
    """

    def __init__(
        self,
        per_second: float,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_second = per_second
        self._interval = 1.0 / per_second if per_second > 0 else 0.0
        self._clock = clock
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self, stop: threading.Event | None = None) -> bool:
        """Sleep until this caller may send; False when ``stop`` was set meanwhile."""
        if self._interval == 0.0:
            return not (stop is not None and stop.is_set())
        with self._lock:
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self._interval
        delay = slot - now
        if stop is None:
            if delay > 0:
                time.sleep(delay)
            return True
        return not stop.wait(delay) if delay > 0 else not stop.is_set()
