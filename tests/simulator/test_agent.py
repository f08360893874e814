"""The simulated agent: status flow, ordering, offline, and each command's effect on the data."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest

from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers import wait_until

from .conftest import run_command


def by_id(tenant: SimulatedTenant) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in tenant.lwm2m_devices()}


def test_status_flow_and_callbacks(tenant: SimulatedTenant, client: httpx.Client) -> None:
    events: list[tuple[str, str, str]] = []
    lock = threading.Lock()

    def record(action: str, op: dict[str, Any]) -> None:
        with lock:
            events.append((action, op["id"], op["status"]))

    unsubscribe = tenant.subscribe(record)
    op = run_command(client, tenant.connector_id, "help")
    unsubscribe()
    mine = [(action, status) for action, op_id, status in events if op_id == op["id"]]
    assert mine == [("CREATE", "PENDING"), ("UPDATE", "EXECUTING"), ("UPDATE", "SUCCESSFUL")]
    run_command(client, tenant.connector_id, "help")
    assert len([e for e in events if e[1] != op["id"]]) == 0


def test_commands_run_one_at_a_time_in_creation_order() -> None:
    with SimulatedTenant(devices=10, pending_delay=0.0, execution_delay=0.05) as tenant:
        order: list[tuple[str, str]] = []
        tenant.subscribe(lambda action, op: order.append((op["id"], op["status"])))
        with httpx.Client(base_url=tenant.url, auth=("admin", "admin-secret-1")) as client:
            ids = [
                client.post(
                    "/devicecontrol/operations",
                    headers={"Accept": "application/json"},
                    json={"deviceId": tenant.connector_id, "c8y_Command": {"text": "help"}},
                ).json()["id"]
                for _ in range(3)
            ]
            wait_until(lambda: all(
                op["status"] == "SUCCESSFUL" for op in tenant.operations() if op["id"] in ids
            ), 20, "the three operations to succeed")  # fmt: skip
        transitions = [(op_id, status) for op_id, status in order if status != "PENDING"]
        expected = [(i, s) for i in ids for s in ("EXECUTING", "SUCCESSFUL")]
        assert transitions == expected


def test_offline_agent_leaves_operations_pending(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    tenant.set_agent(online=False)
    op = client.post(
        "/devicecontrol/operations",
        json={"deviceId": tenant.connector_id, "c8y_Command": {"text": "help"}},
    ).json()
    with pytest.raises(pytest.fail.Exception):
        wait_until(lambda: client.get(op["self"]).json()["status"] != "PENDING", 0.3)
    tenant.set_agent(online=True)
    wait_until(lambda: client.get(op["self"]).json()["status"] == "SUCCESSFUL", 20, "success")


def test_migrate_everything_then_nothing_left(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    before = tenant.lwm2m_devices()
    assert any(not d["migrated"] for d in before)
    first = run_command(client, tenant.connector_id, "migrateLwm2mDevices")
    assert first["status"] == "SUCCESSFUL"
    changed = sum(not d["migrated"] or not d["registrationsMigrated"] for d in before)
    assert f"Migrated {changed} " in first["c8y_Command"]["result"]
    assert all(d["migrated"] and d["registrationsMigrated"] for d in tenant.lwm2m_devices())
    second = run_command(client, tenant.connector_id, "migrateLwm2mDevices")
    assert second["status"] == "SUCCESSFUL"
    assert "Nothing left to migrate" in second["c8y_Command"]["result"]


def test_skip_registrations_then_full_migration(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    skipped = run_command(client, tenant.connector_id, "migrateLwm2mDevices --skipRegistrations")
    assert skipped["status"] == "SUCCESSFUL"
    after = tenant.lwm2m_devices()
    assert all(d["migrated"] for d in after)
    assert any(not d["registrationsMigrated"] for d in after)
    again = run_command(client, tenant.connector_id, "migrateLwm2mDevices -sr")
    assert "Nothing left" in again["c8y_Command"]["result"]
    full = run_command(client, tenant.connector_id, "migrateLwm2mDevices")
    assert full["status"] == "SUCCESSFUL" and "Nothing left" not in full["c8y_Command"]["result"]
    assert all(d["registrationsMigrated"] for d in tenant.lwm2m_devices())


def test_selected_migration_with_unknown_and_non_lwm2m_ids(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    pending = [d for d in tenant.lwm2m_devices() if not d["migrated"]][:2]
    assert len(pending) == 2
    lwm2m_ids = {d["id"] for d in tenant.lwm2m_devices()}
    others = client.get("/inventory/managedObjects", params={"pageSize": 100}).json()
    other = next(
        mo["id"]
        for mo in others["managedObjects"]
        if mo["id"] not in lwm2m_ids and mo["id"] != tenant.connector_id
    )
    text = f"migrateLwm2mDevices -d {pending[0]['id']} 123456789 {other} {pending[1]['id']} -sr"
    op = run_command(client, tenant.connector_id, text)
    assert op["status"] == "FAILED"
    assert "2 of 4" in op["failureReason"]
    result = op["c8y_Command"]["result"]
    assert "123456789: FAILED - no managed object" in result
    assert f"{other}: FAILED - not an LWM2M device" in result
    now = by_id(tenant)
    assert now[pending[0]["id"]]["migrated"] and now[pending[1]["id"]]["migrated"]
    assert not now[pending[0]["id"]]["registrationsMigrated"]
    again = run_command(client, tenant.connector_id, text)
    assert again["status"] == "FAILED"
    assert f"{pending[0]['id']}: already migrated" in again["c8y_Command"]["result"]


def test_selected_and_legacy_syntax(tenant: SimulatedTenant, client: httpx.Client) -> None:
    pending = [d["id"] for d in tenant.lwm2m_devices() if not d["migrated"]]
    assert len(pending) >= 3
    first = run_command(client, tenant.connector_id, f"migrateLwm2mDevices --devices {pending[0]}")
    assert first["status"] == "SUCCESSFUL"
    assert by_id(tenant)[pending[0]]["registrationsMigrated"]
    legacy = f"migrateLwm2mDevices {pending[1]},{pending[2]}"
    second = run_command(client, tenant.connector_id, legacy)
    assert second["status"] == "SUCCESSFUL"
    assert by_id(tenant)[pending[1]]["migrated"] and by_id(tenant)[pending[2]]["migrated"]
    third = run_command(client, tenant.connector_id, legacy)
    assert "Nothing left to migrate" in third["c8y_Command"]["result"]


@pytest.mark.parametrize(
    "text",
    [
        "migrateLwm2mDevices -x",
        "migrateLwm2mDevices -d",
        "migrateLwm2mDevices 1 2",
        "migrateLwm2mDevices -sr -sr",
        "migrateLwm2mDevices 1,,2",
        "invalidateRegistrationById",
        "cleanupClusterTenantObjectsForEndpoint a b",
        "help me",
        "rebootEverything now",
        "   ",
    ],
)
def test_bad_syntax_and_unknown_commands_fail_with_usage(
    tenant: SimulatedTenant, client: httpx.Client, text: str
) -> None:
    before = tenant.lwm2m_devices()
    op = run_command(client, tenant.connector_id, text)
    assert op["status"] == "FAILED"
    assert "sage" in op["failureReason"] or "Available operations" in op["failureReason"]
    assert tenant.lwm2m_devices() == before


def test_cleanup_route_objects_also_for_deleted_devices(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    device = tenant.lwm2m_devices()[4]
    endpoint = device["endpoint"]
    count = tenant.route_objects(endpoint)
    assert count >= 1
    tenant.remove_device(device["id"])
    command = f"cleanupClusterTenantObjectsForEndpoint {endpoint}"
    first = run_command(client, tenant.connector_id, command)
    assert first["status"] == "SUCCESSFUL"
    assert f"Removed {count} " in first["c8y_Command"]["result"]
    assert tenant.route_objects(endpoint) == 0
    second = run_command(client, tenant.connector_id, command)
    assert "nothing to clean up" in second["c8y_Command"]["result"]


def test_invalidate_registrations_for_endpoint(
    tenant: SimulatedTenant, client: httpx.Client
) -> None:
    device = next(d for d in tenant.lwm2m_devices() if len(d["registrations"]) == 2)
    command = f"invalidateRegistrationsForEndpoint {device['endpoint']}"
    first = run_command(client, tenant.connector_id, command)
    assert first["status"] == "SUCCESSFUL"
    assert all(r in first["c8y_Command"]["result"] for r in device["registrations"])
    assert by_id(tenant)[device["id"]]["registrations"] == []
    mo = client.get(f"/inventory/managedObjects/{device['id']}").json()
    assert mo["sim_Lwm2mRegistrations"] == []
    second = run_command(client, tenant.connector_id, command)
    assert second["status"] == "SUCCESSFUL"
    assert "No registrations left" in second["c8y_Command"]["result"]
    unknown = run_command(
        client, tenant.connector_id, "invalidateRegistrationsForEndpoint urn:imei:000000000000000"
    )
    assert unknown["status"] == "FAILED" and "No LWM2M device" in unknown["failureReason"]


def test_invalidate_registration_by_id(tenant: SimulatedTenant, client: httpx.Client) -> None:
    device = next(d for d in tenant.lwm2m_devices() if len(d["registrations"]) == 2)
    target, kept = device["registrations"]
    first = run_command(client, tenant.connector_id, f"invalidateRegistrationById {target}")
    assert first["status"] == "SUCCESSFUL"
    assert by_id(tenant)[device["id"]]["registrations"] == [kept]
    second = run_command(client, tenant.connector_id, f"invalidateRegistrationById {target}")
    assert (
        second["status"] == "SUCCESSFUL"
        and "already invalidated" in second["c8y_Command"]["result"]
    )
    unknown = run_command(client, tenant.connector_id, "invalidateRegistrationById F7DqjmW3Yy")
    assert unknown["status"] == "FAILED" and "F7DqjmW3Yy" in unknown["failureReason"]


def test_added_device_takes_part_in_commands(tenant: SimulatedTenant, client: httpx.Client) -> None:
    device_id = tenant.add_device(name="added", endpoint="urn:imei:990000000000017")
    added = by_id(tenant)[device_id]
    assert not added["migrated"] and len(added["registrations"]) == 1
    assert (
        client.get(f"/identity/externalIds/c8y_Id/{added['endpoint']}").json()["managedObject"][
            "id"
        ]
        == device_id
    )
    run_command(client, tenant.connector_id, f"migrateLwm2mDevices -d {device_id}")
    assert by_id(tenant)[device_id]["migrated"]
    registration = added["registrations"][0]
    op = run_command(client, tenant.connector_id, f"invalidateRegistrationById {registration}")
    assert op["status"] == "SUCCESSFUL"
    assert by_id(tenant)[device_id]["registrations"] == []
    with pytest.raises(ValueError, match="already registered"):
        tenant.add_device(endpoint="urn:imei:990000000000017")


def test_second_connector_commands_are_executed_too() -> None:
    with SimulatedTenant(devices=5, connectors=2, pending_delay=0, execution_delay=0) as tenant:
        assert len(tenant.connector_ids) == 2
        with httpx.Client(
            base_url=tenant.url,
            auth=("admin", "admin-secret-1"),
            headers={"Accept": "application/json"},
        ) as client:
            found = client.get(
                "/inventory/managedObjects", params={"type": "c8y_lwm2m_connector_device"}
            ).json()["managedObjects"]
            assert [mo["id"] for mo in found] == tenant.connector_ids
            op = run_command(client, tenant.connector_ids[1], "help")
            assert op["status"] == "SUCCESSFUL"
    with SimulatedTenant(devices=5, connectors=0) as bare, pytest.raises(RuntimeError):
        _ = bare.connector_id
