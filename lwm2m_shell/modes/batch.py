"""``lwm2m-shell -f FILE`` and commands piped on stdin: one command per line."""

from __future__ import annotations

import sys

from ..commands.target import Target
from ..connection.session import TenantSession
from ..exit_codes import ExitCode
from ..outcome import Outcome
from ..output.console import Console
from .sequence import Line, check, refused, run_lines

MAX_INPUT = 10 * 1024 * 1024  # a command file larger than this is surely a mistake


def read_lines(source: str) -> tuple[list[Line], list[str]]:
    """Lines of ``source`` ('-' is stdin), with one error per line that is not valid UTF-8."""
    if source == "-":
        raw = sys.stdin.buffer.read(MAX_INPUT + 1)
        name = "stdin"
    else:
        with open(source, "rb") as handle:
            raw = handle.read(MAX_INPUT + 1)
        name = source
    if len(raw) > MAX_INPUT:
        return [], [f"{name}: larger than {MAX_INPUT // (1024 * 1024)} MiB, not read"]
    lines: list[Line] = []
    errors: list[str] = []
    for number, chunk in enumerate(raw.splitlines(), start=1):
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError as exc:
            errors.append(f"{name} line {number}: not valid UTF-8 (byte {exc.start + 1})")
            continue
        lines.append(Line(f"{name} line {number}", text))
    return lines, errors


def run_file(
    session: TenantSession, source: str, *, json_output: bool, target: Target | None = None
) -> int:
    """Run the commands of the file ``source`` ('-': stdin)."""
    console = Console(color=session.settings.color, json_mode=json_output)
    try:
        lines, errors = read_lines(source)
    except OSError as error:
        message = f"cannot read {source}: {error.strerror or error}"
        console.error(message)
        if console.json_mode:  # no command to name: the file could not be read
            console.json(Outcome(line="", exit_code=ExitCode.USAGE, error=message).as_json())
        return int(ExitCode.USAGE)
    if errors:
        for error_line in errors:
            console.error(error_line)
            if console.json_mode:  # the line cannot be shown as text: no command to name
                console.json(Outcome(line="", exit_code=ExitCode.USAGE, error=error_line).as_json())
        if console.json_mode:
            for line in check(lines):
                why = "not sent: another line is not valid UTF-8"
                console.json(refused(line[0], why, status="NOT_RUN").as_json())
        console.error("nothing was sent")
        return int(ExitCode.USAGE)
    return run_lines(session, lines, json_output=json_output, target=target)
