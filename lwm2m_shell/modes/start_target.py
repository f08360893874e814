"""``--device TARGET``: the LWM2M device a run starts on, found once before anything is sent."""

from __future__ import annotations

from collections.abc import Sequence

from ..commands.target import CONNECTOR, Target
from ..commands.target_lookup import TargetNotFound, find_target
from ..connection.session import SessionError, TenantSession
from ..exit_codes import ExitCode
from ..outcome import Outcome, never_run
from ..output.console import Console


def start_target(
    session: TenantSession,
    device: str | None,
    *,
    commands: Sequence[str] = (),
    json_output: bool = False,
) -> Target | int:
    """The target of the run; an exit code when ``device`` names no device (or the tenant
    cannot be asked): the error is said once, and with ``--output json`` every command of the
    run (``commands``: the -c ones) gets its object, none of them sent."""
    if device is None:
        return CONNECTOR
    try:
        return find_target(session, device)
    except (TargetNotFound, SessionError) as error:
        code = int(error.exit_code)
        message = f"--device {device}: {error}"
    console = Console(color=session.settings.color, json_mode=json_output)
    console.error(message)
    if json_output:
        if commands:
            for answer in never_run(list(commands), message, code):
                console.json(answer)
        else:
            console.json(Outcome(line="", exit_code=_code(code), error=message).as_json())
    return code


def _code(code: int) -> ExitCode:
    return ExitCode(code)
