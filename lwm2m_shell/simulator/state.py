"""Everything the simulated tenant holds, behind one lock, and the changes it allows.

Both the HTTP API handlers, the control path and the SimulatedTenant methods go through
``TenantState``; nothing else mutates the data.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Any

from .agent_commands import HELP_TEXT
from .auth import Authenticator
from .config import SimulatorConfig
from .device_fleet import DeviceFleet
from .device_modes import DeviceModes
from .devices import TenantDevices
from .hostile_text import HostileText
from .inventory import Inventory
from .operations import Event, Listeners, Operation, OperationStore


class NotFound(Exception):
    """The referenced object does not exist."""


class TenantState:
    def __init__(self, config: SimulatorConfig) -> None:
        self.config = config
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.base_url = "http://127.0.0.1"
        now = time.time()
        self.devices = TenantDevices(
            config.seed,
            config.devices,
            config.connectors,
            now,
            hostile=HostileText.everywhere(config.hostile_text),
            modes=DeviceModes(
                config.seed,
                config.sleeping_share,
                config.unresponsive_share,
                round(config.awake_time * 1000),
            ),
        )
        self.fleet = DeviceFleet(self.devices, config.registration_interval)
        self.inventory = Inventory(self.devices)
        self.ops = OperationStore(lambda: self.base_url)
        self.listeners = Listeners()
        self.auth = Authenticator(config.tenant_id, config.token_lifetime)
        self.agent_online = config.agent_online
        self.pending_delay = config.pending_delay
        self.execution_delay = config.execution_delay
        self.requests: Counter[str] = Counter()
        self._seed_operations(now)

    # --- operations ----------------------------------------------------------------------
    def create_operation(self, device_id: str, fragments: dict[str, Any]) -> dict[str, Any]:
        """Create a PENDING operation; NotFound if the device does not exist."""
        with self.lock:
            device = self.devices.get(device_id)
            if device is None:
                raise NotFound(f"Managed object with id {device_id} not found")
            op = Operation(self.devices.new_id(), device_id, device.name, time.time())
            op.fragments = {k: v for k, v in fragments.items() if k not in _RESERVED_FIELDS}
            command = "c8y_Command" in op.fragments
            agent_work = device.kind == "connector" and command
            event = self.ops.add(op, agent_work=agent_work)
            if command:
                self.fleet.record(op)
                if device.kind == "lwm2m":
                    self.fleet.enqueue(op)
            self.changed.notify_all()
        self.listeners.fire([event])
        return event[1]

    def update_operation(
        self, op: Operation, status: str, result: str | None = None, reason: str | None = None
    ) -> None:
        with self.lock:
            event = self.ops.update(op, status, result, reason)
            self.changed.notify_all()
        self.listeners.fire([event])

    def operations_json(self, device_id: str | None = None) -> list[dict[str, Any]]:
        with self.lock:
            return [
                op.to_json(self.base_url)
                for op in self.ops.items.values()
                if device_id is None or op.device_id == device_id
            ]

    # --- agent ---------------------------------------------------------------------------
    def set_agent(
        self,
        online: bool | None = None,
        pending_delay: float | None = None,
        execution_delay: float | None = None,
    ) -> None:
        for value in (pending_delay, execution_delay):
            if value is not None and value < 0:
                raise ValueError("agent delays must not be negative")
        with self.lock:
            if online is not None:
                self.agent_online = online
            if pending_delay is not None:
                self.pending_delay = pending_delay
            if execution_delay is not None:
                self.execution_delay = execution_delay
            self.changed.notify_all()

    def agent_json(self) -> dict[str, Any]:
        with self.lock:
            return {
                "online": self.agent_online,
                "pendingDelay": self.pending_delay,
                "executionDelay": self.execution_delay,
                "queued": len(self.ops.command_queue),
            }

    # --- seeded history ------------------------------------------------------------------
    def _seed_operations(self, now: float) -> None:
        connectors = self.devices.connectors
        events: list[Event] = []
        day = 86_400.0
        if connectors:
            connector = connectors[0]
            for age, status, description, outcome in _BULK_HISTORY:
                op = Operation(self.devices.new_id(), connector.id, connector.name, now - age * day)
                op.status = status
                op.fragments = {
                    "description": description,
                    "sim_BulkRegistration": {"fileName": f"devices-{int(age)}.csv"},
                }
                if status == "FAILED":
                    op.failure_reason = outcome
                else:
                    op.fragments["result"] = outcome
                events.append(self.ops.add(op, agent_work=False))
            for age, status, text, result, reason in _COMMAND_HISTORY:
                op = Operation(self.devices.new_id(), connector.id, connector.name, now - age * day)
                op.status = status
                shown = HELP_TEXT if text == "help" else result
                op.fragments = {
                    "description": f"Execute shell command: {text}",
                    "c8y_Command": {"text": text, "result": shown},
                }
                op.failure_reason = reason
                events.append(self.ops.add(op, agent_work=False))
        others = [s for s in range(min(self.devices.space.slots, 40)) if s % 10 == 9]
        for number, slot in enumerate(others[:3]):
            view = self.devices.slot_view(slot)
            op = Operation(self.devices.new_id(), view.id, view.name, now - (3 - number) * day / 2)
            op.status = "SUCCESSFUL" if number else "PENDING"
            op.fragments = {"description": "Restart device", "c8y_Restart": {}}
            events.append(self.ops.add(op, agent_work=False))


_RESERVED_FIELDS = frozenset(
    {"id", "self", "deviceId", "deviceName", "creationTime", "status", "failureReason"}
)

_BULK_HISTORY = (
    (30.0, "SUCCESSFUL", "Bulk device registration", "12 of 12 devices registered"),
    (21.0, "FAILED", "Bulk device registration", "Line 4: endpoint urn:imei:1 is invalid"),
    (9.0, "SUCCESSFUL", "Bulk device registration", "40 of 40 devices registered"),
)

_COMMAND_HISTORY = (
    (8.0, "SUCCESSFUL", "help", "", None),
    (7.5, "FAILED", "migrateLwm2mDevices -d 1", "1: FAILED - no managed object with this ID",
     "1 of 1 device(s) could not be migrated"),
    (6.0, "FAILED", "invalidateRegistrationById AAAAAAAAAA",
     "No LWM2M registration with ID AAAAAAAAAA", "No LWM2M registration with ID AAAAAAAAAA"),
    (2.0, "SUCCESSFUL", "cleanupClusterTenantObjectsForEndpoint urn:imei:350000000000000",
     "No cluster tenant objects found for endpoint urn:imei:350000000000000; nothing to clean up.",
     None),
)  # fmt: skip
