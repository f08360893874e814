"""The first things any client does: tenant, user, connector, a command round trip."""

from __future__ import annotations

import httpx

from lwm2m_shell.simulator import SimulatedTenant

from .conftest import run_command


def test_tenant_user_and_connector(tenant: SimulatedTenant, client: httpx.Client) -> None:
    assert client.get("/tenant/currentTenant").json()["name"] == "t100200"
    roles = {r["id"] for r in client.get("/user/currentUser").json()["effectiveRoles"]}
    assert "ROLE_DEVICE_CONTROL_ADMIN" in roles
    found = client.get(
        "/inventory/managedObjects", params={"type": "c8y_lwm2m_connector_device"}
    ).json()["managedObjects"]
    assert [mo["id"] for mo in found] == [tenant.connector_id]
    assert found[0]["c8y_SupportedOperations"] == ["c8y_Command"]


def test_help_round_trip(tenant: SimulatedTenant, client: httpx.Client) -> None:
    op = run_command(client, tenant.connector_id, "help")
    assert op["status"] == "SUCCESSFUL"
    assert "migrateLwm2mDevices" in op["c8y_Command"]["result"]
