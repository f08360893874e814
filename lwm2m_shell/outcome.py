"""What running one line produced, in a form both the text and the JSON output can show.

``as_json`` is the ``--output json`` contract: one object per command, always with the same
keys (``JSON_KEYS``). ``result`` holds the agent's answer, a local command's text, or, for the
local listings (``.history``, ``.bulk``, ``.devices``, ``.endpoints``, ``.context``), their rows
as structured data (``data``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from .client import Operation
from .exit_codes import ExitCode


@dataclass
class Outcome:
    line: str  # the command as sent (or as typed, when it was not sent)
    exit_code: ExitCode = ExitCode.OK
    operation: Operation | None = None
    output: str | None = None  # what goes to stdout: the agent's result or a local command's text
    error: str | None = None  # one line for stderr
    notes: list[str] = field(default_factory=list)  # things worth telling on stderr
    duration: float | None = None
    local: bool = False
    data: Any = None  # structured form of ``output`` for JSON (lists, objects)
    status_override: str | None = None  # e.g. NOT_RUN, for commands a run never reached
    seen_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @property
    def status(self) -> str:
        if self.status_override is not None:
            return self.status_override
        if self.operation is not None:
            return self.operation.status.value
        if self.exit_code is ExitCode.USAGE:
            return "INVALID"
        if self.exit_code is ExitCode.OK:
            return "LOCAL" if self.local else "OK"
        return "ERROR"

    def as_json(self) -> dict[str, Any]:
        op = self.operation
        return {
            "command": self.line or None,
            "operationId": op.id if op else None,
            "status": self.status,
            "result": self.data if self.data is not None else (op.result if op else self.output),
            "failureReason": op.failure_reason if op else None,
            "error": self.error,
            "creationTime": _iso(op.creation_time) if op else None,
            "lastUpdated": _iso(op.last_updated or self.seen_at) if op else None,
            "durationSeconds": round(self.duration, 3) if self.duration is not None else None,
            "exitCode": int(self.exit_code),
        }


JSON_KEYS = (
    "command",
    "operationId",
    "status",
    "result",
    "failureReason",
    "error",
    "creationTime",
    "lastUpdated",
    "durationSeconds",
    "exitCode",
)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def never_run(commands: list[str] | None, error: str, exit_code: int) -> list[dict[str, Any]]:
    """JSON objects for a run that ended before its first command (settings, login): one per
    ``-c`` command, or one without a command when they come from a file or stdin."""
    known = {int(member) for member in ExitCode}
    code = ExitCode(exit_code) if exit_code in known else ExitCode.FAILED
    status = "INVALID" if code is ExitCode.USAGE else "NOT_RUN"
    return [
        Outcome(line=text, exit_code=code, error=error, status_override=status).as_json()
        for text in (commands or [""])
    ]
