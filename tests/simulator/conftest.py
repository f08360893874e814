"""Fixtures: a small simulated tenant with fast agent delays, and httpx clients for it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant
from tests.helpers import TenantFactory, wait_until

JSON = {"Accept": "application/json"}


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    return make_tenant(devices=50, pending_delay=0.01, execution_delay=0.01)


def admin_client(tenant: SimulatedTenant, **kwargs: Any) -> httpx.Client:
    return httpx.Client(
        base_url=tenant.url,
        auth=(f"{tenant.tenant_id}/{ADMIN_USER}", ADMIN_PASSWORD),
        headers=JSON,
        timeout=10,
        **kwargs,
    )


@pytest.fixture
def client(tenant: SimulatedTenant) -> Iterator[httpx.Client]:
    with admin_client(tenant) as http:
        yield http


def run_command(client: httpx.Client, connector_id: str, text: str) -> dict[str, Any]:
    """Create a c8y_Command operation and wait for its final state over the API."""
    created = client.post(
        "/devicecontrol/operations",
        json={"deviceId": connector_id, "c8y_Command": {"text": text}},
    )
    assert created.status_code == 201, created.text
    op_id = created.json()["id"]

    def final() -> dict[str, Any] | None:
        op: dict[str, Any] = client.get(f"/devicecontrol/operations/{op_id}").json()
        return op if op["status"] in ("SUCCESSFUL", "FAILED") else None

    result: dict[str, Any] = wait_until(final, 20, f"operation {op_id} to end")
    return result
