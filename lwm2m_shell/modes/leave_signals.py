"""SIGTERM (``kill``) and SIGHUP (the terminal was closed) end the interactive shell the way
Ctrl-D does: the learned registration IDs are saved, live updates say goodbye to the tenant and
the terminal gets its modes back. Without this the default action ended the process on the spot
and what only the end of a session saves was lost. The exit code is 128 + the signal's number,
as shells report a process a signal ended.

The first signal starts the way out; more of them while it runs are ignored (it is bounded: a
few seconds at most), so they cannot cut it short. ``kill -9`` still ends it at once.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Leaving(SystemExit):
    """Raised in the main thread by one of ``SIGNALS``. A ``SystemExit``: nothing that carries
    on after a failed command carries on after it, and asyncio lets it through a callback it
    interrupts (the prompt's event loop prints any other exception there and goes on)."""

    def __init__(self, signum: int) -> None:
        self.exit_code = 128 + signum
        super().__init__(self.exit_code)


@contextmanager
def leave_on_signals() -> Iterator[None]:
    """Within the block, ``SIGNALS`` raise ``Leaving`` (only in the main thread: Python runs
    signal handlers there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def leave(signum: int, _frame: FrameType | None) -> None:
        for each in SIGNALS:
            signal.signal(each, signal.SIG_IGN)  # the way out is not cut short
        raise Leaving(signum)

    before = {each: signal.signal(each, leave) for each in SIGNALS}
    try:
        yield
    finally:
        for each, handler in before.items():
            signal.signal(each, handler)
