"""``lwm2m-shell -c COMMAND [-c COMMAND ...]``: run the given commands and exit."""

from __future__ import annotations

from collections.abc import Sequence

from ..commands.target import Target
from ..connection.session import TenantSession
from .sequence import Line, run_lines


def run_commands(
    session: TenantSession,
    commands: Sequence[str],
    *,
    json_output: bool,
    target: Target | None = None,
) -> int:
    lines = [
        Line(f"-c #{n}" if len(commands) > 1 else "-c", text)
        for n, text in enumerate(commands, start=1)
    ]
    return run_lines(session, lines, json_output=json_output, target=target)
