"""Logging for ``-v`` and ``--log-file``: HTTP requests with method, path, status and time.

Our own log lines never contain headers or bodies. As a second line of defence, a filter masks
anything shaped like a credential (Basic/Bearer values, password or token fields) before a record
is written anywhere. Log records may quote the tenant (error bodies, operation texts): the
``SafeFormatter`` renders control and bidi characters visibly (``output/safetext.py``), and a
record's message always stays on one line, so log files and ``-v`` output cannot be forged or
drive the terminal.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from .safetext import one_line, safe_text

DEFAULT_LOG_MARK = "<state-dir>"
ECHO_NAME = "verbose-echo"  # the handler of -v, which a run mode may route elsewhere
_SECRET = re.compile(
    r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?(?:(?:basic|bearer)\s+)?|\b(?:basic|bearer)\s+|"
    r"(?:password|passwd|access_token|token|tfa_code)[\"']?\s*[:=]\s*[\"']?)"
    r"[^\s\"',&]+"
)


def redact(text: str) -> str:
    return _SECRET.sub(lambda m: m.group(1) + "<redacted>", text)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class SafeFormatter(logging.Formatter):
    """Each record as one safe line; a traceback below it rendered safe, newlines kept."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return one_line(super().formatMessage(record))

    def formatException(self, ei: Any) -> str:
        return safe_text(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return safe_text(super().formatStack(stack_info))


def setup_logging(args: argparse.Namespace) -> Path | None:
    """Configure the ``lwm2m_shell`` logger from the options; return the log file, if any."""
    root = logging.getLogger("lwm2m_shell")
    verbose, log_file = bool(args.verbose), args.log_file
    root.setLevel(logging.INFO if (verbose or log_file) else logging.WARNING)
    root.propagate = False
    fmt = SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = []
    if verbose:
        echo = logging.StreamHandler(sys.stderr)
        echo.set_name(ECHO_NAME)
        handlers.append(echo)
    path: Path | None = None
    if log_file:
        from .log_file import open_log

        path, handler = open_log(log_file, DEFAULT_LOG_MARK)
        if handler is not None:
            handlers.append(handler)
    if not handlers:
        handlers.append(logging.NullHandler())
    for old in list(root.handlers):  # configured again (tests run main() many times)
        root.removeHandler(old)
        old.close()
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(RedactSecrets())
        root.addHandler(handler)
    return path


def route_echo(make: Callable[[TextIO], logging.Handler]) -> list[logging.Handler]:
    """Print log lines bound for the terminal (``-v``, or ``--log-file`` naming a terminal such
    as /dev/tty) through the handler ``make(stream)`` builds instead of straight to it: the
    interactive shell prints them above its prompt. Formatter and filters are kept. Returns
    the new handlers."""
    root = logging.getLogger("lwm2m_shell")
    made: list[logging.Handler] = []
    for old in list(root.handlers):
        stream = getattr(old, "stream", None)
        if stream is None or (old.get_name() != ECHO_NAME and not _is_terminal(stream)):
            continue
        handler = make(stream)
        handler.setFormatter(old.formatter)
        for kept in old.filters:
            handler.addFilter(kept)
        handler.set_name(old.get_name())
        root.removeHandler(old)
        root.addHandler(handler)
        made.append(handler)
    return made


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
