"""``.send``, ``.status``, ``.history`` and ``.bulk``: the connector's operations, sent raw,
followed again, or listed."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from ..client import NotFound, Operation
from ..exit_codes import ExitCode
from ..language import Command
from ..outcome import Outcome
from ..output.local_time import local_time
from ..output.safetext import clip, one_line
from .registry import Handler, LocalContext, first_arg

HISTORY_DEFAULT = 10


def send_raw(context: LocalContext, command: Command) -> Outcome:
    text = first_arg(command) or ""
    return context.send(text)


def show_status(context: LocalContext, command: Command) -> Outcome:
    operation_id = first_arg(command) or ""
    context.session.require_ready(timeout=context.session.settings.request_timeout)
    try:
        operation = context.session.client.get_operation(operation_id)
    except NotFound:
        return Outcome(
            line=command.text,
            exit_code=ExitCode.USAGE,
            local=True,
            error=f"no operation {operation_id} in this tenant (.history lists the latest)",
        )
    line = operation.text or command.text
    if not operation.is_final:
        return context.runner.follow(operation, line=line, started=_since(operation))
    outcome = context.runner.follow(operation, line=line)
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


def _recent(context: LocalContext, count: int) -> list[Operation]:
    identity = context.session.require_ready(timeout=context.session.settings.request_timeout)
    now = datetime.now(timezone.utc)
    return context.session.client.list_operations(
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


def show_history(context: LocalContext, command: Command) -> Outcome:
    count = int(first_arg(command) or HISTORY_DEFAULT)
    shell_ops = [op for op in _recent(context, min(2000, max(count * 3, 50))) if op.command]
    shell_ops = shell_ops[:count]
    if not shell_ops:
        return Outcome(
            line=command.text, output="no shell commands on the connector yet", local=True, data=[]
        )
    for op in shell_ops:
        context.own.note(op.id)
    lines = [f"{'ID':>10}  {'STATUS':<10}  {'CREATED':<26}  COMMAND"]
    for op in reversed(shell_ops):
        op_id = clip(op.id, 20)
        lines.append(f"{op_id:>10}  {op.status.value:<10}  {_when(op):<26}  {one_line(op.text)}")
    hint = "(`.status ID` shows one command's result)"  # a note: stderr, not the listing
    rows = [operation_row(op) for op in reversed(shell_ops)]
    return Outcome(line=command.text, output="\n".join(lines), local=True, data=rows, notes=[hint])


def show_bulk(context: LocalContext, command: Command) -> Outcome:
    bulk = [op for op in _recent(context, 500) if op.command is None]
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


HANDLERS: dict[str, Handler] = {
    ".send": send_raw,
    ".status": show_status,
    ".history": show_history,
    ".bulk": show_bulk,
}
