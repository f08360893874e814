"""Running a list of command lines without a prompt (shared by ``-c`` and ``-f``/stdin).

Every line is validated before anything is sent: one bad line and nothing goes out (exit code 2).
Then the commands run in order. A FAILED command does not stop the rest (the exit code is 1 at the
end); a connection problem, a timeout or Ctrl-C stops the run at once with its own exit code.

With ``--output json`` every command of the run gives exactly one JSON object on stdout, in
order, whatever happens to it: run (its outcome), refused (``INVALID``) or never reached
(``NOT_RUN``, with the exit code of what stopped the run); the human messages go to stderr.

A run that sends more than one command to the agent has their results pushed through realtime
notifications, as the REPL does (polling until realtime is up, and whenever it is down); a
single command only polls: setting realtime up would cost it more than it saves.

A run starts on the connector, or on the device of ``--device``; a ``.use`` line changes the
target for the lines after it, when they are checked as when they run.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..commands.assemble import connector_dispatcher
from ..commands.device_results import ObjectModelOnce, user_objects_home
from ..commands.dispatch import Dispatcher
from ..commands.own_operations import OwnOperations
from ..commands.target import CONNECTOR, CurrentTarget, Target
from ..connection.session import SessionError, TenantSession
from ..exit_codes import ExitCode
from ..language import Command, ObjectModel, ParseError, TargetKind, parse
from ..outcome import Outcome
from ..output.console import Console
from ..output.safetext import safe_text

if TYPE_CHECKING:
    from ..live.service import LiveUpdates

STOPPING = {ExitCode.CONNECTION, ExitCode.TIMEOUT, ExitCode.INTERRUPTED}
LIVE_WAIT = 1.0  # seconds a run of several commands waits for realtime before the first one


@dataclass(frozen=True)
class Line:
    where: str  # "line 3", "-c #2": for messages
    text: str


Checked = list[tuple[Line, Command | ParseError]]


def check(
    lines: Sequence[Line],
    kind: TargetKind = TargetKind.CONNECTOR,
    objects: ObjectModel | None = None,
) -> Checked:
    """Every command line (blank and comment lines dropped) with its parse, for a run that
    starts on a target of ``kind``; after a ``.use`` line, for the target it names."""
    found: Checked = []
    for line in lines:
        parsed = parse(line.text, kind, objects)
        if parsed is not None:
            found.append((line, parsed))
        if isinstance(parsed, Command) and parsed.spec_name == ".use":
            kind = TargetKind.DEVICE if parsed.args else TargetKind.CONNECTOR
    return found


def validate(lines: Sequence[Line]) -> tuple[list[tuple[Line, Command]], list[str]]:
    commands: list[tuple[Line, Command]] = []
    errors: list[str] = []
    for line, parsed in check(lines):
        if isinstance(parsed, ParseError):
            errors.append(f"{line.where}: {parsed.format()}")
        else:
            commands.append((line, parsed))
    return commands, errors


def refused(line: Line, error: str, *, status: str = "INVALID") -> Outcome:
    """The JSON outcome of a line that was not sent: refused, or not reached."""
    return Outcome(
        line=line.text.strip(), exit_code=ExitCode.USAGE, error=error, status_override=status
    )


def not_run(line: Line, code: ExitCode, why: str) -> Outcome:
    return Outcome(line=line.text.strip(), exit_code=code, error=why, status_override="NOT_RUN")


_STATUS_HINT = re.compile(r"`(\.status(?: (?:\d+|ID))?)`")


def for_scripts(outcome: Outcome) -> Outcome:
    """Hints that name the interactive ``.status N`` name the command line that works here."""

    def rewrite(text: str) -> str:
        return _STATUS_HINT.sub(lambda m: f"`lwm2m-shell -c '{m.group(1)}'`", text)

    if outcome.error:
        outcome.error = rewrite(outcome.error)
    outcome.notes[:] = [rewrite(note) for note in outcome.notes]
    return outcome


def controlling_terminal() -> bool:
    """Whether this process has a controlling terminal (a person may be there to answer), even
    when stdin and stdout are pipes or files."""
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    os.close(fd)
    return True


def confirm_on_terminal(question: str) -> bool:
    """Ask on the controlling terminal; never read a script's stdin for it. No terminal, Ctrl-D
    or anything but y/yes is "no"; Ctrl-C interrupts the run."""
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    with io.FileIO(fd, "r+", closefd=True) as tty:  # unbuffered: a terminal cannot seek
        tty.write(f"{safe_text(question)} [y/N] ".encode("utf-8", "replace"))
        answer = tty.readline(1000)
    return answer.decode("utf-8", "replace").strip().lower() in ("y", "yes")


def run_lines(
    session: TenantSession,
    lines: Sequence[Line],
    *,
    json_output: bool,
    target: Target | None = None,
) -> int:
    """Check every line, then run the commands in order (device commands on ``target``); the
    exit code of the run."""
    console = Console(color=session.settings.color, json_mode=json_output)
    target = target if target is not None else CONNECTOR
    objects = ObjectModelOnce(user_objects_home())
    device_lines = target.is_device or any(".use" in line.text for line in lines)
    checked = check(lines, target.kind, objects.get() if device_lines else None)
    commands = [(line, parsed) for line, parsed in checked if isinstance(parsed, Command)]
    if len(commands) < len(checked):
        for line, parsed in checked:
            if isinstance(parsed, ParseError):
                error = f"{line.where}: {parsed.format()}"
                console.error(error.replace("\n", "\n  "))
                if console.json_mode:
                    console.json(refused(line, error).as_json())
            elif console.json_mode:
                console.json(
                    refused(line, "not sent: another line is invalid", status="NOT_RUN").as_json()
                )
        console.error("nothing was sent")
        return int(ExitCode.USAGE)
    interactive = controlling_terminal()  # stdin and stdout may be pipes: the question is not
    needs_yes = [line for line, command in commands if command.tenant_wide]
    if needs_yes and session.settings.confirm_tenant_wide and not interactive:
        for line, _command in commands:
            if line in needs_yes:
                error = f"{line.where}: `{line.text.strip()}` is tenant-wide: add --yes to send it"
                console.error(error)
                answer = refused(line, error)
            else:
                answer = refused(line, "not sent: another line needs --yes", status="NOT_RUN")
            if console.json_mode:
                console.json(answer.as_json())
        console.error("nothing was sent")
        return int(ExitCode.USAGE)
    own = OwnOperations()
    sending = sum(1 for _line, command in commands if sends(command))
    live = _live_updates(session, own) if sending > 1 else None
    try:
        dispatcher = connector_dispatcher(
            session,
            console,
            own=own,
            confirm=confirm_on_terminal if interactive else None,
            feed=live.feed if live is not None else None,
            scripted=True,
            target=CurrentTarget(target),
            objects=objects,
        )
        return _run_all(dispatcher, console, commands)
    finally:
        if live is not None:
            live.stop()


def sends(command: Command) -> bool:
    """Whether the command goes to the agent (a connector or device command, or ``.send``)."""
    return not command.local or command.spec.sends_text


def _live_updates(session: TenantSession, own: OwnOperations) -> LiveUpdates:
    """Realtime for the run's results (announcing nothing: a script's output is its own)."""
    from ..live.service import LiveUpdates

    live = LiveUpdates(
        session,
        own_ids=lambda: own.ids,
        own_requests=lambda: own.requests,
        announce=False,
    )
    live.start()
    if live.client is not None:
        # one short wait before the first command, so that its result is pushed too (a tenant
        # without realtime costs this once; the commands then poll)
        with contextlib.suppress(SessionError):
            session.require_ready(timeout=session.settings.request_timeout)
            live.client.wait_until_on(LIVE_WAIT)
    return live


def _run_all(
    dispatcher: Dispatcher, console: Console, commands: Sequence[tuple[Line, Command]]
) -> int:
    worst = ExitCode.OK
    for index, (line, command) in enumerate(commands):
        if command.spec_name == ".exit":
            if console.json_mode:
                console.json(Outcome(line=command.text, local=True).as_json())
                _skip(console, commands[index + 1 :], ExitCode.OK, "not run: `.exit` ended the run")
            break
        if len(commands) > 1 and not console.json_mode:  # label each result with its command
            console.note(f"[{index + 1}/{len(commands)}] {command.text}")
        for note in command.notes:  # what the checks changed (typography, merged -d), warnings
            console.note(note)
        outcome: Outcome = for_scripts(dispatcher.run(command))
        console.outcome(outcome)
        # a failed .use stops the run too: the device commands after it must not go elsewhere
        failed_use = command.spec_name == ".use" and outcome.exit_code is not ExitCode.OK
        if outcome.exit_code in STOPPING or failed_use:
            why = f"not run: {line.where} stopped the run (exit code {int(outcome.exit_code)})"
            _skip(console, commands[index + 1 :], outcome.exit_code, why)
            return int(outcome.exit_code)
        if outcome.exit_code is not ExitCode.OK and worst is ExitCode.OK:
            worst = outcome.exit_code
        elif outcome.exit_code is ExitCode.USAGE:
            worst = ExitCode.USAGE
    return int(worst)


def _skip(console: Console, rest: Sequence[tuple[Line, Command]], code: ExitCode, why: str) -> None:
    """The JSON objects of the commands a run never reached (nothing in text mode)."""
    if console.json_mode:
        for line, _command in rest:
            console.json(not_run(line, code, why).as_json())
