"""The LWM2M side of the simulated tenant: device object models, registration updates, the queue
of device shell operations and the record of every ``c8y_Command`` received.

Object models are built on a device's first operation (the tenant may hold millions of devices).
Registration updates are computed, not scheduled: a device updates every ``interval`` seconds
from the tenant's start, at a phase of its own, plus whenever the control path wakes it.
Callers hold the tenant lock.
"""

from __future__ import annotations

import math
import time
import zlib
from collections.abc import Callable
from typing import Any

from .device_modes import SLEEPING, UNRESPONSIVE
from .devices import DeviceView, TenantDevices
from .lwm2m_device import Lwm2mDevice
from .operations import Operation


class DeviceFleet:
    def __init__(
        self,
        devices: TenantDevices,
        interval: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.tenant_devices = devices
        self.interval = interval
        self.clock = clock
        self.started = clock()
        self.models: dict[str, Lwm2mDevice] = {}
        self.forced: dict[str, list[float]] = {}  # device ID -> times it was woken
        self.queue: list[Operation] = []  # PENDING device shell operations, oldest first
        self.returned: dict[str, float] = {}  # op ID -> when it went back to PENDING
        self.commands: list[dict[str, Any]] = []  # every c8y_Command received, in order

    # --- record --------------------------------------------------------------------------
    def record(self, op: Operation) -> None:
        self.commands.append(
            {
                "operationId": op.id,
                "deviceId": op.device_id,
                "text": op.command_text,
                "time": op.created,
            }
        )

    # --- object models -------------------------------------------------------------------
    def model(self, device_id: str, view: DeviceView) -> Lwm2mDevice:
        found = self.models.get(device_id)
        if found is None:
            found = Lwm2mDevice(device_id, view.mode == SLEEPING)
            self.models[device_id] = found
        job = found.firmware
        if job is not None:
            found.advance_firmware(self.updates_between(device_id, job.started, self.clock()))
        return found

    # --- registration updates ------------------------------------------------------------
    def _phase(self, device_id: str) -> float:
        return (zlib.crc32(device_id.encode()) % 10_000) / 10_000 * self.interval

    def _periodic_count(self, device_id: str, at: float) -> int:
        """How many periodic updates (the first one interval + phase after the start) by ``at``."""
        elapsed = at - self.started - self._phase(device_id)
        return max(0, math.floor(elapsed / self.interval))

    def last_update(self, device_id: str, now: float) -> float | None:
        count = self._periodic_count(device_id, now)
        periodic = self.started + self._phase(device_id) + count * self.interval if count else None
        forced = [t for t in self.forced.get(device_id, ()) if t <= now]
        times = [t for t in (periodic, max(forced, default=None)) if t is not None]
        return max(times) if times else None

    def next_update(self, device_id: str, now: float) -> float:
        count = self._periodic_count(device_id, now)
        return self.started + self._phase(device_id) + (count + 1) * self.interval

    def updates_between(self, device_id: str, start: float, end: float) -> int:
        periodic = self._periodic_count(device_id, end) - self._periodic_count(device_id, start)
        forced = sum(1 for t in self.forced.get(device_id, ()) if start < t <= end)
        return periodic + forced

    def wake(self, device_id: str) -> None:
        """A registration update now (the control path's 'wake')."""
        self.forced.setdefault(device_id, []).append(self.clock())

    def set_interval(self, interval: float) -> None:
        if interval <= 0:
            raise ValueError("registrationInterval must be positive")
        self.interval = interval

    # --- the queue -----------------------------------------------------------------------
    def enqueue(self, op: Operation) -> None:
        self.queue.append(op)
        self.queue.sort(key=lambda queued: queued.created)

    def deliverable(self, op: Operation, now: float) -> bool:
        view = self.tenant_devices.get(op.device_id)
        if view is None:
            return True  # answered at once: the device is gone
        if op.id in self.returned:
            last = self.last_update(op.device_id, now)
            if last is None or last <= self.returned[op.id]:
                return False
        if view.mode == SLEEPING:
            last = self.last_update(op.device_id, now)
            return last is not None and now < last + view.awake_ms / 1000
        return True

    def next_chance(self, now: float) -> float | None:
        """When a queued operation that cannot go now may go next (None: nothing waits)."""
        waiting = {op.device_id for op in self.queue if not self.deliverable(op, now)}
        return min((self.next_update(d, now) for d in waiting), default=None)

    def answers(self, op: Operation, view: DeviceView | None) -> bool:
        """Whether the device answers this delivery; records the timeout when it does not."""
        if view is None or view.mode != UNRESPONSIVE or op.id in self.returned:
            self.returned.pop(op.id, None)
            return True
        self.returned[op.id] = self.clock()
        return False

    # --- inspection ----------------------------------------------------------------------
    def device_json(self, device_id: str) -> dict[str, Any] | None:
        view = self.tenant_devices.get(device_id)
        if view is None or view.kind != "lwm2m":
            return None
        now = self.clock()
        body: dict[str, Any] = {
            "id": device_id,
            "mode": view.mode,
            "awakeTime": view.awake_ms,
            "registrationInterval": self.interval,
            "lastUpdate": self.last_update(device_id, now),
            "nextUpdate": self.next_update(device_id, now),
            "queued": [op.id for op in self.queue if op.device_id == device_id],
        }
        model = self.models.get(device_id)
        if model is not None:
            self.model(device_id, view)
            body.update(
                {
                    "serialization": model.serialization,
                    "observations": [list(o) for o in model.observations],
                    "attributes": model.attributes,
                    "reboots": model.reboots,
                    "firmwareState": model.values[(5, 0)][3],
                }
            )
        return body
