"""The simulated LWM2M agent's second duty: delivering device shell operations to devices.

One operation at a time, the oldest deliverable one first: PENDING -> EXECUTING after the pending
delay, then, after the execution delay, SUCCESSFUL / FAILED with the device's answer - or back to
PENDING when the device did not answer (an unresponsive device), to be delivered again at its next
registration update. Operations of a sleeping device wait, PENDING, for its awake window. While
the agent is offline nothing is delivered.
"""

from __future__ import annotations

from .agent import Agent
from .agent_commands import Outcome
from .device_commands import run_device_command
from .lwm2m_device import NOT_FOUND
from .operations import Operation
from .state import TenantState


class DeviceAgent(Agent):
    def __init__(self, state: TenantState) -> None:
        super().__init__(state)
        self.name = "simulated-lwm2m-device-agent"

    def _next(self) -> Operation | None:
        """Block until an operation can be delivered; None once stopped."""
        state = self.state
        fleet = state.fleet
        with state.changed:
            while not self._stopped:
                timeout: float | None = None
                if state.agent_online:
                    now = fleet.clock()
                    fleet.queue = [op for op in fleet.queue if op.status == "PENDING"]
                    for op in fleet.queue:
                        if fleet.deliverable(op, now):
                            fleet.queue.remove(op)
                            return op
                    chance = fleet.next_chance(now)
                    timeout = None if chance is None else max(0.01, chance - fleet.clock())
                state.changed.wait(timeout)
        return None

    def _not_delivered(self, op: Operation) -> None:
        with self.state.lock:
            self.state.fleet.enqueue(op)  # offline again: stays PENDING

    def _answer(self, op: Operation) -> None:
        state = self.state
        with state.lock:
            view = state.devices.get(op.device_id)
            answered = state.fleet.answers(op, view)
            if not answered:
                outcome = None
            elif view is None:
                gone = f"{NOT_FOUND}: the device is no longer registered"
                outcome = Outcome("FAILED", gone, NOT_FOUND)
            else:
                model = state.fleet.model(op.device_id, view)
                reboots = model.reboots
                outcome = run_device_command(op.command_text, model)
                if model.reboots > reboots:  # it registers again after a reboot
                    state.fleet.wake(op.device_id)
        if outcome is None:  # no answer: back to PENDING until the next registration update
            state.update_operation(op, "PENDING")
            with state.lock:
                state.fleet.enqueue(op)
            return
        result = state.devices.hostile.taint("results", outcome.result)
        reason = outcome.failure_reason
        if reason is not None:
            reason = state.devices.hostile.taint("reasons", reason)
        state.update_operation(op, outcome.status, result, reason)
