"""The simulated LWM2M agent: a background thread executing connector commands in order."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from .agent_commands import execute
from .operations import Operation
from .state import TenantState


class Agent(threading.Thread):
    """Takes the connector's PENDING c8y_Command operations one at a time, oldest first.

    PENDING -> EXECUTING after the pending delay, then SUCCESSFUL or FAILED after the execution
    delay. While the agent is offline, operations stay PENDING.
    """

    def __init__(self, state: TenantState) -> None:
        super().__init__(name="simulated-lwm2m-agent", daemon=True)
        self.state = state
        self._stopped = False

    def stop(self) -> None:
        with self.state.changed:
            self._stopped = True
            self.state.changed.notify_all()

    def _next(self) -> Operation | None:
        """Block until there is work and the agent is online; None once stopped."""
        state = self.state
        with state.changed:
            while not self._stopped:
                if state.agent_online:
                    while state.ops.command_queue:
                        op = state.ops.get(state.ops.command_queue[0])
                        if op is not None and op.status == "PENDING":
                            return op
                        state.ops.command_queue.popleft()
                state.changed.wait()
        return None

    def _wait(self, delay: Callable[[], float], while_online: bool) -> bool:
        """Sleep ``delay()`` seconds from now, the delay as set at each moment (a delay changed
        meanwhile applies to this wait too); False when stopped (or, if asked, when the agent
        went offline)."""
        started = time.monotonic()
        with self.state.changed:
            while not self._stopped:
                if while_online and not self.state.agent_online:
                    return False
                remaining = started + delay() - time.monotonic()
                if remaining <= 0:
                    return True
                self.state.changed.wait(remaining)
        return False

    def run(self) -> None:
        """Deliver operations one at a time until stopped: what differs between agents is what
        happens to one the agent could not deliver (``_not_delivered``) and how one is answered
        (``_answer``)."""
        state = self.state
        while (op := self._next()) is not None:
            if not self._wait(lambda: state.pending_delay, while_online=True):
                self._not_delivered(op)
                continue
            state.update_operation(op, "EXECUTING")
            if not self._wait(lambda: state.execution_delay, while_online=False):
                return
            self._answer(op)

    def _not_delivered(self, op: Operation) -> None:
        """Offline again, or stopping: it stays PENDING, first in the command queue."""

    def _answer(self, op: Operation) -> None:
        state = self.state
        with state.lock:
            outcome = execute(op.command_text, state.devices)
            if state.ops.command_queue and state.ops.command_queue[0] == op.id:
                state.ops.command_queue.popleft()
        state.update_operation(op, outcome.status, outcome.result, outcome.failure_reason)
