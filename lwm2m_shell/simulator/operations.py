"""Operations of the tenant: storage, queries and change notifications.

Operations are kept whole (there are few), in creation order, which is also ID order.
Callers hold the tenant lock for reads and changes; ``OperationStore`` hands back the events a
change caused so that the caller can fire them once the lock is released.
"""

from __future__ import annotations

import copy
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .timestamps import iso

STATUSES = ("PENDING", "EXECUTING", "SUCCESSFUL", "FAILED")
Listener = Callable[[str, dict[str, Any]], None]
Event = tuple[str, dict[str, Any]]


@dataclass
class Operation:
    id: str
    device_id: str
    device_name: str
    created: float
    status: str = "PENDING"
    fragments: dict[str, Any] = field(default_factory=dict)  # description, c8y_Command, ...
    failure_reason: str | None = None

    @property
    def command_text(self) -> str | None:
        """The text of its ``c8y_Command`` (None without one)."""
        command = self.fragments.get("c8y_Command")
        return command.get("text") if isinstance(command, dict) else None

    def to_json(self, base: str) -> dict[str, Any]:
        body: dict[str, Any] = copy.deepcopy(self.fragments)
        body.update(
            {
                "id": self.id,
                "self": f"{base}/devicecontrol/operations/{self.id}",
                "deviceId": self.device_id,
                "deviceName": self.device_name,
                "creationTime": iso(self.created),
                "status": self.status,
            }
        )
        if self.failure_reason is not None:
            body["failureReason"] = self.failure_reason
        return body


@dataclass(frozen=True)
class OperationQuery:
    device_id: str | None = None
    fragment: str | None = None
    status: str | None = None
    date_from: float | None = None
    date_to: float | None = None
    revert: bool = False

    def matches(self, op: Operation) -> bool:
        if self.device_id is not None and op.device_id != self.device_id:
            return False
        if self.fragment is not None and self.fragment not in op.fragments:
            return False
        if self.status is not None and op.status != self.status:
            return False
        if self.date_from is not None and op.created < self.date_from:
            return False
        return self.date_to is None or op.created < self.date_to


class OperationStore:
    """All operations plus the queue of connector commands waiting for the agent."""

    def __init__(self, base: Callable[[], str]) -> None:
        self._base = base
        self.items: dict[str, Operation] = {}
        self.command_queue: deque[str] = deque()  # PENDING c8y_Command ops of connectors

    def add(self, op: Operation, *, agent_work: bool) -> Event:
        self.items[op.id] = op
        if agent_work and op.status == "PENDING":
            self.command_queue.append(op.id)
        return ("CREATE", op.to_json(self._base()))

    def update(
        self,
        op: Operation,
        status: str,
        result: str | None = None,
        failure_reason: str | None = None,
    ) -> Event:
        op.status = status
        if result is not None:
            command = op.fragments.get("c8y_Command")
            if isinstance(command, dict):
                command["result"] = result
        if failure_reason is not None:
            op.failure_reason = failure_reason
        return ("UPDATE", op.to_json(self._base()))

    def get(self, op_id: str) -> Operation | None:
        return self.items.get(op_id)

    def select(self, query: OperationQuery) -> list[Operation]:
        found = [op for op in self.items.values() if query.matches(op)]
        if query.revert and (query.date_from is not None or query.date_to is not None):
            found.reverse()
        return found

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for op in self.items.values():
            counts[op.status] = counts.get(op.status, 0) + 1
        return counts


class Listeners:
    """The subscribe() callbacks; fired outside the tenant lock, errors contained."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def add(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def fire(self, events: list[Event]) -> None:
        for action, body in events:
            for listener in list(self._listeners):
                try:
                    listener(action, copy.deepcopy(body))
                except Exception:
                    continue
