"""Fixtures of the device shell's end-to-end tests: a simulated tenant whose LWM2M devices answer
device commands, driven only through the simulator's documented control API
(``/__simulator__/devices/{id}/lwm2m``, ``.../wake``, ``/__simulator__/commands``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers.tenants import TenantFactory


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    """Registration updates only when a test wakes a device (the periodic ones an hour off);
    operations execute long enough for EXECUTING to be seen."""
    return make_tenant(
        devices=30, pending_delay=0.0, execution_delay=0.3, registration_interval=3600
    )


class Control:
    """The simulator's control API, over HTTP on loopback."""

    def __init__(self, tenant: SimulatedTenant) -> None:
        self.tenant = tenant
        self.http = httpx.Client(base_url=tenant.url, timeout=10)

    def device(self, mode: str = "online") -> dict[str, Any]:
        """An LWM2M device of the simulated tenant in ``mode`` with an IMEI endpoint (short
        enough to be shown whole in the prompt): id, name, endpoint, mode."""
        return next(
            d
            for d in self.tenant.lwm2m_devices()
            if d["mode"] == mode and str(d["endpoint"]).startswith("urn:imei:")
        )

    def set_mode(self, device_id: str, mode: str, awake_ms: int | None = None) -> None:
        body: dict[str, Any] = {"mode": mode}
        if awake_ms is not None:
            body["awakeTime"] = awake_ms
        answer = self.http.post(f"/__simulator__/devices/{device_id}/lwm2m", json=body)
        assert answer.status_code == 200, answer.text

    def wake(self, device_id: str) -> None:
        answer = self.http.post(f"/__simulator__/devices/{device_id}/wake")
        assert answer.status_code == 200, answer.text

    def commands(self, device_id: str | None = None) -> list[dict[str, Any]]:
        params = {"deviceId": device_id} if device_id else {}
        answer = self.http.get("/__simulator__/commands", params=params)
        assert answer.status_code == 200, answer.text
        return list(answer.json())

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def control(tenant: SimulatedTenant) -> Iterator[Control]:
    made = Control(tenant)
    yield made
    made.close()


@pytest.fixture
def spawn_timeout() -> float:
    return 30.0
