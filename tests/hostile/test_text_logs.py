"""Log records quoting the tenant: one safe line each, tracebacks rendered safe too."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from lwm2m_shell.output.logs import setup_logging

from .conftest import unsafe_bytes


def test_a_record_cannot_forge_lines_or_drive_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "shell.log"
    setup_logging(argparse.Namespace(verbose=False, log_file=str(path)))
    log = logging.getLogger("lwm2m_shell.test")
    try:
        log.warning("tenant said: %s", "ok\n2026-01-01 00:00:00,000 INFO forged\x1b]0;PWNED\x07")
        try:
            raise ValueError("bad \x1b[2J answer\r\u202e")
        except ValueError:
            log.exception("failed with \u009b31m")
    finally:
        setup_logging(argparse.Namespace(verbose=False, log_file=None))
    data = path.read_bytes()
    assert unsafe_bytes(data) == []
    lines = data.decode().splitlines()
    assert lines[0].endswith("tenant said: ok\\u000a2026-01-01 00:00:00,000 INFO forged"
                             "\\u001b]0;PWNED\\u0007")  # fmt: skip
    assert lines[1].endswith("failed with \\u009b31m")
    assert lines[-1] == "ValueError: bad \\u001b[2J answer\\u000d\\u202e"  # the traceback, safe
    assert not any(line.startswith("2026-01-01") for line in lines)
