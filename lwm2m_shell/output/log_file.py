"""Opening the ``--log-file``: never through a symlink, never someone else's file.

The file is opened with ``O_NOFOLLOW | O_APPEND`` and checked on the open descriptor (ours, a
regular file, nobody else may write to it; see ``private_files``). When it must not be used, the
shell says so in one line on stderr and runs without a log. One exception: a ``--log-file`` the
user names that is a terminal or another character device (``/dev/tty``, ``/dev/null``) is
written to as it is; it holds nothing that could be overwritten, and naming it is deliberate.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path


def open_log(log_file: str, default_mark: str) -> tuple[Path | None, logging.Handler | None]:
    """The log's path and a handler appending to it; (None, None) when it cannot be used."""
    from ..config.paths import state_dir
    from ..private_files import open_file

    wanted = state_dir() / "lwm2m-shell.log" if log_file == default_mark else Path(log_file)
    try:
        if log_file != default_mark and _is_character_device(wanted):
            fd = os.open(wanted, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY)
        else:
            fd = open_file(wanted, os.O_WRONLY | os.O_APPEND, create=True)
    except OSError as error:
        why = str(error) if error.strerror is None else f"cannot open {wanted}: {error.strerror}"
        print(f"warning: {why}; running without a log file", file=sys.stderr, flush=True)
        return None, None
    stream = os.fdopen(fd, "a", encoding="utf-8")
    return wanted, _AppendHandler(stream)


def _is_character_device(path: Path) -> bool:
    try:
        return stat.S_ISCHR(os.lstat(path).st_mode)
    except OSError:
        return False


class _AppendHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A StreamHandler that owns its stream and closes it (like FileHandler, without a path)."""

    def close(self) -> None:
        try:
            self.flush()
            stream = self.stream
            if stream is not None and not stream.closed:
                stream.close()
        finally:
            super().close()
