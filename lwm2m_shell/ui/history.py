"""Per-tenant command history: one file per tenant and URL, 0600, appended to, never rewritten.

The file has prompt_toolkit's ``FileHistory`` format (a ``# time`` line, then ``+``-prefixed
lines per entry), but it is never opened by path alone: every read and every append goes through
``private_files`` (no symlink followed, owner and mode checked on the open file). A history file
or folder that must not be used turns history off for the session, with one line saying why.
A line that is only a number (a TFA code typed at the shell prompt) is never written. Which
file a session writes is decided once its tenant is known (``bound_history``).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from pathlib import Path

from prompt_toolkit.history import History

from .. import private_files
from ..config.paths import state_dir, tenant_key

log = logging.getLogger("lwm2m_shell.history")

MAX_READ_BYTES = 16 * 1024 * 1024  # a history larger than this is read up to here


def history_path(url: str, tenant: str | None) -> Path:
    return state_dir() / "history" / f"{tenant_key(url, tenant or '-')}.history"


def parse_history(data: bytes) -> list[str]:
    """The entries of a history file, oldest first."""
    entries: list[str] = []
    lines: list[str] = []
    for raw in data.decode("utf-8", "replace").split("\n"):
        if raw.startswith("+"):
            lines.append(raw[1:])
        elif lines:
            entries.append("\n".join(lines))
            lines = []
    if lines:
        entries.append("\n".join(lines))
    return entries


def format_entry(text: str, now: datetime.datetime | None = None) -> bytes:
    stamp = (now or datetime.datetime.now()).isoformat(sep=" ")
    body = "".join(f"+{line}\n" for line in text.split("\n"))
    return f"\n# {stamp}\n{body}".encode()


def looks_like_a_code(line: str) -> bool:
    """A line of digits only (4 to 10): a one-time (TFA) code typed at the shell prompt. No
    command is a bare number, so nothing worth keeping is lost."""
    text = line.strip()
    return 4 <= len(text) <= 10 and text.isascii() and text.isdigit()


class PrivateFileHistory(History):
    """prompt_toolkit history in one of our private files."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__()

    def load_history_strings(self) -> Iterable[str]:
        try:
            data = private_files.read_bytes(self.path, MAX_READ_BYTES)
        except FileNotFoundError:
            return []
        except OSError as error:
            log.warning("history not read: %s", error)
            return []
        return list(reversed(parse_history(data)))  # newest first, as History expects

    def store_string(self, string: str) -> None:
        if looks_like_a_code(string):
            return  # a TFA code typed at the wrong prompt: never kept on disk
        try:
            private_files.append(self.path, format_entry(string))
        except OSError as error:  # e.g. swapped for a symlink meanwhile: never written through
            log.warning("history not saved: %s", error)


def earlier_commands(url: str, tenant: str | None) -> Iterable[str]:
    """Command lines of earlier sessions with this tenant, newest first (nothing when the file
    cannot be used)."""
    return PrivateFileHistory(history_path(url, tenant)).load_history_strings()
