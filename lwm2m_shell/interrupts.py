"""Holding Ctrl-C back while a command is being sent.

A Ctrl-C that lands in the middle of the POST that creates an operation would leave the user not
knowing whether the command went out. While ``deferred_interrupt`` is active, SIGINT is only
noted (the POST is bounded by its timeout); the caller reads ``Held.interrupted`` afterwards and,
knowing what was sent, stops there with the right words (e.g. how to look the operation up).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType


@dataclass
class Held:
    interrupted: bool = False  # a Ctrl-C came while the block ran


@contextmanager
def deferred_interrupt() -> Iterator[Held]:
    held = Held()
    if threading.current_thread() is not threading.main_thread():
        yield held
        return

    def note(signum: int, frame: FrameType | None) -> None:
        held.interrupted = True

    try:
        previous = signal.signal(signal.SIGINT, note)
    except ValueError:  # not allowed here (e.g. some embedded interpreters)
        yield held
        return
    try:
        yield held
    finally:
        signal.signal(signal.SIGINT, previous)
