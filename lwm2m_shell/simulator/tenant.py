"""SimulatedTenant: the public face of the simulator (start, stop, inspect, control)."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from .agent import Agent
from .config import Fault, SimulatorConfig
from .device_agent import DeviceAgent
from .device_commands import run_line
from .faults import FaultBook, Hit
from .generate import mix
from .server import SimulatorHTTPServer
from .state import TenantState


class SimulatedTenant:
    """A Cumulocity tenant with the LWM2M agent, served over HTTP on loopback.

    Usage: ``with SimulatedTenant(devices=100) as tenant: ... tenant.url ...``.
    """

    def __init__(self, config: SimulatorConfig | None = None, **overrides: Any) -> None:
        self.config = dataclasses.replace(config or SimulatorConfig(), **overrides)
        self.config.validate()
        self.state = TenantState(self.config)
        self.tenant_id = self.config.tenant_id
        self._faults = FaultBook(mix(self.config.seed, 777))
        self._server: SimulatorHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._agent: Agent | None = None
        self._device_agent: DeviceAgent | None = None
        self._url: str | None = None

    # --- lifecycle -----------------------------------------------------------------------
    def start(self) -> SimulatedTenant:
        """Serve in a background thread (and start the agent); returns self."""
        if self._server is not None:
            return self
        server = SimulatorHTTPServer((self.config.host, self.config.port), self)
        host, port = str(server.server_address[0]), int(server.server_address[1])
        shown = f"[{host}]" if ":" in host else host
        self._url = f"http://{shown}:{port}"
        self.state.base_url = self._url
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True,
            name="simulated-tenant-http",
        )  # fmt: skip
        self._thread.start()
        self._agent = Agent(self.state)
        self._agent.start()
        self._device_agent = DeviceAgent(self.state)
        self._device_agent.start()
        return self

    def stop(self) -> None:
        """Stop serving, cut open connections and stop the agent."""
        for agent in (self._agent, self._device_agent):
            if agent is not None:
                agent.stop()
                agent.join(timeout=5)
        self._agent = self._device_agent = None
        if self._server is not None:
            self._server.shutdown()
            self._server.close_connections()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> SimulatedTenant:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (available once started)."""
        if self._url is None:
            raise RuntimeError("the simulated tenant is not started")
        return self._url

    @property
    def connector_id(self) -> str:
        """ID of the (first) connector device; RuntimeError when the tenant has none."""
        ids = self.state.devices.connector_ids()
        if not ids:
            raise RuntimeError("this simulated tenant has no connector device")
        return ids[0]

    @property
    def connector_ids(self) -> list[str]:
        return self.state.devices.connector_ids()

    # --- control -------------------------------------------------------------------------
    def add_fault(self, fault: Fault) -> None:
        self._faults.add(fault)

    def revoke_tokens(self) -> int:
        """Revoke every OAuth token the tenant issued (clients get 401 and must log in again)."""
        return self.state.auth.revoke_all()

    def clear_faults(self) -> None:
        self._faults.clear()

    def faults(self) -> list[Fault]:
        """The faults still active (those with ``times`` left)."""
        return self._faults.active()

    def set_agent(
        self,
        *,
        online: bool | None = None,
        pending_delay: float | None = None,
        execution_delay: float | None = None,
    ) -> None:
        self.state.set_agent(online, pending_delay, execution_delay)

    def add_device(self, *, name: str | None = None, endpoint: str | None = None) -> str:
        """Add an LWM2M device (not migrated, one registration); returns its ID.

        ValueError when the endpoint is already taken or not usable.
        """
        with self.state.lock:
            return self.state.devices.add(name, endpoint, time.time())

    def set_device_mode(self, device_id: str, mode: str, awake_ms: int | None = None) -> bool:
        """Make an LWM2M device ``online``, ``sleeping`` (awake ``awake_ms`` after each update)
        or ``unresponsive``; False when there is no such LWM2M device, ValueError for a bad mode.
        """
        if awake_ms is not None and awake_ms < 0:
            raise ValueError("awakeTime must not be negative")
        with self.state.changed:
            changed = self.state.devices.set_mode(device_id, mode, awake_ms)
            self.state.changed.notify_all()
            return changed

    def wake_device(self, device_id: str) -> bool:
        """A registration update of an LWM2M device now: a sleeping one opens its awake window,
        operations an unresponsive one missed are delivered again. False when there is none.
        """
        with self.state.changed:
            view = self.state.devices.get(device_id)
            if view is None or view.kind != "lwm2m":
                return False
            self.state.fleet.wake(device_id)
            self.state.changed.notify_all()
            return True

    def set_registration_interval(self, seconds: float) -> None:
        """Seconds between the periodic registration updates of every LWM2M device."""
        with self.state.changed:
            self.state.fleet.set_interval(seconds)
            self.state.changed.notify_all()

    def lwm2m_device_state(self, device_id: str) -> dict[str, Any] | None:
        """Mode, registration updates, queue and (once it got an operation) object-model state
        of an LWM2M device; None when there is none."""
        with self.state.lock:
            return self.state.fleet.device_json(device_id)

    def read_resource(self, device_id: str, path: str) -> Any:
        """A value of a device's object model as ``read`` would answer it (for tests)."""
        with self.state.lock:
            view = self.state.devices.get(device_id)
            if view is None or view.kind != "lwm2m":
                raise KeyError(device_id)
            return run_line(f"read {path}", self.state.fleet.model(device_id, view))

    def commands(self, device_id: str | None = None) -> list[dict[str, Any]]:
        """Every c8y_Command operation received (connector and device ones), in order:
        ``{"operationId", "deviceId", "text", "time"}`` with the text exactly as sent."""
        with self.state.lock:
            return [
                dict(c)
                for c in self.state.fleet.commands
                if device_id is None or c["deviceId"] == device_id
            ]

    def rename_device(self, device_id: str, name: str) -> bool:
        """Give a managed object another name (any text); False when it does not exist."""
        with self.state.lock:
            return self.state.devices.rename(device_id, name)

    def remove_device(self, device_id: str) -> None:
        """Delete a managed object; KeyError when it does not exist."""
        with self.state.changed:
            if not self.state.devices.remove(device_id):
                raise KeyError(device_id)
            self.state.changed.notify_all()  # the device agent answers its queued operations

    # --- inspection ----------------------------------------------------------------------
    def operations(self, device_id: str | None = None) -> list[dict[str, Any]]:
        """A snapshot of the operations (API JSON), in creation order."""
        return self.state.operations_json(device_id)

    def request_count(self, path_prefix: str = "/") -> int:
        """How many API requests (not control ones) had a path starting with the prefix."""
        with self.state.lock:
            return sum(n for path, n in self.state.requests.items() if path.startswith(path_prefix))

    def connection_count(self) -> int:
        """How many TCP connections the server accepted (API and control ones alike)."""
        return self._server.accepted if self._server is not None else 0

    def subscribe(self, callback: Callable[[str, dict[str, Any]], None]) -> Callable[[], None]:
        """Call ``callback(action, operation)`` on every operation CREATE and UPDATE.

        Callbacks run on the thread that made the change, outside the tenant lock; exceptions
        they raise are ignored. Returns a function that unsubscribes.
        """
        return self.state.listeners.add(callback)

    def lwm2m_devices(self) -> list[dict[str, Any]]:
        """Every existing LWM2M device with its simulator-side state (for tests)."""
        state = self.state
        with state.lock:
            devices = state.devices
            views = [
                devices.slot_view(slot)
                for slot in devices.iter_slots()
                if devices.space.is_lwm2m_slot(slot)
            ]
            views += [d.view() for d in devices.added.values()]
            return [
                {
                    "id": v.id,
                    "name": v.name,
                    "type": v.type,
                    "endpoint": v.endpoint,
                    "externalIds": [{"type": t, "externalId": x} for t, x in v.external_ids],
                    "migrated": v.migrated,
                    "registrationsMigrated": v.registrations_migrated,
                    "registrations": list(v.registrations),
                    "routeObjects": v.route_objects,
                    "mode": v.mode,
                    "awakeTime": v.awake_ms,
                }
                for v in views
            ]

    def route_objects(self, endpoint: str) -> int:
        """How many cluster-tenant route objects exist for an endpoint (also of deleted devices)."""
        with self.state.lock:
            devices = self.state.devices
            slot = devices.space.slot_of_endpoint(endpoint)
            if slot is not None:
                return (
                    0 if slot in devices.cleaned_slots else devices.space.device(slot).route_objects
                )
            added = devices.added_by_endpoint.get(endpoint)
            return added.route_objects if added is not None else 0

    def state_json(self) -> dict[str, Any]:
        """Counts of devices, operations and requests (also ``GET /__simulator__/state``)."""
        state = self.state
        with state.lock:
            devices = state.devices
            space = devices.space
            removed_lwm2m = sum(1 for s in devices.removed_slots if space.is_lwm2m_slot(s))
            added = len(devices.added)
            return {
                "tenant": self.tenant_id,
                "url": self._url,
                "connectorIds": devices.connector_ids(),
                "devices": {
                    "lwm2m": space.lwm2m_count - removed_lwm2m + added,
                    "other": space.slots
                    - space.lwm2m_count
                    - (len(devices.removed_slots) - removed_lwm2m),
                    "connectors": len(devices.connectors),
                    "added": added,
                    "removed": len(devices.removed_slots),
                },
                "operations": {"total": len(state.ops.items), "byStatus": state.ops.counts()},
                "requests": dict(sorted(state.requests.items())),
                "connections": self.connection_count(),
                "agent": state.agent_json(),
                "faults": [f.to_json() for f in self._faults.active()],
            }

    # --- used by the HTTP handler --------------------------------------------------------
    def note_request(self, method: str, path: str) -> Hit:
        """Count an API request and decide which faults hit it."""
        with self.state.lock:
            self.state.requests[path] += 1
        return self._faults.match(method, path)
