"""Where output goes: results to stdout, progress and messages to stderr, text or JSON lines.

This is the render step: every string written here passes ``safetext`` first (tenant text may
carry terminal control sequences), and only then gets the console's own colours.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from .safetext import clip, dumps, one_line, safe_text

if TYPE_CHECKING:  # not imported at run time: the console is on the way to the first prompt
    from ..client import Operation
    from ..outcome import Outcome


class Progress(Protocol):
    """How a waited-for operation stands (``live.waiter.Progress``, which sits above output)."""

    @property
    def operation(self) -> Operation: ...
    @property
    def elapsed(self) -> float: ...
    @property
    def problem(self) -> str | None: ...
    @property
    def queued(self) -> bool: ...  # a device operation waiting for the device


# What the progress line says of a device operation that waits for its device.
QUEUED = "queued: the device is asleep or unreachable; delivered at its next registration update"


SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
GREEN, RED, YELLOW, DIM, RESET = "\x1b[32m", "\x1b[31m", "\x1b[33m", "\x1b[2m", "\x1b[0m"


class Console:
    def __init__(
        self,
        *,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        color: bool = True,
        json_mode: bool = False,
    ) -> None:
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.json_mode = json_mode
        self.live = _isatty(self.stderr)
        self.color = color and self.live
        self._progress_shown = False
        self._last_status: str | None = None
        self._last_problem = ""
        self._ticks = 0

    def _paint(self, text: str, colour: str) -> str:
        return f"{colour}{text}{RESET}" if self.color else text

    # -- messages -----------------------------------------------------------------------------

    def error(self, message: str) -> None:
        self.clear_progress()
        print(self._paint("error: ", RED) + safe_text(message), file=self.stderr, flush=True)

    def warn(self, message: str) -> None:
        self.clear_progress()
        text = safe_text(message)
        print(self._paint("warning: ", YELLOW) + text, file=self.stderr, flush=True)

    def note(self, message: str) -> None:
        self.clear_progress()
        print(self._paint(safe_text(message), DIM), file=self.stderr, flush=True)

    def text(self, message: str) -> None:
        """Plain output of a local command (stdout)."""
        self.clear_progress()
        print(safe_text(message), file=self.stdout, flush=True)

    def json(self, value: Any) -> None:
        """One JSON object on one line of stdout, with no raw control or bidi character."""
        self.clear_progress()
        print(dumps(value), file=self.stdout, flush=True)

    # -- progress of a running operation --------------------------------------------------------

    def progress(self, update: Progress) -> None:
        op = update.operation
        status = op.status.value
        op_id, problem = one_line(op.id), one_line(update.problem or "")
        if update.queued and not problem:
            problem = QUEUED
        if self.live:
            self._ticks += 1
            spin = SPINNER[self._ticks % len(SPINNER)]
            tail = f" · {problem}" if problem else " · Ctrl-C stops waiting"
            line = f"{spin} {status} {update.elapsed:5.1f}s · operation {op_id}{tail}"
            line = clip(
                line, _columns(self.stderr) - 1
            )  # never wraps: narrowing leaves no stale rows
            self.stderr.write("\r\x1b[2K" + self._paint(line, DIM))
            self.stderr.flush()
            self._progress_shown = True
        elif status != self._last_status or update.problem or problem != self._last_problem:
            extra = f" ({problem})" if problem else ""
            print(f"operation {op_id}: {status}{extra}", file=self.stderr, flush=True)
        self._last_status = status
        self._last_problem = problem

    def clear_progress(self) -> None:
        if self._progress_shown:
            self.stderr.write("\r\x1b[2K")
            self.stderr.flush()
            self._progress_shown = False
        self._last_status = None
        self._last_problem = ""

    # -- the end of one command -------------------------------------------------------------------

    def outcome(self, outcome: Outcome) -> None:
        self.clear_progress()
        if self.json_mode:  # the object on stdout; the human messages on stderr as well
            self.json(outcome.as_json())
            for note in outcome.notes:
                self.note(note)
            if outcome.error:
                self.error(outcome.error)
            return
        for note in outcome.notes:
            self.note(note)
        op = outcome.operation
        if op is None:
            if outcome.output:
                self.text(outcome.output)
            if outcome.error:
                self.error(outcome.error)
            return
        shown = outcome.output if outcome.output is not None else op.result  # e.g. names added
        if shown:
            print(safe_text(shown.rstrip("\n")), file=self.stdout, flush=True)
        took = f" in {outcome.duration:.1f}s" if outcome.duration is not None else ""
        op_id = one_line(op.id)
        if op.status.value == "SUCCESSFUL":
            print(self._paint(f"✔ SUCCESSFUL · operation {op_id}{took}", GREEN), file=self.stderr)
        elif op.status.value == "FAILED":
            said = _plain(op.failure_reason or "") in _plain(op.result or "")  # not twice
            reason = f": {one_line(op.failure_reason)}" if op.failure_reason and not said else ""
            print(self._paint(f"✘ FAILED{reason} · operation {op_id}{took}", RED), file=self.stderr)
        else:
            print(f"{op.status.value} · operation {op_id}", file=self.stderr)
        if outcome.error:
            self.error(outcome.error)
        self.stderr.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _plain(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text).split()).lower()


def _columns(stream: TextIO) -> int:
    """The terminal's width now (it may change between two ticks of the progress line)."""
    try:
        return max(os.get_terminal_size(stream.fileno()).columns, 20)
    except (AttributeError, ValueError, OSError):
        return 80
