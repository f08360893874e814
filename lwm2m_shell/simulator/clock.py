"""The simulated tenant's sense of time, injectable so tests need not wait for it to pass.

The clock decides what the tenant's own time settles: when an OAuth token expires. Timestamps
written into data (creation times) and the agent's real delays stay on the wall clock, since the
client compares them with its own.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Protocol


class Clock(Protocol):
    """Seconds since the epoch, as the tenant sees them."""

    def now(self) -> float: ...


class RealClock:
    """The wall clock."""

    def now(self) -> float:
        return time.time()


class SettableClock:
    """Another clock plus an offset that only grows: ``advance(3600)`` is an hour later at once.

    Time keeps flowing between advances, so a tenant on this clock behaves like a real one until
    a test (or ``POST /__simulator__/clock {"advance": seconds}``) moves it on.
    """

    def __init__(self, base: Clock | None = None) -> None:
        self._base: Clock = base if base is not None else RealClock()
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            offset = self._offset
        return self._base.now() + offset

    @property
    def offset(self) -> float:
        """How far ahead of its base clock this clock runs (seconds)."""
        with self._lock:
            return self._offset

    def advance(self, seconds: float) -> float:
        """Move the clock ``seconds`` ahead; returns the new time. ValueError for a step back
        or a value that is not a finite number."""
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
            raise ValueError("advance takes a number of seconds")
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError("the clock only moves forward by a finite number of seconds")
        with self._lock:
            self._offset += float(seconds)
        return self.now()
