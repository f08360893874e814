"""What running one line produced, in a form both the text and the JSON output can show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
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

    @property
    def status(self) -> str:
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
            "command": self.line,
            "operationId": op.id if op else None,
            "status": self.status,
            "result": op.result if op else self.output,
            "failureReason": op.failure_reason if op else None,
            "error": self.error,
            "creationTime": _iso(op.creation_time) if op else None,
            "lastUpdated": _iso(op.last_updated) if op else None,
            "durationSeconds": round(self.duration, 3) if self.duration is not None else None,
            "exitCode": int(self.exit_code),
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None
