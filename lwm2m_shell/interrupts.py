"""Holding Ctrl-C back while a command is being sent.

A Ctrl-C that lands in the middle of the POST that creates an operation would leave the user not
knowing whether the command went out. While ``deferred_interrupt`` is active, SIGINT is noted and
raised as KeyboardInterrupt only once the block ends (the POST is bounded by its timeout).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def deferred_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    try:
        previous = signal.signal(signal.SIGINT, note)
    except ValueError:  # not allowed here (e.g. some embedded interpreters)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt
