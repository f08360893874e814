"""The test-only control path /__simulator__/ and its sharing of the Python methods."""

from __future__ import annotations

import httpx
import pytest

from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, Fault, SimulatedTenant

from .conftest import run_command


@pytest.fixture
def control(tenant: SimulatedTenant) -> httpx.Client:
    return httpx.Client(base_url=f"{tenant.url}/__simulator__")


def test_state_counts(tenant: SimulatedTenant, client: httpx.Client, control: httpx.Client) -> None:
    client.get("/inventory/managedObjects")
    state = control.get("/state").json()
    assert state["tenant"] == tenant.tenant_id
    assert state["connectorIds"] == [tenant.connector_id]
    assert state["devices"]["lwm2m"] == 50 and state["devices"]["connectors"] == 1
    assert state["operations"]["total"] == len(tenant.operations())
    assert state["requests"] == {"/inventory/managedObjects": 1}
    assert tenant.request_count() == 1  # control requests are not counted


def test_faults_through_control_path(
    tenant: SimulatedTenant, client: httpx.Client, control: httpx.Client
) -> None:
    added = control.post("/faults", json={"kind": "status", "status": 503, "times": None})
    assert added.status_code == 201
    assert tenant.faults() == [Fault("status", status=503, times=None)]
    assert control.get("/faults").json()[0]["status"] == 503
    assert client.get("/tenant/currentTenant").status_code == 503
    assert control.get("/state").status_code == 200  # faults never hit the control path
    assert control.delete("/faults").status_code == 204
    assert client.get("/tenant/currentTenant").status_code == 200
    for bad in ({"kind": "explode"}, {"status": 500}, {"kind": "drop", "colour": "red"}, [1]):
        response = control.post("/faults", json=bad)
        assert response.status_code == 400, bad
        assert "message" in response.json()


def test_agent_through_control_path(
    tenant: SimulatedTenant, client: httpx.Client, control: httpx.Client
) -> None:
    answer = control.post("/agent", json={"online": False, "pendingDelay": 0, "executionDelay": 0})
    assert answer.json() == {"online": False, "pendingDelay": 0, "executionDelay": 0, "queued": 0}
    op = client.post(
        "/devicecontrol/operations",
        json={"deviceId": tenant.connector_id, "c8y_Command": {"text": "help"}},
    ).json()
    assert control.get("/agent").json()["queued"] == 1
    assert client.get(op["self"]).json()["status"] == "PENDING"
    control.post("/agent", json={"online": True})
    assert run_command(client, tenant.connector_id, "help")["status"] == "SUCCESSFUL"
    assert client.get(op["self"]).json()["status"] == "SUCCESSFUL"
    assert control.post("/agent", json={"online": "yes"}).status_code == 400
    assert control.post("/agent", json={"pendingDelay": -1}).status_code == 400


def test_devices_through_control_path(
    tenant: SimulatedTenant, client: httpx.Client, control: httpx.Client
) -> None:
    created = control.post("/devices", json={"name": "new one", "endpoint": "meter-x1"})
    assert created.status_code == 201
    device_id = created.json()["id"]
    mo = client.get(f"/inventory/managedObjects/{device_id}").json()
    assert mo["name"] == "new one" and "c8y_IsLwm2mDevice" in mo
    assert control.post("/devices", json={"endpoint": "meter-x1"}).status_code == 409
    assert control.post("/devices", json={"colour": 1}).status_code == 400
    assert control.delete(f"/devices/{device_id}").status_code == 204
    assert client.get(f"/inventory/managedObjects/{device_id}").status_code == 404
    assert control.delete(f"/devices/{device_id}").status_code == 404
    assert control.get("/nothing").status_code == 404
    assert control.get("/state").json()["devices"]["lwm2m"] == 50


def test_clock_through_control_path(
    tenant: SimulatedTenant, client: httpx.Client, control: httpx.Client
) -> None:
    """A token issued now is refused once the tenant's clock is moved past its lifetime."""
    form = {"grant_type": "PASSWORD", "username": ADMIN_USER, "password": ADMIN_PASSWORD}
    issued = client.post("/tenant/oauth/token", data=form, auth=None).json()
    bearer = {"Authorization": f"Bearer {issued['access_token']}"}
    assert client.get("/user/currentUser", headers=bearer, auth=None).status_code == 200
    assert control.get("/clock").json()["offset"] == 0
    moved = control.post("/clock", json={"advance": issued["expires_in"]})
    assert moved.status_code == 200 and moved.json()["offset"] == issued["expires_in"]
    refused = client.get("/user/currentUser", headers=bearer, auth=None)
    assert refused.status_code == 401 and "expired" in refused.json()["message"]
    for bad in ({"advance": -5}, {"advance": "1h"}, {"back": 1}, [3]):
        answer = control.post("/clock", json=bad)
        assert answer.status_code == 400 and "message" in answer.json(), bad
    assert control.get("/clock").json()["offset"] == issued["expires_in"]
