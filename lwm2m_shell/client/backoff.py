"""The one backoff schedule of lwm2m-shell: pauses that double from a first one up to a cap.

Every wait that grows while failures (or silence) go on takes its pause from ``backoff``:

- retried reads (``retry.RetryPolicy``: 0.2 s doubling up to 5 s, jittered);
- a POST resent after no connection could be made (``operations``: 0.5 s up to 4 s, jittered);
- the look-ups for an operation whose answer was lost (``operations``: 0.25 s up to 2 s);
- polls of an operation (``live.waiter``: 50 ms up to 1 s; while pushes are live,
  ``live.merged``: the grace, 1.5 s, up to 10 s);
- the realtime channel's retries and unheld connects (``live.realtime``: 0.5 s up to 30 s,
  jittered).

The uses differ only in the first pause, the cap and whether the pause is jittered. Jitter takes
between half and all of the pause at random, so that many shells do not retry in step; a poll of
one's own operation is not jittered (its cadence is what the user waits on).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_shared_rng = random.Random()
_MAX_DOUBLINGS = 64  # beyond this every cap is reached; no float overflow for huge steps


def backoff(
    step: int,
    first: float,
    cap: float,
    *,
    jitter: bool = True,
    rng: random.Random | None = None,
) -> float:
    """The pause for ``step`` (1 for the first): ``first`` doubled ``step - 1`` times, at most
    ``cap``; with ``jitter``, a random part of it between half and all (``rng`` draws it)."""
    doublings = min(_MAX_DOUBLINGS, max(0, step - 1))
    ceiling = min(cap, first * 2.0**doublings)
    if not jitter:
        return ceiling
    return (rng or _shared_rng).uniform(ceiling / 2, ceiling)


@dataclass(frozen=True)
class Backoff:
    """One use of the schedule: its first pause, cap and jitter, to hand to whoever waits."""

    first: float
    cap: float
    jitter: bool = True

    def delay(self, step: int) -> float:
        """The pause for ``step`` (1 for the first)."""
        return backoff(step, self.first, self.cap, jitter=self.jitter)
