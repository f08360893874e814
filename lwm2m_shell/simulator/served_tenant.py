"""What the HTTP server and the control endpoints need of the tenant they serve.

``SimulatedTenant`` (``tenant.py``) builds the server and hands itself in; the server and
``control`` see it through this protocol, so they do not import ``tenant`` back (no import circle).
"""

from __future__ import annotations

from typing import Any, Protocol

from .config import Fault, SimulatorConfig
from .faults import Hit
from .state import TenantState


class ServedTenant(Protocol):
    """The tenant as the server (requests, faults, latency) and ``control`` drive it."""

    config: SimulatorConfig
    state: TenantState

    def note_request(self, method: str, path: str) -> Hit: ...

    def state_json(self) -> dict[str, Any]: ...

    def faults(self) -> list[Fault]: ...

    def add_fault(self, fault: Fault) -> None: ...

    def clear_faults(self) -> None: ...

    def revoke_tokens(self) -> int: ...

    def set_agent(
        self,
        *,
        online: bool | None = None,
        pending_delay: float | None = None,
        execution_delay: float | None = None,
    ) -> None: ...

    def add_device(self, *, name: str | None = None, endpoint: str | None = None) -> str: ...

    def rename_device(self, device_id: str, name: str) -> bool: ...

    def remove_device(self, device_id: str) -> None: ...

    def set_device_mode(self, device_id: str, mode: str, awake_ms: int | None = None) -> bool: ...

    def wake_device(self, device_id: str) -> bool: ...

    def set_registration_interval(self, seconds: float) -> None: ...

    def lwm2m_device_state(self, device_id: str) -> dict[str, Any] | None: ...

    def commands(self, device_id: str | None = None) -> list[dict[str, Any]]: ...
