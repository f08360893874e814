"""Ctrl-C and unexpected failures while one command runs.

Ctrl-C is never held back: every wait of the shell (a request's reads, back-off and
``Retry-After`` sleeps, polling, catalogue loads) runs in the main thread, where SIGINT raises
KeyboardInterrupt at once. The dispatcher (and the runner, while it waits) turns it, and any
other failure of one command, into an outcome; ``describe_failure`` gives the one line the user
sees for an unexpected exception.
"""

from __future__ import annotations

MAX_TEXT = 200


def describe_failure(error: BaseException) -> str:
    """One line naming an unexpected failure (never a traceback)."""
    from ..client.errors import ClientError  # here: the REPL's first prompt must not load httpx

    if isinstance(error, RecursionError):
        return "an answer was nested too deeply to be read"
    if isinstance(error, MemoryError):
        return "not enough memory to read an answer"
    if isinstance(error, ClientError):
        return " ".join(str(error).split())[:MAX_TEXT]  # names the request already
    text = " ".join(str(error).split())
    name = type(error).__name__
    return f"{name}: {text}"[:MAX_TEXT] if text else name
