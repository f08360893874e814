"""The shell's own commands (``help``, ``.status``, ``.history`` ...): answered here, never sent.

Each handler takes the runner and the parsed command and returns an Outcome. Handlers register
themselves by command name with ``@local``, so another module (the tenant catalogue) can add more.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from ..client import ClientError, NotFound, Operation, Unauthorized
from ..connection.session import SessionError, TenantSession
from ..exit_codes import ExitCode
from ..language import Command, render_command_help, render_help
from ..outcome import Outcome
from ..output.local_time import local_time
from ..output.safetext import clip, one_line

if TYPE_CHECKING:
    from .runner import Runner

Handler = Callable[["Runner", Command], Outcome]
HANDLERS: dict[str, Handler] = {}
HISTORY_DEFAULT = 10


def local(*names: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for name in names:
            HANDLERS[name] = handler
        return handler

    return register


def handler_for(name: str) -> Handler | None:
    if name not in HANDLERS:  # the catalogue's commands register themselves when first needed
        from . import listings as catalogue_commands  # noqa: F401
    return HANDLERS.get(name)


def run_local(runner: Runner, command: Command) -> Outcome:
    handler = handler_for(command.spec_name)
    if handler is None:
        return Outcome(
            line=command.text,
            exit_code=ExitCode.USAGE,
            local=True,
            error=f"{command.spec_name} is not available in this mode",
        )
    try:
        return _answer(handler, runner, command)
    except Unauthorized as error:
        # Local commands only read (GET): after a new login they simply run again, once.
        problem = runner.log_in_again(error)
        if problem is None:
            try:
                return _answer(handler, runner, command)
            except Unauthorized as again:
                problem = again.message
        return Outcome(
            line=command.text,
            exit_code=ExitCode.CONNECTION,
            error=f"not authenticated: {problem}",
            local=True,
        )


def _answer(handler: Handler, runner: Runner, command: Command) -> Outcome:
    """The handler's outcome; failures become one-line outcomes, except a 401 (raised)."""
    try:
        return handler(runner, command)
    except SessionError as error:
        return Outcome(line=command.text, exit_code=error.exit_code, error=str(error), local=True)
    except Unauthorized:
        raise
    except ClientError as error:
        return Outcome(
            line=command.text, exit_code=ExitCode.CONNECTION, error=str(error), local=True
        )


def first_arg(command: Command) -> str | None:
    return next(iter(command.args.values()), None) or None


def width() -> int:
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 120))


@local("help", ".help")
def show_help(runner: Runner, command: Command) -> Outcome:
    name = first_arg(command)
    if name:
        text = render_command_help(name, width())
        if text is None:
            return Outcome(
                line=command.text,
                exit_code=ExitCode.USAGE,
                local=True,
                error=f"no such command: {name}",
            )
        return Outcome(line=command.text, output=text, local=True)
    return Outcome(line=command.text, output=render_help(width()), local=True)


@local(".context")
def show_context(runner: Runner, command: Command) -> Outcome:
    session = runner.session
    ident = session.identity
    # What the settings already say is shown at once; the tenant check confirms or fills it in.
    unchecked = "" if ident else " (not checked yet)"
    connector = ident.connector_id if ident else session.settings.connector_id
    rows = [
        ("URL", session.url + ("  (simulated tenant)" if session.demo else "")),
        ("tenant", session.tenant_id + unchecked if session.tenant_id else "(not known yet)"),
        ("user", session.user + unchecked if session.user else "(not known yet)"),
        ("login", session.settings.login_source or "(no tenant URL)"),
        ("connector device", connector + unchecked if connector else "(not known yet)"),
        ("connection", _connection(session)),
    ]
    if ident and ident.can_send is False:
        rows.append(("warning", "this user cannot create operations (ROLE_DEVICE_CONTROL_ADMIN)"))
    text = "\n".join(f"{key:>17}  {one_line(value)}" for key, value in rows)
    data = {
        "url": session.url,
        "simulated": session.demo,
        "tenant": session.tenant_id,
        "user": session.user,
        "connectorId": connector,
        "connection": session.state.value,
        "health": session.health.view.health.value,
        "healthDetail": session.health.describe(),
        "connectionError": str(session.error) if session.error else None,
        "canCreateOperations": ident.can_send if ident else None,
    }
    return Outcome(line=command.text, output=text, local=True, data=data)


def _connection(session: TenantSession) -> str:
    """The truth about the connection: the state over time once the tenant was reached."""
    if session.identity is not None:  # reached once: its state over time
        return session.health.describe()
    return str(session.state.value) + (f": {session.error}" if session.error else "")


@local(".send")
def send_raw(runner: Runner, command: Command) -> Outcome:
    text = first_arg(command) or ""
    return runner.send(text)


@local(".status")
def show_status(runner: Runner, command: Command) -> Outcome:
    operation_id = first_arg(command) or ""
    runner.session.require_ready(timeout=runner.session.settings.request_timeout)
    try:
        operation = runner.session.client.get_operation(operation_id)
    except NotFound:
        return Outcome(
            line=command.text,
            exit_code=ExitCode.USAGE,
            local=True,
            error=f"no operation {operation_id} in this tenant (.history lists the latest)",
        )
    line = operation.text or command.text
    if not operation.is_final:
        return runner.follow(operation, line=line, started=_since(operation))
    outcome = runner.follow(operation, line=line)
    outcome.duration = _took(operation)  # it ended before: not the time since it was created
    return outcome


def _took(operation: Operation) -> float | None:
    if operation.creation_time is None or operation.last_updated is None:
        return None
    return max((operation.last_updated - operation.creation_time).total_seconds(), 0.0)


def _since(operation: Operation) -> float | None:
    """The operation's creation as a time.monotonic() value: durations count from there."""
    if operation.creation_time is None:
        return None
    age = (datetime.now(timezone.utc) - operation.creation_time).total_seconds()
    return time.monotonic() - max(age, 0.0)


def _recent(runner: Runner, count: int) -> list[Operation]:
    identity = runner.session.require_ready(timeout=runner.session.settings.request_timeout)
    now = datetime.now(timezone.utc)
    return runner.session.client.list_operations(
        identity.connector_id,
        date_from=datetime(1970, 1, 1, tzinfo=timezone.utc),
        date_to=now + timedelta(days=1),
        newest_first=True,
        page_size=count,
    )


def _when(op: Operation) -> str:
    return local_time(op.creation_time)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def operation_row(op: Operation) -> dict[str, object]:
    """One operation as a JSON row of ``.history`` and ``.bulk``."""
    return {
        "operationId": op.id,
        "status": op.status.value,
        "command": op.text,
        "description": op.description,
        "result": op.result or (op.model_extra or {}).get("result"),
        "failureReason": op.failure_reason,
        "creationTime": _iso(op.creation_time),
        "lastUpdated": _iso(op.last_updated),
    }


@local(".history")
def show_history(runner: Runner, command: Command) -> Outcome:
    count = int(first_arg(command) or HISTORY_DEFAULT)
    shell_ops = [op for op in _recent(runner, min(2000, max(count * 3, 50))) if op.command]
    shell_ops = shell_ops[:count]
    if not shell_ops:
        return Outcome(
            line=command.text, output="no shell commands on the connector yet", local=True, data=[]
        )
    for op in shell_ops:
        if op.id not in runner.seen_operations:
            runner.seen_operations.append(op.id)
    lines = [f"{'ID':>10}  {'STATUS':<10}  {'CREATED':<26}  COMMAND"]
    for op in reversed(shell_ops):
        op_id = clip(op.id, 20)
        lines.append(f"{op_id:>10}  {op.status.value:<10}  {_when(op):<26}  {one_line(op.text)}")
    hint = "(`.status ID` shows one command's result)"  # a note: stderr, not the listing
    rows = [operation_row(op) for op in reversed(shell_ops)]
    return Outcome(line=command.text, output="\n".join(lines), local=True, data=rows, notes=[hint])


@local(".bulk")
def show_bulk(runner: Runner, command: Command) -> Outcome:
    bulk = [op for op in _recent(runner, 500) if op.command is None]
    if not bulk:
        return Outcome(
            line=command.text, output="no bulk registrations on the connector", local=True, data=[]
        )
    blocks = []
    for op in reversed(bulk):
        head = f"{one_line(op.id)}  {op.status.value}  created {_when(op)}"
        if op.last_updated:
            head += f", updated {local_time(op.last_updated)}"
        body = [head, f"  {one_line(op.description or '(no description)')}"]
        result = op.result or (op.model_extra or {}).get("result")
        if result:
            body.append(f"  result: {one_line(result)}")
        if op.failure_reason:
            body.append(f"  failure: {one_line(op.failure_reason)}")
        blocks.append("\n".join(body))
    rows = [operation_row(op) for op in reversed(bulk)]
    return Outcome(line=command.text, output="\n".join(blocks), local=True, data=rows)
