"""Where ``-v`` log lines go in the interactive shell: above the prompt, never through it.

A log record can come from any thread at any moment: while the prompt is being edited (the
catalogue, live updates and the tenant check run in threads of their own), or while a command
waits and the progress line is on screen. Written straight to the terminal it would land in the
middle of the prompt, the toolbar or the progress line. So:

- while a prompt_toolkit application runs (the prompt, or a confirmation question), the line is
  printed through ``run_in_terminal`` in that application's event loop: the prompt is erased,
  the line printed, the prompt drawn again with what was typed;
- otherwise (a command is waiting) the progress line is cleared first and the log line printed
  as a whole line of its own; the progress line is drawn again on its next tick.
"""

from __future__ import annotations

import logging
import threading
from typing import TextIO

from prompt_toolkit.application import run_in_terminal
from prompt_toolkit.application.current import get_app_or_none

CLEAR_LINE = "\r\x1b[2K"


class AboveThePromptHandler(logging.Handler):
    """Lines wait in a queue until printed, so none is lost when the prompt ends between the
    moment a line is handed to its event loop and the moment that loop would have printed it:
    ``flush()`` (called by the shell after each prompt, and by logging at exit) prints the rest."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self._write_lock = threading.Lock()
        self._pending: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
            with self._write_lock:
                self._pending.append(line)
            app = get_app_or_none()
            loop = app.loop if app is not None and app.is_running else None
            if loop is not None and not loop.is_closed():
                loop.call_soon_threadsafe(self._print_in_terminal)
            else:
                self.flush()
        except Exception:
            self.handleError(record)

    def _print_in_terminal(self) -> None:
        run_in_terminal(self.flush, in_executor=False)

    def flush(self) -> None:
        """Print every line still waiting, each as a whole line of its own."""
        with self._write_lock:
            lines, self._pending = self._pending, []
            if not lines:
                return
            for line in lines:
                self.stream.write(CLEAR_LINE + line.replace("\n", "\n" + CLEAR_LINE) + "\n")
            self.stream.flush()
