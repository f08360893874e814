"""The devicecontrol API: creating operations, media types, errors, listing filters."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import httpx

from lwm2m_shell.simulator import SimulatedTenant

from .conftest import run_command

VENDOR_OPERATION = "application/vnd.com.nsn.cumulocity.operation+json"


def create(client: httpx.Client, body: object, **kwargs: object) -> httpx.Response:
    return client.post("/devicecontrol/operations", json=body, **kwargs)  # type: ignore[arg-type]


def test_create_answers_201_with_the_operation(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    response = create(
        client,
        {"deviceId": tenant.connector_id, "description": "d", "c8y_Command": {"text": "help"}},
    )
    assert response.status_code == 201
    assert response.headers["content-type"].startswith("application/json")
    op = response.json()
    assert op["status"] == "PENDING" and op["deviceId"] == tenant.connector_id
    assert op["c8y_Command"] == {"text": "help"} and op["description"] == "d"
    assert op["self"] == f"{tenant.url}/devicecontrol/operations/{op['id']}"
    assert response.headers["location"] == op["self"]
    created = datetime.fromisoformat(op["creationTime"].replace("Z", "+00:00"))
    assert abs(created - datetime.now(timezone.utc)) < timedelta(minutes=1)
    assert len(op["creationTime"]) == len("2026-11-25T20:11:00.123Z")


def test_vendor_media_type_and_missing_accept(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    body = {"deviceId": tenant.connector_id, "c8y_Command": {"text": "help"}}
    vendor = create(client, body, headers={"Accept": VENDOR_OPERATION})
    assert vendor.headers["content-type"].startswith(VENDOR_OPERATION)
    assert vendor.json()["status"] == "PENDING"
    client.headers.pop("Accept")
    bare = client.build_request("POST", "/devicecontrol/operations", json=body)
    assert "accept" not in bare.headers
    empty = client.send(bare)
    assert empty.status_code == 201 and empty.content == b""
    assert sum(op["deviceId"] == tenant.connector_id for op in tenant.operations()) >= 2


def test_create_errors(tenant: SimulatedTenant, client: httpx.Client) -> None:
    before = len(tenant.operations())
    missing = create(client, {"c8y_Command": {"text": "help"}})
    assert missing.status_code == 422
    unknown = create(client, {"deviceId": "424242424", "c8y_Command": {"text": "help"}})
    assert unknown.status_code == 404
    bad_json = client.post(
        "/devicecontrol/operations",
        content=b"{not json",
        headers={"Content-Type": "application/json"},
    )
    assert bad_json.status_code == 400
    not_json = client.post(
        "/devicecontrol/operations", content=b"x", headers={"Content-Type": "text/plain"}
    )
    assert not_json.status_code == 415
    assert create(client, ["deviceId"]).status_code == 422
    for response in (missing, unknown, bad_json, not_json):
        assert set(response.json()) == {"error", "message", "info"}
    assert len(tenant.operations()) == before
    assert client.put("/devicecontrol/operations").status_code == 405
    assert client.get("/no/such/resource").status_code == 404


def test_get_one_and_404(tenant: SimulatedTenant, client: httpx.Client) -> None:
    op = tenant.operations()[0]
    assert client.get(f"/devicecontrol/operations/{op['id']}").json() == op
    missing = client.get("/devicecontrol/operations/1")
    assert missing.status_code == 404 and "error" in missing.json()


def test_list_filters(tenant: SimulatedTenant, client: httpx.Client) -> None:
    done = run_command(client, tenant.connector_id, "help")
    everything = tenant.operations()

    def listed(**params: object) -> list[str]:
        body = client.get("/devicecontrol/operations", params={"pageSize": 100, **params}).json()
        return [op["id"] for op in body["operations"]]

    assert listed() == [op["id"] for op in everything]
    assert listed(deviceId=tenant.connector_id) == [
        op["id"] for op in everything if op["deviceId"] == tenant.connector_id
    ]
    commands = listed(deviceId=tenant.connector_id, fragmentType="c8y_Command")
    assert done["id"] in commands
    assert all("c8y_Command" in op for op in everything if op["id"] in commands)
    failed = listed(status="FAILED")
    assert failed and all(op["status"] == "FAILED" for op in everything if op["id"] in failed)
    assert client.get("/devicecontrol/operations", params={"status": "DONE"}).status_code == 400
    recent = listed(dateFrom=(datetime.now(timezone.utc) - timedelta(hours=1)).isoformat())
    assert recent == [done["id"]]
    old = listed(dateTo=(datetime.now(timezone.utc) - timedelta(days=5)).isoformat())
    assert old and done["id"] not in old
    window = {"dateFrom": "2000-01-01T00:00:00.000Z", "dateTo": "2100-01-01T00:00:00Z"}
    assert listed(**window, revert="true") == list(reversed(listed(**window)))
    assert listed(revert="true") == listed()  # without a date filter revert has no effect
    bad = client.get("/devicecontrol/operations", params={"dateFrom": "yesterday"})
    assert bad.status_code == 400


def test_operation_paging(tenant: SimulatedTenant, client: httpx.Client) -> None:
    total = len(tenant.operations())
    first = client.get(
        "/devicecontrol/operations", params={"pageSize": 4, "withTotalPages": "true"}
    ).json()
    assert first["statistics"] == {
        "pageSize": 4,
        "currentPage": 1,
        "totalPages": (total + 3) // 4,
    }
    seen = [op["id"] for op in first["operations"]]
    body = first
    while "next" in body:
        body = client.get(body["next"]).json()
        seen += [op["id"] for op in body["operations"]]
    assert seen == [op["id"] for op in tenant.operations()]


def test_operations_the_agent_does_not_handle_are_left_pending(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    """The agent answers c8y_Command of connectors and LWM2M devices only (not c8y_Restart, and
    not commands of other devices)."""
    device = tenant.lwm2m_devices()[0]
    other = next(v.id for v in map(tenant.state.devices.slot_view, range(20)) if v.kind == "other")
    op = create(client, {"deviceId": device["id"], "c8y_Restart": {}}).json()
    command = create(client, {"deviceId": other, "c8y_Command": {"text": "read /3/0/0"}}).json()
    run_command(client, tenant.connector_id, "help")
    run_command(client, device["id"], "read /3/0/0")
    time.sleep(0.05)
    for pending in (op, command):
        assert (
            client.get(f"/devicecontrol/operations/{pending['id']}").json()["status"] == "PENDING"
        )
    assert op["deviceName"] == device["name"]
